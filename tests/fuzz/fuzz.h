/*
 * fuzz.h — shared set-up for the libFuzzer targets in tests/fuzz/.
 *
 * Each target is one program, fuzz-NAME.c, linked with libcore.a built by
 * clang with -fsanitize=fuzzer-no-link,address,undefined (build/fuzz).  It
 * feeds what libFuzzer hands it to one parser of the core and lets ASan,
 * UBSan and LeakSanitizer judge: a crash, a sanitizer report, a leak, a
 * die() or a BUG() (both end the process) is a finding.  Messages the core
 * reports through error() are dropped, since refusing bad input is the
 * parsers' job; FUZZ_VERBOSE=1 prints them, to see what a seed does.  The seed corpus is tests/fuzz/corpus/NAME/; how the
 * targets run is in tests/fuzz/lib-fuzz.sh.
 */
#ifndef JIEDAI_FUZZ_H
#define JIEDAI_FUZZ_H

#include <ftw.h>
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_quiet(enum error_level level, const char *msg)
{
	(void)level;
	(void)msg;
}

static void fuzz_verbose(enum error_level level, const char *msg)
{
	(void)level;
	fprintf(stderr, "fuzz: %s\n", msg);
}

static char fuzz_dir[256];

static int fuzz_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void fuzz_cleanup(void)
{
	if (fuzz_dir[0])
		nftw(fuzz_dir, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Call from LLVMFuzzerInitialize(): English messages, UTF-8, a fixed clock
 * (the one the unit tests use) and no configuration file from the machine.
 */
static void fuzz_init(void)
{
	setenv("LANGUAGE", "en", 1);
	setenv("TZ", "Asia/Shanghai", 1);
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	setenv("JIEDAI_CONF", "/nonexistent/jiedai.conf", 1);
	unsetenv("JIEDAI_ACTOR");
	unsetenv("JIEDAI_DB");
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
	i18n_init("en", "/nonexistent");
	error_set_routine(getenv("FUZZ_VERBOSE") ? fuzz_verbose : fuzz_quiet);
}

/*
 * A private directory for ledgers, removed at exit: under $TMPDIR, else
 * /dev/shm (no disk syncs), else /tmp.  Returns a path into it for name
 * (static buffer: copy it to keep it).
 */
static __attribute__((unused)) const char *fuzz_path(const char *name)
{
	static char buf[512];

	if (!fuzz_dir[0]) {
		const char *tmp = getenv("TMPDIR");

		if (!tmp || !*tmp)
			tmp = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/jiedai-fuzz.XXXXXX", tmp);
		if (!mkdtemp(fuzz_dir)) {
			perror("mkdtemp");
			abort();
		}
		atexit(fuzz_cleanup);
	}
	snprintf(buf, sizeof(buf), "%s/%s", fuzz_dir, name);
	return buf;
}

/* The input as a new NUL-terminated string (cut at the first NUL it holds). */
static __attribute__((unused)) char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Split text in place at its first newline: returns the rest (after the
 * newline), or "" when there is none.
 */
static __attribute__((unused)) char *fuzz_split(char *text)
{
	char *nl = strchr(text, '\n');

	if (!nl)
		return text + strlen(text);
	*nl = '\0';
	return nl + 1;
}

#endif
