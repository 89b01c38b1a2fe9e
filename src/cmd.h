/*
 * cmd.h — the subcommands of jiedai.
 *
 * Each subcommand lives in its own cmd-NAME.c and exports one function
 *
 *	int cmd_NAME(struct jd *jd, int argc, char **argv);
 *
 * which returns the exit code: 0 done; 1 refused (bad input, an illegal
 * step) after printing why; 2 wrong usage; 3 database busy or I/O, nothing
 * changed; 4 done and saved in the ledger, but the result could not be
 * written (see cmd_output_saved()).  Every non-zero code comes with a message
 * on stderr.  To add a subcommand: write the file, add one line to the table
 * in cmd.c, and add a test script under tests/e2e/.
 */
#ifndef JIEDAI_CMD_H
#define JIEDAI_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "formspec.h"
#include "identity.h"
#include "jd.h"
#include "ledger.h"
#include "store.h"

/* What a command needs before it runs. */
#define CMD_STORE 1		/* an open ledger */
#define CMD_FORMS 2		/* the station's forms, loaded and checked */
#define CMD_CREATE 4		/* create the ledger when it does not exist */
#define CMD_CHECK 8		/* the ledger is opened to be checked (damage is the command's finding) */
#define CMD_HUB_ALONE 16	/* with --hub URL it reads the hub alone: no ledger is opened */

struct cmd {
	const char *name;
	int (*fn)(struct jd *jd, int argc, char **argv);
	unsigned flags;
	const char *summary;	/* N_() */
	const char *usage;	/* N_(): the synopsis and options, several lines */
};

const struct cmd *cmd_find(const char *name);
const struct cmd *cmd_table(void);

/* Print the command's usage to f. */
void cmd_print_usage(const struct cmd *c, FILE *f);
/* Print usage to stderr and return EXIT_USAGE. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report getopt's '?' or ':' for the option just read; returns EXIT_USAGE. */
int cmd_bad_option(const struct cmd *c, int opt, char **argv);
/* Prepare what the command's flags ask for; returns an exit code (0 to go on). */
int cmd_prepare(struct jd *jd, const struct cmd *c);
/*
 * What the flags ask for, later: for a command that needs the ledger only
 * for some of its work (archive, not archive --verify).  An exit code.
 */
int cmd_open_ledger(struct jd *jd, unsigned flags);
void cmd_cleanup(struct jd *jd);

/* Draw progress of long work on stderr when it is a terminal (see store_set_progress()). */
void cmd_progress(const char *what, int64_t done, int64_t total);

/* The acting person, for events. */
struct actor cmd_actor(struct jd *jd);

/* Output formats shared by list-like commands. */
enum out_format { OUT_TABLE, OUT_TSV, OUT_JSON };
int cmd_parse_format(const char *s, enum out_format *f);

/* Ticket rows, shared by list and queue (cmd-list.c). */
void cmd_list_header(enum out_format fmt, FILE *f);
void cmd_list_row(struct jd *jd, enum out_format fmt, const struct ticket *t, int width, int first,
		  FILE *f);
/* Print the matching tickets; header also opens/closes the JSON array. */
int cmd_list_print(struct jd *jd, const struct ticket_filter *f, enum out_format fmt, int header,
		   long *rows);

/* Print one ticket as a JSON object (all fields, extra fields included). */
void cmd_ticket_json(struct jd *jd, const struct ticket *t, FILE *f);
/* The same object without its closing brace, appended to sb (to add more keys). */
struct strbuf;
void cmd_ticket_json_buf(const struct ticket *t, struct strbuf *sb);

/*
 * Validate value against field id of the form; on success returns 0 and
 * *out is the normalised value.  On failure prints "LABEL: message" and
 * returns EXIT_REFUSED.
 */
int cmd_check_field(const struct form_spec *form, const char *id, const char *value, char **out);

/*
 * Build a step from a command's options through the form (ledger.h's one
 * mapping, the same the screen uses): ids[i]/vals[i] are the form's own
 * fields the command has options for (vals[i] NULL when not given), fields
 * the --field ID=VALUE arguments for the station's own fields.  Returns 0
 * with *lf filled (release it), or an exit code after a message.
 */
int cmd_form_step(struct jd *jd, enum step_kind kind, const struct form_spec *form,
		  const char *const *ids, const char *const *vals, size_t n, char *const *fields,
		  size_t nfields, struct ledger_form *lf);

/*
 * The receipt options print and receipt share: --profile (p), --stub (s),
 * --no-stub (S), --cut (c), --no-cut (C), --qr (q), into rq.  Returns 0 when
 * c was one of them, EXIT_USAGE after a message for a bad value, -1 when c
 * is not a receipt option.
 */
struct print_request;
int cmd_print_option(struct jd *jd, int c, const char *arg, struct print_request *rq);

/* Take a step through the gate as the acting person; an exit code (messages given). */
int cmd_apply(struct jd *jd, const struct ledger_step *st, struct ledger_result *out);
/*
 * A take (backup, export, internal register): may the person take it?  If
 * so it is recorded (who, what and where) before it is written.  Returns 0
 * or EXIT_REFUSED after a message.
 */
