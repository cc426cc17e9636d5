/* audit.c: the layout audit over a frame's accessibility tree (see audit.h). */
#include "audit.h"

#include <stddef.h>

const char *ui_problem_name(UiProblem p)
{
    switch (p) {
    case UI_PROBLEM_CLIPPED: return "clipped";
    case UI_PROBLEM_OVERLAP: return "overlap";
    case UI_PROBLEM_OFFSCREEN: return "offscreen";
    case UI_PROBLEM_SMALL: return "small";
    }
    return "problem";
}

static bool shown(const UiElement *e)
{
    return !rect_empty(e->visible);
}

static int report(UiAuditFn fn, void *user, UiProblem p, const UiElement *a,
                  const UiElement *b)
{
    if (fn)
        fn(user, p, a, b);
    return 1;
}

int ui_audit(const Ui *ui, int min_px, UiAuditFn fn, void *user)
{
    int n = 0;
    Rect screen = rect_make(0, 0, ui->width, ui->height);
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (!shown(e))
            continue;
        if (e->clipped)
            n += report(fn, user, UI_PROBLEM_CLIPPED, e, NULL);
        if (!e->interactive)
            continue;
        if (e->rect.w < min_px || e->rect.h < min_px)
            n += report(fn, user, UI_PROBLEM_SMALL, e, NULL);
        Rect on = rect_intersect(e->rect, screen);
        bool cut = on.w < e->rect.w || on.h < e->rect.h || e->visible.w < e->rect.w ||
                   e->visible.h < e->rect.h;
        if (cut && e->scroll < 0)
            n += report(fn, user, UI_PROBLEM_OFFSCREEN, e, NULL);
        for (size_t j = i + 1; j < ui->nelements; j++) {
            const UiElement *o = &ui->elements[j];
            if (!o->interactive || !shown(o))
                continue;
            if (!rect_empty(rect_intersect(e->visible, o->visible)))
                n += report(fn, user, UI_PROBLEM_OVERLAP, e, o);
        }
    }
    return n;
}
