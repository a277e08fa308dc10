/*
 * kbload.c - the knowledge base into the store. Upserts, so that running
 * `init` again after a data update refreshes the tables in place.
 */
#include "kbload.h"

#include "../util/buf.h"

#include <stdio.h>
#include <string.h>

#include "../util/date.h"

static void bind_date(struct db_stmt *st, int i, int date)
{
	if (date == DATE_NONE) {
		db_bind_null(st, i);
		return;
	}
	char d[11];
	date_format_iso(date, d);
	db_bind_text(st, i, d);
}

static int run(struct db_stmt *st, struct error *err)
{
	int rc = db_step(st, err);
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

#define PREP(var, sql)                                  \
	struct db_stmt *var = db_prepare(db, sql, err); \
	if (!var)                                       \
		goto fail;

int store_load_kb(struct db *db, const struct kb *kb, struct error *err)
{
	struct db_stmt *st[12] = {0};
	if (db_begin(db, err) < 0)
		return -1;
	PREP(country, "INSERT INTO countries(alpha3, alpha2, name_en, name_fr, name_es) VALUES (?1, ?2, ?3, ?4, ?5) "
		      "ON CONFLICT(alpha3) DO UPDATE SET alpha2 = excluded.alpha2, name_en = excluded.name_en, "
		      "name_fr = excluded.name_fr, name_es = excluded.name_es");
	st[0] = country;
	for (size_t i = 0; i < kb->country_count; i++) {
		const struct kb_country *c = &kb->countries[i];
		db_bind_text(country, 1, c->alpha3);
		db_bind_text(country, 2, c->alpha2);
		db_bind_text(country, 3, c->name[KB_EN]);
		db_bind_text(country, 4, c->name[KB_FR]);
		db_bind_text(country, 5, c->name[KB_ES]);
		if (run(country, err) < 0)
			goto fail;
	}
	PREP(mandate, "INSERT INTO mandates(slug, kind, body, country, title_en, title_fr, title_es, established) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(slug) DO UPDATE SET kind = excluded.kind, "
		      "body = excluded.body, country = excluded.country, title_en = excluded.title_en, "
		      "title_fr = excluded.title_fr, title_es = excluded.title_es, established = excluded.established");
	st[1] = mandate;
	PREP(resolution, "INSERT INTO mandate_resolutions(slug, symbol, body, adopted) VALUES (?1, ?2, ?3, ?4) "
			 "ON CONFLICT(slug, symbol) DO UPDATE SET body = excluded.body, adopted = excluded.adopted");
	st[2] = resolution;
	PREP(holder, "INSERT INTO mandate_holders(slug, name, signs_as, served_from, served_to) VALUES (?1, ?2, ?3, ?4, ?5) "
		     "ON CONFLICT(slug, name, served_from) DO UPDATE SET signs_as = excluded.signs_as, served_to = excluded.served_to");
	st[3] = holder;
	for (size_t i = 0; i < kb->mandate_count; i++) {
		const struct kb_mandate *m = &kb->mandates[i];
		db_bind_text(mandate, 1, m->slug);
		db_bind_text(mandate, 2, m->kind ? m->kind : "thematic");
		db_bind_text(mandate, 3, m->body);
		db_bind_text(mandate, 4, m->country);
		db_bind_text(mandate, 5, m->title[KB_EN]);
		db_bind_text(mandate, 6, m->title[KB_FR]);
		db_bind_text(mandate, 7, m->title[KB_ES]);
		bind_date(mandate, 8, m->established);
		if (run(mandate, err) < 0)
			goto fail;
		for (size_t r = 0; r < m->resolution_count; r++) {
			db_bind_text(resolution, 1, m->slug);
			db_bind_text(resolution, 2, m->resolutions[r].symbol);
			db_bind_text(resolution, 3, m->resolutions[r].body);
			bind_date(resolution, 4, m->resolutions[r].adopted);
			if (run(resolution, err) < 0)
				goto fail;
		}
		for (size_t h = 0; h < m->holder_count; h++) {
			db_bind_text(holder, 1, m->slug);
			db_bind_text(holder, 2, m->holders[h].name);
			db_bind_text(holder, 3, m->holders[h].signs_as);
			bind_date(holder, 4, m->holders[h].from);
			bind_date(holder, 5, m->holders[h].to);
			if (run(holder, err) < 0)
				goto fail;
		}
	}
	PREP(instrument, "INSERT INTO instruments(short, kind, binding, name_en, name_fr, name_es, adopted) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(short) DO UPDATE SET kind = excluded.kind, "
			 "binding = excluded.binding, name_en = excluded.name_en, name_fr = excluded.name_fr, "
			 "name_es = excluded.name_es, adopted = excluded.adopted");
	st[4] = instrument;
	PREP(name, "INSERT INTO instrument_names(short, name, is_alias) VALUES (?1, ?2, ?3) "
		   "ON CONFLICT(short, name) DO NOTHING");
	st[5] = name;
	PREP(provision, "INSERT INTO provisions(instrument, article, summary) VALUES (?1, ?2, ?3) "
			"ON CONFLICT(instrument, article) DO UPDATE SET summary = excluded.summary");
	st[6] = provision;
	for (size_t i = 0; i < kb->instrument_count; i++) {
		const struct kb_instrument *ins = &kb->instruments[i];
		db_bind_text(instrument, 1, ins->short_name);
		db_bind_text(instrument, 2, ins->kind ? ins->kind : "treaty");
		db_bind_int(instrument, 3, ins->binding);
		db_bind_text(instrument, 4, ins->names.count ? ins->names.items[0] : ins->short_name);
		db_bind_null(instrument, 5);
		db_bind_null(instrument, 6);
		bind_date(instrument, 7, ins->adopted);
		if (run(instrument, err) < 0)
			goto fail;
		for (int kind = 0; kind < 2; kind++) {
			const struct strlist *list = kind ? &ins->aliases : &ins->names;
			for (size_t k = 0; k < list->count; k++) {
				db_bind_text(name, 1, ins->short_name);
				db_bind_text(name, 2, list->items[k]);
				db_bind_int(name, 3, kind);
				if (run(name, err) < 0)
					goto fail;
			}
		}
		for (size_t p = 0; p < ins->provision_count; p++) {
			if (!ins->provisions[p].article)
				continue;
			db_bind_text(provision, 1, ins->short_name);
			db_bind_text(provision, 2, ins->provisions[p].article);
			db_bind_text(provision, 3, ins->provisions[p].summary);
			if (run(provision, err) < 0)
				goto fail;
		}
	}
	PREP(ratification, "INSERT INTO ratifications(country, instrument, party, signatory, year, action, date, source) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(country, instrument) DO UPDATE SET "
			   "party = excluded.party, signatory = excluded.signatory, year = excluded.year, "
			   "action = coalesce(excluded.action, ratifications.action), "
			   "date = coalesce(excluded.date, ratifications.date), source = coalesce(excluded.source, ratifications.source)");
	st[7] = ratification;
	for (size_t i = 0; i < kb->status_count; i++) {
		const struct kb_status *s = &kb->statuses[i];
		db_bind_text(ratification, 1, s->alpha3);
		db_bind_text(ratification, 2, s->instrument->short_name);
		db_bind_int(ratification, 3, s->party);
		db_bind_int(ratification, 4, s->signatory);
		if (s->year)
			db_bind_int(ratification, 5, s->year);
		else
			db_bind_null(ratification, 5);
		db_bind_null(ratification, 6);
		db_bind_null(ratification, 7);
		db_bind_null(ratification, 8);
		if (run(ratification, err) < 0)
			goto fail;
	}
	for (size_t i = 0; i < kb->ratification_count; i++) {
		const struct kb_ratification *r = &kb->ratifications[i];
		int y, m, d;
		date_to_ymd(r->date, &y, &m, &d);
		db_bind_text(ratification, 1, r->alpha3);
		db_bind_text(ratification, 2, r->instrument->short_name);
		db_bind_int(ratification, 3, 1);
		db_bind_int(ratification, 4, 0);
		db_bind_int(ratification, 5, y);
		db_bind_text(ratification, 6, r->action);
		bind_date(ratification, 7, r->date);
		db_bind_text(ratification, 8, r->source);
		if (run(ratification, err) < 0)
			goto fail;
	}
	PREP(session, "INSERT INTO hrc_sessions(session, opens, closes, report_symbol, sent_from, sent_to, replies_from, "
		      "replies_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(session) DO UPDATE SET "
		      "opens = excluded.opens, closes = excluded.closes, report_symbol = excluded.report_symbol, "
		      "sent_from = excluded.sent_from, sent_to = excluded.sent_to, replies_from = excluded.replies_from, "
		      "replies_to = excluded.replies_to");
	st[8] = session;
	for (size_t i = 0; i < kb->session_count; i++) {
		const struct kb_session *s = &kb->sessions[i];
		db_bind_int(session, 1, s->session);
		bind_date(session, 2, s->opens);
		bind_date(session, 3, s->closes);
		db_bind_text(session, 4, s->report_symbol);
		bind_date(session, 5, s->sent_from);
		bind_date(session, 6, s->sent_to);
		bind_date(session, 7, s->replies_from);
		bind_date(session, 8, s->replies_to);
		if (run(session, err) < 0)
			goto fail;
	}
	PREP(question, "INSERT INTO question_catalogue(id, theme, text_en, text_fr, text_es, provisions) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET theme = excluded.theme, "
		       "text_en = excluded.text_en, text_fr = excluded.text_fr, text_es = excluded.text_es, "
		       "provisions = excluded.provisions");
	st[9] = question;
	for (size_t i = 0; i < kb->question_count; i++) {
		const struct kb_question *q = &kb->questions[i];
		struct buf prov = BUF_INIT;
		for (size_t k = 0; k < q->provisions.count; k++)
			buf_addf(&prov, "%s%s", k ? " " : "", q->provisions.items[k]);
		db_bind_text(question, 1, q->id);
		db_bind_text(question, 2, q->theme);
		db_bind_text(question, 3, q->text[KB_EN]);
		db_bind_text(question, 4, q->text[KB_FR]);
		db_bind_text(question, 5, q->text[KB_ES]);
		db_bind_text(question, 6, prov.len ? prov.data : NULL);
		buf_release(&prov);
		if (run(question, err) < 0)
			goto fail;
	}
	PREP(paragraph, "INSERT INTO paragraphs(key, language, text) VALUES (?1, ?2, ?3) "
			"ON CONFLICT(key, language) DO UPDATE SET text = excluded.text");
	st[10] = paragraph;
	const char *key;
	for (size_t i = 0; (key = kb_paragraph_key(kb, i)); i++)
		for (int l = 0; l < KB_LANGS; l++) {
			db_bind_text(paragraph, 1, key);
			db_bind_text(paragraph, 2, kb_lang_codes[l]);
			db_bind_text(paragraph, 3, kb_paragraph(kb, key, (enum kb_lang)l));
			if (run(paragraph, err) < 0)
				goto fail;
		}
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		db_finalize(st[i]);
	/* public pages name mandates, countries and provisions: kept ones
	 * (web/cache.h) are made again */
	if (db_exec(db, "UPDATE public_generation SET n = n + 1", err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
fail:
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		db_finalize(st[i]);
	db_rollback(db);
	return -1;
}
