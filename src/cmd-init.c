/*
 * cmd-init.c — `jiedai init`: create the ledger and name the station.
 *
 * `jiedai init --shared DIR`, as root, sets up one township box for several
 * deputies (box.h): the system group `jiedai` with no members, DIR with
 * mode 2770 root:jiedai, the ledger in it (0660), and the system
 * configuration pointing every user there.  The program itself is
 * installed set-group-ID jiedai (make install, or the package).  Logins
 * are then mapped to people with `jiedai user add`.  Run again on a box set
 * up the old way, it converts it (takes the people out of the group).
 *
 * On a ledger that exists, the station's name, code and phone are settings:
 * they go through the gate like `jiedai config`.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "box.h"
#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "priv.h"
#include "textout.h"
#include "xmalloc.h"

/* Set one setting through the gate when it was given. */
static int set(struct jd *jd, const char *key, const char *value)
{
	struct ledger_step st = { .kind = STEP_SETTING, .key = key, .value = value };

	return value ? cmd_apply(jd, &st, NULL) : 0;
}

int cmd_init(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "station-code", required_argument, NULL, 'c' },
		{ "station-name", required_argument, NULL, 'n' },
		{ "station-phone", required_argument, NULL, 'p' },
		{ "shared", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *code = NULL, *name = NULL, *phone = NULL, *shared = NULL;
	char *cur_name, *cur_code, *db = NULL;
	int c, r, admin = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': code = optarg; break;
		case 'n': name = optarg; break;
		case 'p': phone = optarg; break;
		case 's': shared = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (shared) {
		char *abs;

		if (box_setup(shared) < 0)
			return EXIT_REFUSED;
		abs = realpath(shared, NULL);
		if (!abs) {
			error_errno(_("cannot find '%s'"), shared);
			return EXIT_IO;
		}
		db = xasprintf("%s/jiedai.db", abs);
		free(abs);
		if (box_write_conf(db) < 0) {
			free(db);
			return EXIT_IO;
		}
	} else {
		db = paths_db(jd->db_opt, NULL);
		if (!db)
			return EXIT_USAGE;
		admin = paths_is_admin_ledger(db);
		if (priv_setid() && !admin)
			priv_drop();
	}
	if (admin)
		priv_raise();
	r = store_open(db, STORE_CREATE | STORE_INIT, &jd->store);
	if (admin)
		priv_lower();
	if (r != STORE_OK) {
		free(db);
		return store_exit_code(r);
	}
	if (identity_resolve(jd->store, jd->as_opt, &jd->me) < 0) {
		free(db);
		return EXIT_REFUSED;
	}
	r = set(jd, "station_code", code);
	if (!r)
		r = set(jd, "station_name", name);
	if (!r)
		r = set(jd, "station_phone", phone);
	if (r)
		goto out;
	if (shared && box_fix_files(db) < 0) {
		r = EXIT_IO;
		goto out;
	}
	cur_name = store_setting(jd->store, "station_name");
	cur_code = store_setting(jd->store, "station_code");
	textout_printf(stdout, store_created(jd->store) ? _("Created the ledger %s\n") : _("The ledger is %s\n"),
	       store_path(jd->store));
	textout_printf(stdout, _("Station: %s (code %s)\n"), cur_name, cur_code);
	if (shared)
		textout_printf(stdout, _("Every user of this box now works in it (%s says so), through jiedai only.\n"
			 "Next, for each deputy: sudo jiedai user add LOGIN --deputy NAME --role deputy|staff|head\n"),
		       paths_conf_file());
	free(cur_name);
	free(cur_code);
out:
	free(db);
	return r;
}
