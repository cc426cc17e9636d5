/* printer.c: the printer's worker thread, its connection and its status replies (see
 * printer.h). One job at a time: the kiosk prints a slip when a person taps Print,
 * and the button waits for the outcome, so a queue would only hide a stuck printer.
 *
 * Each job: connect (the device, or TCP with a bounded connect), ask DLE EOT 1, 2 and
 * 4; a printer that says it is out of paper, open or offline gets nothing, and the
 * job fails with that reason. A printer that does not answer at all (many USB
 * printers are write-only through usblp) is sent the job anyway. After the job the
 * paper and cover are asked again, so paper that ran out during the slip is told.
 * The connection is closed after every job: a network printer serves one connection
 * at a time, and a kiosk holding it would lock out the ward's own printing. */
#include "printer.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum { SLICE_MS = 50, STATUS_REPLY_MS = 700, HOST_MAX = 256 };

struct Printer {
    char path[1024];         /* device path, or "" for TCP */
    char device[1024];       /* the setting as written, for the log */
    char host[HOST_MAX];
    int port;
    int timeout_ms;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;               /* printer_close asked the worker to end */
    /* The job, guarded by lock. */
    int next_id;
    int job_id;              /* the latest job; 0 = none yet */
    PrinterJobState state;
    PrinterProblem problem;
    unsigned char *bytes;    /* the waiting job's bytes; owned */
    size_t len;
    double first_byte_ms;
};

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

PrinterProblem printer_status_problem(int status1, int status2, int status4)
{
    if (status4 >= 0 && (status4 & 0x60))
        return PRINTER_PAPER_OUT;
    if (status2 >= 0 && (status2 & 0x20))
        return PRINTER_PAPER_OUT;
    if (status2 >= 0 && (status2 & 0x04))
        return PRINTER_COVER_OPEN;
    if (status2 >= 0 && (status2 & 0x40))
        return PRINTER_OFFLINE;
    if (status1 >= 0 && (status1 & 0x08))
        return PRINTER_OFFLINE;
    return PRINTER_OK;
}

const char *printer_problem_name(PrinterProblem pr)
{
    switch (pr) {
    case PRINTER_OK: return "it is ready";
    case PRINTER_PAPER_OUT: return "it is out of paper";
    case PRINTER_COVER_OPEN: return "its cover is open";
    case PRINTER_OFFLINE: return "it is offline";
    case PRINTER_UNREACHABLE: return "it cannot be reached";
    case PRINTER_WRITE_FAILED: return "it stopped taking data";
    }
    return "unknown";
}

int printer_parse_device(const char *device, char *host, size_t host_cap, int *port)
{
    if (!device || !device[0])
        return err_set("device is empty; write a device such as /dev/usb/lp0 or a network "
                       "printer as tcp:HOST:9100");
    if (strncmp(device, "tcp:", 4) == 0) {
        const char *h = device + 4, *colon = strrchr(h, ':');
        if (!colon || colon == h)
            return err_set("a network printer is written tcp:HOST:PORT, such as "
                           "tcp:192.168.1.50:9100, not '%s'", device);
        char *end = NULL;
        errno = 0;
        long p = strtol(colon + 1, &end, 10);
        if (errno || !end || *end || end == colon + 1 || p < 1 || p > 65535)
            return err_set("the port in '%s' must be a number from 1 to 65535 (usually 9100)",
                           device);
        size_t n = (size_t)(colon - h);
        if (n >= host_cap)
            return err_set("the host name in '%s' is too long", device);
        for (size_t i = 0; i < n; i++)
            if (h[i] == ' ' || h[i] == '\t' || h[i] == '/')
                return err_set("the host in '%s' is not a host name or address", device);
        memcpy(host, h, n);
        host[n] = '\0';
        *port = (int)p;
        return 0;
    }
    if (device[0] != '/')
        return err_set("device must be a full path such as /dev/usb/lp0, or tcp:HOST:PORT "
                       "for a network printer, not '%s'", device);
    if (host_cap)
        host[0] = '\0';
    *port = 0;
    return 0;
}

/* ==== the connection (worker thread only) ==== */

typedef struct Conn {
    int fd;
    bool socket;
    bool readable;   /* status replies can be read */
} Conn;

static bool stopping(Printer *p)
{
    pthread_mutex_lock(&p->lock);
    bool s = p->stop;
    pthread_mutex_unlock(&p->lock);
    return s;
}

