/* progress.c — see progress.h. */
#include "progress.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct progress {
	char *title;
	uint64_t total, done;
	int shown;		/* last percent drawn, or -1 */
	uint64_t shown_units;	/* last count drawn (unknown total) */
	int cols;
};

static int stderr_cols(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

void progress_format(char *buf, size_t size, const char *title, uint64_t done, uint64_t total,
		     int cols)
{
	struct strbuf sb = STRBUF_INIT;
	char tail[64];
	int tw, bar;

	if (done > total && total)
		done = total;
	if (total)
		snprintf(tail, sizeof(tail), " %3d%%  %llu/%llu", (int)(done * 100 / total),
			 (unsigned long long)done, (unsigned long long)total);
	else
		snprintf(tail, sizeof(tail), "  %llu", (unsigned long long)done);
	tw = (int)strlen(tail);
	/* Title, a space, [bar], the tail; one column spare so the line never wraps. */
	u8_cut(&sb, title, cols / 3, 1);
	bar = cols - 1 - u8_width(sb.buf) - 1 - 2 - tw;
	if (total && bar >= 10) {
		int fill = (int)((uint64_t)bar * done / total);

		strbuf_adds(&sb, " [");
		for (int i = 0; i < bar; i++)
			strbuf_addch(&sb, i < fill ? '#' : '.');
		strbuf_addch(&sb, ']');
	}
	strbuf_adds(&sb, tail);
	snprintf(buf, size, "%s", sb.buf);
	strbuf_release(&sb);
}

static void draw(struct progress *p)
{
	char line[512];

	progress_format(line, sizeof(line), p->title, p->done, p->total, p->cols);
	/* CR, the line, then clear to the end in case the last one was longer. */
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
}

struct progress *progress_start(const char *title, uint64_t total)
{
	struct progress *p;

	if (!isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->title = xstrdup(title);
	p->total = total;
	p->shown = -1;
	p->cols = stderr_cols();
	if (p->cols > 200)
		p->cols = 200;
	draw(p);
	p->shown = 0;
	return p;
}

void progress_update(struct progress *p, uint64_t done)
{
	if (!p)
		return;
	p->done = done;
	if (p->total) {
		int pct = (int)((done > p->total ? p->total : done) * 100 / p->total);

		if (pct == p->shown)
			return;
		p->shown = pct;
	} else {
		if (done - p->shown_units < 1000)
			return;
		p->shown_units = done;
	}
	draw(p);
}

void progress_stop(struct progress *p)
{
	if (!p)
		return;
	draw(p);	/* where it stopped: 100% when done, less after an error */
	fputc('\n', stderr);
	fflush(stderr);
	free(p->title);
	free(p);
}
