/* test.h: a very small test harness (in the spirit of redis' testhelp.h).
 * Each test binary has a main() that calls TEST_RUN(fn) for each test function and
 * returns TEST_REPORT(). A check that fails prints file:line and the expression and
 * marks the current test failed; the test goes on so one run shows every failure.
 * The summary line is "N passed, N failed" (tests, not checks). */
#ifndef SIGNPOST_TEST_H
#define SIGNPOST_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_current_failed;
static const char *test_current_name;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "  %s:%d: %s: check failed: %s\n", __FILE__, __LINE__,   \
                    test_current_name, #cond);                                       \
            test_current_failed = 1;                                                 \
        }                                                                            \
    } while (0)

#define CHECK_INT(a, b)                                                              \
    do {                                                                             \
        long long test_a_ = (long long)(a), test_b_ = (long long)(b);                \
        if (test_a_ != test_b_) {                                                    \
            fprintf(stderr, "  %s:%d: %s: %s == %lld, expected %lld\n", __FILE__,    \
                    __LINE__, test_current_name, #a, test_a_, test_b_);              \
            test_current_failed = 1;                                                 \
        }                                                                            \
    } while (0)

#define CHECK_STR(a, b)                                                              \
    do {                                                                             \
        const char *test_a_ = (a), *test_b_ = (b);                                   \
        if (!test_a_ || !test_b_ || strcmp(test_a_, test_b_) != 0) {                 \
            fprintf(stderr, "  %s:%d: %s: %s == \"%s\", expected \"%s\"\n", __FILE__, \
                    __LINE__, test_current_name, #a, test_a_ ? test_a_ : "(null)",   \
                    test_b_ ? test_b_ : "(null)");                                   \
            test_current_failed = 1;                                                 \
        }                                                                            \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                  \
    do {                                                                             \
        const char *test_h_ = (hay), *test_n_ = (needle);                            \
        if (!test_h_ || !strstr(test_h_, test_n_)) {                                 \
            fprintf(stderr, "  %s:%d: %s: %s does not contain \"%s\": \"%s\"\n",     \
                    __FILE__, __LINE__, test_current_name, #hay, test_n_,            \
                    test_h_ ? test_h_ : "(null)");                                   \
            test_current_failed = 1;                                                 \
        }                                                                            \
    } while (0)

#define TEST_RUN(fn)                                                                 \
    do {                                                                             \
        test_current_name = #fn;                                                     \
        test_current_failed = 0;                                                     \
        fn();                                                                        \
        if (test_current_failed) {                                                   \
            test_failed++;                                                           \
            fprintf(stderr, "FAIL %s\n", #fn);                                       \
        } else {                                                                     \
            test_passed++;                                                           \
            printf("ok   %s\n", #fn);                                                \
        }                                                                            \
    } while (0)

#define TEST_REPORT()                                                                \
    (printf("%d passed, %d failed\n", test_passed, test_failed), test_failed ? 1 : 0)

#endif
