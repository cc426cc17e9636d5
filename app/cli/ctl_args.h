/* ctl_args.h: what every signpostctl command shares: its exit statuses, its usage
 * messages and the one command-line parser ("--name VALUE", "--name=VALUE", bare flags,
 * -h/--help and at most one plain argument). */
#ifndef SIGNPOST_CTL_ARGS_H
#define SIGNPOST_CTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

/* signpostctl's exit statuses. */
enum CtlExit {
    CTL_EXIT_OK = 0,       /* done */
    CTL_EXIT_PROBLEMS = 1, /* the input has problems, or the work was refused or failed */
    CTL_EXIT_USAGE = 2,    /* the command line was wrong */
};

/* A command as its usage messages name it. */
typedef struct CtlUsage {
    const char *words; /* "content build" */
    const char *args;  /* "<dir> -o <file.db>" */
    const char *help;  /* one line, for --help */
} CtlUsage;

/* One option: a value option (value set) or a bare flag (flag set). */
typedef struct CtlOption {
    const char *name;   /* "--outbox", "-o" */
    const char **value; /* gets the value; NULL for a flag */
    bool *flag;         /* set true when the flag is given; NULL for a value option */
} CtlOption;

/* Says on stderr what is wrong with the command line and how it should look (u NULL:
 * points at 'signpostctl help'). Returns CTL_EXIT_USAGE. */
int ctl_usage_error(const CtlUsage *u, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints "signpostctl: <err_msg()>" on stderr. Returns CTL_EXIT_PROBLEMS. */
int ctl_failed(void);

/* True for -h and --help. */
bool ctl_is_help(const char *arg);

/* Parses argv against opts. A plain argument goes to *positional (at most one; none
 * is allowed when positional is NULL); a second one is refused with "<one_only>
 * ('ARG')", or "unexpected 'ARG'" when one_only is NULL. Returns -1 to go on, or an exit
 * status: CTL_EXIT_OK after printing the help for -h/--help, CTL_EXIT_USAGE after a
 * usage message (unknown option, missing or empty value). */
int ctl_parse(const CtlUsage *u, int argc, char **argv, const CtlOption *opts, size_t nopts,
              const char **positional, const char *one_only);

/* Parses "--public FILE --secret FILE" for the commands that make a key pair into
 * files[0] (public) and files[1] (secret), checking both are given, differ and do not
 * exist yet (a key file is never replaced). Returns -1 to go on, or an exit status
 * after the help or a message. */
int ctl_parse_key_files(const CtlUsage *u, int argc, char **argv, const char *files[2]);

#endif
