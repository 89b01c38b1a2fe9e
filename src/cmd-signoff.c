/* cmd-signoff.c — `jiedai signoff NUMBER [--note TEXT]`: sign the ticket off the ledger (销号). */
#include "cmd.h"

int cmd_signoff(struct jd *jd, int argc, char **argv)
{
	return cmd_text_step(jd, argc, argv, "signoff", "note", STEP_SIGNOFF);
}
