/* ctl_report.c: signpostctl report --outbox FILE [--secret-key KEY] --from DATE --to DATE
 * -o report.pdf [--kiosk NAME]: checks the command line, reads the key (wiped after
 * use) and hands the work to report_write (app/report), then says what it wrote. */
#include "ctl_report.h"

#include "err.h"
#include "mem.h"
#include "outbox.h"
#include "report.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int ctl_report(const CtlUsage *cmd, int argc, char **argv)
{
    const char *outbox = NULL, *key_path = NULL, *from = NULL, *to = NULL, *out_path = NULL,
               *output = NULL, *kiosk = NULL, *today = NULL;
    const CtlOption opts[] = {
        {"--outbox", &outbox, NULL}, {"--secret-key", &key_path, NULL}, {"--from", &from, NULL},
        {"--to", &to, NULL},         {"-o", &out_path, NULL},          {"--output", &output, NULL},
        {"--kiosk", &kiosk, NULL},   {"--today", &today, NULL},
    };
    int rc = ctl_parse(cmd, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!out_path)
        out_path = output;
    if (!outbox)
        return ctl_usage_error(cmd, "which outbox? give --outbox <file>");
    if (!from || !to)
        return ctl_usage_error(cmd, "which period? give --from YYYY-MM-DD and --to YYYY-MM-DD");
    if (!out_path)
        return ctl_usage_error(cmd, "where should the report go? give -o <report.pdf>");
    if (report_check_period(from, to) != 0)
        return ctl_usage_error(cmd, "%s", err_msg());
    if (today && report_check_period(today, today) != 0)
        return ctl_usage_error(cmd, "--today '%s' is not a date written YYYY-MM-DD", today);
    unsigned char sk[OUTBOX_KEY_BYTES];
    if (key_path && outbox_key_read(key_path, sk) != 0)
        return ctl_failed();
    ReportOptions o = {
        .outbox = outbox,
        .secret_key = key_path ? sk : NULL,
        .from = from,
        .to = to,
        .kiosk = kiosk,
        .out_path = out_path,
        .today = today,
    };
    ReportTotals t;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = report_write(&o, &t);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    mem_wipe(sk, sizeof sk);
    if (rc != 0)
        return ctl_failed();
    fprintf(stderr,
            "wrote %s: %d pages, %ld answer%s, %ld concern%s, %ld %s, in %.2f s\n", out_path,
            t.pages, t.answers, t.answers == 1 ? "" : "s", t.concerns,
            t.concerns == 1 ? "" : "s", t.sessions, t.sessions == 1 ? "person" : "people",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (t.unreadable > 0)
        fprintf(stderr, "signpostctl: %d concern%s could not be opened with this key; they are "
                        "counted by day only\n",
                t.unreadable, t.unreadable == 1 ? "" : "s");
    return CTL_EXIT_OK;
}
