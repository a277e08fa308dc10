/*
 * render.c - draft to letter. See render.h.
 */
#include "render.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"

struct vars {
	const char *name[8];
	const char *value[8];
	int count;
};

static void var(struct vars *v, const char *name, const char *value)
{
	if (v->count == 8)
		BUG("too many template variables");
	v->name[v->count] = name;
	v->value[v->count] = value;
	v->count++;
}

/* Appends a standard paragraph with its {placeholders} filled. */
static int paragraph(struct buf *out, const struct kb *kb, const char *key, enum kb_lang lang,
		     const struct vars *v, struct error *err)
{
	const char *t = kb_paragraph(kb, key, lang);
	if (!t)
		return error_set(err, "knowledge base: data/paragraphs.json has no \"%s\"", key);
	for (const char *p = t; *p; p++) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			bool done = false;
			for (int i = 0; close && i < (v ? v->count : 0) && !done; i++) {
				size_t n = strlen(v->name[i]);
				if ((size_t)(close - p - 1) == n && !strncmp(p + 1, v->name[i], n)) {
					buf_adds(out, v->value[i]);
					p = close;
					done = true;
				}
			}
			if (done)
				continue;
		}
		buf_addch(out, *p);
	}
	return 0;
}

void render_date(const struct kb *kb, int date, enum kb_lang lang, char *out, size_t size)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	const char *month = kb->languages[lang].months[m - 1].items[0];
	if (lang == KB_FR)
		snprintf(out, size, "%d%s %s %d", d, d == 1 ? "er" : "", month, y);
	else if (lang == KB_ES)
		snprintf(out, size, "%d de %s de %d", d, month, y);
	else
		snprintf(out, size, "%d %s %d", d, month, y);
}

static const char *word_and(enum kb_lang lang)
{
	return lang == KB_FR ? " et " : lang == KB_ES ? " y " : " and ";
}

static const char *mandate_title(const struct kb_mandate *m, enum kb_lang lang)
{
	return m->title[lang] ? m->title[lang] : m->title[KB_EN];
}

/* The article a French or Spanish title takes after "de": "du", "de la", "de l'", "del". */
static const char *title_article(const char *title, enum kb_lang lang)
{
	bool feminine = !strncmp(title, "Rapporteuse", 11) || !strncmp(title, "Experte", 7) ||
			!strncmp(title, "Représentante", 13) || !strncmp(title, "Relatora", 8) ||
			!strncmp(title, "Experta", 7) || !strncmp(title, "Présidente", 10);
	if (lang == KB_FR) {
		unsigned char c = (unsigned char)title[0];
		if (strchr("AEIOUaeiou", c) || !strncmp(title, "\xC3\x89", 2)) /* É */
			return "de l'";
		return feminine ? "de la " : "du ";
	}
	return feminine ? "de la " : "del ";
}

static void header(struct buf *out, const struct draft *d, enum kb_lang lang)
{
	buf_adds(out, "**");
	bool single = d->mandate_count == 1;
	for (size_t i = 0; i < d->mandate_count; i++) {
		const char *t = mandate_title(d->mandates[i], lang);
		bool last = i + 1 == d->mandate_count && i > 0;
		if (lang == KB_EN) {
			if (i == 0)
				buf_adds(out, single ? "Mandate of the " : "Mandates of the ");
			else
				buf_adds(out, last ? " and the " : "; the ");
		} else {
			if (i == 0)
				buf_adds(out, lang == KB_FR ? (single ? "Mandat " : "Mandats ")
							    : (single ? "Mandato " : "Mandatos "));
			else
				buf_adds(out, last ? word_and(lang) : "; ");
			buf_adds(out, title_article(t, lang));
		}
		buf_adds(out, t);
	}
	buf_adds(out, "**\n\n");
}

/* "A; B; C and D" without articles, for the opening sentence. */
static char *capacities(const struct draft *d, enum kb_lang lang)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < d->mandate_count; i++) {
		if (i)
			buf_adds(&b, i + 1 == d->mandate_count ? word_and(lang) : "; ");
		buf_adds(&b, mandate_title(d->mandates[i], lang));
	}
	return buf_detach(&b);
}

