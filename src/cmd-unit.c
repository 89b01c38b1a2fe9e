/*
 * cmd-unit.c — `jiedai unit add|list|rename|merge`: the directory of units
 * (承办单位) that items are handed to, with a contact person and phone.
 *
 * Staff and the station head keep it (ledger.h).  A handover to a unit not
 * in the directory adds it; merging two spellings (水利站 into 镇水利站)
 * changes only the directory: tickets keep what their events recorded, and
 * lists, chase slips and figures read every name of a unit as that unit.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"
#include "validate.h"
#include "xmalloc.h"

/* The longest unit name, in characters (as the handover form's unit field). */
#define UNIT_NAME_MAX 50

/* A unit's name as typed: trimmed, one line, not blank.  0, or EXIT_REFUSED after a message. */
static int unit_name_arg(const char *in, char **out)
{
	char *msg = NULL;

	*out = NULL;
	if (validate_text(in, 0, UNIT_NAME_MAX, out, &msg) < 0 || !**out) {
		error(_("unit: %s"), msg ? msg : _("This field is required."));
		free(msg);
		free(*out);
		*out = NULL;
		return EXIT_REFUSED;
	}
	return 0;
}

static int unit_add(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "contact", required_argument, NULL, 'c' },
		{ "phone", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *contact_arg = NULL, *phone_arg = NULL;
	char *name = NULL, *contact = NULL, *phone = NULL, *msg = NULL;
	struct ledger_step st = { .kind = STEP_UNIT_ADD };
	struct ledger_result res;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': contact_arg = optarg; break;
		case 'p': phone_arg = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("give the unit's name"));
	if ((r = unit_name_arg(argv[optind], &name)) != 0)
		return r;
	if (contact_arg && validate_text(contact_arg, 0, VALIDATE_NAME_MAX, &contact, &msg) < 0) {
		error(_("contact person: %s"), msg);
		r = EXIT_REFUSED;
		goto out;
	}
	if (phone_arg && *phone_arg && !(phone = validate_phone(phone_arg, &msg))) {
		error(_("phone: %s"), msg);
		r = EXIT_REFUSED;
		goto out;
	}
	if (phone_arg && !*phone_arg)
		phone = xstrdup("");
	st.unit = name;
	st.contact = contact;
	st.phone = phone;
	r = cmd_apply(jd, &st, &res);
	if (r)
		goto out;
	if (res.changed)
		textout_printf(stdout, _("%s is in the unit directory.\n"), name);
	else
		textout_printf(stdout, _("%s was in the unit directory already; nothing changed.\n"), name);
	ledger_result_release(&res);
	r = cmd_output_saved(_("the unit %s is saved, but this could not be written out"), name);
out:
	free(msg);
	free(name);
	free(contact);
	free(phone);
	return r;
}

/* "水利站、镇水利站" — the other names of a unit. */
static void join_names(struct strbuf *sb, char *const *names, const char *sep)
{
	for (char *const *p = names; *p; p++) {
		if (p != names)
			strbuf_adds(sb, sep);
		strbuf_adds(sb, *p);
	}
}

