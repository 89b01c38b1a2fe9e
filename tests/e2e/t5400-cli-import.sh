#!/bin/sh
test_description='jiedai import: lossless round trip, idempotence, damaged files, county roll-up of stations'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# county ARGS...: jiedai on the county ledger.
county() {
	"$JIEDAI" --db "$TRASH/county.db" "$@"
}

test_expect_success 'setup: the hand-built ledger of station LJ, exported' '
	build_report_ledger &&
	JIEDAI_NOW=2026-04-01T10:00:00 jiedai export --format jsonl -o lj.jsonl >/dev/null
'
export JIEDAI_NOW=2026-04-01T10:00:00

# An export without what belongs to the exporting ledger alone (export.h,
# version 2): its "event" lines, the ids and seals of its events, the count of
# them and the header's station code.
body() {
	grep -v "^{\"type\":\"event\"" "$1" |
	sed "s/{\"id\":[0-9]*,\"at\"/{\"at\"/g; s/,\"hash\":\"[0-9a-f]*\"}/}/g; s/,\"events\":[0-9]*}\$/}/; s/,\"station\":\"[A-Z0-9]*\"}\$/}/"
}

test_expect_success 'export, import into an empty ledger, export again: the same but for the seals of the exporting ledger' '
	county init --station-code XC --station-name 某县人大常委会 >/dev/null &&
	LANGUAGE=en county import lj.jsonl >out &&
	test_grep "10 tickets added, 0 brought up to date, 0 unchanged" out &&
	test_grep "2 reception days added" out &&
	county export --format jsonl -o again.jsonl >/dev/null &&
	body lj.jsonl >b1 && body again.jsonl >b2 && test_cmp b1 b2
'

test_expect_success 'the imported tickets keep their numbers, history and figures' '
	county show LJ-2026-0002 >show &&
	test_grep "张三明" show &&
	county report --month 2026-03 --format json >county.json &&
	jiedai report --month 2026-03 --format json >station.json &&
	sed "s/\"station\":{[^}]*}//" county.json >a && sed "s/\"station\":{[^}]*}//" station.json >b &&
	test_cmp b a
'

test_expect_success 'importing the same file again changes nothing' '
	LANGUAGE=en county import lj.jsonl >out &&
	test_grep "0 tickets added, 0 brought up to date, 10 unchanged; 0 reception days added, 0 brought up to date; 0 voters and 0 deputies added" out &&
	county export --format jsonl -o again2.jsonl >/dev/null &&
	body lj.jsonl >b1 && body again2.jsonl >b2 && test_cmp b1 b2
'

test_expect_success 'the county numbers its own tickets from 1: its counter was not disturbed' '
	county add --name 冯一 --category 其他 --issue 县里的事 >num &&
	echo XC-2026-0001 >expect && test_cmp expect num &&
	county export --format jsonl -o county-before.jsonl >/dev/null
'

test_expect_success 'a damaged line is reported with its number and nothing is imported' '
	sed "12s/\"status\":\"ready\"/\"status\":\"finished\"/" lj.jsonl >bad.jsonl &&
	! cmp -s lj.jsonl bad.jsonl &&
	"$JIEDAI" --db "$TRASH/fresh.db" init --station-code XD >/dev/null &&
	LANGUAGE=en test_exit_code 1 "$JIEDAI" --db "$TRASH/fresh.db" import bad.jsonl >out 2>err &&
	test_grep "line 12: .*finished" err && test_grep "nothing was imported" err &&
	"$JIEDAI" --db "$TRASH/fresh.db" list --format tsv >rows && test $(wc -l <rows) -eq 1 &&
	"$JIEDAI" --db "$TRASH/fresh.db" export --format jsonl >fresh.jsonl &&
	test $(grep -vc "^{\"type\":\"event\"" fresh.jsonl) -eq 2
'

