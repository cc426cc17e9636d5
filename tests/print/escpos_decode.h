/* escpos_decode.h: test helper that reads an ESC/POS job back, as a printer would,
 * into a page: the GS v 0 raster images and the GS ( k QR codes (drawn again with
 * libqrencode from the stored data, at the module size asked) on a 1-bit page as
 * wide as the paper, and the printer text as lines (UTF-8 from PC858) with where
 * they stand on the page. It checks the job's shape on the way: ESC @ first, every
 * command known and complete, the QR functions in the order 65, 67, 69, 80, 81, a cut
 * at the end. The bytes are outside input (a fuzz target runs it): every length is
 * checked against what is left, and the page is capped. Pure C, no SDL. */
#ifndef SIGNPOST_ESCPOS_DECODE_H
#define SIGNPOST_ESCPOS_DECODE_H

#include <stdbool.h>
#include <stddef.h>

enum { ESCPOS_PAGE_MAX_ROWS = 40000, ESCPOS_LINE_MAX = 512 };

typedef struct EscposLine {
    char *utf8;      /* owned */
    int y;           /* top row on the page */
    int align;       /* 0 left, 1 centre, 2 right */
    bool bold, big;
} EscposLine;

typedef struct EscposQr {
    char *data;      /* owned, NUL terminated (data may hold NULs: len) */
    size_t len;
    int module;      /* dots a module */
    int y;
} EscposQr;

typedef struct EscposDoc {
    int width;               /* page width in dots */
    int height;              /* rows used */
    unsigned char *page;     /* width * rows_cap bytes, 1 = black; owned */
    int rows_cap;
    EscposLine *lines;
    size_t nlines, lines_cap;
    EscposQr *qrs;
    size_t nqrs, qrs_cap;
    int inits, cuts, rasters, status_queries;
    bool cut_last;           /* nothing but status queries after the last cut */
    char error[256];         /* the first problem, "" when none */
} EscposDoc;

/* Decodes len bytes for paper `width` dots wide (384 or 576). Returns 0, or -1 with
 * doc->error saying what and at which byte (what was read up to there stays in doc).
 * Release doc with escpos_doc_release() either way. */
int escpos_decode(const unsigned char *data, size_t len, int width, EscposDoc *doc);
void escpos_doc_release(EscposDoc *doc);

/* All the text lines joined by '\n' (malloc'd). */
char *escpos_doc_text(const EscposDoc *doc);

#endif
