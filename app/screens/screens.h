/* screens.h: the screen table. Each screen is a const table of functions: enter (with
 * an argument such as a destination index), leave (must wipe what the person
 * entered), and update (draw and handle input for one frame inside `area`, asking
 * for navigation through app_go/app_back/app_home). Only app.c switches screens. */
#ifndef SIGNPOST_SCREENS_H
#define SIGNPOST_SCREENS_H

#include "app.h"
#include "i18n.h"

typedef struct Screen {
    const char *name;
    bool has_header;                       /* draw the header bar with Back and Home */
    StrId title;                           /* header title */
    void (*enter)(App *app, int arg);
    void (*leave)(App *app);
    void (*update)(App *app, Ui *ui, Rect area);
    /* Optional: handles the header's Back inside the screen (a form's previous
     * question); returns false to leave the screen as usual. */
    bool (*back)(App *app);
} Screen;

extern const Screen screen_home, screen_find, screen_destination, screen_support,
    screen_service_list, screen_service, screen_page, screen_search, screen_concern,
    screen_out_of_order;

/* Shared drawing helpers for screens. */
/* "Main Building, First floor" for a floor index. */
const char *screen_floor_words(const App *app, int floor, char *buf, size_t cap);
/* "Tuesday 24 November". */
const char *screen_date_words(CivilDate d, char *buf, size_t cap);
/* A list row for a search hit or a service; returns true when tapped. */
bool screen_service_row(App *app, Ui *ui, Rect r, int index);
bool screen_page_row(App *app, Ui *ui, Rect r, int index);
bool screen_dest_row(App *app, Ui *ui, Rect r, int index);
/* The QR panel used by detail screens: the code and a title and caption beside it. */
void screen_qr_panel(Ui *ui, Rect r, const char *id, const QrMatrix *qr, const char *caption);
/* Height a QR panel needs for qr: whole modules of at least 4 px, at least 60 mm. */
int screen_qr_panel_height(const Ui *ui, const QrMatrix *qr);
/* A section heading with text below; returns the height used. */
int screen_section(Ui *ui, const char *id, Rect r, const char *heading, const char *body);

#endif
