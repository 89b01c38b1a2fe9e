#!/bin/sh
test_description='two deputies over SSH at once, each recording a ticket on the screen'
. "$(dirname "$0")/test-lib.sh"

. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"

U1=jdsa$$ U2=jdsb$$
PORT=$((20000 + $$ % 20000))
OTHER="jd$$-other"

other() {
	(TMUX_SOCKET=$OTHER && "$@")
}

# The ssh command a deputy's client runs: a login with a terminal, running jiedai.
ssh_cmd() {
	echo "ssh -tt -i $TRASH/client -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR $1@127.0.0.1 $SG"
}

test_expect_success ROOT,SSHD 'setup: logins, keys, a private sshd on 127.0.0.1' '
	box_setup_install &&
	# "*" and not "!": sshd without PAM refuses locked accounts.
	box_users -p "*" $U1 $U2 &&
	jiedai init --shared "$SHARED" --station-code LJ >/dev/null &&
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" >/dev/null &&
	jiedai user add $U1 --deputy 王芳 --role head >/dev/null &&
	jiedai user add $U2 --deputy 李强 --role deputy >/dev/null &&
	"$SG" day open --deputies 王芳,李强 >/dev/null &&
	ssh-keygen -q -t ed25519 -N "" -f "$TRASH/hostkey" &&
	ssh-keygen -q -t ed25519 -N "" -f "$TRASH/client" &&
	mkdir -p "$TRASH/keys" && for u in $U1 $U2; do cp "$TRASH/client.pub" "$TRASH/keys/$u" || return 1; done &&
	chmod 755 "$TRASH/keys" &&
	chmod 644 "$TRASH"/keys/* &&
	cat >"$TRASH/sshd_config" <<-EOC &&
	Port $PORT
	ListenAddress 127.0.0.1
	HostKey $TRASH/hostkey
	PidFile $TRASH/sshd.pid
	AuthorizedKeysFile $TRASH/keys/%u
	StrictModes no
	UsePAM no
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PubkeyAuthentication yes
	SetEnv ASAN_OPTIONS=$SGASAN
	EOC
	mkdir -p /run/sshd && /usr/sbin/sshd -f "$TRASH/sshd_config" -E "$TRASH/sshd.log" &&
	for i in $(seq 50); do [ -s "$TRASH/sshd.pid" ] && break; sleep 0.1; done &&
	test -s "$TRASH/sshd.pid"
'
test_at_exit "kill \$(cat $TRASH/sshd.pid); tmux -L $OTHER kill-server"

test_expect_success ROOT,SSHD,TMUX 'two logins run the screen at once' '
	tmux_start -- $(ssh_cmd $U1) && wait_for "接待日" 20 &&
	other tmux_start -- $(ssh_cmd $U2) && other wait_for "接待日" 20 &&
	screen | head -n 1 | grep -q 王芳 && other screen | head -n 1 | grep -q 李强
'

test_expect_success ROOT,SSHD,TMUX 'each records a ticket at the same time' '
	key 1 && other key 1 && wait_for "姓名" && other wait_for "姓名" &&
	type_text "张三" && other type_text "李四" &&
	key Tab Tab Tab && other key Tab Tab Tab &&
	type_text "农" && other type_text "社" && key Enter && other key Enter &&
	type_text "水渠失修" && other type_text "低保申请" &&
	key F2 && other key F2 &&
	wait_for "第" 10 && other wait_for "第" 10 &&
	test "$(jiedai list --format tsv | tail -n +2 | wc -l)" -eq 2
'

test_expect_success ROOT,SSHD,TMUX 'each sees the other ticket; the events show login and address' '
	key Escape && wait_for "登记事项 2" 5 && other key Escape && other wait_for "登记事项 2" 5 &&
	jiedai list --format tsv --search 张三 | tail -n +2 | cut -f1 >n1 &&
	jiedai list --format tsv --search 李四 | tail -n +2 | cut -f1 >n2 &&
	n1=$(cat n1) && n2=$(cat n2) && test -n "$n1" && test -n "$n2" &&
	jiedai show "$n1" >s1 && test_grep "王芳 ($U1) @127.0.0.1" s1 &&
	jiedai show "$n2" >s2 && test_grep "李强 ($U2) @127.0.0.1" s2
'

test_expect_success ROOT,SSHD,TMUX 'only the head may void, even on the screen' '
	n2=$(cat n2) &&
	other type_text "$n2" && other key Enter && other wait_for "低保申请" &&
	other key 6 && other wait_for "站长" &&
	test "$(tsv_field "$n2" 2)" = registered &&
	key F10 && wait_for "[exited 0]" 10 &&
	other key Escape && other key F10 && other wait_for "[exited 0]" 10
'

test_done
