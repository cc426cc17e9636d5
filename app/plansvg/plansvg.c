/* plansvg.c: SVG floor plans checked and rendered to PNG with librsvg and cairo (see
 * plansvg.h). The checks on outside references are our own, on the bytes, before
 * librsvg sees them; librsvg then loads from memory with no base file, so even a
 * reference the checks missed has nothing to resolve against. */
#include "plansvg.h"

#include "err.h"
#include "mem.h"

#include <cairo.h>
#include <ctype.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool match_ci(const unsigned char *p, const unsigned char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - p) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower(p[i]) != (unsigned char)word[i])
            return false;
    return true;
}

static const unsigned char *skip_space(const unsigned char *p, const unsigned char *end)
{
    while (p < end && isspace(*p))
        p++;
    return p;
}

/* The first outside reference in the bytes, copied into what (for the message), or
 * false when there is none. A reference inside the file starts with '#'. */
static bool outside_ref(const unsigned char *s, size_t len, char *what, size_t cap)
{
    const unsigned char *end = s + len;
    static const char *const banned[] = {"<!doctype", "<!entity", "xml:base", "@import",
                                         "<?xml-stylesheet"};
    for (const unsigned char *p = s; p < end; p++) {
        for (size_t k = 0; k < sizeof banned / sizeof banned[0]; k++)
            if (match_ci(p, end, banned[k])) {
                snprintf(what, cap, "%s", banned[k]);
                return true;
            }
        const unsigned char *v = NULL;
        char close = 0;
        if (match_ci(p, end, "href")) {
            const unsigned char *q = skip_space(p + 4, end);
            if (q < end && *q == '=') {
                q = skip_space(q + 1, end);
                if (q < end && (*q == '"' || *q == '\'')) {
                    close = (char)*q;
                    v = q + 1;
                }
            }
        } else if (match_ci(p, end, "url(")) {
            const unsigned char *q = skip_space(p + 4, end);
            close = ')';
            if (q < end && (*q == '"' || *q == '\'')) {
                close = (char)*q;
                q++;
            }
            v = q;
        }
        if (!v)
            continue;
        v = skip_space(v, end);
        if (v < end && *v == '#')
            continue;
        size_t n = 0;
        while (v + n < end && v[n] != (unsigned char)close && n + 1 < cap && n < 60)
            n++;
        memcpy(what, v, n);
        what[n] = '\0';
        return true;
    }
    return false;
}

static bool looks_like_svg(const unsigned char *s, size_t len)
{
    if (memchr(s, '\0', len))
        return false;
    const unsigned char *end = s + len;
    for (const unsigned char *p = s; p < end; p++)
        if (match_ci(p, end, "<svg") && p + 4 < end && (isspace(p[4]) || p[4] == '>'))
            return true;
    return false;
}

typedef struct PngBuf {
    unsigned char *data;
    size_t len, cap;
    bool failed;
} PngBuf;

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int n)
{
    PngBuf *b = closure;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < b->len + n)
            cap *= 2;
        void *d = b->data;
        if (mem_resize(&d, cap) != 0) {
            b->failed = true;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return CAIRO_STATUS_SUCCESS;
}

int plansvg_render(const unsigned char *svg, size_t len, PlanPicture *out)
{
    memset(out, 0, sizeof *out);
    if (len == 0)
        return err_set("the drawing is empty");
    if (len > PLANSVG_MAX_BYTES)
        return err_set("the drawing is %zu bytes, more than the %d allowed; simplify it or "
                       "export it without embedded pictures", len, PLANSVG_MAX_BYTES);
    if (!looks_like_svg(svg, len))
        return err_set("this is not an SVG drawing (no <svg> element); export the floor plan "
                       "as SVG");
    char what[64];
    if (outside_ref(svg, len, what, sizeof what))
        return err_set("the drawing refers to something outside it ('%s'); Signpost loads "
                       "nothing from outside a drawing: remove it, or make the drawing "
                       "self-contained", what);
    GError *ge = NULL;
    RsvgHandle *h = rsvg_handle_new_from_data(svg, len, &ge);
    if (!h) {
        int r = err_set("the SVG could not be read: %s", ge ? ge->message : "unknown error");
        if (ge)
            g_error_free(ge);
        return r;
    }
    gboolean has_w, has_h, has_vb;
    RsvgLength lw, lh;
    RsvgRectangle vb;
    rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (!has_vb || !(vb.width > 0) || !(vb.height > 0)) {
        g_object_unref(h);
        return err_set("the drawing has no viewBox; give its <svg> element a viewBox "
                       "(\"0 0 WIDTH HEIGHT\"): waypoints use its coordinates");
    }
    if (vb.width > PLANSVG_MAX_UNITS || vb.height > PLANSVG_MAX_UNITS) {
        g_object_unref(h);
        return err_set("the drawing's viewBox is %g by %g, larger than %d on a side",
                       vb.width, vb.height, PLANSVG_MAX_UNITS);
    }
    double scale = PLANSVG_PICTURE_SIDE / fmax(vb.width, vb.height);
    int pw = (int)lround(vb.width * scale), ph = (int)lround(vb.height * scale);
    if (pw < 1)
        pw = 1;
    if (ph < 1)
        ph = 1;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    RsvgRectangle viewport = {0, 0, pw, ph};
    gboolean ok = rsvg_handle_render_document(h, cr, &viewport, &ge);
    cairo_destroy(cr);
    g_object_unref(h);
    if (!ok) {
        int r = err_set("the SVG could not be drawn: %s", ge ? ge->message : "unknown error");
        if (ge)
            g_error_free(ge);
        cairo_surface_destroy(surf);
        return r;
    }
    PngBuf b = {0};
    cairo_status_t st = cairo_surface_write_to_png_stream(surf, png_write, &b);
    cairo_surface_destroy(surf);
    if (st != CAIRO_STATUS_SUCCESS || b.failed) {
        mem_free(b.data);
        return err_set("the drawing could not be turned into a picture: %s",
                       cairo_status_to_string(st));
    }
    *out = (PlanPicture){vb.width, vb.height, b.data, b.len, pw, ph};
    return 0;
}

void plansvg_release(PlanPicture *p)
{
    mem_free(p->png);
    memset(p, 0, sizeof *p);
}
