#!/usr/bin/env python3
"""Turn a VM run (and the host test log) into one verdict.

Test mode (default): counts host tests, KUnit cases and user-test cases,
fails on missing suites, failed module loads/unloads, kernel splats in the
console log, kmemleak reports or a VM that never reached its end marker.
Prints one line per suite and ends with `N passed, M failed`; exits 1 when
M > 0. A case reported as KTAP SKIP (it cannot run on this kernel) is
neither: the suite's line and a "cases skipped" line count them.

KTAP is parsed by the kernel tree's own tools/testing/kunit/kunit.py parse.

A test may provoke a splat on purpose by printing, to the kernel log,
`ddi-compat: expect-splat begin` before and `ddi-compat: expect-splat end`
after; splats between the two are reported as declared, not as failures.

--skip KIND:NAME=REASON: a suite this kernel cannot run; printed as SKIP
with its reason, not expected, not counted. --dkms-log LOG: a DKMS build
(scripts/dkms-check.sh's log, its exit status in LOG.rc), counted as one.

--summary: the readable report of `make run`; --bench: that of `make bench`
(the benchmark's own report, and any problem).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

SPLAT = re.compile(
    r"BUG:|WARNING:|KASAN:|UBSAN:|Oops|Call Trace:|Kernel panic|"
    r"general protection fault|sleeping function called from invalid context|"
    r"kmemleak: .*suspected memory leak|possible recursive locking|"
    r"possible circular locking|inconsistent lock state|lock held when returning|"
    r"INFO: task .* blocked for more than|Unable to handle kernel|"
    r"scheduling while atomic|list_add corruption|list_del corruption"
)
# cmn_err(CE_WARN) and dev_err(CE_WARN) lines (ddi/cmn_err.c): the caller
# and its module, then illumos's "WARNING: " ("[  1.2] xxattach [xx]:
# WARNING: ..."). That "WARNING:" is a driver's message, not a kernel
# warning (whose lines start with "WARNING:"): it is taken out before the
# line is scanned, and the rest of the line still is.
CMN_ERR_WARN = re.compile(r"^((?:\[[^\]]*\]\s*)*)[\w.$]+ \[\w+\]: WARNING: ")
EXPECT_BEGIN = "ddi-compat: expect-splat begin"
EXPECT_END = "ddi-compat: expect-splat end"


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read().replace("\r", "")
    except FileNotFoundError:
        return ""


def vm_events(results):
    """Split results.log into marker events, KTAP chunks and the output of
    the mode's script (scripts/vm-<mode>.sh)."""
    events, chunks, cur, script, in_script = [], [], None, [], False
    for line in results.splitlines():
        if line.startswith("@@ddi "):
            words = line.split()
            if words[1] == "script-begin":
                in_script = True
            elif words[1] == "script-end":
                in_script = False
            elif words[1] == "ktap-begin":
                cur = (words[2], [])
            elif words[1] == "ktap-end" and cur:
                rc = int(words[3]) if len(words) > 3 else 0
                chunks.append((cur[0], "\n".join(cur[1]) + "\n", rc))
                cur = None
            else:
                events.append(words[1:])
        elif cur is not None:
            cur[1].append(line)
        elif in_script:
            script.append(line)
    if cur is not None:  # the guest died inside a suite
        chunks.append((cur[0], "\n".join(cur[1]) + "\n", -1))
    return events, chunks, script


def logged_step(name, log, pattern, describe):
    """A step run outside the VM, judged by its log (LOG) and exit status
    (LOG.rc): passes when the status is 0 and `pattern` is in the log;
    prints one line. Returns True if it passed."""
    rc = read(log + ".rc").strip()
    m = re.search(pattern, read(log), re.M)
    if rc == "0" and m:
        print(f"PASS {name}: {describe(m)}")
        return True
    print(f"FAIL {name} (exit {rc or '?'}; see {log})")
    return False


