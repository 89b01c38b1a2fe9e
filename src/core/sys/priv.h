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
 *  - in set-ID mode the environment is the person's, not the
 *    administrator's: priv_init() keeps only the variables jiedai has a
 *    reason to read (an allow list: the terminal, the locale, the time zone
 *    by name, the person's home and login, the SSH client), each value
 *    checked (a TERM or locale is a plain name, TZ no path), sets PATH to
 *    the system's, and clears everything else before anything reads it —
 *    a variable added to glibc, ncurses, SQLite or jiedai later is not a
 *    new way in;
 *  - in set-ID mode every file the program reads data from is the
 *    installed one (priv_installed()): the message catalogue, the forms and
 *    the holiday calendar beside the program (PREFIX/share), the terminal's
 *    description from the system's terminfo (read with the group raised,
 *    so ncurses ignores TERMINFO and ~/.terminfo).
 */
#ifndef JIEDAI_PRIV_H
#define JIEDAI_PRIV_H

/*
 * First thing in main(): note whether the program runs set-ID, lower the
 * effective group to the person's and, set-ID, keep only the allowed
 * environment (above; main says later that JIEDAI_NOW was ignored:
 * priv_now_ignored()).
 */
void priv_init(void);
/* What priv_init() does to the environment when set-ID (exposed for tests). */
void priv_clear_environment(void);
/*
 * 1 when only root can change path: it and every directory above it (links
 * resolved) belong to root and are writable by nobody else (by root's
 * group, or a directory with the sticky bit such as /tmp).  So a copy of
 * the program hard-linked into a person's directory does not make their
 * files "the ones beside the program".  0 when it is not so, or path does
 * not exist.
 */
int priv_installed(const char *path);
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
