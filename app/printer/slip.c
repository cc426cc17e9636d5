/* slip.c: a slip (a title, headings, paragraphs, numbered steps, QR codes) laid out
 * as one ESC/POS job (see printer.h). Printer text is wrapped at the code page's
 * columns (Font A: 32 across 58 mm, 48 across 80 mm; half that for the title);
 * raster text is wrapped by the caller's measurements and drawn a line at a time, so
 * a long slip never needs one huge image in memory. */
#include "printer.h"

#include "err.h"
#include "mem.h"
#include "qr.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* ==== the slip ==== */

void slip_init(Slip *s, bool rtl)
{
    memset(s, 0, sizeof *s);
    s->rtl = rtl;
}

void slip_release(Slip *s)
{
    for (int i = 0; i < s->n; i++)
        mem_free(s->items[i].text);
    bool rtl = s->rtl;
    slip_init(s, rtl);
}

static void add_item(Slip *s, SlipKind kind, int number, const char *text)
{
    if (s->n >= SLIP_MAX_ITEMS) {
        s->failed = true;
        return;
    }
    size_t len = text ? strnlen(text, SLIP_TEXT_MAX) : 0;
    char *copy = mem_alloc(len + 1);
    if (!copy) {
        s->failed = true;
        return;
    }
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    s->items[s->n++] = (SlipItem){kind, number, copy};
}

void slip_add(Slip *s, SlipKind kind, const char *text)
{
    add_item(s, kind, 0, text);
}

void slip_add_step(Slip *s, int number, const char *text)
{
    add_item(s, SLIP_STEP, number, text);
}

/* ==== building ==== */

/* Raster text keeps 1 mm from each edge of the printable width, so a drawn line never
 * runs to the very edge as the printer's own font does not either. */
enum { RASTER_MARGIN = 8 };

typedef struct Build {
    const Slip *slip;
    const SlipOptions *o;
    ByteBuf *out;
    int dots;           /* paper width in dots (a multiple of 8) */
    bool can_raster;    /* the caller can draw text */
} Build;

/* ---- printer text ---- */

/* Bytes of the longest prefix of text[0..len) that fits in cols characters, broken
 * after a space when there is one; at least one character. */
static size_t wrap_cols(const char *text, size_t len, int cols)
{
    size_t i = 0, last_space = 0;
    int count = 0;
    while (i < len) {
        size_t n = 0;
        utf8_decode(text + i, len - i, &n);
        if (n == 0)
            n = 1;
        if (count == cols)
            break;
        if (text[i] == ' ')
            last_space = i + 1;
        i += n;
        count++;
    }
    if (i >= len)
        return len;
    if (text[i] == ' ')
        return i + 1;
    return last_space ? last_space : i;
}

/* One line of text[0..len) in the code page: each character it cannot hold is '?'. */
static void text_line_forced(ByteBuf *b, const char *text, size_t len)
{
    if (escpos_text_line(b, text, len))
        return;
    size_t i = 0;
    while (i < len) {
        size_t n = 0;
        uint32_t cp = utf8_decode(text + i, len - i, &n);
        if (n == 0)
            n = 1;
        unsigned char c = escpos_cp858(cp);
        if (!c)
            c = '?';
        bytebuf_add(b, &c, 1);
        i += n;
    }
    unsigned char lf = '\n';
    bytebuf_add(b, &lf, 1);
}

/* A paragraph in printer text, wrapped at cols; continuation lines start with indent
 * spaces (a step's text hangs after its number). */
static void native_paragraph(Build *bd, const char *text, int cols, int indent)
{
    size_t len = strlen(text), i = 0;
    bool first = true;
    char pad[16];
    if (indent > (int)sizeof pad - 1)
        indent = (int)sizeof pad - 1;
    memset(pad, ' ', (size_t)indent);
    while (i < len) {
        size_t nl = i;
        while (nl < len && text[nl] != '\n')
            nl++;
        if (nl == i) {
            unsigned char lf = '\n';
            bytebuf_add(bd->out, &lf, 1);
        }
        while (i < nl) {
            int room = first ? cols : cols - indent;
            size_t take = wrap_cols(text + i, nl - i, room);
            size_t end = i + take;
            while (end > i && text[end - 1] == ' ')
                end--;
            if (!first && indent > 0)
                bytebuf_add(bd->out, pad, (size_t)indent);
            text_line_forced(bd->out, text + i, end - i);
            i += take;
            first = false;
        }
        i = nl + 1;
    }
}

/* ---- raster text ---- */

/* Sends one drawn line: ink thresholded into a row as wide as the paper, placed at
 * the start (or end, right to left) or centred, with `gap` blank rows below. */
