# lib-report-ledger.sh — a hand-built ledger with known answers, for the
# register, report, export and import tests (sourced after test-lib.sh).
#
# build_report_ledger makes, through the CLI with a fixed clock, station LJ
# (陵江镇人大代表联络站) with:
#
#   2026-02-20  LJ-2026-0001 吴十      农业农村  (February: outside March)
#   reception day 2026-03-03, deputies 王芳 and 李强:
#     0002 张三明 13800138000  农业农村  王芳  handed over, answered 03-08 (5 days), 满意, signed off
#     0003 张三明 (again)      城建交通  李强  handed over, due 03-13: overdue on 04-01
#     0004 李四 0827-5551234   社会保障  王芳  answered on the spot (0 days), 满意
#     0005 王五                农业农村  李强  answered 03-13, 不满意 on 03-15: back with due 03-30
#   reception day 2026-03-17, deputy 王芳:
#     0006 赵六 13912345678    教科文卫  王芳  "=1+2…", answered 03-20 (3 days), 基本满意
#     0007 钱七 13700001111    环境保护  王芳  voided (重复登记)
#     0008 孙八 13600002222    社会保障  王芳  "-医保…", only registered
#   2026-03-25, no reception day:
#     0009 周九 13500003333    城建交通  李强  "@村委会…", answered 03-30 (5 days), not rated
#   2026-04-01  LJ-2026-0010 郑十一    民生事业  (April: outside March)
#
# Hand count for March, as of 2026-04-01 (see report.h for the definitions):
#   days 2; voters 6 (张三明 counts once, 钱七 only voided); issues 7, voided 1;
#   answered 4 (0002 0004 0006 0009); resolved 3 (0002 0004 0006) = 3/7 = 42.86 %;
#   rated 4: 满意 2, 基本满意 1, 不满意 1; satisfaction 3/4 = 75.00 %;
#   overdue 2 (0003 due 03-13, 0005 due 03-30); average days (5+0+3+5)/4 = 3.25.

# The issue of 0005 holds a comma, double quotes and a newline.
ISSUE5='关于"高标准农田"建设，
请尽快安排，谢谢'

build_report_ledger() {
	JIEDAI_NOW=2026-02-20T09:00:00 jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	JIEDAI_NOW=2026-02-20T09:00:00 jiedai add --name 吴十 --category 农业农村 --issue 二月的事 >/dev/null &&

	export JIEDAI_NOW=2026-03-03T09:00:00 &&
	jiedai day open --deputies 王芳,李强 --place 陵江镇便民服务中心 >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --address 三组 --category 农业农村 --deputy 王芳 \
		--issue '村里的灌溉水渠年久失修，春耕用水困难' --field request=春耕前修好 >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --address 三组 --category 城建交通 --deputy 李强 \
		--issue '路灯不亮' >/dev/null &&
	jiedai add --name 李四 --phone 0827-5551234 --category 社会保障 --deputy 王芳 --issue '低保怎么申请' \
		--on-the-spot '已当场解释申请条件和材料' --rating 满意 >/dev/null &&
	jiedai add --name 王五 --category 农业农村 --deputy 李强 --issue "$ISSUE5" >/dev/null &&
	jiedai handover LJ-2026-0002 --to 镇水利站 --due 2026-03-18 >/dev/null &&
	jiedai handover LJ-2026-0003 --to 镇建设办 --due 2026-03-13 >/dev/null &&
	jiedai handover LJ-2026-0005 --to 镇农业服务中心 --due 2026-03-20 >/dev/null &&
	jiedai day close >/dev/null &&

	JIEDAI_NOW=2026-03-08T15:00:00 jiedai answer LJ-2026-0002 --method 电话 --text 已安排维修 --date 2026-03-08 >/dev/null &&
	JIEDAI_NOW=2026-03-09T10:00:00 jiedai rate LJ-2026-0002 满意 >/dev/null &&
	JIEDAI_NOW=2026-03-10T10:00:00 jiedai signoff LJ-2026-0002 --note 已办结 >/dev/null &&
	JIEDAI_NOW=2026-03-13T10:00:00 jiedai answer LJ-2026-0005 --method 书面答复 --text 已列入计划 >/dev/null &&
	JIEDAI_NOW=2026-03-15T10:00:00 jiedai rate LJ-2026-0005 不满意 >/dev/null &&

	export JIEDAI_NOW=2026-03-17T09:00:00 &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 赵六 --phone 13912345678 --category 教科文卫 --deputy 王芳 \
		--issue '=1+2 学校门口缺少斑马线' >/dev/null &&
	jiedai add --name 钱七 --phone 13700001111 --category 环境保护 --deputy 王芳 --issue '垃圾清运不及时' >/dev/null &&
	jiedai add --name 孙八 --phone 13600002222 --category 社会保障 --deputy 王芳 --issue '-医保报销比例' >/dev/null &&
	jiedai void LJ-2026-0007 --reason 重复登记 >/dev/null &&
	jiedai handover LJ-2026-0006 --to 县交通局 --days 10 >/dev/null &&
	jiedai day close >/dev/null &&
	JIEDAI_NOW=2026-03-20T10:00:00 jiedai answer LJ-2026-0006 --method 当面 --text 已施划 --date 2026-03-20 >/dev/null &&
	JIEDAI_NOW=2026-03-21T10:00:00 jiedai rate LJ-2026-0006 基本满意 >/dev/null &&

	export JIEDAI_NOW=2026-03-25T11:00:00 &&
	jiedai add --name 周九 --phone 13500003333 --category 城建交通 --deputy 李强 --issue '@村委会 修路' >/dev/null &&
	jiedai handover LJ-2026-0009 --to 镇建设办 --days 10 >/dev/null &&
	JIEDAI_NOW=2026-03-30T10:00:00 jiedai answer LJ-2026-0009 --method 电话 --text 已安排 >/dev/null &&

	JIEDAI_NOW=2026-04-01T08:00:00 jiedai add --name 郑十一 --category 民生事业 --issue 四月的事 >/dev/null &&
	export JIEDAI_NOW=2026-04-01T10:00:00
}

