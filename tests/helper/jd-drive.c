/*
 * jd-drive — run a program on a pseudo-terminal, drive it and measure what it writes.
 *
 *   jd-drive [-x COLS] [-y ROWS] [-t SECONDS] STEP... -- COMMAND [ARG...]
 *
 * Steps, in order (each prints at most one line "NAME VALUE" on stdout):
 *   wait:TEXT        read until TEXT has appeared in the output since the
 *                    last wait (fails after the timeout, default 60 s)
 *   time:NAME        print NAME and the milliseconds since the start
 *   quiet:MS         read until the program has been silent for MS ms
 *   key:KEY          press F1..F12, Enter, Esc, Tab, PageDown, PageUp, Up,
 *                    Down, Left, Right, Home, End (as xterm sends them in
 *                    keypad mode), AnsiUp, AnsiDown, AnsiLeft, AnsiRight (as
 *                    a terminal sends them when it ignores keypad mode:
 *                    ESC [ A …), or send KEY as text
 *   type:TEXT        type TEXT one character at a time, each time waiting for
 *                    it to appear and then for 30 ms of silence; prints
 *                    "bytes_per_char B" (all output bytes while typing / chars),
 *                    "echo_p50_ms" and "echo_max_ms" (from a character sent
 *                    to its appearing)
 *   pages:N:MS       press PageDown N times, each time waiting for output and
 *                    then MS ms of silence
 *   keys:KEY:N:MS    press KEY (as key:) N times, each time waiting for output
 *                    and then MS ms of silence; prints "bytes_per_key B",
 *                    "bursts_per_key R" (separate bursts of output: reads of
 *                    the terminal that each followed a silence of 5 ms) and
 *                    "cpu_ms_per_key C" (the program's processor time, from
 *                    /proc, in clock ticks: meaningful over many presses)
 *   settle:TEXT:MS   type TEXT one character at a time, each time reading
 *                    until the program has been silent for MS ms; prints
 *                    "settled_p50_ms", "settled_max_ms" (from a character
 *                    sent to the last byte before that silence) and
 *                    "settle_bytes_per_char"
 *   exit             wait for the program to end; prints "exit_ms" and
 *                    "maxrss_kb" (the peak resident set, from wait4)
 *   kill             end it with SIGTERM, then as exit
 *
 * The program runs with TERM=xterm at COLS x ROWS (80x24).
 * Exits 0 when every step passed, 1 when one timed out (with the output so
 * far on stderr), 2 on usage errors.  A benchmark and test helper.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static pid_t child;
static double started;
static double timeout_ms = 60000;

/* Output seen since the last wait (for searching), and all bytes read. */
static char *seen;
static size_t nseen, cap;
static long long total_bytes;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void add_seen(const char *buf, size_t n)
{
	if (nseen + n + 1 > cap) {
		cap = (nseen + n + 1) * 2;
		seen = realloc(seen, cap);
		if (!seen) {
			perror("realloc");
			exit(2);
		}
	}
	memcpy(seen + nseen, buf, n);
	nseen += n;
	seen[nseen] = '\0';
	total_bytes += (long long)n;
}

/* Read what is there within ms milliseconds; returns bytes read, -1 at end of output. */
static long read_some(double ms)
{
	struct pollfd p = { master, POLLIN, 0 };
	char buf[65536];
	ssize_t n;
	int r;

	r = poll(&p, 1, ms < 0 ? 0 : (int)ms);
	if (r <= 0)
		return 0;
	n = read(master, buf, sizeof(buf));
	if (n <= 0)
		return -1;	/* EIO: the program has closed the terminal */
	add_seen(buf, (size_t)n);
	return n;
}

static int contains(const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i + n <= nseen; i++)
		if (!memcmp(seen + i, text, n))
			return 1;
	return 0;
}

static int wait_text(const char *text)
{
	double end = now_ms() + timeout_ms;

	while (!contains(text)) {
		if (now_ms() > end || read_some(end - now_ms()) < 0) {
			fprintf(stderr, "jd-drive: '%s' did not appear; the output was:\n", text);
			fwrite(seen, 1, nseen, stderr);
			fputc('\n', stderr);
			return -1;
		}
	}
	return 0;
}

static void quiet(double ms)
{
	double end = now_ms() + timeout_ms;

	while (now_ms() < end) {
		long n = read_some(ms);

		if (n <= 0)
			return;
	}
}

static void clear_seen(void)
{
	nseen = 0;
	if (seen)
		seen[0] = '\0';
}

