/*
 * box.h — the shared township box: the system group `jiedai`, the ledger's
 * directory and files, and the installed program (see priv.h for why).
 *
 * The shape, made and checked here:
 *   group jiedai         a system group with no members (no person may
 *                        open the ledger with their own rights)
 *   DIR                  root:jiedai 2770 — nobody outside the group can
 *                        even reach a file in it
 *   DIR/jiedai.db*       root:jiedai 0660 (the ledger, its -wal and -shm)
 *   /etc/jiedai.conf     root, 0644, `db = DIR/jiedai.db`
 *   the program          root:jiedai 2755 (set-group-ID), by make install
 *                        or the Debian package
 * A box set up the old way (deputies in the group) is converted by running
 * `jiedai init --shared DIR` again as root.
 */
#ifndef JIEDAI_BOX_H
#define JIEDAI_BOX_H

struct strbuf;

#define BOX_GROUP "jiedai"

/*
 * As root: create the group if missing and take every person out of it;
 * make DIR and give it, the ledger and its WAL files the shape above.
 * What was done is said on stdout (in the user's language).  0, or -1
 * with a message.
 */
int box_setup(const char *dir);
/* As root: give db and its -wal/-shm their owner, group and mode. */
int box_fix_files(const char *db);
/* Write (or update) the db line of the system configuration; 0 or -1. */
int box_write_conf(const char *db);

/*
 * Check the box around the ledger at db: the group's members, the
 * directory's and files' owners and modes, and (run by a person, not root)
 * whether this program is installed set-group-ID.  Appends one line per problem to report, naming
 * the logins to take out and the one command that converts the box.
 * Returns the number of problems.
 */
int box_check(const char *db, struct strbuf *report);

#endif
