/*
 * cmd-hub.c — `jiedai hub init URL [--name NAME] [--practice]`: make (or
 * upgrade) the county's hub in a PostgreSQL database: the schema jiedai,
 * its functions and the roles jiedai_owner, jiedai_station and
 * jiedai_reader.  `jiedai hub station add|rebind|list --hub URL`: the
 * county binds each station code to the login that pushes it.  Run by the
 * county (the database's superuser, or a member of jiedai_owner); none of
 * it needs a ledger.  See src/core/hub/hub.h.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hub.h"
#include "i18n.h"
#include "priv.h"
#include "strbuf.h"
#include "u8.h"

static int hub_init_cmd(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "practice", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *upto_env;
	struct hub *h = NULL;
	int c, r, practice = 0, from = 0, upto = 0;
	int64_t aside = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'p': practice = 1; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("give the hub's address: jiedai hub init postgres://HOST/DATABASE"));
	/* Tests make a hub of an older schema version to upgrade (never the installed program). */
	upto_env = priv_setid() ? NULL : getenv("JIEDAI_HUB_SCHEMA");
	if (upto_env)
		upto = atoi(upto_env);
	r = hub_connect(argv[optind], 0, &h);
	if (r != HUB_OK)
		return hub_exit_code(r);
	r = hub_init(h, name, practice, upto, &from);
	if (r == HUB_OK && from && from < 3 && (!upto || upto >= 3))
		hub_set_aside_count(h, &aside);
	hub_close(h);
	if (r != HUB_OK)
		return hub_exit_code(r);
	if (from == HUB_SCHEMA_VERSION)
		printf(_("The hub is already at schema version %d.\n"), from);
	else if (from)
		printf(_("The hub was upgraded from schema version %d to %d.\n"), from,
		       upto ? upto : HUB_SCHEMA_VERSION);
	else
		printf(_("The hub was made (schema version %d%s). Give each station a login that is a member of jiedai_station and bind its code to it (jiedai hub station add CODE --login LOGIN --hub URL); county readers are members of jiedai_reader.\n"),
		       upto ? upto : HUB_SCHEMA_VERSION, practice ? _(", a practice hub") : "");
	if (from && from < 3 && (!upto || upto >= 3))
		printf(_("Each station code it held stays bound to the login that pushed it; every ticket row was worked out again from its history; %lld row(s) that no history led to, or that differed from it, were set aside in jiedai.set_aside.\n"),
		       (long long)aside);
	return 0;
}

/* `hub station add|rebind|list`: the --hub URL and the other options, then the work. */
static int hub_station_cmd(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hub", required_argument, NULL, 'H' },
		{ "login", required_argument, NULL, 'l' },
		{ "name", required_argument, NULL, 'n' },
		{ "note", required_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *url = NULL, *login = NULL, *name = NULL, *note = NULL, *what;
	struct hub *h = NULL;
	int c, r;

	if (argc < 2)
		return cmd_usage_error(jd->cmd, _("say add, rebind or list: jiedai hub station add CODE --login LOGIN --hub URL"));
	what = argv[1];
	if (strcmp(what, "add") && strcmp(what, "rebind") && strcmp(what, "list"))
		return cmd_usage_error(jd->cmd, _("say add, rebind or list, not '%s'"), what);
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': url = optarg; break;
		case 'l': login = optarg; break;
		case 'n': name = optarg; break;
		case 'N': note = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (!url)
		return cmd_usage_error(jd->cmd, _("give the hub's address: --hub postgres://HOST/DATABASE"));
	if (!strcmp(what, "list")) {
		if (optind < argc)
			return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	} else {
		if (optind + 1 != argc || !login)
			return cmd_usage_error(jd->cmd, _("give the station code and its login: jiedai hub station %s CODE --login LOGIN --hub URL"),
					       what);
		if (u8_has_control(argv[optind], 0) || u8_has_control(login, 0) ||
		    (name && u8_has_control(name, 0)) || (note && u8_has_control(note, 0)))
			return cmd_usage_error(jd->cmd, _("the text has control characters or is not valid UTF-8"));
	}
	r = hub_connect(url, 1, &h);
	if (r != HUB_OK)
		return hub_exit_code(r);
	if (!strcmp(what, "add")) {
		r = hub_station_add(h, argv[optind], login, name);
		if (r == HUB_OK)
			printf(_("Station code %s is bound to the hub login '%s': only that login may push it.\n"),
			       argv[optind], login);
	} else if (!strcmp(what, "rebind")) {
		r = hub_station_rebind(h, argv[optind], login, note);
		if (r == HUB_OK)
			printf(_("Station code %s is bound to the hub login '%s' now, recorded at the hub (jiedai.bindings); the old login may no longer push it. Turn it off if it is not used for another station: ALTER ROLE OLD-LOGIN NOLOGIN\n"),
			       argv[optind], login);
	} else {
		struct hub_station_row *rows = NULL;
		size_t n = 0;

		r = hub_station_list(h, &rows, &n);
		if (r == HUB_OK) {
			struct strbuf sb = STRBUF_INIT;

			u8_fit(&sb, _("code"), 9, 0);
			u8_fit(&sb, _("login"), 17, 0);
			u8_fit(&sb, _("records"), 9, 0);
			u8_fit(&sb, _("bound since"), 18, 0);
			u8_fit(&sb, _("last push"), 18, 0);
			u8_cut(&sb, _("name"), 40, 0);
			strbuf_addch(&sb, '\n');
			for (size_t i = 0; i < n; i++) {
				char num[24];

				snprintf(num, sizeof(num), "%lld", (long long)rows[i].events);
				u8_fit(&sb, rows[i].code, 9, 0);
				u8_fit(&sb, rows[i].login, 17, 1);
				u8_fit(&sb, num, 9, 0);
				u8_fit(&sb, rows[i].bound_at, 18, 0);
				u8_fit(&sb, *rows[i].last_push ? rows[i].last_push : "-", 18, 0);
				u8_cut(&sb, rows[i].name, 40, 1);
				strbuf_addch(&sb, '\n');
			}
			fputs(sb.buf, stdout);
			strbuf_release(&sb);
			hub_station_rows_free(rows, n);
		}
	}
	hub_close(h);
	return hub_exit_code(r);
}

int cmd_hub(struct jd *jd, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage_error(jd->cmd, _("say what to do: jiedai hub init URL, or jiedai hub station add|rebind|list"));
	if (!strcmp(argv[1], "init"))
		return hub_init_cmd(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "station"))
		return hub_station_cmd(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	return cmd_usage_error(jd->cmd, _("unknown hub command '%s'"), argv[1]);
}
