/* role.c — see role.h. */
#include "role.h"

#include <string.h>

#include "i18n.h"

static const char *const role_names[] = { "deputy", "staff", "head" };
static const char *const role_labels[] = { N_("deputy"), N_("staff"), N_("head") };

const char *role_name(enum role r)
{
	return role_names[r];
}

const char *role_label(enum role r)
{
	return _(role_labels[r]);
}

int role_parse(const char *s, enum role *out)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, role_names[i]) || !strcmp(s, _(role_labels[i]))) {
			*out = (enum role)i;
			return 0;
		}
	return -1;
}
