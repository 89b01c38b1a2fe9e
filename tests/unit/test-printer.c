/*
 * test-printer.c — printer destinations: how they are written, sending to a
 * file, to a device that refuses writes, to a network printer (a listening
 * socket in this process) and to one that is not there; terminal
 * pass-through: the stop-sequence scanner, the framing, and LF kept as LF
 * on a pseudo-terminal with OPOST on.
 */
#include "unit.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>

#include "printer.h"
#include "strbuf.h"

static void test_parse(void **state)
{
	static const char *const bad[] = { "tcp:", "tcp:host:0", "tcp:host:99999", "tcp:host:x", "tcp:::1",
					   "lp:", "lp:-d", "printer1", "tcp:a b", NULL };
	struct printer_dest d;

	(void)state;
	assert_int_equal(printer_dest_parse("/dev/usb/lp0", &d), 0);
	assert_int_equal(d.kind, PRINTER_PATH);
	assert_string_equal(d.path, "/dev/usb/lp0");
	printer_dest_release(&d);
	assert_int_equal(printer_dest_parse("./r.bin", &d), 0);
	assert_int_equal(d.kind, PRINTER_PATH);
	printer_dest_release(&d);

	assert_int_equal(printer_dest_parse("tcp:10.0.0.5", &d), 0);
	assert_int_equal(d.kind, PRINTER_TCP);
	assert_string_equal(d.host, "10.0.0.5");
	assert_int_equal(d.port, 9100);
	printer_dest_release(&d);
	assert_int_equal(printer_dest_parse("tcp:printer.local:9101", &d), 0);
	assert_string_equal(d.host, "printer.local");
	assert_int_equal(d.port, 9101);
	printer_dest_release(&d);
	assert_int_equal(printer_dest_parse("tcp:[::1]:9100", &d), 0);
	assert_string_equal(d.host, "::1");
	printer_dest_release(&d);

	assert_int_equal(printer_dest_parse("lp:Receipt58", &d), 0);
	assert_int_equal(d.kind, PRINTER_LP);
	assert_string_equal(d.queue, "Receipt58");
	assert_string_equal(d.spec, "lp:Receipt58");
	printer_dest_release(&d);
	assert_int_equal(printer_dest_parse("terminal", &d), 0);
	assert_int_equal(d.kind, PRINTER_TERMINAL);
	printer_dest_release(&d);

	/* Refused, each with a message saying how to write it. */
	for (int i = 0; bad[i]; i++) {
		unit_last_error[0] = '\0';
		assert_int_equal(printer_dest_parse(bad[i], &d), -1);
		assert_non_null(strstr(unit_last_error, bad[i]));
		assert_null(d.spec);
	}
	assert_int_equal(printer_dest_parse("", &d), -1);
	assert_non_null(strstr(unit_last_error, "print_dest"));
	assert_null(printer_dest_check("tcp:1.2.3.4:9100"));
	assert_non_null(printer_dest_check("nothing"));
}

static void test_stop_sequences(void **state)
{
	size_t at = 99;

	(void)state;
	assert_int_equal(printer_terminal_check("\x1b@hello\x1b[5i\n", 12, &at), 0);
	assert_int_equal(printer_terminal_check("ab\x1b[4icd", 8, &at), -1);
	assert_int_equal(at, 2);
	assert_int_equal(printer_terminal_check("ab\x9b" "4icd", 7, &at), -1);
	assert_int_equal(at, 2);
	/* A last byte PuTTY would drop. */
	assert_int_equal(printer_terminal_check("abc\x1b", 4, &at), -1);
	assert_int_equal(at, 3);
	assert_int_equal(printer_terminal_check("abc\x9b", 4, &at), -1);
	/* Near misses are fine. */
	assert_int_equal(printer_terminal_check("\x1b[4", 3, NULL), 0);
	assert_int_equal(printer_terminal_check("\x9b" "4j\x1b[4h", 6, NULL), 0);
	assert_int_equal(printer_terminal_check("\x9b\x34", 2, NULL), 0);
	assert_int_equal(printer_terminal_check("", 0, NULL), 0);
}

