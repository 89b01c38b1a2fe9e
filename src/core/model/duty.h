/*
 * duty.h — the deputies' duty record (代表履职登记, 履职情况记实表): per
 * deputy, for a year or any period, what the station's ledger says the
 * deputy did, for the deputy's annual report (述职) and 履职评价.
 *
 * This is the one place the record's figures are defined; README.md
 * repeats it for stations, and store_duty_load() (store-duty.c) counts by
 * it.  The period is intake dates from..to, both included, as for the
 * statistics (report.h); what happened to a ticket later counts as it
 * stands today ("as of").  Void tickets count nowhere.
 *
 *  - The deputy's tickets (接待的意见建议): the tickets of the period whose
 *    receiving deputy (接待代表) is the deputy — the report's by-deputy
 *    group.  Every figure below but the days is counted over them, and is
 *    the report's by-deputy figure of the same period, taken from the
 *    report itself (store_report_load()), never counted a second way:
 *    voters received (接待选民: distinct voters), issues registered (登记意
 *    见建议), answered, resolved (满意 or 基本满意, not sent back since),
 *    rated with 满意 / 基本满意 / 不满意 (the latest rating), satisfaction,
 *    overdue now.
 *  - Days attended (参加接待选民日): the reception days dated in the period
 *    on whose list of deputies present the deputy is (day open, or 6 then 3
 *    on the screen, or a 补录 day's list) — the report's days per deputy —
 *    each listed with its date.  Being on the list is what counts: a
 *    deputy present who received nobody attended.
 *  - Followed through to 销号 (跟进到销号): the tickets the deputy follows
 *    through that are signed off (已销号) now, with the rating each was
 *    signed off with (满意 or 基本满意: an item is signed off only after one
 *    of those).  The tickets a deputy follows through are the deputy's
 *    tickets as above (the receiving deputy) and those the deputy is the
 *    follow-up deputy (跟进代表) of now — an item received by one deputy and
 *    followed up by another counts for both; the store keeps that rule in
 *    one SQL fragment (DUTY_FOLLOWS in store-duty.c).
 *
 * No voter's personal data is in a duty record: counts and dates only.
 * Every role may read every deputy's record, as every role reads the
 * statistics by deputy that hold the same figures.
 */
#ifndef JIEDAI_DUTY_H
#define JIEDAI_DUTY_H

#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "report.h"

struct duty_day {
	char *date;		/* YYYY-MM-DD */
	char *station;		/* the day's station code */
};

struct duty_deputy {
	char *name;
	struct report_row fig;	/* the report's by-deputy row (fig.key is the name) */
	int64_t signed_off;	/* followed through to 销号 */
	int64_t signed_good, signed_fair;	/* of those, signed off as 满意, 基本满意 */
	struct duty_day *days;	/* the days attended, by date */
	size_t ndays;
};

struct duty {
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN], today[CLOCK_DATE_LEN];
	char *station_name;
	char anchor[15];	/* the ledger's check code when the figures were read */
	int64_t events;		/* records in the ledger's history then */
	struct duty_deputy *dep;	/* by name */
	size_t n;
};

void duty_release(struct duty *d);

/* The year of a period that is one whole calendar year, or 0. */
int duty_whole_year(const struct duty *d);

#endif
