/*
 * cmd.c — the table of subcommands and what they share: preparing the
 * ledger and forms, usage messages, output formats, and running a step.
 */
#include "cmd.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "ledger.h"
#include "lookup.h"
#include "outfile.h"
#include "paper.h"
#include "paths.h"
#include "priv.h"
#include "printjob.h"
#include "strbuf.h"
#include "textout.h"
#include "validate.h"
#include "workdays.h"
#include "xmalloc.h"

static const struct cmd commands[] = {
	{ "help", cmd_help, 0, N_("show help for jiedai or a command"),
	  N_("jiedai help [COMMAND]") },
	{ "version", cmd_version, 0, N_("show the version"), N_("jiedai version") },
	{ "ui", cmd_ui, CMD_STORE | CMD_FORMS | CMD_CREATE, N_("open the reception-day screen (the default)"),
	  N_("jiedai [ui]") },
	{ "init", cmd_init, 0, N_("create the ledger or change the station's name and code"),
	  N_("jiedai init [--station-code CODE] [--station-name NAME] [--station-phone PHONE]\n"
	     "jiedai init --shared DIR [...]   (as root, on a box several deputies use)\n"
	     "  Creates the ledger database if it does not exist and sets the station.\n"
	     "  --shared DIR          make the group jiedai, DIR (mode 2770) with the ledger in it,\n"
	     "                        and /etc/jiedai.conf pointing every user there\n"
	     "  --station-code CODE   letters at the start of ledger numbers, e.g. LJ\n"
	     "  --station-name NAME   printed on receipts and registers\n"
	     "  --station-phone PHONE printed on receipts") },
	{ "config", cmd_config, CMD_STORE, N_("show or change station settings"),
	  N_("jiedai config [KEY [VALUE]]\n"
	     "  Without arguments, lists every setting with its value and meaning.\n"
	     "  With KEY, prints its value; with KEY VALUE, sets it.") },
	{ "day", cmd_day, CMD_STORE, N_("open, close or show the reception day"),
	  N_("jiedai day open [--date DATE] [--deputies A,B] [--place PLACE]\n"
	     "jiedai day close [--date DATE] [--format text|escpos|xlsx] [-o FILE]\n"
	     "jiedai day close [--date DATE] --print [--to DEST] [--profile 58mm|80mm]\n"
	     "jiedai day show [DATE]\n"
	     "  A reception day (接待选民日) has a date, a place and the deputies present.\n"
	     "  Tickets taken while it is open count in it, with the voter's position (第N位).\n"
	     "  day open on the open day adds deputies.  An earlier --date enters that day\n"
	     "  closed, for its paper records (补录: jiedai add --day DATE).\n"
	     "  Closing puts out the day's list (当日接待登记表): each voter's 第N位, name masked,\n"
	     "  category, issue in short and status, the counts and the ledger's check code;\n"
	     "  A4 text on standard output by default, --print on the receipt printer.  A day\n"
	     "  closed already is not closed again: its list comes out once more.") },
	{ "add", cmd_add, CMD_STORE | CMD_FORMS, N_("register a voter's issue; prints the new ledger number"),
	  N_("jiedai add --name NAME --category CATEGORY --issue TEXT [--phone PHONE]\n"
	     "           [--address ADDRESS] [--deputy NAME] [--day DATE] [--field ID=VALUE ...]\n"
	     "           [--on-the-spot TEXT [--method METHOD] [--rating RATING]]\n"
	     "  Prints the new ledger number alone on standard output.\n"
	     "  --deputy NAME        who received the voter: one of the deputies present that day\n"
	     "  --day DATE           a paper record of an earlier reception day (补录); enter the\n"
	     "                       day first with jiedai day open --date DATE\n"
	     "  --field ID=VALUE     a field of the station's own in forms/intake.form\n"
	     "  --on-the-spot TEXT   answered on the spot (现场答复): the ticket is answered at once\n"
	     "  --method METHOD      how it was answered on the spot (default 当面)\n"
	     "  --rating RATING      the voter's rating on the spot: 满意, 基本满意 or 不满意") },
	{ "list", cmd_list, CMD_STORE, N_("list tickets"),
	  N_("jiedai list [--status STATUS] [--category C] [--overdue] [--open] [--day DATE]\n"
	     "            [--month YYYY-MM] [--from DATE --to DATE] [--search WORDS]\n"
	     "            [--unit UNIT] [--station CODE]\n"
	     "            [--sort number|newest|due] [--limit N] [--format table|tsv|json]\n"
	     "  STATUS is registered, assigned, answered, ready, closed or void.\n"
	     "  --unit UNIT      the unit's items (any name the unit directory gives it); without\n"
	     "                   --status, those in hand (已交办), soonest deadline first, with the\n"
	     "                   days each is overdue\n"
	     "  --station CODE   one station's tickets (a county ledger)\n"
	     "  TSV has a header row and the ledger number in the first column.") },
	{ "search", cmd_search, CMD_STORE, N_("find tickets by number, name, phone, issue or address"),
	  N_("jiedai search QUERY... [--station CODE] [--format table|tsv|json] [--limit N | --all]\n"
	     "  Every ticket that contains all the words (in its number, name, phone, issue\n"
	     "  or address), newest first.  Dashes in phone numbers do not matter, nor the\n"
	     "  case of letters.  --station: one station's tickets (a county ledger).\n"
	     "  The first 200 unless --limit N or --all (every one, for scripts); when more\n"
	     "  match, standard error says how many.\n"
	     "  TSV has a header row and the ledger number first.") },
	{ "show", cmd_show, CMD_STORE | CMD_FORMS, N_("show a ticket with its whole history"),
	  N_("jiedai show NUMBER|SCANNED-RECEIPT [--format text|json]\n"
	     "  A scanned receipt (JD:NUMBER:CHECK, or the station's qr_url) opens its ticket\n"
	     "  only when the check code matches.") },
	{ "print", cmd_print, CMD_STORE, N_("print a ticket's receipt, or a test page"),
	  N_("jiedai print NUMBER [--to DEST] [--profile 58mm|80mm] [--stub|--no-stub]\n"
	     "                    [--qr raster|native] [--format escpos|text] [--cut|--no-cut]\n"
	     "jiedai print --test [--to DEST] [--profile 58mm|80mm]\n"
	     "  DEST is a device or file path (/dev/usb/lp0, ./r.bin), tcp:HOST[:PORT] (port 9100\n"
	     "  by default), lp:QUEUE (CUPS) or terminal (the printer of your SSH terminal).\n"
	     "  NUMBER may also be a scanned receipt (JD:NUMBER:CHECK) with a matching check code.\n"
	     "  Without --to, the print_dest setting.  The first print is recorded as printed,\n"
	     "  later ones as reprints and marked 补打 on the paper.  A failed print records\n"
	     "  nothing.") },
	{ "receipt", cmd_receipt, CMD_STORE, N_("write a ticket's receipt as text, ESC/POS or a QR image"),
	  N_("jiedai receipt NUMBER [--format text|escpos|pbm|png] [--profile 58mm|80mm]\n"
	     "                      [--stub|--no-stub] [--qr raster|native] [--no-cut] [-o FILE]\n"
	     "  Standard output without -o (binary formats only to a file or a pipe).\n"
	     "  Without --format, FILE's extension decides: .txt .bin .pbm .png.\n"
	     "  pbm and png hold the QR code alone.  Nothing is recorded: it is not a print.") },
	{ "lookup", cmd_lookup, CMD_STORE, N_("phone-in look-up: how an item is going, for its voter"),
	  N_("jiedai lookup NUMBER --phone4 DIGITS\n"
	     "jiedai lookup NUMBER --check CODE\n"
	     "jiedai lookup SCANNED-RECEIPT\n"
	     "  With the last four digits of the voter's phone or the receipt's check code,\n"
	     "  shows the item's status and progress; a number alone shows nothing.") },
	{ "handover", cmd_handover, CMD_STORE | CMD_FORMS, N_("hand a ticket to a unit with a deadline (交办)"),
	  N_("jiedai handover NUMBER --to UNIT (--days N | --due DATE) [--note TEXT]") },
	{ "answer", cmd_answer, CMD_STORE | CMD_FORMS, N_("record the answer given to the voter (答复)"),
	  N_("jiedai answer NUMBER --method METHOD --text TEXT [--date DATE]\n"
	     "  METHOD is one of the answer form's choices: 入户回访, 电话, 书面答复, 当面") },
	{ "rate", cmd_rate, CMD_STORE | CMD_FORMS, N_("record the voter's rating (评价)"),
	  N_("jiedai rate NUMBER 满意|基本满意|不满意 [--note TEXT]\n"
	     "  不满意 sends the ticket back to its unit to be handled again (重新办理).") },
	{ "signoff", cmd_signoff, CMD_STORE | CMD_FORMS, N_("sign tickets off the ledger (销号)"),
	  N_("jiedai signoff NUMBER... [--note TEXT]\n"
	     "  Several numbers sign several tickets off, each its own step: one that cannot\n"
	     "  be signed off is named with the reason, and the others go on.") },
	{ "reopen", cmd_reopen, CMD_STORE | CMD_FORMS, N_("send an answered or signed-off ticket back for handling"),
	  N_("jiedai reopen NUMBER --reason TEXT") },
	{ "void", cmd_void, CMD_STORE | CMD_FORMS, N_("void a mistaken ticket, with a reason (作废)"),
	  N_("jiedai void NUMBER --reason TEXT\n"
	     "  Nothing is ever deleted: the ticket keeps its number and history.") },
	{ "follow", cmd_follow, CMD_STORE, N_("give a ticket to a deputy to follow up (跟进代表), or take it back"),
	  N_("jiedai follow NUMBER --deputy NAME\n"
	     "jiedai follow NUMBER --clear\n"
	     "  The follow-up deputy sees the ticket's voter in full, like the deputy who\n"
	     "  received them; no other deputy does (printing, answering or rating an item\n"
	     "  shows its voter to nobody).  --deputy again moves it to another deputy;\n"
	     "  --clear takes it back.  Staff and head only.") },
	{ "correct", cmd_correct, CMD_STORE | CMD_FORMS, N_("correct what was mistyped in a saved ticket (更正)"),
	  N_("jiedai correct NUMBER [--name NAME] [--phone PHONE] [--address ADDRESS]\n"
	     "                      [--category CATEGORY] [--issue TEXT] [--deputy NAME]\n"
	     "                      [--field ID=VALUE ...]\n"
	     "  Only the fields given change, checked as add checks them; --phone '' and\n"
	     "  --address '' clear one, --field ID= a station field.  The number and history\n"
	     "  stay, and the old and new values are kept in the history.  A deputy corrects\n"
	     "  only the tickets they registered, on the same day; staff and the head any.") },
	{ "queue", cmd_queue, CMD_STORE, N_("the sign-off queue (待销号), then overdue tickets"),
	  N_("jiedai queue [--format table|tsv|json]") },
	{ "gen", cmd_gen, CMD_STORE | CMD_FORMS | CMD_CREATE, N_("add made-up tickets, for training and tests"),
	  N_("jiedai gen N [--seed S] [--years Y] [--station CODE]\n"
	     "  Adds N made-up tickets (invented voters, phones and villages, issues of the\n"
	     "  form's categories, every step of the life cycle) spread over the reception\n"
	     "  days of the last Y years (default 3) of a county's stations.  The same seed\n"
	     "  (default 1) gives the same ledger.  Only for a practice or test ledger:\n"
	     "  never run it on a station's real ledger.\n"
	     "  --station CODE   one station's ledger: every ticket under CODE, which becomes\n"
	     "                   the ledger's station code") },
	{ "form-check", cmd_form_check, 0, N_("check a form file and report errors with line numbers"),
	  N_("jiedai form-check FILE...") },
	{ "calendar-check", cmd_calendar_check, 0,
	  N_("check the calendar of public holidays and make-up working days"),
	  N_("jiedai calendar-check [FILE...]\n"
	     "  Reports every mistake with its line number, and the years the calendar covers.\n"
	     "  Without FILE, the calendar jiedai uses (calendar.txt beside the forms).") },
	{ "user", cmd_user, CMD_STORE, N_("map Unix logins to deputies and roles"),
	  N_("jiedai user add LOGIN --deputy NAME [--role deputy|staff|head]\n"
	     "jiedai user add LOGIN --shared\n"
	     "jiedai user list\n"
	     "  deputy: records, answers and rates; staff: also hands over and reopens;\n"
	     "  head: also signs off (销号) and voids.  --shared marks a login that several\n"
	     "  people use: the screen asks who is working.  As root on a shared box, the\n"
	     "  login is also added to the group jiedai.") },
	{ "unit", cmd_unit, CMD_STORE, N_("the directory of units items are handed to (承办单位)"),
	  N_("jiedai unit add NAME [--contact PERSON] [--phone PHONE]\n"
	     "jiedai unit list [--all] [--format table|tsv|json]\n"
	     "jiedai unit rename NAME NEW-NAME\n"
	     "jiedai unit merge NAME --into OTHER\n"
	     "  add      a unit, or its contact person and phone when it is there already\n"
	     "  list     the units, with the items each has in hand and how many are overdue;\n"
	     "           --all also lists units merged into others\n"
	     "  rename   the old name stays one of its names: tickets recorded with it count for it\n"
	     "  merge    two spellings of one unit (水利站 into 镇水利站) become one; tickets keep\n"
	     "           what they recorded, lists and figures count them for OTHER\n"
	     "  A handover to a unit not in the directory adds it. Staff and head only.") },
	{ "chase", cmd_chase, CMD_STORE, N_("a unit's chase slip (督办单): its overdue items, on paper or in a file"),
	  N_("jiedai chase UNIT [--format text|escpos|xlsx] [-o FILE]\n"
	     "jiedai chase UNIT --print [--to DEST] [--profile 58mm|80mm]\n"
	     "  The unit's items past their deadline, soonest first, with the days each is\n"
	     "  overdue, its contact person and phone, and lines to sign.  A4 text by default\n"
	     "  (on standard output without -o); escpos is for a receipt printer, xlsx for A4.\n"
	     "  --print sends it to the receipt printer (print_dest, or --to DEST).\n"
	     "  Each item on the slip gets 督办 in its history.  Staff and head only.") },
	{ "backup", cmd_backup, CMD_STORE, N_("copy the ledger to a new file while others keep working"),
	  N_("jiedai backup DEST\n"
	     "  DEST must not exist yet; the copy is checked after it is made.") },
	{ "check", cmd_check, CMD_STORE | CMD_CHECK, N_("check that the ledger is sound"),
	  N_("jiedai check [--anchor CODE] [--hub [URL]]\n"
	     "  The history's seals, every ticket, day, setting and login against its history,\n"
	     "  and every step against the rights its person had when it was taken.\n"
	     "  --anchor CODE   does the ledger still hold the state a paper with this code pinned?\n"
	     "  --hub [URL]     is the history still the copy the county's hub holds (hub_url by\n"
	     "                  default)?  Names the first record that differs, and records the\n"
	     "                  ledger no longer has.\n"
	     "  On a damaged ledger: what is damaged, how many tickets can still be read, and\n"
	     "  the commands that recover them into a new ledger.") },
	{ "recover", cmd_recover, CMD_STORE | CMD_CREATE,
	  N_("make a new ledger of what a damaged one still holds"),
	  N_("jiedai --db NEW.db recover DAMAGED.db\n"
	     "  NEW.db must not exist yet; DAMAGED.db is only read (it may also be a copy made\n"
	     "  by sqlite3's .recover).  Tickets come back with their history where it can be\n"
	     "  read, else with their row and the part of their history that can; a number\n"
	     "  whose ticket was lost is kept, void, saying so.  The administrator only.") },
	{ "register", cmd_register, CMD_STORE | CMD_HUB_ALONE, N_("the register of voters received for a month (公示 or internal)"),
	  N_("jiedai register [--month YYYY-MM | --from DATE --to DATE] [--internal]\n"
	     "                [--station CODE] [--format text|csv|xlsx] [-o FILE] [--hub URL]\n"
	     "  The public register (公示) masks voters' names and phones and leaves out void tickets.\n"
	     "  --internal   full names, phones and addresses, void tickets too (staff and head only)\n"
	     "  --station    one station's tickets (a county ledger)\n"
	     "  -o FILE      write to FILE (needed for xlsx on a terminal)\n"
	     "  --hub URL    the public register of every station at the county's hub (or one)\n"
	     "  Without a period: this month.") },
	{ "report", cmd_report, CMD_STORE | CMD_HUB_ALONE, N_("statistics for a month or period: overall, by category, deputy, day, unit"),
	  N_("jiedai report [--month YYYY-MM | --from DATE --to DATE] [--station CODE]\n"
	     "              [--format text|csv|json] [-o FILE] [--hub URL]\n"
	     "  Counts the issues registered in the period (void ones not counted), as they stand today:\n"
	     "  overall, by category, deputy, reception day, station and unit (承办单位).\n"
	     "  --station CODE   one station of a county ledger (or of the hub) alone\n"
	     "  --hub URL        the county's figures, computed at its hub over every station\n"
	     "  Without a period: this month.") },
	{ "duty", cmd_duty, CMD_STORE, N_("the deputies' duty record (代表履职登记) for a year, a page per deputy"),
	  N_("jiedai duty [--year YYYY | --from DATE --to DATE] [--deputy NAME]\n"
	     "           [--format text|csv|xlsx] [-o FILE]\n"
	     "jiedai duty [--year YYYY] [--deputy NAME] --print [--profile 58mm|80mm]\n"
	     "  Per deputy: the reception days attended (with their dates), voters received,\n"
	     "  issues registered, answered, resolved, followed through to 销号 and the voters'\n"
	     "  ratings; the figures are those of `jiedai report` by deputy for the same period.\n"
	     "  Text: one A4 page per deputy (a form feed between); xlsx: a sheet per deputy;\n"
	     "  csv: a row per deputy.  The format follows -o FILE's extension.  Without a\n"
	     "  period: this year.  Without --deputy: every deputy with something in the period.\n"
	     "  --print sends each page to the receipt printer.  No voter's personal data.") },
	{ "archive", cmd_archive, 0, N_("the year's archive (资料归档) in a new folder, or check one"),
	  N_("jiedai archive --year YYYY -o FOLDER\n"
	     "jiedai archive --verify FOLDER\n"
	     "  Writes into FOLDER (new, or empty): every month's public and internal register,\n"
	     "  every reception day's list, every chase slip made in the year, the year's\n"
	     "  statistics and duty records (XLSX and text), the whole ledger as JSON Lines, and\n"
	     "  index.txt and index.xlsx with each file's SHA-256 and the ledger's check code.\n"
	     "  It holds voters' personal data: staff and head only, recorded in the ledger;\n"
	     "  the folder is 0700, the personal files 0600.  A folder with files is refused.\n"
	     "  --verify: every file listed is there with its SHA-256, and nothing else (an\n"
	     "  extra file is named, not touched); exit 1 names each problem.  No ledger needed.") },
	{ "export", cmd_export, CMD_STORE, N_("export the whole ledger: csv, xlsx, jsonl (lossless) or open311"),
	  N_("jiedai export --format csv|xlsx|jsonl|open311 [-o FILE]\n"
	     "  jsonl is the whole ledger, lossless, for backups and the county roll-up (jiedai import).\n"
	     "  open311 (GeoReport v2) carries no names or phone numbers; the others are for staff and head.") },
	{ "import", cmd_import, CMD_STORE, N_("merge another station's jsonl export into this ledger (county roll-up)"),
	  N_("jiedai import FILE.jsonl\n"
	     "  All or nothing: a damaged line is reported with its number and nothing is imported.\n"
	     "  Importing the same file again changes nothing. Staff and head only.") },
	{ "hub", cmd_hub, 0, N_("make the county's hub in a PostgreSQL database, bind stations to logins (for the county)"),
	  N_("jiedai hub init URL [--name NAME] [--practice]\n"
	     "jiedai hub station add CODE --login LOGIN [--name NAME] --hub URL\n"
	     "jiedai hub station rebind CODE --login LOGIN [--note TEXT] --hub URL\n"
	     "jiedai hub station list --hub URL\n"
	     "  init makes (or upgrades) the hub's schema in the PostgreSQL database at URL, owned by\n"
	     "  the role jiedai_owner, and the roles jiedai_station (stations push) and jiedai_reader\n"
	     "  (county readers).  Run it as the database's superuser.  --practice: a hub for\n"
	     "  practice ledgers only (jiedai gen).\n"
	     "  station add binds a station code to the login that alone may push it; rebind moves\n"
	     "  it to another login (a replaced laptop, a leaked password), recorded at the hub.\n"
	     "  The password comes from ~/.pgpass or a service file, never from URL.") },
	{ "push", cmd_push, CMD_STORE, N_("send the ledger to the county's hub (PostgreSQL)"),
	  N_("jiedai push [URL] [--from FILE.jsonl]\n"
	     "  Sends every record the hub does not hold yet, in one transaction: all or nothing.\n"
	     "  Without URL, the station's hub (the setting hub_url).  Personal data goes as the\n"
	     "  setting hub_personal says (masked by default).  --from: an export (jsonl) carried\n"
	     "  from a station without a network.  Staff and head only.") },
	{ NULL, NULL, 0, NULL, NULL },
};

