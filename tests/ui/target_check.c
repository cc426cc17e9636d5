/* target_check.c: every control a person can touch is big enough.
 * usage: target_check MIN_PX DUMP.json...
 * Fails when any visible interactive element in the harness dumps is narrower or
 * shorter than MIN_PX (9 mm on the configured screen: 36 px at 4 px/mm). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: target_check MIN_PX DUMP.json...\n");
        return 2;
    }
    int min = atoi(argv[1]), bad = 0, checked = 0;
    for (int a = 2; a < argc; a++) {
        json_error_t jerr;
        json_t *root = json_load_file(argv[a], 0, &jerr);
        if (!root) {
            fprintf(stderr, "target_check: %s:%d: %s\n", argv[a], jerr.line, jerr.text);
            return 2;
        }
        json_t *e;
        size_t i;
        json_array_foreach(json_object_get(root, "elements"), i, e)
        {
            if (!json_is_true(json_object_get(e, "interactive")) ||
                !json_is_true(json_object_get(e, "visible")))
                continue;
            json_t *r = json_object_get(e, "rect");
            int w = (int)json_integer_value(json_array_get(r, 2));
            int h = (int)json_integer_value(json_array_get(r, 3));
            checked++;
            if (w < min || h < min) {
                fprintf(stderr, "%s: '%s' (%s) is %dx%d px, smaller than %d px\n", argv[a],
                        json_string_value(json_object_get(e, "id")),
                        json_string_value(json_object_get(e, "role")), w, h, min);
                bad++;
            }
        }
        json_decref(root);
    }
    printf("target_check: %d touch targets checked, %d too small (minimum %d px)\n", checked,
           bad, min);
    return bad ? 1 : 0;
}