static const char *key_bytes(const char *name)
{
	static const struct {
		const char *name, *bytes;
	} keys[] = {
		{ "F1", "\033OP" }, { "F2", "\033OQ" }, { "F3", "\033OR" }, { "F4", "\033OS" },
		{ "F5", "\033[15~" }, { "F6", "\033[17~" }, { "F7", "\033[18~" }, { "F8", "\033[19~" },
		{ "F9", "\033[20~" }, { "F10", "\033[21~" }, { "F11", "\033[23~" }, { "F12", "\033[24~" },
		{ "Enter", "\r" }, { "Esc", "\033" }, { "Tab", "\t" }, { "PageDown", "\033[6~" },
		{ "PageUp", "\033[5~" },
		/* The cursor keys as xterm sends them in keypad mode, which curses turns on. */
		{ "Up", "\033OA" }, { "Down", "\033OB" }, { "Right", "\033OC" }, { "Left", "\033OD" },
		{ "Home", "\033OH" }, { "End", "\033OF" },
		/* The same when a terminal ignores keypad mode (ANSI cursor keys). */
		{ "AnsiUp", "\033[A" }, { "AnsiDown", "\033[B" }, { "AnsiRight", "\033[C" },
		{ "AnsiLeft", "\033[D" },
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (!strcmp(keys[i].name, name))
			return keys[i].bytes;
	return name;
}

static void send_bytes(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(master, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			perror("jd-drive: write");
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

/* Bytes of the UTF-8 character at s. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	return 2;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int type_text(const char *text)
{
	long long before = total_bytes;
	int chars = 0;
	double echo[256];

	quiet(100);
	before = total_bytes;
	for (const char *p = text; *p; ) {
		size_t l = char_len(p);
		char one[8];
		double t0;

		memcpy(one, p, l);
		one[l] = '\0';
		clear_seen();
		t0 = now_ms();
		send_bytes(one, l);
		if (wait_text(one) < 0)
			return -1;
		if (chars < 256)
			echo[chars] = now_ms() - t0;
		quiet(30);
		if (getenv("JD_PTY_SHOW")) {
			fprintf(stderr, "--- after '%s': ", one);
			for (size_t k = 0; k < nseen; k++)
				fprintf(stderr, (unsigned char)seen[k] < 32 ? "\\x%02x" : "%c", (unsigned char)seen[k]);
			fprintf(stderr, "\n");
		}
		chars++;
		p += l;
	}
	printf("typed_chars %d\n", chars);
	printf("typed_bytes %lld\n", total_bytes - before);
	printf("bytes_per_char %.2f\n", chars ? (double)(total_bytes - before) / chars : 0.0);
	if (chars) {
		int n = chars < 256 ? chars : 256;

		qsort(echo, (size_t)n, sizeof(*echo), cmp_double);
		printf("echo_p50_ms %.1f\n", echo[(n - 1) / 2]);
		printf("echo_max_ms %.1f\n", echo[n - 1]);
	}
	return 0;
}

static int pages(const char *arg)
{
	int n = atoi(arg);
	const char *colon = strchr(arg, ':');
	double ms = colon ? atof(colon + 1) : 20;

	for (int i = 0; i < n; i++) {
		send_bytes("\033[6~", 4);
		/* Wait for the redraw to start, then for it to end. */
		if (read_some(1000) < 0)
			return -1;
		quiet(ms);
	}
	return 0;
}

/*
 * Read until ms of silence, counting bursts: output that comes after at
 * least 5 ms without any starts a new one.  Returns the bursts, -1 at end.
 */
static int quiet_bursts(double ms)
{
	double end = now_ms() + timeout_ms, last = 0;
	int bursts = 0;

	while (now_ms() < end) {
		double t = now_ms();
		long n = read_some(ms);

		if (n < 0)
			return -1;
		if (n == 0)
			break;
		if (!bursts || t - last >= 5)
			bursts++;
		last = now_ms();
	}
	return bursts;
}

/* The program's processor time (user and system) in ms, from /proc; -1 when unknown. */
static double child_cpu_ms(void)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)child);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* After the command's name in parentheses: state, then 10 fields, then utime and stime. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

/*
 * Type text a character at a time; after each, read until ms of silence.
 * The time to the last byte before the silence is when the screen settled.
 */
static int settle(const char *arg)
{
	const char *colon = strrchr(arg, ':');
	double ms = colon ? atof(colon + 1) : 300, times[256];
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
	long long before;
	int chars = 0;

	quiet(ms);
	before = total_bytes;
	for (size_t at = 0; at < len; ) {
		size_t l = char_len(arg + at);
		double t0 = now_ms(), last = t0, end = t0 + timeout_ms;

		send_bytes(arg + at, l);
		/* Wait for the echo, then for the silence. */
		if (read_some(timeout_ms) <= 0)
			return -1;
		last = now_ms();
		while (now_ms() < end) {
			long n = read_some(ms);

			if (n < 0)
				return -1;
			if (n == 0)
				break;
			last = now_ms();
		}
		if (chars < 256)
			times[chars] = last - t0;
		chars++;
		at += l;
	}
	if (chars) {
		int n = chars < 256 ? chars : 256;

		qsort(times, (size_t)n, sizeof(*times), cmp_double);
		printf("settled_p50_ms %.1f\n", times[(n - 1) / 2]);
		printf("settled_max_ms %.1f\n", times[n - 1]);
		printf("settle_bytes_per_char %.2f\n", (double)(total_bytes - before) / chars);
	}
	return 0;
}

