# lib-hub.sh — a real PostgreSQL for the hub tests (sourced after test-lib.sh).
#
#   hub_start            initdb and start a server on a Unix socket in the trash
#                        directory (no TCP), make the database "hub" and run
#                        jiedai hub init on it; stopped when the script ends
#   hub_psql ...         psql as the server's superuser on the hub database
#   hub_stop, hub_restart  stop the server at once (-m immediate), start it again
#   hub_login NAME PW [CODE...]
#                        a station login (member of jiedai_station); its password
#                        goes into ~/.pgpass, where libpq finds it; each CODE is
#                        bound to it (jiedai hub station add), as the county does
#   hub_bind CODE LOGIN  bind a station code to a login
#   hub_reader NAME PW   a county reader (member of jiedai_reader)
#   hub_url NAME         the hub's address for that login (no password in it)
#
# PostgreSQL will not run as root: as root the server runs as the account
# Debian's postgresql package made (postgres), or, without it, as a throwaway
# account made here.  The trash directory is opened (0711) so that account can
# reach its own directory inside.  As root the script runs in a private world
# (lib-sandbox.sh): the account, the server's shared memory and any process
# left are the world's, and go with it.  hub_have_pg says whether a server is
# installed; the scripts skip without one.

. "$JIEDAI_SRC/tests/e2e/lib-sandbox.sh"
sandbox_enter

PG_BIN=$(pg_config --bindir 2>/dev/null)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
HUB_DIR="$TRASH/pg"
HUB_SOCK="$HUB_DIR/sock"
HUB_ADMIN=jdadmin

hub_have_pg() {
	[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && command -v psql >/dev/null 2>&1
}

# Run a server command as the account that owns the cluster.
hub_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$HUB_OWNER" -- "$@"
	else
		"$@"
	fi
}

hub_start() {
	if [ "$(id -u)" = 0 ]; then
		if getent passwd postgres >/dev/null; then
			HUB_OWNER=postgres
		else
			HUB_OWNER=jdpg$$
			useradd --system --no-create-home --shell /usr/sbin/nologin "$HUB_OWNER" || return 1
		fi
		chmod 0711 "$TRASH"
	fi
	mkdir -p "$HUB_DIR/sock" || return 1
	[ "$(id -u)" != 0 ] || chown -R "$HUB_OWNER" "$HUB_DIR"
	hub_as_owner "$PG_BIN/initdb" -D "$HUB_DIR/data" -U "$HUB_ADMIN" -E UTF8 --locale=C.UTF-8 \
		--auth-local=trust >"$HUB_DIR/initdb.log" 2>&1 || { cat "$HUB_DIR/initdb.log"; return 1; }
	# The superuser by trust (setting up); every other login by password (scram).
	hub_as_owner sh -c "printf 'local all $HUB_ADMIN trust\nlocal all all scram-sha-256\n' >'$HUB_DIR/data/pg_hba.conf'"
	hub_as_owner sh -c "cat >>'$HUB_DIR/data/postgresql.conf'" <<-CONF
	listen_addresses = ''
	unix_socket_directories = '$HUB_SOCK'
	max_connections = 80
	fsync = off
	synchronous_commit = off
	full_page_writes = off
	shared_buffers = 64MB
	CONF
	test_at_exit "hub_stop"
	hub_as_owner "$PG_BIN/pg_ctl" -D "$HUB_DIR/data" -l "$HUB_DIR/server.log" -w -t 60 start \
		>/dev/null || { cat "$HUB_DIR/server.log"; return 1; }
	psql -h "$HUB_SOCK" -U "$HUB_ADMIN" -d postgres -X -q -v ON_ERROR_STOP=1 \
		-c "CREATE DATABASE hub ENCODING 'UTF8' TEMPLATE template0" || return 1
	HUB="postgres:///hub?host=$HUB_SOCK&user=$HUB_ADMIN"
	jiedai hub init "$HUB" --name 陵江县人大常委会 "$@" >/dev/null
}

# Start the server again after hub_stop (a test that stops it mid-push).
hub_restart() {
	hub_as_owner "$PG_BIN/pg_ctl" -D "$HUB_DIR/data" -l "$HUB_DIR/server.log" -w -t 60 start \
		>/dev/null || { cat "$HUB_DIR/server.log"; return 1; }
}

hub_stop() {
	[ -d "$HUB_DIR/data" ] && hub_as_owner "$PG_BIN/pg_ctl" -D "$HUB_DIR/data" -m immediate -w stop >/dev/null 2>&1
	return 0
}

hub_psql() {
	psql -h "$HUB_SOCK" -U "$HUB_ADMIN" -d hub -X -q -At -v ON_ERROR_STOP=1 "$@"
}

hub_login() {
	hub_login_name=$1 hub_login_pw=$2
	shift 2
	hub_psql <<-SQL || return 1
	CREATE ROLE $hub_login_name LOGIN PASSWORD '$hub_login_pw' IN ROLE jiedai_station;
	SQL
	printf '*:*:*:%s:%s\n' "$hub_login_name" "$hub_login_pw" >>"$HOME/.pgpass"
	chmod 0600 "$HOME/.pgpass"
	for hub_code in "$@"; do
		hub_bind "$hub_code" "$hub_login_name" || return 1
	done
}

hub_bind() {
	jiedai hub station add "$1" --login "$2" --hub "$HUB" >/dev/null
}

hub_reader() {
	hub_psql <<-SQL || return 1
	CREATE ROLE $1 LOGIN PASSWORD '$2' IN ROLE jiedai_reader;
	SQL
	printf '*:*:*:%s:%s\n' "$1" "$2" >>"$HOME/.pgpass"
	chmod 0600 "$HOME/.pgpass"
}

hub_url() {
	printf 'postgres:///hub?host=%s&user=%s' "$HUB_SOCK" "$1"
}
