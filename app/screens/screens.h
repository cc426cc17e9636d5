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
} Screen;

extern const Screen screen_home, screen_find, screen_destination, screen_out_of_order;

/* Shared drawing helpers for screens. */
/* "Main Building, First floor" for a floor index. */
const char *screen_floor_words(const App *app, int floor, char *buf, size_t cap);
/* A section heading with text below; returns the height used. */
int screen_section(Ui *ui, const char *id, Rect r, const char *heading, const char *body);

#endif
