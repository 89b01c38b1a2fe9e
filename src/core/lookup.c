/* lookup.c — see lookup.h. */
#include "lookup.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "receipt.h"
#include "store.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

/* The last four digits of a phone as stored, or "" when it has fewer. */
static void last4(const char *phone, char out[5])
{
	char digits[64];
	size_t n = 0;

	for (const char *p = phone ? phone : ""; *p && n < sizeof(digits); p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	if (n < 4) {
		out[0] = '\0';
		return;
	}
	memcpy(out, digits + n - 4, 4);
	out[4] = '\0';
}

/* The ticket with this number, read without saying whether it exists. */
static int get_quietly(struct store *s, const char *number, struct ticket *t)
{
	int64_t id = store_ticket_find(s, number);

	if (!id)
		return LOOKUP_NOMATCH;
	return store_ticket_get_id(s, id, t) == STORE_OK ? LOOKUP_OK : LOOKUP_IO;
}

int lookup_verify(struct store *s, const char *number, const char *phone4, const char *check,
		  struct ticket *out)
{
	char *given = NULL, have[5];
	int r, ok = 0;

	if ((phone4 == NULL) == (check == NULL))
		BUG("lookup_verify wants phone4 or check");
	if (phone4) {
		char *folded = u8_fold(phone4);

		given = u8_trim(folded);
		free(folded);
		if (strlen(given) != 4 || strspn(given, "0123456789") != 4) {
			free(given);
			error(_("give the last four digits of the voter's phone, such as 8000"));
			return LOOKUP_BADINPUT;
		}
	} else {
		char *folded = u8_fold(check);

		given = u8_trim(folded);
		free(folded);
		if (ticket_check_code_normalize(given) < 0) {
			free(given);
			error(_("a check code is %d letters and digits, as printed on the receipt"), CHECK_CODE_LEN);
			return LOOKUP_BADINPUT;
		}
	}
	r = get_quietly(s, number, out);
	if (r == LOOKUP_OK) {
		if (phone4) {
			last4(out->phone, have);
			ok = *have && !strcmp(have, given);
		} else {
			ok = !strcmp(out->check_code, given);
		}
		if (!ok) {
			ticket_release(out);
			r = LOOKUP_NOMATCH;
		}
	}
	free(given);
	if (r == LOOKUP_NOMATCH) {
		/* The same words whether the number exists or not. */
		if (phone4)
			error(_("no ticket matches %s with those phone digits; check the number on the receipt, or ask for the check code"),
			      number);
		else
			error(_("no ticket matches %s with that check code; check both against the receipt"), number);
	}
	return r;
}

int lookup_payload(struct store *s, const char *text, struct ticket *out)
{
	char *url = store_setting(s, "qr_url");
	char *number = NULL, *check = NULL;
	int r;

	if (receipt_parse_payload(text, url, &number, &check) < 0) {
		free(url);
		return LOOKUP_NOTPAYLOAD;
	}
	free(url);
	r = get_quietly(s, number, out);
	if (r == LOOKUP_NOMATCH) {
		error(_("the receipt's number %s is not in this ledger"), number);
	} else if (r == LOOKUP_OK &&
		   (ticket_check_code_normalize(check) < 0 || strcmp(check, out->check_code))) {
		error(_("the check code on this receipt does not match %s; nothing is shown"), out->number);
		ticket_release(out);
		r = LOOKUP_NOMATCH;
	}
	free(number);
	free(check);
	return r;
}
