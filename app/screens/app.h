/* app.h: the kiosk application state and its screens, independent of SDL.
 * The run loop feeds input to app->ui, calls app_frame() (which runs the current
 * screen and any navigation it asks for), and asks app_next_deadline() when it
 * must wake up with no input (the idle timeout). Time is injected (now_ms), so
 * tests and the headless harness run on a virtual clock.
 *
 * Ownership: App borrows cfg, store and ui (the caller closes them after
 * app_release(); after app_replace_store() the store to close is app->store). App
 * owns each screen's state block (app->state) but only the screen reads it: what a
 * person entered lives there, and each screen's forget() wipes it when they leave or
 * the idle timeout fires (app_forget). App itself keeps only what screens share. */
#ifndef SIGNPOST_APP_H
#define SIGNPOST_APP_H

#include "config.h"
#include "outbox.h"
#include "printer.h"
#include "qr.h"
#include "read_aloud.h"
#include "schedule.h"
#include "staff_mode.h"
#include "store.h"
#include "strbuf.h"
#include "ui.h"
#include "usage.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum ScreenId {
    SCREEN_HOME,
    SCREEN_FIND,
    SCREEN_DESTINATION,
    SCREEN_SUPPORT,       /* categories of services */
    SCREEN_SERVICE_LIST,  /* services in one category (arg: category index) */
    SCREEN_SERVICE,       /* one service (arg: service index) */
    SCREEN_PAGE,          /* an information page (arg: page index) */
    SCREEN_SEARCH,        /* search across places, services and pages */
    SCREEN_CONCERN,       /* raise a concern: the guided form, one question a step */
    SCREEN_OUT_OF_ORDER,
    SCREEN_STAFF_PIN,     /* the staff PIN pad, after the corner is held */
    SCREEN_STAFF,         /* staff mode: the kiosk's state and staff actions */
    SCREEN_FEEDBACK,      /* the Friends and Family Test */
    SCREEN_NEEDS,         /* a request to record communication needs (the concern frame) */
    SCREEN_COUNT
} ScreenId;

enum { APP_HISTORY = 8 };

/* SCREEN_FIND's argument: the tab it opens on. */
typedef enum FindTab { FIND_TAB_AZ, FIND_TAB_TYPE, FIND_TAB_SEARCH } FindTab;

/* What to do once the person agrees to discard their answers. */
typedef enum DiscardThen { DISCARD_NONE, DISCARD_HOME, DISCARD_BACK, DISCARD_CLEAR } DiscardThen;

/* The text sizes a person can choose, as a share of the configured size. */
enum { APP_TEXT_SIZES = 3 };
extern const double app_text_sizes[APP_TEXT_SIZES]; /* 1.0, 1.35, 1.7 */

/* The Print button's state on the screen showing it: reset whenever a screen is
 * entered, so "Printed" never follows a person to another screen. */
typedef struct AppPrint {
    int job;                  /* printer job id; 0 = nothing printed on this screen */
    bool failed_here;         /* the slip could not even be made (logged) */
    bool logged;              /* the job's outcome has been logged */
    double tap_ms;            /* when Print was last tapped (monotonic ms; benchmark) */
} AppPrint;

typedef struct App {
    const KioskConfig *cfg;
    Store *store;             /* NULL when the content store could not be opened */
    Outbox *outbox;           /* where concerns go; NULL only if it could not be set up */
    Usage *usage;             /* the usage figures (borrowed; may be NULL) */
    const Site *site;
    int kiosk;                /* index into site->kiosks */
    Ui *ui;
    ScreenId screen;
    ScreenId history[APP_HISTORY];
    uint32_t history_focus[APP_HISTORY]; /* keyboard focus on each, for Back */
    bool help;                /* the keys' help is showing (the Help key) */
    int history_len;
    bool nav_pending;
    ScreenId nav_to;
    int nav_arg;
    bool nav_back;
    uint64_t now_ms, last_input_ms;
    bool touched;             /* anything happened since the last return home */
    double text_scale;        /* configured size times the person's choice */
    bool high_contrast;
    bool theme_changed;       /* the run loop must rebuild the theme and fonts */
    bool forgot;              /* the session was wiped: the run loop drops cached text */
    CivilDate today;          /* for "next meeting" and "last checked" */
    int text_size;            /* index into app_text_sizes */
    void *state[SCREEN_COUNT]; /* each screen's own state (Screen.state_size bytes),
                                * owned here, opaque to everyone but its screen */
    DiscardThen discard;      /* "Discard your answers?" is showing; what follows yes */
    char fault[512];          /* why the kiosk is out of order (for the log) */
    bool content_fault;       /* out of order because of the content (no sound store, or
                               * none listing this kiosk): a good publish ends it */
    ReadAloud read;           /* read aloud: this person's choices and what was read */
    StaffMode staff;          /* the corner hold, the PIN gate, staff mode (staff_mode.h) */
    char language[16];        /* the language on screen now (BCP 47), one person's choice */
    char home_language[16];   /* the kiosk's default, back after each person */
    bool lang_picker;         /* the language picker is open */
    char content_note[768];   /* why the last known good content is shown, or "" */
    Printer *printer;         /* borrowed; NULL when no printer is configured (no Print
                               * button anywhere) */
    SlipRaster slip_raster;   /* how slips draw text the printer's code page lacks (the
                               * platform's off-screen text; app_set_printer) */
    AppPrint print;           /* the Print button on the current screen */
} App;

