#!/usr/bin/env bash
# Drives every make target: set-up, kernel, modules, user tests, VM.
#
#   scripts/build.sh modules|modules_install|host-test|run|test|test-vm|test-matrix|bench|rust-analyzer|test-debian
#
# KDIR, when set, is a Rust-enabled kernel build tree to build against
# (no cached kernel; kbuild in common.sh reads its configuration and picks
# the make arguments it needs); otherwise our cached kernel of FLAVOUR
# (default debug) is used, or the plain one for `bench`. run, test, bench
# and host-test run the set-up first (host-test's fuzz step needs
# cargo-fuzz). test-vm is test without the host tests; test-matrix runs
# test on debug and test-vm on every other flavour of MATRIX (common.sh).
set -euo pipefail
. "$(dirname "$0")/common.sh"

target=${1:?target}
flavour=${FLAVOUR:-debug}

# kdir: sets K (the tree to build against) and KARGS (its make arguments).
kdir() {
    if [ -n "${KDIR:-}" ]; then
        kbuild "$KDIR"
    else
        [ "$setup_done" = 1 ] || "$TOP/scripts/setup.sh"
        kbuild "$("$TOP/scripts/kernel.sh" "$flavour")"
    fi
    K=$KBUILD_DIR
    KARGS=("${KBUILD_ARGS[@]}")
}
setup_done=0
setup() { "$TOP/scripts/setup.sh"; setup_done=1; }

# Objects go to .build/<kernel build name>/ (kbuild's MO=), so builds for
# the debug and the plain kernel do not overwrite each other.
# Sets MODS to that directory.
modules() {
    kdir
    MODS="$TOP/.build/$(basename "$K")"
    mkdir -p "$MODS"
    make -s -C "$K" M="$TOP" MO="$MODS" "${KARGS[@]}" ${CLIPPY:+CLIPPY=1} modules >&2
}