def leaf_cases(group):
    for sub in group.get("sub_groups", []):
        yield from leaf_cases(sub)
    yield from group.get("test_cases", [])


def parse_ktap(kunit_py, text):
    """Returns [(case name, status)] as kunit.py parse reads `text`."""
    with tempfile.TemporaryDirectory() as d:
        src, out = os.path.join(d, "in.ktap"), os.path.join(d, "out.json")
        with open(src, "w") as f:
            f.write(text)
        subprocess.run([sys.executable, kunit_py, "parse", "--json=" + out, src],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with open(out) as f:
                data = json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            return []
    return [(c["name"], c["status"]) for c in leaf_cases(data)]


def splats(console):
    """Returns (undeclared, declared) splat lines of the console log."""
    bad, declared, inside = [], [], False
    for line in console.splitlines():
        if EXPECT_BEGIN in line:
            inside = True
        elif EXPECT_END in line:
            inside = False
        elif SPLAT.search(CMN_ERR_WARN.sub(r"\1", line, count=1)):
            (declared if inside else bad).append(line.strip())
    return bad, declared


def host_counts(log_path):
    log = read(log_path)
    passed = failed = 0
    for m in re.finditer(r"test result: \w+\. (\d+) passed; (\d+) failed", log):
        passed += int(m.group(1))
        failed += int(m.group(2))
    rc = read(log_path + ".rc").strip()
    return passed, failed, rc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vm", required=True)
    ap.add_argument("--kernel-src", required=True)
    ap.add_argument("--host-log")
    ap.add_argument("--expect")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--skip", action="append", default=[])
    ap.add_argument("--dkms-log")
    ap.add_argument("--headers", help="the header check's KTAP (scripts/header-check.sh)")
    a = ap.parse_args()

    results = read(os.path.join(a.vm, "results.log"))
    console = read(os.path.join(a.vm, "console.log"))
    accel = read(os.path.join(a.vm, "accel")).strip() or "?"
    seconds = read(os.path.join(a.vm, "seconds")).strip() or "?"
    qemu_rc = read(os.path.join(a.vm, "qemu-rc")).strip()
    events, chunks, script = vm_events(results)
    kunit_py = os.path.join(a.kernel_src, "tools/testing/kunit/kunit.py")

    problems = []
    boot = [e for e in events if e[0] == "boot"]
    done = any(e[0] == "done" for e in events)
    loaded = [(e[1], e[2]) for e in events if e[0] == "insmod"]
    unloaded = [(e[1], e[2]) for e in events if e[0] == "rmmod"]
    kernel = boot[0][1] if boot else "?"
    print(f"VM: kernel {kernel}, {'KVM' if accel == 'kvm' else 'QEMU/TCG (no KVM)'}, "
          f"{seconds} s, console log {os.path.join(a.vm, 'console.log')}")
    for m, rc in loaded:
        print(f"  insmod {m}: {'ok' if rc == '0' else 'FAILED rc=' + rc}")
        if rc != "0":
            problems.append(f"insmod {m} failed (rc={rc})")
    for m, rc in unloaded:
        if rc != "0":
            problems.append(f"rmmod {m} failed (rc={rc}): module unload must be clean")
    if not boot:
        problems.append("the VM never reached its init script (see console log)")
    elif not done:
        problems.append(f"the VM did not reach its end marker (qemu rc={qemu_rc})")

    bad, declared = splats(console)
    for line in declared:
        print(f"  declared splat (provoked on purpose): {line}")
    if bad:
        problems.append(f"{len(bad)} kernel splat line(s) in the console log:")
        problems.extend("    " + line for line in bad[:20])

    if a.summary or a.bench:
        names = {m[: -len(".ko")] for m, _ in loaded}
        if a.summary:
            print("What our modules printed:")
        for line in console.splitlines() if a.summary else []:
            body = re.sub(r"^\[\s*[\d.]+\]\s*", "", line)
            if any(body.startswith(n + ":") for n in names) or "ddi" in body:
                print("  " + body)
        if script:
            print("Inside the VM:")
            for line in script:
                print("  " + line)
        for p in problems:
            print("PROBLEM: " + p)
        return 1 if problems else 0

    passed = failed = 0
    if a.host_log:
        hp, hf, rc = host_counts(a.host_log)
        print(f"{'PASS' if hf == 0 and rc == '0' else 'FAIL'} host (cargo test): "
              f"{hp} passed, {hf} failed")
        passed, failed = passed + hp, failed + hf
        if rc != "0" and hf == 0:
            problems.append(f"cargo test exited with status {rc} (build failure?)")
        flog = os.path.join(os.path.dirname(a.host_log), "fuzz.log")
        ok = logged_step("fuzz rmap", flog, r"^Done (\d+) runs in (\d+) second",
                         lambda m: f"{m.group(1)} inputs in {m.group(2)} s, no disagreement")
        passed, failed = passed + ok, failed + (not ok)

    if a.headers:
        cases = parse_ktap(kunit_py, read(a.headers))
        ok = sum(1 for _, st in cases if st == "PASS")
        ko = [n for n, st in cases if st != "PASS"]
        print(f"{'PASS' if cases and not ko else 'FAIL'} headers: {ok}/{len(cases)} cases")
        for n in ko:
            print(f"    FAIL {n}")
        if not cases:
            problems.append(f"the header check reported nothing ({a.headers})")
        passed, failed = passed + ok, failed + len(ko)

    if a.dkms_log:
        ok = logged_step("dkms build", a.dkms_log, r"dkms built .*",
                         lambda m: m.group(0).replace("[ddi-compat] ", ""))
        passed, failed = passed + ok, failed + (not ok)

    skipped = {}
    for item in a.skip:
        name, _, reason = item.partition("=")
        skipped[name] = reason
        print(f"SKIP {name}: {reason}")

    seen = set(skipped)
    skipped_cases = 0
    for name, text, rc in chunks:
        seen.add(name)
        cases = parse_ktap(kunit_py, text)
        ok = sum(1 for _, s in cases if s == "PASS")
        skips = sum(1 for _, s in cases if s == "SKIP")
        ko = [(n, s) for n, s in cases if s not in ("PASS", "SKIP")]
        passed, failed, skipped_cases = passed + ok, failed + len(ko), skipped_cases + skips
        verdict = "PASS" if not ko and cases and rc == 0 else "FAIL"
        print(f"{verdict} {name}: {ok}/{len(cases)} cases" + (f" ({skips} skipped)" if skips else ""))
        for n, s in ko:
            print(f"    {s} {n}")
        if not cases:
            problems.append(f"{name}: no test cases could be parsed")
        elif rc != 0 and not ko:
            problems.append(f"{name}: exited with status {rc}")
        if verdict == "FAIL":
            sys.stdout.write("".join("    | " + l + "\n" for l in text.splitlines()[-40:]))

    if a.expect:
        for line in read(a.expect).splitlines():
            line = line.strip()
            if line and not line.startswith("#") and line not in seen:
                problems.append(f"suite {line} did not report")

    leaks = results.split("@@ddi kmemleak-begin")
    if len(leaks) > 1 and leaks[1].split("@@ddi kmemleak-end")[0].strip():
        problems.append("kmemleak reports unreferenced objects:")
        problems.extend("    " + l for l in leaks[1].split("@@ddi kmemleak-end")[0].strip().splitlines()[:30])

    for p in problems:
        print("PROBLEM: " + p)
    failed += sum(1 for p in problems if not p.startswith("    "))
    # Skipped cases (KTAP SKIP: they cannot run on this kernel) are
    # neither passed nor failed.
    if skipped_cases:
        print(f"{skipped_cases} cases skipped (not counted)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
