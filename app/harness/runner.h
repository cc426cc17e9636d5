/* runner.h: the kiosk's run loop, shared by the real kiosk and the headless harness.
 * It turns platform events into UI input, runs app frames, rebuilds the theme when a
 * person changes text size or contrast, and presents a frame only when what is on
 * screen changed. Between events it sleeps in plat_wait_event() until the app's next
 * deadline (the idle timeout), so an idle kiosk uses no CPU.
 *
 * The clock is either real (SDL ticks) or virtual (advanced only by runner_advance,
 * for scripts and tests). The Runner borrows everything it points to.
 *
 * Content reloads: once told the live store's path (runner_watch_content), the loop
 * looks at most every CONTENT_WATCH_INTERVAL_MS of real time, and only while nobody is
 * using the kiosk (app_can_replace_store), for a publish that replaced the store (a
 * stat() of it and its .sig); it then opens and checks the new one as at start-up and
 * switches to it, or logs why not and keeps what it has (see runner_reload). */
#ifndef SIGNPOST_RUNNER_H
#define SIGNPOST_RUNNER_H

#include "app.h"
#include "live.h"
#include "platform.h"

#include <stdbool.h>
#include <stdint.h>

/* Out of order because no content store could be used: retried this often. */
enum { CONTENT_RETRY_MS = 60000 };

typedef struct Runner {
    App *app;
    Ui *ui;
    Platform *plat;
    bool virtual_clock;
    uint64_t clock_ms;          /* virtual time */
    uint64_t presented_hash;    /* draw list last shown */
    bool have_presented;
    bool quit;
    uint64_t exit_after_frames; /* runner_run stops after this many presents; 0 never */
    bool fixed_today;           /* app->today was given (--date); else the local date */
    /* Statistics for the benchmark. */
    uint64_t frames_built, frames_presented;
    double last_frame_ms;       /* build + render + present of the last shown frame */
    bool watching;              /* watch is set: reload the content when it is replaced */
    ContentWatch watch;
    uint64_t content_retry_ms;  /* out of order for want of content: when last retried */
} Runner;

void runner_init(Runner *r, App *app, Ui *ui, Platform *plat, bool virtual_clock);
uint64_t runner_now(const Runner *r);
/* Rebuilds theme and fonts from the app's current choices and the screen size. */
int runner_apply_theme(Runner *r);
/* Runs a frame with no new input (after start-up, a resize, or a theme change). */
void runner_frame(Runner *r);
/* Feeds one platform event to the app and runs a frame for it. */
void runner_handle(Runner *r, const PlatEvent *ev);
/* Processes every event already queued. Returns how many. */
int runner_drain(Runner *r);
/* Presents the current frame if it differs from what is on screen (or force). */
void runner_present(Runner *r, bool force);
/* Virtual clock: moves time on by ms, firing the app's deadlines on the way. */
void runner_advance(Runner *r, uint64_t ms);
/* Watches the live store at path (borrowed), with key_path the signing public key file
 * or "" (borrowed); checked is the stamp content_open_checked() gave at start-up and
 * opened whether it opened the store. */
void runner_watch_content(Runner *r, const char *path, const char *key_path,
                          const ContentStamp *checked, bool opened);
/* Checks now, as the loop does when a look is due: when nobody is using the kiosk and
 * the live store was replaced, opens and checks the new one and switches the app to it
 * (the old one is closed), logging "content reloaded: <built_at>". Returns 1 when it
 * switched, 0 when there was nothing to do (no change, not watching, or someone is
 * using the kiosk: it looks again later), -1 when the new store was refused: the cause
 * is logged and the app keeps the store it has (or its out-of-order screen). A refused
 * store is not checked again until it changes. */
int runner_reload(Runner *r);
/* The interactive loop, until a quit request (never in kiosk mode). */
int runner_run(Runner *r);

#endif
