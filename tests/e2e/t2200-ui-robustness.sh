#!/bin/sh
test_description='the screen survives resizes, dropped links, vt100 and small windows'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null
'

test_expect_success TMUX 'resize during intake: redrawn, nothing typed is lost' '
	tmux_start && wait_for "接待日" && key 1 && wait_for "姓名" &&
	type_text "赵六" && key Tab && type_text "13700137000" &&
	tmux_resize 100 30 && wait_for "13700137000" &&
	tmux_resize 60 20 && wait_for "80" && screen >small &&
	test_grep "60" small &&
	tmux_resize 80 24 && wait_for "赵六" && wait_for "13700137000"
'

test_expect_success TMUX 'SIGHUP during intake keeps the form as a draft' '
	key Tab && key Tab && type_text "其" && wait_for "其他" && key Enter &&
	type_text "小区门口积水" && wait_for "小区门口积水" &&
	kill -HUP "$(tmux_pid)" && wait_for "[exited" &&
	test "$(jiedai list --format tsv | wc -l)" -eq 1 &&
	sqlite3 "$JIEDAI_DB" "select count(*) from drafts" >n 2>/dev/null &&
	{ ! command -v sqlite3 >/dev/null || test "$(cat n)" = 1; }
'

test_expect_success TMUX 'the next start offers the draft back, intact' '
	tmux_stop && tmux_start && wait_for "1" && screen >offer &&
	key 1 && wait_for "小区门口积水" && wait_for "赵六" && wait_for "13700137000" &&
	key F2 && wait_for "LJ-2026-0001" &&
	test "$(tsv_field LJ-2026-0001 7)" = 赵六 &&
	test "$(tsv_field LJ-2026-0001 11)" = 小区门口积水
'

test_expect_success TMUX 'SIGTERM quits cleanly too' '
	kill -TERM "$(tmux_pid)" && wait_for "[exited 0]"
'

test_expect_success TMUX 'TERM=vt100 (no colour) works, meaning shown in text' '
	tmux_stop && TERM_UNDER_TEST=vt100 tmux_start && wait_for "接待日" &&
	key 1 && wait_for "姓名" && type_text "钱七" && key Tab && key Tab && key Tab &&
	type_text "其" && key Enter && type_text "噪音扰民" && key F2 && wait_for "LJ-2026-0002" &&
	key Escape && wait_for "接待日" && key F10 && wait_for "[exited 0]"
'

test_expect_success TMUX 'other terminal types: putty, screen, xterm-256color' '
	for t in putty screen xterm-256color; do
		tmux_stop && TERM_UNDER_TEST=$t tmux_start && wait_for "接待日" &&
		key 5 && wait_for "LJ-2026-0002" && key Escape && key F10 && wait_for "[exited 0]" || return 1
	done
'

test_expect_success TMUX 'TERM=dumb cannot place the cursor: refused, pointing to the command line' '
	tmux_stop && TERM_UNDER_TEST=dumb tmux_start && wait_for "[exited 2]" &&
	screen >s && test_grep "jiedai help" s && test_grep "TERM" s &&
	head -n 1 s | grep -q "^jiedai："
'

test_expect_success TMUX 'a window smaller than 80x24 says the size needed, then works when enlarged' '
	tmux_stop && tmux_start -x 70 -y 20 && wait_for "80" && screen >small &&
	test_grep "70" small && test_grep "20" small &&
	tmux_resize 80 24 && wait_for "接待日" && key F10 && wait_for "[exited 0]"
'

test_expect_success TMUX 'a bad form file stops the screen with the file and line, terminal intact' '
	tmux_stop && mkdir forms && cp "$JIEDAI_SRC"/forms/*.form forms/ &&
	sed -i "s/^kind multiline/kind multi/" forms/intake.form &&
	tmux_start -- "$JIEDAI" --forms "$TRASH/forms" && wait_for "intake.form:" && wait_for "[exited 1]"
'

test_done
