/* ctl_oruk.h: signpostctl's Open Referral UK commands, kept apart from the command table
 * in signpostctl.c: content import-oruk and content export-oruk. Each takes the
 * command as its usage messages name it and the arguments after
 * the words, and returns signpostctl's exit status: 0 done, 1 the input has problems
 * (listed as file:line:column) or the work failed, 2 the command line was wrong. */
#ifndef SIGNPOST_CTL_ORUK_H
#define SIGNPOST_CTL_ORUK_H

#include "ctl_args.h"

int ctl_content_import_oruk(const CtlUsage *cmd, int argc, char **argv);
int ctl_content_export_oruk(const CtlUsage *cmd, int argc, char **argv);

#endif
