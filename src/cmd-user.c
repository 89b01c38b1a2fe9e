/*
 * cmd-user.c — `jiedai user add|list`: which deputy and role each Unix
 * login acts as.  On a shared box this is who may sign off and void.
 *
 * Run as root on a shared box, `user add` also puts the login in the group
 * `jiedai` that may open the ledger (the user logs in again to get it).
 */
#include "cmd.h"

#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"
#include "validate.h"

#define SHARED_GROUP "jiedai"

/* 1 when login is a member of group g (primary or supplementary). */
static int in_group(const struct passwd *pw, const struct group *g)
{
	if (pw->pw_gid == g->gr_gid)
		return 1;
	for (char **m = g->gr_mem; m && *m; m++)
		if (!strcmp(*m, pw->pw_name))
			return 1;
	return 0;
}

/* As root: give the login access to the shared ledger. */
static void grant_group(const char *login)
{
	struct passwd *pw = getpwnam(login);
	struct group *g = getgrnam(SHARED_GROUP);
	pid_t pid;
	int st;

	if (!pw) {
		warning(_("there is no Unix login '%s' on this machine yet; create it, then add it to the group %s"),
			login, SHARED_GROUP);
		return;
	}
	if (!g || in_group(pw, g) || geteuid() != 0)
		return;
	pid = fork();
	if (pid == 0) {
		execlp("gpasswd", "gpasswd", "-a", login, SHARED_GROUP, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		warning(_("could not add '%s' to the group %s; run: usermod -aG %s %s"), login, SHARED_GROUP,
			SHARED_GROUP, login);
		return;
	}
	printf(_("%s may now open the shared ledger (after logging in again).\n"), login);
}

static int may_manage(struct jd *jd)
{
	/* The administrator (root) sets up a box; after that, the station head. */
	if (jd->me.all_roles || jd->me.role == ROLE_HEAD || geteuid() == 0)
		return 1;
	error(_("only the station head (or the administrator) may change who may do what"));
	return 0;
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
	if (!may_manage(jd))
		return EXIT_REFUSED;
	if (shared) {
		r = store_shared_login_add(jd->store, argv[optind]);
		if (r == STORE_OK) {
			printf(_("%s is a shared login: the screen asks who is working, the command line needs --as NAME\n"),
			       argv[optind]);
			grant_group(argv[optind]);
		}
		return store_exit_code(r);
	}
	if (validate_text(deputy, 0, 20, &name, &msg) < 0 || !*name) {
		error(_("deputy: %s"), msg ? msg : _("This field is required."));
		free(msg);
		free(name);
		return EXIT_REFUSED;
	}
	r = store_user_set(jd->store, argv[optind], name, role);
	if (r == STORE_OK) {
		printf(_("%s acts as %s (%s)\n"), argv[optind], name, role_label(role));
		grant_group(argv[optind]);
	}
	free(name);
	return store_exit_code(r);
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
		printf(_("Shared logins (the person is chosen at start): %s\n"), shared);
	if (!n && !*shared)
		printf(_("(no logins mapped: every login acts as itself)\n"));
	free(shared);
	store_user_rows_free(rows, n);
	return 0;
}
