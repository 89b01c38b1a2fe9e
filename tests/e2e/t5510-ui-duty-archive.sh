#!/bin/sh
test_description='the statistics screen: the duty records tab, and A archives the year into the documents folder'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# The screen with runs of spaces squeezed.
squeezed() {
	screen | sed "s/  */ /g; s/^ //; s/ \$//"
}

# events: the number of events in the ledger.
events() {
	sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM events"
}

test_expect_success 'setup: the hand-built ledger; a desktop whose documents folder is ~/文档' '
	build_report_ledger &&
	mkdir -p "$HOME/文档" "$HOME/.config" &&
	echo "XDG_DOCUMENTS_DIR=\"\$HOME/文档\"" >"$HOME/.config/user-dirs.dirs"
'
export JIEDAI_NOW=2026-04-01T10:00:00

if test_have_prereq TMUX; then
	test_expect_success_here 'start the statistics screen (in Chinese)' '
		tmux_start -- "$JIEDAI" ui --report
	'
fi

test_expect_success TMUX '7: the duty records of the year, a page per deputy, read from the ledger' '
	wait_for "统计和登记簿" &&
	type_text 7 &&
	wait_for "[7 代表履职]" &&
	wait_for "2026 年：2026-01-01 至 2026-12-31，截至 2026-04-01" &&
	wait_for "代表履职情况记实表" &&
	i=0 && while ! squeezed | grep -qx "代表：王芳" && [ $i -lt 10 ]; do key NPage; sleep 0.3; i=$((i + 1)); done &&
	wait_for "代表：王芳" &&
	key Down Down Down Down Down Down Down Down &&
	wait_for "跟进到销号" &&
	squeezed >s &&
	test_grep -x "接待日期 2026-03-03、2026-03-17" s &&
	test_grep -x "接待选民 4 人" s &&
	test_grep -x "跟进到销号 1 件（满意 1 件，基本满意 0 件）" s &&
	for w in 张三明 李四 赵六 孙八; do ! grep -F "$w" s || exit 1; done
'

test_expect_success TMUX 'another month of the same year: the same records' '
	key Left &&
	wait_for "2026年03月" &&
	wait_for "2026 年：2026-01-01 至 2026-12-31"
'

test_expect_success TMUX,SQLITE3 'A, then 2: cancelled, nothing written or recorded' '
	events >before &&
	key A &&
	wait_for "归档到这个新文件夹吗？" &&
	wait_for "$HOME/文档/接待资料归档-2026" &&
	type_text 2 &&
	wait_gone "归档到这个新文件夹吗？" &&
	test ! -e "$HOME/文档/接待资料归档-2026" &&
	test $(events) -eq $(cat before)
'

test_expect_success TMUX,SQLITE3 'A, then Enter: the archive in ~/文档, its full path on the screen, one event' '
	events >before &&
	key A &&
	wait_for "归档到这个新文件夹吗？" &&
	key Enter &&
	wait_for "已归档" &&
	wait_for "$HOME/文档/接待资料归档-2026" &&
	wait_for "共 14 个文件，另有索引 index.txt" &&
	test $(events) -eq $(($(cat before) + 1)) &&
	jiedai archive --verify "$HOME/文档/接待资料归档-2026" >v.out &&
	test_grep "归档文件夹和归档时一样：14 个文件都在" v.out &&
	test $(stat -c %a "$HOME/文档/接待资料归档-2026") = 700 &&
	key Enter &&
	wait_gone "共 14 个文件"
'

test_expect_success TMUX 'A again: a new folder beside it, never the same one' '
	key A &&
	wait_for "$HOME/文档/接待资料归档-2026-2" &&
	key Enter &&
	wait_for "已归档" &&
	test -f "$HOME/文档/接待资料归档-2026-2/index.txt" &&
	key Enter
'

test_expect_success TMUX 'without a documents folder: the home directory' '
	rm "$HOME/.config/user-dirs.dirs" && mv "$HOME/文档" "$HOME/old" &&
	key A &&
	wait_for "$HOME/接待资料归档-2026" &&
	key Enter &&
	wait_for "已归档" &&
	test -f "$HOME/接待资料归档-2026/index.txt" &&
	key Enter &&
	key Escape && key F10 && wait_for "[exited 0]"
'

test_done
