/* usage.h: usage figures that protect privacy. The kiosk counts, per day: people
 * (sessions, and the hour they left in), screens visited, searches that found
 * nothing, languages and accessibility features used, slips printed. Nothing per
 * person, no sequences, no time finer than the hour.
 *
 * Counts wait in memory (Usage) and go into the outbox file (table usage_count) in one
 * short transaction: usage_flush, the one function that writes, which the kiosk calls
 * when it forgets a person and at most every USAGE_FLUSH_MS otherwise.
 *
 * Searches that found nothing: the words someone typed may be a name, so they are
 * stored only once USAGE_WORD_SESSIONS different sessions typed them. Until then the
 * file keeps only a keyed hash (BLAKE2b-256 with a random key, usage_key, replaced at
 * the start of every month, when the hashes still under the threshold are dropped) of
 * the normalised words and how many sessions typed them; the session's own list of
 * words lives in memory until it ends and is wiped at the flush that follows. Within a
 * session a search typed letter by letter counts once (its longest form). */
#ifndef SIGNPOST_USAGE_H
#define SIGNPOST_USAGE_H

#include "outbox.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum {
    USAGE_WORD_SESSIONS = 5,          /* sessions before words are stored */
    USAGE_FLUSH_MS = 5 * 60 * 1000,   /* at most this often during a session */
    USAGE_WORDS_MAX = 96              /* bytes of normalised words kept */
};

typedef struct Usage Usage;

Usage *usage_new(void);
/* Wipes and frees (what was not flushed is lost). */
void usage_free(Usage *u);
/* The day counts go to: "YYYY-MM-DD", or NULL for the local date (the default). */
void usage_set_today(Usage *u, const char *day);

/* Adds one to metric (with item "", or item) for today: "print", ("screen", "find"). */
void usage_count(Usage *u, const char *metric);
void usage_count_item(Usage *u, const char *metric, const char *item);
/* Counts the content in use today (metric "content", item its version, the content
 * build's time, with the colons left out: "2026-11-22T101500Z"): at start-up and at
 * each reload, for the report's content health. Other health counts: "content-lkg"
 * (started on the last known good store), "content-refused" (a new store refused),
 * "print" (a slip printed) and "print-failed" (item: paper-out, cover-open, offline,
 * unreachable, write-failed). */
void usage_content(Usage *u, const char *version);
/* Notes that this session used something ("language", "ur"; "feature",
 * "high-contrast"): counted once per session, when it ends. */
void usage_session_mark(Usage *u, const char *metric, const char *item);
/* A search that found nothing (the query as typed). */
void usage_search_empty(Usage *u, const char *query);
/* The person has left: counts the session ("sessions", and "hour" with the hour as
 * "HH"), what it marked and its searches that found nothing, then wipes it. */
void usage_session_end(Usage *u);

/* Normalises words for counting: lower case (ASCII), runs of spaces and punctuation as
 * one space, trimmed; at most USAGE_WORDS_MAX - 1 bytes. */
void usage_normalise(const char *in, char out[USAGE_WORDS_MAX]);

/* True when a flush is due at now_ms (something waits and USAGE_FLUSH_MS passed). */
bool usage_flush_due(const Usage *u, uint64_t now_ms);
/* Writes what waits into the outbox in one transaction. The words of ended sessions
 * are wiped from memory whether or not it works. Returns 0, or -1 (logged; counts are
 * kept for the next try). */
int usage_flush(Usage *u, Outbox *ob, uint64_t now_ms);

/* Today's people and searches that found nothing, for the staff screen: what is in
 * the outbox for day plus what waits in memory. Returns 0, or -1 when the outbox
 * cannot be read. */
int usage_day_totals(Usage *u, Outbox *ob, const char *day, long *sessions, long *empty);

/* ==== reading (signpostctl, the report) ==== */

typedef struct UsageRow {
    const char *day;    /* "YYYY-MM-DD" */
    const char *metric; /* sessions, hour, screen, search-empty, search-words, language,
                         * feature, print, print-failed, content, content-lkg,
                         * content-refused */
    const char *item;   /* "" when the metric has none */
    long count;
} UsageRow;
/* Calls fn for each count in an outbox (or collection) file with from <= day <= to
 * (either NULL: no limit), by day, metric, item; fn returns 0 to go on. Returns the
 * number of rows, or -1 with err_msg(). */
int usage_read(const char *path, const char *from, const char *to,
               int (*fn)(void *user, const UsageRow *row), void *user);
/* Writes them as CSV (day,metric,item,count; CRLF) or JSON (an array of objects).
 * Returns 0 or -1. */
int usage_export(const char *path, const char *from, const char *to, bool json, FILE *out);

#endif
