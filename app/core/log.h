/* log.h: the kiosk's operational log. Lines go to stderr (journald under systemd) as
 * "signpost LEVEL: message" (signpostctl's too). Never log personal data: a log line
 * names references, files and causes, never what a person typed. Tests may capture
 * lines with log_set_sink(). */
#ifndef SIGNPOST_LOG_H
#define SIGNPOST_LOG_H

#include "err.h"

typedef enum LogLevel { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

/* A sink receives each finished line (without a trailing newline). */
typedef void (*LogSink)(void *user, LogLevel level, const char *line);

void log_msg(LogLevel level, const char *fmt, ...) SP_PRINTF(2, 3);
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Lines below `level` are dropped. Default LOG_INFO. */
void log_set_level(LogLevel level);

/* Replaces the stderr sink; pass NULL to restore it. */
void log_set_sink(LogSink sink, void *user);

/* The last warnings and errors, for the staff screen (lines carry no personal data). */
enum { LOG_RECENT_MAX = 8 };
typedef struct LogRecent {
    long long time;       /* seconds since the epoch */
    LogLevel level;
    char line[256];
} LogRecent;
/* Copies up to max of them into out, newest first; returns how many. */
int log_recent(LogRecent *out, int max);

#endif
