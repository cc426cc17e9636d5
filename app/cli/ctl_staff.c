/* ctl_staff.c: signpostctl staff pin-hash (see ctl_staff.h). The PIN is read from
 * standard input only, never the command line (which other users can see in ps), and
 * wiped from memory once hashed. */
#include "ctl_staff.h"

#include "err.h"
#include "staff.h"

#include <sodium.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Reads one line into buf without its newline; on a terminal, without echo. Returns
 * 0, or -1 at end of input or when the line does not fit. */
static int read_pin_line(const char *prompt, char *buf, size_t cap)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fprintf(stderr, "%s", prompt);
        if (tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        } else {
            tty = false;
        }
    }
    int rc = fgets(buf, (int)cap, stdin) ? 0 : -1;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (rc == 0) {
        size_t n = strcspn(buf, "\r\n");
        if (buf[n] == '\0' && n + 1 >= cap)
            rc = -1; /* longer than any PIN: refuse rather than cut */
        buf[n] = '\0';
    }
    return rc;
}

int ctl_staff_pin_hash(const CtlUsage *cmd, int argc, char **argv)
{
    int rc = ctl_parse(cmd, argc, argv, NULL, 0, NULL, NULL);
    if (rc >= 0)
        return rc;
    char pin[64], again[64], hash[STAFF_HASH_MAX];
    rc = CTL_EXIT_PROBLEMS;
    if (read_pin_line("Staff PIN (4 to 12 digits): ", pin, sizeof pin) != 0) {
        fprintf(stderr, "signpostctl: no PIN on standard input: give the PIN as one line of "
                        "4 to 12 digits, as in: echo 2468 | signpostctl staff pin-hash\n");
    } else if (!staff_pin_valid(pin)) {
        fprintf(stderr, "signpostctl: the PIN must be %d to %d digits (0 to 9) and nothing "
                        "else, so staff can type it on the kiosk's PIN pad\n",
                STAFF_PIN_MIN, STAFF_PIN_MAX);
    } else if (isatty(STDIN_FILENO) &&
               (read_pin_line("The same PIN again: ", again, sizeof again) != 0 ||
                strcmp(pin, again) != 0)) {
        fprintf(stderr, "signpostctl: the two PINs differ; nothing was printed\n");
    } else if (staff_pin_hash(pin, hash, sizeof hash) != 0) {
        rc = ctl_failed();
    } else {
        printf("%s\n", hash);
        rc = CTL_EXIT_OK;
    }
    sodium_memzero(pin, sizeof pin);
    sodium_memzero(again, sizeof again);
    return rc;
}
