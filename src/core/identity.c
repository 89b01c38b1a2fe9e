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

char *identity_login(void)
{
	/* The real user: jiedai may run set-group-ID, never set-user-ID. */
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("uid%ld", (long)getuid());
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

static int resolve(struct store *s, const char *as, struct identity *id)
{
	char *deputy = NULL;
	enum role role = ROLE_DEPUTY;
	const char *env_as = getenv("JIEDAI_ACTOR");
	int r;

	memset(id, 0, sizeof(id[0]));
	id->login = identity_login();
	id->client = identity_ssh_client();
	id->shared = store_is_shared(s);
	if (!as || !*as)
		as = env_as;
	/* A name given must be a name (the text rule), wherever it comes from. */
	if (validate_actor(as) < 0)
		return -1;
	if (getuid() == 0 || !id->shared) {
		/* The administrator: root, or the owner of a personal ledger. */
		id->admin = id->known = 1;
		id->role = ROLE_HEAD;
		id->name = xstrdup(as && *as ? as : id->login);
		return 0;
	}
	if (store_shared_login(s, id->login)) {
		id->shared_account = id->known = 1;
		id->role = ROLE_DEPUTY;
		if (as && *as && identity_set_person(s, id, as) == 0)
			return 0;
		id->name = xstrdup(id->login);
		id->anonymous = 1;
		return 0;
	}
	r = store_user_get(s, id->login, &deputy, &role);
	if (r != STORE_OK && r != STORE_NOTFOUND)
		return -1;	/* could not be read (said): not "not set up" */
	if (r == STORE_OK) {
		id->mapped = id->known = 1;
		id->name = deputy;
		id->role = role;
		if (as && *as && strcmp(as, deputy))
			return error(_("the login '%s' is %s's: --as is only for a login several people share"),
				     id->login, deputy);
		return 0;
	}
	/* Not a person of this ledger: ledger_may() refuses every step, reads are refused at start. */
	id->name = xstrdup(id->login);
	id->role = ROLE_DEPUTY;
	return 0;
}

const char *identity_viewer(const struct identity *id)
{
	if (id->admin || (id->known && !id->anonymous && (id->role == ROLE_STAFF || id->role == ROLE_HEAD)))
		return NULL;
	/* A name nobody can have (the text rule refuses control characters): sees no voter in full. */
	if (!id->known || id->anonymous)
		return "\001";
	return id->name;
}

int identity_resolve(struct store *s, const char *as, struct identity *id)
{
	int r = resolve(s, as, id);

	/* What this person may see, for every read that follows (store_set_viewer()). */
	store_set_viewer(s, identity_viewer(id));
	return r;
}

int identity_set_person(struct store *s, struct identity *id, const char *name)
{
	enum role role;
	int r = store_person_role(s, name, &role);

	if (r != STORE_OK && r != STORE_NOTFOUND)
		return -1;
	if (r != STORE_OK)
		return error(_("'%s' is not one of this station's deputies or staff"), name);
	free(id->name);
	id->name = xstrdup(name);
	id->role = role;
	id->anonymous = 0;
	store_set_viewer(s, identity_viewer(id));
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

