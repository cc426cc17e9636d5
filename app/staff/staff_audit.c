/* staff_audit.c: the staff audit log (see staff.h): one synced line per event, with
 * no personal data. */
#include "staff.h"

#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const event_names[STAFF_EV_COUNT] = {
    [STAFF_EV_PAD_OPENED] = "pad-opened", [STAFF_EV_ENTERED] = "entered",
    [STAFF_EV_WRONG_PIN] = "wrong-pin",   [STAFF_EV_LOCKED] = "locked",
    [STAFF_EV_LEFT] = "left",             [STAFF_EV_TIMED_OUT] = "timed-out",
    [STAFF_EV_ACTION] = "action",
};

const char *staff_event_name(StaffEvent ev)
{
    return (unsigned)ev < STAFF_EV_COUNT ? event_names[ev] : "unknown";
}

int staff_audit(const char *path, StaffEvent ev, const char *detail, int64_t wall_time)
{
    if (!path || !*path)
        return 0;
    char line[160];
    struct tm tm;
    time_t t = (time_t)wall_time;
    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    int n = (int)strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    n += snprintf(line + n, sizeof line - (size_t)n, "%s", staff_event_name(ev));
    if (detail && *detail && n + 2 < (int)sizeof line) {
        line[n++] = ' ';
        for (const char *p = detail; *p && n + 2 < (int)sizeof line; p++) {
            char c = *p;
            bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            line[n++] = plain ? c : '_';
        }
    }
    line[n++] = '\n';
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return err_set("%s: cannot open the staff audit log: %s", path, strerror(errno));
    ssize_t w = write(fd, line, (size_t)n);
    int rc = 0;
    if (w != n)
        rc = err_set("%s: cannot write to the staff audit log: %s", path,
                     w < 0 ? strerror(errno) : "the disk is full");
    else if (fsync(fd) != 0)
        rc = err_set("%s: cannot sync the staff audit log: %s", path, strerror(errno));
    close(fd);
    return rc;
}