const struct cmd *cmd_table(void)
{
	return commands;
}

const struct cmd *cmd_find(const char *name)
{
	for (const struct cmd *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void cmd_print_usage(const struct cmd *c, FILE *f)
{
	fprintf(f, "%s\n", _(c->usage));
}

int cmd_bad_option(const struct cmd *c, int opt, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";

	if (opt == ':')
		return cmd_usage_error(c, _("option '%s' needs a value"), arg);
	return cmd_usage_error(c, _("unknown option '%s'"), arg);
}

int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error("%s", msg);
	textout_printf(stderr, _("usage: %s\n"), _(c->usage));
	return EXIT_USAGE;
}

/*
 * A progress bar on stderr when it is a terminal; nothing otherwise, so
 * scripts and logs stay clean.  Work of unknown length (total 0) shows the
 * seconds it has taken so far, until its last call (done == total) draws
 * the full bar.
 */
void cmd_progress(const char *what, int64_t done, int64_t total)
{
	static int shown = -1;
	static char *since_what;
	static long since_ms;
	const int width = 30;
	int pct, fill;

	if (!isatty(STDERR_FILENO) || total < 0)
		return;
	if (total == 0) {
		struct timespec ts;
		long now_ms;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		now_ms = ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
		if (!since_what || strcmp(since_what, what)) {
			free(since_what);
			since_what = xstrdup(what);
			since_ms = now_ms;
			shown = -1;
		}
		if ((int)((now_ms - since_ms) / 1000) == shown)
			return;
		shown = (int)((now_ms - since_ms) / 1000);
		fputc('\r', stderr);
		/* TRANSLATORS: work under way, and the seconds it has taken so far */
		textout_printf(stderr, _("%s ... %ds"), what, shown);
		fflush(stderr);
		return;
	}
	free(since_what);
	since_what = NULL;
	pct = (int)(done * 100 / total);
	if (pct == shown && done < total)
		return;
	shown = pct;
	fill = (int)(done * width / total);
	fprintf(stderr, "\r%s [", what);
	for (int i = 0; i < width; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%%", pct);
	if (done >= total) {
		fputc('\n', stderr);
		shown = -1;
	}
	fflush(stderr);
}

int cmd_prepare(struct jd *jd, const struct cmd *c)
{
	jd->cmd = c;
	return cmd_open_ledger(jd, c->flags);
}

int cmd_open_ledger(struct jd *jd, unsigned flags)
{
	const char *source = NULL;
	int r, admin;

	if (!(flags & CMD_STORE) || jd->hub_alone)
		return 0;
	store_set_progress(cmd_progress);
	jd->db_path = paths_db(jd->db_opt, &source);
	if (!jd->db_path)
		return EXIT_USAGE;
	/*
	 * Set-ID, only the administrator's ledger is opened with the group
	 * jiedai; any other file is the person's own, opened with their rights
	 * alone (priv.h).
	 */
	admin = paths_is_admin_ledger(jd->db_path);
	if (priv_setid() && !admin)
		priv_drop();
	if (admin)
		priv_raise();
	/*
	 * Only the per-user default is created silently (an empty file there is
	 * a first use cut short); elsewhere a typo must not make a new ledger,
	 * nor an existing file that is not one become one.
	 */
	r = store_open(jd->db_path,
		       (!strcmp(source, "XDG") ? STORE_CREATE | STORE_INIT :
			(flags & CMD_CREATE) ? STORE_CREATE : 0) | ((flags & CMD_CHECK) ? STORE_CHECK : 0),
		       &jd->store);
	if (admin)
		priv_lower();
	if (r != STORE_OK)
		return store_exit_code(r == STORE_NOTFOUND ? STORE_IO : r);
	{
		char *lang = store_setting(jd->store, "language");

		i18n_set_language(lang);
		free(lang);
	}
	store_set_calendar(jd->store, jd_calendar(jd));
	if (identity_resolve(jd->store, jd->as_opt, &jd->me) < 0)
		return EXIT_REFUSED;
	if (!jd->me.known) {
		error(_("the login '%s' is not set up for the ledger %s; ask the administrator to run: sudo jiedai user add %s --deputy NAME"),
		      jd->me.login, jd->db_path, jd->me.login);
		return EXIT_REFUSED;
	}
	if (flags & CMD_FORMS) {
		struct strbuf errs = STRBUF_INIT;
		char *setting = store_setting(jd->store, "forms_dir");
		char *dir;

		if (jd->forms_opt && priv_setid() && admin) {
			free(setting);
			error(_("--forms cannot be used with the shared ledger: it is checked against the station's forms (set by the administrator)"));
			return EXIT_USAGE;
		}
		dir = paths_forms_dir(jd->forms_opt, setting);
		free(setting);
		if (forms_load(&jd->forms, dir, &errs) < 0) {
			fputs(errs.buf, stderr);
			error(_("the form files in '%s' have errors (listed above); jiedai will not start until they are fixed"),
			      dir);
			strbuf_release(&errs);
			free(dir);
			return EXIT_REFUSED;
		}
		free(dir);
	}
	return 0;
}

void cmd_cleanup(struct jd *jd)
{
	calendar_free(jd->calendar);
	jd->calendar = NULL;
	jd->calendar_read = 0;
	forms_release(&jd->forms);
	identity_release(&jd->me);
	store_close(jd->store);
	jd->store = NULL;
	free(jd->db_path);
	jd->db_path = NULL;
}

struct actor cmd_actor(struct jd *jd)
{
	return identity_actor(&jd->me);
}

int cmd_period(struct jd *jd, const char *month, const char *from_opt, const char *to_opt,
	       char from[11], char to[11])
{
	char today[CLOCK_DATE_LEN], m[8];

	if (month && (from_opt || to_opt))
		return cmd_usage_error(jd->cmd, _("give either --month or --from and --to, not both"));
	if (!month && !from_opt && !to_opt) {
		clock_today(today);
		snprintf(m, sizeof(m), "%.7s", today);
		month = m;
	}
	if (month) {
		if (clock_month_range(month, from, to) < 0)
			return cmd_usage_error(jd->cmd, _("'%s' is not a month; use 2026-03"), month);
		return 0;
	}
	if (!from_opt || !to_opt)
		return cmd_usage_error(jd->cmd, _("give both --from and --to"));
	if (clock_parse_date(from_opt, from) < 0)
		return cmd_usage_error(jd->cmd, _("'%s' is not a date; use 2026-03-10"), from_opt);
	if (clock_parse_date(to_opt, to) < 0)
		return cmd_usage_error(jd->cmd, _("'%s' is not a date; use 2026-03-10"), to_opt);
	if (strcmp(from, to) > 0)
		return cmd_usage_error(jd->cmd, _("the period ends (%s) before it begins (%s)"), to, from);
	return 0;
}

int cmd_parse_year(const char *s, int *year)
{
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 || atoi(s) < 1970)
		return -1;
	*year = atoi(s);
	return 0;
}

int cmd_output_saved(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (outfile_stdout_flush() == 0)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error("%s", msg);
	return EXIT_UNWRITTEN;
}

int cmd_parse_format(const char *s, enum out_format *f)
{
	if (!strcmp(s, "table") || !strcmp(s, "text"))
		*f = OUT_TABLE;
	else if (!strcmp(s, "tsv"))
		*f = OUT_TSV;
	else if (!strcmp(s, "json"))
		*f = OUT_JSON;
	else
		return -1;
	return 0;
}

static void json_field(struct strbuf *sb, const char *key, const char *val, int *first)
{
	if (!*first)
		strbuf_addch(sb, ',');
	*first = 0;
	strbuf_add_json(sb, key);
	strbuf_addch(sb, ':');
	if (val)
		strbuf_add_json(sb, val);
	else
		strbuf_adds(sb, "null");
}

void cmd_ticket_json(struct jd *jd, const struct ticket *t, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	(void)jd;
	cmd_ticket_json_buf(t, &sb);
	strbuf_addch(&sb, '}');
	fputs(sb.buf, f);
	strbuf_release(&sb);
}

void cmd_ticket_json_buf(const struct ticket *t, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	int first = 1;

	strbuf_addch(&sb, '{');
	json_field(&sb, "number", t->number, &first);
	json_field(&sb, "check_code", t->check_code, &first);
	json_field(&sb, "status", ticket_status_name(t->status), &first);
	strbuf_addf(&sb, ",\"overdue\":%s", t->overdue ? "true" : "false");
	json_field(&sb, "created_at", t->created_at, &first);
	json_field(&sb, "day", t->day_date, &first);
	strbuf_addf(&sb, ",\"position\":%d", t->position);
	json_field(&sb, "name", t->name, &first);
	json_field(&sb, "phone", t->phone, &first);
	json_field(&sb, "address", t->address, &first);
	json_field(&sb, "category", t->category, &first);
	json_field(&sb, "issue", t->issue, &first);
	json_field(&sb, "deputy", t->deputy, &first);
	json_field(&sb, "unit", t->unit, &first);
	json_field(&sb, "due_date", t->due_date, &first);
	json_field(&sb, "answer_method", t->answer_method, &first);
	json_field(&sb, "answer_date", t->answer_date, &first);
	json_field(&sb, "answer_text", t->answer_text, &first);
	json_field(&sb, "rating", t->rating, &first);
	json_field(&sb, "closed_at", t->closed_at, &first);
	json_field(&sb, "closed_by", t->closed_by, &first);
	json_field(&sb, "close_note", t->close_note, &first);
	json_field(&sb, "void_reason", t->void_reason, &first);
	json_field(&sb, "updated_at", t->updated_at, &first);
	json_field(&sb, "follow_deputy", t->follow_deputy ? t->follow_deputy : "", &first);
	strbuf_adds(&sb, ",\"extra\":");
	strbuf_add_json_raw(&sb, t->extra && *t->extra ? t->extra : "{}");
	strbuf_add(out, sb.buf, sb.len);
	strbuf_release(&sb);
}

int cmd_check_field(const struct form_spec *form, const char *id, const char *value, char **out)
{
	const struct form_field *f = formspec_field(form, id);
	char *msg = NULL;

	*out = NULL;
	if (!f) {
		/* The station removed an optional core field: accept it as plain text. */
		if (validate_text(value, 0, 500, out, &msg) == 0)
			return 0;
		error(_("%s: %s"), id, msg);
		free(msg);
		return EXIT_REFUSED;
	}
	if (validate_field(f, value, out, &msg) == 0)
		return 0;
	error(_("%s: %s"), formspec_label(f), msg);
	free(msg);
	return EXIT_REFUSED;
}

int cmd_apply(struct jd *jd, const struct ledger_step *st, struct ledger_result *out)
{
	int r = ledger_apply(jd->store, &jd->me, st, out);

	return store_exit_code(r);
}

int cmd_take(struct jd *jd, enum step_kind kind, const char *what)
{
	struct ledger_step st = { .kind = kind, .what = what };
	int r;

	if (ledger_may(jd->store, &jd->me, kind) < 0)
		return EXIT_REFUSED;
	r = ledger_apply(jd->store, &jd->me, &st, NULL);
	if (r == STORE_REFUSED || r == STORE_NOTFOUND)
		return EXIT_REFUSED;
	/* A full disk or a read-only copy: the person may take it; say it went unrecorded. */
	if (r != STORE_OK)
		warning(_("this could not be recorded in the ledger's history; it goes on all the same"));
	return 0;
}

int cmd_resolve_number(struct jd *jd, const char *typed, char **number)
{
	int r = lookup_resolve(jd->store, typed, number);

	if (r == LOOKUP_OK)
		return 0;
	return r == LOOKUP_IO ? EXIT_IO : EXIT_REFUSED;
}

int cmd_find_ticket(struct jd *jd, const char *typed, struct ticket *t)
{
	int r = lookup_ticket(jd->store, typed, t);

	if (r == LOOKUP_OK)
		return 0;
	return r == LOOKUP_IO ? EXIT_IO : EXIT_REFUSED;
}

int cmd_run_step(struct jd *jd, const char *number, struct ledger_step *st)
{
	struct ledger_result res;
	char *resolved = NULL;
	int r;

	if ((r = cmd_resolve_number(jd, number, &resolved)) != 0)
		return r;
	st->number = resolved;
	r = cmd_apply(jd, st, &res);
	st->number = NULL;
	free(resolved);
	if (r)
		return r;
	textout_printf(stdout, _("%s: %s (now: %s)\n"), res.ticket.number, step_label(st->kind),
	       ticket_status_label(res.ticket.status));
	r = cmd_output_saved(_("%s: %s is saved in the ledger, but this could not be written out; do not repeat it"),
			     res.ticket.number, step_label(st->kind));
	ledger_result_release(&res);
	return r;
}

int cmd_form_step(struct jd *jd, enum step_kind kind, const struct form_spec *form,
		  const char *const *ids, const char *const *vals, size_t n, char *const *fields,
		  size_t nfields, struct ledger_form *lf)
{
	const char **v = xcalloc(form->nfields + 1, sizeof(*v));
	int r;

	(void)jd;
	/* The form's own fields, from the command's options. */
	for (size_t i = 0; i < n; i++) {
		int idx = formspec_field_index(form, ids[i]);

		if (idx >= 0)
			v[idx] = vals[i];
		else if (vals[i])
			/* The station removed an optional field the command has an option for. */
			warning(_("the form '%s' has no field '%s' (%s); its value is not kept"), form->name,
				ids[i], form->path);
	}
	/* --field ID=VALUE: each must name one of the station's own fields. */
	for (size_t i = 0; i < nfields; i++) {
		const char *eq = strchr(fields[i], '=');
		char *id = eq ? xstrndup(fields[i], (size_t)(eq - fields[i])) : xstrdup(fields[i]);
		int idx = formspec_field_index(form, id);

		if (!eq || idx < 0 || formspec_is_core(form->name, id)) {
			if (!eq)
				error(_("--field takes ID=VALUE, not '%s'"), fields[i]);
			else if (idx < 0)
				error(_("the form '%s' has no field '%s' (%s)"), form->name, id, form->path);
			else
				error(_("'%s' is one of the form's own options; use --%s"), id, id);
			free(id);
			free(v);
			return EXIT_REFUSED;
		}
		v[idx] = eq + 1;
		free(id);
	}
	r = ledger_step_from_form(lf, kind, form, (char *const *)v, NULL);
	free(v);
	return r < 0 ? EXIT_REFUSED : 0;
}

/* A step whose only value is one text option (signoff --note, reopen/void --reason). */
int cmd_text_step(struct jd *jd, int argc, char **argv, const char *form_name, const char *opt,
		  enum step_kind kind)
{
	struct option opts[] = {
		{ NULL, required_argument, NULL, 't' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct form_spec *form = forms_get(&jd->forms, form_name);
	const char *text = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	int c, ret;

	opts[0].name = opt;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 't': text = optarg; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("say which ticket"));
	}
	ret = cmd_form_step(jd, kind, form, &opt, &text, 1, fields, nfields, &lf);
	if (!ret) {
		ret = cmd_run_step(jd, argv[optind], &lf.step);
		ledger_form_release(&lf);
	}
	free(fields);
	return ret;
}

int cmd_print_option(struct jd *jd, int c, const char *arg, struct print_request *rq)
{
	switch (c) {
	case 'p': rq->profile = arg; return 0;
	case 's': rq->stub = 1; return 0;
	case 'S': rq->stub = 0; return 0;
	case 'c': rq->cut = 1; return 0;
	case 'C': rq->cut = 0; return 0;
	case 'q':
		if (strcmp(arg, "raster") && strcmp(arg, "native"))
			return cmd_usage_error(jd->cmd, _("--qr is raster or native"));
		rq->qr_native = !strcmp(arg, "native");
		return 0;
	default:
		return -1;
	}
}

/* The format of a paper from the options (the file's extension, else text). */
static int paper_fmt(const struct paper_out *o, enum paper_format *f)
{
	*f = PAPER_TEXT;
	if (o->format)
		return paper_format_parse(o->format, f);
	if (o->path && strcmp(o->path, "-"))
		paper_format_from_path(o->path, f);
	return 0;
}

int cmd_paper_check(struct jd *jd, const struct paper_out *o)
{
	enum paper_format f;

	if (paper_fmt(o, &f) < 0)
		return cmd_usage_error(jd->cmd, _("the format is text, escpos or xlsx"));
	if (o->print && (o->path || o->format))
		return cmd_usage_error(jd->cmd, _("--print sends it to the printer; -o and --format are for a file"));
	if (!o->print && (o->dest || o->profile) && f != PAPER_ESCPOS)
		return cmd_usage_error(jd->cmd, _("--to and --profile go with --print (or --format escpos)"));
	if (!o->print && (!o->path || !strcmp(o->path, "-")) && isatty(STDOUT_FILENO) &&
	    (f == PAPER_ESCPOS || f == PAPER_XLSX))
		return cmd_usage_error(jd->cmd, _("this format is not for the terminal; give -o FILE"));
	return 0;
}

/* The terminal to print through, or -1; *opened says whether to close it. */
static int paper_terminal_fd(int *opened)
{
	int fd;

	*opened = 0;
	if (isatty(STDOUT_FILENO))
		return STDOUT_FILENO;
	fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0)
		*opened = 1;
	return fd;
}

