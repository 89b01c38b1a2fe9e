/*
 * cmd-init.c — `jiedai init`: create the ledger and name the station.
 *
 * `jiedai init --shared DIR`, as root, sets up one township box for several
 * deputies: the group `jiedai`, DIR with mode 2770 (setgid, so every file
 * made there belongs to the group), the ledger in it with mode 0660, and the
 * system configuration file pointing every user there.  Logins are then
 * given access with `jiedai user add`.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "strbuf.h"
#include "xmalloc.h"

#define SHARED_GROUP "jiedai"

static int run(const char *const argv[])
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* Write (or update) the db line of the system configuration file. */
static int write_conf(const char *db)
{
	const char *path = paths_conf_file();
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "r");
	char line[1024];
	int done = 0;

	if (f) {
		while (fgets(line, sizeof(line), f)) {
			const char *p = line + strspn(line, " \t");

			if (!strncmp(p, "db", 2) && (p[2] == ' ' || p[2] == '\t' || p[2] == '=')) {
				if (!done)
					strbuf_addf(&sb, "db = %s\n", db);
				done = 1;
				continue;
			}
			strbuf_adds(&sb, line);
		}
		fclose(f);
	} else {
		strbuf_adds(&sb, "# jiedai: the shared ledger of this box (written by jiedai init --shared)\n");
	}
	if (!done)
		strbuf_addf(&sb, "db = %s\n", db);
	f = fopen(path, "w");
	if (!f || fputs(sb.buf, f) == EOF || fclose(f) != 0) {
		strbuf_release(&sb);
		return error_errno(_("cannot write %s"), path);
	}
	chmod(path, 0644);
	strbuf_release(&sb);
	return 0;
}

/* Group, directory and configuration for a shared box; *db gets the ledger path. */
static int setup_shared(const char *dir, char **db)
{
	static const char *const groupadd[] = { "groupadd", "--system", SHARED_GROUP, NULL };
	struct group *g;
	char *abs;

	if (geteuid() != 0)
		return error(_("setting up a shared box needs the administrator: run it as root (sudo jiedai init --shared %s)"),
			     dir);
	g = getgrnam(SHARED_GROUP);
	if (!g) {
		if (run(groupadd) < 0 || !(g = getgrnam(SHARED_GROUP)))
			return error(_("could not create the group %s (groupadd)"), SHARED_GROUP);
		printf(_("Created the group %s.\n"), SHARED_GROUP);
	}
	if (paths_mkdir_p(dir, 0755) < 0)
		return -1;
	if (chown(dir, 0, g->gr_gid) < 0 || chmod(dir, 02770) < 0)
		return error_errno(_("cannot set the owner and mode of '%s'"), dir);
	abs = realpath(dir, NULL);
	if (!abs)
		return error_errno(_("cannot find '%s'"), dir);
	*db = xasprintf("%s/jiedai.db", abs);
	free(abs);
	if (write_conf(*db) < 0)
		return -1;
	return 0;
}

/* The ledger and its -wal/-shm: group jiedai, mode 0660. */
static void fix_modes(const char *db)
{
	struct group *g = getgrnam(SHARED_GROUP);
	const char *suffix[] = { "", "-wal", "-shm" };

	for (int i = 0; i < 3 && g; i++) {
		char *p = xasprintf("%s%s", db, suffix[i]);

		if (access(p, F_OK) == 0 && (chown(p, (uid_t)-1, g->gr_gid) < 0 || chmod(p, 0660) < 0))
			warning(_("cannot set the mode of '%s'"), p);
		free(p);
	}
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
	int c, r;

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
		if (setup_shared(shared, &db) < 0) {
			free(db);
			return EXIT_REFUSED;
		}
	} else {
		db = paths_db(jd->db_opt, NULL);
	}
	r = store_open(db, STORE_CREATE, &jd->store);
	if (r != STORE_OK) {
		free(db);
		return store_exit_code(r);
	}
	if (code && (r = store_setting_set(jd->store, "station_code", code)) != STORE_OK)
		goto out;
	if (name && (r = store_setting_set(jd->store, "station_name", name)) != STORE_OK)
		goto out;
	if (phone && (r = store_setting_set(jd->store, "station_phone", phone)) != STORE_OK)
		goto out;
	if (shared)
		fix_modes(db);
	cur_name = store_setting(jd->store, "station_name");
	cur_code = store_setting(jd->store, "station_code");
	printf(store_created(jd->store) ? _("Created the ledger %s\n") : _("The ledger is %s\n"),
	       store_path(jd->store));
	printf(_("Station: %s (code %s)\n"), cur_name, cur_code);
	if (shared)
		printf(_("Every user of this box now works in it (%s says so).\n"
			 "Next, for each deputy: jiedai user add LOGIN --deputy NAME --role deputy|staff|head\n"),
		       paths_conf_file());
	free(cur_name);
	free(cur_code);
out:
	free(db);
	return store_exit_code(r);
}
