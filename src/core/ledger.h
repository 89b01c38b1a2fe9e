/*
 * ledger.h — the one gate through which every change to the ledger goes.
 *
 * The command line and the screen never write the ledger themselves: they
 * build a struct ledger_step (through ledger_step_from_form() when it comes
 * from a form) and hand it with the acting person to ledger_apply(), which
 *
 *   1. checks the person may take this step at all (the rights table below,
 *      the one place that says who may do what);
 *   2. checks the step against the ledger's state (the life cycle, a
 *      station code that numbers were already given under, an answer dated
 *      before its ticket existed …) inside the write transaction;
 *   3. writes the change and its event (chained by hash) in that same
 *      transaction, so both are kept or neither is.
 *
 * Only this module (and the store under it) includes store-write.h, where
 * the store's write functions are declared; a test fails if anything else
 * does.  A person's role comes only from the administrator's set-up (the
 * users table, filled by `jiedai user add` as root) — see identity.h.
 *
 * Who may take what:
 *
 *   step                                 deputy  staff  head  administrator
 *   register an issue (add, and 补录:       yes    yes    yes       yes
 *     a paper record of an earlier day)
 *   correct a saved ticket (更正)          (5)    yes    yes       yes
 *   answer, rate, print a receipt (7)      yes    yes    yes       yes
 *   open or close a reception day          yes    yes    yes       yes
 *   hand over, reopen                       -     yes    yes       yes
 *   give a ticket to a deputy to follow     -     yes    yes       yes
 *     up (跟进代表), move or clear it (8)
 *   sign off (销号), void                   -      -     yes       yes   (1)
 *   station and printer settings            -     yes    yes       yes   (2)
 *   backup, export with personal data,      -     yes    yes       yes
 *     internal register, import,
 *     push to the county hub (6),
 *     the year's archive (资料归档, 9)
 *   the unit directory (add, rename,        -     yes    yes       yes
 *     merge), chase slips (督办单)
 *   map logins, shared logins, roles        -      -      -        yes   (3)
 *   made-up tickets (gen)                   -      -      -        yes   (4)
 *   recover a damaged ledger into a new     -      -      -        yes
 *     one (recover)
 *
 *   (1) signoff_roles and void_roles, settings only the administrator sets,
 *       may widen these to staff or deputies.
 *   (2) the station code and number format only until the first number of
 *       the year is given; signoff_roles, void_roles, shared_logins and
 *       forms_dir only by the administrator.
 *   (3) the administrator is root on a shared box, and the owner of a
 *       personal ledger (a laptop), who also has every role there.
 *   (4) only on an empty ledger or one gen made (a practice ledger).
 *   (5) a deputy only the tickets they registered themselves, on the day
 *       they registered them (the gate reads the ticket's register event);
 *       never a void ticket.
 *   (6) a push sends the station's records out, like an export, so it is
 *       for those who keep the ledger, not for every deputy; it goes to the
 *       address in hub_url with the personal data hub_personal allows, two
 *       settings only the administrator changes (the county's rules), and
 *       only the administrator may push to another address.
 *   (7) on any ticket: a deputy may answer, rate or print an item another
 *       deputy received (a voter comes back on another reception day),
 *       and doing so shows the voter no more than before — the voter's
 *       part of a receipt masks the voter for everyone, and the station's
 *       stub shows the voter as the person printing may see them.
 *   (8) who sees a voter in full (store_set_viewer()): staff, the head and
 *       the administrator every voter; a deputy the voters of the tickets
 *       they received and of those they were given to follow up, no others.
 *       The follow-up deputy is one of the deputies; giving a void or
 *       signed-off item is refused, taking one back never is.
 *   (9) the archive holds the internal registers and the whole ledger as
 *       JSON Lines, with voters' names, phones and addresses: a take like
 *       an export, one event for the whole folder (archive.h).
 */
#ifndef JIEDAI_LEDGER_H
#define JIEDAI_LEDGER_H

