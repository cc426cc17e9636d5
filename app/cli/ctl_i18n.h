/* ctl_i18n.h: signpostctl i18n status: per language, how many interface strings the
 * catalogue translates, how many fall back to English and how many still need a
 * native speaker's review. */
#ifndef SIGNPOST_CTL_I18N_H
#define SIGNPOST_CTL_I18N_H

#include "ctl_args.h"

int ctl_i18n_status(const CtlUsage *u, int argc, char **argv);

#endif
