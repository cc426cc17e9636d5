/* progress.h: a one-line progress bar for long command-line work (content build and
 * check, previews), drawn on a terminal as "rendering 57/162 [=====     ]" and
 * redrawn in place with a carriage return. When the stream is not a terminal (a log
 * file, a pipe, CI) nothing at all is written, so output stays plain text; callers
 * that want plain lines there ask progress_active() and write their own.
 *
 * Every function accepts a NULL Progress and then does nothing, so library code can
 * take an optional one. No SDL; redraws at most about 20 times a second. */
#ifndef SIGNPOST_PROGRESS_H
#define SIGNPOST_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { PROGRESS_LABEL_MAX = 64, PROGRESS_BAR_WIDTH = 30 };

typedef struct Progress {
    FILE *out;
    bool active;                   /* out is a terminal: draw */
    char label[PROGRESS_LABEL_MAX]; /* what is being done: "reading files" */
    size_t done, total;
    size_t drawn;                  /* characters on the line now, 0 when clear */
    uint64_t last_ms;              /* when the line was last drawn */
} Progress;

/* Sets up a bar on `out`, drawn only when out is a terminal (isatty). */
void progress_init(Progress *p, FILE *out);
/* As progress_init(), saying whether to draw (tests draw into a file). */
void progress_init_as(Progress *p, FILE *out, bool active);
/* True when the bar is drawn. False for NULL. */
bool progress_active(const Progress *p);
/* Starts a stage: a label and how many steps it has (0: unknown, no bar). Draws. */
void progress_begin(Progress *p, const char *label, size_t total);
/* Sets how many steps are done (at most total); redraws when due. */
void progress_set(Progress *p, size_t done);
/* One more step done. */
void progress_step(Progress *p);
/* Clears the line, so what is printed next starts at the margin. */
void progress_end(Progress *p);
/* Writes the line for label, done and total into out ("rendering 57/162 [=====     ]");
 * exposed for tests. Returns out. */
char *progress_format(const char *label, size_t done, size_t total, char *out, size_t cap);

#endif
