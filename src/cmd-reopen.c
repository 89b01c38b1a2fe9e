/* cmd-reopen.c — `jiedai reopen NUMBER --reason TEXT`: handle it again (重新办理). */
#include "cmd.h"

int cmd_reopen(struct jd *jd, int argc, char **argv)
{
	return cmd_text_step(jd, argc, argv, "reopen", "reason", STEP_REOPEN);
}
