# Shared settings for ddi-compat's scripts. Source it; do not run it.
# shellcheck shell=bash

# A failure inside $(...) stops the script too (set -e alone does not reach
# into command substitutions: a failed module build would otherwise boot
# the VM with the modules of an earlier build).
shopt -s inherit_errexit

# The kernel we build ourselves: Debian's linux-source package, built with
# Debian 12's clang-19.
KPKG=${KPKG:-linux-source-7.3}
KSUITE=${KSUITE:-trixie-backports}
KMIRROR=${KMIRROR:-http://deb.debian.org/debian}
LLVM_SUFFIX=-19
[ -d /usr/lib/llvm-19/lib ] && export LIBCLANG_PATH=${LIBCLANG_PATH:-/usr/lib/llvm-19/lib}

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Under sudo (`sudo make modules_install`) HOME is root's: use the cache of
# the user who ran sudo, where their builds and Rust metadata are.
home=$HOME
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
    home=$(getent passwd "$SUDO_USER" | cut -d: -f6)
fi
CACHE=${DDI_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/ddi-compat}
unset home

# Kernel flavours. Each is built and cached by scripts/kernel.sh from
# tinyconfig plus its fragments of scripts/config/ (merged in this order)
# for its architecture, and tested by `make test FLAVOUR=<name>`;
# `make test-matrix` tests those of MATRIX. plain is for benchmarks only.
MATRIX="debug hardened rt arm64"
# flavour NAME: sets KFRAGS (the fragments, without .config), KPATCHES
# (the patches of scripts/kernel-patches/ it needs, without .patch) and
# KARCH (the kernel's ARCH).
flavour() {
    KARCH=x86 KPATCHES=()
    case $1 in
        plain) KFRAGS=(base x86) ;;
        debug) KFRAGS=(base x86 debug) ;;
        hardened) KFRAGS=(base x86 debug hardened) ;;
        rt) KFRAGS=(base x86 debug rt); KPATCHES=(rust-spinlock-irq-test-rt) ;;
        arm64) KFRAGS=(base arm64 debug); KARCH=arm64 ;;
        *) die "unknown kernel flavour '$1': plain or one of $MATRIX" ;;
    esac
}

# karch KDIR: the ARCH of the kernel tree KDIR (x86 or arm64), from its
# configuration.
karch() { if [ "$(kconfig "$1" ARM64)" = y ]; then echo arm64; else echo x86; fi; }

# Cargo-installed tools (bindgen, cargo-fuzz) live here after `cargo install`.
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[ddi-compat]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[ddi-compat] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Run as root, or through sudo when we are not root.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# papt NAME "SUITE..." apt-get|apt-cache ARGS...: apt with a private source
# list ("deb $KMIRROR <suite> main" for each suite) and private state and
# cache under $CACHE/apt/NAME. The machine's own apt sources and state are
# never read or changed.
papt() {
    local dir=$CACHE/apt/$1 suites=$2 cmd=$3 s
    shift 3
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
    for s in $suites; do echo "deb $KMIRROR $s main"; done > "$dir/sources.list"
    "$cmd" -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
        -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User="$(id -un)" "$@"
}

# vm_busybox ARCH: a static busybox for the VM's initramfs. x86: Debian's
# busybox-static, installed by setup.sh. arm64: the arm64 build of the same
# package from this machine's Debian release, fetched once (papt, with
# Architecture arm64) into $CACHE/busybox-arm64/.
vm_busybox() {
    local dir=$CACHE/busybox-$1 suite deb
    if [ "$1" = x86 ]; then command -v busybox; return; fi
    if [ ! -x "$dir/busybox" ]; then
        suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
        say "fetching Debian's busybox-static:$1 ($suite) into $dir"
        rm -rf "$dir"; mkdir -p "$dir/deb"
        local arch=(-o APT::Architecture="$1" -o APT::Architectures="$1")
        papt "$suite-$1" "$suite" apt-get -qq "${arch[@]}" update >&2 ||
            die "cannot update the private apt list for $suite ($1)"
        (cd "$dir/deb" && papt "$suite-$1" "$suite" apt-get -qq "${arch[@]}" download busybox-static >&2) ||
            die "cannot download busybox-static:$1 from $suite"
        deb=$(ls "$dir"/deb/busybox-static_*.deb)
        dpkg-deb -x "$deb" "$dir/deb/x"
        cp "$dir/deb/x/bin/busybox" "$dir/busybox.tmp" && mv "$dir/busybox.tmp" "$dir/busybox"
        rm -rf "$dir/deb/x"
    fi
    echo "$dir/busybox"
}

# kconfig KDIR OPTION: CONFIG_<OPTION> of the kernel tree KDIR, from the
# kernel's own configuration (include/config/auto.conf, else .config),
# without quotes; empty when unset.
kconfig() {
    local f=$1/include/config/auto.conf
    [ -f "$f" ] || f=$1/.config
    sed -n "/^CONFIG_$2=/{s/^CONFIG_$2=//;s/^\"\\(.*\\)\"\$/\\1/;p;q}" "$f"
}

# What out-of-tree Rust needs in a kernel build tree besides headers: the
# kernel crate's metadata, the proc macros, and (x86) the target spec.
rust_meta_present() {
    [ -f "$1/rust/libkernel.rmeta" ] && [ -f "$1/rust/libmacros.so" ] &&
        { [ "$(kconfig "$1" X86)" != y ] || [ -f "$1/scripts/target.json" ]; }
}

