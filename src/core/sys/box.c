/* box.c — see box.h. */
#include "box.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "priv.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

/*
 * Run a system tool (groupadd, gpasswd) with a fixed PATH, its own output
 * kept off the screen: jiedai says what was done, in the user's language.
 */
static int run_tool(const char *const argv[])
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		setenv("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* The logins that are in group g: its members, and those whose own group it is. */
static char **members(const struct group *g)
{
	char **out = xcalloc(1, sizeof(*out));
	size_t n = 0;
	struct passwd *pw;

	for (char **m = g->gr_mem; m && *m; m++) {
		out = xreallocarray(out, n + 2, sizeof(*out));
		out[n++] = xstrdup(*m);
		out[n] = NULL;
	}
	setpwent();
	while ((pw = getpwent()))
		if (pw->pw_gid == g->gr_gid) {
			out = xreallocarray(out, n + 2, sizeof(*out));
			out[n++] = xstrdup(pw->pw_name);
			out[n] = NULL;
		}
	endpwent();
	return out;
}

static int primary_of(const char *login, gid_t gid)
{
	struct passwd *pw = getpwnam(login);

	return pw && pw->pw_gid == gid;
}

int box_write_conf(const char *db)
{
	const char *path = paths_conf_file();
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "r");
	char line[1024];
	int done = 0, fd;

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
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f || fputs(sb.buf, f) == EOF || fchmod(fd, 0644) < 0 || fclose(f) != 0) {
		strbuf_release(&sb);
		return error_errno(_("cannot write %s"), path);
	}
	strbuf_release(&sb);
	return 0;
}

int box_fix_files(const char *db)
{
	struct group *g = getgrnam(BOX_GROUP);
	const char *suffix[] = { "", "-wal", "-shm" };

	if (!g)
		return error(_("there is no group %s"), BOX_GROUP);
	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", db, suffix[i]);

		if (access(p, F_OK) == 0 && (chown(p, 0, g->gr_gid) < 0 || chmod(p, 0660) < 0)) {
			error_errno(_("cannot set the owner and mode of '%s'"), p);
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

int box_setup(const char *dir)
{
	static const char *const groupadd[] = { "groupadd", "--system", BOX_GROUP, NULL };
	struct group *g;
	char **logins;
	int ret = 0;

	if (geteuid() != 0)
		return error(_("setting up a shared box needs the administrator: run it as root (sudo jiedai init --shared %s)"),
			     dir);
	g = getgrnam(BOX_GROUP);
	if (!g) {
		if (run_tool(groupadd) < 0 || !(g = getgrnam(BOX_GROUP)))
			return error(_("could not create the group %s (groupadd)"), BOX_GROUP);
		printf(_("Created the system group %s (no person is a member of it).\n"), BOX_GROUP);
	}
	/* A box set up the old way: people in the group could open the ledger themselves. */
	logins = members(g);
	for (char **l = logins; *l; l++) {
		const char *const gpasswd[] = { "gpasswd", "-d", *l, BOX_GROUP, NULL };

		if (primary_of(*l, g->gr_gid)) {
			ret = error(_("%s is the own group of the login '%s': give it another (usermod -g %s %s), then run this again"),
				    BOX_GROUP, *l, *l, *l);
		} else if (run_tool(gpasswd) < 0) {
			ret = error(_("could not take '%s' out of the group %s; run: gpasswd -d %s %s"), *l, BOX_GROUP,
				    *l, BOX_GROUP);
		} else {
			printf(_("Took %s out of the group %s: from now on only jiedai opens the ledger.\n"), *l,
			       BOX_GROUP);
		}
	}
	u8_lines_free(logins);
	if (ret < 0)
		return -1;
	if (paths_mkdir_p(dir, 0755) < 0)
		return -1;
	if (chown(dir, 0, g->gr_gid) < 0 || chmod(dir, 02770) < 0)
		return error_errno(_("cannot set the owner and mode of '%s'"), dir);
	return 0;
}

/* The running program's own file (NULL if unknown); caller frees. */
static char *self_path(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

int box_check(const char *db, struct strbuf *report)
{
	struct group *g = getgrnam(BOX_GROUP);
	char *dir = paths_dirname(db), *self = self_path();
	struct stat st;
	int n = 0;

	if (!g) {
		strbuf_addf(report, _("shared box: there is no group %s; set the box up with: sudo jiedai init --shared %s\n"),
			    BOX_GROUP, dir);
		free(dir);
		free(self);
		return 1;
	}
	{
		char **logins = members(g);

		if (*logins) {
			struct strbuf who = STRBUF_INIT;

			for (char **l = logins; *l; l++) {
				if (who.len)
					strbuf_adds(&who, ", ");
				strbuf_adds(&who, *l);
			}
			strbuf_addf(report, _("shared box: the group %s has members (%s): they can open the ledger with sqlite3, cat or cp, without jiedai. Take them out and set the box up the new way with: sudo jiedai init --shared %s\n"),
				    BOX_GROUP, who.buf, dir);
			strbuf_release(&who);
			n++;
		}
		u8_lines_free(logins);
	}
	/* The directory and files may be out of the person's reach: look with the group. */
	priv_raise();
	if (stat(dir, &st) < 0 || st.st_uid != 0 || st.st_gid != g->gr_gid || (st.st_mode & 07777) != 02770) {
		strbuf_addf(report, _("shared box: the directory %s must be root:%s with mode 2770; fix it with: sudo jiedai init --shared %s\n"),
			    dir, BOX_GROUP, dir);
		n++;
	}
	{
		const char *suffix[] = { "", "-wal", "-shm" };

		for (int i = 0; i < 3; i++) {
			char *p = xasprintf("%s%s", db, suffix[i]);

			if (stat(p, &st) == 0 && (st.st_gid != g->gr_gid || (st.st_mode & 07777) != 0660)) {
				strbuf_addf(report, _("shared box: %s must be group %s with mode 0660; fix it with: sudo jiedai init --shared %s\n"),
					    p, BOX_GROUP, dir);
				n++;
			}
			free(p);
		}
	}
	priv_lower();
	/*
	 * The program a person runs must be set-group-ID (root may run any
	 * copy: it opens the ledger with its own rights).
	 */
	if (self && getuid() != 0 && (stat(self, &st) < 0 || st.st_uid != 0 || st.st_gid != g->gr_gid ||
		     !(st.st_mode & S_ISGID) || (st.st_mode & 022))) {
		strbuf_addf(report, _("shared box: the program %s is not installed set-group-ID %s, so only members of the group could use the ledger; install it with 'sudo make install', or: sudo chown root:%s %s && sudo chmod 2755 %s\n"),
			    self, BOX_GROUP, BOX_GROUP, self, self);
		n++;
	}
	free(dir);
	free(self);
	return n;
}