int cmd_take(struct jd *jd, enum step_kind kind, const char *what);
/*
 * Run a life-cycle step on the ticket a person typed (resolved as by
 * cmd_resolve_number()) and say what it is now (handover, answer …).
 */
int cmd_run_step(struct jd *jd, const char *number, struct ledger_step *st);
/*
 * The ledger number a person means by typed (lookup_resolve(): 0001,
 * 2026-1, lj 2026 1 … when only one ticket matches).  0 with *number
 * (caller frees), or an exit code after saying why (none, or which match).
 */
int cmd_resolve_number(struct jd *jd, const char *typed, char **number);
/*
 * The ticket a person means by typed: a scanned receipt or a number, as
 * lookup_ticket() reads it.  0 with *t (release it), or an exit code after
 * saying why.
 */
int cmd_find_ticket(struct jd *jd, const char *typed, struct ticket *t);

/* A step taking NUMBER and one text option --OPT (signoff, reopen, void). */
int cmd_text_step(struct jd *jd, int argc, char **argv, const char *form_name, const char *opt,
		  enum step_kind kind);

/*
 * The period of a register or report from --month, or --from and --to
 * (inclusive); none of them means this month.  Writes from and to
 * ("YYYY-MM-DD").  Returns 0, or EXIT_USAGE after a usage message.
 */
int cmd_period(struct jd *jd, const char *month, const char *from_opt, const char *to_opt,
	       char from[11], char to[11]);

/* A year typed as YYYY (1970 on): 0 with *year, or -1. */
int cmd_parse_year(const char *s, int *year);

/*
 * The end of a command that has changed the ledger and printed its result.
 * Flushes standard output; when it (or an earlier write to it) failed, says
 * so, then prints the sentence fmt (what was saved, and that the command is
 * not to be repeated: a script that retries `add` would make a duplicate),
 * and returns EXIT_UNWRITTEN.  Returns 0 when everything was written.
 */
int cmd_output_saved(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Where a paper (paper.h: a chase slip, the day's list) goes, from a
 * command's options: --print sends it to the receipt printer (print_dest,
 * or --to DEST; --profile), else it is written in --format (text, escpos,
 * xlsx; the -o FILE's extension by default, text otherwise) to -o FILE or
 * standard output (binary formats not to a terminal, XLSX only with -o on
 * a terminal).
 */
struct paper;
struct paper_out {
	int print;
	const char *dest, *profile, *path, *format;
};
/*
 * Put the paper there.  Returns 0 with *where (caller frees) saying where it
 * went, for the history ("printer /dev/usb/lp0", "r.xlsx", "stdout"), or an
 * exit code after a message (nothing went out).
 */
int cmd_paper_out(struct jd *jd, const struct paper *p, const struct paper_out *o, char **where);
/* Check the options before anything is done: 0, or EXIT_USAGE after a message. */
int cmd_paper_check(struct jd *jd, const struct paper_out *o);

/* The command functions. */
int cmd_help(struct jd *, int, char **);
int cmd_version(struct jd *, int, char **);
int cmd_init(struct jd *, int, char **);
int cmd_config(struct jd *, int, char **);
int cmd_day(struct jd *, int, char **);
int cmd_add(struct jd *, int, char **);
int cmd_list(struct jd *, int, char **);
int cmd_search(struct jd *, int, char **);
int cmd_gen(struct jd *, int, char **);
int cmd_show(struct jd *, int, char **);
int cmd_handover(struct jd *, int, char **);
int cmd_answer(struct jd *, int, char **);
int cmd_rate(struct jd *, int, char **);
int cmd_signoff(struct jd *, int, char **);
int cmd_reopen(struct jd *, int, char **);
int cmd_follow(struct jd *, int, char **);
int cmd_void(struct jd *, int, char **);
int cmd_correct(struct jd *, int, char **);
int cmd_queue(struct jd *, int, char **);
int cmd_print(struct jd *, int, char **);
int cmd_receipt(struct jd *, int, char **);
int cmd_lookup(struct jd *, int, char **);
int cmd_form_check(struct jd *, int, char **);
int cmd_calendar_check(struct jd *, int, char **);
int cmd_user(struct jd *, int, char **);
int cmd_ui(struct jd *, int, char **);
int cmd_backup(struct jd *, int, char **);
int cmd_check(struct jd *, int, char **);
int cmd_recover(struct jd *, int, char **);
int cmd_register(struct jd *, int, char **);
int cmd_report(struct jd *, int, char **);
int cmd_export(struct jd *, int, char **);
int cmd_import(struct jd *, int, char **);
int cmd_hub(struct jd *, int, char **);
int cmd_push(struct jd *, int, char **);
int cmd_unit(struct jd *, int, char **);
int cmd_chase(struct jd *, int, char **);
int cmd_duty(struct jd *, int, char **);
int cmd_archive(struct jd *, int, char **);

#endif