/* Waits up to ms for events on fd, in slices so printer_close is not kept waiting.
 * Returns the revents, or 0 on timeout or stop. */
static short wait_fd(Printer *p, int fd, short events, int ms)
{
    double end = mono_ms() + ms;
    for (;;) {
        double left = end - mono_ms();
        if (left <= 0 || stopping(p))
            return 0;
        struct pollfd pf = {fd, events, 0};
        int rc = poll(&pf, 1, left < SLICE_MS ? (int)left + 1 : SLICE_MS);
        if (rc > 0)
            return pf.revents;
        if (rc < 0 && errno != EINTR)
            return POLLERR;
    }
}

static int connect_tcp(Printer *p, Conn *c)
{
    char port[16];
    snprintf(port, sizeof port, "%d", p->port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(p->host, port, &hints, &res);
    if (gai != 0 || !res) {
        log_warn("printer tcp:%s:%s: the name cannot be looked up (%s)", p->host, port,
                 gai == EAI_SYSTEM ? strerror(errno) : gai_strerror(gai));
        return -1;
    }
    int fd = -1, why = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) {
            why = errno;
            continue;
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
            break;
        why = errno;
        if (errno == EINPROGRESS) {
            why = ETIMEDOUT;
            if (wait_fd(p, fd, POLLOUT, p->timeout_ms) & (POLLOUT | POLLERR | POLLHUP)) {
                int err = 0;
                socklen_t el = sizeof err;
                if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 && err == 0)
                    break;
                why = err ? err : why;
            }
        }
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        log_warn("printer tcp:%s:%s cannot be reached: %s", p->host, port,
                 strerror(why ? why : ECONNREFUSED));
        return -1;
    }
    c->fd = fd;
    c->socket = true;
    c->readable = true;
    return 0;
}

static int connect_device(Printer *p, Conn *c)
{
    int fd = open(p->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    c->readable = fd >= 0;
    if (fd < 0)
        fd = open(p->path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int why = errno;
        log_warn("printer %s cannot be opened: %s%s", p->path, strerror(why),
                 why == EACCES ? " (the kiosk's user must be in the device's group, "
                                 "usually lp)"
                 : why == ENOENT ? " (is the printer plugged in and switched on?)"
                                 : "");
        return -1;
    }
    c->fd = fd;
    c->socket = false;
    return 0;
}

/* Writes all of data; false when the connection broke or stalled for timeout_ms. */
static bool send_all(Printer *p, Conn *c, const unsigned char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = c->socket ? send(c->fd, data + done, len - done, MSG_NOSIGNAL)
                              : write(c->fd, data + done, len - done);
        if (n > 0) {
            if (done == 0) {
                pthread_mutex_lock(&p->lock);
                if (p->first_byte_ms == 0)
                    p->first_byte_ms = mono_ms();
                pthread_mutex_unlock(&p->lock);
            }
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (wait_fd(p, c->fd, POLLOUT, p->timeout_ms) & POLLOUT)
                continue;
            log_warn("printer %s stopped taking data: it took nothing for %d ms", p->device,
                     p->timeout_ms);
            return false;
        }
        log_warn("printer %s stopped taking data: %s", p->device,
                 n < 0 ? strerror(errno) : "it accepted nothing");
        return false;
    }
    return true;
}

/* DLE EOT n: the reply byte, or -1 when none came in time. */
static int ask_status(Printer *p, Conn *c, unsigned char n)
{
    unsigned char q[3] = {0x10, 0x04, n};
    if (!send_all(p, c, q, sizeof q))
        return -2;
    if (!c->readable)
        return -1;
    if (!(wait_fd(p, c->fd, POLLIN, STATUS_REPLY_MS) & POLLIN))
        return -1;
    unsigned char b;
    ssize_t got = read(c->fd, &b, 1);
    return got == 1 ? b : -1;
}

/* Asks the three statuses; a printer that does not answer the first is not asked
 * the others (it is write-only). -2: the connection broke. */
static int ask_problem(Printer *p, Conn *c, PrinterProblem *out)
{
    int s1 = ask_status(p, c, 1);
    if (s1 == -2)
        return -2;
    int s2 = -1, s4 = -1;
    if (s1 >= 0) {
        s2 = ask_status(p, c, 2);
        s4 = s2 == -2 ? -2 : ask_status(p, c, 4);
        if (s2 == -2 || s4 == -2)
            return -2;
    }
    *out = printer_status_problem(s1, s2, s4);
    return 0;
}

