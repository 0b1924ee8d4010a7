#!/usr/bin/env bash
# Regenerate the Rust metadata that distributions' headers packages lack,
# so that out-of-tree Rust modules can be built against them:
#
#   scripts/rust-meta.sh [--source <tarball or dir>] [--in-place] <headers dir>
#
# e.g. scripts/rust-meta.sh /lib/modules/$(uname -r)/build. The headers
# tree (Debian: linux-headers-<release>) has the kernel's .config and
# Module.symvers, but no rust/*.rmeta, no proc-macro .so and no
# scripts/target.json. They are rebuilt from the same version's source
# (default /usr/src/linux-source-X.Y.tar.xz, Debian's linux-source-X.Y)
# with the headers' own .config: make olddefconfig, make prepare, make rust/,
# with the kernel's own compiler and exactly its rustc (checked first).
#
# The result is a copy of the headers tree (a few MB; the headers' Makefile
# pointed at the copy) plus those files, in our cache:
# $CACHE/rust-meta/<release>-<.config hash>/. Its path is printed.
# `make KDIR=<headers dir>` and DKMS (scripts/dkms-make.sh) then find and use
# it by themselves. The headers tree is not touched, unless --in-place: then
# rust/ goes into the headers tree and target.json into its scripts/ (Debian:
# /usr/lib/linux-kbuild-X.Y/scripts, shared by that version's flavours), so
# that any build against it works, as root's DKMS autoinstall does.
#
# About 4 minutes on 2 cores, 2 GB of disk while it runs (the unpacked
# source and the object tree are deleted afterwards).
set -euo pipefail
. "$(dirname "$0")/common.sh"

src="" inplace=0
while [ $# -gt 1 ]; do
    case $1 in
        --source) src=$2; shift 2 ;;
        --in-place) inplace=1; shift ;;
        *) die "usage: $0 [--source <tarball or dir>] [--in-place] <headers dir>" ;;
    esac
done
[ $# = 1 ] || die "usage: $0 [--source <tarball or dir>] [--in-place] <headers dir>"
[ -d "$1" ] || die "no such headers tree: $1"
H=$(cd "$1" && pwd -P)

if rust_meta_present "$H"; then
    say "$H already has the Rust metadata"
    echo "$H"; exit 0
fi
out=$(rust_meta_dir "$H")
if rust_meta_present "$out" && [ $inplace = 0 ]; then
    echo "$out"; exit 0
fi

kbuild_toolchain "$H"
rel=$(cat "$H/include/config/kernel.release")
series=$(kconfig_release_series "$H")
command -v bindgen >/dev/null || die "bindgen is not installed (Debian: apt-get install bindgen)"
src=${src:-/usr/src/linux-source-$series.tar.xz}
[ -e "$src" ] || die "no kernel source $src for $rel: install the matching source package (Debian: apt-get install linux-source-$series), or name one with --source"

work=$out.work
rm -rf "$work"; mkdir -p "$work/obj"
trap 'rm -rf "$work"' EXIT
if [ -d "$src" ]; then
    srctree=$(cd "$src" && pwd -P)
else
    say "unpacking $src"
    tar -xf "$src" -C "$work"
    srctree=$(find "$work" -mindepth 2 -maxdepth 2 -name Makefile -printf '%h\n' | grep -v /obj | head -1)
fi
v=$(make -s -C "$srctree" kernelversion)
case $rel in "$v"|"$v"[!0-9]*) ;; *) die "$src is Linux $v, but the headers are $rel: use the same version's source" ;; esac

# The kernel's own compiler for everything (Debian's headers name it in
# .kernelvariables, which the plain source tree does not read).
if [ ${#KBUILD_ARGS[@]} = 0 ]; then
    KBUILD_ARGS=(CC="$KCC" HOSTCC="$KCC")
fi
kmake() { make -s -C "$srctree" O="$work/obj" KERNELRELEASE="$rel" "${KBUILD_ARGS[@]}" "$@"; }

say "regenerating the Rust metadata of $rel from $(basename "$src") with $KCC and $(rustc --version) (about 4 minutes)"
cp "$H/.config" "$work/obj/.config"
kmake olddefconfig >&2
dropped=$(comm -23 <(grep '^CONFIG_' "$H/.config" | sort) <(grep '^CONFIG_' "$work/obj/.config" | sort) | tr '\n' ' ')
[ -z "$dropped" ] || say "olddefconfig on this machine dropped or changed (harmless unless the kernel crate depends on them): $dropped"
kmake prepare >&2
kmake -j"$(nproc)" rust/ >&2

if [ $inplace = 1 ]; then
    mkdir -p "$H/rust"
    cp "$work"/obj/rust/*.rmeta "$work"/obj/rust/*.so "$H/rust/"
    [ ! -f "$work/obj/scripts/target.json" ] || cp "$work/obj/scripts/target.json" "$H/scripts/"
    rust_meta_present "$H" || die "the regenerated files are incomplete in $H"
    say "Rust metadata written into $H"
    echo "$H"; exit 0
fi

# The copy of the headers tree: top-level symlinks made absolute, scripts/
# a real directory (target.json goes there), the Makefile's own path
# pointing at the copy.
new=$out.tmp
rm -rf "$new"; mkdir -p "$new"
cp -a "$H/." "$new/"
for l in "$new"/*; do
    [ -L "$l" ] || continue
    t=$(readlink -f "$H/$(basename "$l")")
    rm "$l"
    if [ "$(basename "$l")" = scripts ]; then cp -a "$t" "$l"; else ln -s "$t" "$l"; fi
done
sed -i "s|^KBUILD_OUTPUT=.*|KBUILD_OUTPUT=$out|" "$new/Makefile"
mkdir -p "$new/rust"
cp "$work"/obj/rust/*.rmeta "$work"/obj/rust/*.so "$new/rust/"
if [ -d "$work/obj/rust/helpers" ]; then
    mkdir -p "$new/rust/helpers"; cp "$work"/obj/rust/helpers/*.bc "$new/rust/helpers/" 2>/dev/null || true
fi
[ ! -f "$work/obj/scripts/target.json" ] || cp "$work/obj/scripts/target.json" "$new/scripts/"
echo "$H" > "$new/.ddi-headers"
rust_meta_present "$new" || die "the regenerated files are incomplete in $new"
rm -rf "$out"; mv "$new" "$out"
say "Rust metadata for $rel in $out; builds against $H use it"
echo "$out"
