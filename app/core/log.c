/* log.c: level-filtered log lines to stderr or a test sink (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

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