static PrinterProblem run_job(Printer *p, const unsigned char *bytes, size_t len)
{
    Conn c = {-1, false, false};
    int rc = p->path[0] ? connect_device(p, &c) : connect_tcp(p, &c);
    if (rc != 0)
        return PRINTER_UNREACHABLE;
    PrinterProblem pr = PRINTER_OK;
    if (ask_problem(p, &c, &pr) != 0)
        pr = PRINTER_WRITE_FAILED;
    else if (pr == PRINTER_OK && !send_all(p, &c, bytes, len))
        pr = PRINTER_WRITE_FAILED;
    else if (pr == PRINTER_OK && len > 0 && ask_problem(p, &c, &pr) != 0)
        pr = PRINTER_WRITE_FAILED; /* a check (no bytes) asks once */
    if (c.socket)
        shutdown(c.fd, SHUT_WR);
    close(c.fd);
    return pr;
}

static void *worker(void *arg)
{
    Printer *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && !p->bytes)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->stop)
            break;
        unsigned char *bytes = p->bytes;
        size_t len = p->len;
        int id = p->job_id;
        pthread_mutex_unlock(&p->lock);
        PrinterProblem pr = run_job(p, bytes, len);
        pthread_mutex_lock(&p->lock);
        if (p->job_id == id) {
            p->state = pr == PRINTER_OK ? PRINTER_JOB_DONE : PRINTER_JOB_FAILED;
            p->problem = pr;
        }
        p->bytes = NULL;
        p->len = 0;
        mem_free(bytes);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* ==== the main thread's side ==== */

Printer *printer_open(const char *device, int timeout_ms)
{
    char host[HOST_MAX];
    int port = 0;
    if (printer_parse_device(device, host, sizeof host, &port) != 0)
        return NULL;
    if (strlen(device) >= sizeof(((Printer *)0)->path)) {
        err_set("printer device path is too long");
        return NULL;
    }
    Printer *p = mem_zalloc(sizeof *p);
    if (!p)
        return NULL;
    if (port == 0)
        snprintf(p->path, sizeof p->path, "%s", device);
    snprintf(p->device, sizeof p->device, "%s", device);
    snprintf(p->host, sizeof p->host, "%s", host);
    p->port = port;
    p->timeout_ms = timeout_ms > 0 ? timeout_ms : 3000;
    p->next_id = 1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    if (pthread_create(&p->thread, NULL, worker, p) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        mem_free(p);
        err_set("printer: the printing thread could not start");
        return NULL;
    }
    return p;
}

void printer_close(Printer *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    mem_free(p->bytes);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    mem_free(p);
}

int printer_submit(Printer *p, const unsigned char *bytes, size_t len)
{
    /* Allocated here on the main thread (mem_alloc's test counter is not shared);
     * the worker only frees it. */
    unsigned char *copy = mem_alloc(len ? len : 1);
    if (!copy)
        return -1;
    memcpy(copy, bytes, len);
    pthread_mutex_lock(&p->lock);
    if (p->bytes || p->state == PRINTER_JOB_WAITING) {
        pthread_mutex_unlock(&p->lock);
        mem_free(copy);
        return err_set("printer: a slip is still printing");
    }
    int id = p->next_id++;
    p->job_id = id;
    p->state = PRINTER_JOB_WAITING;
    p->problem = PRINTER_OK;
    p->bytes = copy;
    p->len = len;
    p->first_byte_ms = 0;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    return id;
}

int printer_check(Printer *p)
{
    static const unsigned char nothing[1] = {0};
    return printer_submit(p, nothing, 0);
}

PrinterJobState printer_job_state(Printer *p, int id, PrinterProblem *problem)
{
    pthread_mutex_lock(&p->lock);
    PrinterJobState st = id > 0 && id == p->job_id ? p->state : PRINTER_JOB_NONE;
    if (problem)
        *problem = st == PRINTER_JOB_NONE ? PRINTER_OK : p->problem;
    pthread_mutex_unlock(&p->lock);
    return st;
}

bool printer_busy(Printer *p)
{
    pthread_mutex_lock(&p->lock);
    bool busy = p->state == PRINTER_JOB_WAITING;
    pthread_mutex_unlock(&p->lock);
    return busy;
}

double printer_first_byte_ms(Printer *p)
{
    pthread_mutex_lock(&p->lock);
    double t = p->first_byte_ms;
    pthread_mutex_unlock(&p->lock);
    return t;
}
