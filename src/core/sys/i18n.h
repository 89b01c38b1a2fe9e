/*
 * i18n.h — gettext markers.
 *
 * Messages are written in English (the msgids) and translated through
 * src/po/zh_CN.po.  Chinese is the default whatever the server's locale:
 * i18n_init() chooses the language (LANGUAGE, else the station setting, else
 * zh_CN) and finds the catalogue in the build tree or the installed copy.
 */
#ifndef JIEDAI_I18N_H
#define JIEDAI_I18N_H

#include <libintl.h>

/*
 * Every translation is handed out through a check (fmtcheck.h): a
 * translation whose printf conversions differ from its msgid's (other
 * argument types, more or fewer of them, any %n) is not used, and the
 * English msgid is.  So a catalogue — the installed one, or one a person
 * points a program of their own at — can never make a printf read or write
 * what the caller did not pass.  format_arg lets the compiler check each
 * printf(_("…"), …) against the msgid, as it does for gettext().
 */
#define _(s) i18n_gettext(s)
#define N_(s) (s)
#define Q_(one, many, n) i18n_ngettext(one, many, n)
/* A message with a context, for words used in two senses ("Void" the verb, the state). */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)
#define NC_(ctx, s) (ctx "\004" s)

const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));
const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(1), format_arg(2)));
const char *i18n_pgettext(const char *with_ctx, const char *plain) __attribute__((format_arg(2)));
/* Translate a string made with NC_() (falls back to the part after the context). */
const char *i18n_cgettext(const char *with_ctx) __attribute__((format_arg(1)));

/*
 * Set up message translation.  lang is the station's configured language
 * ("zh_CN", "en") or NULL for the default; an explicit LANGUAGE in the
 * environment wins.  localedir may be NULL to search the usual places.
 */
void i18n_init(const char *lang, const char *localedir);
/* Re-apply the language after the station setting has been read. */
void i18n_set_language(const char *lang);
/* 1 when messages come out in Chinese. */
int i18n_is_chinese(void);

#endif
