/*
 * situations.c - situations and the communications linked to them. See
 * situations.h.
 */
#include "situations.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"
#include "../util/text.h"
#include "../util/utf8.h"
#include "clock.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void situation_release(struct situation *s)
{
	if (!s)
		return;
	free(s->slug);
	free(s->title);
	free(s->country);
	free(s->period_from);
	free(s->period_to);
	free(s->created_by);
	free(s->created_at);
	for (size_t i = 0; i < s->communication_count; i++) {
		free(s->communications[i].reference);
		free(s->communications[i].date);
		free(s->communications[i].status);
	}
	free(s->communications);
	memset(s, 0, sizeof(*s));
}

static bool slug_valid(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64 || s[0] == '-' || s[n - 1] == '-' || text_all_digits(s))
		return false;
	for (const char *p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
			return false;
	return true;
}

long long situation_create(struct db *db, const struct situation_in *in, const char *actor,
                           struct error *err)
{
	if (!in->slug || !slug_valid(in->slug))
		return error_set(
		    err,
		    "situation %s: a name is lower-case letters, digits and hyphens, at most 64, "
		    "not digits only (e.g. kaz-2022-01)",
		    in->slug ? in->slug : "");
	if (!in->title || !in->title[0] || strlen(in->title) > 200 ||
	    !utf8_valid(in->title, strlen(in->title), NULL))
		return error_set(err, "--title: give a title of at most 200 characters (e.g. "
		                      "\"Kazakhstan, January 2022\")");
	if (in->country && !db_query_int(db, 0, "SELECT count(*) FROM countries WHERE alpha3 = ?1",
	                                 in->country, (const char *)NULL))
		return error_set(err,
		                 "--country %s: not a country code (ISO 3166-1 alpha-3, e.g. KAZ)",
		                 in->country);
	int from = in->period_from ? date_parse_iso(in->period_from) : DATE_NONE;
	int to = in->period_to ? date_parse_iso(in->period_to) : DATE_NONE;
	if (in->period_from && from == DATE_NONE)
		return error_set(err, "--from %s: give a date as YYYY-MM-DD", in->period_from);
	if (in->period_to && to == DATE_NONE)
		return error_set(err, "--to %s: give a date as YYYY-MM-DD", in->period_to);
	if (from != DATE_NONE && to != DATE_NONE && to < from)
		return error_set(err, "--to %s is before --from %s", in->period_to,
		                 in->period_from);
	if (situation_find(db, in->slug))
		return error_set(err, "situation %s exists already", in->slug);
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO situations(slug, title, country, period_from, period_to, created_by, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    err);
	if (!st)
		return -1;
	db_bind_text(st, 1, in->slug);
	db_bind_text(st, 2, in->title);
	db_bind_text(st, 3, in->country);
	db_bind_text(st, 4, in->period_from);
	db_bind_text(st, 5, in->period_to);
	db_bind_text(st, 6, actor);
	db_bind_text(st, 7, now);
	int rc = db_step(st, err);
	db_finalize(st);
	if (rc < 0)
		return -1;
	return situation_find(db, in->slug);
}

long long situation_find(struct db *db, const char *slug_or_id)
{
	if (!slug_or_id || !slug_or_id[0])
		return 0;
	long long id = db_query_int(db, 0, "SELECT id FROM situations WHERE slug = ?1", slug_or_id,
	                            (const char *)NULL);
	if (!id && text_all_digits(slug_or_id))
		id = db_query_int(db, 0, "SELECT id FROM situations WHERE id = CAST(?1 AS INTEGER)",
		                  slug_or_id, (const char *)NULL);
	return id;
}

int situation_load(struct db *db, long long id, struct situation *out, struct error *err)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT slug, title, country, period_from, period_to, created_by, created_at "
	    "FROM situations WHERE id = ?1",
	    err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	if (rc == 1) {
		out->id = id;
		out->slug = xstrdup(db_text(st, 0));
		out->title = xstrdup(db_text(st, 1));
		out->country = dup_or_null(db_text(st, 2));
		out->period_from = dup_or_null(db_text(st, 3));
		out->period_to = dup_or_null(db_text(st, 4));
		out->created_by = dup_or_null(db_text(st, 5));
		out->created_at = dup_or_null(db_text(st, 6));
	}
	db_finalize(st);
	if (rc == 0)
		return error_set(err, "situation %lld: no such situation", id);
	if (rc < 0)
		return -1;
	st = db_prepare(
	    db,
	    "SELECT c.id, coalesce(c.reference, '(draft ' || c.id || ')'), c.date, c.status, "
	    "(SELECT count(*) FROM replies r WHERE r.communication_id = c.id) "
	    "FROM situation_communications s JOIN communications c ON c.id = s.communication_id "
	    "WHERE s.situation_id = ?1 ORDER BY c.date, c.id",
	    err);
	if (!st) {
		situation_release(out);
		return -1;
	}
	db_bind_int(st, 1, id);
	size_t cap = 0;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(out->communications, out->communication_count + 1, cap);
		struct situation_communication *c =
		    &out->communications[out->communication_count++];
		c->id = db_int(st, 0);
		c->reference = xstrdup(db_text(st, 1));
		c->date = dup_or_null(db_text(st, 2));
		c->status = xstrdup(db_text(st, 3));
		c->replies = (int)db_int(st, 4);
	}
	db_finalize(st);
	if (rc < 0) {
		situation_release(out);
		return -1;
	}
	return 0;
}

