/* validate.c — see validate.h. */
#include "validate.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "formspec.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

static int fail(char **msg, const char *text)
{
	*msg = xstrdup(text);
	return -1;
}

char *validate_phone(const char *in, char **msg)
{
	char *folded = u8_fold(in);
	struct strbuf d = STRBUF_INIT;
	char *out = NULL;

	for (const char *p = folded; *p; p++) {
		if (*p >= '0' && *p <= '9')
			strbuf_addch(&d, *p);
		else if (*p == '+' && d.len == 0)
			continue;
		else if (!strchr(" -.()\t", *p)) {
			free(folded);
			strbuf_release(&d);
			fail(msg, _("A phone number may only contain digits, spaces and dashes."));
			return NULL;
		}
	}
	free(folded);
	/* +86 or 0086 country prefix. */
	if (d.len == 13 && !strncmp(d.buf, "86", 2) && d.buf[2] == '1')
		memmove(d.buf, d.buf + 2, 12);	/* 11 digits and the NUL */
	else if (d.len == 15 && !strncmp(d.buf, "0086", 4))
		memmove(d.buf, d.buf + 4, 12);
	d.len = strlen(d.buf);

	if (d.len == 11 && d.buf[0] == '1' && d.buf[1] >= '3' && d.buf[1] <= '9') {
		out = xstrdup(d.buf);
	} else if (d.buf[0] == '0' && d.len >= 10 && d.len <= 12) {
		/* 010 and 02x have 3-digit area codes, the rest 4. */
		size_t area = (d.buf[1] == '1' || d.buf[1] == '2') ? 3 : 4;
		size_t rest = d.len - area;

		if (rest >= 7 && rest <= 8)
			out = xasprintf("%.*s-%s", (int)area, d.buf, d.buf + area);
	}
	if (!out) {
		if (d.len == 7 || d.len == 8)
			fail(msg, _("Please add the area code to the landline number, e.g. 0571-88001234."));
		else if (d.len && d.buf[0] == '1')
			fail(msg, _("A mobile number has 11 digits starting with 1, e.g. 13800138000."));
		else
			fail(msg, _("This is not a phone number: use 11 digits for a mobile, or the area code and number for a landline."));
	}
	strbuf_release(&d);
	return out;
}

const char *validate_class_label(enum u8_class c)
{
	switch (c) {
	case U8_OK: break;
	case U8_MALFORMED: return _("not valid UTF-8");
	case U8_NEWLINE: return _("a line break");
	case U8_CONTROL: return _("a control character");
	case U8_BIDI: return _("a text direction control");
	case U8_INVISIBLE: return _("an invisible formatting character");
	case U8_SEPARATOR: return _("a line or paragraph separator");
	case U8_NONCHAR: return _("not a character");
	}
	return "";
}

int validate_chars(const char *s, int allow_newline, char **msg)
{
	long cp = 0;
	size_t pos = 0;
	enum u8_class c = u8_check(s, allow_newline, &cp, &pos);

	*msg = NULL;
	switch (c) {
	case U8_OK:
		return 0;
	case U8_MALFORMED:
		return fail(msg, _("The text contains bytes that are not valid UTF-8; please type it again."));
	case U8_NEWLINE:
		return fail(msg, _("Line breaks are not allowed here; please keep it on one line."));
	default:
		*msg = xasprintf(_("Character %zu, U+%04lX (%s), is not allowed here; please delete it."),
				 pos, cp, validate_class_label(c));
		return -1;
	}
}

int validate_text(const char *in, int allow_newline, int maxlen, char **out, char **msg)
{
	char *t;
	size_t n;

	*out = NULL;
	*msg = NULL;
	if (!in)
		in = "";
	if (validate_chars(in, allow_newline, msg) < 0)
		return -1;
	t = u8_trim(in);
	n = u8_chars(t);
	if (maxlen > 0 && n > (size_t)maxlen) {
		*msg = xasprintf(_("At most %d characters (now %zu)."), maxlen, n);
		free(t);
		return -1;
	}
	*out = t;
	return 0;
}

int validate_name(const char *in, char **out, char **msg)
{
	if (validate_text(in, 0, VALIDATE_NAME_MAX, out, msg) < 0)
		return -1;
	if (!**out) {
		free(*out);
		*out = NULL;
		return fail(msg, _("A name cannot be empty or only spaces."));
	}
	return 0;
}

int validate_actor(const char *as)
{
	char *name = NULL, *msg = NULL;

	if (!as || !*as)
		return 0;
	if (validate_name(as, &name, &msg) == 0) {
		free(name);
		return 0;
	}
	error(_("the name given with --as or JIEDAI_ACTOR: %s"), msg);
	free(msg);
	return -1;
}

