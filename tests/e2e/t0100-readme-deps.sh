#!/bin/sh
test_description='README.md names the packages of src/install-deps.sh once each'
. "$(dirname "$0")/test-lib.sh"

# The "Dependencies (Debian packages)" section of README.md.
deps_section() {
	sed -n '/^## Dependencies (Debian packages)/,/^## /p' "$JIEDAI_SRC/README.md" | sed '$d'
}

test_expect_success 'one list per kind, no stray repeat' '
	deps_section >deps &&
	test "$(grep -c "^Build:" deps)" = 1 &&
	test "$(grep -c "^Tests:" deps)" = 1 &&
	test "$(grep -c "^Benchmarks:" deps)" = 1 &&
	test "$(grep -c "install-deps.sh. holds these lists" deps)" = 1 &&
	test "$(grep -c "^terminal description" deps)" = 1
'

test_expect_success 'every package of install-deps.sh is named' '
	for kind in build test bench; do
		sed -n "s/^${kind}_pkgs=\"\(.*\)\"/\1/p" "$JIEDAI_SRC/src/install-deps.sh" | tr " " "\n" >pkgs &&
		test -s pkgs &&
		while read -r p; do
			grep -q "\`$p\`" deps || { echo "README does not name $p"; return 1; }
		done <pkgs || return 1
	done
'

test_done