static void join_list(struct buf *b, char **items, size_t n, enum kb_lang lang)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(b, i + 1 == n ? word_and(lang) : ", ");
		buf_adds(b, items[i]);
	}
}

/* "articles 7, 10 and 14" / "article 7" in the letter's language. */
static void articles_phrase(struct buf *b, const struct draft_provision *p, enum kb_lang lang)
{
	bool many = p->article_count > 1;
	if (lang == KB_ES)
		buf_adds(b, many ? "los artículos " : "el artículo ");
	else if (lang == KB_FR)
		buf_adds(b, many ? "articles " : "article ");
	else
		buf_adds(b, many ? "articles " : "article ");
	join_list(b, p->articles, p->article_count, lang);
}

static const char *of_instrument(const char *name, enum kb_lang lang)
{
	if (lang == KB_FR)
		return (!strncmp(name, "Convention", 10) || !strncmp(name, "D\xC3\xA9" "claration", 12)) ? " de la " : " du ";
	if (lang == KB_ES)
		return (!strncmp(name, "Convenci", 8) || !strncmp(name, "Declaraci", 9)) ? " de la " : " del ";
	return " of the ";
}

struct party {
	bool party;
	int date;	    /* exact date, or DATE_NONE */
	const char *action; /* ratified / acceded / succeeded */
	int year;
};

/* Whether the addressee was party to ins on the letter's date. */
static struct party party_on(const struct kb *kb, const struct draft *d, const struct kb_instrument *ins, int date)
{
	struct party p = {false, DATE_NONE, NULL, 0};
	if (!ins->binding || !strcmp(d->addressee, "OTH"))
		return p;
	int y, m, dd;
	date_to_ymd(date, &y, &m, &dd);
	if (!kb_party_to(kb, d->addressee, ins, &p.date, &p.action, &p.year))
		return p;
	if (p.date != DATE_NONE)
		p.party = p.date <= date;
	else
		p.party = p.year > 0 && p.year <= y;
	if (!p.action)
		p.action = "ratified";
	return p;
}

/* ", ratified by Kazakhstan on 24 January 2006" in the letter's language. */
static void ratification_clause(struct buf *b, const struct kb *kb, const struct party *p,
				const char *state, enum kb_lang lang)
{
	char when[64];
	bool acceded = !strcmp(p->action, "acceded"), succeeded = !strcmp(p->action, "succeeded");
	if (p->date != DATE_NONE)
		render_date(kb, p->date, lang, when, sizeof(when));
	if (lang == KB_FR) {
		/* the State, not its name: French names take articles we do not hold */
		buf_adds(b, acceded ? ", auquel l'\xC3\x89tat a adh\xC3\xA9r\xC3\xA9" : succeeded ? ", auquel l'\xC3\x89tat a succ\xC3\xA9" "d\xC3\xA9" : ", que l'\xC3\x89tat a ratifi\xC3\xA9");
		if (p->date != DATE_NONE)
			buf_addf(b, " le %s", when);
		else
			buf_addf(b, " en %d", p->year);
	} else if (lang == KB_ES) {
		buf_adds(b, acceded ? ", al que el Estado se adhiri\xC3\xB3" : succeeded ? ", al que el Estado sucedi\xC3\xB3" : ", que el Estado ratific\xC3\xB3");
		if (p->date != DATE_NONE)
			buf_addf(b, " el %s", when);
		else
			buf_addf(b, " en %d", p->year);
	} else {
		buf_adds(b, acceded ? ", acceded to by " : succeeded ? ", succeeded to by " : ", ratified by ");
		buf_adds(b, state);
		if (p->date != DATE_NONE)
			buf_addf(b, " on %s", when);
		else
			buf_addf(b, " in %d", p->year);
	}
}

