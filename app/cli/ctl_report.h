/* ctl_report.h: signpostctl report: the PALS report as a PDF (app/report). */
#ifndef SIGNPOST_CTL_REPORT_H
#define SIGNPOST_CTL_REPORT_H

#include "ctl_args.h"

int ctl_report(const CtlUsage *cmd, int argc, char **argv);

#endif
