#!/usr/bin/env bash
# Builds the shim through DKMS, for real, against a kernel tree (default:
# our cached debug kernel), in a private DKMS tree (the machine's
# /var/lib/dkms is not touched), from the source tree as git sees it
# (tracked and new files, with their changes):
#
#   scripts/dkms-check.sh [kernel build dir]
#
# make test-debian runs it in its Debian chroot against Debian's headers
# (with the Rust metadata of scripts/rust-meta.sh). Installs Debian's dkms
# when missing.
set -euo pipefail
. "$(dirname "$0")/common.sh"

dpkg-query -W -f='${Status}' dkms 2>/dev/null | grep -q 'install ok installed' || {
    say "installing Debian package dkms"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dkms >/dev/null
}
kdir=${1:-$("$TOP/scripts/kernel.sh" debug)}
krel=$(make -s -C "$kdir" kernelrelease)
ver=$(cat "$TOP/VERSION")
grep -q "PACKAGE_VERSION=\"$ver\"" "$TOP/dkms.conf" || die "dkms.conf's PACKAGE_VERSION is not VERSION ($ver)"

work=$(mktemp -d)
trap '[ -f "$work/make.log" ] && tail -20 "$work/make.log"; rm -rf "$work"' EXIT
mkdir -p "$work/src/ddi-compat-$ver" "$work/tree"
git -C "$TOP" ls-files -z --cached --others --exclude-standard |
    (cd "$TOP" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -x -C "$work/src/ddi-compat-$ver"
opts=(--sourcetree "$work/src" --dkmstree "$work/tree" -m ddi-compat -v "$ver")
dkms add "${opts[@]}"
say "dkms build for $krel against $kdir"
dkms build "${opts[@]}" -k "$krel" --kernelsourcedir "$kdir" || { cp "$work/tree/ddi-compat/$ver/build/make.log" "$work/make.log"; exit 1; }
ko=$(find "$work/tree" -name ddi_compat.ko | head -1)
[ -n "$ko" ] || die "dkms produced no ddi_compat.ko"
# DKMS signs what it builds with its MOK when the kernel has MODULE_SIG
# (Secure Boot: Documentation/install.rst).
signed=""
[ "$(tail -c 28 "$ko")" != "~Module signature appended~" ] || signed=", signed by DKMS's MOK"
say "dkms built $(basename "$ko"): $(modinfo -F version "$ko") for $(modinfo -F vermagic "$ko" | sed "s/ *$//")$signed"
