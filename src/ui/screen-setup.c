/*
 * screen-setup.c — the first start on a new ledger: the station's name,
 * the code at the start of its ledger numbers, and its phone number for the
 * receipts.  Everything can be changed later with `jiedai config`.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "form.h"
#include "i18n.h"
#include "jd.h"
#include "store.h"
#include "strbuf.h"
#include "xmalloc.h"

static const char setup_form_text[] =
	"form setup\n"
	"title 站点设置 | Station set-up\n"
	"field station_name\nlabel 站点名称 | Station name\nkind text\nwidth 40\nmaxlen 40\nrequired\n"
	"help 印在回执和登记簿上，如：陵江镇人大代表联络站 | Printed on receipts and registers\n"
	"field station_code\nlabel 站点代码 | Station code\nkind text\nwidth 8\nmaxlen 8\nrequired\n"
	"help 台账编号开头的大写字母，如 LJ（编号形如 LJ-2026-0001） | Capital letters at the start of ledger numbers\n"
	"field station_phone\nlabel 联系电话 | Phone\nkind phone\n"
	"help 印在回执上，选民可打电话询问（可不填） | Printed on receipts (optional)\n";

struct setup_screen {
	struct form_spec *spec;
	struct uiform form;
};

static void setup_draw(struct ui *ui, void *st)
{
	struct setup_screen *s = st;

	ui_titlebar(formspec_title(s->spec), NULL);
	ui_puts(2, 2, A_NORMAL_, _("A new ledger. Which station keeps it?"));
	ui_puts(3, 2, UA_DIM, _("You can change this later with: jiedai config"));
	uiform_draw(&s->form, 5, LINES - 2);
	ui_statusline(ui, uiform_help(&s->form));
	{
		const char *items[] = { "F2/^S", _("Save"), "Tab", _("Next field"), "Esc", _("Later"), NULL };

		ui_keybar(items);
	}
}

static int setup_key(struct ui *ui, void *st, struct uikey k)
{
	struct setup_screen *s = st;
	struct jd *jd = ui_jd(ui);
	char **values = NULL;
	int left;

	switch (uiform_key(ui, &s->form, k, &left)) {
	case FORM_SAVE: {
		static const char *const keys[] = { "station_name", "station_code", "station_phone" };

		if (uiform_validate(&s->form, &values) < 0) {
			ui_error(ui, "%s", _("Please correct the fields marked with !"));
			return R_REDRAW;
		}
		/* Codes are capital letters; accept what was typed in lower case. */
		for (char *p = values[1]; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		for (int i = 0; i < 3; i++) {
			struct ledger_step set = { .kind = STEP_SETTING, .key = keys[i], .value = values[i] };

			error_clear();
			if (ledger_apply(jd->store, &jd->me, &set, NULL) != STORE_OK) {
				uiform_focus(&s->form, keys[i]);
				ui_error(ui, "%s", error_last());
				uiform_values_free(values, s->form.n);
				return R_REDRAW;	/* the focus moved */
			}
		}
		uiform_values_free(values, s->form.n);
		ui_message(ui, "%s", _("The station is set up."));
		ui_reload_all(ui);
		ui_pop(ui);
		return R_SWITCH;
	}
	case FORM_CANCEL:
		ui_pop(ui);
		return R_SWITCH;
	case FORM_NONE:
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

static void setup_free(void *st)
{
	struct setup_screen *s = st;

	uiform_release(&s->form);
	formspec_free(s->spec);
	free(s);
}

static const struct screen_ops setup_ops = {
	.name = "setup",
	.draw = setup_draw,
	.key = setup_key,
	.free = setup_free,
};

void screen_setup_open(struct ui *ui)
{
	struct setup_screen *s = xcalloc(1, sizeof(*s));
	struct strbuf errs = STRBUF_INIT;

	s->spec = formspec_parse(setup_form_text, "setup.form", &errs);
	if (!s->spec)
		BUG("built-in setup form: %s", errs.buf);
	strbuf_release(&errs);
	uiform_init(&s->form, s->spec, _("Save (F2)"));
	ui_push(ui, &setup_ops, s);
}
