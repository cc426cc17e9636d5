/* log.c: level-filtered log lines to stderr or a test sink (see log.h), and the last
 * warnings and errors kept for the staff screen (a small ring under a mutex: the speech
 * and printer threads log too). */
#include "log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t recent_lock = PTHREAD_MUTEX_INITIALIZER;
static LogRecent recent[LOG_RECENT_MAX];
static int recent_next, recent_count;

static void remember(LogLevel level, const char *line)
{
    pthread_mutex_lock(&recent_lock);
    LogRecent *r = &recent[recent_next];
    r->time = (long long)time(NULL);
    r->level = level;
    size_t n = strlen(line);
    if (n >= sizeof r->line) { /* cut on a code point boundary */
        n = sizeof r->line - 1;
        while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(r->line, line, n);
    r->line[n] = '\0';
    recent_next = (recent_next + 1) % LOG_RECENT_MAX;
    if (recent_count < LOG_RECENT_MAX)
        recent_count++;
    pthread_mutex_unlock(&recent_lock);
}

int log_recent(LogRecent *out, int max)
{
    pthread_mutex_lock(&recent_lock);
    int n = 0;
    for (; n < max && n < recent_count; n++)
        out[n] = recent[(recent_next - 1 - n + LOG_RECENT_MAX) % LOG_RECENT_MAX];
    pthread_mutex_unlock(&recent_lock);
    return n;
}

static LogLevel log_level = LOG_INFO;
static LogSink log_sink;
static void *log_sink_user;

static const char *level_name(LogLevel level)
{
    switch (level) {
    case LOG_DEBUG: return "debug";
    case LOG_INFO: return "info";
    case LOG_WARN: return "warning";
    case LOG_ERROR: return "error";
    }
    return "log";
}

void log_msg(LogLevel level, const char *fmt, ...)
{
    if (level < log_level)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (level >= LOG_WARN)
        remember(level, line);
    if (log_sink) {
        log_sink(log_sink_user, level, line);
        return;
    }
    fprintf(stderr, "signpost %s: %s\n", level_name(level), line);
}

void log_set_level(LogLevel level)
{
    log_level = level;
}

void log_set_sink(LogSink sink, void *user)
{
    log_sink = sink;
    log_sink_user = user;
}
