/* print_check.c: reads a job the printer emulator received back into a page
 * (escpos_decode), saves it as a PNG (images and QR codes as printed, printer text
 * drawn in a monospaced font where it stands), decodes every QR code on the page with
 * libzbar, and checks it against what the kiosk showed.
 *
 * usage: print_check JOB.bin PAPER_DOTS OUT.png [check...]
 *   --qr-dump DUMP.json ID      a QR code on the slip decodes to the label of element
 *                               ID in the kiosk's dump (the screen's code)
 *   --text-dump DUMP.json PREFIX the text of every element whose id starts with PREFIX
 *                               (and a digit, when PREFIX ends in '-') is in the
 *                               slip's printer text
 *   --text STRING               STRING is in the slip's printer text
 *   --forbid STRING             STRING is neither in the bytes nor in the text
 *   --raster-text               the slip has text drawn as images (outside the code page)
 * Text is compared as the printer's code page holds it (typographic quotes as ASCII),
 * with every run of spaces and line breaks as one space, because the slip wraps lines.
 * Exit status 0 when every check passed, 1 otherwise, 2 for bad usage or input. */
#include "escpos_decode.h"
#include "printer.h"
#include "utf8.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#define MONO_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
#define MONO_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && n > 0 && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = n > 0 ? (size_t)n : 0;
    return b;
}

/* s as the code page holds it, runs of white space as one space (malloc'd). */
static char *normal(const char *s)
{
    size_t len = strlen(s), o = 0;
    char *out = malloc(len * 3 + 1);
    bool space = true;
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        uint32_t cp = utf8_decode(s + i, len - i, &n);
        i += n ? n : 1;
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == 0xA0) {
            if (!space)
                out[o++] = ' ';
            space = true;
            continue;
        }
        if (cp == 0x200E || cp == 0x200F || cp == 0x00AD)
            continue;
        unsigned char c = escpos_cp858(cp);
        o += utf8_encode(c ? escpos_cp858_to_unicode(c) : '?', out + o);
        space = false;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

static json_t *dump_elements(const char *path)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        fprintf(stderr, "print_check: %s:%d: %s\n", path, jerr.line, jerr.text);
    return root;
}

/* zbar over the page (white margins around it); fills payloads (malloc'd). */
static int scan_page(const EscposDoc *doc, char **payloads, int max)
{
    int m = 32, w = doc->width + 2 * m, h = doc->height + 2 * m;
    unsigned char *gray = malloc((size_t)w * (size_t)h);
    memset(gray, 255, (size_t)w * (size_t)h);
    for (int y = 0; y < doc->height; y++)
        for (int x = 0; x < doc->width; x++)
            if (doc->page[(size_t)y * (size_t)doc->width + (size_t)x])
                gray[(size_t)(y + m) * (size_t)w + (size_t)(x + m)] = 0;
    zbar_image_scanner_t *scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_image_set_data(img, gray, (unsigned long)w * (unsigned long)h, NULL);
    zbar_scan_image(scanner, img);
    int n = 0;
    for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s && n < max;
         s = zbar_symbol_next(s))
        payloads[n++] = strdup(zbar_symbol_get_data(s));
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(scanner);
    free(gray);
    return n;
}

