/* cmd-answer.c — `jiedai answer NUMBER --method M --text T [--date D]` (答复). */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

int cmd_answer(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "method", required_argument, NULL, 'm' },
		{ "text", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'd' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct form_spec *form = jd->forms.answer;
	const char *method = NULL, *text = NULL, *date = NULL;
	char *method_c = NULL, *text_c = NULL, *date_c = NULL, *extra = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct step st = { .action = TA_ANSWER };
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': method = optarg; break;
		case 't': text = optarg; break;
		case 'd': date = optarg; break;
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
	ret = cmd_check_field(form, "method", method, &method_c);
	if (!ret)
		ret = cmd_check_field(form, "text", text, &text_c);
	if (!ret && date)
		ret = cmd_check_field(form, "date", date, &date_c);
	if (!ret)
		ret = cmd_extra_json(form, fields, nfields, &extra);
	if (!ret) {
		st.method = method_c;
		st.text = text_c;
		st.date = date_c && *date_c ? date_c : NULL;
		st.extra_json = extra;
		ret = cmd_run_step(jd, argv[optind], &st);
	}
	free(method_c);
	free(text_c);
	free(date_c);
	free(extra);
	free(fields);
	return ret;
}
