#!/bin/sh
test_description='jiedai print: to a file, a network printer, a CUPS queue and the terminal; reprints; failures'
. "$(dirname "$0")/test-lib.sh"

DECODE="$JIEDAI_BUILD/tests/helper/escpos-decode"
LISTEN="$JIEDAI_BUILD/tests/helper/jd-listen"
PTY="$JIEDAI_BUILD/tests/helper/jd-pty"

# The kinds of the ticket's events, one a line.
events() {
	jiedai show --format json "$1" | sed -n 's/.*"kind":"\([a-z]*\)".*/\1/p'
}

# wait_file FILE: until it exists and is not empty (a helper writes it).
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	test -s "$1"
}

test_expect_success 'setup' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	for n in 1 2 3 4 5 6; do
		jiedai add --name 张三明 --phone 13800138000 --category 农业农村 \
			--issue "灌溉水渠年久失修$n" >/dev/null || return 1
	done
'

test_expect_success 'with no printer set, print says how to set one' '
	test_exit_code 1 env LANGUAGE=en "$JIEDAI" print LJ-2026-0001 2>err &&
	test_grep "print_dest" err &&
	test -z "$(events LJ-2026-0001 | grep print)"
'

test_expect_success 'print to a file path records a print; the paper has no 补打' '
	jiedai print LJ-2026-0001 --to ./p1.bin >out &&
	"$DECODE" p1.bin --max-cols 32 >paper &&
	test_grep "LJ-2026-0001" paper && test_grep "张\*明" paper && ! grep -q 补打 paper &&
	events LJ-2026-0001 | grep print >ev && echo print >expect && test_cmp expect ev
'

test_expect_success 'a second print is a reprint, with 补打 on the paper' '
	jiedai print LJ-2026-0001 --to ./p2.bin >out &&
	"$DECODE" p2.bin >paper && test_grep 补打 paper &&
	events LJ-2026-0001 | grep print >ev && printf "print\nreprint\n" >expect && test_cmp expect ev &&
	jiedai show LJ-2026-0001 >out && test_grep "p2.bin, 58mm" out
'

test_expect_success 'a scanned receipt can be reprinted; a wrong check code prints nothing' '
	check=$(jiedai show LJ-2026-0001 | awk "NR==2 {print \$NF}") &&
	jiedai print "JD:LJ-2026-0001:$check" --to ./p2s.bin >out &&
	"$DECODE" p2s.bin >paper && test_grep 补打 paper &&
	bad=34679 && { [ "$bad" != "$check" ] || bad=34677; } &&
	test_exit_code 1 jiedai print "JD:LJ-2026-0001:$bad" --to ./bad.bin 2>err &&
	! test -e bad.bin &&
	events LJ-2026-0001 | grep print >ev && printf "print\nreprint\nreprint\n" >expect && test_cmp expect ev
'

test_expect_success 'the print_dest setting is the default destination' '
	test_must_fail jiedai config print_dest printer1 2>err &&
	jiedai config print_dest ./station.bin >/dev/null &&
	jiedai print LJ-2026-0002 >out && test -s station.bin &&
	events LJ-2026-0002 | grep -c print >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'a printer that refuses writes: exit 1, ticket unchanged, nothing recorded' '
	jiedai list --format tsv >list.before &&
	jiedai show --format json LJ-2026-0003 >show.before &&
	test_exit_code 1 jiedai print LJ-2026-0003 --to /dev/full 2>err &&
	test_grep "/dev/full" err &&
	mkdir -p notaprinter &&
	test_exit_code 1 jiedai print LJ-2026-0003 --to ./notaprinter 2>err &&
	test_grep "notaprinter" err &&
	jiedai list --format tsv >list.after && test_cmp list.before list.after &&
	jiedai show --format json LJ-2026-0003 >show.after && test_cmp show.before show.after
'

test_expect_success 'the next print after a failure is the first print' '
	jiedai print LJ-2026-0003 --to ./p3.bin >/dev/null &&
	"$DECODE" p3.bin >paper && ! grep -q 补打 paper &&
	events LJ-2026-0003 | grep print >ev && echo print >expect && test_cmp expect ev
'

