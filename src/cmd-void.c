/* cmd-void.c — `jiedai void NUMBER --reason TEXT`: void a mistaken ticket (作废); nothing is deleted. */
#include "cmd.h"

int cmd_void(struct jd *jd, int argc, char **argv)
{
	return cmd_text_step(jd, argc, argv, "void", "reason", STEP_VOID);
}
