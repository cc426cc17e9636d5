/* ctl_fleet.h: signpostctl's fleet commands (app/fleet): sync, central init, content
 * publish --db, concerns collect and feedback collect. */
#ifndef SIGNPOST_CTL_FLEET_H
#define SIGNPOST_CTL_FLEET_H

#include "ctl_args.h"

int ctl_sync(const CtlUsage *u, int argc, char **argv);
int ctl_central_init(const CtlUsage *u, int argc, char **argv);
int ctl_fleet_enrol(const CtlUsage *u, int argc, char **argv);
int ctl_concerns_collect(const CtlUsage *u, int argc, char **argv);
int ctl_feedback_collect(const CtlUsage *u, int argc, char **argv);
/* content publish: with --db, adds a signed pack centrally; otherwise the local
 * publish (ctl_content_publish). */
int ctl_content_publish_any(const CtlUsage *u, int argc, char **argv);

#endif
