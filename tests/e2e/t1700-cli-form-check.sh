#!/bin/sh
test_description='form files: form-check, and jiedai refuses to start on a broken form'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'the shipped forms are correct' '
	jiedai form-check "$JIEDAI_SRC"/forms/*.form >out &&
	test "$(wc -l <out)" -eq 7
'

test_expect_success 'a broken form is refused with its line number' '
	sed "s/^kind multiline/kind multi-line/; s/^lable/label/" "$JIEDAI_SRC/forms/intake.form" >intake.form &&
	test_exit_code 1 jiedai form-check intake.form 2>err &&
	line=$(grep -n "^kind multi-line" intake.form | cut -d: -f1) &&
	test_grep "intake.form:$line: " err && test_grep "multi-line" err
'

test_expect_success 'every problem is listed, not only the first' '
	printf "form intake\nfield name\nlable 姓名\nkind text\nwidth wide\n" >two.form &&
	test_exit_code 1 jiedai form-check two.form 2>err &&
	test_grep "two.form:3:" err && test_grep "two.form:5:" err
'

test_expect_success 'jiedai will not start with a broken form, and says where' '
	mkdir forms && cp "$JIEDAI_SRC"/forms/*.form forms/ && cp intake.form forms/ &&
	jiedai init >/dev/null &&
	test_exit_code 1 jiedai --forms forms add --name 张三 --category 其他 --issue x 2>err &&
	test_grep "intake.form:$(grep -n "^kind multi-line" forms/intake.form | cut -d: -f1):" err &&
	jiedai list --format tsv | tail -n +2 | wc -l >n && echo 0 >expect && test_cmp expect n
'

test_expect_success 'a station can add its own fields and choices' '
	cp "$JIEDAI_SRC"/forms/*.form forms/ &&
	printf "\nfield village\nlabel 村组 | Village\nkind choice\nrequired\noption 一组\noption 二组\n" >>forms/intake.form &&
	jiedai form-check forms/intake.form >out &&
	test_exit_code 1 jiedai --forms forms add --name 张三 --category 其他 --issue x 2>err &&
	test_grep "村组" err &&
	jiedai --forms forms add --name 张三 --category 其他 --issue x --field village=二组 >n &&
	jiedai --forms forms show "$(cat n)" >out && test_grep "村组 *二组" out &&
	jiedai config forms_dir "$TRASH/forms" &&
	jiedai show "$(cat n)" >out && test_grep "村组 *二组" out
'

test_done
