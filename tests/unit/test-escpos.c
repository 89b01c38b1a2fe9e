/*
 * test-escpos.c — text for Chinese receipt printers (GB18030 round trip,
 * markers for what a printer cannot print, printer columns) and the ESC/POS
 * receipt at 58 mm and 80 mm, read back with the tests' own parser: no line
 * wider than the paper, the raster QR decodes with zbar, the native QR holds
 * the payload, nothing that would stop terminal printing.
 */
#include "unit.h"

#include "../helper/escpos-parse.h"
#include "escpos.h"
#include "gb18030.h"
#include "printer.h"
#include "receipt.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "zbar-decode.h"

static const struct actor me = { "王芳", "wangfang", "" };

static void test_gb_roundtrip(void **state)
{
	const char *text = "陵江镇人大代表联络站：张三明（13800138000），“春耕”用水……￥100·第3位。ABC-xyz";
	struct strbuf gb = STRBUF_INIT, back = STRBUF_INIT, bad = STRBUF_INIT;

	(void)state;
	assert_int_equal(gb_encode(text, &gb, &bad), 0);
	assert_string_equal(bad.buf, "");
	/* Two bytes per Chinese character, one per ASCII: nothing four-byte. */
	for (size_t i = 0; i < gb.len; i++)
		if ((unsigned char)gb.buf[i] >= 0x81)
			i++;
		else
			assert_true((unsigned char)gb.buf[i] >= 0x20 && (unsigned char)gb.buf[i] < 0x7f);
	assert_int_equal(gb_decode(gb.buf, gb.len, &back), 0);
	assert_string_equal(back.buf, text);
	strbuf_release(&gb);
	strbuf_release(&back);
	strbuf_release(&bad);
}

static void test_gb_markers(void **state)
{
	struct strbuf gb = STRBUF_INIT, back = STRBUF_INIT, bad = STRBUF_INIT;

	(void)state;
	/* 𠮷 (U+20BB7) is four bytes in GB18030, ő is outside GBK, U+E000 is private, \x01 a control. */
	assert_int_equal(gb_encode("吉𠮷祥ő\xee\x80\x80\x01𠮷", &gb, &bad), 5);
	assert_int_equal(gb_decode(gb.buf, gb.len, &back), 0);
	/* Wide ones as □, narrow ones (ő; U+E000 is narrow to wcwidth; the control) as ?. */
	assert_string_equal(back.buf, "吉□祥???□");
	/* Each replaced character is named once; the control as U+FFFD. */
	assert_non_null(strstr(bad.buf, "𠮷"));
	assert_non_null(strstr(bad.buf, "ő"));
	assert_non_null(strstr(bad.buf, "\xef\xbf\xbd"));
	assert_null(strstr(strstr(bad.buf, "𠮷") + 1, "𠮷"));
	assert_null(strchr(bad.buf, '\x01'));
	strbuf_release(&gb);
	strbuf_release(&back);
	strbuf_release(&bad);
}

static void test_gb_columns(void **state)
{
	(void)state;
	/* The printer prints every two-byte code full-width, “ ” … · included. */
	assert_int_equal(gb_columns("张三"), 4);
	assert_int_equal(gb_columns("“…”·"), 8);
	assert_int_equal(u8_width("“…”·"), 4);
	assert_int_equal(gb_columns("AB1"), 3);
	assert_int_equal(gb_columns("𠮷"), 2);	/* □ */
	assert_int_equal(gb_columns("ő"), 1);	/* ? */
}

struct fixture {
	struct store *s;
	struct ticket t;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct intake in = {
		.name = "欧阳娜娜", .phone = "13800138000", .address = "陵江镇二村三组",
		.category = "农业农村",
		.issue = "村里的灌溉水渠年久失修，“春耕”用水困难……希望在三月底之前修好，"
			 "另外村口的路灯也坏了（已经三个月），晚上出行很不方便。",
	};

	if (store_open(unit_path("e.db"), STORE_CREATE, &f->s) != STORE_OK)
		return -1;
	if (store_setting_set(f->s, "station_code", "LJ", &unit_actor) != STORE_OK)
		return -1;
	if (store_ticket_add(f->s, &in, &me, &f->t) != STORE_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ticket_release(&f->t);
	store_close(f->s);
	free(f);
	return 0;
}

static void render(const struct ticket *t, const char *profile, int native, int cut, int stub,
		   struct strbuf *out, struct escpos_doc *d)
{
	struct receipt_info info = { "陵江镇人大代表联络站（青溪村联络点）", "0817-1234567", "", 15, stub, 0,
				     gb_cp_columns };
	struct escpos_options o = { escpos_profile(profile), native, cut, 0 };
	struct receipt r;

