/* ctl_publish.h: signpostctl's publishing commands, kept apart from the command table in
 * signpostctl.c: content publish, content rollback, content sign and keys new-signing.
 * Each takes the command as its usage messages name it (its own --help text is more
 * detailed than the command list's) and the arguments after the words, and returns signpostctl's exit status: 0 done, 1 the
 * work was refused or failed (a message names the file and the cause), 2 the command
 * line was wrong. */
#ifndef SIGNPOST_CTL_PUBLISH_H
#define SIGNPOST_CTL_PUBLISH_H

#include "ctl_args.h"

int ctl_content_publish(const CtlUsage *cmd, int argc, char **argv);
int ctl_content_rollback(const CtlUsage *cmd, int argc, char **argv);
int ctl_content_sign(const CtlUsage *cmd, int argc, char **argv);
int ctl_content_pack(const CtlUsage *cmd, int argc, char **argv);
int ctl_keys_new_signing(const CtlUsage *cmd, int argc, char **argv);

#endif
