#!/bin/sh
test_description='the binary runs, helps, and creates its ledger where the README says'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'version and help' '
	jiedai --version >out && test_grep "^jiedai [0-9]" out &&
	jiedai help >out && test_grep "handover" out && test_grep "接待" out &&
	jiedai help add >out && test_grep -- "--on-the-spot" out &&
	jiedai add --help >out && test_grep -- "--category" out
'

test_expect_success 'help is in Chinese by default, whatever the locale' '
	LANG=en_US.UTF-8 LC_ALL= jiedai help >out && test_grep "命令" out &&
	env -u LC_ALL -u LANG "$JIEDAI" help >out && test_grep "命令" out &&
	LANGUAGE=en jiedai help >out && test_grep "Commands:" out
'

test_expect_success 'an unknown command is a usage error (exit 2)' '
	test_exit_code 2 jiedai frobnicate 2>err && test_grep "frobnicate" err
'

test_expect_success 'without --db the ledger is created under XDG_DATA_HOME on first use' '
	(unset JIEDAI_DB && XDG_DATA_HOME="$TRASH/xdg" jiedai list >out) &&
	test -f "$TRASH/xdg/jiedai/jiedai.db" &&
	(unset JIEDAI_DB && jiedai list >out) &&
	test -f "$HOME/.local/share/jiedai/jiedai.db"
'

test_expect_success 'an explicit ledger path that does not exist is not created silently' '
	test_exit_code 3 jiedai --db "$TRASH/typo.db" list 2>err &&
	test_grep "jiedai init" err && ! test -e "$TRASH/typo.db"
'

test_expect_success 'the db line of the system configuration file is used' '
	printf "# shared box\ndb = %s\n" "$TRASH/shared.db" >"$TRASH/jiedai.conf" &&
	JIEDAI_CONF="$TRASH/jiedai.conf" JIEDAI_DB= jiedai init >out &&
	test_grep "shared.db" out && test -f "$TRASH/shared.db"
'

test_expect_success '--db wins over JIEDAI_DB, anywhere on the line' '
	jiedai init >/dev/null &&
	jiedai --db "$TRASH/other.db" init --station-code QT >out && test_grep "other.db" out &&
	jiedai config station_code --db "$TRASH/other.db" >out && echo QT >expect && test_cmp expect out
'

test_expect_success 'a bad JIEDAI_NOW is refused, not ignored' '
	JIEDAI_NOW=tomorrow test_exit_code 2 jiedai list 2>err && test_grep "JIEDAI_NOW" err
'

test_expect_success 'a file that is not a ledger is refused with a clear message' '
	echo "not a database" >"$TRASH/junk.db" &&
	test_exit_code 1 jiedai --db "$TRASH/junk.db" list 2>err && test_grep "junk.db" err
'

test_done
