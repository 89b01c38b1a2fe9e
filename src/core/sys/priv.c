/* priv.c — see priv.h. */
/* setresgid() is a GNU (and BSD) call; it is the one that also sets the saved group. */
#define _GNU_SOURCE
#include "priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"

static int setid;
static gid_t person_gid, ledger_gid;
static int dropped, now_ignored;

/* Variables that would let a person change what the administrator set. */
static const char *const hostile[] = {
	"JIEDAI_NOW",		/* the clock: events dated as the person likes */
	"JIEDAI_CONF",		/* /etc/jiedai.conf: another ledger, other forms */
	"JIEDAI_FORMS",		/* the forms: other validation rules */
	"JIEDAI_SEARCH",	/* test switch */
	"TERMINFO",		/* terminal descriptions from the person's files */
	"TERMINFO_DIRS",
	"TERMCAP",
	NULL,
};

void priv_init(void)
{
	setid = getauxval(AT_SECURE) != 0;
	person_gid = getgid();
	ledger_gid = getegid();
	if (ledger_gid != person_gid && setegid(person_gid) < 0) {
		fprintf(stderr, "jiedai: cannot lower the group: %m\n");
		exit(3);
	}
	if (!setid)
		return;
	now_ignored = getenv("JIEDAI_NOW") != NULL;
	for (const char *const *v = hostile; *v; v++)
		unsetenv(*v);
}

int priv_setid(void)
{
	return setid;
}

int priv_now_ignored(void)
{
	return now_ignored;
}

void priv_raise(void)
{
	if (!dropped && ledger_gid != person_gid && setegid(ledger_gid) < 0)
		die("setegid: %s", strerror(errno));
}

void priv_lower(void)
{
	if (!dropped && ledger_gid != person_gid && setegid(person_gid) < 0)
		die("setegid: %s", strerror(errno));
}

void priv_drop(void)
{
	if (dropped)
		return;
	if (setresgid(person_gid, person_gid, person_gid) < 0)
		die("setresgid: %s", strerror(errno));
	dropped = 1;
}
