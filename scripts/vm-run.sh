#!/bin/sh
# The `make run` demo, run inside the VM after the shim and the sample
# drivers are loaded; its output is shown by `make run`.
stats() {
    echo "  kmem: $(head -1 /sys/kernel/debug/ddi_compat/kmem)"
    grep -A1 "\[$1\]" /sys/kernel/debug/ddi_compat/rmap | tail -1 | sed 's/^ */  rmap: /'
}
echo "Symbols the shim exports to drivers ($(wc -l < /ddi-exports)):"
tr '\n' ' ' < /ddi-exports | fold -s -w 72 | sed 's/^/  /'
echo
for dev in xx xx_legacy; do
    msg="Hello from $dev: a message longer than one 640-byte chunk of the map, so that the read takes several buffers. "
    msg="$msg$msg$msg$msg$msg$msg$msg$msg"
    echo
    echo "/dev/$dev before:"
    stats $dev
    printf '%s' "$msg" > /dev/$dev
    echo "wrote ${#msg} bytes; reading them back with 700-byte reads (each split into 640-byte map buffers):"
    dd if=/dev/$dev bs=700 2>/dev/null | head -c 120; echo " ..."
    back=$(cat /dev/$dev)
    [ "$back" = "$msg" ] && echo "read back ${#back} bytes: identical" || echo "read back ${#back} bytes: DIFFERENT"
    echo "/dev/$dev after (the map is whole again, nothing outstanding):"
    stats $dev
done
