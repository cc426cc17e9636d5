/* notify.h: telling systemd how the kiosk is doing (sd_notify from libsystemd), the
 * only module that sees libsystemd. READY=1 once the first frame is on screen, then
 * WATCHDOG=1 from the event loop at least every half of WatchdogSec, so a loop that
 * hangs is killed and restarted. Outside systemd (no NOTIFY_SOCKET) nothing is sent.
 *
 * The kiosk runs as a child of cage, so WATCHDOG_PID (when systemd sets it) names
 * cage, not us: unlike sd_watchdog_enabled(), notify_init() reads WATCHDOG_USEC
 * whoever WATCHDOG_PID is (the unit has NotifyAccess=all). */
#ifndef SIGNPOST_NOTIFY_H
#define SIGNPOST_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Notify {
    bool enabled;         /* NOTIFY_SOCKET is set */
    bool ready_sent;
    uint64_t interval_ms; /* between watchdog pings; 0 = no watchdog */
    uint64_t next_ms;     /* when the next ping is due */
    uint64_t pings;       /* watchdog pings sent */
    uint32_t status_hash; /* of the last STATUS= sent, so each is sent once */
} Notify;

/* Reads NOTIFY_SOCKET and WATCHDOG_USEC from the environment. now_ms is the caller's
 * monotonic clock, the one later calls use. */
void notify_init(Notify *n, uint64_t now_ms);
/* Sends READY=1 (once; later calls do nothing) and a first watchdog ping. */
void notify_ready(Notify *n, uint64_t now_ms);
/* Sends WATCHDOG=1 when one is due. */
void notify_watchdog(Notify *n, uint64_t now_ms);
/* When the event loop must wake up next for the watchdog, or UINT64_MAX when there is
 * no watchdog. */
uint64_t notify_next_ms(const Notify *n);
/* Sends STATUS=text (what "systemctl status" shows: in service, or out of order and
 * why) when it differs from the last one sent. The text must hold no personal data. */
void notify_status(Notify *n, const char *text);
/* Sends STOPPING=1 (the loop is ending). */
void notify_stopping(Notify *n);

#endif