static int raster_line(Build *bd, SlipStyle style, const char *text, size_t len,
                       EscposAlign align, int gap)
{
    const SlipRaster *r = bd->o->raster;
    unsigned char *ink = NULL;
    int w = 0, h = 0;
    if (r->render(r->user, style, text, len, &ink, &w, &h) != 0 || !ink || w <= 0 || h <= 0) {
        mem_free(ink);
        return -1;
    }
    int wb = bd->dots / 8;
    int rows = h + gap;
    unsigned char *bits = mem_zalloc_array((size_t)wb, (size_t)rows);
    if (!bits) {
        mem_free(ink);
        return -1;
    }
    int x0 = align == ESCPOS_RIGHT    ? bd->dots - RASTER_MARGIN - w
             : align == ESCPOS_CENTER ? (bd->dots - w) / 2
                                      : RASTER_MARGIN;
    if (x0 < 0)
        x0 = align == ESCPOS_RIGHT ? bd->dots - w : 0; /* too wide: keep the start */
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int px = x0 + x;
            if (px < 0 || px >= bd->dots || ink[(size_t)y * (size_t)w + (size_t)x] < 128)
                continue;
            bits[(size_t)y * (size_t)wb + (size_t)(px >> 3)] |= (unsigned char)(0x80 >> (px & 7));
        }
    mem_free(ink);
    escpos_raster(bd->out, bits, wb, rows);
    mem_free(bits);
    return 0;
}

/* Bytes of the longest prefix of text[0..len) that fits in width dots, broken after a
 * space when there is one; at least one character. */
static size_t wrap_dots(Build *bd, SlipStyle style, const char *text, size_t len, int width)
{
    const SlipRaster *r = bd->o->raster;
    if (r->measure(r->user, style, text, len) <= width)
        return len;
    size_t fit = 0, last_space = 0, i = 0;
    while (i < len) {
        size_t n = 0;
        utf8_decode(text + i, len - i, &n);
        if (n == 0)
            n = 1;
        size_t end = i + n;
        if (text[i] == ' ') {
            /* A break here: does everything before the space fit? */
            if (r->measure(r->user, style, text, i) > width)
                break;
            last_space = end;
        }
        i = end;
    }
    if (last_space)
        return last_space;
    /* One word wider than the paper: as many characters as fit. */
    i = 0;
    while (i < len) {
        size_t n = 0;
        utf8_decode(text + i, len - i, &n);
        if (n == 0)
            n = 1;
        if (fit && r->measure(r->user, style, text, i + n) > width)
            break;
        i += n;
        fit = i;
    }
    return fit ? fit : len;
}

static int raster_paragraph(Build *bd, SlipStyle style, const char *text, EscposAlign align,
                            const char *prefix)
{
    size_t len = strlen(text), i = 0;
    int line_gap = style == SLIP_STYLE_TITLE ? 6 : 4;
    char line[SLIP_TEXT_MAX + 32];
    while (i < len) {
        size_t nl = i;
        while (nl < len && text[nl] != '\n')
            nl++;
        while (i < nl) {
            /* The step's number goes before the first line's words. */
            size_t pre = prefix ? strlen(prefix) : 0;
            size_t take;
            if (pre) {
                snprintf(line, sizeof line, "%s%.*s", prefix, (int)(nl - i), text + i);
                size_t t = wrap_dots(bd, style, line, strlen(line), bd->dots - 2 * RASTER_MARGIN);
                take = t > pre ? t - pre : nl - i;
                if (take > nl - i)
                    take = nl - i;
                size_t end = i + take;
                while (end > i && text[end - 1] == ' ')
                    end--;
                snprintf(line, sizeof line, "%s%.*s", prefix, (int)(end - i), text + i);
                prefix = NULL;
            } else {
                take = wrap_dots(bd, style, text + i, nl - i, bd->dots - 2 * RASTER_MARGIN);
                size_t end = i + take;
                while (end > i && text[end - 1] == ' ')
                    end--;
                snprintf(line, sizeof line, "%.*s", (int)(end - i), text + i);
            }
            if (line[0] && raster_line(bd, style, line, strlen(line), align, line_gap) != 0)
                return err_set("printer: a line of text could not be drawn");
            i += take;
        }
        i = nl + 1;
    }
    return 0;
}

/* ---- items ---- */

static bool needs_raster(const Build *bd, const char *text)
{
    if (!bd->can_raster)
        return false;
    return bd->slip->rtl || !escpos_encodable(text, strlen(text));
}

