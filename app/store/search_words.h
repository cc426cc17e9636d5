/* search_words.h: the words search works with, shared by the kiosk's search
 * (store_search.c) and the content build (which writes the "did you mean" vocabulary):
 * where a folded text's words start and end, the edit distance that says how near a
 * typed word is to a word of the content, and the writer of the search_word table and
 * its trigram index. Owned by app/store. */
#ifndef SIGNPOST_SEARCH_WORDS_H
#define SIGNPOST_SEARCH_WORDS_H

#include <sqlite3.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    /* Words longer than this (in code points) are never corrected or suggested. */
    SEARCH_WORD_MAX = 32,
    /* search_word's rowid is length << SEARCH_WORD_LEN_SHIFT | serial number. */
    SEARCH_WORD_LEN_SHIFT = 24,
};

/* True for code points that separate words: ASCII other than letters and digits, and
 * the common non-ASCII punctuation and symbol blocks (so a stray "€" or emoji cannot
 * become a word). Letters of every script are word characters. */
bool search_is_separator(uint32_t cp);

/* Finds the next word of `s` (len bytes) at or after *pos: stores its start and byte
 * length and moves *pos past it. False when there is none. */
bool search_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *wlen);


/* Writes search_word and rebuilds search_trigram from the rows of `search` and
 * `synonym` already in db (inside the caller's transaction): every word of at most
 * SEARCH_WORD_MAX code points with no digit, once, with how often it is used. Returns
 * 0, or -1 with `why` (cap bytes) saying what failed. */
int search_words_write(sqlite3 *db, char *why, size_t cap);

#endif
