#!/usr/bin/env bash
# Idempotent host set-up: Debian packages, rust-src, bindgen. Does nothing
# when everything is present, so every make target can call it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

# libdw-dev: the hardened kernel's gendwarfksyms (MODVERSIONS for Rust).
# qemu-system-arm, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross: the arm64
# flavour's VM and its static user-space tests.
PKGS=(clang-19 lld-19 llvm-19 libclang-19-dev qemu-system-x86 busybox-static
      cpio gzip xz-utils flex bison bc make gcc g++ libc6-dev libelf-dev libssl-dev
      libdw-dev python3 binutils ca-certificates kmod wget patch
      qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross)

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v rustup >/dev/null || die "rustup not found: install Rust with rustup (https://rustup.rs)"
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    say "rustup component add rust-src"
    rustup component add rust-src
fi

# The host fuzz target (fuzz/) runs under cargo-fuzz.
if ! command -v cargo-fuzz >/dev/null; then
    say "cargo install cargo-fuzz --locked"
    cargo install cargo-fuzz --locked
fi

# Linux 7.3 needs bindgen >= 0.71.1; Debian's is older.
v=$(bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$v" ] || [ "$(printf '%s\n0.71.1\n' "$v" | sort -V | head -1)" != 0.71.1 ]; then
    say "cargo install bindgen-cli --locked"
    cargo install bindgen-cli --locked
fi