static int keys(const char *arg)
{
	char name[32];
	const char *c1 = strchr(arg, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL, *b;
	int n, bursts = 0;
	double ms, cpu0, cpu1;
	long long before;

	if (!c1 || (size_t)(c1 - arg) >= sizeof(name))
		return -2;
	memcpy(name, arg, (size_t)(c1 - arg));
	name[c1 - arg] = '\0';
	b = key_bytes(name);
	n = atoi(c1 + 1);
	ms = c2 ? atof(c2 + 1) : 50;
	quiet(100);
	before = total_bytes;
	cpu0 = child_cpu_ms();
	for (int i = 0; i < n; i++) {
		int r;

		clear_seen();
		send_bytes(b, strlen(b));
		/* Wait for the answer to start, then count it until it ends. */
		if (read_some(timeout_ms) <= 0)
			return -1;
		r = quiet_bursts(ms);
		if (r < 0)
			return -1;
		bursts += 1 + r;
		if (getenv("JD_PTY_SHOW")) {
			fprintf(stderr, "--- after %s: ", name);
			for (size_t k = 0; k < nseen; k++)
				fprintf(stderr, (unsigned char)seen[k] < 32 ? "\\x%02x" : "%c", (unsigned char)seen[k]);
			fprintf(stderr, "\n");
		}
	}
	printf("bytes_per_key %.2f\n", n ? (double)(total_bytes - before) / n : 0.0);
	printf("bursts_per_key %.2f\n", n ? (double)bursts / n : 0.0);
	cpu1 = child_cpu_ms();
	if (cpu0 >= 0 && cpu1 >= 0)
		printf("cpu_ms_per_key %.2f\n", n ? (cpu1 - cpu0) / n : 0.0);
	return 0;
}

static int finish(int kill_it)
{
	struct rusage ru;
	int status;
	double end = now_ms() + timeout_ms;

	if (kill_it)
		kill(child, SIGTERM);
	/* Keep reading so the program never blocks on a full terminal. */
	for (;;) {
		pid_t r = wait4(child, &status, WNOHANG, &ru);

		if (r == child)
			break;
		if (now_ms() > end) {
			fprintf(stderr, "jd-drive: the program did not end\n");
			kill(child, SIGKILL);
			waitpid(child, &status, 0);
			return -1;
		}
		if (read_some(10) < 0)
			usleep(1000);
	}
	printf("exit_ms %.1f\n", now_ms() - started);
	printf("maxrss_kb %ld\n", ru.ru_maxrss);
	child = 0;
	return 0;
}

static int run_step(const char *step)
{
	if (!strncmp(step, "wait:", 5)) {
		int r = wait_text(step + 5);

		clear_seen();
		return r;
	}
	if (!strncmp(step, "time:", 5)) {
		printf("%s %.1f\n", step + 5, now_ms() - started);
		return 0;
	}
	if (!strncmp(step, "quiet:", 6)) {
		quiet(atof(step + 6));
		return 0;
	}
	if (!strncmp(step, "key:", 4)) {
		const char *b = key_bytes(step + 4);

		send_bytes(b, strlen(b));
		return 0;
	}
	if (!strncmp(step, "type:", 5))
		return type_text(step + 5);
	if (!strncmp(step, "pages:", 6))
		return pages(step + 6);
	if (!strncmp(step, "keys:", 5))
		return keys(step + 5);
	if (!strncmp(step, "settle:", 7))
		return settle(step + 7);
	if (!strcmp(step, "exit"))
		return finish(0);
	if (!strcmp(step, "kill"))
		return finish(1);
	fprintf(stderr, "jd-drive: unknown step '%s'\n", step);
	return -2;
}

int main(int argc, char **argv)
{
	struct winsize ws = { 24, 80, 0, 0 };
	int i = 1, first_step, dashes = -1, rc = 0;

	while (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
		if (i + 1 >= argc)
			goto usage;
		if (!strcmp(argv[i], "-x"))
			ws.ws_col = (unsigned short)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-y"))
			ws.ws_row = (unsigned short)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-t"))
			timeout_ms = atof(argv[i + 1]) * 1000;
		else
			goto usage;
		i += 2;
	}
	first_step = i;
	for (; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			dashes = i;
			break;
		}
	if (dashes < 0 || dashes + 1 >= argc)
		goto usage;

	setenv("TERM", "xterm", 1);
	started = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("jd-drive: forkpty");
		return 2;
	}
	if (child == 0) {
		execvp(argv[dashes + 1], argv + dashes + 1);
		perror("jd-drive: exec");
		_exit(127);
	}
	for (i = first_step; i < dashes && rc == 0; i++) {
		rc = run_step(argv[i]);
		fflush(stdout);
	}
	if (child) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	return rc == 0 ? 0 : rc == -2 ? 2 : 1;
usage:
	fprintf(stderr, "usage: jd-drive [-x COLS] [-y ROWS] [-t SECONDS] STEP... -- COMMAND [ARG...]\n");
	return 2;
}
