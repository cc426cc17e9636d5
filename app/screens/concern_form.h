/* concern_form.h: private to the concern form (screen_concern.c runs the frame,
 * concern_steps.c draws and checks each step). The form is a table of steps: for each,
 * how it is drawn, how its answer is checked, which steps come before and after it,
 * and flags saying how the frame lays it out. Nothing here is for other screens. */
#ifndef SIGNPOST_CONCERN_FORM_H
#define SIGNPOST_CONCERN_FORM_H

#include "screens.h"

typedef enum ConcernStep {
    CSTEP_INTRO, CSTEP_URGENT, CSTEP_WHO, CSTEP_CONSENT, CSTEP_CATEGORY, CSTEP_WHERE,
    CSTEP_WHEN, CSTEP_WHAT, CSTEP_OUTCOME, CSTEP_CONTACT, CSTEP_NEEDS, CSTEP_SHARE,
    CSTEP_REVIEW, CSTEP_SENT, CSTEP_FAILED, CSTEP_COUNT
} ConcernStep;

typedef struct ConcernStepDef ConcernStepDef;

/* The form's state (App keeps it; wiped when the person leaves, clears or is idle).
 * The same frame runs two forms: a concern (concern_steps) and a request to record
 * communication needs (needs_steps); kind, steps and questions say which. */
typedef struct ConcernState {
    ConcernKind kind;         /* set once, when the screen's state is made */
    const ConcernStepDef *steps; /* the form's table, indexed by ConcernStep */
    int questions;            /* "Question N of questions" */
    Concern c;                /* the answers */
    ConcernStep step;
    bool from_review;         /* a "Change" from the review: Next returns there */
    bool covered;             /* the privacy cover is up */
    bool where_typing;        /* typing the place rather than choosing it */
    const char *problem;      /* a kind message about the current answer, or NULL */
    char reference[OUTBOX_REF_MAX];
    bool sent_anonymous;      /* for the "what happens next" words after the wipe */
    int attempts;             /* sends tried for this concern */
    bool reveal;              /* scroll the problem and the focused field into view */
    uint32_t seen_focus;      /* the field focused last frame */
    int seen_view_h;          /* the step's view height last frame (the keyboard shrinks it) */
    QrMatrix qr;              /* reference and PALS phone: no personal data */
} ConcernState;

/* What a step's draw function gets for one frame. */
typedef struct StepFrame {
    App *app;
    ConcernState *cs;
    Ui *ui;
    Lay *l;            /* the step's column: a scroll region when the step scrolls */
    Lay *page;         /* the whole form area, for steps that lay out their own columns */
    int view_h;        /* the height the step's column shows at once */
    bool wide;         /* a landscape screen */
    int mark_top, mark_bottom; /* what to keep in view in the step's scroll region: the
                                  problem and the focused field (content px; -1 none) */
    bool going;        /* a step asked for another (applied at the end of the frame) */
    ConcernStep go;
    bool go_from_review;
} StepFrame;

typedef enum StepFlag {
    STEP_IN_FORM = 1 << 0,  /* a question or the review: progress, Hide, Clear, Back */
    STEP_SCROLLS = 1 << 1,  /* the frame puts the step in one scroll region */
    STEP_KEYBOARD = 1 << 2, /* may need the on-screen keyboard (typing() says when) */
} StepFlag;

/* The buttons under a step. */
typedef enum StepBar {
    BAR_NONE,    /* the introduction: its own buttons */
    BAR_BACK,    /* Back only */
    BAR_NEXT,    /* Back, Clear my answers, Next */
    BAR_SEND,    /* Back, Clear my answers, Send to PALS */
    BAR_FINISH,  /* Finish and clear the screen */
    BAR_RETRY    /* Try again, Finish and clear the screen */
} StepBar;

struct ConcernStepDef {
    void (*draw)(StepFrame *f);
    /* A kind message when the answer cannot go on yet, else NULL (NULL: any answer). */
    const char *(*check)(const App *app, const Concern *c);
    /* What the on-screen keyboard edits now, or NULL (steps with STEP_KEYBOARD). */
    StrBuf *(*typing)(ConcernState *cs, const Ui *ui);
    /* A follow-up asked only because of an earlier answer: whether it applies now. */
    bool (*applies)(const Concern *c);
    ConcernStep next, prev;
    int question;      /* "Question N of CONCERN_QUESTIONS", or 0 */
    unsigned flags;    /* StepFlag */
    StepBar bar;
};

enum { CONCERN_QUESTIONS = 9, NEEDS_QUESTIONS = 2 };

extern const ConcernStepDef concern_steps[CSTEP_COUNT];
/* The communication-needs request: introduction, needs, contact, review, sent/failed
 * (needs_steps.c); only those entries are set. */
extern const ConcernStepDef needs_steps[CSTEP_COUNT];

/* ==== pieces shared by both forms' steps (concern_steps.c) ==== */

/* The question as the step's title, and a hint under it. */
void step_question(StepFrame *f, StrId q);
void step_hint(StepFrame *f, StrId h);
/* The kind message about the answer, when there is one (cs->problem). */
void step_problem(StepFrame *f);
/* One of several choices, as a selectable row; true when tapped. */
bool step_choice(StepFrame *f, const char *id, StrId label, bool selected);
/* A labelled text field for a personal answer (read aloud only in private). */
void step_field(StepFrame *f, const char *id, StrId label, StrBuf *sb);
/* The needs as switches, then the interpreter and language (CSTEP_NEEDS). */
void step_needs_switches(StepFrame *f);
/* The contact choices (anonymous offered or not), then name and the detail. */
void step_contact(StepFrame *f, bool offer_anonymous, StrId name_label);
StrBuf *step_typing_contact(ConcernState *cs, const Ui *ui);
/* The needs chosen, in words ("Large print, Easy read, Interpreter (Polish)"). */
void step_needs_words(const Concern *c, char *buf, size_t cap);
/* The contact in words: the name, then the phone, email or address. */
void step_contact_words(const Concern *c, char *buf, size_t cap);
/* A review row: label, the answer, and "Change" going back to step. */
void step_review_row(StepFrame *f, const char *id, StrId label, const char *answer,
                     ConcernStep step);
/* The Sent step (title and next words by kind) and the Failed step. */
void step_draw_sent(StepFrame *f);
void step_draw_failed(StepFrame *f);
/* A notice with the PALS phone number when requests cannot be stored now. */
void step_unavailable_notice(StepFrame *f);

/* Marks what lies from y = top to bottom in f->l as something to bring into view. */
void concern_mark(StepFrame *f, int top, int bottom);
/* Asks for another step once the frame is drawn. */
void concern_go(StepFrame *f, ConcernStep step);
/* The PALS phone number (or the hospital's when PALS has none). */
const char *concern_pals_phone(const App *app);
/* True when concerns can be stored now. */
bool concern_can_store(const App *app);

#endif
