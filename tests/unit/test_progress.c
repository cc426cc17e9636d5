/* test_progress.c: the terminal progress bar (app/core/progress.h): the line it draws,
 * that it redraws in place and clears itself, that it writes nothing at all when its
 * stream is not a terminal, and that a NULL bar is accepted everywhere. */
#include "progress.h"
#include "test.h"

#include <stdlib.h>

/* Everything written to f so far, as a string (static buffer). */
static const char *contents(FILE *f)
{
    static char buf[8192];
    fflush(f);
    long end = ftell(f);
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fseek(f, end, SEEK_SET);
    return buf;
}

static void test_format(void)
{
    char line[128];
    CHECK_STR(progress_format("rendering", 57, 162, line, sizeof line),
              "rendering 57/162 [==========                    ]");
    CHECK_STR(progress_format("rendering", 0, 4, line, sizeof line),
              "rendering 0/4 [                              ]");
    CHECK_STR(progress_format("checking", 6, 6, line, sizeof line),
              "checking 6/6 [==============================]");
    /* More than the total is shown as the total; no total is just the label. */
    CHECK_STR(progress_format("x", 9, 3, line, sizeof line), "x 3/3 [==============================]");
    CHECK_STR(progress_format("reading files", 0, 0, line, sizeof line), "reading files...");
    /* A short buffer is cut, never overrun. */
    char tiny[8];
    CHECK_STR(progress_format("rendering", 1, 2, tiny, sizeof tiny), "renderi");
}

static void test_draws_in_place_and_clears(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    Progress p;
    progress_init_as(&p, f, true);
    CHECK(progress_active(&p));
    progress_begin(&p, "rendering", 3);
    progress_step(&p);
    progress_step(&p);
    progress_step(&p); /* the last step is always drawn */
    progress_end(&p);
    const char *out = contents(f);
    CHECK(strncmp(out, "\rrendering 0/3 [", 16) == 0);
    CHECK_CONTAINS(out, "\rrendering 3/3 [==============================]\033[K");
    /* Ends by clearing the line, and never starts a new one. */
    size_t len = strlen(out);
    CHECK(len >= 4 && strcmp(out + len - 4, "\r\033[K") == 0);
    CHECK(strchr(out, '\n') == NULL);
    /* A second end writes nothing more. */
    progress_end(&p);
    CHECK_INT(strlen(contents(f)), len);
    fclose(f);
}

static void test_silent_when_not_a_terminal(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    Progress p;
    progress_init(&p, f); /* a file is not a terminal */
    CHECK(!progress_active(&p));
    progress_begin(&p, "checking", 5);
    for (int i = 0; i < 5; i++)
        progress_step(&p);
    progress_end(&p);
    CHECK_INT(p.done, 5);
    CHECK_STR(contents(f), "");
    fclose(f);

    /* NULL is accepted everywhere. */
    progress_init(NULL, stderr);
    progress_begin(NULL, "x", 1);
    progress_set(NULL, 1);
    progress_step(NULL);
    progress_end(NULL);
    CHECK(!progress_active(NULL));
}

int main(void)
{
    TEST_RUN(test_format);
    TEST_RUN(test_draws_in_place_and_clears);
    TEST_RUN(test_silent_when_not_a_terminal);
    return TEST_REPORT();
}
