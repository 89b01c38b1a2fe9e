/*
 * lookup.h — finding a ticket for someone who proves they hold it: a voter
 * phoning in with the ledger number and the last four digits of their phone
 * or the check code (查询码) printed on the receipt, or a scanned receipt.
 *
 * What must stay true: a ledger number alone opens nothing.  A guessed
 * number with a wrong code gets the same answer as a number that does not
 * exist, so trying numbers reveals nothing personal (not even which numbers
 * are taken).  A scanned payload whose check code does not match is refused.
 */
#ifndef JIEDAI_LOOKUP_H
#define JIEDAI_LOOKUP_H

struct store;
struct ticket;

enum lookup_result {
	LOOKUP_OK = 0,
	LOOKUP_NOMATCH,		/* no such ticket, or the code does not match: message given */
	LOOKUP_BADINPUT,	/* the digits or code cannot be right (not 4 digits …): message given */
	LOOKUP_NOTPAYLOAD,	/* lookup_payload(): the text is not a receipt payload; no message */
	LOOKUP_IO,		/* the ledger could not be read */
	LOOKUP_AMBIGUOUS,	/* several tickets match what was typed: message names them */
};

/*
 * What people type for a ledger number, read forgivingly: LJ-2026-0001
 * may come as 0001, 1, 2026-1, lj 2026 0001, LJ20260001 or in full-width
 * characters.  Each reading is a station code (upper case; "" for any), a
 * year (0 for any) and a sequence number; a text may have several (LJ2026-1
 * is station LJ2026, or LJ of 2026).  Returns how many were written to out
 * (at most max), 0 when text cannot be a ledger number.
 */
struct number_reading {
	char station[16];
	int year;
	long long seq;
};
int lookup_parse_number(const char *text, struct number_reading *out, int max);

/*
 * The ticket a person means by text (what they typed where a number is
 * asked for): the ticket with exactly that number, else the only one that
 * a forgiving reading matches.  LOOKUP_OK with *number (caller frees), the
 * number as stored — "#ID" is passed through as typed; LOOKUP_NOMATCH or
 * LOOKUP_AMBIGUOUS (naming the numbers that match) with a message;
 * LOOKUP_IO.  Never for a voter's look-up: lookup_verify() forgives the
 * same way but opens only a ticket whose phone digits or check code match.
 */
int lookup_resolve(struct store *s, const char *text, char **number);

/*
 * The ticket numbered number, if phone4 (the last four digits of the phone
 * recorded for it; full-width digits are accepted) or check (its check code)
 * matches.  Give one of phone4 and check, the other NULL.  number is read as
 * lookup_resolve() reads it, but only the tickets whose digits or code match
 * count: one opens (LOOKUP_OK fills *out; release it), several give
 * LOOKUP_AMBIGUOUS naming them, none the same LOOKUP_NOMATCH as a number
 * that does not exist.
 */
int lookup_verify(struct store *s, const char *number, const char *phone4, const char *check,
		  struct ticket *out);

/*
 * A scanned payload (JD:number:check, or the station's qr_url template):
 * LOOKUP_OK with *out when the check code matches; LOOKUP_NOMATCH with a
 * message when the number is unknown or the code is wrong; LOOKUP_NOTPAYLOAD
 * (silently) when text is not a payload at all, e.g. a plain ledger number.
 */
int lookup_payload(struct store *s, const char *text, struct ticket *out);

/*
 * The ticket meant by text where a command takes one: a scanned receipt
 * (lookup_payload(): its check code must match) or what a person typed for
 * a number (lookup_resolve()).  The one place such text becomes a ticket:
 * resolve it where it comes in, then pass the ticket's id on.  LOOKUP_OK
 * with *out (release it); LOOKUP_NOMATCH or LOOKUP_AMBIGUOUS with a
 * message; LOOKUP_IO.
 */
int lookup_ticket(struct store *s, const char *text, struct ticket *out);

/*
 * Whether t was sent back to be handled again (重新办理: rated 不满意, or
 * reopened) and is still being handled: 1 with since ("YYYY-MM-DD", the
 * day it was sent back) and *why set ("rate" or "reopen", lent), 0 when
 * not (never sent back, or answered again since), -1 when its history
 * cannot be read (with a message).  A look-up says so, so that the old
 * answer is not taken for the outcome.
 */
int lookup_handled_again(struct store *s, const struct ticket *t, char since[11], const char **why);
/*
 * Append " — handled again (重新办理) since DATE: why" to sb when t was sent
 * back and is being handled again (lookup_handled_again()); nothing
 * otherwise.  The command line and the screen say it in the same words.
 * Returns 0, or -1 when the history could not be read (reported): then
 * nobody can tell, and the caller must not say it was not sent back.
 */
struct strbuf;
int lookup_handled_again_note(struct store *s, const struct ticket *t, struct strbuf *sb);

#endif
