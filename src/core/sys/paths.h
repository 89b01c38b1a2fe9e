/*
 * paths.h — where things are: the database, the form files, the system
 * configuration file and the program itself.
 *
 * The database is, in order: --db PATH, $JIEDAI_DB, the `db` line of the
 * system configuration (/etc/jiedai.conf, or $JIEDAI_CONF, which the
 * installed set-ID program ignores), and finally
 * $XDG_DATA_HOME/jiedai/jiedai.db (~/.local/share/jiedai/jiedai.db).
 */
#ifndef JIEDAI_PATHS_H
#define JIEDAI_PATHS_H

/* Directory holding the running executable, or NULL.  Caller frees. */
char *paths_exe_dir(void);

/* Path of the system configuration file (lent, static). */
const char *paths_conf_file(void);
/*
 * Value of key in the system configuration ("key = value" or "key value"
 * lines, # comments), or NULL.  Caller frees.
 */
char *paths_conf_get(const char *key);

/*
 * The database path chosen from opt (may be NULL) and the places above.
 * *source is set to a short word saying where it came from ("--db", "JIEDAI_DB",
 * the config file path, or "XDG").  Caller frees the result.  NULL after a
 * message when none is given and there is no home directory.
 */
char *paths_db(const char *opt, const char **source);
/*
 * 1 when path names the administrator's shared ledger (the `db` line of
 * the system configuration): the only file the program opens with the
 * group jiedai when it runs set-group-ID (priv.h).
 */
int paths_is_admin_ledger(const char *path);

/*
 * The forms directory: opt (--forms), else $JIEDAI_FORMS, else setting (the
 * station's forms_dir), else the config file's `forms`, else the source tree
 * when the program runs from it, else the installed copy.  Caller frees.
 */
char *paths_forms_dir(const char *opt, const char *setting);
/*
 * The calendar of public holidays (workdays.h): calendar.txt in the forms
 * directory chosen as above, or the shipped one when that directory has
 * none (a station's own forms made before there was a calendar).  Caller frees.
 */
char *paths_calendar_file(const char *opt, const char *setting);

/*
 * Where files saved from the screen go: the person's documents folder as
 * the desktop names it (XDG_DOCUMENTS_DIR in ~/.config/user-dirs.dirs,
 * which `xdg-user-dir DOCUMENTS` reads: ~/文档 on a Chinese desktop, else
 * $XDG_DOCUMENTS_DIR), when it exists; else the home directory.  Caller
 * frees; NULL after a message when there is no home directory.
 */
char *paths_documents_dir(void);

/* mkdir -p with mode for the directories it creates; 0 or -1 with a message. */
int paths_mkdir_p(const char *dir, unsigned mode);
/* The directory part of path (a new string). */
char *paths_dirname(const char *path);

#endif