test_expect_success 'print to a network printer (tcp:HOST:PORT)' '
	rm -f port && "$LISTEN" port net.bin & lpid=$! &&
	wait_file port &&
	jiedai print LJ-2026-0004 --to "tcp:127.0.0.1:$(cat port)" --profile 80mm >out &&
	wait $lpid &&
	"$DECODE" net.bin --max-cols 48 >paper && test_grep "LJ-2026-0004" paper &&
	test_grep "^\[image 576x" paper &&
	events LJ-2026-0004 | grep -c print >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'a network printer that does not answer: exit 1 naming it, nothing recorded' '
	port=$("$LISTEN" --free-port) &&
	test_exit_code 1 jiedai print LJ-2026-0005 --to "tcp:127.0.0.1:$port" 2>err &&
	test_grep "tcp:127.0.0.1:$port" err &&
	test -z "$(events LJ-2026-0005 | grep print)"
'

test_expect_success 'print to a CUPS queue runs lp -d QUEUE -o raw with the receipt' '
	mkdir -p bin &&
	cat >bin/lp <<-EOF &&
	#!/bin/sh
	printf "%s\n" "\$@" >"$TRASH/lp.args"
	cat >"$TRASH/lp.data"
	echo "request id is Receipt58-7 (1 file(s))"
	EOF
	chmod +x bin/lp &&
	PATH="$TRASH/bin:$PATH" jiedai print LJ-2026-0005 --to lp:Receipt58 >out &&
	printf "%s\n" -d Receipt58 -o raw >expect && test_cmp expect lp.args &&
	"$DECODE" lp.data >paper && test_grep "LJ-2026-0005" paper &&
	events LJ-2026-0005 | grep -c print >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'a queue that refuses the job: lp says why, nothing recorded' '
	mkdir -p badbin &&
	printf "#!/bin/sh\ncat >/dev/null\necho \"lp: The printer or class does not exist.\" >&2\nexit 1\n" >badbin/lp &&
	chmod +x badbin/lp &&
	PATH="$TRASH/badbin:$PATH" test_exit_code 1 "$JIEDAI" print LJ-2026-0006 --to lp:Nope 2>err &&
	test_grep "does not exist" err &&
	test -z "$(events LJ-2026-0006 | grep print)"
'

test_expect_success 'terminal pass-through: CSI 5 i, the exact ESC/POS bytes, CSI 4 i' '
	jiedai receipt LJ-2026-0006 --format escpos -o expect.bin &&
	"$PTY" tty.out "$JIEDAI" print LJ-2026-0006 --to terminal &&
	perl -0777 -ne "print \$1 if /\\e\\[5i(.*)\\e\\[4i/s" tty.out >actual.bin &&
	test -s actual.bin && cmp expect.bin actual.bin &&
	events LJ-2026-0006 | grep -c print >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'terminal printing needs a terminal' '
	test_exit_code 1 setsid -w "$JIEDAI" print LJ-2026-0002 --to terminal </dev/null >out 2>err &&
	events LJ-2026-0002 | grep -c print >n && echo 1 >expect && test_cmp expect n
'

test_expect_success ZBAR 'the test page: Chinese text, a ruler and a QR code, recorded nowhere' '
	jiedai list --format tsv >list.before &&
	jiedai print --test --to ./test.bin >out &&
	"$DECODE" test.bin --pbm test.pbm --max-cols 32 >paper &&
	test_grep "人大代表联络站接待选民日" paper && test_grep "12345678901234567890123456789012" paper &&
	zbarimg --nodbus -q --raw test.pbm >qr && echo "JIEDAI PRINT TEST" >expect && test_cmp expect qr &&
	jiedai print --test --to ./test80.bin --profile 80mm >out &&
	"$DECODE" test80.bin --max-cols 48 >paper &&
	test_grep "123456789012345678901234567890123456789012345678" paper &&
	jiedai list --format tsv >list.after && test_cmp list.before list.after &&
	"$PTY" tty.out "$JIEDAI" print --test --to terminal && grep -q "$(printf "\033")\[4i" tty.out
'

test_expect_success 'usage errors' '
	test_exit_code 2 jiedai print 2>err &&
	test_exit_code 2 jiedai print --test LJ-2026-0001 2>err &&
	test_exit_code 2 jiedai print LJ-2026-0001 --qr svg 2>err &&
	test_exit_code 1 jiedai print LJ-2026-0001 --to ./x.bin --profile 76mm 2>err
'

test_done