static int unit_list(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TABLE;
	struct unit *units = NULL;
	size_t n = 0;
	int all = 0, c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'f':
			if (cmd_parse_format(optarg, &fmt) < 0)
				return cmd_usage_error(jd->cmd, _("the format is table, tsv or json"));
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	r = store_unit_list(jd->store, all, &units, &n);
	if (r != STORE_OK)
		return store_exit_code(r);
	if (fmt == OUT_TSV)
		printf("name\tcontact\tphone\tin_hand\toverdue\tother_names\tmerged_into\n");
	else if (fmt == OUT_JSON)
		fputs(n ? "[\n" : "[]\n", stdout);
	else if (!n)
		printf(_("(the unit directory is empty; a handover adds the unit it names)\n"));
	for (size_t i = 0; i < n; i++) {
		const struct unit *u = &units[i];
		struct strbuf sb = STRBUF_INIT, other = STRBUF_INIT;
		char num[2][24];

		snprintf(num[0], sizeof(num[0]), "%lld", (long long)u->in_hand);
		snprintf(num[1], sizeof(num[1]), "%lld", (long long)u->overdue);
		join_names(&other, u->names, i18n_is_chinese() ? "、" : ", ");
		if (fmt == OUT_TSV) {
			const char *cells[] = { u->name, u->contact, u->phone, num[0], num[1], other.buf,
						u->merged_into ? u->merged_into : "" };

			for (size_t k = 0; k < sizeof(cells) / sizeof(cells[0]); k++) {
				if (k)
					strbuf_addch(&sb, '\t');
				strbuf_add_tsv(&sb, cells[k]);
			}
			printf("%s\n", sb.buf);
		} else if (fmt == OUT_JSON) {
			strbuf_adds(&sb, "{\"name\":");
			strbuf_add_json(&sb, u->name);
			strbuf_adds(&sb, ",\"contact\":");
			strbuf_add_json(&sb, u->contact);
			strbuf_adds(&sb, ",\"phone\":");
			strbuf_add_json(&sb, u->phone);
			strbuf_addf(&sb, ",\"in_hand\":%lld,\"overdue\":%lld,\"other_names\":[",
				    (long long)u->in_hand, (long long)u->overdue);
			for (char **p = u->names; *p; p++) {
				if (p != u->names)
					strbuf_addch(&sb, ',');
				strbuf_add_json(&sb, *p);
			}
			strbuf_adds(&sb, "],\"merged_into\":");
			if (u->merged_into)
				strbuf_add_json(&sb, u->merged_into);
			else
				strbuf_adds(&sb, "null");
			printf("%s%s\n", sb.buf, i + 1 < n ? "}," : "}\n]");
		} else {
			u8_fit(&sb, u->name, 20, 1);
			strbuf_addch(&sb, ' ');
			u8_fit(&sb, u->contact, 8, 1);
			strbuf_addch(&sb, ' ');
			u8_fit(&sb, u->phone, 13, 1);
			strbuf_addch(&sb, ' ');
			if (u->merged_into) {
				char *into = xasprintf(_("merged into %s"), u->merged_into);

				u8_cut(&sb, into, 40, 1);
				free(into);
			} else {
				char *counts = xasprintf(_("in hand %s, overdue %s"), num[0], num[1]);

				u8_fit(&sb, counts, 20, 1);
				free(counts);
				if (other.len) {
					char *aka = xasprintf(_("also: %s"), other.buf);

					strbuf_addch(&sb, ' ');
					u8_cut(&sb, aka, 40, 1);
					free(aka);
				}
			}
			strbuf_rtrim(&sb);
			printf("%s\n", sb.buf);	/* u8_fit() and u8_cut() clean each cell */
		}
		strbuf_release(&sb);
		strbuf_release(&other);
	}
	units_free(units, n);
	return 0;
}

static int unit_rename(struct jd *jd, int argc, char **argv)
{
	struct ledger_step st = { .kind = STEP_UNIT_RENAME };
	char *from = NULL, *to = NULL;
	int r;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	if (argc != 3)
		return cmd_usage_error(jd->cmd, _("give the unit's name and its new name"));
	if ((r = unit_name_arg(argv[1], &from)) || (r = unit_name_arg(argv[2], &to)))
		goto out;
	st.unit = from;
	st.unit_to = to;
	r = cmd_apply(jd, &st, NULL);
	if (!r) {
		textout_printf(stdout, _("%s is now called %s; tickets recorded with the old name count for it.\n"),
			       from, to);
		r = cmd_output_saved(_("the unit %s is renamed, but this could not be written out"), from);
	}
out:
	free(from);
	free(to);
	return r;
}

static int unit_merge(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "into", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ledger_step st = { .kind = STEP_UNIT_MERGE };
	const char *into_arg = NULL;
	char *from = NULL, *into = NULL;
	struct unit kept;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': into_arg = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc || !into_arg)
		return cmd_usage_error(jd->cmd, _("give the unit to merge away and --into the unit it becomes"));
	if ((r = unit_name_arg(argv[optind], &from)) || (r = unit_name_arg(into_arg, &into)))
		goto out;
	st.unit = from;
	st.unit_to = into;
	r = cmd_apply(jd, &st, NULL);
	if (r)
		goto out;
	if (store_unit_get(jd->store, into, &kept) == STORE_OK) {
		textout_printf(stdout, _("%s is merged into %s: in hand %lld, overdue %lld.\n"), from, kept.name,
			       (long long)kept.in_hand, (long long)kept.overdue);
		unit_release(&kept);
	}
	r = cmd_output_saved(_("the units are merged, but this could not be written out"));
out:
	free(from);
	free(into);
	return r;
}

int cmd_unit(struct jd *jd, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage_error(jd->cmd, _("say add, list, rename or merge"));
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "add"))
		return unit_add(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return unit_list(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "rename"))
		return unit_rename(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "merge"))
		return unit_merge(jd, argc - 1, argv + 1);
	return cmd_usage_error(jd->cmd, _("say add, list, rename or merge, not '%s'"), argv[1]);
}
