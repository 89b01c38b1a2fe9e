#!/bin/sh
test_description='hostile text: the ledger accepts one kind of text, and nothing prints raw'
. "$(dirname "$0")/test-lib.sh"

EXT="$JIEDAI_BUILD/jiedai_fts.so"
# OSC 52: write "rm -rf ~" to the clipboard of whoever's terminal prints it.
OSC52=$(printf '\033]52;c;cm0gLXJmIH4K\007')
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')		# U+202E right-to-left override
LRI=$(printf '\342\201\246')		# U+2066 left-to-right isolate
ZWSP=$(printf '\342\200\213')		# U+200B zero-width space
LSEP=$(printf '\342\200\250')		# U+2028 line separator
NBSP=$(printf '\302\240')		# U+00A0 no-break space
CSI1=$(printf '\302\233')		# U+009B, a one-byte CSI to many terminals

# The file holds nothing that steers a terminal: no C0 control but tab and
# newline, no DEL, no C1, no bidi control, no U+2028/2029, no zero-width or
# other invisible format character.  Offending lines are shown escaped.
no_control() {
	perl -ne '
		if (/[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f\xad]|\xd8\x9c|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xaf]|\xef\xbb\xbf/) {
			(my $l = $_) =~ s/([^\x20-\x7e\n])/sprintf("\\x%02x", ord $1)/ge;
			print STDERR "control characters in line $.: $l";
			$bad = 1;
		}
		END { exit($bad ? 1 : 0) }' "$@"
}

# Every line of a TSV file has as many cells as its header.
tsv_rectangular() {
	awk -F'\t' 'NR == 1 { n = NF } NF != n { print "line " NR " has " NF " cells, not " n; bad = 1 }
		END { exit bad }' "$1"
}

# The file parses as JSON.
json_ok() {
	perl -MJSON::PP -e 'local $/; JSON::PP->new->decode(<>)' "$1"
}

# jiedai_exits N ARGS...: jiedai ARGS exits with N, its stderr left in the
# file err (without the shell's trace, which would quote the hostile input).
jiedai_exits() {
	{ set +x; } 2>/dev/null
	want=$1
	shift
	"$JIEDAI" "$@" 2>err
	rc=$?
	set -x
	if [ "$rc" -ne "$want" ]; then
		echo "jiedai exited $rc, expected $want" >&2
		return 1
	fi
}

count_tickets() {
	jiedai list --format tsv | tail -n +2 | wc -l
}

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 --place 便民中心 >/dev/null
'

test_expect_success 'an OSC 52 in SSH_CONNECTION is not kept: show, list and search print no escape' '
	SSH_CONNECTION="$OSC52" jiedai add --name 张三 --category 农业农村 --issue 水渠失修 >num &&
	n=$(cat num) &&
	SSH_CLIENT="10.0.0.1${ESC}[2J 1 22" jiedai handover "$n" --to 水利站 --days 10 >/dev/null &&
	jiedai show "$n" >out && no_control out && test_grep 张三 out &&
	jiedai show "$n" --format json >out.json && no_control out.json && json_ok out.json &&
	test_grep "\"client\":\"\"" out.json && ! grep "52;c" out.json &&
	jiedai list >out && no_control out && test_grep 张三 out &&
	jiedai list --format tsv >out && no_control out &&
	jiedai search 张三 >out && no_control out && test_grep 张三 out
'

test_expect_success 'a plain address in SSH_CONNECTION is still kept' '
	SSH_CONNECTION="10.1.2.3 50000 10.1.2.1 22" jiedai answer "$(cat num)" --method 电话 --text 已安排 >/dev/null &&
	jiedai show "$(cat num)" --format json >out.json && test_grep "\"client\":\"10.1.2.3\"" out.json
'

test_expect_success 'JIEDAI_ACTOR and --as with an escape sequence are refused, nothing is saved' '
	before=$(count_tickets) &&
	JIEDAI_ACTOR="李${OSC52}强" jiedai_exits 1 add --name 李四 --category 农业农村 --issue 路灯 &&
	no_control err && test_grep "JIEDAI_ACTOR" err && test_grep "U+001B" err &&
	jiedai_exits 1 --as "李${ESC}[31m强" add --name 李四 --category 农业农村 --issue 路灯 &&
	no_control err && test_grep "U+001B" err &&
	jiedai_exits 1 --as "李${RLO}强" add --name 李四 --category 农业农村 --issue 路灯 &&
	test_grep "U+202E" err &&
	jiedai_exits 1 --as "$NBSP$NBSP" add --name 李四 --category 农业农村 --issue 路灯 &&
	test "$(count_tickets)" = "$before" &&
	jiedai --as 李强 add --name 李四 --category 农业农村 --issue 路灯 >/dev/null &&
	test "$(count_tickets)" = "$((before + 1))"
