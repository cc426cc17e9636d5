/* audit.h: checks a frame's accessibility tree for the problems people meet when a
 * layout does not fit: text cut off, controls on top of each other, controls off the
 * screen where nothing can scroll them into view, and touch targets under the minimum.
 * Used by the layout tests (every screen at every size, text size and contrast) and
 * available to tools such as the content preview. Reads the Ui; owns nothing. */
#ifndef SIGNPOST_AUDIT_H
#define SIGNPOST_AUDIT_H

#include "ui.h"

typedef enum UiProblem {
    UI_PROBLEM_CLIPPED,   /* text that does not fit its box */
    UI_PROBLEM_OVERLAP,   /* two controls on top of each other */
    UI_PROBLEM_OFFSCREEN, /* a control partly off the screen, not in a scroll region */
    UI_PROBLEM_SMALL      /* a control smaller than the minimum touch target */
} UiProblem;

/* Called once per problem: a is the element, b the other one for an overlap (else
 * NULL). */
typedef void (*UiAuditFn)(void *user, UiProblem p, const UiElement *a, const UiElement *b);

/* Checks the elements of the last frame; min_px is the smallest touch target side.
 * Returns the number of problems (each also reported to fn when fn is not NULL). */
int ui_audit(const Ui *ui, int min_px, UiAuditFn fn, void *user);

/* "clipped", "overlap", "offscreen", "small". */
const char *ui_problem_name(UiProblem p);

#endif
