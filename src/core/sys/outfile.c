/* outfile.c — see outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

static void release(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}

static const char *target_name(const struct outfile *o)
{
	return o->path ? o->path : _("standard output");
}

/* Kinds written in place; everything else that is not a regular file is refused. */
static int in_place_kind(mode_t m)
{
	return S_ISCHR(m) || S_ISFIFO(m);
}

/*
 * Decide how to write the existing or missing o->path: fills o->replace and
 * o->mode, or opens o->fd for writing in place.  0, or -1 with a message.
 */
static int examine(struct outfile *o, int flags)
{
	const char *path = o->path;
	struct stat st;

	if (lstat(path, &st) < 0) {
		mode_t mask;

		if (errno != ENOENT)
			return error_errno(_("cannot write '%s'"), path);
		/* A new file. */
		o->replace = 1;
		mask = umask(0);
		umask(mask);
		o->mode = (flags & OUTFILE_PRIVATE) ? 0600 : 0666 & ~mask;
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		if (stat(path, &st) < 0)
			return error(_("'%s' is a symbolic link to nothing; give the name of a file"), path);
		if (S_ISREG(st.st_mode))
			return error(_("'%s' is a symbolic link to a file; give the file's own name"), path);
	}
	if (S_ISREG(st.st_mode)) {
		o->replace = 1;
		/* Personal data is the person's alone, whatever the file allowed before; a public sheet keeps its mode. */
		o->mode = (flags & OUTFILE_PRIVATE) ? 0600 : st.st_mode & 0777;
		o->keep_owner = 1;
		o->uid = st.st_uid;
		o->gid = st.st_gid;
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return error(_("'%s' is a directory; give the name of a file in it"), path);
	if (!in_place_kind(st.st_mode))
		return error(_("'%s' is neither a file, a character device nor a FIFO; jiedai does not write there"),
			     path);
	/*
	 * A device or FIFO: written in place.  Opened without waiting: a FIFO
	 * nobody reads would otherwise hold the command for ever (and a serial
	 * line with no carrier likewise); then written as any pipe is.
	 */
	o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (o->fd < 0 && errno == ENXIO && S_ISFIFO(st.st_mode))
		return error(_("no program is reading from the FIFO '%s', so nothing was written; start the program that reads it first, or give the name of a file"),
			     path);
	if (o->fd < 0)
		return error_errno(_("cannot write '%s'"), path);
	{
		int fl = fcntl(o->fd, F_GETFL);

		if (fl < 0 || fcntl(o->fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
			error_errno(_("cannot write '%s'"), path);
			close(o->fd);
			o->fd = -1;
			return -1;
		}
	}
	/* What we opened may not be what we looked at: a file swapped in meanwhile is not overwritten. */
	if (fstat(o->fd, &st) < 0 || !in_place_kind(st.st_mode)) {
		close(o->fd);
		o->fd = -1;
		return error(_("'%s' changed while it was being opened; try again"), path);
	}
	return 0;
}

/* A temporary file: beside the target, or in $TMPDIR.  0, or -1 with a message. */
static int make_tmp(struct outfile *o, int *fd)
{
	if (o->replace) {
		o->tmp = xasprintf("%s.XXXXXX", o->path);
	} else {
		const char *dir = getenv("TMPDIR");

		o->tmp = xasprintf("%s/jiedai-out.XXXXXX", dir && *dir ? dir : "/tmp");
	}
	*fd = mkstemp(o->tmp);
	if (*fd < 0) {
		error_errno(_("cannot write '%s'"), o->replace ? o->path : o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	/* mkstemp makes it 0600; we say so rather than rely on it. */
	fchmod(*fd, 0600);
	return 0;
}

int outfile_open(struct outfile *o, const char *path, int flags)
{
	int fd = -1;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (!path || !strcmp(path, "-")) {
		o->fd = STDOUT_FILENO;
		if (!(flags & OUTFILE_NAMED)) {
			o->f = stdout;
			return 0;
		}
	} else {
		o->path = xstrdup(path);
		if (examine(o, flags) < 0) {
			release(o);
			return -1;
		}
		if (!o->replace && !(flags & OUTFILE_NAMED)) {
			o->f = fdopen(o->fd, "w");
			if (!o->f) {
				error_errno(_("cannot write '%s'"), path);
				close(o->fd);
				release(o);
				return -1;
			}
			return 0;
		}
	}
	if (make_tmp(o, &fd) < 0) {
		if (o->fd > STDERR_FILENO)
			close(o->fd);
		release(o);
		return -1;
	}
	if (flags & OUTFILE_NAMED) {
		close(fd);
		return 0;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		error_errno(_("cannot write '%s'"), path);
		close(fd);
		unlink(o->tmp);
		release(o);
		return -1;
	}
	return 0;
}

/* Copy the temporary file to o->fd (standard output, a device or FIFO). */
static int copy_out(struct outfile *o)
{
	int in = open(o->tmp, O_RDONLY | O_CLOEXEC);
	char buf[65536];
	ssize_t n;
	int r = 0;

	if (in < 0)
		return error_errno(_("cannot read '%s'"), o->tmp);
	if (o->fd == STDOUT_FILENO && fflush(stdout) != 0)
		r = error_errno(_("cannot write to standard output"));
	while (!r && (n = read(in, buf, sizeof(buf))) != 0) {
		const char *p = buf;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = error_errno(_("cannot read '%s'"), o->tmp);
			break;
		}
		while (n > 0) {
			ssize_t w = write(o->fd, p, (size_t)n);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				if (w == 0)
					errno = EIO;
				if (o->path)
					r = error_errno(_("cannot write '%s'"), o->path);
				else
					r = error_errno(_("cannot write to standard output"));
				break;
			}
			p += w;
			n -= w;
		}
	}
	close(in);
	return r;
}

/* Give the finished temporary file (open as fd) its final owner and mode, and sync it. */
static int settle_tmp(struct outfile *o, int fd)
{
	/* Owner first: chown may clear the setgid bit that chmod sets. */
	if (o->keep_owner && fchown(fd, o->uid, o->gid) < 0 && fchown(fd, (uid_t)-1, o->gid) < 0) {
		/* Not ours to give away; the caller owns the new file, which is no wider than before. */
	}
	if (fchmod(fd, o->mode) < 0 || fsync(fd) < 0)
		return error_errno(_("cannot write '%s'"), o->path);
	return 0;
}

/* Rename the temporary file over the target, unless the target became something else. */
static int replace_target(struct outfile *o)
{
	struct stat st;

	if (lstat(o->path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
		return error(_("'%s' changed while it was being written; nothing was written there"), o->path);
	if (rename(o->tmp, o->path) != 0)
		return error_errno(_("cannot write '%s'"), o->path);
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

int outfile_commit(struct outfile *o)
{
	int r = 0;

	if (o->f == stdout) {
		r = outfile_stdout_flush();
		o->f = NULL;
	} else if (o->f) {
		if (fflush(o->f) != 0 || ferror(o->f))
			r = error_errno(_("cannot write '%s'"), target_name(o));
		else if (o->replace)
			r = settle_tmp(o, fileno(o->f));
		if (fclose(o->f) != 0 && !r)
			r = error_errno(_("cannot write '%s'"), target_name(o));
		o->f = NULL;
		if (!o->tmp)
			o->fd = -1;	/* it was the FILE's descriptor */
	} else if (o->replace && o->tmp) {
		/* Written by name (XLSX): open it again to settle it. */
		int fd = open(o->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

		if (fd < 0)
			r = error_errno(_("cannot write '%s'"), o->path);
		else {
			r = settle_tmp(o, fd);
			close(fd);
		}
	}
	if (!r && o->tmp)
		r = o->replace ? replace_target(o) : copy_out(o);
	outfile_abort(o);
	return r;
}

void outfile_abort(struct outfile *o)
{
	if (o->f && o->f != stdout) {
		if (!o->tmp)
			o->fd = -1;	/* closed with the FILE */
		fclose(o->f);
	}
	o->f = NULL;
	if (o->fd > STDERR_FILENO)
		close(o->fd);
	if (o->tmp)
		unlink(o->tmp);
	release(o);
}

int outfile_stdout_flush(void)
{
	if (fflush(stdout) != 0)
		return error_errno(_("cannot write to standard output"));
	if (ferror(stdout))
		return error(_("cannot write to standard output (is the disk full?)"));
	return 0;
}
