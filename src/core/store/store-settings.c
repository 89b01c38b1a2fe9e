/*
 * store-settings.c — station settings: a key/value table with known keys,
 * defaults and checks.  Unknown keys are refused so a typo never silently
 * does nothing.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "store-write.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

static const struct setting_info known[] = {
	{ "station_code", "JD", N_("station code at the start of ledger numbers (letters and digits)") },
	{ "station_name", "人大代表联络站", N_("station name printed on receipts and registers") },
	{ "station_phone", "", N_("station phone printed on receipts") },
	{ "station_place", "", N_("usual place of reception days") },
	{ "number_format", "{station}-{year}-{seq:4}", N_("ledger number format: {station} {year} {seq} {seq:N}") },
	{ "deadline_days", "15", N_("days given to a unit to handle an item again after 不满意 or a reopen") },
	{ "answer_days", "15", N_("days within which the voter is promised an answer (on the receipt)") },
	{ "deadline_unit", "calendar", N_("how deadlines in days are counted: calendar (calendar days; a deadline on a holiday or weekend moves to the next working day) or workdays (working days, by the holiday calendar)") },
	{ "language", "zh_CN", N_("language of the program: zh_CN or en") },
	{ "forms_dir", "", N_("directory of this station's form files (empty: the shipped forms)") },
	{ "receipt_stub", "no", N_("print the station's stub part (存根联) with each receipt: yes or no") },
	{ "qr_url", "", N_("URL template for the receipt QR code with {number} and {check} (empty: the QR holds only the number and check code)") },
	{ "print_dest", "", N_("where receipts go: a device or file path, tcp:HOST[:PORT], lp:QUEUE, terminal, or empty for none") },
	{ "print_profile", "58mm", N_("receipt printer paper: 58mm or 80mm") },
	{ "print_format", "escpos", N_("what the receipt printer takes: escpos (thermal receipt printers) or text (plain UTF-8 text printers)") },
	{ "print_qr", "raster", N_("how the printer draws QR codes: raster (works everywhere) or native") },
	{ "print_cut", "yes", N_("cut the paper after each receipt: yes or no") },
	{ "print_terminal", "auto", N_("terminal pass-through printing: auto (mcprint when terminfo has it), raw or mcprint") },
	{ "signoff_roles", "head", N_("roles that may sign off (销号): comma-separated from deputy, staff, head") },
	{ "void_roles", "head", N_("roles that may void an item: comma-separated from deputy, staff, head") },
	{ "shared_logins", "", N_("Unix logins that several people share; the screen asks who is working (set by jiedai user add --shared)") },
	{ "hub_url", "", N_("the county hub this station pushes to (jiedai push): postgres://HOST/DATABASE?user=LOGIN or service=NAME; the password goes in ~/.pgpass, never here") },
	{ "hub_personal", "masked", N_("what personal data a push sends to the hub: masked (voters' names and phones as on the public register; no address, check code or station fields) or full") },
	{ "practice", "no", N_("yes: a practice ledger, where jiedai gen may add made-up tickets (set by gen on an empty ledger)") },
	{ NULL, NULL, NULL },
};

const struct setting_info *store_settings_known(void)
{
	return known;
}

static const struct setting_info *find(const char *key)
{
	for (const struct setting_info *k = known; k->key; k++)
		if (!strcmp(k->key, key))
			return k;
	return NULL;
}

/* The checks modules above the store registered, by the setting's place in known[]. */
static setting_check checks[sizeof(known) / sizeof(known[0])];

void store_setting_check_register(const char *key, setting_check fn)
{
	const struct setting_info *k = find(key);

	if (!k)
		BUG("a check for '%s', which is not a setting", key);
	checks[k - known] = fn;
}

char *store_setting(struct store *s, const char *key)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	const struct setting_info *k = find(key);
	sqlite3_stmt *st = store_stmt(s, sql);
	char *v = NULL;
	int r = STORE_OK;

	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (store_row(s, st, "settings", &r))
			v = store_col_str(st, 0);
		store_done(st);
	}
	if (!v)
		v = xstrdup(k ? k->defval : "");
	return v;
}

int store_setting_int(struct store *s, const char *key)
{
	char *v = store_setting(s, key);
	int n = atoi(v);

	free(v);
	return n;
}

static int check_roles(const char *v)
{
	char *copy = xstrdup(v), *save = NULL;
	int ok = 1, any = 0;

	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		any = 1;
		if (strcmp(tok, "deputy") && strcmp(tok, "staff") && strcmp(tok, "head"))
			ok = 0;
	}
	free(copy);
	return ok && any;
}

static int one_of(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(v, *list))
			return 1;
	return 0;
}

