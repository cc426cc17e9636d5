/* golden_compare.c: compares a screenshot with its reference image.
 * usage: golden_compare ACTUAL.png REFERENCE.png [DIFF.png]
 * A pixel differs when any channel differs by more than 32; the images match when
 * at most 0.3% of pixels differ (font rasterisation may move by a pixel across
 * library builds). On a mismatch a diff image (differing pixels red over a faded
 * copy) is written. With UPDATE_GOLDEN=1 in the environment the reference is
 * replaced by the actual image instead; a missing reference is never created
 * silently. Exit 0 match (or updated), 1 mismatch, 2 error. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *load(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        return NULL;
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    return s;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    if (!in || !out) {
        if (in)
            fclose(in);
        return -1;
    }
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    fclose(in);
    if (fclose(out) != 0)
        rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: golden_compare ACTUAL.png REFERENCE.png [DIFF.png]\n");
        return 2;
    }
    const char *actual = argv[1], *ref = argv[2], *diff = argc > 3 ? argv[3] : NULL;
    const char *update = getenv("UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        if (copy_file(actual, ref) != 0) {
            fprintf(stderr, "golden: could not copy %s to %s\n", actual, ref);
            return 2;
        }
        printf("golden: updated %s\n", ref);
        return 0;
    }
    SDL_Surface *a = load(actual);
    if (!a) {
        fprintf(stderr, "golden: cannot read %s: %s\n", actual, IMG_GetError());
        return 2;
    }
    SDL_Surface *b = load(ref);
    if (!b) {
        fprintf(stderr, "golden: no reference %s (%s); look at %s and, if it is right, run "
                        "the test with UPDATE_GOLDEN=1\n", ref, IMG_GetError(), actual);
        SDL_FreeSurface(a);
        return 1;
    }
    if (a->w != b->w || a->h != b->h) {
        fprintf(stderr, "golden: %s is %dx%d but %s is %dx%d\n", actual, a->w, a->h, ref, b->w,
                b->h);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        return 1;
    }
    long differing = 0, total = (long)a->w * a->h;
    for (int y = 0; y < a->h; y++) {
        Uint32 *pa = (Uint32 *)((Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b->pixels + y * b->pitch);
        for (int x = 0; x < a->w; x++) {
            int worst = 0;
            for (int sh = 0; sh < 24; sh += 8) {
                int d = abs((int)((pa[x] >> sh) & 0xFF) - (int)((pb[x] >> sh) & 0xFF));
                if (d > worst)
                    worst = d;
            }
            if (worst > 32) {
                differing++;
                pa[x] = 0xFFFF0000u;
            } else {
                Uint32 g = (((pa[x] >> 16) & 0xFF) + ((pa[x] >> 8) & 0xFF) + (pa[x] & 0xFF)) / 3;
                g = 128 + g / 2;
                pa[x] = 0xFF000000u | g << 16 | g << 8 | g;
            }
        }
    }
    double share = 100.0 * (double)differing / (double)total;
    int rc = share <= 0.3 ? 0 : 1;
    printf("golden: %s: %ld of %ld pixels differ (%.3f%%, limit 0.3%%): %s\n", ref, differing,
           total, share, rc == 0 ? "match" : "MISMATCH");
    if (rc != 0 && diff) {
        if (IMG_SavePNG(a, diff) == 0)
            printf("golden: differences marked in red in %s\n", diff);
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return rc;
}