/* Sets up the app. With store NULL, or a kiosk id the content does not know, it
 * starts on the out-of-order screen (the reason is logged). */
void app_init(App *app, const KioskConfig *cfg, Store *store, Ui *ui);
/* Gives the app the outbox (borrowed; the caller closes it after app_release). */
void app_set_outbox(App *app, Outbox *outbox);
void app_release(App *app);
/* Gives the app the speech engine for read aloud (borrowed; NULL: none on this kiosk). */
void app_set_speech(App *app, Speech *engine);
/* The language the screens' words are shown in (BCP 47: "en", "cy", "ur"): the
 * interface catalogue's language, which is what read aloud speaks. */
const char *app_language(const App *app);
/* Gives the app the usage counters (borrowed): it counts screens, languages and
 * features, ends the session and flushes into the outbox when it forgets a person, and
 * flushes at most every USAGE_FLUSH_MS otherwise (app_frame). */
void app_set_usage(App *app, Usage *usage);
/* Gives the app a printer (borrowed; NULL = none) and how slips draw text the
 * printer's code page lacks. */
void app_set_printer(App *app, Printer *printer, const SlipRaster *raster);
/* True while a slip tapped for is still printing: the run loop keeps drawing frames
 * (a few a second) so the button moves on to "Printed" or the problem. */
bool app_printing(const App *app);

/* Records input at now (resets the idle timer). */
void app_note_input(App *app, uint64_t now_ms);
/* Advances the clock; returns true when the screen must be redrawn: the "Are you
 * still there?" countdown is showing, or the idle timeout fired (the app went home
 * and forgot everything). */
bool app_tick(App *app, uint64_t now_ms);
/* When the app next needs a frame without input, or UINT64_MAX. */
uint64_t app_next_deadline(const App *app);

/* Asks "Discard your answers?" over the screen; if the person says yes, wipes the
 * current screen's answers and does `then` (go home, go back, or start the screen
 * again). Screens call it where leaving would lose what someone entered. */
void app_ask_discard(App *app, DiscardThen then);

/* Runs one frame at the given size (and any navigation it caused). */
void app_frame(App *app, int width, int height);

/* The name of the current screen ("home", "find", "destination", "out-of-order"). */
const char *app_screen_name(const App *app);

/* Navigation, applied at the end of the frame. */
void app_go(App *app, ScreenId to, int arg);
void app_back(App *app);
void app_home(App *app);

/* Leaves whatever the person was doing and wipes it: back home, default text size
 * and contrast, no history. */
void app_forget(App *app);

/* Opens a staff screen (SCREEN_STAFF_PIN or SCREEN_STAFF) at once, from any screen,
 * the out-of-order one included; no history. */
void app_open_staff(App *app, ScreenId id);
/* Closes the staff screens and wipes the session: home, or back to out of order when
 * the kiosk is out of order. */
void app_close_staff(App *app);

/* Switches every string, the text direction, the fonts and keyboard letters to
 * language code (one of the configured languages, or any code with a catalogue), as the
 * language picker does, and read aloud reads the screen again in it: for this person
 * only (app_forget() returns to the home language). */
void app_set_language(App *app, const char *code);
/* The language the kiosk returns to after each person (starts as [kiosk]
 * default_language); also switches to it now. */
void app_set_home_language(App *app, const char *code);

/* Switches to the out-of-order screen with a reason for the log. */
void app_fail(App *app, const char *reason);
/* The same, because the content store cannot be read: the run loop opens the store
 * again now and then (and a good publish), and the kiosk is back in service as soon
 * as one passes its checks. */
void app_fail_content(App *app, const char *reason);
/* Service `index` of the directory, read from the content store (see store_service():
 * valid while the screen draws); NULL after app_fail_content() when it cannot be read. */
const Service *app_service(App *app, int index);

/* True when the content store may be switched now, between people: on the home screen
 * with nobody using the kiosk (untouched since the last return home), or out of order
 * because of the content. Never while someone is using it. */
bool app_can_replace_store(const App *app);
/* Switches to a newly opened store (see app_can_replace_store; the caller checks).
 * First makes sure the new content suits this kiosk (it lists kiosk locations, and
 * this kiosk's [kiosk] location): if not, returns -1 with err_msg() saying why and
 * changes nothing (the caller closes the new store). Otherwise the app forgets
 * everything, borrows the new store, shows its home screen (leaving out-of-order when
 * that was caused by the content) and returns 0 with *old set to the previous store
 * (maybe NULL), which the caller closes. */
int app_replace_store(App *app, Store *store, Store **old);

#endif