static void test_send_file_and_failures(void **state)
{
	char path[512], link[512], nowhere[512];
	struct printer_dest d;
	struct stat st;
	mode_t old_mask;
	FILE *f;
	char buf[16];

	(void)state;
	snprintf(path, sizeof(path), "%s", unit_path("out.bin"));
	assert_int_equal(printer_dest_parse(path, &d), 0);
	old_mask = umask(0);
	assert_int_equal(printer_send(&d, "\x1b@\0abc", 6), 0);
	umask(old_mask);
	/* A file is a spool: a second print goes after the first. */
	assert_int_equal(printer_send(&d, "\x1b@\0xyz", 6), 0);
	printer_dest_release(&d);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 12);
	/* Receipts name voters: private, even under umask 000. */
	assert_int_equal(st.st_mode & 0777, 0600);
	f = fopen(path, "rb");
	assert_int_equal(fread(buf, 1, sizeof(buf), f), 12);
	fclose(f);
	assert_memory_equal(buf, "\x1b@\0abc\x1b@\0xyz", 12);
	/* An existing file keeps its mode. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(printer_dest_parse(path, &d), 0);
	assert_int_equal(printer_send(&d, "!", 1), 0);
	printer_dest_release(&d);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(st.st_size, 13);

	/* A symbolic link planted at the path is not followed to its file. */
	snprintf(link, sizeof(link), "%s", unit_path("planted.bin"));
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(printer_dest_parse(link, &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), -1);
	assert_non_null(strstr(unit_last_error, "symbolic link"));
	printer_dest_release(&d);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 13);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* Nor is a dangling one made into a file. */
	assert_int_equal(unlink(link), 0);
	snprintf(nowhere, sizeof(nowhere), "%s", unit_path("nowhere.bin"));
	assert_int_equal(symlink(nowhere, link), 0);
	assert_int_equal(printer_dest_parse(link, &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), -1);
	printer_dest_release(&d);
	assert_int_equal(lstat(nowhere, &st), -1);
	/* A link to a device (a printer by another name) is followed. */
	assert_int_equal(unlink(link), 0);
	assert_int_equal(symlink("/dev/null", link), 0);
	assert_int_equal(printer_dest_parse(link, &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), 0);
	printer_dest_release(&d);

	/* A device that refuses writes. */
	assert_int_equal(printer_dest_parse("/dev/full", &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), -1);
	assert_non_null(strstr(unit_last_error, "/dev/full"));
	printer_dest_release(&d);
	/* A directory. */
	snprintf(path, sizeof(path), "%s/", unit_tmpdir);
	assert_int_equal(printer_dest_parse(path, &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), -1);
	printer_dest_release(&d);
	/* An unplugged USB printer is not made into a file. */
	assert_int_equal(printer_dest_parse("/dev/usb/jiedai-no-such-lp9", &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), -1);
	assert_non_null(strstr(unit_last_error, "not there"));
	printer_dest_release(&d);
	/* The terminal is not sent to here. */
	assert_int_equal(printer_dest_parse("terminal", &d), 0);
	assert_int_equal(printer_send(&d, "abc", 3), -1);
	printer_dest_release(&d);
}

static int listener(int *port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static void test_send_tcp(void **state)
{
	struct printer_dest d;
	struct strbuf got = STRBUF_INIT;
	char spec[64], data[3000], buf[1024];
	int port, lfd, cfd;
	ssize_t r;

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7);
	lfd = listener(&port);
	assert_int_equal(listen(lfd, 1), 0);
	snprintf(spec, sizeof(spec), "tcp:127.0.0.1:%d", port);
	assert_int_equal(printer_dest_parse(spec, &d), 0);
	/* The kernel takes the connection and the data before we accept. */
	assert_int_equal(printer_send(&d, data, sizeof(data)), 0);
	printer_dest_release(&d);
	cfd = accept(lfd, NULL, NULL);
	assert_true(cfd >= 0);
	while ((r = read(cfd, buf, sizeof(buf))) > 0)
		strbuf_add(&got, buf, (size_t)r);
	assert_int_equal(got.len, sizeof(data));
	assert_memory_equal(got.buf, data, sizeof(data));
	close(cfd);
	close(lfd);
	strbuf_release(&got);

	/* Nobody listening: refused at once, with the address in the message. */
	lfd = listener(&port);
	close(lfd);
	snprintf(spec, sizeof(spec), "tcp:127.0.0.1:%d", port);
	assert_int_equal(printer_dest_parse(spec, &d), 0);
	assert_int_equal(printer_send(&d, data, 10), -1);
	assert_non_null(strstr(unit_last_error, spec));
	assert_non_null(strstr(unit_last_error, "did not answer"));
	printer_dest_release(&d);
}

static void read_all(int fd, struct strbuf *sb)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[256];
	ssize_t r;

	/* Everything written is already there; stop when nothing more comes. */
	while (poll(&p, 1, 200) > 0 && (r = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(sb, buf, (size_t)r);
}

static void test_terminal_write(void **state)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave;
	struct strbuf got = STRBUF_INIT;
	struct termios t;

	(void)state;
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	assert_int_equal(tcgetattr(slave, &t), 0);
	t.c_oflag |= OPOST | ONLCR;
	assert_int_equal(tcsetattr(slave, TCSANOW, &t), 0);

	assert_int_equal(printer_terminal_write(slave, "\x1b@ab\ncd\0\n", 9), 0);
	read_all(master, &got);
	/* Framed, and LF not turned into CR LF, NUL kept. */
	assert_int_equal(got.len, 4 + 9 + 4);
	assert_memory_equal(got.buf, "\x1b[5i\x1b@ab\ncd\0\n\x1b[4i", got.len);
	/* OPOST is back on afterwards. */
	assert_int_equal(tcgetattr(slave, &t), 0);
	assert_true(t.c_oflag & OPOST);

	/* Data that would stop the terminal's printer early is refused, nothing sent. */
	strbuf_reset(&got);
	assert_int_equal(printer_terminal_write(slave, "ab\x1b[4icd", 8), -1);
	assert_non_null(strstr(unit_last_error, "terminal"));
	read_all(master, &got);
	assert_int_equal(got.len, 0);
	strbuf_release(&got);
	close(slave);
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_stop_sequences),
		cmocka_unit_test(test_send_file_and_failures),
		cmocka_unit_test(test_send_tcp),
		cmocka_unit_test(test_terminal_write),
	};

	unit_init();
	return cmocka_run_group_tests_name("printer", tests, NULL, NULL);
}
