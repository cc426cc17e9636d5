/* scripts_check.c: proves the every-script screens (tests/ui/scripts_*.script) read
 * right. usage: scripts_check OUT_DIR
 * From the harness dumps (jansson) and screenshots (SDL2_image) in OUT_DIR:
 *  - in Urdu the layout is right to left: Back's rectangle on the right half, Home on
 *    the left; in Bengali (left to right) the other way round; switched from Bengali
 *    to Urdu by the harness's language verb, at once right to left;
 *  - no character of the Urdu, Arabic, Bengali and Gurmukhi places was drawn as a
 *    placeholder (every code point drawn had a glyph in some font: SDL_ttf's
 *    TTF_GlyphIsProvided32), while the place with an emoji and a Tamil letter was;
 *  - each place's name is really drawn (dark pixels in its rectangle) and the four
 *    names' pixels differ from each other (not one repeated box). */
#include <SDL.h>
#include <SDL_image.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void fail(const char *what, const char *file)
{
    fprintf(stderr, "scripts_check: %s: %s\n", file, what);
    failures++;
}

static json_t *load(const char *dir, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s.json", dir, name);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        fprintf(stderr, "scripts_check: %s:%d: %s\n", path, jerr.line, jerr.text);
    return root;
}

/* The rectangle of the element with id, or false. */
static bool rect_of(json_t *root, const char *id, int r[4])
{
    json_t *elements = json_object_get(root, "elements"), *e;
    size_t i;
    json_array_foreach(elements, i, e)
    {
        const char *eid = json_string_value(json_object_get(e, "id"));
        if (eid && strcmp(eid, id) == 0) {
            json_t *rect = json_object_get(e, "rect");
            for (int k = 0; k < 4; k++)
                r[k] = (int)json_integer_value(json_array_get(rect, (size_t)k));
            return true;
        }
    }
    return false;
}

static void check_side(json_t *root, const char *path, bool rtl)
{
    int w = (int)json_integer_value(json_object_get(root, "width"));
    int back[4], home[4];
    if (!rect_of(root, "nav-back", back) || !rect_of(root, "nav-home", home)) {
        fail("no nav-back or nav-home", path);
        return;
    }
    bool back_right = back[0] + back[2] / 2 > w / 2, home_right = home[0] + home[2] / 2 > w / 2;
    if (back_right != rtl || home_right == rtl)
        fail(rtl ? "right to left, but Back is not on the right and Home on the left"
                 : "left to right, but Back is not on the left and Home on the right", path);
    if (json_is_true(json_object_get(root, "rtl")) != rtl)
        fail("the dump's direction is wrong", path);
}

/* Grey pixels of the element's rectangle (w*h, to free), from the screenshot. */
static unsigned char *grey_of(const char *dir, const char *name, const int r[4])
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    SDL_Surface *img = IMG_Load(path);
    if (!img) {
        fail("cannot read the screenshot", path);
        return NULL;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(img);
    if (!s)
        return NULL;
    unsigned char *g = calloc((size_t)r[2] * (size_t)r[3], 1);
    for (int y = 0; g && y < r[3]; y++)
        for (int x = 0; x < r[2]; x++) {
            int px = r[0] + x, py = r[1] + y;
            if (px < 0 || py < 0 || px >= s->w || py >= s->h)
                continue;
            Uint32 v = ((Uint32 *)((Uint8 *)s->pixels + py * s->pitch))[px];
            g[y * r[2] + x] = (unsigned char)((((v >> 16) & 255) * 3 + ((v >> 8) & 255) * 6 +
                                               (v & 255)) / 10);
        }
    SDL_FreeSurface(s);
    return g;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: scripts_check OUT_DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    const char *places[] = {"scripts-ur-urdu", "scripts-ur-arabic", "scripts-ur-bengali",
                            "scripts-ur-gurmukhi"};
    enum { NPLACES = 4 };
    unsigned char *names[NPLACES] = {0};
    int size[NPLACES][4];
    char path[1024];
    for (int i = 0; i < NPLACES; i++) {
        json_t *root = load(dir, places[i], path, sizeof path);
        if (!root) {
            failures++;
            continue;
        }
        check_side(root, path, true);
        if (json_integer_value(json_object_get(root, "text_placeholders")) != 0)
            fail("characters were drawn as placeholders (no font had them)", path);
        if (!rect_of(root, "dest-name", size[i])) {
            fail("no dest-name", path);
        } else {
            names[i] = grey_of(dir, places[i], size[i]);
            size_t dark = 0;
            for (int k = 0; names[i] && k < size[i][2] * size[i][3]; k++)
                dark += names[i][k] < 128;
            if (dark < 300)
                fail("the place's name is blank", path);
            printf("%s: %zu dark pixels in the name\n", places[i], dark);
        }
        json_decref(root);
    }
    for (int a = 0; a < NPLACES; a++)
        for (int b = a + 1; b < NPLACES; b++) {
            if (!names[a] || !names[b])
                continue;
            int w = size[a][2] < size[b][2] ? size[a][2] : size[b][2];
            int h = size[a][3] < size[b][3] ? size[a][3] : size[b][3];
            size_t differ = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    differ += abs(names[a][y * size[a][2] + x] - names[b][y * size[b][2] + x]) > 64;
            if (differ < 300) {
                fprintf(stderr, "scripts_check: %s and %s draw the same pixels\n", places[a],
                        places[b]);
                failures++;
            }
        }
    for (int i = 0; i < NPLACES; i++)
        free(names[i]);
    json_t *emoji = load(dir, "scripts-ur-emoji", path, sizeof path);
    if (!emoji || json_integer_value(json_object_get(emoji, "text_placeholders")) < 2)
        fail("the emoji and Tamil letter were not drawn as placeholders", path);
    json_decref(emoji);
    json_t *bn = load(dir, "scripts-bn-bengali", path, sizeof path);
    if (bn) {
        check_side(bn, path, false);
        if (json_integer_value(json_object_get(bn, "text_placeholders")) != 0)
            fail("characters were drawn as placeholders (no font had them)", path);
        json_decref(bn);
    } else {
        failures++;
    }
    /* Bengali, then the language verb switched to Urdu: mirrored at once. */
    json_t *then_ur = load(dir, "scripts-bn-then-ur", path, sizeof path);
    if (then_ur) {
        check_side(then_ur, path, true);
        json_decref(then_ur);
    } else {
        failures++;
    }
    if (failures)
        fprintf(stderr, "scripts_check: %d problems\n", failures);
    else
        printf("scripts_check: ok\n");
    return failures ? 1 : 0;
}
