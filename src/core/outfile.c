/* outfile.c — see outfile.h. */
#include "outfile.h"

#include <errno.h>
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
}

int outfile_open(struct outfile *o, const char *path, int flags)
{
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->to_stdout = 1;
		if (!(flags & OUTFILE_NAMED)) {
			o->f = stdout;
			return 0;
		}
		{
			const char *dir = getenv("TMPDIR");

			o->tmp = xasprintf("%s/jiedai-out.XXXXXX", dir && *dir ? dir : "/tmp");
		}
	} else {
		o->path = xstrdup(path);
		o->tmp = xasprintf("%s.XXXXXX", path);
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		error_errno(_("cannot write '%s'"), o->path ? o->path : o->tmp);
		release(o);
		return -1;
	}
	/* The mode a plain `>` would give: the user's umask decides. */
	mask = umask(0);
	umask(mask);
	if (o->path)
		fchmod(fd, 0666 & ~mask);
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

/* Copy the temporary file to standard output. */
static int copy_out(const char *tmp)
{
	FILE *in = fopen(tmp, "rb");
	char buf[65536];
	size_t n;
	int r = 0;

	if (!in)
		return error_errno(_("cannot read '%s'"), tmp);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, stdout) != n) {
			r = error_errno(_("cannot write to standard output"));
			break;
		}
	if (ferror(in))
		r = error_errno(_("cannot read '%s'"), tmp);
	fclose(in);
	if (!r && fflush(stdout) != 0)
		r = error_errno(_("cannot write to standard output"));
	return r;
}

int outfile_commit(struct outfile *o)
{
	int r = 0;

	if (o->f && o->f != stdout) {
		if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
			r = error_errno(_("cannot write '%s'"), o->path ? o->path : o->tmp);
		if (fclose(o->f) != 0 && !r)
			r = error_errno(_("cannot write '%s'"), o->path ? o->path : o->tmp);
		o->f = NULL;
	} else if (o->f == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			r = error_errno(_("cannot write to standard output"));
		o->f = NULL;
	}
	if (!r && o->tmp) {
		if (o->to_stdout)
			r = copy_out(o->tmp);
		else if (rename(o->tmp, o->path) != 0)
			r = error_errno(_("cannot write '%s'"), o->path);
		else {
			free(o->tmp);
			o->tmp = NULL;
		}
	}
	outfile_abort(o);
	return r;
}

void outfile_abort(struct outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
	release(o);
}
