# SPDX-License-Identifier: GPL-2.0
# ddi-compat: user-facing targets. The kernel build itself reads Kbuild.
#
#   make                 build the modules (default KDIR: our cached debug kernel)
#   make run             set up, build, boot the VM, load the shim, show what happened
#   make test            host tests, then KUnit and user-space tests in the VM
#   make test FLAVOUR=x  the same on kernel flavour x (debug, hardened, rt, arm64)
#   make test-matrix     make test on every flavour; one result line each and a total
#   make bench           benchmarks on the plain (non-debug) kernel
#   make test-debian     Debian's own kernel (DEBIAN_KERNEL) in the VM, modules
#                        built in a Debian chroot with Debian's toolchain (root)
#   make clean           remove build outputs (the kernel cache stays)
#   make rust-analyzer   write rust-project.json for editors
#   make modules_install install the modules (INSTALL_MOD_PATH honoured)
#   make install-headers install include/sys/*.h and include/ddi/*.h (DESTDIR, PREFIX)
#
# Variables: KDIR=<Rust-enabled kernel build dir>, CLIPPY=1,
# EXTRA_MODULES="/abs/a.ko /abs/b.ko" (loaded after ours in the VM),
# FLAVOUR=<kernel flavour> (default debug; scripts/kernel.sh),
# SWEEP=full (make test: the fault sweep of ddi_compat's own init too),
# DDI_CACHE=<cache dir> (default ~/.cache/ddi-compat),
# DEBIAN_KERNEL=<release> (default 7.3.4+deb13-amd64; scripts/debian/kernels),
# ILLUMOS_SRC=<illumos-gate checkout> (make test: build its io/eventfd.c
# unchanged and drive it; the suite is skipped without it).

export KDIR CLIPPY EXTRA_MODULES INSTALL_MOD_PATH DEBIAN_KERNEL FLAVOUR SWEEP ILLUMOS_SRC

.PHONY: all modules run test bench clean rust-analyzer setup kernel host-test \
	modules_install install-headers test-debian test-matrix

all: modules

modules:
	@scripts/build.sh modules

setup:
	@scripts/setup.sh

kernel:
	@scripts/setup.sh && scripts/kernel.sh $(or $(FLAVOUR),debug)

host-test:
	@scripts/build.sh host-test

run:
	@scripts/build.sh run

test:
	@scripts/build.sh test

test-matrix:
	@scripts/build.sh test-matrix

bench:
	@scripts/build.sh bench

test-debian:
	@scripts/build.sh test-debian

rust-analyzer:
	@scripts/build.sh rust-analyzer

clean:
	rm -rf .build target rust-project.json

# Install the shim into KDIR's /lib/modules/<release>/extra (or under
# INSTALL_MOD_PATH), as any out-of-tree module.
modules_install:
	@scripts/build.sh modules_install

# The C headers, for drivers' builds: $(DESTDIR)$(PREFIX)/include/ddi-compat/
# sys/*.h (Solaris's) and ddi/linux.h (for a driver's Linux glue).
PREFIX ?= /usr/local
install-headers:
	install -d $(DESTDIR)$(PREFIX)/include/ddi-compat/sys $(DESTDIR)$(PREFIX)/include/ddi-compat/ddi
	install -m 644 include/sys/*.h $(DESTDIR)$(PREFIX)/include/ddi-compat/sys/
	install -m 644 include/ddi/*.h $(DESTDIR)$(PREFIX)/include/ddi-compat/ddi/

# Fuzz the resource-map core against the classic array (host, cargo-fuzz).
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz:
	@scripts/setup.sh && cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run rmap -- -max_total_time=$(FUZZ_SECONDS)
