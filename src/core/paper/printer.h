/*
 * printer.h — where printed bytes go: a device or file, a network printer, a
 * CUPS queue, or the printer attached to the user's own terminal.
 *
 * A destination is written as
 *
 *	/dev/usb/lp0, ./receipt.bin	a path (it must contain a '/'): written
 *					with open() and write(); see below
 *	tcp:HOST[:PORT]			a network printer's raw port (9100 by
 *					default); tcp:[::1]:9100 for IPv6
 *	lp:QUEUE			a CUPS queue: `lp -d QUEUE -o raw`
 *	terminal			pass-through printing to the printer of
 *					the terminal (PuTTY, xterm) over SSH
 *
 * A path is never truncated and a symbolic link planted at it is never
 * followed to a file.  A character device (the printer) is written as it is;
 * a FIFO is written for the spooler that reads it (and refused when nothing
 * reads it); a regular file is a spool: each receipt is appended at its end
 * (O_APPEND, so two deputies printing at once do not overwrite each other),
 * and a missing one is created 0600 whatever the umask, since stubs name
 * voters.  A path under /dev/ is never created.  A symbolic link is followed
 * only to a character device and only when root or the user owns the link
 * (/dev/serial/by-id/… names a printer by its serial number); anything else
 * (a directory, block device, socket) is refused.
 *
 * Sending never blocks for ever: connecting to a network printer gives up
 * after PRINTER_CONNECT_TIMEOUT_MS, and a device or socket that takes no
 * data for PRINTER_WRITE_TIMEOUT_MS (out of paper, switched off) is given
 * up on.  Every failure is reported through error() naming the destination
 * and what went wrong ("the printer at tcp:10.0.0.5:9100 did not answer").
 *
 * Terminal printing (VT100 media copy): the bytes are framed by CSI 5 i and
 * CSI 4 i.  PuTTY stops printing at ESC [ 4 i or at the one-byte CSI form
 * 9B 34 69, wherever they occur in the data, and drops a last data byte that
 * is ESC or 0x9B; printer_terminal_check() finds all three.  Outside curses
 * the tty turns LF into CR LF unless OPOST is off, which would break binary
 * ESC/POS; printer_terminal_write() turns it off around the write.  (xterm
 * drops NUL bytes in printer mode, so binary ESC/POS does not survive it;
 * PuTTY passes bytes through unchanged to a Windows RAW print job.)
 */
#ifndef JIEDAI_PRINTER_H
#define JIEDAI_PRINTER_H

#include <stddef.h>
#include <termios.h>

#define PRINTER_TCP_PORT 9100
#define PRINTER_CONNECT_TIMEOUT_MS 5000
#define PRINTER_WRITE_TIMEOUT_MS 30000

/* Media copy framing sent around the data (also what terminfo mc5/mc4 hold on xterm). */
#define PRINTER_MC_ON "\033[5i"
#define PRINTER_MC_OFF "\033[4i"

enum printer_kind {
	PRINTER_PATH,
	PRINTER_TCP,
	PRINTER_LP,
	PRINTER_TERMINAL,
};

struct printer_dest {
	enum printer_kind kind;
	char *spec;		/* as given, for messages and the print record */
	char *path;		/* PRINTER_PATH */
	char *host;		/* PRINTER_TCP */
	int port;
	char *queue;		/* PRINTER_LP */
};

/*
 * Read a destination.  Returns 0, or -1 with a message saying how to write
 * one.  Release with printer_dest_release().
 */
int printer_dest_parse(const char *spec, struct printer_dest *d);
void printer_dest_release(struct printer_dest *d);
/* NULL when spec is a destination, or a translated sentence saying how to write one. */
const char *printer_dest_check(const char *spec);

/*
 * Send n bytes to a path, tcp or lp destination.  Returns 0 when every byte
 * was handed over, or -1 with a message.  A terminal destination is written
 * with printer_terminal_write() instead (this refuses it).
 */
int printer_send(const struct printer_dest *d, const void *data, size_t n);

/*
 * Check data for what would end or spoil terminal printing: ESC [ 4 i, the
 * 8-bit CSI form 9B 34 69, or a last byte that is ESC or 0x9B.  Returns 0
 * when the data is safe, or -1 with *at (may be NULL) set to the offset of
 * the first problem.  Reports nothing.
 */
int printer_terminal_check(const void *data, size_t n, size_t *at);

/*
 * Output post-processing (OPOST, so LF -> CR LF) off on fd while binary
 * goes to the terminal, and back on afterwards.  The screen wraps mcprint()
 * in these.  begin returns 0 (also when fd is not a tty: nothing to do).
 */
struct printer_tty {
	int fd;
	int changed;
	struct termios saved;
};
int printer_tty_rawout_begin(int fd, struct printer_tty *st);
void printer_tty_rawout_end(struct printer_tty *st);

/*
 * Print data on the terminal's printer through fd: CSI 5 i, data, CSI 4 i,
 * with OPOST off.  Refuses (-1 with a message) data that fails
 * printer_terminal_check().  Nothing can tell whether a printer is attached:
 * a terminal without one shows the bytes on the screen.
 */
int printer_terminal_write(int fd, const void *data, size_t n);

#endif