'

test_expect_success 'user add refuses a login that is not a portable Unix name' '
	jiedai_exits 1 user add "wang${OSC52}" --deputy 王芳 &&
	no_control err && test_grep "U+001B" err &&
	jiedai_exits 1 user add "wang fang" --deputy 王芳 &&
	jiedai_exits 1 user add --deputy 王芳 -- -wang &&
	jiedai_exits 1 user add "wang${ESC}" --shared &&
	jiedai user list >out && no_control out && ! grep wang out &&
	jiedai user add wang.fang --deputy 王芳 >/dev/null &&
	jiedai user list >out && test_grep "wang.fang" out
'

test_expect_success 'add refuses bidi overrides, zero-width characters, U+2028 and names of only NBSP' '
	before=$(count_tickets) &&
	jiedai_exits 1 add --name "张${RLO}三" --category 农业农村 --issue 水渠 &&
	test_grep "U+202E" err &&
	jiedai_exits 1 add --name "${LRI}张三" --category 农业农村 --issue 水渠 &&
	test_grep "U+2066" err &&
	jiedai_exits 1 add --name "张${ZWSP}三" --category 农业农村 --issue 水渠 &&
	test_grep "U+200B" err &&
	jiedai_exits 1 add --name 张三 --category 农业农村 --issue "水渠${LSEP}失修" &&
	test_grep "U+2028" err &&
	jiedai_exits 1 add --name "$NBSP$NBSP$NBSP" --category 农业农村 --issue 水渠 &&
	jiedai_exits 1 add --name 张三 --category 农业农村 --issue "水渠${CSI1}2J" &&
	test_grep "U+009B" err &&
	jiedai_exits 1 add --name 张三 --category 农业农村 --issue 水渠 --address "$(printf "a\tb")" &&
	jiedai_exits 1 day open --place "便民${ESC}]0;x" && no_control err &&
	jiedai day open --deputies "王芳,$NBSP$NBSP" --place 便民中心 >/dev/null &&
	jiedai day show >out && test_grep 王芳 out && ! grep "$NBSP" out &&
	test "$(count_tickets)" = "$before"
'

test_expect_success 'error messages that quote what was typed print no escape' '
	jiedai_exits 1 show "LJ-${OSC52}" && no_control err && test_grep "LJ-" err &&
	jiedai_exits 2 list --status "${ESC}[2J" && no_control err && test_grep "2J" err &&
	jiedai_exits 2 "no${ESC}]0;command" && no_control err && test_grep "command" err
'

