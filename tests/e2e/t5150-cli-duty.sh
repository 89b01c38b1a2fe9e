#!/bin/sh
test_description='jiedai duty: the deputies'"'"' duty record, figures equal to the report by deputy, a page each, read back'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# same_figures REPORT.tsv DUTY.tsv: every column the two share by title
# (days, voters, issues, answered, resolved, rated, ratings, satisfaction,
# overdue) holds the same value for each deputy, and both name the same
# deputies.  Prints what it compared.
same_figures() {
	perl -e '
		sub rows {
			my ($f) = @_; open my $h, "<", $f or die "$f: $!";
			my $head = <$h>; chomp $head; my @t = split /\t/, $head, -1; my @r;
			while (my $l = <$h>) { chomp $l; my @v = split /\t/, $l, -1; my %x; @x{@t} = @v; push @r, \%x }
			return (\@t, \@r);
		}
		my ($rt, $rr) = rows($ARGV[0]); my ($dt, $dr) = rows($ARGV[1]);
		my %dep = map { $_->{Deputy} => $_ } @$dr;
		my %rep = map { $_->{Name} => $_ } grep { $_->{Group} eq "Deputy" && $_->{Name} ne "" } @$rr;
		my @common = grep { my $c = $_; $c ne "Group" && $c ne "Name" && grep { $_ eq $c } @$dt } @$rt;
		die "too few columns in common: @common\n" if @common < 10;
		die "deputies differ: report [@{[sort keys %rep]}], duty [@{[sort keys %dep]}]\n"
			unless join(",", sort keys %rep) eq join(",", sort keys %dep);
		for my $n (sort keys %rep) {
			for my $c (@common) {
				die "$n: $c is $rep{$n}{$c} in the report, $dep{$n}{$c} in the duty record\n"
					if $rep{$n}{$c} ne $dep{$n}{$c};
			}
			print "$n: ", join(" ", map { "$_=$rep{$n}{$_}" } @common), "\n";
		}
	' "$1" "$2"
}

test_expect_success 'setup: the hand-built ledger, and a paper day where 赵敏 received nobody' '
	build_report_ledger &&
	jiedai day open --date 2026-03-20 --deputies 赵敏 --place 陵江镇二村 >/dev/null
'
export JIEDAI_NOW=2026-04-01T10:00:00

test_expect_success 'CSV: each deputy'"'"'s figures are the report'"'"'s by-deputy figures of the same year' '
	LANGUAGE=en jiedai report --from 2026-01-01 --to 2026-12-31 --format csv >r.csv &&
	LANGUAGE=en jiedai duty --year 2026 --format csv >d.csv &&
	csv_records r.csv >r.tsv && csv_records d.csv >d.tsv &&
	same_figures r.tsv d.tsv >compared &&
	cat compared &&
	test_grep "^王芳: Reception days=2 Voters=4 Issues=4 Answered=3 Resolved=3 " compared &&
	test_grep "^李强: Reception days=1 Voters=3 Issues=3 Answered=1 Resolved=0 " compared &&
	test_grep "^赵敏: Reception days=1 Voters=0 Issues=0 " compared
'

test_expect_success 'the same for another period, and for a month with nothing' '
	LANGUAGE=en jiedai report --from 2026-03-17 --to 2026-03-31 --format csv >r2.csv &&
	LANGUAGE=en jiedai duty --from 2026-03-17 --to 2026-03-31 -o d2.csv &&
	csv_records r2.csv >r2.tsv && csv_records d2.csv >d2.tsv &&
	same_figures r2.tsv d2.tsv >compared2 &&
	test_grep "^王芳: Reception days=1 Voters=2 Issues=2 " compared2 &&
	jiedai duty --from 2026-05-01 --to 2026-05-31 >empty.txt &&
	test_grep "这段时间没有代表参加接待日或接待选民" empty.txt
'

test_expect_success 'CSV: the dates attended, and the items followed through to 销号 with their ratings' '
	perl -F"\t" -lane "print join \"|\", @F[0,4,16,17,18]" d.tsv >cols &&
	test_grep -x "王芳|2026-03-03, 2026-03-17|1|1|0" cols &&
	test_grep -x "李强|2026-03-03|0|0|0" cols &&
	test_grep -x "赵敏|2026-03-20|0|0|0" cols
'

test_expect_success 'text: one page per deputy, parted by form feeds, each fitting an A4 page' '
	jiedai duty --year 2026 >all.txt &&
	n=$(tr -cd "\f" <all.txt | wc -c) && test "$n" -eq 3 &&
	awk "BEGIN { RS = \"\f\" } { n = split(\$0, l, \"\n\"); if (n > 60) { print \"page \" NR \" has \" n \" lines\"; bad = 1 } } END { exit bad }" all.txt &&
	test $(grep -c "代表履职情况记实表\$" all.txt) -eq 4
'

