/*
 * cmd-user.c — `jiedai user add|list`: which deputy and role each Unix
 * login acts as.  On a shared box this is who may sign off and void.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"
#include "validate.h"

static int user_add(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "deputy", required_argument, NULL, 'd' },
		{ "role", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *deputy = NULL, *role_s = "deputy";
	char *name = NULL, *msg = NULL;
	enum role role;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': deputy = optarg; break;
		case 'r': role_s = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc || !deputy)
		return cmd_usage_error(jd->cmd, _("give the login and --deputy NAME"));
	if (role_parse(role_s, &role) < 0)
		return cmd_usage_error(jd->cmd, _("the role is deputy, staff or head"));
	/* The administrator (root) sets up a box; after that, the station head. */
	if (!jd->me.all_roles && jd->me.role != ROLE_HEAD && geteuid() != 0) {
		error(_("only the station head may change who may do what"));
		return EXIT_REFUSED;
	}
	if (validate_text(deputy, 0, 20, &name, &msg) < 0 || !*name) {
		error(_("deputy: %s"), msg ? msg : _("This field is required."));
		free(msg);
		free(name);
		return EXIT_REFUSED;
	}
	r = store_user_set(jd->store, argv[optind], name, role);
	if (r == STORE_OK)
		printf(_("%s acts as %s (%s)\n"), argv[optind], name, role_label(role));
	free(name);
	return store_exit_code(r);
}

int cmd_user(struct jd *jd, int argc, char **argv)
{
	struct user_row *rows;
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
	if (!n)
		printf(_("(no logins mapped: every login acts as itself)\n"));
	store_user_rows_free(rows, n);
	return 0;
}
