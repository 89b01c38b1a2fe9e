/*
 * fuzz-payload.c — what a receipt scanner (or a person) types into the
 * look-up line, and the phone-in look-up.
 *
 * A ledger of station LJ with a receipt URL template and three tickets is
 * made once, in a private temporary directory; the runs only read it.  The
 * input is two lines, text and extra.  text goes the way the screen and
 * `jiedai show` take it: lookup_payload() (JD:NUMBER:CHECK or the station's
 * URL), and when it is not a payload, a ledger number (store_ticket_find,
 * store_ticket_get, which also read "#ID").  text is also a ledger number
 * for lookup_verify() with extra as the last four phone digits and as the
 * check code, and is read by receipt_parse_payload() with extra as the URL
 * template.  A payload made with that template for one of the tickets, or
 * for other as a ledger number, must read back as the same number and
 * check code whenever the template is one the qr_url setting accepts and
 * holds {check}.
 */
#include "fuzz.h"

#include <sqlite3.h>

#include "lookup.h"
#include "receipt.h"
#include "store.h"
#include "store-write.h"
#include "ticket.h"

#define URL "https://lj.example.cn/q/{number}/{check}"

static struct store *ledger;
static struct ticket tickets[3];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct actor me = { "王芳", "wangfang", "" };
	const struct intake in[3] = {
		{ .name = "张三明", .phone = "13800138000", .category = "农业农村", .issue = "灌溉水渠年久失修" },
		{ .name = "李四", .category = "社会保障", .issue = "低保怎么申请" },
		{ .name = "赵小红", .phone = "0571-88001234", .category = "城乡建设", .issue = "路灯不亮" },
	};

	(void)argc;
	(void)argv;
	fuzz_init();
	/* The same check codes in every process, so that saved inputs replay. */
	sqlite3_test_control(SQLITE_TESTCTRL_PRNG_SEED, 20260310, NULL);
	if (store_open(fuzz_path("payload.db"), STORE_CREATE, &ledger) != STORE_OK ||
	    store_setting_set(ledger, "station_code", "LJ", &me) != STORE_OK ||
	    store_setting_set(ledger, "qr_url", URL, &me) != STORE_OK)
		abort();
	for (int i = 0; i < 3; i++) {
		if (store_ticket_add(ledger, &in[i], &me, &tickets[i]) != STORE_OK)
			abort();
		if (getenv("FUZZ_VERBOSE"))
			fprintf(stderr, "fuzz: ticket %s, check code %s\n", tickets[i].number, tickets[i].check_code);
	}
	return 0;
}

/*
 * A template the qr_url setting accepts (plain ASCII, no spaces, {number};
 * store-settings.c) that also holds {check}, without which a receipt has
 * nothing to check, and does not begin like the JD: form.
 */
static int url_acceptable(const char *tpl)
{
	for (const unsigned char *p = (const unsigned char *)tpl; *p; p++)
		if (*p > 0x7e || *p <= 0x20)
			return 0;
	return strstr(tpl, "{number}") && strstr(tpl, "{check}") && strncasecmp(tpl, "JD:", 3);
}

/* A ledger number as a number format may make it: ASCII, no blanks. */
static int number_acceptable(const char *n)
{
	for (const unsigned char *p = (const unsigned char *)n; *p; p++)
		if (*p > 0x7e || *p <= 0x20)
			return 0;
	return *n != '\0';
}

/* The payload for number and check with tpl must read back as both. */
static void roundtrip(const char *number, const char *check, const char *tpl)
{
	char *payload = receipt_payload(number, check, tpl), *n, *c;

	if (receipt_parse_payload(payload, tpl, &n, &c) < 0 || strcmp(n, number) || strcmp(c, check)) {
		fprintf(stderr, "template '%s' made '%s', which does not read back\n", tpl, payload);
		abort();
	}
	free(n);
	free(c);
	free(payload);
}

static void scan(const char *text)
{
	struct ticket t;
	int r = lookup_payload(ledger, text, &t);

	if (r == LOOKUP_OK) {
		ticket_release(&t);
	} else if (r == LOOKUP_NOTPAYLOAD) {
		if (store_ticket_find(ledger, text) && store_ticket_get(ledger, text, &t) == STORE_OK)
			ticket_release(&t);
	}
}

static void phone_in(const char *number, const char *code)
{
	struct ticket t;

	if (lookup_verify(ledger, number, code, NULL, &t) == LOOKUP_OK)
		ticket_release(&t);
	if (lookup_verify(ledger, number, NULL, code, &t) == LOOKUP_OK)
		ticket_release(&t);
}

static void template(const char *text, const char *tpl, const char *other)
{
	char *number, *check;

	if (receipt_parse_payload(text, tpl, &number, &check) == 0) {
		if (!number || !check)
			abort();
		free(number);
		free(check);
	}
	if (!url_acceptable(tpl))
		return;
	for (int i = 0; i < 3; i++)
		roundtrip(tickets[i].number, tickets[i].check_code, tpl);
	if (number_acceptable(other))
		roundtrip(other, "K7MPX", tpl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *extra = fuzz_split(text), *other = fuzz_split(extra);

	scan(text);
	phone_in(text, extra);
	template(text, extra, other);
	free(text);
	return 0;
}
