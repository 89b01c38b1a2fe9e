# jiedai — reception-day ledger for people's-congress deputy stations.
#
#   make run       install missing build packages, build, open the program
#   make check     the same set-up, then every test (unit + end-to-end, TAP via prove)
#   make bench     benchmarks (tests/bench), not part of check
#   make fuzz      run each fuzzing target for FUZZ_SECONDS (tests/fuzz)
#   make install   PREFIX=/usr/local DESTDIR=
#   make deb       build/jiedai_VERSION_ARCH.deb (ARCH=arm64 to cross-build)
#
# DEVELOPER=1 turns on strict warnings and -Werror, SANITIZE=1 AddressSanitizer
# and UBSan.  `make check` always builds with both, in a build directory of its
# own, so it never mixes objects with a plain build.

JIEDAI_VERSION = 0.1.0

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
DATADIR = $(PREFIX)/share
MANDIR = $(DATADIR)/man
DOCDIR = $(DATADIR)/doc/jiedai
PKG_CONFIG ?= pkg-config
PROVE ?= prove
MSGFMT ?= msgfmt

# FUZZ=1 (set by the fuzz rules below): the core built by clang for
# libFuzzer, with ASan and UBSan, in a build directory of its own.
FUZZ_CC ?= clang
ifeq ($(FUZZ),1)
B := build/fuzz
CC := $(FUZZ_CC)
override SANITIZE = 1
endif

ifeq ($(SANITIZE),1)
B ?= build/san
else
B ?= build/rel
endif

