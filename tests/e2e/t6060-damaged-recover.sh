#!/bin/sh
test_description='check on a damaged ledger names what is damaged and how many tickets can be read; its recipe makes a sound new ledger'
. "$(dirname "$0")/test-lib.sh"

# Pages of a table (or index), by SQLite's own map; the first ones hold the b-tree's top, so take later ones.
pages_of() {
	sqlite3 "$1" "SELECT pageno FROM dbstat WHERE name = '$2' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET $3"
}
# Overwrite page N of FILE with garbage, as a failing disk might.
damage() {
	dd if=/dev/urandom of="$1" bs=4096 seek=$(($2 - 1)) count=1 conv=notrunc 2>/dev/null
}

test_expect_success 'setup: a month of reception days, steps of every kind, a unit, a login' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai user add lisi --deputy 李四 --role deputy >/dev/null &&
	jiedai unit add 镇水利站 --contact 周工 --phone 13700137000 >/dev/null &&
	long=$(printf "村里的灌溉水渠年久失修，春耕用水困难，希望尽快安排维修%.0s" 1 2 3 4 5) &&
	for d in 01 02 03 04 05 06; do
		JIEDAI_NOW=2026-03-${d}T09:00:00 jiedai day open --deputies 王芳,李强 --place 陵江镇便民服务中心 >/dev/null || return 1
		for i in 1 2 3 4 5 6 7 8 9 10; do
			n=$(JIEDAI_NOW=2026-03-${d}T09:$(printf %02d $i):00 jiedai add --name 张三$d$i --phone $(printf 138%08d $((1${d} * 100 + i))) \
				--category 农业农村 --issue "$long$d$i" --deputy 王芳) || return 1
			case $i in
			1|2|3) JIEDAI_NOW=2026-03-${d}T10:00:00 jiedai handover "$n" --to 镇水利站 --days 10 >/dev/null &&
			       JIEDAI_NOW=2026-03-${d}T11:00:00 jiedai answer "$n" --method 电话 --text 已修好 >/dev/null &&
			       JIEDAI_NOW=2026-03-${d}T12:00:00 jiedai rate "$n" 满意 >/dev/null &&
			       JIEDAI_NOW=2026-03-${d}T13:00:00 jiedai signoff "$n" >/dev/null || return 1 ;;
			4) JIEDAI_NOW=2026-03-${d}T10:00:00 jiedai void "$n" --reason 重复登记 >/dev/null || return 1 ;;
			5) JIEDAI_NOW=2026-03-${d}T10:00:00 jiedai follow "$n" --deputy 李强 >/dev/null || return 1 ;;
			esac
		done
		JIEDAI_NOW=2026-03-${d}T17:00:00 jiedai day close >/dev/null || return 1
	done &&
	jiedai check >out && test_grep "完好无误" out &&
	jiedai list --format tsv --limit 100 >good.tsv && test $(wc -l <good.tsv) = 61 &&
	cp ledger.db good.db
'

test_expect_success 'pages of the tickets, the history and an index are overwritten' '
	t=$(pages_of ledger.db tickets 3) && e=$(pages_of ledger.db events 5) && i=$(pages_of ledger.db tickets_status 0) &&
	test -n "$t" && test -n "$e" && test -n "$i" && echo "$t" >tpage &&
	damage ledger.db "$t" && damage ledger.db "$e" && damage ledger.db "$i" &&
	sha256sum ledger.db >damaged.sum
'

test_expect_success 'check names what is damaged, how many tickets can be read, and the commands: never itself' '
	test_exit_code 1 jiedai check >out 2>err &&
	cat out err &&
	test_grep "表 tickets（事项）：第 $(cat tpage) 页损坏" out &&
	test_grep "表 events" out &&
	test_grep "索引 tickets_status" out && test_grep "不丢数据" out &&
	test_grep "已发出的 60 个编号中，还能读出 [0-9]* 件" out &&
	test_grep "还能读出 [0-9]* 条" out &&
	test_grep "jiedai --db $TRASH/ledger-recovered.db recover $TRASH/ledger.db" out &&
	test_grep "jiedai --db $TRASH/ledger-recovered.db check" out &&
	test_grep "已损坏" err && ! grep -q "请运行 jiedai check" err out &&
	sed -n "s/.*还能读出 \([0-9]*\) 件.*/\1/p" out >readable && test "$(cat readable)" -lt 60 &&
	sha256sum -c damaged.sum
'

test_expect_success 'another command that meets the damage sends to check, which says how to recover' '
	test_exit_code 3 jiedai list --format tsv --limit 100 >all.tsv 2>err &&
	test_grep "jiedai check" err && test_grep "恢复还能读出的部分" err &&
	sha256sum -c damaged.sum
'

