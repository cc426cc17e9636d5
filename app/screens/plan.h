/* plan.h: draws a floor plan from the content's shapes, scaled to fit, with the part
 * of a route on that floor as a thick line, "You are here" and the destination
 * marked. */
#ifndef SIGNPOST_PLAN_H
#define SIGNPOST_PLAN_H

#include "route.h"
#include "site.h"
#include "ui.h"

/* route may be NULL (markers only); kiosk_wp and dest_wp are waypoint indices. */
void plan_draw(Ui *ui, const Site *s, int floor, Rect r, const Route *route, int kiosk_wp,
               int dest_wp);

#endif