#include <stdint.h>

#include "identity.h"
#include "store.h"

enum step_kind {
	STEP_ADD,
	STEP_HANDOVER,
	STEP_ANSWER,
	STEP_RATE,
	STEP_SIGNOFF,
	STEP_REOPEN,
	STEP_VOID,
	STEP_CORRECT,		/* 更正: a mistyped voter, category, issue, station field or deputy */
	STEP_PRINT,		/* a receipt printed (or printed again) */
	STEP_DAY_OPEN,
	STEP_DAY_CLOSE,
	STEP_SETTING,		/* config KEY VALUE, and init on a ledger that exists */
	STEP_USER,		/* map a login to a person with a role */
	STEP_SHARED_LOGIN,	/* mark a login that several people use */
	STEP_DRAFT,		/* keep (or drop) a half-typed form */
	STEP_IMPORT,
	STEP_GEN,
	/* Takes: reading voters' personal data out of the ledger, recorded. */
	STEP_BACKUP,
	STEP_EXPORT,
	STEP_REGISTER_INTERNAL,
	STEP_PUSH,		/* the ledger pushed to the county's hub (what: where, which records) */
	STEP_ARCHIVE,		/* the year's archive (资料归档) written to a folder (what: the year and where) */
	/* The unit directory (承办单位) and chasing units (督办). */
	STEP_UNIT_ADD,		/* add a unit, or set its contact and phone */
	STEP_UNIT_RENAME,
	STEP_UNIT_MERGE,	/* two spellings of one unit become one */
	STEP_CHASE,		/* a chase slip was made: a 督办 event on each item on it */
	STEP_FOLLOW,		/* a ticket given to a deputy to follow up (跟进代表), moved or taken back */
	STEP_RECOVER,		/* a new ledger made of what a damaged one still holds */
	STEP_COUNT
};

/* The step's name as recorded and in messages ("handover" …) and for people (交办 …). */
const char *step_name(enum step_kind k);
const char *step_label(enum step_kind k);
/* The step of a life-cycle action, and back (-1 when not one). */
enum step_kind step_of_action(enum ticket_action a);
int step_action(enum step_kind k);

struct ledger_step {
	enum step_kind kind;
	/*
	 * Ticket steps: the ticket, by number as stored (resolve typed numbers
	 * first) or "#ID" — or, for the life-cycle steps (handover … void), by
	 * ticket_id when that is not 0.
	 */
	const char *number;
	/*
	 * STEP_ADD; and STEP_CORRECT, where a member that is NULL stays as it
	 * is, "" clears an optional one, and extra_json is a merge patch of
	 * the station's fields (a key with null removes the field).
	 */
	struct intake intake;
	struct step life;		/* handover … void (life.action is set by the gate) */
	const char *key, *value;	/* STEP_SETTING */
	/*
	 * STEP_DAY_OPEN (NULL date: today; an earlier date enters that day
	 * closed, for 补录), STEP_DAY_CLOSE (NULL: the open day)
	 */
	const char *date, *place;
	char *const *deputies;		/* STEP_DAY_OPEN: names, NULL-terminated */
	const char *login, *person;	/* STEP_USER, STEP_SHARED_LOGIN */
	enum role role;			/* STEP_USER */
	const char *form;		/* STEP_DRAFT: the form; NULL value drops the draft */
	int64_t draft_id;		/* STEP_DRAFT with value NULL: the draft to drop */
	int64_t ticket_id;		/* STEP_PRINT; the life-cycle steps (see number) */
	int reprint;			/* STEP_PRINT */
	const char *what;		/* takes, STEP_PRINT, STEP_CHASE: what was taken or where it went */
	/* STEP_UNIT_*: the unit (any of its names), the new name or the unit to merge into. */
	const char *unit, *unit_to;
	const char *contact, *phone;	/* STEP_UNIT_ADD: NULL leaves them as they are */
	const int64_t *ticket_ids;	/* STEP_CHASE: the tickets on the slip */
	size_t nticket_ids;
	const char *follow;		/* STEP_FOLLOW: the deputy's name, "" to take it back */
};

