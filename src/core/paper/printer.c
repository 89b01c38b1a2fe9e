/* printer.c — see printer.h. */
#include "printer.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "store.h"
#include "strbuf.h"
#include "xmalloc.h"

void printer_dest_release(struct printer_dest *d)
{
	free(d->spec);
	free(d->path);
	free(d->host);
	free(d->queue);
	memset(d, 0, sizeof(*d));
}

/* tcp:HOST[:PORT] after the prefix; [v6]:PORT too. */
static int parse_tcp(const char *s, struct printer_dest *d)
{
	const char *colon;
	char *end;
	long port = PRINTER_TCP_PORT;

	if (*s == '[') {
		const char *close = strchr(s, ']');

		if (!close || close == s + 1)
			return -1;
		d->host = xstrndup(s + 1, (size_t)(close - s - 1));
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] && !colon)
			return -1;
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon)
			return -1;	/* a bare IPv6 address: needs brackets */
		d->host = colon ? xstrndup(s, (size_t)(colon - s)) : xstrdup(s);
	}
	if (!*d->host)
		return -1;
	for (const char *p = d->host; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '/')
			return -1;
	if (colon) {
		port = strtol(colon + 1, &end, 10);
		if (end == colon + 1 || *end || port < 1 || port > 65535)
			return -1;
	}
	d->port = (int)port;
	return 0;
}

/* Fill d from spec; returns NULL, or a translated sentence saying what is wrong. */
static const char *parse(const char *spec, struct printer_dest *d)
{
	memset(d, 0, sizeof(*d));
	d->spec = xstrdup(spec);
	if (!strcmp(spec, "terminal")) {
		d->kind = PRINTER_TERMINAL;
		return NULL;
	}
	if (!strncmp(spec, "tcp:", 4)) {
		d->kind = PRINTER_TCP;
		if (parse_tcp(spec + 4, d) == 0)
			return NULL;
		return _("write a network printer as tcp:HOST or tcp:HOST:PORT, e.g. tcp:192.168.1.50:9100");
	}
	if (!strncmp(spec, "lp:", 3)) {
		d->kind = PRINTER_LP;
		d->queue = xstrdup(spec + 3);
		if (*d->queue && !strpbrk(d->queue, " \t\n/") && d->queue[0] != '-')
			return NULL;
		return _("write a print queue as lp:QUEUE with the queue's name from 'lpstat -p'");
	}
	if (strchr(spec, '/')) {
		d->kind = PRINTER_PATH;
		d->path = xstrdup(spec);
		return NULL;
	}
	return _("give a path with a slash (/dev/usb/lp0, ./receipt.bin), tcp:HOST[:PORT], lp:QUEUE or terminal");
}

const char *printer_dest_check(const char *spec)
{
	struct printer_dest d;
	const char *why = parse(spec, &d);

	printer_dest_release(&d);
	return why;
}

/* The setting print_dest, checked by the store (store_setting_check_register). */
static const char *dest_setting_check(struct store *s, const char *value)
{
	(void)s;
	return printer_dest_check(value);
}

static void register_setting_checks(void) __attribute__((constructor));
static void register_setting_checks(void)
{
	store_setting_check_register("print_dest", dest_setting_check);
}

