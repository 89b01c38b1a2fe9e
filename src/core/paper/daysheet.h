/*
 * daysheet.h — the day's list (当日接待登记表): every ticket taken on one
 * reception day, as a paper (paper.h) the station prints when it closes
 * the day, on the receipt printer or as A4 text or XLSX.
 *
 * Rows come in the order voters were received (第N位, then ledger order),
 * with the ledger number, the voter's name masked as on the public
 * register (张*明; register.h), the category, the issue in short and the
 * status now.  The head names the station, the date, the place and the
 * deputies present; the foot counts voters and issues and carries the
 * ledger's check code (台账校验码, store_anchor()) as it stands when the
 * paper is made, so a paper copy pins the state of the ledger: `jiedai
 * check --anchor CODE` tells later whether the ledger still holds it.
 * It is one sheet whoever makes it: the rows are read from the ledger
 * alone (store_read_public()), never as the person closing the day may
 * see them.
 */
#ifndef JIEDAI_DAYSHEET_H
#define JIEDAI_DAYSHEET_H

#include "paper.h"

struct store;

/*
 * The list of the day held on date by this station (NULL: the open day).
 * STORE_OK with *p filled (paper_release), STORE_NOTFOUND with a message
 * when there is no such day, STORE_IO.
 */
int daysheet_build(struct store *s, const char *date, struct paper *p);

#endif
