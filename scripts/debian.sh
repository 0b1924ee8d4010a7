#!/usr/bin/env bash
# Debian's own kernel, for `make test-debian`: fetch its packages, make a
# build chroot of the Debian release it belongs to (Debian's exact
# toolchain), and there, as a user of that release would, install the
# headers and linux-source packages, regenerate the Rust metadata the
# headers lack (scripts/rust-meta.sh), build our modules (make KDIR=...),
# and build the shim through DKMS (scripts/dkms-check.sh).
#
#   scripts/debian.sh <release>          prints the kernel dir (vmlinuz,
#                                        config, gen_init_cpio), then the
#                                        modules dir
#   scripts/debian.sh <release> --shell  a shell in that release's chroot
#
# Releases and their suites: scripts/debian/kernels. Everything is cached
# under $CACHE/debian/: <release>/ (packages, kernel) and chroot-<userland>/.
# Packages are fetched with a private apt list (papt): the machine's own apt
# sources are never touched; the chroot has its own apt, and is entered in
# a private mount namespace (unshare -m), so no mount outlives it. Needs
# root (debootstrap, chroot, mounts).
set -euo pipefail
. "$(dirname "$0")/common.sh"

rel=${1:-7.3.4+deb13-amd64}
entry=$(awk -v r="$rel" '$1 == r' "$TOP/scripts/debian/kernels")
[ -n "$entry" ] || die "no Debian kernel $rel in scripts/debian/kernels (known: $(awk '!/^#/ && NF {printf "%s ", $1}' "$TOP/scripts/debian/kernels"))"
read -r _ suite userland srcpkg <<< "$entry"
[ "$(id -u)" = 0 ] || die "make test-debian needs root (debootstrap, chroot, a private mount namespace): run it as root or through sudo"

D=$CACHE/debian
K=$D/$rel
R=$D/chroot-$userland
out=$TOP/.build/debian-$rel
mkdir -p "$D" "$out"

# in_chroot CMD...: CMD inside the chroot, in a private mount namespace with
# /proc, /sys, /dev, the project at /src/ddi-compat and our cache at
# /ddi-cache. Those mounts end with the namespace.
in_chroot() {
    cat /etc/resolv.conf > "$R/etc/resolv.conf"
    mkdir -p "$R/src/ddi-compat" "$R/ddi-cache"
    unshare -m --propagation private -- /bin/bash -c '
        set -e; r=$1; shift
        mount -t proc proc "$r/proc"
        mount -t sysfs sysfs "$r/sys"
        mount --rbind /dev "$r/dev"
        mount --bind "$1" "$r/src/ddi-compat"
        mount --bind "$2" "$r/ddi-cache"
        shift 2
        exec chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            DEBIAN_FRONTEND=noninteractive "$@"' _ "$R" "$TOP" "$CACHE" "$@"
}

# 1. The kernel's packages: binary-unsigned, headers (arch and common),
#    kbuild, base (the headers depend on it), and its linux-source (shared
#    with scripts/kernel.sh's download in $CACHE/src).
fetch() {
    local hdr=linux-headers-$rel deps ver f
    if [ ! -f "$K/debs/.done" ]; then
        say "fetching Debian's $rel packages from $suite (private apt list)"
        papt "$suite" "$suite" apt-get -qq update >&2 \
            || die "cannot update the private apt list for $suite ($KMIRROR)"
        deps=$(papt "$suite" "$suite" apt-cache show "$hdr" | sed -n '/^Depends: /{s///p;q}' |
            tr ',' '\n' | sed -n 's/^ *\(linux-\(headers\|kbuild\|base\)-[^ ]*\).*/\1/p')
        [ -n "$deps" ] || die "Debian has no package $hdr in $suite"
        rm -rf "$K/debs" "$K/debs.tmp"; mkdir -p "$K/debs.tmp"
        (cd "$K/debs.tmp" && papt "$suite" "$suite" apt-get -qq download \
            "linux-binary-unsigned-$rel" "$hdr" $deps >&2) \
            || die "cannot download Debian's $rel packages from $suite"
        mv "$K/debs.tmp" "$K/debs"; touch "$K/debs/.done"
    fi
    ver=$(dpkg-deb -f "$K/debs/${hdr}_"*.deb Version)
    SRCDEB=
    for f in "$CACHE/src/${srcpkg}_"*.deb; do
        [ -f "$f" ] && [ "$(dpkg-deb -f "$f" Version)" = "$ver" ] && SRCDEB=$f
    done
    if [ -z "$SRCDEB" ]; then
        say "fetching $srcpkg $ver from $suite"
        papt "$suite" "$suite" apt-get -qq update >&2
        mkdir -p "$CACHE/src"
        (cd "$CACHE/src" && papt "$suite" "$suite" apt-get -qq download "$srcpkg=$ver" >&2) \
            || die "cannot download $srcpkg $ver from $suite"
        SRCDEB=$(ls "$CACHE/src/${srcpkg}_"*.deb | while read -r f; do
            [ "$(dpkg-deb -f "$f" Version)" = "$ver" ] && echo "$f"; done | tail -1)
    fi
}

