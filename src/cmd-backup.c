/*
 * cmd-backup.c — `jiedai backup DEST`: a consistent copy of the ledger,
 * taken while others keep working.
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "textout.h"

int cmd_backup(struct jd *jd, int argc, char **argv)
{
	int64_t n = 0;
	int r;

	if (argc != 2 || argv[1][0] == '-')
		return cmd_usage_error(jd->cmd, _("name the new file for the backup"));
	r = cmd_take(jd, STEP_BACKUP, argv[1]);
	if (r)
		return r;
	r = store_backup(jd->store, argv[1], &n);
	if (r == STORE_OK)
		textout_printf(stdout, _("Backed up %lld tickets to %s (checked).\n"), (long long)n, argv[1]);
	return store_exit_code(r);
}