test_expect_success 'JSON cut in the middle of a line, a line lost, a file cut short: all refused' '
	{ head -n 16 lj.jsonl; sed -n 17p lj.jsonl | cut -c 1-80; } >cut.jsonl &&
	LANGUAGE=en test_exit_code 1 "$JIEDAI" --db "$TRASH/fresh.db" import cut.jsonl 2>err &&
	test_grep "line 17: the line is not a JSON object" err &&
	sed 9d lj.jsonl >lost.jsonl &&
	LANGUAGE=en test_exit_code 1 "$JIEDAI" --db "$TRASH/fresh.db" import lost.jsonl 2>err &&
	test_grep "line 9: " err &&
	head -n 20 lj.jsonl >short.jsonl &&
	LANGUAGE=en test_exit_code 1 "$JIEDAI" --db "$TRASH/fresh.db" import short.jsonl 2>err &&
	test_grep "cut short" err &&
	grep -v "\"type\":\"end\"" lj.jsonl | sed "s/^/x/" >junk.jsonl &&
	LANGUAGE=en test_exit_code 1 "$JIEDAI" --db "$TRASH/fresh.db" import junk.jsonl 2>err &&
	test_grep "line 1: " err &&
	"$JIEDAI" --db "$TRASH/fresh.db" export --format jsonl >fresh2.jsonl &&
	body fresh.jsonl >b1 && body fresh2.jsonl >b2 && test_cmp b1 b2
'

test_expect_success 'a damaged file leaves a county ledger exactly as it was' '
	LANGUAGE=en test_exit_code 1 county import bad.jsonl 2>err &&
	test_grep "line 12" err &&
	county export --format jsonl -o county-after.jsonl >/dev/null &&
	body county-before.jsonl >b1 && body county-after.jsonl >b2 && test_cmp b1 b2
'

