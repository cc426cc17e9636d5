/* qr_check.c: proves a QR code on a screenshot scans to what the screen meant to hand
 * over. usage: qr_check SCREENSHOT.png DUMP.json [EXPECTED]
 * Decodes every QR symbol in the PNG with libzbar, reads the payload of the element
 * with role "qr" from the harness dump (jansson), and passes when exactly one symbol
 * was found and its text equals that payload (and EXPECTED, when given; a leading
 * "prefix:" in EXPECTED means the payload must start with the rest). */
#include <SDL.h>
#include <SDL_image.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

static char *payload_from_dump(const char *path)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        fprintf(stderr, "qr_check: %s:%d: %s\n", path, jerr.line, jerr.text);
        return NULL;
    }
    char *out = NULL;
    json_t *elements = json_object_get(root, "elements"), *e;
    size_t i;
    json_array_foreach(elements, i, e)
    {
        const char *role = json_string_value(json_object_get(e, "role"));
        if (role && strcmp(role, "qr") == 0) {
            out = strdup(json_string_value(json_object_get(e, "label")));
            break;
        }
    }
    json_decref(root);
    if (!out)
        fprintf(stderr, "qr_check: %s has no element with role \"qr\"\n", path);
    return out;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: qr_check SCREENSHOT.png DUMP.json [EXPECTED]\n");
        return 2;
    }
    char *want = payload_from_dump(argv[2]);
    if (!want)
        return 1;
    SDL_Surface *raw = IMG_Load(argv[1]);
    if (!raw) {
        fprintf(stderr, "qr_check: cannot read %s: %s\n", argv[1], IMG_GetError());
        return 2;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    unsigned char *gray = malloc((size_t)s->w * (size_t)s->h);
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint32 p = row[x];
            gray[(size_t)y * (size_t)s->w + (size_t)x] =
                (unsigned char)((((p >> 16) & 0xFF) * 299 + ((p >> 8) & 0xFF) * 587 +
                                 (p & 0xFF) * 114) / 1000);
        }
    }
    zbar_image_scanner_t *scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)s->w, (unsigned)s->h);
    zbar_image_set_data(img, gray, (unsigned long)s->w * (unsigned long)s->h, NULL);
    int n = zbar_scan_image(scanner, img);
    int rc = 0;
    if (n != 1) {
        fprintf(stderr, "qr_check: %d QR symbols found in %s (expected 1)\n", n, argv[1]);
        rc = 1;
    } else {
        const zbar_symbol_t *sym = zbar_image_first_symbol(img);
        const char *got = zbar_symbol_get_data(sym);
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "qr_check: decoded:\n%s\nbut the screen's payload is:\n%s\n", got,
                    want);
            rc = 1;
        }
        if (argc > 3) {
            const char *exp = argv[3];
            bool prefix = strncmp(exp, "prefix:", 7) == 0;
            if (prefix ? strncmp(got, exp + 7, strlen(exp + 7)) != 0 : strcmp(got, exp) != 0) {
                fprintf(stderr, "qr_check: decoded:\n%s\nexpected%s:\n%s\n", got,
                        prefix ? " to start with" : "", prefix ? exp + 7 : exp);
                rc = 1;
            }
        }
        if (rc == 0)
            printf("qr_check: decoded %zu bytes, equal to the screen's payload\n", strlen(got));
    }
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(scanner);
    free(gray);
    SDL_FreeSurface(s);
    free(want);
    return rc;
}
