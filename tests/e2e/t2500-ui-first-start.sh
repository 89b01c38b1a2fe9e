#!/bin/sh
test_description='the first start on a new ledger asks for the station, as make run does'
. "$(dirname "$0")/test-lib.sh"

unset JIEDAI_DB

test_expect_success TMUX 'a new user: the ledger is made under XDG and the station is asked for' '
	tmux_start && wait_for "站点名称" &&
	test -f "$HOME/.local/share/jiedai/jiedai.db" &&
	type_text "陵江镇人大代表联络站" && key Tab && type_text "lj" && key Tab &&
	type_text "0827-5551234" && key F2 &&
	wait_for "陵江镇人大代表联络站" && wait_for "接待日" &&
	jiedai config station_code >code && echo LJ >expect && test_cmp expect code &&
	jiedai config station_phone >phone && echo 0827-5551234 >expect && test_cmp expect phone
'

test_expect_success TMUX 'a bad code is refused next to the field, nothing else lost' '
	rm -rf "$HOME/.local" && tmux_start && wait_for "站点名称" &&
	type_text "联络站" && key Tab && type_text "L J" && key F2 && wait_for "站点代码" &&
	screen >s && test_grep "联络站" s &&
	key C-u && type_text "QT" && key F2 && wait_for "接待日" &&
	jiedai config station_code >code && echo QT >expect && test_cmp expect code
'

test_expect_success TMUX 'the second start goes straight to the home screen' '
	tmux_start && wait_for "接待日" && screen >s && ! grep -q "站点名称" s
'

test_done
