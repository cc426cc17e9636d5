/* export_check.c: checks a PALS JSON export against what a script typed.
 * usage: export_check EXPORT.json KEY=VALUE...
 * Passes when the export holds exactly one concern and each KEY's value equals VALUE
 * (strings compared exactly; true/false for booleans; a list is compared as its
 * items joined with ","). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void value_text(json_t *v, char *out, size_t cap)
{
    out[0] = '\0';
    if (json_is_string(v)) {
        snprintf(out, cap, "%s", json_string_value(v));
    } else if (json_is_boolean(v)) {
        snprintf(out, cap, "%s", json_is_true(v) ? "true" : "false");
    } else if (json_is_array(v)) {
        size_t i, o = 0;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            if (o < cap)
                o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? "," : "",
                                      json_is_string(item) ? json_string_value(item) : "?");
        }
    } else if (json_is_integer(v)) {
        snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    } else if (json_is_null(v)) {
        snprintf(out, cap, "null");
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: export_check EXPORT.json KEY=VALUE...\n");
        return 2;
    }
    json_error_t jerr;
    json_t *root = json_load_file(argv[1], 0, &jerr);
    if (!root || !json_is_array(root) || json_array_size(root) != 1) {
        fprintf(stderr, "export_check: %s: expected a JSON array of one concern (%s)\n", argv[1],
                root ? "wrong shape" : jerr.text);
        return 1;
    }
    json_t *c = json_array_get(root, 0);
    int bad = 0;
    for (int i = 2; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "export_check: '%s' is not KEY=VALUE\n", argv[i]);
            return 2;
        }
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(eq - argv[i]), argv[i]);
        char got[4096];
        value_text(json_object_get(c, key), got, sizeof got);
        if (strcmp(got, eq + 1) != 0) {
            fprintf(stderr, "export_check: %s is \"%s\", typed \"%s\"\n", key, got, eq + 1);
            bad++;
        }
    }
    printf("export_check: %d fields checked, %d differ\n", argc - 2, bad);
    json_decref(root);
    return bad ? 1 : 0;
}
