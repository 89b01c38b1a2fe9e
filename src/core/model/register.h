/*
 * register.h — the register of voters received (代表接待选民登记簿) for a
 * month or any period, in its two versions.
 *
 * Columns: 编号, 日期, 接待代表, 选民, 联系方式, 反映问题, 类别, 交办单位,
 * 办结时限, 答复方式, 答复时间, 满意度, 销号时间.
 *
 *  - The public version (公示), posted on the wall each month, masks the
 *    voter's name (张*明) and phone (138****8000), leaves out the address, and
 *    leaves out void tickets (mistaken entries).  The issue is printed as the
 *    voter said it: whoever records it must not write other people's names
 *    or numbers into it.
 *  - The internal version shows the full name, the phone and address, and
 *    the void tickets too (销号时间 then says 作废 and why): every ledger
 *    number of the period is there.  Only staff and the station head may see
 *    it (STEP_REGISTER_INTERNAL in ledger.h).
 *
 * Rows are tickets whose intake date falls in the period, in ledger order
 * (station, year, number).  Dates are YYYY-MM-DD.
 *
 * The public register is one sheet whoever prints it — a deputy, staff or
 * the head: its rows are read from the ledger alone (store_read_public()),
 * never as the person printing may see them, and masked here by one rule.
 */
#ifndef JIEDAI_REGISTER_H
#define JIEDAI_REGISTER_H

#include "sheet.h"

struct strbuf;
struct ticket;

enum register_col {
	REG_NUMBER, REG_DATE, REG_DEPUTY, REG_VOTER, REG_CONTACT, REG_ISSUE, REG_CATEGORY,
	REG_UNIT, REG_DUE, REG_METHOD, REG_ANSWERED, REG_RATING, REG_CLOSED, REG_NCOLS
};

struct register_row {
	char *cell[REG_NCOLS];
};

/* The columns, titles translated (for a sheet_spec); static. */
const struct sheet_column *register_columns(void);
/* Fill row from t: public (masked) or internal.  Release with register_row_release(). */
void register_row_fill(struct register_row *row, const struct ticket *t, int internal);
void register_row_release(struct register_row *row);

/*
 * One ticket as a block of lines for a terminal or the screen, at most
 * width columns each, labels from the column titles, a blank line after.
 */
void register_text_block(struct strbuf *sb, const struct register_row *row, int width);

/* "STATION Register of voters received (public)" and the like.  Caller frees. */
char *register_title(const char *station_name, int internal);

/*
 * A register written as it is read — by `jiedai register` and by the
 * year's archive, the one writer of both: the title and the period (as of
 * today) first, a row per ticket (register_writer_row() is the callback
 * for store_register_list() and hub_register_list()), then at the foot
 * the ledger's check code ("台账校验码 …"; the last row in CSV and XLSX).
 * Text is a block of lines per ticket (register_text_block()) width
 * columns wide; CSV and XLSX a table (sheet.h; XLSX needs out opened with
 * OUTFILE_NAMED).
 */
enum register_format { REGISTER_TEXT, REGISTER_CSV, REGISTER_XLSX };
struct outfile;
struct register_writer {
	enum register_format format;
	int internal;		/* full names, phones and addresses */
	int masked;		/* the rows come masked already (from the hub) */
	int width;		/* text */
	struct outfile *out;
	struct sheet *sheet;	/* CSV, XLSX */
	struct sheet_spec spec;
	char *title, *subtitle;
	long rows;
};
/* Start: the title of station_name's register for from..to.  0, or -1 with a message. */
int register_writer_open(struct register_writer *w, enum register_format f, struct outfile *out,
			 const char *station_name, const char *from, const char *to, int internal, int width);
/* One ticket (arg is the writer): 0, or -1 with a message. */
int register_writer_row(const struct ticket *t, void *arg);
/*
 * Finish: with ok, "no voters" in text when there was no row, and the foot
 * with anchor (NULL: no foot, as for a county register from the hub).
 * Without ok, only free (the caller aborts out).  0, or -1 with a message.
 */
int register_writer_close(struct register_writer *w, const char *anchor, int ok);

#endif
