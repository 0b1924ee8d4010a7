# SPDX-License-Identifier: GPL-2.0
# ddi-compat: user-facing targets. The kernel build itself reads Kbuild.
#
#   make                 build the modules (default KDIR: our cached debug kernel)
#   make run             set up, build, boot the VM, load the shim, show what happened
#   make test            host tests, then KUnit and user-space tests in the VM
#   make bench           benchmarks on the plain (non-debug) kernel
#   make clean           remove build outputs (the kernel cache stays)
#   make rust-analyzer   write rust-project.json for editors
#
# Variables: KDIR=<Rust-enabled kernel build dir>, CLIPPY=1,
# EXTRA_MODULES="/abs/a.ko /abs/b.ko" (loaded after ours in the VM),
# DDI_CACHE=<cache dir> (default ~/.cache/ddi-compat).

export KDIR CLIPPY EXTRA_MODULES

.PHONY: all modules run test bench clean rust-analyzer setup kernel host-test

all: modules

modules:
	@scripts/build.sh modules

setup:
	@scripts/setup.sh

kernel:
	@scripts/setup.sh && scripts/kernel.sh debug

host-test:
	@scripts/build.sh host-test

run:
	@scripts/build.sh run

test:
	@scripts/build.sh test

bench:
	@scripts/build.sh bench

rust-analyzer:
	@scripts/build.sh rust-analyzer

clean:
	rm -rf .build target rust-project.json

# Fuzz the resource-map core against the classic array (host, cargo-fuzz).
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz:
	@scripts/setup.sh && cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run rmap -- -max_total_time=$(FUZZ_SECONDS)
