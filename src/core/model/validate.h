/*
 * validate.h — checking and normalising what people type.
 *
 * An invalid value is not an error: these functions return a verdict and a
 * message (a whole sentence in the user's language) that the form shows next
 * to the field, or the CLI prints.  Lengths count characters, never bytes.
 * Every text check applies the one rule of u8.h for what the ledger accepts.
 */
#ifndef JIEDAI_VALIDATE_H
#define JIEDAI_VALIDATE_H

#include "u8.h"

struct form_field;

/*
 * Normalise a phone number: full-width digits, spaces, dashes, dots and
 * brackets are accepted; a +86/86 prefix is dropped.  Mobiles become 11
 * digits (13800138000), landlines "area-number" (0571-88001234, 010-12345678).
 * Returns a new string, or NULL with *msg set (caller frees msg).
 */
char *validate_phone(const char *in, char **msg);

/*
 * The rule of u8.h (what text the ledger accepts) applied to s: 0, or -1
 * with *msg (caller frees) a sentence naming the first character refused,
 * by its place and U+XXXX ("Character 3, U+202E (a direction control), is
 * not allowed here; please delete it.").  Newlines pass when allow_newline.
 */
int validate_chars(const char *s, int allow_newline, char **msg);
/* What kind of character a class of u8.h is, translated ("a control character"). */
const char *validate_class_label(enum u8_class c);

/*
 * Check one value against its field.  in may be NULL (treated as empty).
 * Text is trimmed of spaces of any kind, so a value of spaces is empty;
 * validate_chars() applies the rule (newlines only in multiline fields);
 * required, maxlen (characters), choice membership,
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

/*
 * Generic text check used by the CLI for values without a form field: the
 * rule, trimming and maxlen (characters, 0 for none) as validate_field().
 * An empty result is not an error here; the caller decides.
 */
int validate_text(const char *in, int allow_newline, int maxlen, char **out, char **msg);

/* Longest name of a person (deputy, staff, the one acting), in characters. */
#define VALIDATE_NAME_MAX 20
/*
 * A person's name: one line under the rule, not blank, at most
 * VALIDATE_NAME_MAX characters.  Returns 0 with *out the trimmed name, or -1
 * with *msg; the caller frees whichever is set.
 */
int validate_name(const char *in, char **out, char **msg);
/*
 * The name given with --as or JIEDAI_ACTOR (as may be NULL or empty: nothing
 * given).  Returns 0, or -1 with a message through error() that names the
 * option and the character refused.
 */
int validate_actor(const char *as);

/*
 * A portable Unix login name (what `jiedai user add` takes): 1 to 32 of
 * the letters A–Z a–z, digits, '.', '_' and '-', not beginning with '-' and
 * not only dots.  Returns 0, or -1 with *msg (caller frees).
 */
int validate_login(const char *login, char **msg);

/*
 * The client address in the value of SSH_CONNECTION or SSH_CLIENT ("ADDR
 * PORT ADDR PORT" / "ADDR PORT PORT"): its first word when that is a plain
 * IPv4 or IPv6 address (an IPv6 zone such as %eth0 allowed), else "".  env
 * may be NULL.  Returns a new string.
 */
char *validate_ssh_address(const char *env);

#endif
