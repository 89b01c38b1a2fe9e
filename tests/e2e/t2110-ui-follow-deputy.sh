#!/bin/sh
test_description='the ticket screen gives an item to a deputy to follow up (跟进代表), moves it and takes it back'
. "$(dirname "$0")/test-lib.sh"

follow_of() {
	jiedai show "$1" --format json | sed -n 's/.*"updated_at":"[^"]*","follow_deputy":"\([^"]*\)".*/\1/p'
}

test_expect_success 'setup: a reception day with two deputies, one ticket' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 李强,孙丽 >/dev/null &&
	jiedai add --name 王五华 --phone 13900139000 --category 城建交通 --issue 路灯不亮 --deputy 孙丽 >/dev/null &&
	test -z "$(follow_of LJ-2026-0001)"
'

test_expect_success TMUX 'the action is on the ticket screen'"'"'s key bar' '
	tmux_start && wait_for "接待日" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "路灯不亮" && wait_for "9 跟进代表"
'

test_expect_success TMUX 'Esc in the choice changes nothing' '
	key 9 && wait_for "由哪位代表跟进 LJ-2026-0001" && screen >s &&
	test_grep "1  李强" s && test_grep "2  孙丽" s &&
	key Escape && wait_gone "由哪位代表跟进" &&
	test -z "$(follow_of LJ-2026-0001)"
'

test_expect_success TMUX 'picking a deputy saves the step and shows it on the ticket' '
	key 9 && wait_for "由哪位代表跟进" && key 1 &&
	wait_for "现由 李强 跟进" && wait_for "跟进代表：李强" &&
	test "$(follow_of LJ-2026-0001)" = 李强 && wait_for "交 李强 跟进"
'

test_expect_success TMUX 'moved to another: the one following it up now is not offered' '
	key 9 && wait_for "现由 李强 跟进。改由谁跟进" && screen >s &&
	! grep -q "[0-9]  李强" s && test_grep "1  孙丽" s && test_grep "2  撤销跟进代表" s &&
	key 1 && wait_for "跟进代表：孙丽" && test "$(follow_of LJ-2026-0001)" = 孙丽
'

test_expect_success TMUX 'taken back: nobody follows it up' '
	key 9 && wait_for "改由谁跟进" && key 2 && wait_for "无人跟进" &&
	wait_gone "跟进代表：" && test -z "$(follow_of LJ-2026-0001)" &&
	jiedai check >/dev/null
'

test_done
