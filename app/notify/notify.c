/* notify.c: READY=1, WATCHDOG=1, STATUS= and STOPPING=1 to systemd through sd_notify()
 * (see notify.h). */
#include "notify.h"

#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

void notify_init(Notify *n, uint64_t now_ms)
{
    memset(n, 0, sizeof *n);
    const char *sock = getenv("NOTIFY_SOCKET");
    n->enabled = sock && sock[0];
    const char *usec = getenv("WATCHDOG_USEC");
    if (!n->enabled || !usec || !usec[0])
        return;
    errno = 0;
    char *end = NULL;
    unsigned long long us = strtoull(usec, &end, 10);
    if (errno != 0 || !end || *end != '\0' || us == 0) {
        log_warn("systemd watchdog: WATCHDOG_USEC '%s' is not a number of microseconds; "
                 "not pinging", usec);
        return;
    }
    /* Ping at a third of the timeout: half, as systemd asks, with room for a slow frame. */
    n->interval_ms = us / 3000;
    if (n->interval_ms == 0)
        n->interval_ms = 1;
    n->next_ms = now_ms;
    log_info("systemd watchdog: %llu ms, pinging every %llu ms", us / 1000,
             (unsigned long long)n->interval_ms);
}

static void send_state(const char *state)
{
    int rc = sd_notify(0, state);
    if (rc < 0)
        log_warn("systemd notify '%s': %s", state, strerror(-rc));
}

void notify_ready(Notify *n, uint64_t now_ms)
{
    if (!n->enabled || n->ready_sent)
        return;
    n->ready_sent = true;
    send_state("READY=1");
    if (n->interval_ms) {
        n->next_ms = now_ms;
        notify_watchdog(n, now_ms);
    }
}

void notify_watchdog(Notify *n, uint64_t now_ms)
{
    if (!n->enabled || !n->interval_ms || now_ms < n->next_ms)
        return;
    send_state("WATCHDOG=1");
    n->pings++;
    n->next_ms = now_ms + n->interval_ms;
}

uint64_t notify_next_ms(const Notify *n)
{
    return n->enabled && n->interval_ms ? n->next_ms : UINT64_MAX;
}

void notify_status(Notify *n, const char *text)
{
    if (!n->enabled)
        return;
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *c = text; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    if (h == n->status_hash)
        return;
    n->status_hash = h;
    char msg[600];
    snprintf(msg, sizeof msg, "STATUS=%s", text);
    for (char *c = msg; *c; c++)
        if (*c == '\n')
            *c = ' ';
    send_state(msg);
}

void notify_stopping(Notify *n)
{
    if (n->enabled)
        send_state("STOPPING=1");
}
