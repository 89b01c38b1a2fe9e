/*
 * jd.h — the program's context: the ledger it opened, the person acting,
 * the station's forms and its calendar of holidays.  The commands (cmd.h)
 * and the screens (ui/) both work with it, so it lives in the core, below
 * both; setting it up from the options is the command line's job
 * (cmd_prepare()), and a screen only uses it.  Every face acts through the
 * gate on the ledger, so this header brings ledger.h and store.h along.
 */
#ifndef JIEDAI_JD_H
#define JIEDAI_JD_H

#include "formspec.h"
#include "identity.h"
#include "ledger.h"
#include "store.h"

/* Exit codes of the program, for a command and the screen alike (README). */
#define EXIT_REFUSED 1
#define EXIT_USAGE 2
#define EXIT_IO 3
#define EXIT_UNWRITTEN 4	/* done and saved, but the result could not be written */

struct calendar;
struct cmd;

struct jd {
	const char *db_opt;	/* --db */
	const char *forms_opt;	/* --forms */
	const char *as_opt;	/* --as */
	char *db_path;
	struct store *store;
	struct forms forms;
	struct identity me;
	const struct cmd *cmd;	/* the command running (cmd.h) */
	struct calendar *calendar;	/* holidays, read by jd_calendar() (NULL: none) */
	int calendar_read;
	int hub_alone;		/* a CMD_HUB_ALONE command given --hub: store stays NULL */
};

/*
 * The calendar of public holidays for this run, read at the first call
 * (from jd_calendar_file()); NULL when it cannot be read (deadlines then
 * warn).  Lent: it lives as long as jd.
 */
const struct calendar *jd_calendar(struct jd *jd);
/*
 * The calendar file for this run: beside the station's forms (--forms, or
 * the ledger's forms_dir, read from the ledger when jd has none open), or
 * the shipped one.  Caller frees.
 */
char *jd_calendar_file(struct jd *jd);

#endif
