/* plan.h: draws a floor plan, the hero of the destination screen: the content's
 * rectangles (every room named: in the room when its name fits, else a number in the
 * room and the name in a key beside the map) or the floor's drawing (an SVG turned into
 * a picture by the content build), the part of a route on that floor along the
 * corridors (waypoint to waypoint, L-shaped where two are not in line, never a
 * diagonal through a wall), the destination's room highlighted and named, and the
 * "You are here" and destination markers set beside the route with a leader line so
 * they never hide it. One step of the route can be highlighted. Also the legend that
 * explains the symbols. The screen owns the layout; this file owns the drawing. */
#ifndef SIGNPOST_PLAN_H
#define SIGNPOST_PLAN_H

#include "route.h"
#include "site.h"
#include "ui.h"

#include <stdbool.h>

enum { PLAN_KEY_MAX = 64 };

typedef struct PlanRoute {
    const Route *route; /* may be NULL (markers only) */
    int kiosk_wp, dest_wp; /* waypoint indices */
    const char *dest_name; /* written beside the destination marker; may be NULL */
    int step;              /* index into route->edges to highlight, -1 none */
} PlanRoute;

/* The rooms of a floor whose names do not fit in them at a given size: each gets the
 * number i + 1 on the map and its name in the key. */
typedef struct PlanKey {
    int n;
    int shape[PLAN_KEY_MAX]; /* indices into site->shapes */
} PlanKey;

/* Works out which names do not fit when floor is drawn in r (without drawing). */
void plan_key_for(Ui *ui, const Site *s, int floor, Rect r, PlanKey *key);

/* Draws the map of floor in r, registering the element `map` (role image) with r.
 * key, when not NULL, receives the numbered rooms (as plan_key_for). */
void plan_draw(Ui *ui, const Site *s, int floor, Rect r, const PlanRoute *pr, PlanKey *key);

/* The legend of symbols (key NULL), or the key of numbered rooms (key given), as a
 * block w wide: its height, and drawing it at r (r.h from plan_legend_height). */
int plan_legend_height(Ui *ui, const Site *s, const PlanKey *key, int w);
void plan_legend(Ui *ui, const Site *s, const PlanKey *key, Rect r);

#endif
