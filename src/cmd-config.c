/* cmd-config.c — `jiedai config [KEY [VALUE]]`: the station's settings. */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"

int cmd_config(struct jd *jd, int argc, char **argv)
{
	const struct setting_info *k;
	int r;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	if (argc > 3)
		return cmd_usage_error(jd->cmd, _("too many arguments"));
	if (argc == 3) {
		struct ledger_step st = { .kind = STEP_SETTING, .key = argv[1], .value = argv[2] };

		r = cmd_apply(jd, &st, NULL);
		if (r == 0)
			printf("%s = %s\n", argv[1], argv[2]);
		return r;
	}
	for (k = store_settings_known(); k->key; k++) {
		char *v;

		if (argc == 2 && strcmp(argv[1], k->key))
			continue;
		v = store_setting(jd->store, k->key);
		if (argc == 2) {
			printf("%s\n", v);
		} else {
			struct strbuf sb = STRBUF_INIT;

			u8_fit(&sb, k->key, 15, 0);
			printf("%s %s\n%16s# %s\n", sb.buf, v, "", _(k->help));
			strbuf_release(&sb);
		}
		free(v);
		if (argc == 2)
			return 0;
	}
	if (argc == 2) {
		error(_("there is no setting '%s' (see 'jiedai config')"), argv[1]);
		return EXIT_REFUSED;
	}
	return 0;
}
