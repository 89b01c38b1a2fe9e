/*
 * cmd-user.c — `jiedai user add|list`: which deputy and role each Unix
 * login acts as.  On a shared box this is who may sign off and void.
 *
 * Only the administrator (root on a shared box) maps logins: a role comes
 * from nowhere else.  No login is put in the group jiedai: the program
 * opens the ledger for them (priv.h).
 */
#include "cmd.h"

#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"
#include "validate.h"

/* Say so when the login is not (yet) a Unix login of this machine. */
static void note_unknown_login(const char *login)
{
	if (!getpwnam(login))
		warning(_("there is no Unix login '%s' on this machine yet; it can use jiedai once it is created"),
			login);
}

static int user_add(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "deputy", required_argument, NULL, 'd' },
		{ "role", required_argument, NULL, 'r' },
		{ "shared", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *deputy = NULL, *role_s = "deputy";
	char *name = NULL, *msg = NULL;
	int shared = 0;
	enum role role;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': deputy = optarg; break;
		case 'r': role_s = optarg; break;
		case 's': shared = 1; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc || (!deputy && !shared) || (deputy && shared))
		return cmd_usage_error(jd->cmd, _("give the login and either --deputy NAME or --shared"));
	if (role_parse(role_s, &role) < 0)
		return cmd_usage_error(jd->cmd, _("the role is deputy, staff or head"));
	if (validate_login(argv[optind], &msg) < 0) {
		error(_("login: %s"), msg);
		free(msg);
		return EXIT_REFUSED;
	}
	if (shared) {
		struct ledger_step st = { .kind = STEP_SHARED_LOGIN, .login = argv[optind] };

		r = cmd_apply(jd, &st, NULL);
		if (!r) {
			textout_printf(stdout, _("%s is a shared login: the screen asks who is working, the command line needs --as NAME\n"),
			       argv[optind]);
			note_unknown_login(argv[optind]);
		}
		return r;
	}
	if (validate_text(deputy, 0, 20, &name, &msg) < 0 || !*name) {
		error(_("deputy: %s"), msg ? msg : _("This field is required."));
		free(msg);
		free(name);
		return EXIT_REFUSED;
	}
	{
		struct ledger_step st = { .kind = STEP_USER, .login = argv[optind], .person = name, .role = role };

		r = cmd_apply(jd, &st, NULL);
	}
	if (!r) {
		textout_printf(stdout, _("%s acts as %s (%s)\n"), argv[optind], name, role_label(role));
		note_unknown_login(argv[optind]);
	}
	free(name);
	return r;
}

int cmd_user(struct jd *jd, int argc, char **argv)
{
	struct user_row *rows;
	char *shared;
	size_t n;
	int r;

	if (argc < 2)
		return cmd_usage_error(jd->cmd, _("say add or list"));
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "add"))
		return user_add(jd, argc - 1, argv + 1);
	if (strcmp(argv[1], "list"))
		return cmd_usage_error(jd->cmd, _("say add or list, not '%s'"), argv[1]);
	r = store_user_list(jd->store, &rows, &n);
	if (r != STORE_OK)
		return store_exit_code(r);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		u8_fit(&sb, rows[i].login, 16, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, rows[i].deputy, 12, 0);
		strbuf_addf(&sb, " %s", role_label(rows[i].role));
		printf("%s\n", sb.buf);
		strbuf_release(&sb);
	}
	shared = store_setting(jd->store, "shared_logins");
	if (*shared)
		textout_printf(stdout, _("Shared logins (the person is chosen at start): %s\n"), shared);
	if (!n && !*shared)
		printf(_("(no logins mapped: every login acts as itself)\n"));
	free(shared);
	store_user_rows_free(rows, n);
	return 0;
}