	assert_non_null(o.profile);
	assert_int_equal(receipt_build(&r, t, &info, o.profile->cols), 0);
	assert_int_equal(escpos_render(&r, &o, out, NULL), 0);
	receipt_release(&r);
	if (escpos_parse((const unsigned char *)out->buf, out->len, d) < 0)
		fail_msg("parse: %s", d->err);
}

/* No printed line starts with closing punctuation or ends with an opening mark. */
static void check_punctuation(const char *profile, const char *text)
{
	const char *p = text, *q;
	long first, last = 0, cp;

	while (*p == ' ')
		p++;
	q = p;
	first = u8_next(&q);
	for (q = p; (cp = u8_next(&q)) > 0; )
		if (cp != ' ')
			last = cp;
	if (first > 0 && u8_no_line_start(first))
		fail_msg("%s: a line starts with closing punctuation: '%s'", profile, text);
	if (last && u8_no_line_end(last))
		fail_msg("%s: a line ends with an opening mark: '%s'", profile, text);
}

static void check_layout(struct fixture *f, const char *profile, int cols, int dots)
{
	struct strbuf out = STRBUF_INIT, text = STRBUF_INIT;
	struct escpos_doc d;
	int images = 0, big = 0;
	char payload[64];

	snprintf(payload, sizeof(payload), "JD:%s:%s", f->t.number, f->t.check_code);
	render(&f->t, profile, 0, 1, 1, &out, &d);
	assert_int_equal(d.inits, 1);
	/* A partial cut parts the stub from the voter's part, another ends the receipt. */
	assert_int_equal(d.cuts, 2);
	assert_true(d.cut_after[0] > 0 && d.cut_after[0] < d.n);
	assert_non_null(strstr(d.lines[d.cut_after[0]].text, "存根联"));
	assert_int_equal(d.cut_after[1], d.n);
	for (size_t i = 0; i < d.n; i++) {
		const struct escpos_line *l = &d.lines[i];

		if (l->kind == ESCPOS_IMAGE) {
			char *got = zbar_decode_bitmap(&l->image);

			images++;
			assert_int_equal(l->image.width, dots);
			assert_non_null(got);
			assert_string_equal(got, payload);
			free(got);
			continue;
		}
		assert_int_equal(l->kind, ESCPOS_TEXT);
		if (l->cols > cols)
			fail_msg("%s: line %zu is %d columns: %s", profile, i, l->cols, l->text);
		if (i < d.cut_after[0])
			assert_null(strstr(l->text, "陵江镇二村三组"));	/* only on the stub */
		check_punctuation(profile, l->text);
		if (l->big) {
			big++;
			assert_string_equal(l->text, f->t.number);
		}
		strbuf_adds(&text, l->text);
		strbuf_addch(&text, '\n');
	}
	assert_int_equal(images, 1);
	assert_int_equal(big, 1);
	assert_non_null(strstr(text.buf, "欧**娜"));
	assert_non_null(strstr(text.buf, "138****8000"));
	assert_non_null(strstr(text.buf, "存根联"));
	assert_non_null(strstr(text.buf, "陵江镇二村三组"));
	assert_int_equal(printer_terminal_check(out.buf, out.len, NULL), 0);
	escpos_doc_release(&d);
	strbuf_release(&out);
	strbuf_release(&text);
}

static void test_layout_58_80(void **state)
{
	struct fixture *f = *state;

	check_layout(f, "58mm", 32, 384);
	check_layout(f, "80mm", 48, 576);
}

/* Laid out with the printer's widths, the receipt's own lines already fit: no ragged re-wrap. */
static void test_layout_uses_printer_widths(void **state)
{
	struct fixture *f = *state;
	struct receipt_info info = { "联络站", "", "", 15, 1, 0, gb_cp_columns };
	struct receipt r;
	int over = 0;

	assert_int_equal(receipt_build(&r, &f->t, &info, 32), 0);
	for (size_t i = 0; i < r.n; i++)
		assert_true(gb_columns(r.lines[i].text) <= 32);
	receipt_release(&r);
	/* The terminal's widths would not do: “ ” … are one column there. */
	info.cp_width = NULL;
	assert_int_equal(receipt_build(&r, &f->t, &info, 32), 0);
	for (size_t i = 0; i < r.n; i++)
		over += gb_columns(r.lines[i].text) > 32;
	assert_true(over > 0);
	receipt_release(&r);
}

static void test_native_qr_no_cut(void **state)
{
	struct fixture *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct escpos_doc d;
	char payload[64];
	int natives = 0;

	snprintf(payload, sizeof(payload), "JD:%s:%s", f->t.number, f->t.check_code);
	render(&f->t, "80mm", 1, 0, 0, &out, &d);
	assert_int_equal(d.cuts, 0);
	for (size_t i = 0; i < d.n; i++) {
		assert_int_not_equal(d.lines[i].kind, ESCPOS_IMAGE);
		if (d.lines[i].kind == ESCPOS_NATIVE_QR) {
			natives++;
			assert_string_equal(d.lines[i].text, payload);
			assert_int_equal(d.lines[i].align, 1);
		}
	}
	assert_int_equal(natives, 1);
	escpos_doc_release(&d);
	strbuf_release(&out);
}

/* Without a cutter the stub is parted by a dashed tear line. */
static void test_stub_tear_line(void **state)
{
	struct fixture *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct escpos_doc d;
	size_t stub = 0;

	render(&f->t, "58mm", 0, 0, 1, &out, &d);
	assert_int_equal(d.cuts, 0);
	for (size_t i = 0; i < d.n; i++)
		if (d.lines[i].kind == ESCPOS_TEXT && strstr(d.lines[i].text, "存根联"))
			stub = i;
	assert_true(stub > 0);
	assert_string_equal(d.lines[stub - 1].text, "- - - - - - - - - - - - - - - -");
	escpos_doc_release(&d);
	strbuf_release(&out);
}

/* A Chinese character whose second GB byte is 0x9B, then "4i": 9B 34 69 must not appear. */
static void test_no_stop_sequence_in_text(void **state)
{
	struct receipt r;
	struct escpos_options o = { escpos_profile("58mm"), 0, 0, 0 };
	struct strbuf out = STRBUF_INIT;
	struct escpos_doc d;
	char line[32];
	long cp;
	int n = 0;

	(void)state;
	for (cp = 0x4e00; cp < 0x9fa5; cp++) {
		unsigned char b[2];
		int replaced;

		if (gb_encode_cp(cp, b, &replaced) == 2 && b[1] == 0x9b)
			break;
	}
	assert_true(cp < 0x9fa5);
	n = u8_encode(cp, line);
	memcpy(line + n, "4i", 3);
	memset(&r, 0, sizeof(r));
	r.lines = calloc(1, sizeof(*r.lines));
	r.lines[0].text = strdup(line);
	r.n = 1;
	escpos_render(&r, &o, &out, NULL);
	assert_int_equal(printer_terminal_check(out.buf, out.len, NULL), 0);
	assert_int_equal(escpos_parse((const unsigned char *)out.buf, out.len, &d), 0);
	assert_string_equal(d.lines[0].text, line);
	escpos_doc_release(&d);
	strbuf_release(&out);
	receipt_release(&r);
}

/* Unprintable characters are counted, named, and come out as markers. */
static void test_unprintable_warned(void **state)
{
	struct receipt r;
	struct escpos_options o = { escpos_profile("58mm"), 0, 0, 0 };
	struct strbuf out = STRBUF_INIT, bad = STRBUF_INIT;
	struct escpos_doc d;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.lines = calloc(2, sizeof(*r.lines));
	r.lines[0].text = strdup("选民：王𠮷");
	r.lines[1].text = strdup("𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷");	/* 17 wide: wraps */
	r.n = 2;
	assert_int_equal(escpos_render(&r, &o, &out, &bad), 18);
	assert_string_equal(bad.buf, "𠮷");
	assert_int_equal(escpos_parse((const unsigned char *)out.buf, out.len, &d), 0);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.lines[0].text, "选民：王□");
	assert_int_equal(d.lines[1].cols, 32);
	assert_int_equal(d.lines[2].cols, 2);
	escpos_doc_release(&d);
	strbuf_release(&out);
	strbuf_release(&bad);
	receipt_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gb_roundtrip),
		cmocka_unit_test(test_gb_markers),
		cmocka_unit_test(test_gb_columns),
		cmocka_unit_test_setup_teardown(test_layout_58_80, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_uses_printer_widths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_native_qr_no_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stub_tear_line, setup, teardown),
		cmocka_unit_test(test_no_stop_sequence_in_text),
		cmocka_unit_test(test_unprintable_warned),
	};

	unit_init();
	return cmocka_run_group_tests_name("escpos", tests, NULL, NULL);
}
