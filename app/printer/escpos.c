/* escpos.c: ESC/POS command bytes (see printer.h) and the PC858 code page. The
 * commands are those every Epson-compatible receipt printer knows; the QR command
 * (GS ( k, cn 49) is not universal, which is why [printer] qr = raster exists. */
#include "printer.h"

#include "mem.h"
#include "utf8.h"

#include <string.h>

/* ==== the byte buffer ==== */

void bytebuf_init(ByteBuf *b)
{
    memset(b, 0, sizeof *b);
}

void bytebuf_release(ByteBuf *b)
{
    mem_free(b->data);
    bytebuf_init(b);
}

void bytebuf_add(ByteBuf *b, const void *data, size_t len)
{
    if (b->failed || len == 0)
        return;
    if (b->len + len > b->cap) {
        void *p = b->data;
        size_t cap = b->cap;
        if (mem_grow(&p, &cap, b->len + len, 1) != 0) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

static void add2(ByteBuf *b, unsigned char a, unsigned char c)
{
    unsigned char d[2] = {a, c};
    bytebuf_add(b, d, 2);
}

static void add3(ByteBuf *b, unsigned char a, unsigned char c, unsigned char e)
{
    unsigned char d[3] = {a, c, e};
    bytebuf_add(b, d, 3);
}

/* ==== PC858 ==== */

/* Code points of bytes 0x80 to 0xFF (IBM code page 850 with the euro sign at 0xD5). */
static const uint16_t cp858_high[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE,
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

/* Typography the code page lacks but plain ASCII says as well. */
static char ascii_stand_in(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201F: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return '-';
    case 0x2002: case 0x2003: case 0x2009: case 0x200A: case 0x202F: return ' ';
    case 0x2022: return 0x07; /* marker: see escpos_cp858 (bullet -> middle dot) */
    default: return 0;
    }
}

unsigned char escpos_cp858(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return (unsigned char)cp;
    if (cp == 0x00A0)
        return ' ';
    char s = ascii_stand_in(cp);
    if (s == 0x07)
        return 0xFA; /* bullet: the middle dot */
    if (s)
        return (unsigned char)s;
    for (int i = 0; i < 128; i++)
        if (cp858_high[i] == cp)
            return (unsigned char)(0x80 + i);
    return 0;
}

uint32_t escpos_cp858_to_unicode(unsigned char c)
{
    return c < 0x80 ? c : cp858_high[c - 0x80];
}

/* Invisible controls that need no glyph (bidi marks, joiners) are dropped. */
static bool invisible(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F ||
           cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

bool escpos_encodable(const char *utf8, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = 0;
        uint32_t cp = utf8_decode(utf8 + i, len - i, &n);
        if (n == 0)
            return false;
        i += n;
        if (cp == '\t' || cp == '\n' || invisible(cp))
            continue;
        if (!escpos_cp858(cp))
            return false;
    }
    return true;
}

bool escpos_text_line(ByteBuf *b, const char *utf8, size_t len)
{
    if (!escpos_encodable(utf8, len))
        return false;
    size_t i = 0;
    while (i < len) {
        size_t n = 0;
        uint32_t cp = utf8_decode(utf8 + i, len - i, &n);
        i += n;
        if (invisible(cp))
            continue;
        unsigned char c = cp == '\t' ? ' ' : cp == '\n' ? '\n' : escpos_cp858(cp);
        bytebuf_add(b, &c, 1);
    }
    unsigned char lf = '\n';
    bytebuf_add(b, &lf, 1);
    return true;
}

/* ==== commands ==== */

void escpos_init(ByteBuf *b)
{
    add2(b, 0x1B, '@');
    add3(b, 0x1B, 't', ESCPOS_CODE_PAGE);
}

void escpos_align(ByteBuf *b, EscposAlign a)
{
    add3(b, 0x1B, 'a', (unsigned char)a);
}

void escpos_style(ByteBuf *b, bool bold, bool big)
{
    add3(b, 0x1B, 'E', bold ? 1 : 0);
    add3(b, 0x1D, '!', big ? 0x11 : 0x00);
}

void escpos_feed(ByteBuf *b, int lines)
{
    if (lines > 0)
        add3(b, 0x1B, 'd', (unsigned char)(lines > 255 ? 255 : lines));
}

void escpos_raster(ByteBuf *b, const unsigned char *bits, int width_bytes, int height)
{
    if (width_bytes <= 0 || height <= 0)
        return;
    for (int y = 0; y < height; y += ESCPOS_RASTER_ROWS) {
        int rows = height - y < ESCPOS_RASTER_ROWS ? height - y : ESCPOS_RASTER_ROWS;
        unsigned char h[8] = {0x1D, 'v', '0', 0,
                              (unsigned char)(width_bytes & 0xFF),
                              (unsigned char)(width_bytes >> 8),
                              (unsigned char)(rows & 0xFF), (unsigned char)(rows >> 8)};
        bytebuf_add(b, h, sizeof h);
        bytebuf_add(b, bits + (size_t)y * (size_t)width_bytes,
                    (size_t)rows * (size_t)width_bytes);
    }
}

/* GS ( k with cn 49, function fn and its parameters. */
static void qr_fn(ByteBuf *b, unsigned char fn, const void *params, size_t n)
{
    size_t len = n + 2; /* cn and fn */
    unsigned char h[7] = {0x1D, '(', 'k', (unsigned char)(len & 0xFF),
                          (unsigned char)(len >> 8), 49, fn};
    bytebuf_add(b, h, sizeof h);
    bytebuf_add(b, params, n);
}

void escpos_qr_native(ByteBuf *b, const char *payload, size_t len, int module)
{
    unsigned char model[2] = {50, 0}; /* model 2 */
    unsigned char size = (unsigned char)(module < 1 ? 1 : module > 16 ? 16 : module);
    unsigned char ec = 49;             /* M: 15 % */
    qr_fn(b, 65, model, 2);
    qr_fn(b, 67, &size, 1);
    qr_fn(b, 69, &ec, 1);
    /* Store: m = 48, then the data. */
    size_t n = len + 1;
    unsigned char h[8] = {0x1D, '(', 'k', (unsigned char)((n + 2) & 0xFF),
                          (unsigned char)((n + 2) >> 8), 49, 80, 48};
    bytebuf_add(b, h, sizeof h);
    bytebuf_add(b, payload, len);
    unsigned char m = 48;
    qr_fn(b, 81, &m, 1);
}

void escpos_cut(ByteBuf *b)
{
    /* GS V 66 n: feed n dots further, then a partial cut. */
    unsigned char c[4] = {0x1D, 'V', 66, 96};
    bytebuf_add(b, c, sizeof c);
}
