/* directions.h: turns a route over the site graph into the words a person follows:
 * numbered steps from this kiosk to a destination, a summary (distance, minutes,
 * lift or stairs), and the short text put in the QR code when the destination has no
 * web page. Pure C over the Site; used by the destination screen, the QR handoff and
 * (later) printed slips. */
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

/* The text for a QR code: the destination's web address when it has one, otherwise
 * the route in short words ("Northgate General Hospital: directions to Cardiology
 * (Main Building, First floor)\n1. ...\n2. ..."). Writes at most cap bytes (keep it
 * under QR_MAX_PAYLOAD); steps that do not fit are replaced by a line telling the
 * person to ask at reception. */
void directions_qr_text(const Site *s, int kiosk, int dest, const Directions *d, char *out,
                        size_t cap);

#endif
