/* printer_emu.c: a receipt printer on a local socket for tests (see printer_emu.h). */
#include "printer_emu.h"

#include <arpa/inet.h>
#include <stdatomic.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { EMU_MAX_JOBS = 64 };

typedef struct EmuJob {
    unsigned char *bytes;
    size_t len;
    double first_ms;
} EmuJob;

struct PrinterEmu {
    EmuMode mode;
    int fd;
    int port;
    pthread_t thread;
    bool running;
    pthread_mutex_t lock;
    pthread_cond_t done;
    EmuJob jobs[EMU_MAX_JOBS + 1]; /* the last slot: the job arriving now */
    int njobs;
    atomic_bool stop;
};

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int emu_mode_parse(const char *s)
{
    static const char *const names[] = {"ok", "paper-out", "cover-open", "offline", "dead"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* The reply to DLE EOT n in this mode. Fixed bits: 1 and 4 set. */
static unsigned char status_byte(EmuMode m, int n)
{
    unsigned char b = 0x12;
    if (m == EMU_OK)
        return b;
    if (n == 1)
        return b | 0x08; /* offline */
    if (n == 2)
        return m == EMU_PAPER_OUT ? (b | 0x20) : m == EMU_COVER_OPEN ? (b | 0x04) : (b | 0x40);
    if (n == 4 && m == EMU_PAPER_OUT)
        return b | 0x60;
    return b;
}

/* Answers the status requests in buf[*scan..len), skipping image and QR data. */
static void answer(PrinterEmu *e, int cfd, const unsigned char *buf, size_t len, size_t *scan)
{
    size_t i = *scan;
    while (i < len) {
        if (buf[i] == 0x10) {
            if (len - i < 3)
                break;
            if (buf[i + 1] == 0x04) {
                unsigned char r = status_byte(e->mode, buf[i + 2]);
                if (send(cfd, &r, 1, MSG_NOSIGNAL) != 1)
                    return;
                i += 3;
                continue;
            }
        } else if (buf[i] == 0x1D && len - i >= 3 && buf[i + 1] == 'v' && buf[i + 2] == '0') {
            if (len - i < 8)
                break;
            size_t n = (size_t)(buf[i + 4] | buf[i + 5] << 8) * (size_t)(buf[i + 6] | buf[i + 7] << 8);
            i += 8 + n;
            continue;
        } else if (buf[i] == 0x1D && len - i >= 3 && buf[i + 1] == '(' && buf[i + 2] == 'k') {
            if (len - i < 5)
                break;
            i += 5 + (size_t)(buf[i + 3] | buf[i + 4] << 8);
            continue;
        } else if ((buf[i] == 0x1D || buf[i] == 0x1B) && len - i < 3) {
            break;
        }
        i++;
    }
    *scan = i;
}

static void serve(PrinterEmu *e, int cfd)
{
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, scan = 0;
    double first = 0;
    for (;;) {
        struct pollfd pf = {cfd, POLLIN, 0};
        int pr = poll(&pf, 1, 100);
        if (e->stop)
            break;
        if (pr <= 0)
            continue;
        if (len + 65536 > cap) {
            size_t ncap = cap ? cap * 2 : 262144;
            unsigned char *nb = realloc(buf, ncap);
            if (!nb)
                break;
            buf = nb;
            cap = ncap;
        }
        ssize_t n = recv(cfd, buf + len, cap - len, 0);
        if (n <= 0)
            break;
        if (len == 0) {
            first = mono_ms();
            pthread_mutex_lock(&e->lock);
            e->jobs[EMU_MAX_JOBS].first_ms = first;
            pthread_mutex_unlock(&e->lock);
        }
        len += (size_t)n;
        answer(e, cfd, buf, len, &scan);
    }
    close(cfd);
    pthread_mutex_lock(&e->lock);
    if (e->njobs < EMU_MAX_JOBS && len > 0) {
        e->jobs[e->njobs] = (EmuJob){buf, len, first};
        e->njobs++;
        buf = NULL;
    }
    e->jobs[EMU_MAX_JOBS].first_ms = 0;
    pthread_cond_broadcast(&e->done);
    pthread_mutex_unlock(&e->lock);
    free(buf);
}

static void *accept_loop(void *arg)
{
    PrinterEmu *e = arg;
    while (!e->stop) {
        struct pollfd pf = {e->fd, POLLIN, 0};
        if (poll(&pf, 1, 100) <= 0)
            continue;
        int cfd = accept(e->fd, NULL, NULL);
        if (cfd >= 0)
            serve(e, cfd);
    }
    return NULL;
}

PrinterEmu *emu_start(EmuMode mode)
{
    PrinterEmu *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->mode = mode;
    e->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (e->fd < 0 || bind(e->fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(e->fd, (struct sockaddr *)&a, &al) != 0 ||
        (mode != EMU_DEAD && listen(e->fd, 4) != 0)) {
        fprintf(stderr, "printer_emu: %s\n", strerror(errno));
        if (e->fd >= 0)
            close(e->fd);
        free(e);
        return NULL;
    }
    e->port = ntohs(a.sin_port);
    pthread_mutex_init(&e->lock, NULL);
    pthread_cond_init(&e->done, NULL);
    if (mode != EMU_DEAD) {
        if (pthread_create(&e->thread, NULL, accept_loop, e) != 0) {
            close(e->fd);
            free(e);
            return NULL;
        }
        e->running = true;
    }
    return e;
}

int emu_port(const PrinterEmu *e)
{
    return e->port;
}

int emu_jobs(PrinterEmu *e)
{
    pthread_mutex_lock(&e->lock);
    int n = e->njobs;
    pthread_mutex_unlock(&e->lock);
    return n;
}

bool emu_wait_jobs(PrinterEmu *e, int n, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&e->lock);
    while (e->njobs < n)
        if (pthread_cond_timedwait(&e->done, &e->lock, &until) != 0)
            break;
    bool ok = e->njobs >= n;
    pthread_mutex_unlock(&e->lock);
    return ok;
}

unsigned char *emu_job(PrinterEmu *e, int i, size_t *len)
{
    unsigned char *out = NULL;
    *len = 0;
    pthread_mutex_lock(&e->lock);
    if (i >= 0 && i < e->njobs) {
        out = malloc(e->jobs[i].len);
        if (out) {
            memcpy(out, e->jobs[i].bytes, e->jobs[i].len);
            *len = e->jobs[i].len;
        }
    }
    pthread_mutex_unlock(&e->lock);
    return out;
}

double emu_first_byte_ms(PrinterEmu *e, int i)
{
    pthread_mutex_lock(&e->lock);
    double t = i >= 0 && i < e->njobs ? e->jobs[i].first_ms
               : i == e->njobs        ? e->jobs[EMU_MAX_JOBS].first_ms
                                      : 0;
    pthread_mutex_unlock(&e->lock);
    return t;
}

void emu_stop(PrinterEmu *e)
{
    if (!e)
        return;
    e->stop = true;
    if (e->running)
        pthread_join(e->thread, NULL);
    close(e->fd);
    for (int i = 0; i < e->njobs; i++)
        free(e->jobs[i].bytes);
    pthread_cond_destroy(&e->done);
    pthread_mutex_destroy(&e->lock);
    free(e);
}
