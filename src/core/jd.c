/* jd.c — see jd.h. */
#include "jd.h"

#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "store.h"
#include "strbuf.h"
#include "workdays.h"

char *jd_calendar_file(struct jd *jd)
{
	char *setting = NULL, *path;

	if (jd->store) {
		setting = store_setting(jd->store, "forms_dir");
	} else {
		/* calendar-check runs without a ledger; read the station's forms_dir when there is one. */
		char *db = paths_db(jd->db_opt, NULL);
		struct store *s = NULL;

		if (access(db, R_OK) == 0 && store_open(db, STORE_READONLY, &s) == STORE_OK) {
			setting = store_setting(s, "forms_dir");
			store_close(s);
		}
		free(db);
	}
	path = paths_calendar_file(jd->forms_opt, setting);
	free(setting);
	return path;
}

const struct calendar *jd_calendar(struct jd *jd)
{
	if (!jd->calendar_read) {
		struct strbuf errs = STRBUF_INIT;
		char *path = jd_calendar_file(jd);

		/* A broken or missing file: workdays_due() warns with each deadline. */
		jd->calendar = calendar_load(path, &errs);
		jd->calendar_read = 1;
		strbuf_release(&errs);
		free(path);
	}
	return jd->calendar;
}