test_expect_success 'a second station: numbers stay apart, the report counts both' '
	export JIEDAI_DB="$TRASH/xh.db" &&
	JIEDAI_NOW=2026-03-05T09:00:00 jiedai init --station-code XH --station-name 新华村联络站 >/dev/null &&
	JIEDAI_NOW=2026-03-05T09:00:00 jiedai day open --deputies 刘红 >/dev/null &&
	JIEDAI_NOW=2026-03-05T09:10:00 jiedai add --name 何二 --phone 13811112222 --category 农业农村 --issue 灌溉 >/dev/null &&
	JIEDAI_NOW=2026-03-05T09:20:00 jiedai add --name 吕三 --category 民生事业 --issue 饮水 >/dev/null &&
	JIEDAI_NOW=2026-03-05T12:00:00 jiedai day close >/dev/null &&
	jiedai export --format jsonl -o xh1.jsonl >/dev/null &&
	JIEDAI_NOW=2026-03-06T09:00:00 jiedai handover XH-2026-0001 --to 镇水利站 --days 5 >/dev/null &&
	JIEDAI_NOW=2026-03-09T09:00:00 jiedai answer XH-2026-0001 --method 电话 --text 已修 >/dev/null &&
	jiedai export --format jsonl -o xh2.jsonl >/dev/null &&
	unset JIEDAI_DB &&
	LANGUAGE=en county import xh1.jsonl >out &&
	test_grep "2 tickets added" out &&
	county report --month 2026-03 --format json >r.json &&
	sqlite3 :memory: "SELECT json_extract(value, \"\$.station\") || \" \" || json_extract(value, \"\$.tickets\") || \" \" || json_extract(value, \"\$.days\")
		FROM json_each(json_extract(readfile(\"r.json\"), \"\$.by_station\"))" >got &&
	printf "LJ 7 2\nXH 2 1\n" >expect && test_cmp expect got &&
	county list --format tsv | cut -f 1 | tail -n +2 | sort >numbers &&
	sort -u numbers >unique && test_cmp numbers unique && test $(wc -l <numbers) -eq 13
'

test_expect_success 'a later export brings tickets up to date; an older one changes nothing' '
	LANGUAGE=en county import xh2.jsonl >out &&
	test_grep "0 tickets added, 1 brought up to date, 1 unchanged" out &&
	county list --format tsv | awk -F "\t" "\$1 == \"XH-2026-0001\" { print \$2 }" >st &&
	echo answered >expect && test_cmp expect st &&
	county export --format jsonl -o c1.jsonl >/dev/null &&
	LANGUAGE=en county import xh1.jsonl >out &&
	test_grep "0 tickets added, 0 brought up to date, 2 unchanged" out &&
	county export --format jsonl -o c2.jsonl >/dev/null &&
	body c1.jsonl >b1 && body c2.jsonl >b2 && test_cmp b1 b2 &&
	body c2.jsonl | grep "\"station\":\"XH\"" | grep "\"type\":\"ticket\"" >county-xh &&
	body xh2.jsonl | grep "\"type\":\"ticket\"" >station-xh &&
	test_cmp station-xh county-xh
'

test_expect_success 'tickets with the county ledger'"'"'s own station code are refused' '
	"$JIEDAI" --db "$TRASH/other-xc.db" init --station-code XC >/dev/null &&
	JIEDAI_NOW=2025-12-01T09:00:00 "$JIEDAI" --db "$TRASH/other-xc.db" add --name 卫五 --category 其他 --issue 别处 >num &&
	echo XC-2025-0001 >expect && test_cmp expect num &&
	"$JIEDAI" --db "$TRASH/other-xc.db" export --format jsonl -o other-xc.jsonl >/dev/null &&
	county export --format jsonl -o before.jsonl >/dev/null &&
	LANGUAGE=en test_exit_code 1 county import other-xc.jsonl 2>err &&
	test_grep "own station code" err &&
	county export --format jsonl -o after.jsonl >/dev/null &&
	body before.jsonl >b1 && body after.jsonl >b2 && test_cmp b1 b2
'

test_expect_success 'restoring a backup into a new ledger with the same code: numbering goes on' '
	"$JIEDAI" --db "$TRASH/restored.db" init --station-code LJ >/dev/null &&
	"$JIEDAI" --db "$TRASH/restored.db" import lj.jsonl >/dev/null &&
	"$JIEDAI" --db "$TRASH/restored.db" export --format jsonl -o restored.jsonl >/dev/null &&
	body lj.jsonl >b1 && body restored.jsonl >b2 && test_cmp b1 b2 &&
	"$JIEDAI" --db "$TRASH/restored.db" add --name 褚六 --category 其他 --issue 接着记 >num &&
	echo LJ-2026-0011 >expect && test_cmp expect num
'

test_expect_success 'a progress bar on a terminal, nothing on stderr otherwise' '
	"$JIEDAI" --db "$TRASH/quiet.db" init --station-code XQ >/dev/null &&
	"$JIEDAI" --db "$TRASH/quiet.db" import lj.jsonl >out 2>err &&
	test ! -s err
'

test_expect_success TMUX 'the bar itself' '
	"$JIEDAI" --db "$TRASH/tty.db" init --station-code XT >/dev/null &&
	tmux_start -x 100 -y 10 -e LANGUAGE=en -- "$JIEDAI" --db "$TRASH/tty.db" import "$TRASH/lj.jsonl" &&
	wait_for "[exited 0]" &&
	screen >scr &&
	tmux_stop &&
	test_grep -F "100%" scr &&
	test_grep -F "[####" scr &&
	test_grep -F "10 tickets added" scr
'

# edit FILE CODE: each line of FILE as a Perl hash in $_, changed by CODE (which
# may set $drop to leave the line out), on standard output.
edit() {
	perl -Mutf8 -MJSON::PP -ne 'BEGIN { $j = JSON::PP->new->utf8->canonical } $l = $j->decode($_);
		$drop = 0; { local $_ = $l; '"$2"'; } print $j->encode($l), "\n" unless $drop' "$1"
}

test_expect_success 'an export made before the chain (no state in its events) imports, and the ledger checks out' '
	edit lj.jsonl "\$drop = 1 if \$_->{type} eq \"event\" || \$_->{type} eq \"station\";
		if (\$_->{type} eq \"header\") { \$_->{version} = 1; delete \$_->{station} }
		delete \$_->{events} if \$_->{type} eq \"end\";
		delete @\$_{qw(state id hash)} for @{\$_->{type} eq \"ticket\" ? \$_->{events} : []}" >old.jsonl &&
	! grep -q "\"state\"" old.jsonl &&
	"$JIEDAI" --db "$TRASH/old.db" init --station-code XO >/dev/null &&
	LANGUAGE=en "$JIEDAI" --db "$TRASH/old.db" import old.jsonl >out &&
	test_grep "10 tickets added" out &&
	"$JIEDAI" --db "$TRASH/old.db" check >out &&
	"$JIEDAI" --db "$TRASH/old.db" show LJ-2026-0005 >show && test_grep "镇农业服务中心" show
'

# refused NAME CODE TEXT: old.jsonl changed by CODE is refused by a new ledger XC
# with a message holding TEXT, and leaves it as it was: its own numbering goes on.
refused() {
	edit old.jsonl "$2" >"$1.jsonl" && ! cmp -s old.jsonl "$1.jsonl" &&
	"$JIEDAI" --db "$TRASH/$1.db" init --station-code XC >/dev/null &&
	"$JIEDAI" --db "$TRASH/$1.db" export --format jsonl -o "$1-before.jsonl" >/dev/null &&
	LANGUAGE=en test_exit_code 1 "$JIEDAI" --db "$TRASH/$1.db" import "$1.jsonl" 2>err &&
	test_grep -F "$3" err && test_grep "nothing was imported" err &&
	"$JIEDAI" --db "$TRASH/$1.db" export --format jsonl -o "$1-after.jsonl" >/dev/null &&
	# The same but for the exports themselves (each is a take, recorded) and the count of events.
	grep -v -e "\"kind\":\"export\"" -e "\"type\":\"end\"" "$1-before.jsonl" >"$1-before.kept" &&
	grep -v -e "\"kind\":\"export\"" -e "\"type\":\"end\"" "$1-after.jsonl" >"$1-after.kept" &&
	test_cmp "$1-before.kept" "$1-after.kept" &&
	"$JIEDAI" --db "$TRASH/$1.db" add --name 冯一 --category 其他 --issue 县里的事 >num &&
	echo XC-2026-0001 >expect && test_cmp expect num &&
	"$JIEDAI" --db "$TRASH/$1.db" check >/dev/null
}

test_expect_success 'a ticket of station ZZ numbered XC-2026-0001 is refused: XC goes on numbering' '
	refused zz "if ((\$_->{key} // \$_->{number} // \"\") eq \"LJ-2026-0001\") {
		\$_->{key} = \"XC-2026-0001\" if \$_->{type} eq \"voter\";
		if (\$_->{type} eq \"ticket\") { \$_->{number} = \$_->{voter} = \"XC-2026-0001\"; \$_->{station} = \"ZZ\" }
	}" "does not agree with its station ZZ"
'

test_expect_success 'a sequence of 2^63-1 is refused: it would end the year'"'"'s numbering' '
	refused seq "if ((\$_->{key} // \$_->{number} // \"\") eq \"LJ-2026-0010\") {
		\$_->{key} = \"LJ-2026-9223372036854775807\" if \$_->{type} eq \"voter\";
		if (\$_->{type} eq \"ticket\") { \$_->{number} = \$_->{voter} = \"LJ-2026-9223372036854775807\"; \$_->{seq} = 9223372036854775807 }
	}" "field '"'"'seq'"'"'"
'

test_expect_success 'dates that are not dates are refused: created_at, due dates, answer dates, event times' '
	refused date "\$_->{created_at} = \"not-a-date\" if (\$_->{number} // \"\") eq \"LJ-2026-0002\"" \
		"field '"'"'created_at'"'"' is not a date and time" &&
	refused due "\$_->{due_date} = \"2026-02-30\" if (\$_->{number} // \"\") eq \"LJ-2026-0003\"" \
		"field '"'"'due_date'"'"' is not a date" &&
	refused answered "\$_->{answer_date} = \"soon\" if (\$_->{number} // \"\") eq \"LJ-2026-0002\"" \
		"field '"'"'answer_date'"'"' is not a date" &&
	refused at "\$_->{events}[0]{at} = \"2026-03-03T25:00\" if (\$_->{number} // \"\") eq \"LJ-2026-0004\"" \
		"field '"'"'at'"'"' is not a date and time"
'

test_expect_success 'station codes follow the rule of the setting: 满意 and [] are refused' '
	refused code1 "\$_->{station} = \"满意\" if \$_->{type} eq \"day\"; \$_->{day_station} = \"满意\" if \$_->{day_station}" \
		"is not a station code" &&
	refused code2 "\$_->{station} = \"[]\" if \$_->{type} eq \"ticket\"" "is not a station code"
'

test_expect_success 'lengths: a text longer than any form allows, a name longer than a person has, are refused' '
	refused long "\$_->{issue} = \"长\" x 5001 if (\$_->{number} // \"\") eq \"LJ-2026-0006\"" \
		"field '"'"'issue'"'"' is longer than 5000 characters" &&
	refused person "\$_->{deputy} = \"王\" x 65 if (\$_->{number} // \"\") eq \"LJ-2026-0006\"" \
		"field '"'"'deputy'"'"' is longer than 64 characters"
'

test_expect_success 'a ticket with no history is refused' '
	refused nohistory "\$_->{events} = [] if (\$_->{number} // \"\") eq \"LJ-2026-0007\"" "has no history"
'

test_expect_success 'a file with numbers missing is refused: check would find the gap' '
	refused gap "\$drop = (\$_->{key} // \$_->{number} // \"\") eq \"LJ-2026-0008\";
		\$gone += @{\$_->{events} || []} if \$drop && \$_->{type} eq \"ticket\";
		if (\$_->{type} eq \"end\") { \$_->{voters}--; \$_->{tickets}--; \$_->{events} -= \$gone }" "have gaps"
'

test_expect_success 'a head of another station comes in as a deputy: the ledger checks out' '
	"$JIEDAI" --db "$TRASH/hh.db" init --station-code HH >/dev/null &&
	"$JIEDAI" --db "$TRASH/hh.db" user add nobody --deputy 老王 --role head >/dev/null &&
	"$JIEDAI" --db "$TRASH/hh.db" add --name 甲 --category 其他 --issue 事 --deputy 老王 >/dev/null &&
	"$JIEDAI" --db "$TRASH/hh.db" export --format jsonl -o hh.jsonl >/dev/null &&
	test_grep "\"role\":\"head\"" hh.jsonl &&
	county import hh.jsonl >/dev/null &&
	county check >/dev/null
'

test_expect_success 'after every import this script accepted, every ledger checks out' '
	for db in county fresh xh other-xc restored quiet old; do
		"$JIEDAI" --db "$TRASH/$db.db" check >/dev/null || { echo "$db fails its check"; return 1; }
	done
'

test_expect_success 'usage (who may import: t6000)' '
	county export --format jsonl -o before.jsonl >/dev/null &&
	test_exit_code 2 county import 2>err &&
	test_exit_code 3 county import "$TRASH/missing.jsonl" 2>err &&
	county export --format jsonl -o after.jsonl >/dev/null &&
	body before.jsonl >b1 && body after.jsonl >b2 && test_cmp b1 b2
'

test_done