# Where scripts/rust-meta.sh keeps the build tree it makes for the headers
# tree $1: keyed by kernel release and the headers' own .config.
rust_meta_dir() {
    local rel hash
    rel=$(cat "$1/include/config/kernel.release")
    hash=$(sha256sum < "$1/.config" | cut -c1-12)
    echo "$CACHE/rust-meta/$rel-$hash"
}

# kbuild_toolchain KDIR: reads the kernel tree KDIR's own configuration
# and checks that this machine can build Rust modules for it: CONFIG_RUST,
# the kernel's compiler, exactly the kernel's rustc. Sets KBUILD_ARGS, the
# make arguments that kernel needs: LLVM=-<major> for a clang-built kernel,
# none for GCC (a GCC kernel's tree names its compiler itself), and KCC,
# the compiler the kernel was built with.
kbuild_toolchain() {
    local kdir=$1 ccv major want have
    [ -f "$kdir/Makefile" ] || die "KDIR=$kdir is not a kernel build tree (no Makefile)."
    [ -f "$kdir/include/config/auto.conf" ] || [ -f "$kdir/.config" ] ||
        die "KDIR=$kdir has no kernel configuration (.config or include/config/auto.conf): run 'make modules_prepare' in that tree, or install the matching linux-headers package."
    [ "$(kconfig "$kdir" RUST)" = y ] ||
        die "The kernel in $kdir was built without Rust (CONFIG_RUST is not set). ddi_compat.ko is written in Rust and needs a kernel with CONFIG_RUST=y; no Rust module can load into this one. Debian's 7.x kernels have Rust (Debian's 6.12 has none); 'make test' builds a Rust-enabled kernel of its own."
    ccv=$(kconfig "$kdir" CC_VERSION_TEXT)
    if [ "$(kconfig "$kdir" CC_IS_CLANG)" = y ]; then
        major=$(( $(kconfig "$kdir" CLANG_VERSION) / 10000 ))
        KBUILD_ARGS=(LLVM=-"$major")
        KCC=clang-$major
        command -v "clang-$major" >/dev/null && command -v "ld.lld-$major" >/dev/null ||
            die "The kernel in $kdir was built with clang $major ($ccv), and out-of-tree modules must be built with the same LLVM: clang-$major and ld.lld-$major are not in PATH. On Debian: apt-get install clang-$major lld-$major llvm-$major."
    else
        KBUILD_ARGS=()
        KCC=${ccv%% *}
        command -v "$KCC" >/dev/null ||
            die "The kernel in $kdir was built with $KCC ($ccv), which is not installed here; modules must be built with the kernel's own compiler. On Debian, $KCC comes with the package gcc-${KCC##*-} (apt-get install gcc-${KCC##*-})."
    fi
    # A kernel of another architecture (arm64 on an x86 host): clang
    # cross-compiles for it when told ARCH.
    [ "$(karch "$kdir")" = x86 ] || KBUILD_ARGS+=(ARCH="$(karch "$kdir")")
    want=$(kconfig "$kdir" RUSTC_VERSION_TEXT)
    have=$(rustc --version 2>/dev/null || echo "no rustc in PATH")
    [ "$have" = "$want" ] ||
        die "The kernel in $kdir was built with '$want', but the rustc here is '$have'. Rust modules must be built with exactly the kernel's rustc: another version fails on unknown flags or names the core crate differently, so the module cannot link to the kernel. On Debian, install the distribution's rustc and rust-src (apt-get install rustc rust-src) and put it first in PATH (rustup's rustc shadows it)."
}

# kbuild KDIR: kbuild_toolchain's checks, then the Rust metadata. Sets
# KBUILD_DIR: KDIR, or the tree scripts/rust-meta.sh made for it when KDIR
# has none (distributions' headers). Whether the KUnit test module is
# built, Kbuild decides from CONFIG_KUNIT.
kbuild() {
    local kdir=$1 alt
    kbuild_toolchain "$kdir"
    if ! rust_meta_present "$kdir"; then
        alt=$(rust_meta_dir "$kdir")
        rust_meta_present "$alt" ||
            die "The kernel tree $kdir has no Rust metadata (rust/libkernel.rmeta, rust/libmacros.so, scripts/target.json): distributions' linux-headers packages do not ship it, and out-of-tree Rust modules cannot be built without it. Regenerate it once, from the matching linux-source package, into our cache: scripts/rust-meta.sh $kdir (on Debian, after apt-get install linux-source-$(kconfig_release_series "$kdir")). Later builds against $kdir then use it by themselves."
        say "using the Rust metadata regenerated for $kdir: $alt"
        kdir=$alt
    fi
    [ "$(kconfig "$kdir" KUNIT)" = y ] || [ "$(kconfig "$kdir" KUNIT)" = m ] ||
        say "CONFIG_KUNIT is off in $kdir: the KUnit test module is left out"
    KBUILD_DIR=$kdir
}

# The X.Y of a kernel tree's release (7.3 for 7.3.4+deb13-amd64): Debian's
# linux-source-X.Y package matches it.
kconfig_release_series() {
    sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p' "$1/include/config/kernel.release"
}
