/*
 * priv.h — running set-group-ID: the group `jiedai` opens the shared ledger
 * and nothing else.
 *
 * On a shared box the program is installed set-group-ID to the system group
 * jiedai, of which no person is a member, and the ledger's directory is
 * 2770 root:jiedai: nobody can reach the ledger, its WAL or its drafts with
 * their own rights (sqlite3, cat, cp are refused by the system), only
 * through jiedai, which checks every step (ledger.h).  The person is the
 * real user and group.
 *
 * What must stay true:
 *  - from priv_init() on, the process runs with the person's own group;
 *    the group jiedai is raised only around opening the administrator's
 *    ledger (and loading the terminal's description), so every file a
 *    person names — -o FILE, a print destination, backup and import files,
 *    --db — is opened with the person's own rights;
 *  - a ledger other than the administrator's is opened after dropping the
 *    group for good (priv_drop()): it is the person's own file;
 *  - in set-ID mode the environment is not the administrator's: variables
 *    that would change the clock, the configuration or the forms are
 *    removed (see priv_init()), and glibc, ncurses and gettext apply their
 *    own secure-mode rules (README: the shared box).
 */
#ifndef JIEDAI_PRIV_H
#define JIEDAI_PRIV_H

/*
 * First thing in main(): note whether the program runs set-ID, lower the
 * effective group to the person's, and remove the environment variables a
 * person could use to change what the administrator decides (main says
 * what was ignored later: priv_now_ignored()).
 */
void priv_init(void);
/* 1 when running set-group-ID (the kernel's AT_SECURE). */
int priv_setid(void);
/* 1 when priv_init() removed JIEDAI_NOW (main says so once messages are set up). */
int priv_now_ignored(void);
/* Raise the group jiedai (effective gid) / lower it back to the person's. */
void priv_raise(void);
void priv_lower(void);
/* Give up the group for good (real, effective and saved gid the person's). */
void priv_drop(void);

#endif
