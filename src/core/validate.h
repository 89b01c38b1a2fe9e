/*
 * validate.h — checking and normalising what people type.
 *
 * An invalid value is not an error: these functions return a verdict and a
 * message (a whole sentence in the user's language) that the form shows next
 * to the field, or the CLI prints.  Lengths count characters, never bytes.
 */
#ifndef JIEDAI_VALIDATE_H
#define JIEDAI_VALIDATE_H

struct form_field;

/*
 * Normalise a phone number: full-width digits, spaces, dashes, dots and
 * brackets are accepted; a +86/86 prefix is dropped.  Mobiles become 11
 * digits (13800138000), landlines "area-number" (0571-88001234, 010-12345678).
 * Returns a new string, or NULL with *msg set (caller frees msg).
 */
char *validate_phone(const char *in, char **msg);

/*
 * Check one value against its field.  in may be NULL (treated as empty).
 * Text is trimmed; UTF-8 is checked; controls are refused (newlines only in
 * multiline fields); required, maxlen (characters), choice membership,
 * phone, date ("YYYY-MM-DD"), number and deadline (a date, or days such as
 * "15" / "15天", turned into a date from today) are applied.
 * Returns 0 with *out set to the value to store (possibly ""), or -1 with
 * *msg set.  The caller frees whichever is set.
 */
int validate_field(const struct form_field *f, const char *in, char **out, char **msg);

/*
 * When in is a deadline given as a number of days ("15", "15天", "１５",
 * "15 days"), that number (which may be out of range); otherwise -1.
 */
int validate_deadline_days(const char *in);

/* Generic text check used by the CLI for values without a form field. */
int validate_text(const char *in, int allow_newline, int maxlen, char **out, char **msg);

#endif