int cmd_paper_out(struct jd *jd, const struct paper *p, const struct paper_out *o, char **where)
{
	struct print_request rq = PRINT_REQUEST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct outfile out;
	enum paper_format f;
	int r = 0;

	*where = NULL;
	rq.dest = o->dest;
	rq.profile = o->profile;
	rq.calendar = jd_calendar(jd);
	if (o->print) {
		struct print_job job;
		int fd = -1, opened = 0;

		r = print_job_paper(jd->store, p, &rq, &job);
		if (r != PRINT_OK)
			return print_exit_code(r);
		if (job.dest.kind == PRINTER_TERMINAL)
			fd = paper_terminal_fd(&opened);
		r = print_job_send(&job, fd) < 0 ? EXIT_REFUSED : 0;
		if (!r)
			*where = xasprintf(_("printer %s"), job.dest.spec);
		if (opened)
			close(fd);
		print_job_release(&job);
		return r;
	}
	paper_fmt(o, &f);
	if (outfile_open(&out, o->path, f == PAPER_XLSX ? OUTFILE_NAMED : 0) < 0)
		return EXIT_IO;
	if (f != PAPER_ESCPOS) {
		if (paper_write(p, f, &out, C_("sheet", "Sheet")) < 0)
			r = EXIT_IO;
	} else if (print_render_paper(jd->store, p, &rq, &sb) != PRINT_OK) {
		r = EXIT_REFUSED;
	}
	if (!r && f == PAPER_ESCPOS && fwrite(sb.buf, 1, sb.len, out.f) != sb.len) {
		error_errno(_("cannot write '%s'"), o->path ? o->path : "-");
		r = EXIT_IO;
	}
	strbuf_release(&sb);
	if (r) {
		outfile_abort(&out);
		return r;
	}
	if (outfile_commit(&out) < 0)
		return EXIT_IO;
	*where = xstrdup(o->path && strcmp(o->path, "-") ? o->path : "stdout");
	return 0;
}
