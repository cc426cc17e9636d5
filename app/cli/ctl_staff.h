/* ctl_staff.h: signpostctl's staff commands (staff pin-hash). */
#ifndef SIGNPOST_CTL_STAFF_H
#define SIGNPOST_CTL_STAFF_H

#include "ctl_args.h"

/* staff pin-hash: reads a PIN (4 to 12 digits) from standard input, one line, and
 * prints its Argon2id hash for kiosk.conf [staff] pin_hash. On a terminal it asks
 * twice without echoing. */
int ctl_staff_pin_hash(const CtlUsage *cmd, int argc, char **argv);

#endif