struct ledger_result {
	struct ticket ticket;		/* ticket steps: the ticket afterwards */
	struct reception_day day;	/* day steps: the day afterwards */
	char *closed_other;		/* STEP_DAY_OPEN: date of an earlier day it closed */
	char *corrected;		/* STEP_CORRECT: the fields corrected, for people ("联系电话、反映问题") */
	int changed;			/* STEP_UNIT_ADD: 0 when the directory already said so */
};
void ledger_result_release(struct ledger_result *r);

/*
 * Take the step as person who.  Returns STORE_OK (with *out filled when out
 * is not NULL; release it), STORE_REFUSED with a message saying why and who
 * may (a right, a state, a value), STORE_NOTFOUND, STORE_BUSY or STORE_IO
 * (then *out holds nothing).
 */
int ledger_apply(struct store *s, const struct identity *who, const struct ledger_step *st,
		 struct ledger_result *out);

/*
 * May who take steps of this kind at all (before anything is typed)?  0, or
 * -1 after a message saying who may.  ledger_apply() checks again, with the
 * values and the ledger's state.
 */
int ledger_may(struct store *s, const struct identity *who, enum step_kind kind);
/* The same without a message: 1 or 0 (to grey out a menu entry). */
int ledger_allowed(struct store *s, const struct identity *who, enum step_kind kind);
/*
 * May who correct (更正) the ticket with this number (as stored) now: the
 * right, the state rule of (5) above, and not void?  0, or -1 after a
 * message.  ledger_apply() checks the same again.
 */
int ledger_may_correct(struct store *s, const struct identity *who, const char *number);

/*
 * Build a step from a form's values: vals[i] is what was typed for
 * form->fields[i] (NULL when not given; its default applies).  Each value
 * is checked by its field's rule and normalised; the form's own fields go
 * to the step's members, the station's own fields into one JSON object.
 * For STEP_CORRECT (with the intake form) only the fields given are
 * checked and set: a NULL value is a field left as it is, and the JSON
 * object is a merge patch (a station field given empty becomes null).
 * The screen and the command line both come through here.  Returns 0, or
 * -1 after error("LABEL: message") with *bad (may be NULL) set to the index
 * of the first wrong field.  Release with ledger_form_release().
 */
struct form_spec;
struct ledger_form {
	struct ledger_step step;
	char **clean;			/* normalised values, one per field */
	size_t n;
	char *extra;			/* the station's fields as JSON */
};
int ledger_step_from_form(struct ledger_form *lf, enum step_kind kind, const struct form_spec *form,
			  char *const *vals, int *bad);
void ledger_form_release(struct ledger_form *lf);

/*
 * Replay the rights over the history (jiedai check): every step recorded is
 * held to the rights table above as the users table, the shared logins and
 * the settings that widen rights stood when it was taken (they are steps
 * with events of their own).  A step by a person whose role then did not
 * allow it (a 销号 by a deputy) gets one line in report.  Steps by a login
 * no mapping named (root, a personal ledger's owner) are the
 * administrator's.  An event of a kind that is not a step here is passed
 * by.  Returns the number of steps named, or -1 after a message.
 */
struct strbuf;
int ledger_check_rights(struct store *s, struct strbuf *report);

/* Import and gen go through the gate too (their own transactions; see export.h, gen.h). */
struct import;
int ledger_import_begin(struct store *s, const struct identity *who, struct import **im);
struct gen_opts;
int ledger_gen(struct store *s, const struct identity *who, struct gen_opts *o);
/* Make this new ledger of what the damaged ledger at from still holds (store-write.h: store_recover()). */
struct recover_stats;
int ledger_recover(struct store *s, const struct identity *who, const char *from, struct recover_stats *stats);

#endif
