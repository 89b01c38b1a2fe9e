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
};

/*
 * The ticket numbered number, if phone4 (the last four digits of the phone
 * recorded for it; full-width digits are accepted) or check (its check code)
 * matches.  Give one of phone4 and check, the other NULL.  LOOKUP_OK fills
 * *out (release it).
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

#endif