static int text_item(Build *bd, const SlipItem *it)
{
    int cols = bd->dots / ESCPOS_FONT_A_W;
    bool rtl = bd->slip->rtl;
    EscposAlign start = rtl ? ESCPOS_RIGHT : ESCPOS_LEFT;
    char number[16] = "";
    if (it->kind == SLIP_STEP)
        snprintf(number, sizeof number, "%d. ", it->number);
    SlipStyle style = it->kind == SLIP_TITLE     ? SLIP_STYLE_TITLE
                      : it->kind == SLIP_HEADING ? SLIP_STYLE_BOLD
                                                 : SLIP_STYLE_BODY;
    EscposAlign align = it->kind == SLIP_TITLE ? ESCPOS_CENTER : start;
    if (needs_raster(bd, it->text))
        return raster_paragraph(bd, style, it->text, align, number[0] ? number : NULL);
    escpos_align(bd->out, align);
    escpos_style(bd->out, style != SLIP_STYLE_BODY, style == SLIP_STYLE_TITLE);
    if (it->kind == SLIP_STEP) {
        /* "12. " then the words, continuation lines hanging under them. */
        size_t tlen = strlen(it->text), nlen = strlen(number);
        char *line = mem_alloc(nlen + tlen + 1);
        if (!line)
            return -1;
        memcpy(line, number, nlen);
        memcpy(line + nlen, it->text, tlen + 1);
        native_paragraph(bd, line, cols, (int)nlen);
        mem_free(line);
    } else {
        native_paragraph(bd, it->text, style == SLIP_STYLE_TITLE ? cols / 2 : cols, 0);
    }
    escpos_style(bd->out, false, false);
    return 0;
}

/* The QR code: the printer's own, or drawn here from the same matrix the screen
 * shows (qr_encode), with its 4-module quiet zone, centred, at the largest whole
 * number of dots a module (at most 8, 1 mm) that fits the paper. */
static int qr_item(Build *bd, const SlipItem *it)
{
    QrMatrix qr = {0};
    if (qr_encode(it->text, &qr) != 0)
        return -1;
    int side = qr.width + 8;
    int module = bd->dots / side;
    if (module > 8)
        module = 8;
    if (module < 1) {
        qr_release(&qr);
        return err_set("printer: the QR code is too large for the paper");
    }
    escpos_align(bd->out, ESCPOS_CENTER);
    if (bd->o->qr == PRINTER_QR_NATIVE) {
        qr_release(&qr);
        escpos_qr_native(bd->out, it->text, strlen(it->text), module);
        escpos_align(bd->out, bd->slip->rtl ? ESCPOS_RIGHT : ESCPOS_LEFT);
        return 0;
    }
    int wb = bd->dots / 8, px = side * module, x0 = (bd->dots - px) / 2;
    unsigned char *bits = mem_zalloc_array((size_t)wb, (size_t)px);
    if (!bits) {
        qr_release(&qr);
        return -1;
    }
    for (int my = 0; my < qr.width; my++)
        for (int mx = 0; mx < qr.width; mx++) {
            if (!(qr.modules[my * qr.width + mx] & 1))
                continue;
            for (int dy = 0; dy < module; dy++)
                for (int dx = 0; dx < module; dx++) {
                    int x = x0 + (mx + 4) * module + dx, y = (my + 4) * module + dy;
                    bits[(size_t)y * (size_t)wb + (size_t)(x >> 3)] |=
                        (unsigned char)(0x80 >> (x & 7));
                }
        }
    qr_release(&qr);
    escpos_raster(bd->out, bits, wb, px);
    mem_free(bits);
    escpos_align(bd->out, bd->slip->rtl ? ESCPOS_RIGHT : ESCPOS_LEFT);
    return 0;
}

/* A line across, 2 dots thick, with air above and below. */
static void rule_item(Build *bd)
{
    int wb = bd->dots / 8;
    unsigned char bits[(ESCPOS_DOTS_80 / 8) * 14];
    memset(bits, 0, sizeof bits);
    memset(bits + 6 * wb, 0xFF, (size_t)(2 * wb));
    escpos_raster(bd->out, bits, wb, 14);
}

int slip_build(const Slip *s, const SlipOptions *o, ByteBuf *out)
{
    if (o->dots != ESCPOS_DOTS_58 && o->dots != ESCPOS_DOTS_80)
        return err_set("printer: paper must be 384 or 576 dots wide, not %d", o->dots);
    if (s->failed)
        return err_set("printer: the slip has too many items");
    Build bd = {s, o, out, o->dots,
                o->raster && o->raster->measure && o->raster->render};
    escpos_init(out);
    escpos_align(out, s->rtl ? ESCPOS_RIGHT : ESCPOS_LEFT);
    for (int i = 0; i < s->n; i++) {
        const SlipItem *it = &s->items[i];
        int rc = 0;
        switch (it->kind) {
        case SLIP_TITLE:
        case SLIP_HEADING:
        case SLIP_TEXT:
        case SLIP_STEP:
            /* A blank line between blocks, none under a heading or a rule, nor
             * between the steps of a route. */
            if (i > 0 && it->kind != SLIP_STEP && s->items[i - 1].kind != SLIP_RULE &&
                s->items[i - 1].kind != SLIP_HEADING)
                escpos_feed(out, 1);
            rc = text_item(&bd, it);
            break;
        case SLIP_QR:
            escpos_feed(out, 1);
            rc = qr_item(&bd, it);
            break;
        case SLIP_RULE:
            rule_item(&bd);
            break;
        }
        if (rc != 0)
            return -1;
    }
    escpos_feed(out, 3);
    escpos_cut(out);
    if (out->failed)
        return err_set("printer: out of memory building the job");
    return 0;
}
