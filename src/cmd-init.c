/* cmd-init.c — `jiedai init`: create the ledger and name the station. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "i18n.h"

int cmd_init(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "station-code", required_argument, NULL, 'c' },
		{ "station-name", required_argument, NULL, 'n' },
		{ "station-phone", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *code = NULL, *name = NULL, *phone = NULL;
	char *cur_name, *cur_code;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': code = optarg; break;
		case 'n': name = optarg; break;
		case 'p': phone = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (code && (r = store_setting_set(jd->store, "station_code", code)) != STORE_OK)
		return store_exit_code(r);
	if (name && (r = store_setting_set(jd->store, "station_name", name)) != STORE_OK)
		return store_exit_code(r);
	if (phone && (r = store_setting_set(jd->store, "station_phone", phone)) != STORE_OK)
		return store_exit_code(r);
	cur_name = store_setting(jd->store, "station_name");
	cur_code = store_setting(jd->store, "station_code");
	printf(store_created(jd->store) ? _("Created the ledger %s\n") : _("The ledger is %s\n"),
	       store_path(jd->store));
	printf(_("Station: %s (code %s)\n"), cur_name, cur_code);
	free(cur_name);
	free(cur_code);
	return 0;
}