int printer_dest_parse(const char *spec, struct printer_dest *d)
{
	const char *why;

	memset(d, 0, sizeof(*d));
	if (!spec || !*spec)
		return error(_("no printer is set: give --to DEST, or set one with 'jiedai config print_dest DEST' (a device such as /dev/usb/lp0, tcp:HOST[:PORT], lp:QUEUE or terminal)"));
	why = parse(spec, d);
	if (!why)
		return 0;
	error(_("'%s' is not a printer: %s"), spec, why);
	printer_dest_release(d);
	return -1;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Write everything to a non-blocking fd, waiting at most timeout_ms for it
 * to take more.  Returns 0, -1 with errno set, or -2 on a time-out.
 */
static int write_all(int fd, const unsigned char *p, size_t n, int is_socket, int timeout_ms)
{
	while (n) {
		ssize_t w = is_socket ? send(fd, p, n, MSG_NOSIGNAL) : write(fd, p, n);

		if (w > 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd pfd = { fd, POLLOUT, 0 };
			int r = poll(&pfd, 1, timeout_ms);

			if (r == 0)
				return -2;
			if (r < 0 && errno != EINTR)
				return -1;
			continue;
		}
		if (w == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

/*
 * Open a path destination for writing: a character device (a printer), a
 * FIFO (a spooler reading it) or a regular file, appended to as a spool and
 * created 0600 when missing.  Never truncates, and never follows a symbolic
 * link to a file: see printer.h.  Returns the fd, or -1 with a message.
 */
static int open_path(const struct printer_dest *d)
{
	/* A file is made if missing; a device never is (an unplugged printer is not a file). */
	int dev = !strncmp(d->path, "/dev/", 5);
	int flags = O_WRONLY | O_APPEND | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
	struct stat st;
	int fd, link = 0;

	if (lstat(d->path, &st) == 0 && S_ISLNK(st.st_mode)) {
		link = 1;
		/* Only a link made by root or by us, and only to a device: /dev/serial/by-id/… */
		if ((st.st_uid != 0 && st.st_uid != geteuid()) || stat(d->path, &st) < 0 ||
		    !S_ISCHR(st.st_mode))
			return error(_("the printer %s is a symbolic link that does not lead to a printer device; give the device or file itself"),
				     d->spec);
	} else {
		flags |= O_NOFOLLOW | (dev ? 0 : O_CREAT);
	}
	fd = open(d->path, flags, 0600);
	if (fd < 0 && dev && errno == ENOENT)
		return error(_("the printer %s is not there; check that it is plugged in and switched on"),
			     d->spec);
	if (fd < 0 && errno == ELOOP)
		return error(_("the printer %s is a symbolic link that does not lead to a printer device; give the device or file itself"),
			     d->spec);
	if (fd < 0 && errno == ENXIO)
		return error(_("nothing is reading the pipe %s; start the program that prints from it"), d->spec);
	if (fd < 0)
		return error_errno(_("cannot open the printer %s"), d->spec);
	if (fstat(fd, &st) < 0 || (link && !S_ISCHR(st.st_mode)) ||
	    !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode))) {
		close(fd);
		return error(_("%s is neither a printer device, a pipe nor a file"), d->spec);
	}
	return fd;
}

static int send_path(const struct printer_dest *d, const void *data, size_t n)
{
	int fd = open_path(d);
	int r;

	if (fd < 0)
		return -1;
	r = write_all(fd, data, n, 0, PRINTER_WRITE_TIMEOUT_MS);
	if (r == -2) {
		close(fd);
		return error(_("the printer %s took no data for %d seconds (out of paper or switched off?)"),
			     d->spec, PRINTER_WRITE_TIMEOUT_MS / 1000);
	}
	if (r < 0) {
		error_errno(_("cannot write to the printer %s"), d->spec);
		close(fd);
		return -1;
	}
	if (close(fd) < 0)
		return error_errno(_("cannot write to the printer %s"), d->spec);
	return 0;
}

/* Connect with a time-out; returns the socket (non-blocking) or -1 with a message. */
static int tcp_connect(const struct printer_dest *d)
{
	struct addrinfo hints, *res = NULL, *ai;
	char port[16];
	int fd = -1, err = 0, rc;
	long deadline = now_ms() + PRINTER_CONNECT_TIMEOUT_MS;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%d", d->port);
	rc = getaddrinfo(d->host, port, &hints, &res);
	if (rc != 0) {
		error(_("cannot find the printer %s: %s"), d->spec, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		struct pollfd pfd;
		socklen_t len = sizeof(err);
		long left = deadline - now_ms();

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		err = errno;
		if (errno == EINPROGRESS && left > 0) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			pfd.revents = 0;
			do
				rc = poll(&pfd, 1, (int)left);
			while (rc < 0 && errno == EINTR);
			if (rc == 0) {
				err = ETIMEDOUT;
			} else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
				break;
			}
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd >= 0)
		return fd;
	if (err == ETIMEDOUT || err == EINPROGRESS)
		error(_("the printer at %s did not answer within %d seconds; check that it is switched on and on the network"),
		      d->spec, PRINTER_CONNECT_TIMEOUT_MS / 1000);
	else
		error(_("the printer at %s did not answer: %s; check that it is switched on and the address is right"),
		      d->spec, strerror(err));
	return -1;
}

static int send_tcp(const struct printer_dest *d, const void *data, size_t n)
{
	int fd = tcp_connect(d), r;

	if (fd < 0)
		return -1;
	r = write_all(fd, data, n, 1, PRINTER_WRITE_TIMEOUT_MS);
	if (r == 0)
		shutdown(fd, SHUT_WR);
	close(fd);
	if (r == -2)
		return error(_("the printer at %s stopped taking data (out of paper?)"), d->spec);
	if (r < 0)
		return error_errno(_("the printer at %s broke off the connection"), d->spec);
	return 0;
}

/* Read what is left on fd into sb (the child's messages). */
static void slurp(int fd, struct strbuf *sb)
{
	char buf[512];
	ssize_t r;

	while ((r = read(fd, buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR))
		if (r > 0)
			strbuf_add(sb, buf, (size_t)r);
}

static int send_lp(const struct printer_dest *d, const void *data, size_t n)
{
	int in[2], msg[2], status = 0, r;
	struct sigaction ign, old;
	struct strbuf out = STRBUF_INIT;
	pid_t pid;

	if (pipe(in) < 0)
		return error_errno(_("cannot start lp"));
	if (pipe(msg) < 0) {
		close(in[0]);
		close(in[1]);
		return error_errno(_("cannot start lp"));
	}
	for (int i = 0; i < 2; i++) {
		fcntl(in[i], F_SETFD, FD_CLOEXEC);
		fcntl(msg[i], F_SETFD, FD_CLOEXEC);
	}
	pid = fork();
	if (pid < 0) {
		close(in[0]); close(in[1]); close(msg[0]); close(msg[1]);
		return error_errno(_("cannot start lp"));
	}
	if (pid == 0) {
		char *argv[] = { "lp", "-d", d->queue, "-o", "raw", NULL };

		dup2(in[0], 0);
		dup2(msg[1], 1);
		dup2(msg[1], 2);
		execvp("lp", argv);
		_exit(127);
	}
	close(in[0]);
	close(msg[1]);
	/* lp may die early; its pipe must not kill us with SIGPIPE. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	r = write_all(in[1], data, n, 0, -1);
	close(in[1]);
	sigaction(SIGPIPE, &old, NULL);
	slurp(msg[0], &out);
	close(msg[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	strbuf_rtrim(&out);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		strbuf_release(&out);
		return error(_("cannot print to %s: the lp command is missing (install the Debian package cups-client)"),
			     d->spec);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || r < 0) {
		error(_("the print queue %s refused the receipt: %s"), d->spec,
		      out.len ? out.buf : _("lp failed"));
		strbuf_release(&out);
		return -1;
	}
	strbuf_release(&out);
	return 0;
}

int printer_send(const struct printer_dest *d, const void *data, size_t n)
{
	switch (d->kind) {
	case PRINTER_PATH: return send_path(d, data, n);
	case PRINTER_TCP: return send_tcp(d, data, n);
	case PRINTER_LP: return send_lp(d, data, n);
	case PRINTER_TERMINAL: break;
	}
	return error(_("terminal printing needs the terminal (printer_terminal_write)"));
}

int printer_terminal_check(const void *data, size_t n, size_t *at)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		if ((p[i] == 0x1b && i + 3 < n && p[i + 1] == '[' && p[i + 2] == '4' && p[i + 3] == 'i') ||
		    (p[i] == 0x9b && i + 2 < n && p[i + 1] == '4' && p[i + 2] == 'i') ||
		    (i == n - 1 && (p[i] == 0x1b || p[i] == 0x9b))) {
			if (at)
				*at = i;
			return -1;
		}
	}
	return 0;
}

int printer_tty_rawout_begin(int fd, struct printer_tty *st)
{
	struct termios t;

	st->fd = fd;
	st->changed = 0;
	if (!isatty(fd) || tcgetattr(fd, &st->saved) < 0)
		return 0;
	t = st->saved;
	if (!(t.c_oflag & OPOST))
		return 0;
	t.c_oflag &= (tcflag_t)~OPOST;
	if (tcsetattr(fd, TCSADRAIN, &t) < 0)
		return error_errno(_("cannot set up the terminal for printing"));
	st->changed = 1;
	return 0;
}

void printer_tty_rawout_end(struct printer_tty *st)
{
	if (st->changed)
		tcsetattr(st->fd, TCSADRAIN, &st->saved);
	st->changed = 0;
}

int printer_terminal_write(int fd, const void *data, size_t n)
{
	struct printer_tty tty;
	int flags, r;
	size_t at;

	if (printer_terminal_check(data, n, &at) < 0)
		return error(_("the receipt holds bytes that would end terminal printing early (at byte %zu); print it to a printer instead"),
			     at);
	if (printer_tty_rawout_begin(fd, &tty) < 0)
		return -1;
	/* Blocking writes: a terminal over a slow link takes its time, and must get all of it. */
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0 && (flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	r = write_all(fd, (const unsigned char *)PRINTER_MC_ON, strlen(PRINTER_MC_ON), 0, -1);
	if (r == 0)
		r = write_all(fd, data, n, 0, -1);
	/* Always try to end printer mode, or the screen stays dark. */
	if (write_all(fd, (const unsigned char *)PRINTER_MC_OFF, strlen(PRINTER_MC_OFF), 0, -1) < 0)
		r = -1;
	if (r == 0)
		tcdrain(fd);
	if (flags >= 0 && (flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags);
	printer_tty_rawout_end(&tty);
	if (r < 0)
		return error_errno(_("cannot write to the terminal"));
	return 0;
}
