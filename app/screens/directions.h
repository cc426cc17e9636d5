/* directions.h: turns a route over the site graph into the words a person follows:
 * numbered steps from this kiosk to a destination, a summary (distance, minutes,
 * lift or stairs), and the text of the QR codes that hand the route to a phone. Pure
 * C over the Site; used by the destination screen, the QR handoff and (later) printed
 * slips. */
#ifndef SIGNPOST_DIRECTIONS_H
#define SIGNPOST_DIRECTIONS_H

#include "route.h"
#include "site.h"

#include <stdbool.h>
#include <stddef.h>

enum { DIRECTIONS_MAX_STEPS = 64 };

typedef enum DirectionsStatus {
    DIRECTIONS_OK,
    DIRECTIONS_HERE,         /* the destination is at the kiosk */
    DIRECTIONS_NO_ROUTE,     /* no route at all */
    DIRECTIONS_NO_STEP_FREE  /* a route exists, but none without steps */
} DirectionsStatus;

typedef struct DirectionsStep {
    const char *text; /* the path's instruction; points into the Site */
    int edge;         /* index of the edge walked */
    int floor;        /* floor the step starts on */
    PathKind kind;
    double length_m;
} DirectionsStep;

typedef struct Directions {
    DirectionsStatus status;
    DirectionsStep steps[DIRECTIONS_MAX_STEPS];
    size_t nsteps;
    Route route;          /* owned; release with directions_release() */
    double length_m;
    int minutes;          /* at a gentle 1 m/s, at least 1 */
    bool uses_lift, uses_stairs;
    int floors[8];        /* floors visited, in order, start first */
    size_t nfloors;
} Directions;

/* Works out directions from kiosk waypoint `from` to destination `dest`. Returns 0
 * (see d->status for whether there is a route) or -1 on error. */
int directions_find(const Site *s, int from, int dest, bool step_free, Directions *d);
void directions_release(Directions *d);

/* The route handed to a phone, in one or more QR codes that always end at the
 * destination (never cut short). Wordings, tried in this order until the route fits
 * one code: the screen's own words; then each level walk between landmarks in short
 * words ("Walk about 71 m to the main lifts.", consecutive walks joined), the lifts,
 * stairs and the last step to the door kept word for word; then the last step short
 * too. When even that needs more than one code, it goes into up to
 * DIRECTIONS_QR_MAX_PARTS codes, each headed "(part 1 of 2)" and all but the last
 * ending with where it goes on. A destination with a web page gets its address. */
enum { DIRECTIONS_QR_MAX_PARTS = 4, DIRECTIONS_QR_TEXT = 1200 };

typedef enum DirectionsWording {
    DIRECTIONS_WORDS_FULL,        /* the screen's words */
    DIRECTIONS_WORDS_SHORT_WALKS, /* walks between landmarks short */
    DIRECTIONS_WORDS_SHORT,       /* every walk short, the last step too */
    DIRECTIONS_WORDS_WEB          /* the destination's web address */
} DirectionsWording;

typedef struct DirectionsQr {
    int nparts;                   /* codes to show; 0 when nothing fits */
    DirectionsWording wording;
    char text[DIRECTIONS_QR_MAX_PARTS][DIRECTIONS_QR_TEXT + 1];
} DirectionsQr;

/* Fills out with the codes' texts for directions d from kiosk to dest, each at most
 * cap bytes (cap at most DIRECTIONS_QR_TEXT; the caller picks it from the code size
 * that fits its panel, see qr_capacity), in at most max_parts codes (at most
 * DIRECTIONS_QR_MAX_PARTS). Returns 0, or -1 with err_msg set when the route does not
 * fit (out->nparts is then 0). */
int directions_qr(const Site *s, int kiosk, int dest, const Directions *d, size_t cap,
                  int max_parts, DirectionsQr *out);

/* The codes a panel shows: the route in one code of at most version `usual` in the
 * fullest wording that fits, else in the smallest one code up to version `most` (the
 * largest the panel holds at its module size) that holds it, in the fullest wording it
 * holds, else in as few codes of version `most` as it takes. Returns 0, or -1 with
 * err_msg set (out->nparts is 0). */
int directions_qr_fit(const Site *s, int kiosk, int dest, const Directions *d, int usual,
                      int most, DirectionsQr *out);

/* The name the route's step uses for a lift, stairs or escalator it takes (the landmark
 * of the waypoint it starts from), or NULL for other kinds or when there is none. */
const char *directions_edge_means(const Site *s, const RouteEdge *e);

#endif
