#!/usr/bin/env bash
# Boot a kernel in QEMU with a busybox initramfs, load modules, run tests.
#
#   scripts/vm.sh --mode test|run|bench --kernel <build dir or image> --modules <dir>
#                 --user <dir> --out <dir> [--extra "/abs/a.ko /abs/b.ko"] [--append "kernel args"]
#                 [--gen-init-cpio <program>]
#
# --kernel is a kernel build tree (its boot image and usr/gen_init_cpio
# are used; x86 or arm64, from its configuration) or an x86 kernel image
# file, such as Debian's vmlinuz, with --gen-init-cpio naming the kernel's
# gen_init_cpio program.
#
# Two ports: the kernel console (captured to console.log, scanned for
# splats) and one that carries only what the init script sends
# (results.log: markers, KTAP of each suite, user-test output). On x86
# they are the serial ports ttyS0 and ttyS1 (qemu-system-x86_64); on arm64
# (qemu-system-aarch64 -machine virt, which has one UART) the PL011 ttyAMA0
# and a virtio console, hvc0. The guest ends with `reboot -f`; with
# -no-reboot QEMU then exits. A hard timeout kills QEMU if the guest never
# gets there.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mode=test extra="" gen="" cmdline="" timeout=${VM_TIMEOUT:-900}
while [ $# -gt 0 ]; do
    case $1 in
        --mode) mode=$2; shift 2 ;;
        --kernel) kdir=$2; shift 2 ;;
        --modules) mods=$2; shift 2 ;;
        --user) users=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --extra) extra=$2; shift 2 ;;
        --gen-init-cpio) gen=$2; shift 2 ;;
        --append) cmdline=$2; shift 2 ;;
        *) die "vm.sh: unknown argument $1" ;;
    esac
done
arch=x86
if [ -f "$kdir" ]; then
    bz=$kdir
else
    arch=$(karch "$kdir")
    case $arch in
        x86) bz="$kdir/arch/x86/boot/bzImage" ;;
        arm64) bz="$kdir/arch/arm64/boot/Image" ;;
    esac
    [ -f "$bz" ] || die "no $(basename "$bz") in $kdir: make run/test need a full kernel build tree"
    gen=${gen:-$kdir/usr/gen_init_cpio}
fi
case $arch in
    x86) console=ttyS0 results=ttyS1 ;;
    arm64) console=ttyAMA0 results=hvc0 ;;
esac
[ -x "$gen" ] || die "no gen_init_cpio program (${gen:-give --gen-init-cpio})"

rm -rf "$out"; mkdir -p "$out"

