/* cmd-form-check.c — `jiedai form-check FILE...`: report every error with its line. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "textout.h"

int cmd_form_check(struct jd *jd, int argc, char **argv)
{
	int ret = 0;

	if (argc < 2)
		return cmd_usage_error(jd->cmd, _("name the form file(s) to check"));
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct strbuf errs = STRBUF_INIT;
		struct form_spec *spec = formspec_load(argv[i], &errs);

		if (spec) {
			textout_printf(stdout, _("%s: form '%s' is correct (%zu fields)\n"), argv[i], spec->name, spec->nfields);
			formspec_free(spec);
		} else {
			fputs(errs.buf, stderr);
			ret = EXIT_REFUSED;
		}
		strbuf_release(&errs);
	}
	return ret;
}
