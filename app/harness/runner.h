/* runner.h: the kiosk's run loop, shared by the real kiosk and the headless harness.
 * It turns platform events into UI input, runs app frames, rebuilds the theme when a
 * person changes text size or contrast, and presents a frame only when what is on
 * screen changed. Between events it sleeps in plat_wait_event() until the app's next
 * deadline (the idle timeout), so an idle kiosk uses no CPU.
 *
 * The clock is either real (SDL ticks) or virtual (advanced only by runner_advance,
 * for scripts and tests). The Runner borrows everything it points to. */
#ifndef SIGNPOST_RUNNER_H
#define SIGNPOST_RUNNER_H

#include "app.h"
#include "platform.h"

#include <stdbool.h>
#include <stdint.h>

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
/* The interactive loop, until a quit request (never in kiosk mode). */
int runner_run(Runner *r);

#endif
