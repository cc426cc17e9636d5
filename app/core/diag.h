/* diag.h: a list of problems found in files a person edits (content sources, kiosk
 * config), each with file, line and column, so every problem can be reported at once
 * rather than stopping at the first. Line and column are 1-based; 0 means "unknown"
 * (a column is the spreadsheet column number for tables). The list owns its strings. */
#ifndef SIGNPOST_DIAG_H
#define SIGNPOST_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    char *file;    /* path as given to the checker; owned */
    int line;      /* 1-based, 0 when not about one line */
    int column;    /* 1-based, 0 when not about one column */
    char *message; /* plain English, says what to do; owned */
} Diag;

typedef struct DiagList {
    Diag *items;
    size_t len, cap;
    size_t nerrors, nwarnings;
} DiagList;

void diag_init(DiagList *dl);
void diag_release(DiagList *dl);
/* Adds a problem. Out of memory is ignored beyond counting it (the count stays right). */
void diag_add(DiagList *dl, DiagLevel level, const char *file, int line, int column,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Writes "file:line:column: error: message" lines, one per problem, in the order found. */
void diag_print(const DiagList *dl, FILE *out);

#endif
