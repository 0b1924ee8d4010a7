#!/usr/bin/env bash
# Fetch, configure and build the kernel our modules run on, into the cache.
#
#   scripts/kernel.sh FLAVOUR     build (or reuse) and print the build dir
#   scripts/kernel.sh source      fetch and unpack only; print the source dir
#
# FLAVOUR is plain, debug, hardened, rt or arm64 (`flavour` in common.sh
# says which fragments of scripts/config/ and which ARCH each one uses).
# The source is Debian's linux-source package, downloaded with a private
# apt source list and state directory: the machine's own apt configuration
# is never touched. Builds are keyed by source version + the hash of the
# flavour's config fragments and patches, so a changed fragment or patch
# means a new build and the old one stays valid.
#
# Patches (scripts/kernel-patches/) fix the kernel's own code where it
# keeps a flavour from booting clean; each says why. They are applied to
# the one unpacked source tree that every flavour builds from, so a patch
# must change nothing for the flavours that do not list it (a cfg on the
# option that needs it).
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:-debug}
[ "$flavour" = source ] || flavour "$flavour"

mkdir -p "$CACHE"

# 1. Source package. ---------------------------------------------------------
fetch_source() {
    local deb
    deb=$(ls "$CACHE"/src/${KPKG}_*.deb 2>/dev/null | sort -V | tail -1 || true)
    if [ -z "$deb" ]; then
        say "fetching $KPKG from $KSUITE (private apt list and state in $CACHE/apt/$KSUITE)"
        mkdir -p "$CACHE/src"
        papt "$KSUITE" "$KSUITE" apt-get -qq update >&2 \
            || die "cannot update the private apt list for $KSUITE ($KMIRROR)"
        (cd "$CACHE/src" && papt "$KSUITE" "$KSUITE" apt-get -qq download "$KPKG" >&2) \
            || die "cannot download Debian package $KPKG from $KSUITE ($KMIRROR)"
        deb=$(ls "$CACHE"/src/${KPKG}_*.deb | sort -V | tail -1)
    fi
    # linux-source-7.3_7.3.4-1~bpo13+1_all.deb -> 7.3.4-1~bpo13+1
    KDEBVER=$(basename "$deb" | sed -e "s/^${KPKG}_//" -e 's/_all\.deb$//' -e 's/%7e/~/g; s/%2b/+/g')
    SRC="$CACHE/src/linux-$KDEBVER"
    if [ ! -f "$SRC/.unpacked" ]; then
        say "unpacking $(basename "$deb")"
        rm -rf "$SRC" "$SRC.tmp"; mkdir -p "$SRC.tmp"
        dpkg-deb -x "$deb" "$SRC.tmp/deb"
        tar -xf "$SRC.tmp"/deb/usr/src/${KPKG}.tar.xz -C "$SRC.tmp"
        mv "$SRC.tmp/${KPKG}" "$SRC"; rm -rf "$SRC.tmp"
        touch "$SRC/.unpacked"
    fi
}

# Apply the flavour's patches not yet applied to the source tree; each
# leaves a .patch-<name> stamp there holding the patch's hash. A patch
# that changed since it was applied cannot be taken back: the source is
# unpacked afresh (the builds of the other flavours then rebuild too).
apply_patches() {
    local p
    for p in "${KPATCHES[@]}"; do
        if [ -f "$SRC/.patch-$p" ] && [ "$(cat "$SRC/.patch-$p")" != "$(patch_sum "$p")" ]; then
            say "kernel patch $p changed since it was applied: unpacking the source afresh"
            rm -f "$SRC/.unpacked"; fetch_source
        fi
    done
    for p in "${KPATCHES[@]}"; do
        [ -f "$SRC/.patch-$p" ] && continue
        say "patching the kernel source: $p"
        patch -d "$SRC" -p1 -N -s < "$TOP/scripts/kernel-patches/$p.patch" \
            || die "kernel patch $p does not apply to $SRC"
        patch_sum "$p" > "$SRC/.patch-$p"
    done
}
patch_sum() { sha256sum < "$TOP/scripts/kernel-patches/$1.patch" | cut -c1-16; }

# 2. Configure and build. ------------------------------------------------------
# nice: kernel builds share the machine with VM test runs.
kmake() { nice -n 10 make -C "$SRC" O="$OUT" LLVM=$LLVM_SUFFIX ARCH="$KARCH" "$@"; }

build() {
    local frags=() patches=() f image
    for f in "${KFRAGS[@]}"; do frags+=("$TOP/scripts/config/$f.config"); done
    for f in "${KPATCHES[@]}"; do patches+=("$TOP/scripts/kernel-patches/$f.patch"); done
    case $KARCH in x86) image=bzImage ;; arm64) image=Image ;; esac
    local key
    key=$(cat "${frags[@]}" "${patches[@]}" | sha256sum | cut -c1-12)
    OUT="$CACHE/build/$KDEBVER-$flavour-$key"
    if [ -f "$OUT/.built" ]; then echo "$OUT"; return; fi

    say "building kernel $KDEBVER ($flavour: ${KFRAGS[*]}, ARCH=$KARCH) in $OUT: several minutes on a cold cache"
    local t0=$SECONDS
    rm -rf "$OUT"; mkdir -p "$OUT"
    kmake -s tinyconfig >&2
    "$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" "${frags[@]}" >/dev/null
    kmake -s olddefconfig >&2
    # Kconfig silently drops options whose dependencies are unmet: check
    # that every option we asked for landed as asked.
    local bad=0 line opt want got
    while IFS= read -r line; do
        case $line in
            CONFIG_*=*) opt=${line%%=*}; want=${line#*=} ;;
            "# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *}; want=n ;;
            *) continue ;;
        esac
        got=$(grep -E "^$opt=|^# $opt is not set" "$OUT/.config" | head -1 || true)
        case $got in "$opt="*) got=${got#*=} ;; *) got=n ;; esac
        if [ "$got" != "$want" ]; then say "Kconfig dropped $opt: asked $want, got $got"; bad=1; fi
    done < <(cat "${frags[@]}")
    [ $bad = 0 ] || die "the $flavour kernel's configuration lacks requested options (see above)"

    kmake -s rustavailable >&2 || die "Rust is not available for this kernel build (see above)"
    kmake -j"$(nproc)" -s "$image" modules >&2
    # .built holds the wall time of the cold build, configuration included.
    echo $((SECONDS - t0)) > "$OUT/.built"
    say "kernel $flavour built in $((SECONDS - t0)) s"
    # Older builds of this flavour (another fragment or version) are stale.
    local d
    for d in "$CACHE"/build/*-"$flavour"-*; do
        [ "$d" = "$OUT" ] || rm -rf "$d"
    done
    echo "$OUT"
}

fetch_source
if [ "$flavour" = source ]; then echo "$SRC"; else apply_patches; build; fi