static void append_warning(char **warnings, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append_warning(char **warnings, const char *fmt, ...)
{
	if (!warnings)
		return;
	struct buf b = BUF_INIT;
	if (*warnings) {
		buf_adds(&b, *warnings);
		free(*warnings);
	}
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	buf_addch(&b, '\n');
	*warnings = buf_detach(&b);
}

char *render_markdown(const struct kb *kb, const struct render_letter *in, char **warnings,
		      struct error *err)
{
	const struct draft *d = in->draft;
	enum kb_lang lang = kb_lang_of(d->language);
	bool company = !strcmp(d->addressee, "OTH");
	bool single = d->mandate_count == 1;
	const struct kb_country *country = kb_country(kb, d->addressee);
	const char *state = company ? (d->addressee_name ? d->addressee_name : "the company")
				    : country ? country->name[lang] : d->addressee;
	if (!d->mandate_count) {
		error_set(err, "the draft has no mandates");
		return NULL;
	}
	struct buf out = BUF_INIT;
	struct vars v = {0};
	char date[64];
	render_date(kb, in->date, lang, date, sizeof(date));

	header(&out, d, lang);
	v.count = 0;
	var(&v, "reference", in->reference ? in->reference
			     : lang == KB_FR ? "(attribu\xC3\xA9" "e \xC3\xA0 l'envoi)"
			     : lang == KB_ES ? "(se asigna al enviar)" : "(given when the letter is sent)");
	if (paragraph(&out, kb, "reference_line", lang, &v, err) < 0)
		goto fail;
	buf_adds(&out, "  \n");
	if (paragraph(&out, kb, "reference_note", lang, NULL, err) < 0)
		goto fail;
	buf_addf(&out, "\n\n%s\n\n", date);
	if (paragraph(&out, kb, company ? "salutation_company" : "salutation_state", lang, NULL, err) < 0)
		goto fail;
	buf_adds(&out, "\n\n");

	/* the opening, with the resolutions in force on the letter's date */
	char *caps = capacities(d, lang);
	char **res = xcalloc(d->mandate_count, sizeof(char *));
	for (size_t i = 0; i < d->mandate_count; i++) {
		const struct kb_resolution *r = kb_mandate_resolution_on(d->mandates[i], in->date);
		if (!r) {
			error_set(err, "mandate %s: no Human Rights Council resolution in force on %s in the knowledge base",
				  d->mandates[i]->slug, date);
			free(caps);
			free(res);
			goto fail;
		}
		res[i] = (char *)r->symbol;
	}
	struct buf resolutions = BUF_INIT;
	join_list(&resolutions, res, d->mandate_count, lang);
	free(res);
	v.count = 0;
	var(&v, "capacities", caps);
	var(&v, "resolutions", resolutions.data);
	int rc = paragraph(&out, kb, single ? "opening_single" : "opening_joint", lang, &v, err);
	free(caps);
	buf_release(&resolutions);
	if (rc < 0)
		goto fail;
	buf_adds(&out, "\n\n");

	/* follow-up of earlier communications */
	const char *addressee = company ? (lang == KB_FR ? "votre entreprise" : lang == KB_ES ? "su empresa" : "your company")
					: (lang == KB_FR ? "le Gouvernement de votre Excellence"
					   : lang == KB_ES ? "el Gobierno de su Excelencia" : "your Excellency's Government");
	for (size_t i = 0; i < in->related_count; i++) {
		const struct render_related *r = &in->related[i];
		char when[64] = "", replied[64] = "";
		if (r->date != DATE_NONE)
			render_date(kb, r->date, lang, when, sizeof(when));
		struct buf clause = BUF_INIT;
		v.count = 0;
		if (r->reply_date != DATE_NONE) {
			render_date(kb, r->reply_date, lang, replied, sizeof(replied));
			var(&v, "reply_date", replied);
			var(&v, "addressee", addressee);
			if (paragraph(&clause, kb, "follow_up_reply", lang, &v, err) < 0) {
				buf_release(&clause);
				goto fail;
			}
		} else if (paragraph(&clause, kb, "follow_up_no_reply", lang, NULL, err) < 0) {
			buf_release(&clause);
			goto fail;
		}
		v.count = 0;
		var(&v, "reference", r->reference);
		var(&v, "date", when);
		var(&v, "reply_sentence", clause.data);
		var(&v, "addressee", addressee);
		if (!when[0])
			append_warning(warnings, "%s is not held here: the letter cannot give its date, and says no reply was received",
				       r->reference);
		rc = paragraph(&out, kb, when[0] ? "follow_up" : "follow_up_undated", lang, &v, err);
		buf_release(&clause);
		if (rc < 0)
			goto fail;
		buf_adds(&out, "\n\n");
	}

	if (paragraph(&out, kb, "information_received", lang, NULL, err) < 0)
		goto fail;
	buf_addf(&out, "\n\n%s\n\n", d->facts ? d->facts : "");
	v.count = 0;
	var(&v, "addressee", addressee);
	if (paragraph(&out, kb, "concern_intro", lang, &v, err) < 0)
		goto fail;
	if (d->concerns && *d->concerns)
		buf_addf(&out, " %s", d->concerns);
	buf_adds(&out, "\n\n");

	/* would violate: binding instruments the addressee was party to on the date */
	struct buf provisions = BUF_INIT;
	size_t groups = 0;
	for (size_t i = 0; i < d->provision_count; i++) {
		const struct draft_provision *p = &d->provisions[i];
		struct party pt = party_on(kb, d, p->instrument, in->date);
		if (!p->violation || !(pt.party || (company && p->instrument->binding)))
			continue;
		if (groups)
			buf_adds(&provisions, lang == KB_EN ? ", and " : lang == KB_FR ? ", et des " : ", y ");
		articles_phrase(&provisions, p, lang);
		const char *name = p->instrument->name[lang];
		buf_addf(&provisions, "%s%s", of_instrument(name, lang), name);
		const char *abbr = lang == KB_EN && p->instrument->aliases.count ? p->instrument->aliases.items[0] : NULL;
		if (abbr)
			buf_addf(&provisions, " (%s)", abbr);
		if (pt.party)
			ratification_clause(&provisions, kb, &pt, state, lang);
		groups++;
	}
	if (groups) {
		v.count = 0;
		var(&v, "provisions", provisions.data);
		rc = paragraph(&out, kb, "would_violate", lang, &v, err);
		buf_adds(&out, "\n\n");
		if (rc < 0) {
			buf_release(&provisions);
			goto fail;
		}
	}
	buf_release(&provisions);
	/* treaties not binding on the addressee on that date are recalled, not applied */
	for (size_t i = 0; i < d->provision_count; i++) {
		const struct draft_provision *p = &d->provisions[i];
		if (!p->instrument->binding || company)
			continue;
		struct party pt = party_on(kb, d, p->instrument, in->date);
		if (pt.party)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen = seen || d->provisions[k].instrument == p->instrument;
		if (seen)
			continue;
		v.count = 0;
		var(&v, "state", state);
		var(&v, "instrument", p->instrument->name[lang]);
		if (paragraph(&out, kb, "not_party", lang, &v, err) < 0)
			goto fail;
		buf_adds(&out, "\n\n");
	}
	if (d->provision_count) {
		if (paragraph(&out, kb, "annex_reference", lang, NULL, err) < 0)
			goto fail;
		buf_adds(&out, "\n\n");
	}

	if (paragraph(&out, kb, "observations_request", lang, NULL, err) < 0)
		goto fail;
	buf_adds(&out, "\n\n");
	for (size_t i = 0; i < d->question_count; i++) {
		/* one line per question: a line break inside would end the item */
		buf_addf(&out, "%zu. ", i + 1);
		for (const char *p = d->questions[i].text; *p; p++)
			buf_addch(&out, *p == '\n' ? ' ' : *p);
		buf_addch(&out, '\n');
	}
	buf_addch(&out, '\n');

	char days[16];
	snprintf(days, sizeof(days), "%d", in->reply_days > 0 ? in->reply_days : 60);
	v.count = 0;
	var(&v, "reply_days", days);
	var(&v, "addressee", addressee);
	if (paragraph(&out, kb, "deadline_publication", lang, &v, err) < 0)
		goto fail;
	buf_adds(&out, "\n\n");
	if (d->interim_measures) {
		if (paragraph(&out, kb, "interim_measures", lang, &v, err) < 0)
			goto fail;
		buf_adds(&out, "\n\n");
	}
	for (size_t i = 0; i < d->mandate_count; i++) {
		const char *key = !strcmp(d->mandates[i]->slug, "arbitrary-detention") ? "wgad_regular_procedure"
				  : !strcmp(d->mandates[i]->slug, "disappearances") ? "wgeid_humanitarian_procedure"
										   : NULL;
		if (!key)
			continue;
		if (paragraph(&out, kb, key, lang, &v, err) < 0)
			goto fail;
		buf_adds(&out, "\n\n");
	}
	if (d->press_release) {
		if (paragraph(&out, kb, "press_release", lang, &v, err) < 0)
			goto fail;
		buf_adds(&out, "\n\n");
	}
	if (paragraph(&out, kb, company ? "closing_company" : single ? "closing_single" : "closing_joint", lang, NULL, err) < 0)
		goto fail;
	buf_adds(&out, "\n\n");

	/* signatures of the holders in office on the date */
	for (size_t i = 0; i < d->mandate_count; i++) {
		const struct kb_holder *h = kb_mandate_holder_on(d->mandates[i], in->date);
		if (!h) {
			append_warning(warnings, "no holder of the mandate %s is known on %s: the signature is left out",
				       d->mandates[i]->slug, date);
			continue;
		}
		buf_addf(&out, "%s\n\n%s\n\n", h->name, h->signs_as);
	}

	/* the annex, from the provisions the letter cites */
	if (d->provision_count) {
		buf_adds(&out, "## ");
		paragraph(&out, kb, "annex_title", lang, NULL, NULL);
		buf_adds(&out, "\n\n### ");
		paragraph(&out, kb, "annex_heading", lang, NULL, NULL);
		buf_adds(&out, "\n\n");
		if (paragraph(&out, kb, "annex_intro", lang, &v, err) < 0)
			goto fail;
		buf_adds(&out, "\n\n");
		for (size_t i = 0; i < d->provision_count; i++) {
			const struct draft_provision *p = &d->provisions[i];
			const char *name = p->instrument->name[lang];
			/* English letters name an instrument by its abbreviation after the
			 * first time; the aliases list opens with the English one */
			const char *abbr = lang == KB_EN && p->instrument->aliases.count ? p->instrument->aliases.items[0] : name;
			buf_addf(&out, "*%s*\n\n", name);
			struct party pt = party_on(kb, d, p->instrument, in->date);
			if (pt.party && pt.date != DATE_NONE && lang == KB_EN) {
				char when[64];
				render_date(kb, pt.date, lang, when, sizeof(when));
				buf_addf(&out, "%s %s the %s on %s.\n\n", state,
					 !strcmp(pt.action, "acceded") ? "acceded to" : !strcmp(pt.action, "succeeded") ? "succeeded to" : "ratified",
					 abbr, when);
			}
			for (size_t k = 0; k < p->article_count; k++) {
				const struct kb_provision *kp = kb_provision(p->instrument, p->articles[k]);
				if (lang == KB_EN)
					buf_addf(&out, "Article %s of the %s", p->articles[k], abbr);
				else if (lang == KB_FR)
					buf_addf(&out, "Article %s%s%s", p->articles[k], of_instrument(name, lang), abbr);
				else
					buf_addf(&out, "Art\xC3\xAD" "culo %s%s%s", p->articles[k], of_instrument(name, lang), abbr);
				if (kp && kp->summary)
					buf_addf(&out, ": %s", kp->summary);
				else
					buf_adds(&out, ".");
				buf_adds(&out, "\n\n");
			}
		}
	}
	return buf_detach(&out);
fail:
	buf_release(&out);
	return NULL;
}
