/*
 * limit.c - per-client counts of events in a sliding window, in memory
 * (limit.h). A fixed table: when it is full, the client whose last event
 * is oldest gives up its place, so memory stays bounded whatever a flood
 * of addresses does. Knows nothing of pages or the store.
 */
#include "limit.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../util/die.h"

#define SLOTS 4096

struct slot {
	char key[96]; /* "kind client"; "" when free */
	long long at[WEB_LIMIT_MAX_EVENTS]; /* oldest first */
	int count;
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The address as counted: IPv4 as written, IPv6 by its /64. */
static void client_key(const char *client, char out[64])
{
	struct in6_addr a6;
	if (client && strchr(client, ':') && inet_pton(AF_INET6, client, &a6) == 1) {
		memset(a6.s6_addr + 8, 0, 8);
		char text[INET6_ADDRSTRLEN];
		inet_ntop(AF_INET6, &a6, text, sizeof(text));
		snprintf(out, 64, "%s/64", text);
		return;
	}
	snprintf(out, 64, "%s", client && *client ? client : "unknown");
}

bool web_limit_take(const char *kind, const char *client, int max, int window_s, long long now, int *retry_after)
{
	if (max < 1 || max > WEB_LIMIT_MAX_EVENTS || window_s < 1)
		BUG("web_limit_take: max %d, window %d", max, window_s);
	char who[64], key[96];
	client_key(client, who);
	snprintf(key, sizeof(key), "%s %s", kind, who);
	pthread_mutex_lock(&lock);
	struct slot *s = NULL, *victim = NULL;
	for (size_t i = 0; i < SLOTS && !s; i++) {
		struct slot *x = &slots[i];
		if (!strcmp(x->key, key)) {
			s = x;
		} else if (!x->key[0] || !x->count) {
			if (!victim || victim->count)
				victim = x;
		} else if (!victim || (victim->count && x->at[x->count - 1] < victim->at[victim->count - 1])) {
			victim = x;
		}
	}
	if (!s) {
		s = victim;
		snprintf(s->key, sizeof(s->key), "%s", key);
		s->count = 0;
	}
	/* events older than the window no longer count */
	int keep = 0;
	for (int i = 0; i < s->count; i++)
		if (s->at[i] > now - window_s)
			s->at[keep++] = s->at[i];
	s->count = keep;
	bool allowed = s->count < max;
	if (allowed)
		s->at[s->count++] = now;
	else if (retry_after)
		*retry_after = (int)(s->at[s->count - max] + window_s - now);
	pthread_mutex_unlock(&lock);
	return allowed;
}

void web_limit_reset(void)
{
	pthread_mutex_lock(&lock);
	memset(slots, 0, sizeof(slots));
	pthread_mutex_unlock(&lock);
}