int validate_login(const char *login, char **msg)
{
	size_t n = strlen(login ? login : ""), dots = 0;

	*msg = NULL;
	if (n == 0 || n > 32)
		return fail(msg, _("A Unix login name has 1 to 32 characters."));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)login[i];

		if (c == '.') {
			dots++;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			     c == '_' || c == '-')) {
			const char *p = login + i;
			long cp = u8_next(&p);

			if (cp < 0)
				return fail(msg, _("The text contains bytes that are not valid UTF-8; please type it again."));
			/* Every byte before it is ASCII: i + 1 is its place in characters. */
			*msg = xasprintf(_("A Unix login name may only hold the letters a-z and A-Z, digits, '.', '_' and '-'; character %zu, U+%04lX, is not one of them."),
					 i + 1, cp);
			return -1;
		}
	}
	if (login[0] == '-' || dots == n)
		return fail(msg, _("A Unix login name does not begin with '-' and is not only dots."));
	return 0;
}

char *validate_ssh_address(const char *env)
{
	char addr[INET6_ADDRSTRLEN + 16];
	unsigned char bin[sizeof(struct in6_addr)];
	size_t n = env ? strcspn(env, " ") : 0;
	char *zone;

	if (n == 0 || n >= sizeof(addr))
		return xstrdup("");
	memcpy(addr, env, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET, addr, bin) == 1)
		return xstrdup(addr);
	/* A link-local IPv6 address comes with its zone: fe80::1%eth0. */
	zone = strchr(addr, '%');
	if (zone) {
		size_t zl = strlen(zone + 1);

		if (zl == 0 || zl > 15 || strspn(zone + 1, "abcdefghijklmnopqrstuvwxyz"
						     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != zl)
			return xstrdup("");
		*zone = '\0';
	}
	if (inet_pton(AF_INET6, addr, bin) != 1)
		return xstrdup("");
	if (zone)
		*zone = '%';
	return xstrdup(addr);
}

static int check_number(const struct form_field *f, const char *t, char **out, char **msg)
{
	char *folded = u8_fold(t), *end;
	long n = strtol(folded, &end, 10);

	if (end == folded || *end) {
		free(folded);
		return fail(msg, _("Please type a whole number."));
	}
	free(folded);
	if (f->has_range && (n < f->range_lo || n > f->range_hi)) {
		*msg = xasprintf(_("Please type a number from %ld to %ld."), f->range_lo, f->range_hi);
		return -1;
	}
	*out = xasprintf("%ld", n);
	return 0;
}

int validate_deadline_days(const char *in)
{
	char *folded = u8_fold(in ? in : ""), *t = u8_trim(folded), *end;
	long days = strtol(t, &end, 10);
	int ok = end != t && *t >= '0' && *t <= '9' &&
		 (!*end || !strcmp(end, "天") || !strcmp(end, "日") || !strcmp(end, " days") ||
		  !strcmp(end, "d"));

	free(folded);
	free(t);
	if (!ok)
		return -1;
	return days > 9999 ? 9999 : (int)days;
}

static int check_deadline(const char *t, char **out, char **msg)
{
	char date[CLOCK_DATE_LEN], today[CLOCK_DATE_LEN];
	int days = validate_deadline_days(t);

	if (days >= 0) {
		if (days < 1 || days > 366)
			return fail(msg, _("A deadline in days must be from 1 to 366."));
		clock_today(today);
		clock_add_days(today, days, date);
		*out = xstrdup(date);
		return 0;
	}
	if (clock_parse_date(t, date) < 0)
		return fail(msg, _("Please give a date (2026-03-25) or a number of days (15)."));
	clock_today(today);
	if (strcmp(date, today) < 0)
		return fail(msg, _("The deadline is already past."));
	*out = xstrdup(date);
	return 0;
}

int validate_field(const struct form_field *f, const char *in, char **out, char **msg)
{
	char *t = NULL;
	int ret = 0;

	*out = NULL;
	*msg = NULL;
	if (validate_text(in, f->kind == FIELD_MULTILINE, f->maxlen, &t, msg) < 0)
		return -1;
	if (!*t) {
		if (f->required) {
			free(t);
			return fail(msg, _("This field is required."));
		}
		*out = t;
		return 0;
	}
	switch (f->kind) {
	case FIELD_TEXT:
	case FIELD_MULTILINE:
		*out = t;
		return 0;
	case FIELD_PHONE:
		*out = validate_phone(t, msg);
		ret = *out ? 0 : -1;
		break;
	case FIELD_CHOICE:
		for (size_t i = 0; i < f->noptions; i++)
			if (!strcmp(f->options[i].value, t) ||
			    (f->options[i].label_en && !strcmp(f->options[i].label_en, t))) {
				*out = xstrdup(f->options[i].value);
				break;
			}
		if (!*out) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t i = 0; i < f->noptions; i++) {
				if (i)
					strbuf_adds(&sb, i18n_is_chinese() ? "、" : ", ");
				strbuf_adds(&sb, f->options[i].value);
			}
			*msg = xasprintf(_("Please choose one of: %s."), sb.buf);
			strbuf_release(&sb);
			ret = -1;
		}
		break;
	case FIELD_DATE: {
		char date[CLOCK_DATE_LEN];

		if (clock_parse_date(t, date) < 0)
			ret = fail(msg, _("Please give a date such as 2026-03-10."));
		else
			*out = xstrdup(date);
		break;
	}
	case FIELD_NUMBER:
		ret = check_number(f, t, out, msg);
		break;
	case FIELD_DEADLINE:
		ret = check_deadline(t, out, msg);
		break;
	}
	free(t);
	return ret;
}
