/* ctl_feedback.h: signpostctl feedback export (the Friends and Family Test: monthly
 * counts as NHS England collects them, or the sealed comments with the PALS key) and
 * usage export (the kiosk's daily usage figures). */
#ifndef SIGNPOST_CTL_FEEDBACK_H
#define SIGNPOST_CTL_FEEDBACK_H

#include "ctl_args.h"

int ctl_feedback_export(const CtlUsage *cmd, int argc, char **argv);
int ctl_usage_export(const CtlUsage *cmd, int argc, char **argv);

#endif
