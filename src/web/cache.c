/*
 * cache.c - the public record's answers kept in memory. See cache.h.
 *
 * A hash table of chains over the keys, and a list from the most to the
 * least recently used; one lock over both (a lookup is a hash, a compare
 * and a copy: far shorter than any page it saves).
 */
#include "cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/die.h"
#include "../util/sha256.h"

#define BUCKETS 4096 /* a power of two */

struct entry {
	struct entry *chain;	  /* the next in its bucket */
	struct entry *newer, *older; /* the use list */
	uint64_t hash;
	char *key;
	int status;
	const char *content_type; /* static, as in web_response */
	struct web_header headers[8];
	size_t header_count;
	char *body;
	size_t len, cost;
	char etag[24];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[BUCKETS];
static struct entry *newest, *oldest;
static size_t max_bytes, bytes, entries;
static long long held_generation = -1;
static int held_today = -1;
static struct web_cache_stats stats;

static uint64_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void entry_free(struct entry *e)
{
	for (size_t i = 0; i < e->header_count; i++) {
		free(e->headers[i].name);
		free(e->headers[i].value);
	}
	free(e->key);
	free(e->body);
	free(e);
}

static void unlink_use(struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(struct entry *e)
{
	e->older = newest;
	e->newer = NULL;
	if (newest)
		newest->newer = e;
	newest = e;
	if (!oldest)
		oldest = e;
}

static void drop(struct entry *e)
{
	struct entry **p = &buckets[e->hash & (BUCKETS - 1)];
	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	unlink_use(e);
	bytes -= e->cost;
	entries--;
	entry_free(e);
}

static void clear_locked(void)
{
	while (oldest)
		drop(oldest);
}

void web_cache_init(size_t max)
{
	pthread_mutex_lock(&lock);
	clear_locked();
	max_bytes = max;
	held_generation = -1;
	held_today = -1;
	memset(&stats, 0, sizeof(stats));
	pthread_mutex_unlock(&lock);
}

bool web_cache_on(void)
{
	pthread_mutex_lock(&lock);
	bool on = max_bytes > 0;
	pthread_mutex_unlock(&lock);
	return on;
}

void web_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	clear_locked();
	pthread_mutex_unlock(&lock);
}

/* Brings the cache to generation and today: a newer one empties it.
 * False when the request's view is older than what the cache holds. */
static bool current(long long generation, int today)
{
	if (generation == held_generation && today == held_today)
		return true;
	if (generation < held_generation || (generation == held_generation && today < held_today))
		return false;
	if (entries)
		stats.cleared++;
	clear_locked();
	held_generation = generation;
	held_today = today;
	return true;
}

static struct entry *find(const char *key, uint64_t h)
{
	for (struct entry *e = buckets[h & (BUCKETS - 1)]; e; e = e->chain)
		if (e->hash == h && !strcmp(e->key, key))
			return e;
	return NULL;
}

bool web_cache_get(const char *key, long long generation, int today, struct web_response *res,
                   char etag[24])
{
	if (!max_bytes)
		return false;
	uint64_t h = hash_of(key);
	pthread_mutex_lock(&lock);
	struct entry *e = current(generation, today) ? find(key, h) : NULL;
	if (!e) {
		stats.misses++;
		pthread_mutex_unlock(&lock);
		return false;
	}
	stats.hits++;
	unlink_use(e);
	push_newest(e);
	res->status = e->status;
	res->content_type = e->content_type;
	buf_reset(&res->body);
	buf_add(&res->body, e->body, e->len);
	for (size_t i = 0; i < e->header_count && res->header_count < 8; i++) {
		res->headers[res->header_count].name = xstrdup(e->headers[i].name);
		res->headers[res->header_count].value = xstrdup(e->headers[i].value);
		res->header_count++;
	}
	memcpy(etag, e->etag, 24);
	pthread_mutex_unlock(&lock);
	return true;
}

static bool keepable(const struct web_response *res)
{
	if (res->status != 200 || res->no_store)
		return false;
	for (size_t i = 0; i < res->header_count; i++)
		if (!strcasecmp(res->headers[i].name, "Set-Cookie") ||
		    !strcasecmp(res->headers[i].name, "Cache-Control"))
			return false;
	return true;
}

void web_cache_put(const char *key, long long generation, int today, const struct web_response *res,
                   char etag[24])
{
	char hex[65];
	sha256_hex(res->body.data ? res->body.data : "", res->body.len, hex);
	snprintf(etag, 24, "\"%.20s\"", hex);
	size_t cost = res->body.len + strlen(key) + sizeof(struct entry);
	if (!max_bytes || !keepable(res) || cost > max_bytes / 8)
		return; /* one answer never takes more than an eighth */
	uint64_t h = hash_of(key);
	pthread_mutex_lock(&lock);
	if (!current(generation, today) || find(key, h)) {
		pthread_mutex_unlock(&lock);
		return;
	}
	while (oldest && bytes + cost > max_bytes) {
		drop(oldest);
		stats.evicted++;
	}
	struct entry *e = xcalloc(1, sizeof(*e));
	e->hash = h;
	e->key = xstrdup(key);
	e->status = res->status;
	e->content_type = res->content_type;
	for (size_t i = 0; i < res->header_count && i < 8; i++) {
		e->headers[i].name = xstrdup(res->headers[i].name);
		e->headers[i].value = xstrdup(res->headers[i].value);
		e->header_count++;
	}
	e->body = xmalloc(res->body.len ? res->body.len : 1);
	memcpy(e->body, res->body.data ? res->body.data : "", res->body.len);
	e->len = res->body.len;
	e->cost = cost;
	memcpy(e->etag, etag, 24);
	e->chain = buckets[h & (BUCKETS - 1)];
	buckets[h & (BUCKETS - 1)] = e;
	push_newest(e);
	bytes += cost;
	entries++;
	stats.stored++;
	pthread_mutex_unlock(&lock);
}

void web_cache_stats(struct web_cache_stats *s)
{
	pthread_mutex_lock(&lock);
	*s = stats;
	s->bytes = bytes;
	s->entries = entries;
	pthread_mutex_unlock(&lock);
}