test_expect_success 'text: 王芳'"'"'s page, every line of the record' '
	jiedai duty --year 2026 --deputy 王芳 >wf.txt &&
	! grep -q "$(printf "\f")" wf.txt &&
	sed "s/  */ /g; s/^ //" wf.txt >norm &&
	test_grep -x "代表：王芳" norm &&
	test_grep -x "2026 年（2026-01-01 至 2026-12-31），数字截至 2026-04-01" norm &&
	test_grep -x "参加接待选民日 2 次" norm &&
	test_grep -x "接待日期 2026-03-03、2026-03-17" norm &&
	test_grep -x "接待选民 4 人" norm &&
	test_grep -x "登记意见建议 4 件" norm &&
	test_grep -x "已答复 3 件" norm &&
	test_grep -x "已解决或基本解决 3 件，占意见建议的 75.00 %" norm &&
	test_grep -x "跟进到销号 1 件（满意 1 件，基本满意 0 件）" norm &&
	test_grep -x "选民评价 已评价 3 件：满意 2，基本满意 1，不满意 0；满意率 100.00 %" norm &&
	test_grep -x "超期未答复 0 件" norm &&
	test_grep "^代表签字：" norm &&
	test_grep "^台账校验码 [0-9A-F-]*（办理记录共 [0-9]* 条）\$" norm
'

test_expect_success 'a duty record holds no voter'"'"'s name, phone or address, in any format' '
	jiedai duty --year 2026 -o all.xlsx &&
	unzip -p all.xlsx >all.xml &&
	for f in all.txt d.csv all.xml; do
		if grep -e 张三明 -e 李四 -e 王五 -e 赵六 -e 孙八 -e 周九 -e 1380013 -e 三组 "$f"; then
			echo "personal data in $f"; exit 1
		fi
	done
'

test_expect_success 'XLSX: a sheet per deputy, named for them, laid out down an A4 page' '
	unzip -p all.xlsx xl/workbook.xml | grep -o "<sheet name=\"[^\"]*\"" | sed "s/.*=\"//; s/\"//" >sheets &&
	printf "%s\n" root 李强 王芳 赵敏 >expect && test_cmp expect sheets &&
	xlsx_cells all.xlsx 3 >wf.cells &&
	test_grep "代表：王芳" wf.cells &&
	test_grep "	参加接待选民日\$" wf.cells && test_grep "	2 次\$" wf.cells &&
	test_grep "	2026-03-03、2026-03-17\$" wf.cells &&
	test_grep "	1 件（满意 1 件，基本满意 0 件）\$" wf.cells &&
	for i in 1 2 3 4; do
		unzip -p all.xlsx xl/worksheets/sheet$i.xml >s.xml &&
		test_grep "paperSize=\"9\"" s.xml && test_grep "orientation=\"portrait\"" s.xml || return 1
	done
'

test_expect_success '--print: a page per deputy on the receipt printer (a spool file)' '
	jiedai config print_dest ./spool.bin >/dev/null &&
	jiedai duty --year 2026 --print >out &&
	test $(grep -c "spool.bin" out) -eq 4 && test_grep "王芳" out &&
	test $(grep -c "代表履职情况记实表" out) -eq 0 &&
	iconv -f GB18030 -t UTF-8 <spool.bin 2>/dev/null | tr -d "\000-\037" >spool.txt;
	test_grep "参加接待选民日" spool.txt
'

test_expect_success 'a deputy the ledger does not have; usage errors' '
	test_exit_code 1 jiedai duty --deputy 无此人 2>err &&
	test_grep "台账里没有代表“无此人”" err &&
	test_exit_code 2 jiedai duty --year 26 2>err &&
	test_exit_code 2 jiedai duty --year 2026 --from 2026-01-01 --to 2026-02-01 2>err &&
	test_exit_code 2 jiedai duty --format pdf 2>err &&
	test_exit_code 2 jiedai duty --print -o x.txt 2>err &&
	test_exit_code 2 jiedai duty --deputy "" 2>err
'

test_expect_success 'without a period: this year' '
	LANGUAGE=en jiedai duty --format csv >now.csv && csv_records now.csv >now.tsv &&
	test_cmp d.tsv now.tsv
'

test_expect_success 'an item followed up by another deputy is followed through by both' '
	n=$(JIEDAI_NOW=2026-04-02T09:00:00 jiedai add --name 钱多多 --category 其他 --issue 路灯不亮 --deputy 王芳 2>/dev/null) &&
	jiedai follow "$n" --deputy 李强 >/dev/null &&
	jiedai handover "$n" --to 镇水利站 --days 5 >/dev/null && jiedai answer "$n" --method 电话 --text 已修 >/dev/null &&
	jiedai rate "$n" 满意 >/dev/null && jiedai signoff "$n" >/dev/null &&
	LANGUAGE=en jiedai duty --from 2026-04-01 --to 2026-04-30 --format csv >d4.csv && csv_records d4.csv >d4.tsv &&
	perl -F"\t" -lane "print join \"|\", @F[0,16,17]" d4.tsv >cols4 &&
	test_grep -x "王芳|1|1" cols4 && test_grep -x "李强|1|1" cols4
'

test_done
