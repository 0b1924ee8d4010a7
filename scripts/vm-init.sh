#!/bin/busybox sh
# /init of the test VM (see scripts/vm.sh). Results go to the port named
# in /results-tty (ttyS1, or hvc0 on arm64), one marker line per event,
# KTAP between ktap-begin/ktap-end markers.
export PATH=/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
R=/dev/$(cat /results-tty)
stty -F $R raw -echo 2>/dev/null
res() { echo "$*" > $R; }
mode=$(cat /mode)
res "@@ddi boot $(uname -r) cpus=$(nproc) mode=$mode"
[ -w /sys/kernel/debug/kmemleak ] && echo clear > /sys/kernel/debug/kmemleak
# Fault injection, for the fail-nth sweeps (tests/kunit/fault_sweep.c,
# tests/user/fault_sweep.c): sleeping and order-0 allocations can be failed
# too, and an injected failure prints no stack dump of its own. Nothing is
# failed until a test arms fail-nth or a probability.
F=/sys/kernel/debug
for d in failslab fail_page_alloc; do
    [ -w $F/$d/ignore-gfp-wait ] && echo N > $F/$d/ignore-gfp-wait
done
[ -w $F/fail_page_alloc/min-order ] && echo 0 > $F/fail_page_alloc/min-order
for d in failslab fail_page_alloc fail_usercopy; do
    [ -w $F/$d/verbose ] && echo 0 > $F/$d/verbose
done

for m in $(cat /modules.list); do
    insmod /modules/$m; res "@@ddi insmod $m $?"
done

if [ "$mode" = test ]; then
    for f in /sys/kernel/debug/kunit/*/results; do
        [ -e "$f" ] || continue
        s=$(basename "$(dirname "$f")")
        res "@@ddi ktap-begin kunit:$s"; cat "$f" > $R; res "@@ddi ktap-end kunit:$s 0"
    done
    # fault_sweep last: it unloads and reloads the modules; then
    # illumos_eventfd, whose CDDL driver taints the kernel (lockdep is off
    # after it; the unloads and kmemleak's scan below still see its
    # leaks). cddl_link runs after the unloads and the scan (below).
    for t in $(ls /tests/* | grep -Ev '/(fault_sweep|cddl_link|illumos_eventfd)$') /tests/fault_sweep \
        /tests/illumos_eventfd; do
        [ -x "$t" ] || continue
        n=$(basename "$t")
        res "@@ddi ktap-begin user:$n"; "$t" > $R; res "@@ddi ktap-end user:$n $?"
    done
fi
if [ -x /$mode.sh ]; then
    res "@@ddi script-begin"; /$mode.sh > $R 2>&1; res "@@ddi script-end $?"
fi

for m in $(tac /modules.list); do
    rmmod "${m%.ko}"; res "@@ddi rmmod $m $?"
done
if [ "$mode" = test ] && [ -w /sys/kernel/debug/kmemleak ]; then
    # kmemleak ignores objects younger than 5 s.
    sleep 6; echo scan > /sys/kernel/debug/kmemleak
    res "@@ddi kmemleak-begin"; cat /sys/kernel/debug/kmemleak > $R; res "@@ddi kmemleak-end"
fi
# After everything else: its CDDL module taints the kernel, which turns
# lockdep off for the rest of the boot. It loads the shim itself.
if [ "$mode" = test ] && [ -x /tests/cddl_link ]; then
    res "@@ddi ktap-begin user:cddl_link"; /tests/cddl_link > $R; res "@@ddi ktap-end user:cddl_link $?"
fi
res "@@ddi done"
sync
reboot -f