test_expect_success SQLITE3 'what an older ledger holds is printed clean: table, TSV, JSON, history, day, receipt' '
	n=$(cat num) &&
	jiedai add --name 钱七 --category 农业农村 --issue 桥坏了 >num2 &&
	sqlite3 -cmd ".load $EXT" "$JIEDAI_DB" "
		UPDATE tickets SET name = \"赵\" || char(27) || \"]52;c;cm0gLXJmIH4K\" || char(7) || \"六\",
			address = \"村\" || char(9) || \"组\" || char(10) || \"二\",
			issue = \"水渠\" || char(27) || \"]0;cut short\",
			deputy = \"王\" || char(155) || \"31m芳\" || char(8238),
			unit = \"水利站\" || char(8232),
			extra = json_object(\"request\", \"修\" || char(27) || \"[2J好\")
		WHERE number = \"$n\";
		INSERT INTO events(ticket_id, at, kind, actor, login, client, data, hash)
			SELECT id, \"2026-03-10 10:00:00\", \"print\", \"x\" || char(27) || \"[8m\", \"l\" || char(7),
				char(27) || \"]52;c;eA==\" || char(7), json_object(\"dest\", char(27) || \"P\"), zeroblob(32)
			FROM tickets WHERE number = \"$n\";
		UPDATE reception_days SET place = \"便民\" || char(27) || \"]2;x\" || char(7);
		INSERT INTO deputies(name, created_at) VALUES(\"王\" || char(8238) || \"芳\", \"2026-03-10 10:00:00\");
		INSERT INTO users(login, deputy_id, role, created_at)
			SELECT \"evil\" || char(27) || \"[2J\", max(id), \"deputy\", \"2026-03-10 10:00:00\" FROM deputies;" &&
	jiedai list >out && no_control out && test_grep "钱七" out && test_grep "$(cat num2)" out &&
	test "$(grep -c "^LJ-2026-" out)" = "$(count_tickets)" &&
	jiedai list --format tsv >out && no_control out && tsv_rectangular out &&
	test "$(wc -l <out)" = "$(($(count_tickets) + 1))" &&
	jiedai list --format json >out.json && no_control out.json && json_ok out.json &&
	test_grep "\\\\u001b\\]52" out.json && test_grep "\\\\u009b" out.json && test_grep "\\\\u202e" out.json &&
	test_grep "\\\\u2028" out.json && test_grep "\\\\u001b\\[2J" out.json &&
	jiedai show "$n" >out && no_control out && test_grep "办理记录" out &&
	jiedai show "$n" --format json >out.json && no_control out.json && json_ok out.json &&
	perl -MJSON::PP -e "local \$/; my \$t = JSON::PP->new->decode(<>);
		exit(\$t->{name} eq \"赵\\x{1b}]52;c;cm0gLXJmIH4K\\x{7}六\" && \$t->{events}[-1]{client} =~ /^\\x{1b}/ ? 0 : 1)" out.json &&
	jiedai search 赵 >out && no_control out && test_grep "LJ-" out &&
	jiedai search 赵 --format tsv >out && no_control out && tsv_rectangular out &&
	jiedai queue >out && no_control out &&
	jiedai day show >out && no_control out && test_grep "便民" out &&
	jiedai user list >out && no_control out && test_grep evil out &&
	jiedai lookup "$n" --check "$(jiedai show "$n" --format json | perl -MJSON::PP -e "local \$/; print JSON::PP->new->decode(<>)->{check_code}")" >out &&
	no_control out &&
	jiedai receipt "$n" >out && no_control out && test_grep "$n" out &&
	jiedai report >out && no_control out &&
	jiedai register --internal >out && no_control out && test_grep "赵" out
'

test_expect_success 'setup: an export of another station to import' '
	JIEDAI_DB="$TRASH/xh.db" jiedai init --station-code XH >/dev/null &&
	JIEDAI_DB="$TRASH/xh.db" jiedai day open --deputies 王芳 --place 便民中心 >/dev/null &&
	JIEDAI_DB="$TRASH/xh.db" SSH_CONNECTION="10.1.2.3 5 10.1.2.1 22" \
		jiedai add --name 张三 --category 农业农村 --issue 水渠 --field request=修好 >/dev/null &&
	JIEDAI_DB="$TRASH/xh.db" jiedai handover XH-2026-0001 --to 水利站 --days 10 >/dev/null &&
	JIEDAI_DB="$TRASH/xh.db" jiedai answer XH-2026-0001 --method 电话 --text 已修 >/dev/null &&
	JIEDAI_DB="$TRASH/xh.db" jiedai export --format jsonl -o xh.jsonl >/dev/null &&
	JIEDAI_DB="$TRASH/ok.db" jiedai init --station-code XC >/dev/null &&
	JIEDAI_DB="$TRASH/ok.db" jiedai import xh.jsonl >/dev/null &&
	JIEDAI_DB="$TRASH/ok.db" jiedai list --format tsv >out && test_grep XH-2026-0001 out
'

# hostile_import NAME FROM TO: replace the text FROM by TO (JSON) in the
# export; importing the result must be refused, with no escape on stderr
# and nothing imported.
hostile_import() {
	perl -pe "s/\\Q$2\\E/$3/" xh.jsonl >"$1.jsonl" &&
	! cmp -s xh.jsonl "$1.jsonl" &&
	JIEDAI_DB="$TRASH/$1.db" jiedai init --station-code XC >/dev/null &&
	JIEDAI_DB="$TRASH/$1.db" jiedai_exits 1 import "$1.jsonl" && mv err "$1.err" &&
	no_control "$1.err" &&
	JIEDAI_DB="$TRASH/$1.db" jiedai list --format tsv >"$1.out" &&
	test "$(wc -l <"$1.out")" = 1
}

test_expect_success 'import refuses escapes, C1 and cut sequences in every kind of field' '
	hostile_import name "\"name\":\"张三\",\"phone\":\"\",\"address\":\"\",\"category\"" \
		"\"name\":\"张\\\\u001b]52;c;cm0gLXJmIH4K\\\\u0007三\",\"phone\":\"\",\"address\":\"\",\"category\"" &&
	test_grep "U+001B" name.err &&
	hostile_import voter "\"key\":\"XH-2026-0001\",\"name\":\"张三\"" "\"key\":\"XH-2026-0001\",\"name\":\"张\\\\u009b三\"" &&
	test_grep "U+009B" voter.err &&
	hostile_import deputy "\"type\":\"deputy\",\"name\":\"王芳\"" "\"type\":\"deputy\",\"name\":\"王\\\\u001b芳\"" &&
	hostile_import place "\"place\":\"便民中心\"" "\"place\":\"便民\\\\u001b]0;\"" &&
	hostile_import deputies "\"deputies\":[\"王芳\"]" "\"deputies\":[\"王\\\\u009b31m芳\"]" &&
	hostile_import actor "\"actor\":\"root\",\"login\":\"root\",\"client\":\"10.1.2.3\"" \
		"\"actor\":\"r\\\\u001b[2Joot\",\"login\":\"root\",\"client\":\"10.1.2.3\"" &&
	hostile_import login "\"login\":\"root\",\"client\":\"10.1.2.3\"" "\"login\":\"ro\\\\u001bot\",\"client\":\"10.1.2.3\"" &&
	hostile_import client "\"client\":\"10.1.2.3\"" "\"client\":\"\\\\u001b]52;c;cm0gLXJmIH4K\\\\u0007\"" &&
	hostile_import client2 "\"client\":\"10.1.2.3\"" "\"client\":\"10.1.2.3 evil\"" &&
	hostile_import text "\"text\":\"已修\"" "\"text\":\"已修\\\\u001b]0;\"" &&
	hostile_import unit "\"unit\":\"水利站\",\"due_date\":\"2026-03-20\",\"method\":null" \
		"\"unit\":\"水利\\\\u009b站\",\"due_date\":\"2026-03-20\",\"method\":null" &&
	hostile_import method "\"method\":\"电话\",\"rating\":null" "\"method\":\"电\\\\u001b话\",\"rating\":null" &&
	hostile_import extra "\"extra\":{\"request\":\"修好\"}" "\"extra\":{\"request\":\"修\\\\u001b好\"}" &&
	hostile_import data "\"data\":{},\"state\":{\"answer_date\"" \
		"\"data\":{\"k\":\"\\\\u001b[8m\"},\"state\":{\"answer_date\"" &&
	hostile_import nul "\"issue\":\"水渠\"" "\"issue\":\"水\\\\u0000渠\"" &&
	hostile_import rawc1 "\"issue\":\"水渠\"" "\"issue\":\"水\\xc2\\x9b渠\""
'

test_expect_success 'import refuses bidi overrides, zero-width characters, U+2028 and names of only NBSP' '
	hostile_import bidi "\"voter\":\"XH-2026-0001\",\"name\":\"张三\"" "\"voter\":\"XH-2026-0001\",\"name\":\"张\\\\u202e三\"" &&
	test_grep "U+202E" bidi.err &&
	hostile_import isolate "\"voter\":\"XH-2026-0001\",\"name\":\"张三\"" "\"voter\":\"XH-2026-0001\",\"name\":\"\\\\u2066张三\"" &&
	hostile_import zwsp "\"voter\":\"XH-2026-0001\",\"name\":\"张三\"" "\"voter\":\"XH-2026-0001\",\"name\":\"张\\\\u200b三\"" &&
	test_grep "U+200B" zwsp.err &&
	hostile_import lsep "\"issue\":\"水渠\"" "\"issue\":\"水\\\\u2028渠\"" &&
	test_grep "U+2028" lsep.err &&
	hostile_import nbsp "\"voter\":\"XH-2026-0001\",\"name\":\"张三\"" "\"voter\":\"XH-2026-0001\",\"name\":\"\\\\u00a0\\\\u00a0\"" &&
	hostile_import nbsp_voter "\"key\":\"XH-2026-0001\",\"name\":\"张三\"" "\"key\":\"XH-2026-0001\",\"name\":\"\\\\u3000\\\\u00a0\""
'

test_expect_success 'a multi-line issue still imports, with its newline' '
	perl -pe "s/\"issue\":\"水渠\"/\"issue\":\"水渠\\\\n失修\"/g" xh.jsonl >ml.jsonl &&
	JIEDAI_DB="$TRASH/ml.db" jiedai init --station-code XC >/dev/null &&
	JIEDAI_DB="$TRASH/ml.db" jiedai import ml.jsonl >/dev/null &&
	JIEDAI_DB="$TRASH/ml.db" jiedai show XH-2026-0001 --format json >out.json &&
	test_grep "水渠\\\\n失修" out.json
'

test_done
