#!/usr/bin/env bash
# The header check of make test: every include/sys/*.h compiles alone, in
# a Solaris include order and in reverse, tests/headers/idioms.c (Solaris
# idioms Linux's headers break) and glue.c (Linux glue with every header)
# compile, all with W=1 and -Werror against the kernel tree K; and no
# Solaris header pulls in a Linux header, apart from <asm/errno.h> (the
# E* numbers) and what Kbuild gives every file (the dependency lists of
# the objects are compared with an empty file's).
#
#   scripts/header-check.sh OUT K [make arguments...]
#
# Writes a KTAP report to OUT/headers.ktap (read by results.py) and exits
# non-zero if a case failed.
set -uo pipefail
. "$(dirname "$0")/common.sh"

out=$1 k=$2; shift 2
rm -rf "$out"; mkdir -p "$out"
cp "$TOP"/tests/headers/*.c "$out/"
: > "$out/empty.c"
objs=(empty.o idioms.o glue.o order.o reverse.o)
# A Solaris driver's include order (illumos's io/ drivers), and its reverse.
order=(ccompile int_limits types param sysmacros errno file filio stat open cred uio map kmem vmem varargs cmn_err debug systm mutex
    condvar rwlock ksynch time dditypes poll devops conf modctl ddi sunddi)
for h in "$TOP"/include/sys/*.h; do
    b=$(basename "$h" .h)
    printf '#include <sys/%s.h>\n' "$b" > "$out/h_$b.c"
    objs+=("h_$b.o")
done
for b in "${order[@]}"; do
    [ -e "$TOP/include/sys/$b.h" ] || die "header-check: no include/sys/$b.h (update its order list)"
    printf '#include <sys/%s.h>\n' "$b"
done > "$out/order.c"
for ((i = ${#order[@]} - 1; i >= 0; i--)); do printf '#include <sys/%s.h>\n' "${order[i]}"; done > "$out/reverse.c"
[ "$(ls "$TOP"/include/sys/*.h | wc -l)" = "${#order[@]}" ] ||
    die "header-check: the order list does not name every include/sys/*.h"
printf 'ccflags-y := -I%s/include\nobj-m := %s\n' "$TOP" "${objs[*]}" > "$out/Kbuild"

n=0 fails=0
report() { # report OK NAME [log]
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n $2"; else
        fails=$((fails + 1)); echo "not ok $n $2"
        [ -n "${3:-}" ] && sed 's/^/# /' "$3" | head -40
    fi >> "$out/cases"
}
: > "$out/cases"
# All objects in one make (-k: each stands alone); one that did not build
# is compiled again by itself, for its own log.
make -s -k -j"$(nproc)" -C "$k" M="$out" "$@" W=1 KCFLAGS=-Werror "${objs[@]}" > "$out/all.log" 2>&1
for o in "${objs[@]}"; do
    rc=0
    if [ ! -e "$out/$o" ]; then
        make -s -C "$k" M="$out" "$@" W=1 KCFLAGS=-Werror "$o" > "$out/$o.log" 2>&1
        rc=1
    fi
    report $rc "compiles ${o%.o}.c (W=1, -Werror)" "$out/$o.log"
done
# Dependencies (from the .cmd files): a Solaris header's object may add
# only include/sys/ headers and the E* numbers to an empty file's.
deps() { sed -n 's/^ *\(\$(wildcard [^)]*)\|[^ ]*\.h\) *\\\?$/\1/p' "$out/.$1.cmd" | grep -v wildcard | sort -u; }
if [ -e "$out/.empty.o.cmd" ]; then
    deps empty.o > "$out/base.deps"
    for h in "$TOP"/include/sys/*.h; do
        b=$(basename "$h" .h)
        [ -e "$out/.h_$b.o.cmd" ] || continue
        deps "h_$b.o" | comm -23 - "$out/base.deps" | grep -v "^$TOP/include/sys/" |
            grep -Ev '/(uapi/)?asm(-generic)?/errno(-base)?\.h$|/asm/errno\.h$' > "$out/h_$b.extra"
        report "$([ -s "$out/h_$b.extra" ] && echo 1 || echo 0)" "sys/$b.h includes no Linux header" "$out/h_$b.extra"
    done
fi
{ echo "KTAP version 1"; echo "1..$n"; cat "$out/cases"; } > "$out/headers.ktap"
echo "header check: $((n - fails)) of $n cases pass" >&2
[ "$fails" = 0 ]
