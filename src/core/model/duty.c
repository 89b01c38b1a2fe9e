/* duty.c — see duty.h. */
#include "duty.h"

#include <stdlib.h>
#include <string.h>

void duty_release(struct duty *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		for (size_t j = 0; j < d->dep[i].ndays; j++) {
			free(d->dep[i].days[j].date);
			free(d->dep[i].days[j].station);
		}
		free(d->dep[i].days);
		free(d->dep[i].name);
	}
	free(d->dep);
	free(d->station_name);
	memset(d, 0, sizeof(*d));
}

int duty_whole_year(const struct duty *d)
{
	int y = atoi(d->from);

	if (y <= 0 || strlen(d->from) != 10 || strlen(d->to) != 10 || strcmp(d->from + 4, "-01-01") ||
	    strcmp(d->to + 4, "-12-31") || atoi(d->to) != y)
		return 0;
	return y;
}
