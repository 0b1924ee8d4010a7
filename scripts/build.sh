#!/usr/bin/env bash
# Drives every make target: set-up, kernel, modules, user tests, VM.
#
#   scripts/build.sh modules|modules_install|host-test|run|test|bench|rust-analyzer
#
# KDIR, when set, is a Rust-enabled kernel build tree to build against
# (no set-up, no cached kernel); otherwise our cached debug kernel is used,
# or the plain one for `bench`.
set -euo pipefail
. "$(dirname "$0")/common.sh"

target=${1:?target}
flavour=${FLAVOUR:-debug}

kdir() {
    if [ -n "${KDIR:-}" ]; then
        [ -f "$KDIR/Makefile" ] || die "KDIR=$KDIR is not a kernel build tree"
        echo "$KDIR"
    else
        "$TOP/scripts/setup.sh"
        "$TOP/scripts/kernel.sh" "$flavour"
    fi
}

# Objects go to .build/<kernel build name>/ (kbuild's MO=), so builds for
# the debug and the plain kernel do not overwrite each other.
modules() {
    local k out
    k=$(kdir)
    out="$TOP/.build/$(basename "$k")"
    mkdir -p "$out"
    make -s -C "$k" M="$TOP" MO="$out" LLVM=$LLVM_SUFFIX ${CLIPPY:+CLIPPY=1} modules >&2
    echo "$out"
}

# Static user-space programs run inside the VM: tests/user/ (tests) or
# bench/user/ (benchmarks), as named by $2.
user_tests() {
    local out=$1/${2:-user} srcdir=$TOP/${3:-tests/user} src
    mkdir -p "$out"
    for src in "$srcdir"/*.c; do
        [ -e "$src" ] || continue
        local bin="$out/$(basename "$src" .c)"
        if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ -n "$(find "$srcdir" -name "*.h" -newer "$bin")" ]; then
            gcc -static -O2 -Wall -Wextra -Werror -pthread -I"$srcdir" -o "$bin" "$src"
        fi
    done
    echo "$out"
}

# Host tests of the pure-Rust cores; the log and exit status are read by
# results.py, so a failure here still lets the VM tests run and count.
host_test() {
    local log="$TOP/.build/host-test.log" rc=0
    say "host tests (cargo test --workspace)"
    (cd "$TOP" && cargo test --workspace) > "$log" 2>&1 || rc=$?
    echo $rc > "$log.rc"
    grep -E '^test result|^failures|panicked|^error' "$log" >&2 || true
    # A short fuzz run of the resource-map core against the classic array
    # (cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP on the stable
    # compiler).
    local flog="$TOP/.build/fuzz.log" frc=0
    say "fuzzing the resource-map core for ${FUZZ_SECONDS:-20} s (cargo fuzz)"
    (cd "$TOP/fuzz" && RUSTC_BOOTSTRAP=1 cargo fuzz run rmap -- \
        -max_total_time="${FUZZ_SECONDS:-20}") > "$flog" 2>&1 || frc=$?
    echo $frc > "$flog.rc"
    grep -E '^Done [0-9]+ runs|SUMMARY|panicked' "$flog" >&2 || true
    return $rc
}

case $target in
    modules) modules >/dev/null ;;
    modules_install)
        k=$(kdir)
        out="$TOP/.build/install-$(basename "$k")"
        mkdir -p "$out"
        make -s -C "$k" M="$TOP" MO="$out" LLVM=$LLVM_SUFFIX DDI_TESTS=n modules >&2
        make -s -C "$k" M="$TOP" MO="$out" LLVM=$LLVM_SUFFIX DDI_TESTS=n \
            ${INSTALL_MOD_PATH:+INSTALL_MOD_PATH="$INSTALL_MOD_PATH"} modules_install ;;
    host-test) mkdir -p "$TOP/.build"; host_test ;;
    rust-analyzer)
        k=$(kdir)
        make -s -C "$k" M="$TOP" LLVM=$LLVM_SUFFIX rust-analyzer ;;
    bench)
        mkdir -p "$TOP/.build"
        flavour=plain
        k=$(kdir)
        mods=$(modules)
        users=$(user_tests "$mods" bench-user bench/user)
        "$TOP/scripts/vm.sh" --mode bench --kernel "$k" --modules "$mods" --user "$users" \
            --out "$TOP/.build/vm-bench"
        python3 "$TOP/scripts/results.py" --bench --vm "$TOP/.build/vm-bench" --kernel-src "$k/source" ;;
    run|test)
        mkdir -p "$TOP/.build"
        [ "$target" = test ] && { host_test || true; }
        k=$(kdir)
        mods=$(modules)
        users=$(user_tests "$mods")
        "$TOP/scripts/vm.sh" --mode "$target" --kernel "$k" --modules "$mods" \
            --user "$users" --out "$TOP/.build/vm-$target" ${EXTRA_MODULES:+--extra "$EXTRA_MODULES"}
        if [ "$target" = test ]; then
            python3 "$TOP/scripts/results.py" --kernel-src "$k/source" \
                --vm "$TOP/.build/vm-test" --host-log "$TOP/.build/host-test.log" \
                --expect "$TOP/tests/expected-suites"
        else
            python3 "$TOP/scripts/results.py" --summary --vm "$TOP/.build/vm-run" --kernel-src "$k/source"
        fi ;;
    *) die "unknown target $target" ;;
esac
