/* progress.c: the terminal progress bar (see progress.h). */
#include "progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

enum { REDRAW_MS = 50, LINE_MAX_CHARS = 160 };

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void progress_init_as(Progress *p, FILE *out, bool active)
{
    if (!p)
        return;
    memset(p, 0, sizeof *p);
    p->out = out;
    p->active = out && active;
}

void progress_init(Progress *p, FILE *out)
{
    progress_init_as(p, out, out && isatty(fileno(out)));
}

bool progress_active(const Progress *p)
{
    return p && p->active;
}

char *progress_format(const char *label, size_t done, size_t total, char *out, size_t cap)
{
    if (!cap)
        return out;
    if (total == 0) {
        snprintf(out, cap, "%s...", label);
        return out;
    }
    if (done > total)
        done = total;
    char bar[PROGRESS_BAR_WIDTH + 1];
    size_t filled = done * PROGRESS_BAR_WIDTH / total;
    memset(bar, '=', filled);
    memset(bar + filled, ' ', PROGRESS_BAR_WIDTH - filled);
    bar[PROGRESS_BAR_WIDTH] = '\0';
    snprintf(out, cap, "%s %zu/%zu [%s]", label, done, total, bar);
    return out;
}

static void draw(Progress *p)
{
    char line[LINE_MAX_CHARS];
    progress_format(p->label, p->done, p->total, line, sizeof line);
    /* Back to the margin, the line, then clear whatever a longer line left. */
    fprintf(p->out, "\r%s\033[K", line);
    fflush(p->out);
    p->drawn = strlen(line);
    p->last_ms = now_ms();
}

void progress_begin(Progress *p, const char *label, size_t total)
{
    if (!p)
        return;
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
    p->done = 0;
    p->total = total;
    if (p->active)
        draw(p);
}

void progress_set(Progress *p, size_t done)
{
    if (!p)
        return;
    p->done = p->total && done > p->total ? p->total : done;
    if (p->active && (p->done == p->total || now_ms() - p->last_ms >= REDRAW_MS))
        draw(p);
}

void progress_step(Progress *p)
{
    if (p)
        progress_set(p, p->done + 1);
}

void progress_end(Progress *p)
{
    if (!p || !p->active || !p->drawn)
        return;
    fputs("\r\033[K", p->out);
    fflush(p->out);
    p->drawn = 0;
}
