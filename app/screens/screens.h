/* screens.h: the screen table. Each screen is a const table of functions over its own
 * state block (state_size bytes that App allocates zeroed and hands back as `st`; the
 * struct is private to the screen's file):
 *   init    optional, once when the app starts (set up buffers in st)
 *   enter   the person arrives from elsewhere (arg: a destination index, ...)
 *   update  draw and handle input for one frame inside `area`, laid out with the
 *           layout engine (layout.h), asking for navigation through app_go/app_back/
 *           app_home
 *   leave   optional, the person navigates away; what they entered may be kept for
 *           Back (lists, searches) unless it must go at once
 *   forget  wipe everything the screen holds and free what it allocated: the person
 *           has left the kiosk (idle, Finish, Home from the start) or the app ends
 *   back    optional, the header's Back inside the screen (a form's previous question);
 *           returns false to leave the screen as usual
 *   holds_answers optional, true when leaving now would lose what the person entered
 *           (App then asks "Discard your answers?" before Home or Back)
 * Only app.c switches screens. */
#ifndef SIGNPOST_SCREENS_H
#define SIGNPOST_SCREENS_H

#include "app.h"
#include "i18n.h"
#include "layout.h"

#include <stddef.h>

typedef struct Screen {
    const char *name;
    bool has_header;                       /* draw the header bar with Back and Home */
    StrId title;                           /* header title */
    size_t state_size;
    void (*init)(App *app, void *st);
    void (*enter)(App *app, void *st, int arg);
    void (*update)(App *app, void *st, Ui *ui, Rect area);
    void (*leave)(App *app, void *st);
    void (*forget)(App *app, void *st);
    bool (*back)(App *app, void *st);
    bool (*holds_answers)(const App *app, const void *st);
} Screen;

extern const Screen screen_home, screen_find, screen_destination, screen_support,
    screen_service_list, screen_service, screen_page, screen_search, screen_concern,
    screen_out_of_order, screen_staff_pin, screen_staff, screen_feedback, screen_needs;

/* Shared drawing helpers for screens. */
/* "Main Building, First floor" for a floor index. */
const char *screen_floor_words(const App *app, int floor, char *buf, size_t cap);
/* "Tuesday 24 November". */
const char *screen_date_words(CivilDate d, char *buf, size_t cap);
/* List rows for a place, a service or a page, placed in a column, as tall as their
 * words; return true when tapped. */
bool screen_dest_row(App *app, Lay *l, int index);
bool screen_service_row(App *app, Lay *l, int index);
bool screen_page_row(App *app, Lay *l, int index);
/* Above the hits of a search that forgave (store_search_suggest() gave `suggest`): "No
 * exact match for ..." and the button "Did you mean ...?" (id `id`), which returns true
 * when tapped: the screen then puts the suggestion in its search field. */
bool screen_did_you_mean(Lay *l, const char *id, const char *typed, const char *suggest);
/* The "take it with you" QR panel, placed in a column: the code (whole modules of at
 * least 4 px, at least 60 mm) with a title and caption beside it, or below it when the
 * column is narrow. */
void screen_qr_panel(Lay *l, const char *id, const QrMatrix *qr, const char *caption);
/* The largest QR version screen_qr_panel draws with 4 px modules in a column w px wide
 * (at least 1, at most QR_MAX_VERSION). */
int screen_qr_max_version(const Ui *ui, int w);
/* Side of the QR code screen_qr_panel draws for qr. */
int screen_qr_side(const Ui *ui, const QrMatrix *qr);
/* Height screen_qr_panel takes in a column w px wide (to leave the rest to a plan). */
int screen_qr_panel_height(Ui *ui, int w, const QrMatrix *qr, const char *caption);
/* A row of n tabs sharing the column's width, all as tall as the tallest label needs;
 * returns the index tapped this frame, or -1. */
int screen_tab_row(Lay *l, int n, const char *const *ids, const char *const *labels,
                   int selected);
/* Height of that row in a column w wide. */
int screen_tab_row_height(Ui *ui, int w, int n, const char *const *labels);
/* Two columns side by side for a landscape details screen: the start one a little
 * wider (the words), the end one for what stays in view (a plan, contact details, a QR
 * code); each a scroll region as tall as what is left of page. Fill the column
 * screen_columns_begin returns, then the one screen_columns_next returns, then end. */
typedef struct ScreenColumns {
    Lay row, cell, scroll;
    int h;     /* the columns' height */
    int i;     /* the open column: 0 start, 1 end */
} ScreenColumns;
Lay *screen_columns_begin(ScreenColumns *c, Lay *page, const char *id, Space gap);
Lay *screen_columns_next(ScreenColumns *c, const char *id, Space gap);
void screen_columns_end(ScreenColumns *c, Lay *page);
/* The read-aloud controls under the header at y, while read aloud is on (speech_bar.c);
 * returns the height they take (0 when off). */
int screen_speech_bar(App *app, Ui *ui, int y);
/* The Print button (id `print`), placed in a column when a printer is configured:
 * tapping it prints the slip fill() makes (the screen's handoff: route, contact card,
 * reference; never personal data) on the printer's thread; the button says
 * "Printing...", then "Printed", or a notice above it (id `print-status`) says in plain
 * words why not. st is the screen's state, handed to fill. */
typedef void (*ScreenSlipFn)(App *app, void *st, Slip *slip);
void screen_print_button(App *app, Lay *l, void *st, ScreenSlipFn fill);
/* Height the Print button takes (with the gap above it) in a column w wide, 0 when
 * there is no printer: screens that share a column's height out count it in. */
int screen_print_button_height(App *app, Ui *ui, int w, int gap);
/* Content words in the person's language: site_text() for app_language(app). When the
 * English is shown in place of a missing translation, *fallback is set (never
 * cleared): draw those words with screen_lang_en() and put screen_fallback_note() once
 * on the screen. */
const char *screen_text(const App *app, TrTable t, TrColumn c, int index,
                        const char *english, bool *fallback);
/* "en" when fallback (the words are English in place of a translation), else NULL:
 * for ui_set_text_lang() and lay_section_lang(). */
const char *screen_lang_en(bool fallback);
/* "Not yet translated, shown in English" (id `fallback-note`), small and muted, with an
 * "EN" tag: once on a screen that shows English in place of a translation. */
void screen_fallback_note(Lay *l);
/* A notice (closed, alert, problem): warning colours, an accent bar, bold words. */
void screen_notice(Lay *l, const char *id, const char *text);
/* The state block App keeps for screen `id` (for a screen that hands another an
 * argument it cannot pass as an int; rarely needed). */
void *screen_state(App *app, ScreenId id);

#endif