static int link_one(struct db *db, long long sid, long long cid, const char *actor, const char *now,
                    struct error *err)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO situation_communications(situation_id, communication_id, linked_by, "
	    "linked_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
	    err);
	if (!st)
		return -1;
	db_bind_int(st, 1, sid);
	db_bind_int(st, 2, cid);
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, now);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : (int)db_changes(db);
}

int situation_link(struct db *db, long long sid, long long cid, bool related, const char *actor,
                   struct error *err)
{
	char now[32];
	clock_now_iso(now);
	if (db_begin(db, err) < 0)
		return -1;
	/* a work list: the communication, then (with related) the chain around it */
	long long *todo = xmalloc(sizeof(*todo));
	size_t count = 1, cap = 1, added = 0;
	todo[0] = cid;
	int rc = 0;
	struct db_stmt *near =
	    related ? db_prepare(
	                  db,
	                  "SELECT c.id FROM communications c WHERE c.core IN "
	                  "(SELECT reference FROM related_references WHERE communication_id = ?1) "
	                  "UNION SELECT r.communication_id FROM related_references r "
	                  "JOIN communications me ON me.id = ?1 WHERE r.reference = me.core",
	                  err)
	            : NULL;
	if (related && !near)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		int n = link_one(db, sid, todo[i], actor, now, err);
		if (n < 0) {
			rc = -1;
			break;
		}
		added += (size_t)n;
		if (!near)
			continue;
		db_bind_int(near, 1, todo[i]);
		while (db_step(near, NULL) == 1) {
			long long other = db_int(near, 0);
			bool known = false;
			for (size_t k = 0; k < count; k++)
				known |= todo[k] == other;
			if (!known) {
				ALLOC_GROW(todo, count + 1, cap);
				todo[count++] = other;
			}
		}
		db_reset(near);
	}
	db_finalize(near);
	free(todo);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) < 0)
		return -1;
	return (int)added;
}

int situation_unlink(struct db *db, long long sid, long long cid, struct error *err)
{
	struct db_stmt *st = db_prepare(db,
	                                "DELETE FROM situation_communications WHERE situation_id = "
	                                "?1 AND communication_id = ?2",
	                                err);
	if (!st)
		return -1;
	db_bind_int(st, 1, sid);
	db_bind_int(st, 2, cid);
	int rc = db_step(st, err);
	db_finalize(st);
	if (rc < 0)
		return -1;
	return (int)db_changes(db);
}

json_t *situation_to_json(const struct situation *s)
{
	json_t *comms = json_array();
	for (size_t i = 0; i < s->communication_count; i++) {
		const struct situation_communication *c = &s->communications[i];
		json_array_append_new(comms, json_pack("{s:s, s:s?, s:s, s:i}", "reference",
		                                       c->reference, "date", c->date, "status",
		                                       c->status, "replies", c->replies));
	}
	return json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:o}", "slug", s->slug, "title", s->title,
	                 "country", s->country, "period_from", s->period_from, "period_to",
	                 s->period_to, "communications", comms);
}

json_t *situation_list_json(struct db *db, struct error *err)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT s.slug, s.title, s.country, s.period_from, s.period_to, "
	    "(SELECT count(*) FROM situation_communications l WHERE l.situation_id = s.id) "
	    "FROM situations s ORDER BY s.slug",
	    err);
	if (!st)
		return NULL;
	json_t *all = json_array();
	int rc;
	while ((rc = db_step(st, err)) == 1)
		json_array_append_new(all, json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:I}", "slug",
		                                     db_text(st, 0), "title", db_text(st, 1),
		                                     "country", db_text(st, 2), "period_from",
		                                     db_text(st, 3), "period_to", db_text(st, 4),
		                                     "communications", (json_int_t)db_int(st, 5)));
	db_finalize(st);
	if (rc < 0) {
		json_decref(all);
		return NULL;
	}
	return all;
}
