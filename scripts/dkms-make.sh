#!/bin/sh
# DKMS's build command (see dkms.conf), run in DKMS's copy of the source:
#   sh scripts/dkms-make.sh <kernel build dir> [make arguments]
# DKMS 3.0 appends CC=clang LD=ld.lld for kernels built with clang; that
# would override LLVM=-19 (Rust-for-Linux kernels need LLVM >= 17, and
# Debian 12's plain `clang` is 14), so those two are dropped here.
kdir=$1
shift
args=
for a in "$@"; do
    case $a in
        CC=* | LD=*) ;;
        *) args="$args $a" ;;
    esac
done
# shellcheck disable=SC2086
exec make -C "$kdir" M="$PWD" LLVM="${DDI_LLVM:--19}" DDI_TESTS=n $args
