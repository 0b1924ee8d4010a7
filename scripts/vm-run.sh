#!/bin/sh
# The `make run` demo, run inside the VM after the modules are loaded; its
# output is shown by `make run`.
echo "Symbols the shim exports to drivers:"
grep -E ' [Tt] (drv_|rm|kmem_|uiomove)' /proc/kallsyms | grep '\[ddi_compat\]' |
    awk '{print $3}' | sort | tr '\n' ' ' | fold -s -w 72 | sed 's/^/  /'
echo
echo "debugfs /sys/kernel/debug/ddi_compat/:"
for f in /sys/kernel/debug/ddi_compat/*; do
    echo "  $(basename "$f"):"
    sed 's/^/    /' "$f"
done
