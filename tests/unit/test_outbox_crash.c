/* test_outbox_crash.c: kill -9 in the middle of storing concerns. A child process
 * opens the outbox and submits concerns in a loop, writing each reference to a pipe
 * only after outbox_submit() has returned OUTBOX_OK, which is when the kiosk would
 * say "sent". The parent SIGKILLs it at a random moment (while it opens the outbox,
 * seals, writes the WAL, commits, or checkpoints), 25 times over. Afterwards the
 * outbox must pass PRAGMA integrity_check and hold every acknowledged concern, each
 * opening with the secret key to the text that child typed. */
#include "test.h"

#include "outbox_testlib.h"

#include "log.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#define OUTBOX TEST_TMP_DIR "/outbox_crash.db"
#define PUBLIC_KEY TEST_TMP_DIR "/outbox_crash.pub"

enum { KILLS = 25, MAX_ACKED = 1 << 16 };

static char acked[MAX_ACKED][OUTBOX_REF_MAX];
static size_t nacked;

static void quiet(void *user, LogLevel level, const char *line)
{
}

/* The child: store concerns until killed. */
static void child(int fd, int round)
{
    log_set_sink(quiet, NULL);
    Outbox *ob = outbox_open(OUTBOX, PUBLIC_KEY);
    if (outbox_status(ob) != OUTBOX_OK) {
        dprintf(fd, "! %s\n", outbox_problem(ob));
        _exit(3);
    }
    for (int i = 0;; i++) {
        char what[64];
        snprintf(what, sizeof what, "crash round %d, concern %d", round, i);
        Concern c;
        tl_fill(&c, what);
        char ref[OUTBOX_REF_MAX];
        OutboxStatus st = outbox_submit(ob, &c, "crash-test", NULL, ref);
        concern_clear(&c);
        if (st != OUTBOX_OK) {
            dprintf(fd, "! %s\n", outbox_problem(ob));
            _exit(4);
        }
        /* One write per line, well under PIPE_BUF: whole or not at all. */
        dprintf(fd, "%s\n", ref);
    }
}

/* Reads every whole line the child wrote; lines starting '!' are its failures. */
static void collect(int fd)
{
    static char buf[1 << 20];
    size_t len = 0;
    ssize_t n;
    while ((n = read(fd, buf + len, sizeof buf - 1 - len)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            len += (size_t)n;
    buf[len] = '\0';
    char *line = buf;
    for (char *nl; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
        *nl = '\0';
        if (line[0] == '!') {
            fprintf(stderr, "  child failed: %s\n", line + 2);
            CHECK(false);
        } else if (nacked < MAX_ACKED) {
            CHECK(outbox_reference_valid(line));
            snprintf(acked[nacked++], OUTBOX_REF_MAX, "%.*s", OUTBOX_REF_MAX - 1, line);
        }
    }
}

static void test_kill_nine(void)
{
    unsigned char sk[OUTBOX_KEY_BYTES];
    tl_remove_outbox(OUTBOX);
    tl_make_keys(PUBLIC_KEY, sk);
    unsigned seed = (unsigned)time(NULL);
    printf("     random seed %u\n", seed);
    srand(seed);
    int killed = 0;
    for (int round = 0; round < KILLS; round++) {
        int fds[2];
        CHECK_INT(pipe(fds), 0);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            child(fds[1], round);
        }
        close(fds[1]);
        /* Every fifth round waits for the child's first acknowledgement, so a machine
         * loaded enough that every random kill lands during start-up still tests kills
         * between commits (poll does not consume the line; collect() reads it). */
        if (round % 5 == 4) {
            struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
            while (poll(&pfd, 1, 10000) < 0 && errno == EINTR)
                ;
        }
        /* Kill anywhere from during start-up to after some dozens of commits. */
        struct timespec pause = {0, (long)(rand() % 60000) * 1000L};
        nanosleep(&pause, NULL);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (!WIFSIGNALED(status))
            fprintf(stderr, "  child exited by itself with status %d\n", WEXITSTATUS(status));
        collect(fds[0]);
        close(fds[0]);
    }
    printf("     %d kills, %zu concerns acknowledged\n", killed, nacked);
    CHECK(killed >= KILLS - 1);
    CHECK(nacked > 0);
    CHECK(tl_integrity_ok(OUTBOX));
    int stored = tl_check_refs(OUTBOX, sk, acked, nacked, false);
    CHECK(stored >= (int)nacked);
    /* Anything more was committed in the instant between COMMIT and the pipe. */
    CHECK(stored <= (int)nacked + KILLS);
    /* Each opens to the words its child typed. */
    OutboxExport ex;
    int rc = -1;
    char *out = tl_export(OUTBOX, sk, OUTBOX_JSON, true, &ex, &rc);
    json_t *all = json_loads(out ? out : "", 0, NULL);
    size_t i;
    json_t *c;
    int right = 0;
    json_array_foreach(all, i, c) {
        const char *what = json_string_value(json_object_get(c, "what"));
        right += what && strncmp(what, "crash round ", 12) == 0;
    }
    CHECK_INT(right, stored);
    json_decref(all);
    free(out);
}

int main(void)
{
    concern_json_wipe_freed();
    TEST_RUN(test_kill_nine);
    return TEST_REPORT();
}
