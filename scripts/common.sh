# Shared settings for ddi-compat's scripts. Source it; do not run it.
# shellcheck shell=bash

# A failure inside $(...) stops the script too (set -e alone does not reach
# into command substitutions: a failed module build would otherwise boot
# the VM with the modules of an earlier build).
shopt -s inherit_errexit

# The kernel we build against: Debian's linux-source package.
KPKG=${KPKG:-linux-source-7.3}
KSUITE=${KSUITE:-trixie-backports}
KMIRROR=${KMIRROR:-http://deb.debian.org/debian}
LLVM_SUFFIX=-19
export LIBCLANG_PATH=${LIBCLANG_PATH:-/usr/lib/llvm-19/lib}

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${DDI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddi-compat}

# Cargo-installed tools (bindgen) live here after `cargo install`.
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[ddi-compat]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[ddi-compat] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Run as root, or through sudo when we are not root.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
