/* escpos_decode.c: an ESC/POS job read back into a page (see escpos_decode.h). */
#include "escpos_decode.h"

#include <qrencode.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PC858 bytes 0x80..0xFF as code points (the printer module's table, kept apart so
 * the decoder checks the encoder rather than sharing its mistakes). */
static const uint16_t pc858[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8,
    0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2,
    0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1,
    0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD,
    0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2,
    0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514, 0x2534,
    0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560,
    0x2550, 0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE,
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, 0x00D3, 0x00DF, 0x00D4,
    0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD,
    0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8, 0x00B0,
    0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

typedef struct Dec {
    EscposDoc *doc;
    const unsigned char *d;
    size_t len, pos;
    int y;
    int align;
    bool bold, big;
    int line_spacing;          /* dots from one text line to the next */
    char line[ESCPOS_LINE_MAX * 3 + 4];
    size_t line_len;
    bool line_open;
    /* The QR being set up: the functions seen so far, and the stored data. */
    int qr_step;               /* 0 none, 1 model, 2 size, 3 ec, 4 stored */
    int qr_module;
    unsigned char *qr_data;
    size_t qr_len;
} Dec;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(Dec *x, const char *fmt, ...)
{
    if (!x->doc->error[0]) {
        char msg[200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(x->doc->error, sizeof x->doc->error, "byte %zu: %s", x->pos, msg);
    }
    return -1;
}

static int need(Dec *x, size_t n, const char *what)
{
    if (x->len - x->pos < n)
        return fail(x, "%s is cut short", what);
    return 0;
}

/* Makes sure rows [0, rows) exist on the page. */
static int grow_rows(Dec *x, int rows)
{
    EscposDoc *doc = x->doc;
    if (rows > ESCPOS_PAGE_MAX_ROWS)
        return fail(x, "the page would be longer than %d rows", ESCPOS_PAGE_MAX_ROWS);
    if (rows > doc->rows_cap) {
        int cap = doc->rows_cap ? doc->rows_cap : 256;
        while (cap < rows)
            cap *= 2;
        if (cap > ESCPOS_PAGE_MAX_ROWS)
            cap = ESCPOS_PAGE_MAX_ROWS;
        unsigned char *p = realloc(doc->page, (size_t)cap * (size_t)doc->width);
        if (!p)
            return fail(x, "out of memory");
        memset(p + (size_t)doc->rows_cap * (size_t)doc->width, 0,
               (size_t)(cap - doc->rows_cap) * (size_t)doc->width);
        doc->page = p;
        doc->rows_cap = cap;
    }
    if (rows > doc->height)
        doc->height = rows;
    return 0;
}

static int advance(Dec *x, int dots)
{
    x->y += dots;
    return grow_rows(x, x->y);
}

static int flush_line(Dec *x)
{
    EscposDoc *doc = x->doc;
    if (doc->nlines == doc->lines_cap) {
        size_t cap = doc->lines_cap ? doc->lines_cap * 2 : 32;
        EscposLine *l = realloc(doc->lines, cap * sizeof *l);
        if (!l)
            return fail(x, "out of memory");
        doc->lines = l;
        doc->lines_cap = cap;
    }
    char *s = malloc(x->line_len + 1);
    if (!s)
        return fail(x, "out of memory");
    memcpy(s, x->line, x->line_len);
    s[x->line_len] = '\0';
    doc->lines[doc->nlines++] = (EscposLine){s, x->y, x->align, x->bold, x->big};
    x->line_len = 0;
    x->line_open = false;
    return advance(x, x->big ? 2 * x->line_spacing : x->line_spacing);
}

static int add_char(Dec *x, unsigned char c)
{
    if (x->line_len + 4 > sizeof x->line - 1)
        return fail(x, "a text line longer than %d characters", ESCPOS_LINE_MAX);
    uint32_t cp = c < 0x80 ? c : pc858[c - 0x80];
    if (cp < 0x80) {
        x->line[x->line_len++] = (char)cp;
    } else if (cp < 0x800) {
        x->line[x->line_len++] = (char)(0xC0 | (cp >> 6));
        x->line[x->line_len++] = (char)(0x80 | (cp & 0x3F));
    } else {
        x->line[x->line_len++] = (char)(0xE0 | (cp >> 12));
        x->line[x->line_len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        x->line[x->line_len++] = (char)(0x80 | (cp & 0x3F));
    }
    x->line_open = true;
    return 0;
}

/* Puts a 1-bit image (rows of wb bytes, MSB leftmost) on the page at the current row,
 * aligned as ESC a says when narrower than the paper. */
static int put_bits(Dec *x, const unsigned char *bits, int wb, int rows, int scale)
{
    EscposDoc *doc = x->doc;
    int w = wb * 8 * scale;
    if (w > doc->width)
        return fail(x, "an image %d dots wide is wider than the paper (%d)", w, doc->width);
    int x0 = x->align == 1 ? (doc->width - w) / 2 : x->align == 2 ? doc->width - w : 0;
    if (grow_rows(x, x->y + rows * scale) != 0)
        return -1;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < wb * 8; c++) {
            if (!(bits[(size_t)r * (size_t)wb + (size_t)(c >> 3)] & (0x80 >> (c & 7))))
                continue;
            for (int dy = 0; dy < scale; dy++)
                for (int dx = 0; dx < scale; dx++)
                    doc->page[(size_t)(x->y + r * scale + dy) * (size_t)doc->width +
                              (size_t)(x0 + c * scale + dx)] = 1;
        }
    return advance(x, rows * scale);
}

static int raster(Dec *x)
{
    /* GS v 0 m xL xH yL yH d... (x->pos is at m) */
    if (need(x, 5, "GS v 0") != 0)
        return -1;
    const unsigned char *h = x->d + x->pos;
    int m = h[0];
    if (m != 0 && m != 48)
        return fail(x, "GS v 0 mode %d (only normal size is used)", m);
    int wb = h[1] | h[2] << 8, rows = h[3] | h[4] << 8;
    x->pos += 5;
    if (wb == 0 || rows == 0)
        return fail(x, "GS v 0 with an empty image");
    size_t n = (size_t)wb * (size_t)rows;
    if (need(x, n, "GS v 0 image data") != 0)
        return -1;
    if (x->line_open)
        return fail(x, "an image in the middle of a text line");
    int rc = put_bits(x, x->d + x->pos, wb, rows, 1);
    x->pos += n;
    x->doc->rasters++;
    return rc;
}

static int qr_print(Dec *x)
{
    EscposDoc *doc = x->doc;
    if (x->qr_step != 4)
        return fail(x, "GS ( k print without model, size, error correction and data before it");
    QRcode *q = QRcode_encodeData((int)x->qr_len, x->qr_data, 0, QR_ECLEVEL_M);
    if (!q)
        return fail(x, "the QR data cannot be encoded (%zu bytes)", x->qr_len);
    int side = q->width + 8;
    int wb = (side + 7) / 8;
    unsigned char *bits = calloc((size_t)wb * (size_t)side, 1);
    if (!bits) {
        QRcode_free(q);
        return fail(x, "out of memory");
    }
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1)
                bits[(size_t)(r + 4) * (size_t)wb + (size_t)((c + 4) >> 3)] |=
                    (unsigned char)(0x80 >> ((c + 4) & 7));
    QRcode_free(q);
    if (doc->nqrs == doc->qrs_cap) {
        size_t cap = doc->qrs_cap ? doc->qrs_cap * 2 : 4;
        EscposQr *nq = realloc(doc->qrs, cap * sizeof *nq);
        if (!nq) {
            free(bits);
            return fail(x, "out of memory");
        }
        doc->qrs = nq;
        doc->qrs_cap = cap;
    }
    char *data = malloc(x->qr_len + 1);
    if (!data) {
        free(bits);
        return fail(x, "out of memory");
    }
    memcpy(data, x->qr_data, x->qr_len);
    data[x->qr_len] = '\0';
    doc->qrs[doc->nqrs++] = (EscposQr){data, x->qr_len, x->qr_module, x->y};
    /* The printer draws the code itself, side*module dots, centred as ESC a says; the
     * byte-wide image put_bits takes is rounded up, so draw module by module. */
    int rc = 0;
    int px = side * x->qr_module;
    if (px > doc->width) {
        rc = fail(x, "the QR code (%d dots) is wider than the paper", px);
    } else if (grow_rows(x, x->y + px) == 0) {
        int x0 = x->align == 1 ? (doc->width - px) / 2 : x->align == 2 ? doc->width - px : 0;
        for (int r = 0; r < side; r++)
            for (int c = 0; c < side; c++)
                if (bits[(size_t)r * (size_t)wb + (size_t)(c >> 3)] & (0x80 >> (c & 7)))
                    for (int dy = 0; dy < x->qr_module; dy++)
                        memset(doc->page + (size_t)(x->y + r * x->qr_module + dy) *
                                               (size_t)doc->width +
                                   (size_t)(x0 + c * x->qr_module),
                               1, (size_t)x->qr_module);
        rc = advance(x, px);
    } else {
        rc = -1;
    }
    free(bits);
    x->qr_step = 0;
    free(x->qr_data);
    x->qr_data = NULL;
    x->qr_len = 0;
    return rc;
}

static int qr_command(Dec *x)
{
    /* GS ( k pL pH cn fn ... (x->pos is at pL) */
    if (need(x, 2, "GS ( k") != 0)
        return -1;
    size_t n = (size_t)(x->d[x->pos] | x->d[x->pos + 1] << 8);
    x->pos += 2;
    if (n < 2)
        return fail(x, "GS ( k with no function");
    if (need(x, n, "GS ( k parameters") != 0)
        return -1;
    const unsigned char *p = x->d + x->pos;
    x->pos += n;
    if (p[0] != 49)
        return fail(x, "GS ( k for symbol %d (only QR, 49, is used)", p[0]);
    int fn = p[1];
    switch (fn) {
    case 65:
        if (n != 4 || (p[2] != 49 && p[2] != 50))
            return fail(x, "GS ( k 65: model must be 49 or 50");
        x->qr_step = 1;
        return 0;
    case 67:
        if (x->qr_step != 1 || n != 3 || p[2] < 1 || p[2] > 16)
            return fail(x, "GS ( k 67: module size 1 to 16, after the model");
        x->qr_module = p[2];
        x->qr_step = 2;
        return 0;
    case 69:
        if (x->qr_step != 2 || n != 3 || p[2] < 48 || p[2] > 51)
            return fail(x, "GS ( k 69: error correction 48 to 51, after the size");
        x->qr_step = 3;
        return 0;
    case 80:
        if (x->qr_step != 3 || n < 4 || p[2] != 48)
            return fail(x, "GS ( k 80: store data, after the error correction");
        free(x->qr_data);
        x->qr_len = n - 3;
        x->qr_data = malloc(x->qr_len ? x->qr_len : 1);
        if (!x->qr_data)
            return fail(x, "out of memory");
        memcpy(x->qr_data, p + 3, x->qr_len);
        x->qr_step = 4;
        return 0;
    case 81:
        if (n != 3 || p[2] != 48)
            return fail(x, "GS ( k 81: print takes m = 48");
        return qr_print(x);
    default:
        return fail(x, "GS ( k function %d is not one the kiosk sends", fn);
    }
}

static int esc(Dec *x)
{
    if (need(x, 1, "ESC") != 0)
        return -1;
    unsigned char c = x->d[x->pos++];
    if (c == '@') {
        x->doc->inits++;
        x->align = 0;
        x->bold = x->big = false;
        x->line_spacing = 30;
        return 0;
    }
    if (c == '2') {
        x->line_spacing = 30;
        return 0;
    }
    if (need(x, 1, "ESC parameter") != 0)
        return -1;
    unsigned char n = x->d[x->pos++];
    switch (c) {
    case 't': return n == 19 ? 0 : fail(x, "ESC t %d: the kiosk uses code page 19 (PC858)", n);
    case 'a':
        if (n > 2 && (n < 48 || n > 50))
            return fail(x, "ESC a %d is not an alignment", n);
        if (x->line_open)
            return fail(x, "ESC a in the middle of a line");
        x->align = n % 48;
        return 0;
    case 'E': x->bold = n & 1; return 0;
    case '!': x->bold = n & 8; x->big = (n & 0x30) != 0; return 0;
    case '3': x->line_spacing = n; return 0;
    case 'J': return advance(x, n);
    case 'd':
        if (x->line_open && flush_line(x) != 0)
            return -1;
        return advance(x, n * x->line_spacing);
    case '-': return 0;
    default: return fail(x, "ESC %d is not a command the kiosk sends", c);
    }
}

static int gs(Dec *x)
{
    if (need(x, 1, "GS") != 0)
        return -1;
    unsigned char c = x->d[x->pos++];
    switch (c) {
    case '!':
        if (need(x, 1, "GS !") != 0)
            return -1;
        x->big = x->d[x->pos++] != 0;
        return 0;
    case 'v':
        if (need(x, 1, "GS v") != 0)
            return -1;
        if (x->d[x->pos++] != '0')
            return fail(x, "GS v other than GS v 0");
        return raster(x);
    case '(':
        if (need(x, 1, "GS (") != 0)
            return -1;
        if (x->d[x->pos++] != 'k')
            return fail(x, "GS ( other than GS ( k");
        return qr_command(x);
    case 'V': {
        if (need(x, 1, "GS V") != 0)
            return -1;
        unsigned char m = x->d[x->pos++];
        if (m == 65 || m == 66) {
            if (need(x, 1, "GS V n") != 0)
                return -1;
            int feed = x->d[x->pos++];
            if (advance(x, feed) != 0)
                return -1;
        } else if (m != 0 && m != 1 && m != 48 && m != 49) {
            return fail(x, "GS V %d is not a cut", m);
        }
        if (x->line_open)
            return fail(x, "a cut in the middle of a text line");
        x->doc->cuts++;
        x->doc->cut_last = true;
        return 0;
    }
    default: return fail(x, "GS %d is not a command the kiosk sends", c);
    }
}

int escpos_decode(const unsigned char *data, size_t len, int width, EscposDoc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->width = width;
    Dec x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.d = data;
    x.len = len;
    x.line_spacing = 30;
    if (width != 384 && width != 576)
        return fail(&x, "paper width %d (384 or 576)", width);
    bool first = true;
    int rc = 0;
    while (rc == 0 && x.pos < len) {
        unsigned char c = data[x.pos++];
        if (c == 0x10) {
            /* DLE EOT n: a status request, answered out of band. */
            if (need(&x, 2, "DLE EOT") != 0 || data[x.pos] != 0x04 || data[x.pos + 1] < 1 ||
                data[x.pos + 1] > 4) {
                rc = fail(&x, "DLE other than DLE EOT 1..4");
                break;
            }
            x.pos += 2;
            doc->status_queries++;
            continue;
        }
        if (first && c != 0x1B) {
            rc = fail(&x, "the job does not start with ESC @");
            break;
        }
        if (first) {
            if (x.pos >= len || data[x.pos] != '@') {
                rc = fail(&x, "the job does not start with ESC @");
                break;
            }
            first = false;
        }
        doc->cut_last = false;
        if (c == 0x1B)
            rc = esc(&x);
        else if (c == 0x1D)
            rc = gs(&x);
        else if (c == '\n')
            rc = flush_line(&x);
        else if (c == '\r')
            rc = 0;
        else if (c >= 0x20)
            rc = add_char(&x, c);
        else
            rc = fail(&x, "control byte 0x%02X is not a command the kiosk sends", c);
    }
    if (rc == 0 && x.line_open)
        rc = fail(&x, "the last text line has no line feed");
    if (rc == 0 && x.qr_step != 0)
        rc = fail(&x, "a QR code was set up but never printed");
    if (rc == 0 && doc->inits == 0)
        rc = fail(&x, "no ESC @");
    if (rc == 0 && !doc->cut_last)
        rc = fail(&x, "the job does not end with a cut");
    free(x.qr_data);
    return rc;
}

void escpos_doc_release(EscposDoc *doc)
{
    for (size_t i = 0; i < doc->nlines; i++)
        free(doc->lines[i].utf8);
    for (size_t i = 0; i < doc->nqrs; i++)
        free(doc->qrs[i].data);
    free(doc->lines);
    free(doc->qrs);
    free(doc->page);
    memset(doc, 0, sizeof *doc);
}

char *escpos_doc_text(const EscposDoc *doc)
{
    size_t n = 1;
    for (size_t i = 0; i < doc->nlines; i++)
        n += strlen(doc->lines[i].utf8) + 1;
    char *s = malloc(n);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < doc->nlines; i++) {
        size_t l = strlen(doc->lines[i].utf8);
        memcpy(s + o, doc->lines[i].utf8, l);
        o += l;
        s[o++] = '\n';
    }
    s[o] = '\0';
    return s;
}