# xlsx_cells FILE.xlsx [N]: every cell of the first sheet (or sheet N) as
# "REF<TAB>text", read back from the XML inside (shared strings and inline
# strings resolved, newlines in a cell shown as \n).  Needs unzip and perl.
xlsx_cells() {
	unzip -p "$1" xl/sharedStrings.xml >.ss.xml 2>/dev/null || : >.ss.xml
	unzip -p "$1" "xl/worksheets/sheet${2:-1}.xml" >.sheet.xml &&
	perl -e '
		sub slurp { local $/; open my $f, "<", $_[0] or die "$_[0]: $!"; my $s = <$f>; return $s }
		sub text {
			my ($x) = @_; my $t = "";
			while ($x =~ m{<t(?:\s[^>]*)?>(.*?)</t>}sg) { $t .= $1 }
			$t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&apos;/\x27/g;
			$t =~ s/&amp;/&/g; $t =~ s/\n/\\n/g;
			return $t;
		}
		my @ss; my $s = slurp(".ss.xml");
		while ($s =~ m{<si>(.*?)</si>}sg) { push @ss, text($1) }
		my $x = slurp(".sheet.xml");
		while ($x =~ m{<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)}sg) {
			my ($r, $a, $b) = ($1, $2, $3);
			next unless defined $b;
			if ($a =~ /t="s"/) { $b =~ m{<v>([0-9]+)</v>} and print "$r\t$ss[$1]\n" }
			elsif ($a =~ /t="inlineStr"/) { print "$r\t", text($b), "\n" }
			elsif ($b =~ m{<v>(.*?)</v>}) { print "$r\t$1\n" }
		}
	'
}

# csv_records FILE: parse CSV by RFC 4180 (after the BOM) and print each
# record's fields separated by tabs, newlines inside a field shown as \n.
csv_records() {
	perl -e '
		local $/; open my $f, "<", $ARGV[0] or die "$ARGV[0]: $!"; my $s = <$f>;
		$s =~ s/^\xEF\xBB\xBF//;
		my @rec; my $field = "";
		my $i = 0; my $n = length $s; my $inq = 0;
		while ($i < $n) {
			my $c = substr($s, $i, 1);
			if ($inq) {
				if ($c eq "\"") {
					if (substr($s, $i + 1, 1) eq "\"") { $field .= "\""; $i += 2; next }
					$inq = 0; $i++; next;
				}
				$field .= $c; $i++; next;
			}
			if ($c eq "\"") { die "quote inside a field at $i\n" if length $field; $inq = 1; $i++; next }
			if ($c eq ",") { push @rec, $field; $field = ""; $i++; next }
			if ($c eq "\r" && substr($s, $i + 1, 1) eq "\n") {
				push @rec, $field; $field = "";
				print join("\t", map { (my $x = $_) =~ s/\n/\\n/g; $x } @rec), "\n";
				@rec = (); $i += 2; next;
			}
			die "bare line end at $i\n" if $c eq "\n" || $c eq "\r";
			$field .= $c; $i++;
		}
		die "unterminated quote\n" if $inq;
		die "no CRLF after the last record\n" if @rec || length $field;
	' "$1"
}
