/* diag.c: collected file:line:column problems (see diag.h). */
#include "diag.h"

#include "mem.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_init(DiagList *dl)
{
    dl->items = NULL;
    dl->len = dl->cap = 0;
    dl->nerrors = dl->nwarnings = 0;
}

void diag_release(DiagList *dl)
{
    for (size_t i = 0; i < dl->len; i++) {
        mem_free(dl->items[i].file);
        mem_free(dl->items[i].message);
    }
    mem_free(dl->items);
    diag_init(dl);
}

void diag_add(DiagList *dl, DiagLevel level, const char *file, int line, int column,
              const char *fmt, ...)
{
    if (level == DIAG_ERROR)
        dl->nerrors++;
    else
        dl->nwarnings++;
    if (mem_grow((void **)&dl->items, &dl->cap, dl->len + 1, sizeof(Diag)) != 0)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Diag *d = &dl->items[dl->len];
    d->level = level;
    d->file = mem_strdup(file ? file : "");
    d->line = line;
    d->column = column;
    d->message = mem_strdup(msg);
    if (!d->file || !d->message) {
        mem_free(d->file);
        mem_free(d->message);
        return;
    }
    dl->len++;
}

void diag_print(const DiagList *dl, FILE *out)
{
    for (size_t i = 0; i < dl->len; i++) {
        const Diag *d = &dl->items[i];
        const char *lvl = d->level == DIAG_ERROR ? "error" : "warning";
        if (d->line && d->column)
            fprintf(out, "%s:%d:%d: %s: %s\n", d->file, d->line, d->column, lvl, d->message);
        else if (d->line)
            fprintf(out, "%s:%d: %s: %s\n", d->file, d->line, lvl, d->message);
        else
            fprintf(out, "%s: %s: %s\n", d->file, lvl, d->message);
    }
}
