/*
 * public_index.h - what the public search filters and counts, held in
 * memory: one entry per public communication (as of a day) with its
 * dates, addressee, type, session, first reply, mandates and cited
 * provisions as small numbers, newest first. Searching, counting facets
 * and the reply figures then cost a pass over an array instead of
 * queries over 100,000 child rows.
 *
 * One index is shared by every server thread. It is read again from the
 * store when the store's change counter has moved (public_generation,
 * migrations/sqlite/006_public.sql) or the day has changed; readers
 * holding the old one keep it until they put it back. The entries come
 * from visibility_public_where(): nothing unpublished is ever in it.
 * Knows nothing of HTTP; the full text stays in the store (FTS5).
 */
#ifndef RAPPORTEUR_PUBLIC_INDEX_H
#define RAPPORTEUR_PUBLIC_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "../store/db.h"
#include "../util/error.h"

/* A value a filter takes and how a reader sees it: a country (code and
 * name), a type, a mandate (slug, title), an instrument (short, name), a
 * provision (instrument and article, "ICCPR art. 7"). */
struct public_value {
	char *value, *value2, *label;
};

struct public_table {
	struct public_value *values;
	size_t count, cap;
	uint32_t *slots; /* open addressing over value "\x1f" value2: index + 1, 0 empty */
	size_t slot_count;
};

/* The index of value (and value2, or NULL) in t, or -1. */
int public_table_find(const struct public_table *t, const char *value, const char *value2);

#define PUBLIC_NONE (-2147483647 - 1) /* DATE_NONE: no such date */

struct public_entry {
	long long id, search_key;
	char *reference, *slug;
	int date, reply_due, publication, first_reply; /* day numbers, or PUBLIC_NONE */
	int year;                                      /* of date; 0: undated */
	int replies;                                   /* received on or before the index's day */
	int session;                                   /* 0: none */
	int country, type;                             /* into countries, types; -1 none */
	uint32_t mandate_first, mandate_count;     /* into entry_mandates, in the letter's order */
	uint32_t provision_first, provision_count; /* into entry_provisions */
};

struct public_index {
	long long generation;
	char today[11];
	int refs; /* readers holding it, and 1 while it is the current one */
	struct public_entry
	    *entries; /* newest first: date descending (undated last), then id descending */
	size_t count;
	long long *keys;     /* search keys, ascending */
	uint32_t *key_entry; /* the entry of keys[i] */
	struct public_table countries, types, mandates, instruments, provisions;
	uint32_t *provision_instrument; /* the instrument of each provision */
	uint16_t *entry_mandates;
	uint32_t *entry_provisions;
	size_t entry_mandate_count, entry_provision_count;
};

/* The index as of today ("YYYY-MM-DD"), read again if the store changed.
 * Give it back with public_index_put(). NULL with err if the store fails. */
struct public_index *public_index_get(struct db *db, const char *today, struct error *err);
void public_index_put(struct public_index *ix);

/* The entry with this search key, or -1. */
long public_index_by_key(const struct public_index *ix, long long key);

/* "in-time", "late" or "none" for an entry. */
const char *public_entry_reply_status(const struct public_entry *e);

#endif