test_expect_success 'the printed recipe, followed as printed, makes a new ledger that check finds sound' '
	test_exit_code 1 jiedai check >recipe 2>/dev/null && sed -n "s/^  [23]\. //p" recipe >steps &&
	test $(wc -l <steps) = 2 &&
	while read -r cmd; do
		eval "\"\$JIEDAI\" ${cmd#jiedai }" >>ran 2>&1 || { cat ran; return 1; }
	done <steps &&
	cat ran && test_grep "完好无误" ran &&
	sha256sum -c damaged.sum
'

test_expect_success 'every number is there: the tickets read as they were, the lost ones void and saying so' '
	jiedai --db ledger-recovered.db list --format tsv --limit 100 >new.tsv &&
	test $(wc -l <new.tsv) = 61 &&
	jiedai --db ledger-recovered.db list --format tsv --limit 100 --status void >void.tsv &&
	lost=$(grep -c "（丢失）" new.tsv || :) &&
	grep -v "（丢失）" new.tsv >kept.tsv &&
	test $(( $(wc -l <kept.tsv) - 1 )) -ge "$(cat readable)" &&
	while IFS= read -r line; do grep -qxF "$line" good.tsv || { echo "changed: $line"; return 1; }; done <kept.tsv &&
	for n in $(grep "（丢失）" new.tsv | cut -f1); do
		jiedai --db ledger-recovered.db show "$n" >s && test_grep "台账损坏时丢失" s || return 1
	done &&
	echo "lost: $lost"
'

test_expect_success 'the new ledger keeps what the old one held besides tickets, and takes new work' '
	jiedai --db ledger-recovered.db config station_name >v && echo 陵江镇人大代表联络站 >expect && test_cmp expect v &&
	jiedai --db ledger-recovered.db user list >u && test_grep "lisi .*李四" u &&
	jiedai --db ledger-recovered.db unit list >units && test_grep 镇水利站 units && test_grep 周工 units &&
	jiedai --db ledger-recovered.db day show 2026-03-03 >day && test_grep 李强 day &&
	jiedai --db ledger-recovered.db show LJ-2026-0005 >f && test_grep "跟进代表.*李强" f &&
	jiedai --db ledger-recovered.db report --month 2026-03 >rep && test_grep "接待日场次 *6$" rep &&
	n=$(jiedai --db ledger-recovered.db add --name 王五 --category 其他 --issue 恢复后的第一件) &&
	test "$n" = LJ-2026-0061 &&
	jiedai --db ledger-recovered.db check >out && test_grep "完好无误" out
'

test_expect_success 'recover writes only a new ledger, and never reads itself' '
	test_exit_code 1 jiedai --db ledger-recovered.db recover ledger.db 2>err && test_grep "还不存在" err &&
	test_exit_code 1 jiedai --db fresh.db recover fresh.db 2>err && test_grep "另一个文件" err &&
	sha256sum -c damaged.sum
'

test_expect_success 'a ledger damaged where it begins: check and recover say so, and point on' '
	cp good.db head.db && dd if=/dev/urandom of=head.db bs=1 seek=100 count=3900 conv=notrunc 2>/dev/null &&
	test_exit_code 3 jiedai --db head.db check 2>err && test_grep "recover" err && ! grep -q "请运行 jiedai check" err &&
	test_exit_code 1 jiedai --db head-new.db recover head.db 2>err && test_grep "备份" err
'

# sqlite3's .recover needs the sqlite_dbpage table, which Debian's SQLite
# lacks (it prints part of the SQL and "SQL logic error"): where it works,
# its copy is what recover reads; here a copy made by .dump stands in for it
# (a plain SQLite file with the ledger's tables, as .recover makes).
test_expect_success 'a copy made by sqlite3 (.recover where it works, else .dump) is read too' '
	load=".load $JIEDAI_BUILD/jiedai_fts.so" &&
	if sqlite3 good.db .recover >copy.sql 2>copy.err && grep -q "CREATE TABLE" copy.sql; then
		echo "this sqlite3 has .recover"
	else
		echo "this sqlite3 cannot .recover: $(head -c 200 copy.err)" &&
		sqlite3 -cmd "$load" good.db .dump >copy.sql &&
		echo "PRAGMA application_id = $(sqlite3 good.db "PRAGMA application_id");" >>copy.sql &&
		echo "PRAGMA user_version = $(sqlite3 good.db "PRAGMA user_version");" >>copy.sql
	fi &&
	sqlite3 -cmd "$load" copy.db <copy.sql >/dev/null 2>&1;
	jiedai --db viacopy.db recover copy.db >out && test_grep "60 件事项，办理记录完整" out &&
	jiedai --db viacopy.db check >out && test_grep "完好无误" out &&
	jiedai --db viacopy.db list --format tsv --limit 100 >copy.tsv && test_cmp good.tsv copy.tsv
'

test_done