# Modules in load order: the shim, our tests (test mode), the sample
# drivers, the benchmarks (bench mode), then the user's own modules. Unloaded in reverse at the end.
load=("$mods/ddi_compat.ko")
if [ "$mode" = test ]; then
    for m in "$mods"/tests/kunit/*.ko; do [ -e "$m" ] && load+=("$m"); done
fi
for m in "$mods"/sample_driver/*.ko "$mods"/sample_driver/*/*.ko; do [ -e "$m" ] && load+=("$m"); done
if [ "$mode" = bench ]; then
    for m in "$mods"/bench/*.ko; do [ -e "$m" ] && load+=("$m"); done
fi
for m in $extra; do
    [ -f "$m" ] || die "EXTRA_MODULES: no such file $m"
    load+=("$m")
done

# The initramfs, described for the kernel's own gen_init_cpio (no root
# needed for device nodes).
spec="$out/initramfs.spec"
{
    echo "dir /bin 755 0 0"; echo "dir /dev 755 0 0"; echo "dir /proc 755 0 0"
    echo "dir /sys 755 0 0"; echo "dir /tmp 1777 0 0"; echo "dir /modules 755 0 0"
    echo "dir /tests 755 0 0"
    echo "nod /dev/console 600 0 0 c 5 1"
    echo "file /bin/busybox $(vm_busybox "$arch") 755 0 0"
    echo "file /init $TOP/scripts/vm-init.sh 755 0 0"
    echo "$mode" > "$out/mode"; echo "file /mode $out/mode 644 0 0"
    echo "$results" > "$out/results-tty"; echo "file /results-tty $out/results-tty 644 0 0"
    : > "$out/modules.list"
    for m in "${load[@]}"; do
        echo "file /modules/$(basename "$m") $m 644 0 0"
        basename "$m" >> "$out/modules.list"
    done
    echo "file /modules.list $out/modules.list 644 0 0"
    # The DDI's exports (plain EXPORT_SYMBOLs of ddi_compat): shown by
    # make run, and each of them called by the CDDL module; not the glue of
    # <ddi/module.h> (namespace DDI_COMPAT_GLUE), which DDI_MODULE() calls.
    : > "$out/ddi-exports"
    [ ! -e "$mods/Module.symvers" ] ||
        awk -F'\t' '$3 == "ddi_compat" && $4 == "EXPORT_SYMBOL" && $5 == "" { print $2 }' \
            "$mods/Module.symvers" | sort > "$out/ddi-exports"
    echo "file /ddi-exports $out/ddi-exports 644 0 0"
    # Loaded by a test, not at boot: the frame's test driver
    # (tests/user/frame.c), and the CDDL module (tests/user/cddl_link.c),
    # expected everywhere but on x86-64 kCFI kernels, where Kbuild leaves
    # it out (a kernel image without its tree is Debian's: no kCFI).
    if [ "$mode" = test ]; then
        for m in "$mods"/tests/cddl/*.ko "$mods"/tests/frame/*.ko "$mods"/tests/illumos/*.ko; do
            [ -e "$m" ] && echo "file /modules/$(basename "$m") $m 644 0 0"
        done
        if [ -f "$kdir" ] || [ "$arch" != x86 ] || [ "$(kconfig "$kdir" CFI)" != y ]; then
            echo "the CDDL test module must be there" > "$out/cddl-expected"
            echo "file /cddl-expected $out/cddl-expected 644 0 0"
            # illumos's eventfd.c (CDDL too), built when ILLUMOS_SRC names
            # a checkout (Kbuild; tests/user/illumos_eventfd.c).
            if [ -n "${ILLUMOS_SRC:-}" ] && [ ! -f "$kdir" ]; then
                echo "$ILLUMOS_SRC" > "$out/illumos-expected"
                echo "file /illumos-expected $out/illumos-expected 644 0 0"
            fi
        fi
    fi
    if [ "$mode" != run ]; then
        for t in "$users"/*; do [ -x "$t" ] && echo "file /tests/$(basename "$t") $t 755 0 0"; done
    fi
    [ -f "$TOP/scripts/vm-$mode.sh" ] && echo "file /$mode.sh $TOP/scripts/vm-$mode.sh 755 0 0"
} > "$spec"
"$gen" "$spec" | gzip -1 > "$out/initramfs.cpio.gz"

append="console=$console panic=-1 loglevel=7"
[ "$mode" = test ] || append+=" kunit.enable=0"
[ -z "$cmdline" ] || append+=" $cmdline"

# qemu TIMEOUT ARGS...: the guest, with ARGS (accelerator and CPU).
qemu() {
    local ports
    case $arch in
        x86) ports=(qemu-system-x86_64 -serial file:"$out/console.log" -serial file:"$out/results.log") ;;
        arm64) ports=(qemu-system-aarch64 -machine virt -serial file:"$out/console.log"
                      -device virtio-serial-device -chardev file,id=results,path="$out/results.log"
                      -device virtconsole,chardev=results) ;;
    esac
    timeout -k 10 "$1" "${ports[0]}" "${@:2}" "${ports[@]:1}" -m 2048 -smp 2 \
        -nodefaults -no-user-config -display none -no-reboot \
        -kernel "$bz" -initrd "$out/initramfs.cpio.gz" -append "$append"
}

# KVM only when the CPU really offers it: /dev/kvm alone is not enough
# (on our CI machines it exists, but without vmx/svm QEMU hangs). Even
# then, give KVM 60 s to reach the guest's first marker, else use TCG.
accel=tcg
if [ "$arch" = x86 ] && grep -qwE 'vmx|svm' /proc/cpuinfo && [ -w /dev/kvm ]; then
    say "trying KVM"
    qemu "$timeout" -accel kvm -cpu host &
    pid=$!
    for _ in $(seq 60); do
        grep -q '@@ddi boot' "$out/results.log" 2>/dev/null && { accel=kvm; break; }
        kill -0 $pid 2>/dev/null || break
        sleep 1
    done
    if [ $accel = kvm ]; then
        wait $pid && rc=0 || rc=$?
    else
        say "KVM did not boot the guest within 60 s; falling back to TCG"
        kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
    fi
fi
echo "$accel" > "$out/accel"
t0=$SECONDS
if [ $accel = tcg ]; then
    say "booting $bz under QEMU/TCG (software emulation, no KVM), ${#load[@]} module(s)"
    # arm64: pointer authentication with QEMU's own cheap algorithm, not
    # QARMA, which costs much under TCG and tests nothing of ours.
    cpu=max; [ "$arch" = arm64 ] && cpu=max,pauth-impdef=on
    qemu "$timeout" -accel tcg -cpu "$cpu" && rc=0 || rc=$?
    # A kernel that dies before our init script runs has run nothing of
    # ours (the modules load from it): a boot-time crash of the kernel
    # under TCG, say text patching racing a timer interrupt. Boot once
    # more, keeping the first console log; results.py counts the second.
    if ! grep -q '@@ddi boot' "$out/results.log" 2>/dev/null; then
        mv "$out/console.log" "$out/console-first-boot.log"
        say "the guest died before its init script (kept as console-first-boot.log); booting once more"
        : > "$out/results.log"
        qemu "$timeout" -accel tcg -cpu "$cpu" && rc=0 || rc=$?
    fi
fi
echo $((SECONDS - t0)) > "$out/seconds"
[ $rc = 124 ] && say "the VM hit the ${timeout}s timeout and was killed"
echo "$rc" > "$out/qemu-rc"
exit 0
