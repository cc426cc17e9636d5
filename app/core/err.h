/* err.h: the last error message of this thread, in the style of SDL_GetError() and
 * sqlite3_errmsg(). Fallible functions record a message with err_set() and return -1
 * (or NULL), so callers can write `return err_set("...")` in one line. The message
 * is owned by the error module and stays valid until the next err_set() on this thread. */
#ifndef SIGNPOST_ERR_H
#define SIGNPOST_ERR_H

#if defined(__GNUC__)
#define SP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SP_PRINTF(fmt, args)
#endif

/* Records a formatted message (truncated to 1 KiB). Always returns -1. */
int err_set(const char *fmt, ...) SP_PRINTF(1, 2);

/* The last message recorded on this thread, or "" when none. Never NULL. */
const char *err_msg(void);

/* Forgets the last message. */
void err_clear(void);

#endif
