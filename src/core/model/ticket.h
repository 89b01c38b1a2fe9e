/*
 * ticket.h — a ticket (one issue raised by one voter) and its life cycle.
 *
 *   registered ─handover→ assigned ─answer→ answered ─rate 满意/基本满意→ ready ─signoff→ closed
 *        └──────────answer (also 现场答复 at intake)──┘     └─rate 不满意→ assigned (重新办理)
 *   reopen: answered, ready or closed → assigned.   void: any state but closed/void → void.
 *
 * This module is pure: it knows the rules and the names, not the database.
 * The store applies a step inside one transaction after ticket_step_check()
 * has allowed it.
 */
#ifndef JIEDAI_TICKET_H
#define JIEDAI_TICKET_H

#include <stddef.h>
#include <stdint.h>

enum ticket_status {
	TS_REGISTERED,
	TS_ASSIGNED,
	TS_ANSWERED,
	TS_READY,
	TS_CLOSED,
	TS_VOID,
	TS_COUNT
};

enum ticket_action {
	TA_HANDOVER,
	TA_ANSWER,
	TA_RATE,
	TA_SIGNOFF,
	TA_REOPEN,
	TA_VOID,
	TA_COUNT
};

struct ticket {
	int64_t id;
	char *number, *check_code, *station;
	int year;
	int64_t seq;
	int64_t day_id;
	char *day_date;		/* date of its reception day, or NULL */
	int position;		/* 第N位 that day, 0 when not taken on a reception day */
	int64_t voter_id;
	char *name, *phone, *address;
	char *category, *issue, *deputy;
	enum ticket_status status;
	char *unit, *due_date;
	char *answer_method, *answer_date, *answer_text;
	char *rating;
	char *closed_at, *closed_by, *close_note;
	char *void_reason;
	char *created_at, *updated_at;
	char *extra;		/* JSON object of the station's own fields */
	char *follow_deputy;	/* the deputy given it to follow up (跟进代表), "" when none */
	int overdue;		/* assigned and past its deadline today */
	int masked;		/* name, phone and address masked for this reader (store_set_viewer()) */
	/* The extra fields as pairs, in form order where known. */
	char **extra_keys, **extra_vals;
	size_t nextra;
};

struct ticket_event {
	int64_t id;
	char *at, *kind, *actor, *login, *client;
	char *status_from, *status_to;
	char *unit, *due_date, *method, *rating, *text;
	char *data;		/* JSON object: extra fields of the follow-up form */
	/* A "follow" event: the follow-up deputy it set ("" when cleared) and the one before ("" none). */
	char *follow_deputy, *follow_before;
};

void ticket_release(struct ticket *t);
void ticket_event_release(struct ticket_event *e);

/* Machine name used in TSV/JSON ("registered" …). */
const char *ticket_status_name(enum ticket_status s);
/* Name for people, translated (已登记, 已交办 …). */
const char *ticket_status_label(enum ticket_status s);
/* Read a machine name or a label (Chinese or English); -1 if unknown. */
int ticket_status_parse(const char *s, enum ticket_status *out);
const char *ticket_action_name(enum ticket_action a);
/* Translated verb for people (交办, 答复 …). */
const char *ticket_action_label(enum ticket_action a);
/* Label for an event kind as stored ("register", "handover", "print" …). */
const char *ticket_event_label(const char *kind);

/*
 * One line about an event for people, without its time and label: who (and
 * from which login and address when they differ), then what was given —
 * the unit, deadline, method, rating and text.  Appended to sb, every value
 * cleaned to one line (u8_sanitize()): whatever the ledger holds.
 */
struct strbuf;
void ticket_event_describe(const struct ticket_event *e, struct strbuf *sb);

/* The ratings, as stored. */
#define RATING_GOOD "满意"
#define RATING_FAIR "基本满意"
#define RATING_BAD "不满意"
int ticket_rating_valid(const char *r);

/*
 * May action be taken on a ticket in state from?  Returns 0, or -1 with *why
 * set to a translated sentence saying why not (lent, static).
 */
int ticket_step_check(enum ticket_status from, enum ticket_action a, const char **why);
/* State after the action (rating matters for TA_RATE). */
enum ticket_status ticket_step_result(enum ticket_status from, enum ticket_action a,
				      const char *rating);
/* 1 when the ticket still needs work (not closed, not void). */
int ticket_status_open(enum ticket_status s);

/*
 * Format a ledger number.  fmt holds {station}, {year}, {seq} and {seq:N}
 * (zero-padded to N digits, growing past them when needed).  Returns a new string.
 */
char *ticket_format_number(const char *fmt, const char *station, int year, int64_t seq);
/* 1 when fmt is usable: it has {station}, {year} and {seq} or {seq:N}, and nothing unknown. */
int ticket_number_format_valid(const char *fmt);

/* 1 when code is a station code: 1 to 8 capital letters A–Z or digits. */
int ticket_station_code_valid(const char *code);

/* The highest sequence number a station's year may reach (no station takes 100 million a year). */
#define TICKET_SEQ_MAX 99999999
/* The longest ledger number, in bytes (a format's literal text included). */
#define TICKET_NUMBER_MAX 64

/*
 * 1 when number is what some valid number format gives for station, year
 * and seq: it holds the station code, the year (4 digits) and the sequence
 * (its digits, or zero-padded to at most 9) apart from each other, and no
 * '{'.  An imported ticket's number must agree with its parts so.
 */
int ticket_number_agrees(const char *number, const char *station, int year, int64_t seq);
/*
 * 1 when number is one the format fmt gives (or would give one day) for
 * station: any year, any sequence.  An invalid fmt stands for the default
 * "{station}-{year}-{seq:4}", as in ticket_format_number().
 */
int ticket_number_fits(const char *fmt, const char *station, const char *number);

/* Check codes: this many characters from an alphabet without look-alikes. */
#define CHECK_CODE_LEN 5
#define CHECK_CODE_ALPHABET "34679ACEFHJKMNPRTWXY"
/* Fill out[CHECK_CODE_LEN + 1] with a random check code. */
void ticket_make_check_code(char *out);
/* Normalise a typed check code in place (upper case, look-alikes folded); 0 or -1. */
int ticket_check_code_normalize(char *code);
/* 1 when code is a check code as stored: CHECK_CODE_LEN characters of the alphabet. */
int ticket_check_code_valid(const char *code);

#endif