static int save_png(const EscposDoc *doc, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, doc->width, doc->height > 0 ? doc->height : 1,
                                                    32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return -1;
    SDL_FillRect(s, NULL, 0xFFFFFFFF);
    for (int y = 0; y < doc->height; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < doc->width; x++)
            if (doc->page[(size_t)y * (size_t)doc->width + (size_t)x])
                row[x] = 0xFF000000;
    }
    TTF_Font *fonts[4] = {TTF_OpenFont(MONO_FONT, 20), TTF_OpenFont(MONO_BOLD, 20),
                          TTF_OpenFont(MONO_FONT, 40), TTF_OpenFont(MONO_BOLD, 40)};
    SDL_Color black = {0, 0, 0, 255};
    for (size_t i = 0; i < doc->nlines; i++) {
        const EscposLine *l = &doc->lines[i];
        TTF_Font *f = fonts[(l->bold ? 1 : 0) + (l->big ? 2 : 0)];
        if (!f || !l->utf8[0])
            continue;
        SDL_Surface *t = TTF_RenderUTF8_Blended(f, l->utf8, black);
        if (!t)
            continue;
        SDL_Rect at = {l->align == 1 ? (doc->width - t->w) / 2 : l->align == 2 ? doc->width - t->w : 0,
                       l->y, t->w, t->h};
        SDL_BlitSurface(t, NULL, s, &at);
        SDL_FreeSurface(t);
    }
    for (int i = 0; i < 4; i++)
        if (fonts[i])
            TTF_CloseFont(fonts[i]);
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: print_check JOB.bin PAPER_DOTS OUT.png [check...]\n");
        return 2;
    }
    size_t len = 0;
    unsigned char *bytes = read_file(argv[1], &len);
    if (!bytes || len == 0) {
        fprintf(stderr, "print_check: cannot read %s (did the printer get a job?)\n", argv[1]);
        return 2;
    }
    EscposDoc doc;
    int rc = 0;
    if (escpos_decode(bytes, len, atoi(argv[2]), &doc) != 0) {
        fprintf(stderr, "print_check: %s: %s\n", argv[1], doc.error);
        rc = 1;
    }
    SDL_SetMainReady();
    TTF_Init();
    if (save_png(&doc, argv[3]) != 0) {
        fprintf(stderr, "print_check: cannot write %s\n", argv[3]);
        rc = 1;
    }
    char *text = escpos_doc_text(&doc);
    char *ntext = normal(text);
    char *qrs[16];
    int nqr = scan_page(&doc, qrs, 16);
    printf("print_check: %s: %zu bytes, %d status requests, %zu text lines, %d images, "
           "%zu native QR, %d QR decoded, %d cut(s); page %dx%d -> %s\n",
           argv[1], len, doc.status_queries, doc.nlines, doc.rasters, doc.nqrs, nqr, doc.cuts,
           doc.width, doc.height, argv[3]);
    printf("---- text ----\n%s---- QR ----\n", text);
    for (int i = 0; i < nqr; i++)
        printf("%s\n----\n", qrs[i]);
    for (int i = 4; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--qr-dump") == 0 && i + 2 < argc) {
            json_t *root = dump_elements(argv[i + 1]);
            const char *want = NULL;
            json_t *e;
            size_t k;
            json_array_foreach(json_object_get(root, "elements"), k, e)
            {
                const char *id = json_string_value(json_object_get(e, "id"));
                if (id && strcmp(id, argv[i + 2]) == 0)
                    want = json_string_value(json_object_get(e, "label"));
            }
            bool found = false;
            for (int q = 0; want && q < nqr; q++)
                found |= strcmp(qrs[q], want) == 0;
            for (size_t q = 0; want && q < doc.nqrs; q++)
                found |= strcmp(doc.qrs[q].data, want) == 0;
            if (!want) {
                fprintf(stderr, "print_check: no element %s in %s\n", argv[i + 2], argv[i + 1]);
                rc = 1;
            } else if (!found) {
                fprintf(stderr, "print_check: no QR code on the slip decodes to the screen's:\n%s\n",
                        want);
                rc = 1;
            } else {
                printf("print_check: a QR code on the slip equals the screen's (%zu bytes)\n",
                       strlen(want));
            }
            json_decref(root);
            i += 2;
        } else if (strcmp(a, "--text-dump") == 0 && i + 2 < argc) {
            json_t *root = dump_elements(argv[i + 1]);
            json_t *e;
            size_t k;
            int n = 0;
            json_array_foreach(json_object_get(root, "elements"), k, e)
            {
                const char *id = json_string_value(json_object_get(e, "id"));
                const char *label = json_string_value(json_object_get(e, "label"));
                size_t pl = strlen(argv[i + 2]);
                if (!id || !label || strncmp(id, argv[i + 2], pl) != 0)
                    continue;
                /* "step-" means the numbered steps: step-1, step-2, not step-free. */
                if (pl && argv[i + 2][pl - 1] == '-' && !(id[pl] >= '0' && id[pl] <= '9'))
                    continue;
                n++;
                char *want = normal(label);
                if (!strstr(ntext, want)) {
                    fprintf(stderr, "print_check: %s (\"%s\") is not on the slip\n", id, want);
                    rc = 1;
                }
                free(want);
            }
            if (n == 0) {
                fprintf(stderr, "print_check: no element %s* in %s\n", argv[i + 2], argv[i + 1]);
                rc = 1;
            } else {
                printf("print_check: %d elements %s* checked against the slip's text\n", n,
                       argv[i + 2]);
            }
            json_decref(root);
            i += 2;
        } else if (strcmp(a, "--text") == 0 && i + 1 < argc) {
            char *want = normal(argv[++i]);
            if (!strstr(ntext, want)) {
                fprintf(stderr, "print_check: \"%s\" is not on the slip\n", want);
                rc = 1;
            }
            free(want);
        } else if (strcmp(a, "--forbid") == 0 && i + 1 < argc) {
            const char *bad = argv[++i];
            size_t bl = strlen(bad);
            bool in_bytes = false;
            for (size_t k = 0; bl && k + bl <= len && !in_bytes; k++)
                in_bytes = memcmp(bytes + k, bad, bl) == 0;
            char *nb = normal(bad);
            if (in_bytes || strstr(ntext, nb) || strstr(text, bad)) {
                fprintf(stderr, "print_check: \"%s\" is on the slip, and must never be\n", bad);
                rc = 1;
            } else {
                printf("print_check: \"%s\" is nowhere in the bytes or the text\n", bad);
            }
            free(nb);
        } else if (strcmp(a, "--raster-text") == 0) {
            if (doc.rasters < 3) {
                fprintf(stderr, "print_check: expected text drawn as images, found %d images\n",
                        doc.rasters);
                rc = 1;
            }
        } else {
            fprintf(stderr, "print_check: unknown check '%s'\n", a);
            rc = 2;
        }
    }
    for (int q = 0; q < nqr; q++)
        free(qrs[q]);
    free(ntext);
    free(text);
    escpos_doc_release(&doc);
    free(bytes);
    TTF_Quit();
    return rc;
}
