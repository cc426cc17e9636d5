/* signpostctl.c: the command-line tool. Each subcommand is one row of `commands`
 * ({words, arguments, help, handler}); main() finds the row whose words start the
 * command line and hands it the remaining arguments. Exit status: 0 success, 1 the
 * input has problems (listed as file:line:column on stderr), 2 the command line was
 * wrong. Add a subcommand by writing a handler and adding a row. */
#include "content.h"
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef SIGNPOST_VERSION
#define SIGNPOST_VERSION "unknown"
#endif

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

typedef struct Command {
    const char *words; /* "content build" */
    const char *args;  /* "<dir> -o <file.db>" */
    const char *help;  /* one line */
    int (*run)(const struct Command *cmd, int argc, char **argv); /* args after the words */
} Command;

static int cmd_content_build(const Command *cmd, int argc, char **argv);
static int cmd_content_check(const Command *cmd, int argc, char **argv);
static int cmd_help(const Command *cmd, int argc, char **argv);

static const Command commands[] = {
    {"content build", "<dir> -o <file.db>",
     "check the content sources in <dir> and compile them into a content store; the store "
     "is replaced only when there are no errors", cmd_content_build},
    {"content check", "<dir>",
     "check the content sources in <dir> and list every problem; writes nothing",
     cmd_content_check},
    {"help", "", "show this help", cmd_help},
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void print_usage(FILE *out)
{
    fprintf(out, "usage: signpostctl <command> [arguments]\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %s %s\n      %s\n", commands[i].words, commands[i].args,
                commands[i].help);
    fprintf(out, "\nProblems are listed as file:line:column: error|warning: message.\n"
                 "Exit status: 0 success, 1 problems in the input, 2 wrong command line.\n");
}

static int usage_error(const Command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Says what is wrong with the command line and how it should look; returns 2. */
static int usage_error(const Command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "signpostctl: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nusage: signpostctl %s %s\n", cmd->words, cmd->args);
    else
        fprintf(stderr, "\nrun 'signpostctl help' to see the commands\n");
    return EXIT_USAGE;
}

static bool is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

static void print_command_help(const Command *cmd)
{
    printf("usage: signpostctl %s %s\n  %s\n", cmd->words, cmd->args, cmd->help);
}

/* "3 buildings, 5 floors, 48 destinations, 3 kiosks" */
static void print_counts(FILE *out, const ContentStats *s)
{
    fprintf(out, "%d building%s, %d floor%s, %d destination%s, %d kiosk%s", s->buildings,
            s->buildings == 1 ? "" : "s", s->floors, s->floors == 1 ? "" : "s",
            s->destinations, s->destinations == 1 ? "" : "s", s->kiosks,
            s->kiosks == 1 ? "" : "s");
}

static void print_problem_counts(FILE *out, const DiagList *dl)
{
    fprintf(out, "%zu error%s, %zu warning%s", dl->nerrors, dl->nerrors == 1 ? "" : "s",
            dl->nwarnings, dl->nwarnings == 1 ? "" : "s");
}

static int cmd_content_build(const Command *cmd, int argc, char **argv)
{
    const char *dir = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (is_help(a)) {
            print_command_help(cmd);
            return EXIT_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return usage_error(cmd, "%s needs the store's file name after it", a);
            out = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            out = a + 9;
        } else if (a[0] == '-' && a[1]) {
            return usage_error(cmd, "unknown option '%s'", a);
        } else if (!dir) {
            dir = a;
        } else {
            return usage_error(cmd, "only one content folder can be built at a time ('%s')", a);
        }
    }
    if (!dir)
        return usage_error(cmd, "which content folder? give it first");
    if (!out || !out[0])
        return usage_error(cmd, "where should the store go? give -o <file.db>");

    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    int rc = content_build(dir, out, &dl, &stats);
    diag_print(&dl, stderr);
    if (rc == 0) {
        printf("built %s: ", out);
        print_counts(stdout, &stats);
        if (dl.nwarnings)
            printf(" (%zu warning%s)", dl.nwarnings, dl.nwarnings == 1 ? "" : "s");
        printf("\n");
    } else {
        fprintf(stderr, "content build failed: ");
        print_problem_counts(stderr, &dl);
        fprintf(stderr, "; %s was not changed\n", out);
    }
    diag_release(&dl);
    return rc == 0 ? EXIT_OK : EXIT_PROBLEMS;
}

static int cmd_content_check(const Command *cmd, int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) {
            print_command_help(cmd);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error(cmd, "unknown option '%s'", argv[i]);
        } else if (!dir) {
            dir = argv[i];
        } else {
            return usage_error(cmd, "only one content folder can be checked at a time ('%s')",
                               argv[i]);
        }
    }
    if (!dir)
        return usage_error(cmd, "which content folder? give it after 'content check'");

    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    int rc = content_check(dir, &dl, &stats);
    diag_print(&dl, stderr);
    printf("checked %s: ", dir);
    print_counts(stdout, &stats);
    if (dl.nerrors || dl.nwarnings) {
        printf(" (");
        print_problem_counts(stdout, &dl);
        printf(")\n");
    } else {
        printf(" (no problems)\n");
    }
    diag_release(&dl);
    return rc == 0 ? EXIT_OK : EXIT_PROBLEMS;
}

static int cmd_help(const Command *cmd, int argc, char **argv)
{
    print_usage(stdout);
    return EXIT_OK;
}

/* Finds the command whose words start argv; *used gets how many words it took. */
static const Command *find_command(int argc, char **argv, int *used)
{
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *w = commands[i].words;
        int n = 0;
        bool match = true;
        while (*w && match) {
            size_t len = strcspn(w, " ");
            match = n < argc && strlen(argv[n]) == len && strncmp(argv[n], w, len) == 0;
            n++;
            w += len;
            while (*w == ' ')
                w++;
        }
        if (match) {
            *used = n;
            return &commands[i];
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (is_help(argv[1])) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("signpostctl %s\n", SIGNPOST_VERSION);
        return EXIT_OK;
    }
    int used = 0;
    const Command *cmd = find_command(argc - 1, argv + 1, &used);
    if (!cmd) {
        /* A known first word with a wrong second one: list that group's commands. */
        bool group = false;
        for (size_t i = 0; i < NCOMMANDS; i++) {
            size_t len = strcspn(commands[i].words, " ");
            if (commands[i].words[len] && strlen(argv[1]) == len &&
                strncmp(commands[i].words, argv[1], len) == 0) {
                if (!group)
                    fprintf(stderr, "signpostctl: %s needs one of:\n", argv[1]);
                group = true;
                fprintf(stderr, "  signpostctl %s %s\n", commands[i].words, commands[i].args);
            }
        }
        if (group)
            return EXIT_USAGE;
        return usage_error(NULL, "unknown command '%s'", argv[1]);
    }
    return cmd->run(cmd, argc - 1 - used, argv + 1 + used);
}
