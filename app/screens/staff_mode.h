/* staff_mode.h: the way into staff mode and out of it. Holding the top-left corner
 * (within 10 mm of it) still for 5 seconds on any screen opens the staff PIN pad; the
 * right PIN opens the staff screen; two minutes without a touch there, or "Leave staff
 * mode", closes it and wipes the session as if a person had left. The PIN gate (how
 * many wrong PINs, how long the pad is locked) outlives people: it is not wiped with
 * the session. App owns StaffMode (app->staff); app.c calls these at fixed points. */
#ifndef SIGNPOST_STAFF_MODE_H
#define SIGNPOST_STAFF_MODE_H

#include "staff.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    STAFF_HOLD_MS = 5000,          /* how long the corner is held */
    STAFF_CORNER_MM = 10,          /* how close to the corner */
    STAFF_IDLE_MS = 2 * 60 * 1000, /* staff mode closes after this without a touch */
};

typedef struct StaffMode {
    bool holding;          /* a press is being held still in the corner */
    uint64_t hold_since;   /* ms, when that press started */
    bool active;           /* the right PIN was given: staff mode is open */
    StaffGate gate;        /* wrong PINs and the lock; kept across people */
    uint64_t started_ms;   /* the app's first clock reading, for "running for" */
} StaffMode;

struct App;
struct Ui;

/* Watches the press this frame for a hold in the corner; opens the PIN pad (and
 * cancels the press, so what is under the finger does nothing) once it has lasted
 * STAFF_HOLD_MS. Called by app_frame before the screen runs. */
void staff_watch_corner(struct App *app, struct Ui *ui);
/* When the corner hold completes, or UINT64_MAX when no hold is under way. */
uint64_t staff_hold_deadline(const struct App *app);
/* The right PIN was given: opens the staff screen. */
void staff_enter(struct App *app);
/* Leaves staff mode (timed_out: by itself after two idle minutes), logs it and wipes
 * the session; the kiosk shows home, or out of order if that is what it was showing. */
void staff_leave(struct App *app, bool timed_out);
/* Records an event in the audit log ([staff] audit_log); a failure to write is logged. */
void staff_log(struct App *app, StaffEvent ev, const char *detail);

/* What a staff action did, in plain words for the staff screen. */
typedef struct StaffResult {
    bool shown;            /* an action ran: show the message */
    bool ok;
    char message[1024];
} StaffResult;
/* "Collect concerns": writes the concerns waiting, still sealed, as one collection file
 * to the drive at [staff] export_dir (staff_collect.c). */
void staff_collect(struct App *app, StaffResult *res);
/* "Confirm collection": reads PALS' receipts (*.receipt) from the drive and deletes
 * exactly the concerns they prove were opened. */
void staff_confirm(struct App *app, StaffResult *res);
/* "Update content": checks the newest signed content pack on the drive (made by
 * signpostctl content pack) as the kiosk would open it, refuses one that is unsigned,
 * signed with another key, damaged or not newer than the live content, and publishes
 * it (content_publish); the kiosk switches to it when staff mode closes. */
void staff_update_content(struct App *app, StaffResult *res);

#endif
