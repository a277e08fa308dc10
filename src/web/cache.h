/*
 * cache.h - the public record's answers kept in memory.
 *
 * A public page is the same for every anonymous reader until the store
 * changes or the day turns (publication is by date), so server.c keeps
 * the bytes of each answer, under its address, for as long as both stay
 * as they were: the store's change counter (public_generation, moved by
 * every write to communications, replies, figures, situations and the
 * knowledge base: migrations 006, 009) and today. A new counter or day
 * empties the cache; nothing older is ever served. Only routes marked
 * cached in routes.c, only anonymous requests (no session cookie), only
 * 200 answers without cookies or no-store are kept (docs/SCALING.md).
 *
 * The cache is bounded in bytes; the least recently used answers go
 * first. Every function is safe from any thread.
 */
#ifndef RAPPORTEUR_WEB_CACHE_H
#define RAPPORTEUR_WEB_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "web.h"

/* Sets the bound (0: no cache) and empties the cache. */
void web_cache_init(size_t max_bytes);
void web_cache_clear(void);
/* Whether answers are kept at all (a bound above 0). */
bool web_cache_on(void);

/* Fills res (status, type, headers, body) and etag with the answer kept
 * for key under generation and today; false when there is none. */
bool web_cache_get(const char *key, long long generation, int today, struct web_response *res,
                   char etag[24]);

/* Keeps a copy of res for key if it may be kept (see above), and gives
 * its entity tag (a digest of the body) in etag either way. */
void web_cache_put(const char *key, long long generation, int today, const struct web_response *res,
                   char etag[24]);

/* What the cache has done since web_cache_init (for `make bench`). */
struct web_cache_stats {
	unsigned long long hits, misses, stored, evicted, cleared;
	size_t bytes, entries;
};
void web_cache_stats(struct web_cache_stats *s);

#endif