CFLAGS ?= -O2 -g
# The core's folders (src/core/README.md) are on the include path, so a file
# includes a header by its name alone, wherever in the core it lives.
CORE_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard src/core/*/*.h))))
JD_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED -D_DEFAULT_SOURCE \
	-Isrc -Isrc/core $(CORE_DIRS:%=-I%) -DJIEDAI_VERSION='"$(JIEDAI_VERSION)"' \
	-DJIEDAI_DATADIR='"$(DATADIR)"' -MMD -MP
DEV_CFLAGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wvla -Wformat=2 -Wno-format-nonliteral -Wold-style-definition \
	-Wdeclaration-after-statement -Wno-missing-field-initializers
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ifeq ($(FUZZ),1)
SAN_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif

ifeq ($(DEVELOPER),1)
JD_CFLAGS += $(DEV_CFLAGS)
endif
ifeq ($(SANITIZE),1)
JD_CFLAGS += $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)
endif

CORE_PKGS = sqlite3 libqrencode nettle
UI_PKGS = ncursesw
# libpq: only the program and the hub's tests link it (the hub*.c objects of
# libcore.a are pulled in by nothing else), not the search extension.
HUB_PKGS = libpq
# libxlsxwriter: its header at build time; the library itself is loaded when
# an XLSX file is written (see src/core/sys/sheet.c), so it is not linked.
CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) xlsxwriter 2>/dev/null)
CORE_LIBS := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) -ldl
HUB_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(HUB_PKGS) 2>/dev/null)
HUB_LIBS := $(shell $(PKG_CONFIG) --libs $(HUB_PKGS) 2>/dev/null)
UI_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null))
UI_LIBS := $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null)
ZBAR_LIBS := $(shell $(PKG_CONFIG) --libs zbar 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

CORE_SRCS := $(sort $(wildcard src/core/*.c src/core/*/*.c))
UI_SRCS := $(sort $(wildcard src/ui/*.c))
CMD_SRCS := $(sort $(wildcard src/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test-*.c))
HELPER_SRCS := $(sort $(wildcard tests/helper/*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz-*.c))
PO_FILES := $(wildcard src/po/*.po)

CORE_OBJS := $(CORE_SRCS:%.c=$(B)/%.o)
UI_OBJS := $(UI_SRCS:%.c=$(B)/%.o)
CMD_OBJS := $(CMD_SRCS:%.c=$(B)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/unit/%)
HELPER_BINS := $(HELPER_SRCS:tests/helper/%.c=$(B)/tests/helper/%)
FUZZ_NAMES := $(FUZZ_SRCS:tests/fuzz/fuzz-%.c=%)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/tests/fuzz/%)
FUZZ_CHECKS := $(FUZZ_NAMES:%=tests/fuzz/check-%.sh)
MO_FILES := $(PO_FILES:src/po/%.po=$(B)/locale/%/LC_MESSAGES/jiedai.mo)

ifeq ($(V),1)
Q =
else
Q = @
endif

PROG = $(B)/jiedai
LIBCORE = $(B)/libcore.a
# The tokenizer as a loadable extension for the sqlite3 shell (README: the search index).
FTS_EXT = $(B)/jiedai_fts.so
FTS_EXT_SRCS = src/core/store/store-fts.c src/core/text/fts.c src/core/text/u8.c \
	src/core/text/strbuf.c src/core/text/fmtcheck.c src/core/text/xmalloc.c src/core/text/error.c \
	src/core/sys/i18n.c src/core/sys/paths.c src/core/sys/priv.c
FTS_EXT_OBJS := $(FTS_EXT_SRCS:src/core/%.c=$(B)/ext/%.o)

.PHONY: all run check check-unit check-e2e check-fuzz check-build check-deb bench install uninstall deb clean pot \
	deps deps-test fuzz fuzz-build

all: $(PROG) $(FTS_EXT) $(MO_FILES)

deps:
	@sh src/install-deps.sh build

deps-test:
	@sh src/install-deps.sh test

# `make run` opens the program on the user's own database (created on first use).
run: deps
	@$(MAKE) --no-print-directory all
	$(PROG)

$(LIBCORE): $(CORE_OBJS)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(PROG): $(CMD_OBJS) $(UI_OBJS) $(LIBCORE)
	@echo "  LINK $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CMD_OBJS) $(UI_OBJS) $(LIBCORE) $(UI_LIBS) $(CORE_LIBS) $(HUB_LIBS)

# Rebuild when the flags or install paths change (make install PREFIX=… after a
# plain build must not keep objects that point at the old PREFIX).
FLAGS_STAMP = $(B)/FLAGS
FLAGS_NOW = $(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(LDFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) $(HUB_CFLAGS)
$(FLAGS_STAMP): FORCE
	@mkdir -p $(B)
	@if [ "$$(cat $@ 2>/dev/null)" != '$(FLAGS_NOW)' ]; then echo '$(FLAGS_NOW)' >$@; fi
FORCE:
.PHONY: FORCE

$(CORE_OBJS) $(UI_OBJS) $(CMD_OBJS) $(FTS_EXT_OBJS): $(FLAGS_STAMP)

# Position-independent objects for the extension; store-fts.c becomes its entry point.
$(B)/ext/%.o: src/core/%.c
	@mkdir -p $(dir $@)
	@echo "  CC   $< (extension)"
	$(Q)$(CC) $(CPPFLAGS) $(filter-out $(SAN_FLAGS),$(JD_CFLAGS)) $(CFLAGS) $(CORE_CFLAGS) \
		-fPIC -fvisibility=hidden -DJIEDAI_FTS_EXTENSION -c -o $@ $<

# No -lsqlite3: the extension calls SQLite through the routines the shell
# hands it.  No sanitizers either: it is loaded into the sqlite3 shell.
$(FTS_EXT): $(FTS_EXT_OBJS)
	@echo "  LINK $@"
	$(Q)$(CC) $(filter-out $(SAN_FLAGS),$(LDFLAGS)) -shared -Wl,-z,defs -o $@ $(FTS_EXT_OBJS)

$(B)/src/core/%.o: src/core/%.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	$(Q)$(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(CORE_CFLAGS) $(HUB_CFLAGS) -c -o $@ $<

$(B)/src/ui/%.o: src/ui/%.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	$(Q)$(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) -c -o $@ $<

$(B)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	$(Q)$(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) -c -o $@ $<

# Unit tests link libcore.a and never curses: a curses call in core fails here.
$(B)/tests/unit/%: tests/unit/%.c $(LIBCORE)
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	$(Q)$(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(CORE_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(LIBCORE) $(CORE_LIBS) $(ZBAR_LIBS) $(CMOCKA_LIBS) $(HUB_LIBS)

$(B)/tests/helper/%: tests/helper/%.c $(LIBCORE)
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	$(Q)$(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(CORE_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(LIBCORE) $(CORE_LIBS) $(ZBAR_LIBS) -lutil $(HUB_LIBS)

# Fuzzing targets (FUZZ=1 only): libcore.a of build/fuzz and libFuzzer's main.
ifeq ($(FUZZ),1)
$(B)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIBCORE)
	@mkdir -p $(dir $@)
	@echo "  CC   $< (libFuzzer)"
	$(Q)$(CC) $(CPPFLAGS) $(JD_CFLAGS) $(CFLAGS) $(CORE_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) \
		-o $@ $< $(LIBCORE) $(CORE_LIBS)

fuzz-bins: $(FUZZ_BINS)
-include $(FUZZ_BINS:=.d)
endif

# Every entry with a '%' is checked as a printf format (src/po/mo.sh says why).
$(B)/locale/%/LC_MESSAGES/jiedai.mo: src/po/%.po src/po/mo.sh
	@mkdir -p $(dir $@)
	$(Q)MSGFMT='$(MSGFMT)' sh src/po/mo.sh $< $@

# ---- tests -------------------------------------------------------------

# `make check` re-enters with the strict, sanitized flags in build/san.
ifneq ($(SANITIZE)$(DEVELOPER),11)
check: deps-test
	@$(MAKE) --no-print-directory DEVELOPER=1 SANITIZE=1 check
check-unit check-e2e check-fuzz check-build check-deb: deps-test
	@$(MAKE) --no-print-directory DEVELOPER=1 SANITIZE=1 $@
else
TEST_ENV = JIEDAI='$(abspath $(PROG))' JIEDAI_BUILD='$(abspath $(B))' \
	JIEDAI_SRC='$(CURDIR)' FUZZ_BUILD='$(abspath build/fuzz)' CMOCKA_MESSAGE_OUTPUT=TAP \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Tests that measure contention between their own processes run on their own,
# after the others: another test script beside them on 2 cores (or a loaded
# machine) stretches the writers' lock waits past the busy limit.  t6000 has
# eight writers on one shared ledger; t6900 runs t6000 beside a deputy's writes.
# The other root tests (t6010, t6200, t7000, the hub's) each run in a private
# world of their own (tests/e2e/lib-sandbox.sh), so they share neither /etc
# nor the package nor a port, and run with the rest.
SERIAL_E2E := tests/e2e/t1900-concurrency.sh tests/e2e/t6000-shared-box.sh \
	tests/e2e/t6900-root-sandbox.sh
PARALLEL_E2E := $(filter-out $(SERIAL_E2E),$(sort $(wildcard tests/e2e/t[0-9]*.sh)))

check-build: all $(UNIT_BINS) $(HELPER_BINS) fuzz-build

# The package of this machine's architecture, for tests/e2e/t70*: lintian
# reads it, and as root it is installed and removed.
check-deb:
	+@MAKE='$(MAKE)' sh src/pkg/mkdeb.sh '' '$(JIEDAI_VERSION)' >/dev/null

# The fuzzing checks (20 s each) go first: the longest jobs, so the two
# slots stay full to the end.
check: check-build check-deb
	$(TEST_ENV) $(PROVE) -j2 --exec '' $(FUZZ_CHECKS) $(UNIT_BINS) $(PARALLEL_E2E)
	$(TEST_ENV) $(PROVE) --exec '' $(SERIAL_E2E)

check-fuzz: check-build
	$(TEST_ENV) $(PROVE) -j2 --exec '' $(FUZZ_CHECKS)

check-unit: check-build
	$(TEST_ENV) $(PROVE) --exec '' $(UNIT_BINS)

check-e2e: check-build check-deb
	$(TEST_ENV) $(PROVE) -j2 --exec '' $(PARALLEL_E2E)
	$(TEST_ENV) $(PROVE) --exec '' $(SERIAL_E2E)
endif

# ---- fuzzing -----------------------------------------------------------

# One libFuzzer target per parser (tests/fuzz/fuzz-*.c), built by clang into
# build/fuzz; without clang's libFuzzer (Debian: clang, libclang-rt-dev) they
# are skipped, and so are their checks.  `make fuzz` runs each for
# FUZZ_SECONDS (make -j2 fuzz: two at a time) and keeps what it finds in
# tests/fuzz/work/ (see tests/fuzz/lib-fuzz.sh).
FUZZ_SECONDS ?= 600

fuzz-build:
	@mkdir -p build/fuzz
	@if printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }\n' | \
	    $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c -o build/fuzz/probe - >/dev/null 2>&1; then \
		rm -f build/fuzz/probe; \
		$(MAKE) --no-print-directory FUZZ=1 DEVELOPER=1 fuzz-bins; \
	else \
		echo "  SKIP fuzzing targets: $(FUZZ_CC) with libFuzzer is not installed"; \
	fi

fuzz: deps-test
	@$(MAKE) --no-print-directory fuzz-build
	@$(MAKE) --no-print-directory $(FUZZ_NAMES:%=fuzz-run-%)

fuzz-run-%:
	@JIEDAI_SRC='$(CURDIR)' FUZZ_BUILD='$(abspath build/fuzz)' FUZZ_SECONDS=$(FUZZ_SECONDS) \
		sh tests/fuzz/lib-fuzz.sh run $*

# The core's rooms (src/core/README.md): every include or call against the
# folder rules, and every circle across folders (calls when $(B) is built).
.PHONY: layout
layout:
	@sh tests/layout.sh $(if $(wildcard $(B)/src),--objs $(B))

bench:
	@sh src/install-deps.sh bench
	@$(MAKE) --no-print-directory all $(HELPER_BINS)
	JIEDAI='$(abspath $(PROG))' JIEDAI_SRC='$(CURDIR)' sh tests/bench/run.sh

# ---- install -----------------------------------------------------------

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/jiedai/forms $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(PROG) $(DESTDIR)$(BINDIR)/jiedai
	@# On a box (root, no DESTDIR): set-group-ID jiedai, so only jiedai opens a shared ledger.
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		sh src/install-setgid.sh $(BINDIR)/jiedai; \
	else \
		echo "jiedai: not root (or DESTDIR set): $(BINDIR)/jiedai is not set-group-ID; a shared box needs: sudo sh src/install-setgid.sh $(BINDIR)/jiedai"; \
	fi
	install -d $(DESTDIR)$(LIBDIR)/jiedai
	install -m 0644 $(FTS_EXT) $(DESTDIR)$(LIBDIR)/jiedai/jiedai_fts.so
	install -m 0644 forms/*.form forms/calendar.txt forms/README.md $(DESTDIR)$(DATADIR)/jiedai/forms/
	sed 's|/usr/local/|$(PREFIX)/|g' src/jiedai.1 >$(DESTDIR)$(MANDIR)/man1/jiedai.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/jiedai.1
	install -d $(DESTDIR)$(DOCDIR)
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	for mo in $(MO_FILES); do \
		lang=$${mo#$(B)/locale/}; lang=$${lang%%/*}; \
		install -d $(DESTDIR)$(DATADIR)/locale/$$lang/LC_MESSAGES; \
		install -m 0644 $$mo $(DESTDIR)$(DATADIR)/locale/$$lang/LC_MESSAGES/jiedai.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jiedai $(DESTDIR)$(MANDIR)/man1/jiedai.1
	rm -rf $(DESTDIR)$(LIBDIR)/jiedai
	rm -rf $(DESTDIR)$(DATADIR)/jiedai $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(DATADIR)/locale/*/LC_MESSAGES/jiedai.mo

# ---- Debian package ----------------------------------------------------

# The packaging files and the recipe are in src/pkg (mkdeb.sh says how).
# ARCH= a Debian architecture, the build machine's by default; another one is
# cross-compiled with Debian's cross toolchain, which install-deps.sh installs.
deb:
	@sh src/install-deps.sh deb $(ARCH)
	+@MAKE='$(MAKE)' sh src/pkg/mkdeb.sh '$(ARCH)' '$(JIEDAI_VERSION)'

pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kQ_:1,2 -c/ -o src/po/jiedai.pot $(CMD_SRCS) $(CORE_SRCS) $(UI_SRCS)
	for po in $(PO_FILES); do msgmerge -q -U --backup=none $$po src/po/jiedai.pot; done

clean:
	rm -rf build

-include $(CORE_OBJS:.o=.d) $(UI_OBJS:.o=.d) $(CMD_OBJS:.o=.d) $(FTS_EXT_OBJS:.o=.d)
