# lib-hostile.sh — files a person could plant to attack jiedai through its
# environment (sourced after test-lib.sh).
#
#   hostile_catalogue DIR   DIR/{zh_CN,zh,en,C}/LC_MESSAGES/jiedai.mo: the
#       shipped catalogue with every translation replaced by a format that
#       reads and writes what printf was never passed — "%1$n %2$p %3$p
#       %4$s" for a message with conversions, "EVIL %n %p %s" for one
#       without — built with msgfmt and no --check, as a person can.
#   hostile_files DIR       DIR/… the rest: a preload library and an lp that
#       leave a mark in DIR/marks if they ever run, forms with a category
#       named EVIL, a ledger, a configuration, a terminfo, a time-zone file,
#       a file where a directory is expected.
#   hostile_env DIR         prints VAR=VALUE words for env(1): every
#       variable of issue 17 and more, pointing at DIR's files.

hostile_catalogue() {
	mkdir -p "$1" &&
	perl -e '
		local $/ = "";
		my $first = 1;
		while (my $e = <STDIN>) {
			if ($first) { print $e; $first = 0; next }	# the header
			(my $ids = $e) =~ s/^msgstr.*//ms;
			$ids =~ s/^msgctxt.*?(?=^msgid)//ms;
			my $conv = $ids =~ /%[^%]/;
			my $new = $conv ? q{%1$n %2$p %3$p %4$s} : q{EVIL %n %p %s};
			# msgfmt insists that both begin and end alike with a newline.
			my ($mid) = $ids =~ /^msgid (.*?)(?=^msgid_plural|\z)/ms;
			my $val = join "", $mid =~ /"((?:[^"\\]|\\.)*)"/g;
			$new = "\\n$new" if $val =~ /^\\n/;
			$new = "$new\\n" if $val =~ /\\n$/;
			my $plural = $e =~ /^msgid_plural/m;
			$e =~ s/^msgstr.*//ms;
			$e .= $plural ? qq{msgstr[0] "$new"\n\n} : qq{msgstr "$new"\n\n};
			print $e;
		}' <"$JIEDAI_SRC/src/po/zh_CN.po" >"$1/hostile.po" &&
	for l in zh_CN zh en C; do
		mkdir -p "$1/$l/LC_MESSAGES" &&
		msgfmt -o "$1/$l/LC_MESSAGES/jiedai.mo" "$1/hostile.po" || return 1
	done
}

hostile_files() {
	d=$1
	mkdir -p "$d/bin" "$d/lib" "$d/forms" "$d/terminfo/x" "$d/zoneinfo" "$d/xdg/jiedai" "$d/gconv" &&
	printf '#include <stdio.h>\n#include <stdlib.h>\n__attribute__((constructor)) static void evil(void) { FILE *f = fopen("%s/marks", "a"); if (f) { fputs("preload\\n", f); fclose(f); } }\n' "$d" >"$d/evil.c" &&
	cc -shared -fPIC -o "$d/lib/libevil.so" "$d/evil.c" &&
	cp "$d/lib/libevil.so" "$d/lib/libc.so.6" &&
	printf '#!/bin/sh\necho lp >>"%s/marks"\n' "$d" >"$d/bin/lp" && chmod +x "$d/bin/lp" &&
	cp "$JIEDAI_SRC"/forms/* "$d/forms/" &&
	sed -i "s/^\(choices.*\)农业农村/\1EVIL/" "$d/forms/intake.form" &&
	printf 'db = %s/ledger.db\nforms = %s/forms\n' "$d" "$d" >"$d/jiedai.conf" &&
	printf 'not a ledger\n' >"$d/ledger.db" &&
	printf 'xterm|evil,\n\tcup=EVIL%%p1%%d, clear=EVIL,\n' >"$d/terminfo.src" &&
	{ tic -o "$d/terminfo" "$d/terminfo.src" 2>/dev/null || :; } &&
	printf 'TZif-not-really' >"$d/tz" && cp "$d/tz" "$d/zoneinfo/Asia" &&
	printf 'not a directory\n' >"$d/notadir" &&
	printf 'module INTERNAL EVIL// evil 1\n' >"$d/gconv/gconv-modules" &&
	printf 'localhost evil.example\n' >"$d/hosts"
}

hostile_env() {
	d=$1
	echo "JIEDAI_LOCALEDIR=$d/locale LOCPATH=$d/locale NLSPATH=$d/locale/%L/%N TEXTDOMAINDIR=$d/locale" \
		"LANGUAGE=../../evil:zh_CN LC_MESSAGES=../../../$d/locale" \
		"GCONV_PATH=$d/gconv LD_PRELOAD=$d/lib/libevil.so LD_LIBRARY_PATH=$d/lib LD_AUDIT=$d/lib/libevil.so" \
		"TERMINFO=$d/terminfo TERMINFO_DIRS=$d/terminfo TERMCAP=$d/terminfo.src HOSTALIASES=$d/hosts" \
		"MALLOC_CHECK_=3 MALLOC_PERTURB_=85 GLIBC_TUNABLES=glibc.malloc.check=3" \
		"JIEDAI_FORMS=$d/forms JIEDAI_DB=$d/ledger.db JIEDAI_CONF=$d/jiedai.conf XDG_DATA_HOME=$d/xdg" \
		"JIEDAI_SEARCH=scan JIEDAI_ACTOR=王芳 JIEDAI_IDLE_MS=1" \
		"TMPDIR=$d/notadir SQLITE_TMPDIR=$d/notadir TZ=$d/tz TZDIR=$d/zoneinfo" \
		"PGSERVICEFILE=$d/hosts PGSYSCONFDIR=$d PATH=$d/bin:/usr/bin:/bin" \
		"RESOLV_HOST_CONF=$d/hosts LOCALDOMAIN=evil.example RES_OPTIONS=debug NCURSES_TRACE=8191 ESCDELAY=1"
}
