/* identity.c — see identity.h. */
#include "identity.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "strbuf.h"
#include "validate.h"
#include "xmalloc.h"

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

char *identity_login(void)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("uid%ld", (long)geteuid());
}

char *identity_ssh_client(void)
{
	const char *c = getenv("SSH_CONNECTION");

	if (!c || !*c)
		c = getenv("SSH_CLIENT");
	if (!c || !*c)
		return xstrdup("");
	return validate_ssh_address(c);
}

int identity_resolve(struct store *s, const char *as, struct identity *id)
{
	char *deputy = NULL;
	enum role role = ROLE_DEPUTY;
	const char *env_as = getenv("JIEDAI_ACTOR");
	char *conf = paths_conf_get("db");

	memset(id, 0, sizeof(id[0]));
	id->login = identity_login();
	id->client = identity_ssh_client();
	id->shared = conf != NULL;
	free(conf);
	if (!as || !*as)
		as = env_as;
	if (validate_actor(as) < 0)
		return -1;
	if (store_shared_login(s, id->login)) {
		id->shared_account = 1;
		id->role = ROLE_DEPUTY;
		if (as && *as && identity_set_person(s, id, as) == 0)
			return 0;
		id->name = xstrdup(id->login);
		id->anonymous = 1;
		return 0;
	}
	if (store_user_get(s, id->login, &deputy, &role) == STORE_OK) {
		id->mapped = 1;
		id->name = deputy;
		id->role = role;
		return 0;
	}
	id->name = xstrdup(as && *as ? as : id->login);
	if (id->shared) {
		id->role = ROLE_DEPUTY;
	} else {
		id->role = ROLE_HEAD;
		id->all_roles = 1;
	}
	return 0;
}

int identity_set_person(struct store *s, struct identity *id, const char *name)
{
	enum role role;

	if (store_person_role(s, name, &role) != STORE_OK)
		return error(_("'%s' is not one of this station's deputies or staff"), name);
	free(id->name);
	id->name = xstrdup(name);
	id->role = role;
	id->anonymous = 0;
	return 0;
}

int identity_require_person(const struct identity *id)
{
	if (id->anonymous)
		return error(_("'%s' is a login several people share: say who is working with --as NAME"),
			     id->login);
	return 0;
}

void identity_release(struct identity *id)
{
	free(id->name);
	free(id->login);
	free(id->client);
	memset(id, 0, sizeof(*id));
}

struct actor identity_actor(const struct identity *id)
{
	struct actor a = { id->name, id->login, id->client };

	return a;
}

/* 1 when role r appears in the comma-separated list. */
static int role_in(const char *list, enum role r)
{
	const char *name = role_names[r];
	size_t n = strlen(name);

	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',' || p[-1] == ' ') && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

int identity_may(struct store *s, const struct identity *id, enum ticket_action a)
{
	char *list = NULL;
	int ok;

	if (id->all_roles)
		return 0;
	switch (a) {
	case TA_SIGNOFF:
		list = store_setting(s, "signoff_roles");
		break;
	case TA_VOID:
		list = store_setting(s, "void_roles");
		break;
	case TA_HANDOVER:
	case TA_REOPEN:
		list = xstrdup("staff,head");
		break;
	default:
		return 0;	/* deputies record, answer and rate */
	}
	ok = role_in(list, id->role);
	if (!ok) {
		struct strbuf who = STRBUF_INIT;

		for (int r = 0; r < 3; r++)
			if (role_in(list, (enum role)r)) {
				if (who.len)
					strbuf_adds(&who, i18n_is_chinese() ? "、" : ", ");
				strbuf_adds(&who, role_label((enum role)r));
			}
		error(_("%s (%s) may not %s; this is for: %s"), id->name, role_label(id->role),
		      ticket_action_label(a), who.buf);
		strbuf_release(&who);
	}
	free(list);
	return ok ? 0 : -1;
}
