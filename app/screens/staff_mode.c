/* staff_mode.c: the corner hold that opens the staff PIN pad, and entering and
 * leaving staff mode (see staff_mode.h). */
#include "staff_mode.h"

#include "app.h"
#include "log.h"

#include <time.h>

void staff_log(App *app, StaffEvent ev, const char *detail)
{
    if (staff_audit(app->cfg->staff_audit_log, ev, detail, (int64_t)time(NULL)) != 0)
        log_warn("staff audit log: %s", err_msg());
}

/* True when (x, y) is within STAFF_CORNER_MM of the top-left corner. */
static bool in_corner(const App *app, int x, int y)
{
    int reach = (int)(STAFF_CORNER_MM * app->cfg->pixels_per_mm + 0.5);
    return x >= 0 && y >= 0 && x < reach && y < reach;
}

void staff_watch_corner(App *app, Ui *ui)
{
    StaffMode *s = &app->staff;
    if (s->active || app->screen == SCREEN_STAFF_PIN || app->screen == SCREEN_STAFF) {
        s->holding = false;
        return;
    }
    if (ui->ev_pressed)
        s->holding = in_corner(app, ui->px, ui->py);
    if (!s->holding)
        return;
    /* Lifted, dragged or slid out of the corner: no longer a hold. */
    int dx = ui->px - ui->press_x, dy = ui->py - ui->press_y;
    int slop = ui->theme.drag_slop;
    if (!ui->down || ui->dragging || dx * dx + dy * dy > slop * slop ||
        !in_corner(app, ui->px, ui->py)) {
        s->holding = false;
        return;
    }
    if (ui->ev_pressed)
        s->hold_since = app->now_ms;
    if (app->now_ms < s->hold_since + STAFF_HOLD_MS)
        return;
    s->holding = false;
    ui->active = 0; /* the release must not press what is under the finger */
    ui->scroll_candidate = 0;
    staff_log(app, STAFF_EV_PAD_OPENED, NULL);
    log_info("staff PIN pad opened");
    app_open_staff(app, SCREEN_STAFF_PIN);
}

uint64_t staff_hold_deadline(const App *app)
{
    return app->staff.holding ? app->staff.hold_since + STAFF_HOLD_MS : UINT64_MAX;
}

void staff_enter(App *app)
{
    app->staff.active = true;
    staff_log(app, STAFF_EV_ENTERED, NULL);
    log_info("staff mode entered");
    app_open_staff(app, SCREEN_STAFF);
}

void staff_leave(App *app, bool timed_out)
{
    app->staff.active = false;
    staff_log(app, timed_out ? STAFF_EV_TIMED_OUT : STAFF_EV_LEFT, NULL);
    log_info("staff mode %s", timed_out ? "closed after two minutes without a touch" : "left");
    app_close_staff(app);
}