/* Check a value for a key; returns a translated complaint or NULL. */
static const char *check_value(const char *key, const char *v)
{
	static const char *const yesno[] = { "yes", "no", NULL };

	if (!u8_valid(v, strlen(v)) || u8_has_control(v, 0))
		return _("the value has control characters or is not valid UTF-8");
	if (!strcmp(key, "station_code")) {
		size_t n = strlen(v);

		if (n < 1 || n > 8)
			return _("the station code must be 1 to 8 letters or digits, such as LJ");
		for (const char *p = v; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
				return _("the station code must be capital letters or digits, such as LJ");
	} else if (!strcmp(key, "number_format")) {
		if (!ticket_number_format_valid(v))
			return _("the number format needs {station}, {year} and {seq} (or {seq:N}), and nothing else in braces");
	} else if (!strcmp(key, "deadline_days") || !strcmp(key, "answer_days")) {
		char *end;
		long n = strtol(v, &end, 10);

		if (*end || end == v || n < 1 || n > 366)
			return _("give a number of days from 1 to 366");
	} else if (!strcmp(key, "language")) {
		static const char *const langs[] = { "zh_CN", "en", NULL };

		if (!one_of(v, langs))
			return _("the language is zh_CN or en");
	} else if (!strcmp(key, "receipt_stub") || !strcmp(key, "print_cut") || !strcmp(key, "practice")) {
		if (!one_of(v, yesno))
			return _("give yes or no");
	} else if (!strcmp(key, "hub_personal")) {
		static const char *const p[] = { "masked", "full", NULL };

		if (!one_of(v, p))
			return _("give masked or full");
	} else if (!strcmp(key, "hub_url")) {
		const char *at = strchr(v, '@'), *colon = strstr(v, "://");

		if (strstr(v, "password") || (at && colon && memchr(colon + 3, ':', (size_t)(at - colon - 3))))
			return _("the address must not hold a password: put it in ~/.pgpass");
	} else if (!strcmp(key, "print_profile")) {
		static const char *const p[] = { "58mm", "80mm", NULL };

		if (!one_of(v, p))
			return _("the printer profile is 58mm or 80mm");
	} else if (!strcmp(key, "print_format")) {
		static const char *const p[] = { "escpos", "text", NULL };

		if (!one_of(v, p))
			return _("the printer takes escpos or text");
	} else if (!strcmp(key, "print_qr")) {
		static const char *const p[] = { "raster", "native", NULL };

		if (!one_of(v, p))
			return _("the QR mode is raster or native");
	} else if (!strcmp(key, "print_terminal")) {
		static const char *const p[] = { "auto", "raw", "mcprint", NULL };

		if (!one_of(v, p))
			return _("terminal printing is auto, raw or mcprint");
	} else if (!strcmp(key, "signoff_roles") || !strcmp(key, "void_roles")) {
		if (!check_roles(v))
			return _("give roles from deputy, staff and head, separated by commas");
	} else if (!strcmp(key, "shared_logins")) {
		for (const char *p = v; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			      *p == ',' || *p == '_' || *p == '-' || *p == '.'))
				return _("give Unix login names separated by commas");
	} else if (!strcmp(key, "qr_url")) {
		for (const unsigned char *p = (const unsigned char *)v; *p; p++)
			if (*p > 0x7e || *p <= 0x20)
				return _("the URL must be plain ASCII without spaces (a receipt scanner cannot type Chinese)");
		if (*v && !strstr(v, "{number}"))
			return _("the URL template needs {number}");
	}
	return NULL;
}

int store_setting_set(struct store *s, const char *key, const char *value, const struct actor *who)
{
	static const char sql[] =
		"INSERT INTO settings(key, value) VALUES(?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	static const char cur[] = "SELECT value FROM settings WHERE key = ?1";
	struct strbuf state = STRBUF_INIT;
	const struct setting_info *k = find(key);
	const char *why;
	char *old = NULL;
	sqlite3_stmt *st;
	int r, rc;

	if (!k) {
		error(_("there is no setting '%s' (see 'jiedai config')"), key);
		return STORE_REFUSED;
	}
	why = check_value(key, value);
	if (!why && *value && checks[k - known])
		why = checks[k - known](s, value);
	if (why) {
		error(_("%s: %s"), key, why);
		return STORE_REFUSED;
	}
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	st = store_stmt(s, cur);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		old = store_col_str(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		r = store_fail(s, rc, "setting");
		goto fail;
	}
	if (old && !strcmp(old, value)) {
		/* Nothing to change (a commit, not a rollback: that would spoil a batch). */
		free(old);
		return store_commit(s);
	}
	st = store_stmt(s, sql);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	r = store_exec_stmt(s, st, "setting");
	if (r != STORE_OK)
		goto fail;
	/* The event says what it was (the default when never set) and what it is now. */
	strbuf_adds(&state, "{\"value\":");
	strbuf_add_json(&state, value);
	strbuf_adds(&state, ",\"old\":");
	if (old)
		strbuf_add_json(&state, old);
	else
		strbuf_adds(&state, "null");
	strbuf_addch(&state, '}');
	r = store_ledger_event(s, "setting", key, who, NULL, state.buf);
	if (r != STORE_OK)
		goto fail;
	free(old);
	strbuf_release(&state);
	return store_commit(s);
fail:
	free(old);
	strbuf_release(&state);
	store_rollback(s);
	return r;
}