# 2. The kernel itself (vmlinuz), its config, and the kernel's own
#    gen_init_cpio (from our source tree) for the initramfs.
kernel() {
    [ -f "$K/kernel/.done" ] && return
    local t=$K/kernel.tmp src
    rm -rf "$K/kernel" "$t"; mkdir -p "$t/root"
    dpkg-deb -x "$K"/debs/linux-binary-unsigned-"$rel"_*.deb "$t/root"
    dpkg-deb -x "$K"/debs/linux-base-"$rel"_*.deb "$t/root"
    mv "$t"/root/usr/lib/modules/"$rel"/vmlinuz* "$t/vmlinuz"
    mv "$t/root/usr/lib/modules/$rel/config" "$t/config"
    rm -rf "$t/root"
    src=$("$TOP/scripts/kernel.sh" source)
    gcc -O2 -o "$t/gen_init_cpio" "$src/usr/gen_init_cpio.c"
    mv "$t" "$K/kernel"; touch "$K/kernel/.done"
}

# 3. The chroot: debootstrap (from its .deb, not installed) --variant=minbase,
#    then what building Rust modules and the kernel's rust/ needs.
# USER_PKGS is the README's apt-get install line for Debian users (without
# the kernel's headers, linux-source and gcc-<N>, added per kernel below);
# git, kmod and openssl (DKMS makes its MOK and signs with it) are for
# scripts/dkms-check.sh.
USER_PKGS="make rustc rust-src bindgen libclang-dev libelf-dev libssl-dev flex bison bc xz-utils python3 dwarves"
BASE_PKGS="$USER_PKGS git kmod openssl"
chroot_base() {
    local dbs=$D/debootstrap-$userland s
    if [ ! -f "$R/.ddi-debootstrap" ]; then
        if [ ! -x "$dbs/usr/sbin/debootstrap" ]; then
            say "fetching debootstrap from $userland"
            papt "$userland" "$userland" apt-get -qq update >&2
            rm -rf "$dbs"; mkdir -p "$dbs"
            (cd "$dbs" && papt "$userland" "$userland" apt-get -qq download debootstrap >&2)
            dpkg-deb -x "$dbs"/debootstrap_*.deb "$dbs"
        fi
        say "debootstrap --variant=minbase $userland into $R (a few minutes)"
        rm -rf "$R"
        unshare -m --propagation private -- env DEBOOTSTRAP_DIR="$dbs/usr/share/debootstrap" \
            "$dbs/usr/sbin/debootstrap" --variant=minbase "$userland" "$R" "$KMIRROR" \
            > "$D/debootstrap-$userland.log" 2>&1 \
            || { tail -20 "$D/debootstrap-$userland.log" >&2; die "debootstrap $userland failed (log: $D/debootstrap-$userland.log)"; }
        touch "$R/.ddi-debootstrap"
    fi
    [ "$(cat "$R/.ddi-base" 2>/dev/null)" = "$BASE_PKGS" ] && return
    for s in $userland $suite; do echo "deb $KMIRROR $s main"; done | uniq > "$R/etc/apt/sources.list"
    # sid's Release file is valid for a week only; a mirror or snapshot
    # that lags behind must still do for a test chroot.
    echo 'Acquire::Check-Valid-Until "false";' > "$R/etc/apt/apt.conf.d/99ddi-valid-until"
    say "installing the build toolchain in the $userland chroot"
    in_chroot apt-get -qq update >&2
    # shellcheck disable=SC2086
    in_chroot apt-get install -y -qq --no-install-recommends $BASE_PKGS > "$D/chroot-$userland.log" 2>&1 \
        || { tail -20 "$D/chroot-$userland.log" >&2; die "cannot install the toolchain in the $userland chroot"; }
    echo "$BASE_PKGS" > "$R/.ddi-base"
}

# 4. This kernel's headers, kbuild and linux-source packages, and the gcc it
#    was built with, installed in the chroot as on a user's machine.
chroot_kernel() {
    local cc gcc debs f
    [ -f "$R/.ddi-$rel" ] && return
    cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\).*/\1/p' "$K/kernel/config")
    gcc=gcc-${cc##*-}
    debs=()
    for f in "$K"/debs/*.deb "$SRCDEB"; do
        case $(basename "$f") in linux-binary-*) ;; *) debs+=("/ddi-cache/${f#"$CACHE"/}") ;; esac
    done
    say "installing $gcc and Debian's $rel headers and $srcpkg in the $userland chroot"
    in_chroot apt-get install -y -qq --no-install-recommends "$gcc" "${debs[@]}" > "$D/chroot-$userland.log" 2>&1 \
        || { tail -20 "$D/chroot-$userland.log" >&2; die "cannot install $rel's packages in the $userland chroot"; }
    touch "$R/.ddi-$rel"
}

fetch
kernel
chroot_base
chroot_kernel

if [ "${2:-}" = --shell ]; then
    in_chroot bash -c 'cd /src/ddi-compat && exec bash -i'
    exit
fi

# 5. As the README tells a Debian user: regenerate the Rust metadata once,
#    then build against the installed headers.
say "building our modules for $rel in the $userland chroot (Debian's toolchain)"
in_chroot bash -c "cd /src/ddi-compat && scripts/rust-meta.sh /lib/modules/$rel/build >/dev/null && make KDIR=/lib/modules/$rel/build modules" >&2
mods=$TOP/.build/$(basename "$(rust_meta_dir "$R/usr/src/linux-headers-$rel")")

# 6. DKMS, for real, in the chroot (dkms installed there on first use).
say "dkms build for $rel in the $userland chroot"
rc=0
in_chroot bash -c "cd /src/ddi-compat && scripts/dkms-check.sh /lib/modules/$rel/build" > "$out/dkms.log" 2>&1 || rc=$?
echo $rc > "$out/dkms.log.rc"
tail -1 "$out/dkms.log" >&2

echo "$K/kernel"
echo "$mods"