# Static user-space programs run inside the VM: tests/user/ (tests) or
# bench/user/ (benchmarks), as named by $2; for the architecture of the
# kernel K (cross-compiled for arm64).
user_tests() {
    local out=$1/${2:-user} srcdir=$TOP/${3:-tests/user} src cc=gcc
    if [ -n "${K:-}" ] && [ "$(karch "$K")" = arm64 ]; then cc=aarch64-linux-gnu-gcc; fi
    mkdir -p "$out"
    for src in "$srcdir"/*.c; do
        [ -e "$src" ] || continue
        local bin="$out/$(basename "$src" .c)"
        if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ -n "$(find "$srcdir" -name "*.h" -newer "$bin")" ]; then
            "$cc" -static -O2 -Wall -Wextra -Werror -pthread -I"$srcdir" -o "$bin" "$src"
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

# make test-debian: Debian's own kernel (DEBIAN_KERNEL, default
# 7.3.4+deb13-amd64, see scripts/debian/kernels) in our VM, with our
# modules built in that Debian release's chroot (scripts/debian.sh). No
# KUnit there: the user-space tests, the module loads and unloads, the
# splat scan and DKMS are what count.
test_debian() {
    local rel=${DEBIAN_KERNEL:-7.3.4+deb13-amd64} out o kd mods users skip=() src
    out="$TOP/.build/debian-$rel"
    o=$("$TOP/scripts/debian.sh" "$rel")
    kd=${o%%$'\n'*}; mods=${o#*$'\n'}
    src=$("$TOP/scripts/kernel.sh" source)
    users=$(user_tests "$mods")
    # kmem_failslab needs failslab in debugfs and the triggers of the KUnit
    # test module: skipped, visibly, where the kernel has neither.
    if ! grep -qx 'CONFIG_FAILSLAB=y' "$kd/config" || ! grep -qx 'CONFIG_FAULT_INJECTION_DEBUG_FS=y' "$kd/config" ||
        [ ! -e "$mods/tests/kunit/ddi_abi_test.ko" ]; then
        skip+=(--skip "user:kmem_failslab=needs CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS and CONFIG_KUNIT, which $rel lacks")
        users=$(mkdir -p "$out/user" && find "$out/user" -mindepth 1 -delete && cp -a "$users"/. "$out/user/" &&
            rm -f "$out/user/kmem_failslab" && echo "$out/user")
    fi
    # The suites this kernel can run: the user tests, and KUnit's only with KUnit.
    if grep -qE '^CONFIG_KUNIT=(y|m)' "$kd/config"; then
        cp "$TOP/tests/expected-suites" "$out/expected-suites"
    else
        grep -v '^kunit:' "$TOP/tests/expected-suites" > "$out/expected-suites"
    fi
    "$TOP/scripts/vm.sh" --mode test --kernel "$kd/vmlinuz" --gen-init-cpio "$kd/gen_init_cpio" \
        --modules "$mods" --user "$users" --out "$out/vm"
    python3 "$TOP/scripts/results.py" --kernel-src "$src" --vm "$out/vm" \
        --expect "$out/expected-suites" "${skip[@]}" --dkms-log "$out/dkms.log"
}

# make test-matrix: `make test` on each flavour of MATRIX in turn (its
# kernel built first when not cached), the host tests only with the first;
# each run's output goes to the terminal and to .build/matrix-<flavour>.log.
# Ends with each flavour's "N passed, M failed" and their total.
matrix() {
    local f t rc=0 line lines=() p=0 m=0
    mkdir -p "$TOP/.build"
    for f in $MATRIX; do
        t=test-vm; [ "$f" = "${MATRIX%% *}" ] && t=test
        say "test-matrix: $f ($t)"
        FLAVOUR=$f "$0" "$t" 2>&1 | tee "$TOP/.build/matrix-$f.log" || true
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$TOP/.build/matrix-$f.log" | tail -1 || true)
        # A run that ended before its verdict (a kernel that did not build,
        # say) counts as one failure.
        [ -n "$line" ] || line="0 passed, 1 failed"
        lines+=("$f: $line")
        p=$((p + ${line%% passed*})); line=${line#*passed, }; m=$((m + ${line%% failed*}))
    done
    echo "test-matrix:"
    printf '  %s\n' "${lines[@]}"
    echo "total: $p passed, $m failed"
    [ "$m" = 0 ]
}

case $target in
    modules) modules ;;
    modules_install)
        kdir
        out="$TOP/.build/install-$(basename "$K")"
        mkdir -p "$out"
        make -s -C "$K" M="$TOP" MO="$out" "${KARGS[@]}" DDI_TESTS=n modules >&2
        make -s -C "$K" M="$TOP" MO="$out" "${KARGS[@]}" DDI_TESTS=n \
            ${INSTALL_MOD_PATH:+INSTALL_MOD_PATH="$INSTALL_MOD_PATH"} modules_install ;;
    host-test) setup; mkdir -p "$TOP/.build"; host_test ;;
    rust-analyzer)
        kdir
        make -s -C "$K" M="$TOP" "${KARGS[@]}" rust-analyzer ;;
    bench)
        setup
        mkdir -p "$TOP/.build"
        flavour=plain
        modules
        users=$(user_tests "$MODS" bench-user bench/user)
        "$TOP/scripts/vm.sh" --mode bench --kernel "$K" --modules "$MODS" --user "$users" \
            --out "$TOP/.build/vm-bench"
        python3 "$TOP/scripts/results.py" --bench --vm "$TOP/.build/vm-bench" --kernel-src "$K/source" ;;
    run|test|test-vm)
        # Set-up first: the host tests' fuzz step needs cargo-fuzz.
        setup
        mkdir -p "$TOP/.build"
        host_log=
        if [ "$target" = test ]; then host_test || true; host_log=$TOP/.build/host-test.log; fi
        mode=${target%-vm}
        # The VM's logs: .build/vm-test/ (debug), .build/vm-test-<flavour>/.
        vmout=$TOP/.build/vm-$mode
        [ -n "${KDIR:-}" ] || [ "$flavour" = debug ] || vmout+=-$flavour
        modules
        # The header check (scripts/header-check.sh), against the same tree.
        hdr=
        if [ "$mode" = test ]; then
            hdr=$TOP/.build/headers-$(basename "$K")
            "$TOP/scripts/header-check.sh" "$hdr" "$K" "${KARGS[@]}" || true
        fi
        users=$(user_tests "$MODS")
        # SWEEP=full: the fault sweep of ddi_compat's own init too
        # (tests/user/fault_sweep.c; about 15 minutes under TCG, so the
        # VM's timeout grows to 45).
        append=
        case ${SWEEP:-} in
            full) append=ddi.fault_sweep=full; export VM_TIMEOUT=${VM_TIMEOUT:-2700} ;;
            "") ;;
            *) die "SWEEP=${SWEEP}: only SWEEP=full is known" ;;
        esac
        "$TOP/scripts/vm.sh" --mode "$mode" --kernel "$K" --modules "$MODS" \
            --user "$users" --out "$vmout" ${EXTRA_MODULES:+--extra "$EXTRA_MODULES"} \
            ${append:+--append "$append"}
        if [ "$mode" = test ]; then
            python3 "$TOP/scripts/results.py" --kernel-src "$K/source" --vm "$vmout" \
                ${host_log:+--host-log "$host_log"} --headers "$hdr/headers.ktap" \
                --expect "$TOP/tests/expected-suites"
        else
            python3 "$TOP/scripts/results.py" --summary --vm "$vmout" --kernel-src "$K/source"
        fi ;;
    test-matrix) matrix ;;
    test-debian) setup; mkdir -p "$TOP/.build"; test_debian ;;
    *) die "unknown target $target" ;;
esac
