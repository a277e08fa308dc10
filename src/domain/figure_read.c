/*
 * figure_read.c - what a figure counts, as of when, who says so. See
 * figure_read.h and docs/FIGURES.md.
 *
 * The paragraph is cut once into tokens (words in lower case, numbers with
 * their values, dates, marks), so that a cue is matched word by word
 * around the figure's number and a source's name anywhere before it. A
 * cue's gap never crosses another number or a , ; : or sentence end: in
 * "26 perpetrators ... sentenced to imprisonment, ..., five other
 * perpetrators were granted suspended sentences" the 26 cannot reach
 * "suspended", nor the five "imprisonment".
 */
#include "figure_read.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/letter.h"
#include "../util/date.h"
#include "../util/die.h"
#include "../util/text.h"

const char *const figure_basis_names[4] = {"stated", "paragraph", "document", "officer"};

int figure_basis_parse(const char *name)
{
	for (int i = 0; name && i < 4; i++)
		if (!strcmp(name, figure_basis_names[i]))
			return i;
	return -1;
}

/* --- dates ------------------------------------------------------------------------------ */

/* Words before a month that say which end of it: "end of April 2024". The
 * first column is the word, the second 1 for the month's last day, 0 for
 * its first. Three languages, as the knowledge base's months; the first
 * that matches is taken, so longer ones come first. */
static const struct {
	const char *words;
	int last;
} month_qualifiers[] = {
    {"the end of", 1},
    {"end of", 1},
    {"end-", 1},
    {"late", 1},
    {"the beginning of", 0},
    {"beginning of", 0},
    {"the start of", 0},
    {"start of", 0},
    {"early", 0},
    {"mid-", 1},
    {"fin de", 1},
    {"fin d'", 1},
    {"fin", 1},
    {"début de", 0},
    {"début", 0},
    {"finales de", 1},
    {"fines de", 1},
    {"principios de", 0},
    {"comienzos de", 0},
};

static size_t month_name_at(const struct kb *kb, const char *p, int *month)
{
	size_t best = 0;
	int first = tolower((unsigned char)*p);
	for (int l = 0; l < KB_LANGS; l++)
		for (int m = 0; m < 12; m++) {
			const struct strlist *names = &kb->languages[l].months[m];
			for (size_t i = 0; i < names->count; i++) {
				if (tolower((unsigned char)names->items[i][0]) != first)
					continue;
				size_t n = text_word_prefix_ci(p, names->items[i]);
				if (n > best) {
					best = n;
					*month = m + 1;
				}
			}
		}
	return best;
}

static size_t year_at(const char *p, int *year)
{
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
	    isdigit((unsigned char)p[4]) || text_word_char((unsigned char)p[4]))
		return 0;
	*year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	return *year >= 1900 && *year <= 2100 ? 4 : 0;
}

size_t figure_date_at(const struct kb *kb, const char *text, const char *p, int *date)
{
	size_t n = date_at(kb, text, p, date);
	if (n)
		return n;
	if (!text_word_start(text, p))
		return 0;
	/* [qualifier] Month [de] YYYY */
	const char *q = p;
	int last = 1; /* "April 2024" alone: all of April, so as of its end */
	for (size_t i = 0; i < sizeof(month_qualifiers) / sizeof(month_qualifiers[0]); i++) {
		const char *w = month_qualifiers[i].words;
		if (tolower((unsigned char)*q) != w[0])
			continue;
		size_t m = w[strlen(w) - 1] == '-' || w[strlen(w) - 1] == '\''
		               ? text_prefix_ci(q, w)
		               : text_word_prefix_ci(q, w);
		if (m) {
			q += m;
			if (*q == ' ')
				q++;
			last = month_qualifiers[i].last;
			break;
		}
	}
	int month = 0, year = 0;
	size_t m = month_name_at(kb, q, &month);
	if (!m)
		return 0;
	q += m;
	if (*q == ',')
		q++;
	if (*q != ' ')
		return 0;
	q++;
	size_t de = text_word_prefix_ci(q, "de");
	if (de && q[de] == ' ')
		q += de + 1;
	size_t y = year_at(q, &year);
	if (!y)
		return 0;
	*date = date_from_ymd(year, month, last ? date_days_in_month(year, month) : 1);
	return (size_t)(q + y - p);
}

/* --- tokens ----------------------------------------------------------------------------- */

enum token_kind { T_WORD, T_NUMBER, T_DATE, T_MARK, T_STOP };

struct token {
	enum token_kind kind;
	size_t start, len; /* bytes of the paragraph */
	double value;      /* T_NUMBER */
	int date;          /* T_DATE */
};

struct tokens {
	const char *text; /* the paragraph */
	char *lower;      /* the same, ASCII lower case: words are compared here */
	struct token *t;
	size_t count, cap;
};

static struct token *push(struct tokens *ts, enum token_kind kind, size_t start, size_t len)
{
	ALLOC_GROW(ts->t, ts->count + 1, ts->cap);
	struct token *t = &ts->t[ts->count++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = start;
	t->len = len;
	return t;
}

static bool word_inner(const char *p)
{
	return (*p == '\'' || *p == '-') && text_word_char((unsigned char)p[1]);
}

/* "1.5 million": the scale word after a number, folded into it. */
static size_t scale_after(const struct kb_language *lang, const char *p, double *value)
{
	if (*p != ' ')
		return 0;
	for (size_t i = 0; i < lang->scale_word_count; i++) {
		size_t m = text_word_prefix_ci(p + 1, lang->scale_words[i].word);
		if (m) {
			*value *= lang->scale_words[i].value;
			return m + 1;
		}
	}
	return 0;
}

static void tokenize(const struct kb *kb, const struct kb_language *lang, const char *text,
                     struct tokens *ts)
{
	memset(ts, 0, sizeof(*ts));
	ts->text = text;
	size_t len = strlen(text);
	ts->lower = xmalloc(len + 1);
	for (size_t i = 0; i <= len; i++)
		ts->lower[i] = (char)tolower((unsigned char)text[i]);
	/* the first two letters a date can start with (a month or a qualifier;
	 * digits always), so that most words are never tried as dates */
	bool date_start[1024] = {false};
#define PAIR(s)                                                                                    \
	((((unsigned)tolower((unsigned char)(s)[0]) << 5) ^                                        \
	  (unsigned)tolower((unsigned char)(s)[1])) &                                              \
	 1023)
	for (int l = 0; l < KB_LANGS; l++)
		for (int m = 0; m < 12; m++)
			for (size_t i = 0; i < kb->languages[l].months[m].count; i++)
				date_start[PAIR(kb->languages[l].months[m].items[i])] = true;
	for (size_t i = 0; i < sizeof(month_qualifiers) / sizeof(month_qualifiers[0]); i++)
		date_start[PAIR(month_qualifiers[i].words)] = true;
	const char *p = text;
	while (*p) {
		unsigned char c = (unsigned char)*p;
		size_t at = (size_t)(p - text);
		if (c == ' ' || c == '\n' || c == '\t') {
			p++;
			continue;
		}
		if (strchr(",;:()", c)) {
			push(ts, T_MARK, at, 1);
			p++;
			continue;
		}
		if (c == '.' || c == '!' || c == '?') {
			push(ts, T_STOP, at, 1);
			p++;
			continue;
		}
		if (!text_word_char(c)) {
			p++;
			continue;
		}
		int date;
		size_t n = isdigit(c) || (p[1] && date_start[PAIR(p)])
		               ? figure_date_at(kb, text, p, &date)
		               : 0;
		if (n) {
			push(ts, T_DATE, at, n)->date = date;
			p += n;
			continue;
		}
		double value;
		n = isdigit(c) ? text_parse_number(p, &value) : 0;
		/* "1/2022", "110th", "art.7": labels and ordinals are words */
		if (n && p[n] != '/' && !text_word_char((unsigned char)p[n]) &&
		    (p == text || p[-1] != '/')) {
			n += scale_after(lang, p + n, &value);
			push(ts, T_NUMBER, at, n)->value = value;
			p += n;
			continue;
		}
		const char *e = p;
		while (text_word_char((unsigned char)*e) || word_inner(e))
			e++;
		if (e == p)
			e++;
		struct token *t = push(ts, T_WORD, at, (size_t)(e - p));
		for (size_t i = 0; i < lang->number_word_count && t->len < 16; i++) {
			const char *w = lang->number_words[i].word;
			if (w[0] == ts->lower[at] && strlen(w) == t->len &&
			    !strncmp(ts->lower + at, w, t->len) &&
			    lang->number_words[i].value > 0) {
				t->kind = T_NUMBER;
				t->value = lang->number_words[i].value;
				size_t s = scale_after(lang, e, &t->value);
				t->len += s;
				e += s;
				break;
			}
		}
		p = e;
	}
}

static void tokens_release(struct tokens *ts)
{
	free(ts->lower);
	free(ts->t);
}

/* --- patterns --------------------------------------------------------------------------- */

static bool item_matches(const struct tokens *ts, size_t j, enum figure_cue_item kind,
                         const char *word, size_t n)
{
	const struct token *t = &ts->t[j];
	const char *w = ts->lower + t->start;
	switch (kind) {
	case CUE_WORD:
		/* "the Committee against Torture's concluding observations" names it too */
		return t->kind == T_WORD &&
		       (t->len == n || (t->len == n + 2 && w[n] == '\'' && w[n + 1] == 's')) &&
		       w[0] == word[0] && !memcmp(w, word, n);
	case CUE_PREFIX:
		return t->kind == T_WORD && t->len >= n && w[0] == word[0] && !memcmp(w, word, n);
	case CUE_PUNCT:
		return t->kind == T_MARK && ts->text[t->start] == word[0];
	default:
		return false;
	}
}

/* A gap crosses words and brackets only. */
static bool gap_token(const struct token *t, const char *text)
{
	return t->kind == T_WORD ||
	       (t->kind == T_MARK && (text[t->start] == '(' || text[t->start] == ')'));
}

/* The smallest gap with which items [i, stop) of p match tokens from j
 * on (dir +1) or from j down (dir -1) within [lo, hi); -1 if none. */
static int match_items(const struct tokens *ts, long j, long lo, long hi,
                       const struct figure_pattern *p, long i, long stop, int dir)
{
	if (i == stop)
		return 0;
	if (p->kinds[i] == CUE_GAP) {
		int best = -1;
		for (int g = 0; g <= FIGURE_CUE_GAP; g++) {
			if (g > 0) {
				long k = j + dir * (g - 1);
				if (k < lo || k >= hi || !gap_token(&ts->t[k], ts->text))
					break;
			}
			int r = match_items(ts, j + dir * g, lo, hi, p, i + dir, stop, dir);
			if (r >= 0 && (best < 0 || r + g < best))
				best = r + g;
		}
		return best;
	}
	if (j < lo || j >= hi ||
	    !item_matches(ts, (size_t)j, p->kinds[i], p->words[i], p->lengths[i]))
		return -1;
	return match_items(ts, j + dir, lo, hi, p, i + dir, stop, dir);
}

/* The cue's score around the number at token k of the sentence [lo, hi): -1 if it does not match.
 */
static int cue_score(const struct tokens *ts, long k, long lo, long hi,
                     const struct figure_pattern *cue)
{
	long at = (long)cue->number_at;
	int after = match_items(ts, k + 1, lo, hi, cue, at + 1, (long)cue->count, +1);
	if (after < 0)
		return -1;
	int before = match_items(ts, k - 1, lo, hi, cue, at - 1, -1, -1);
	if (before < 0)
		return -1;
	return 10 * cue->literals - after - before;
}

/* A name's length in tokens when it starts at token j, else 0. */
static size_t name_at(const struct tokens *ts, size_t j, size_t hi,
                      const struct figure_pattern *name)
{
	if (j + name->count > hi)
		return 0;
	for (size_t i = 0; i < name->count; i++)
		if (!item_matches(ts, j + i, name->kinds[i], name->words[i], name->lengths[i]))
			return 0;
	return name->count;
}

/* --- sources ---------------------------------------------------------------------------- */

struct mention {
	size_t from, to; /* tokens */
	const struct figure_source *source;
	const struct figure_pattern *anaphor; /* non-NULL: "the Committee", not yet resolved */
};

struct mentions {
	struct mention *m;
	size_t count, cap;
};

static int mention_order(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

/* Every name in the paragraph (the longest where several start at one
 * word), then every anaphor that is not part of a name: "the Committee
 * against Torture" is a name, not "the Committee". In order. */
static void find_mentions(const struct figure_vocab *v, const struct tokens *ts,
                          struct mentions *ms)
{
	memset(ms, 0, sizeof(*ms));
	for (int pass = 0; pass < 2; pass++) {
		size_t names_end = ms->count;
		for (size_t j = 0; j < ts->count; j++) {
			if (ts->t[j].kind != T_WORD)
				continue;
			/* only the names whose first word starts with this word's letter */
			const struct figure_name_ref *refs =
			    v->names_by_letter[(unsigned char)ts->lower[ts->t[j].start]];
			struct mention best = {0};
			for (const struct figure_name_ref *r = refs; r && r->pattern; r++) {
				if (r->anaphor != (pass == 1))
					continue;
				size_t n = name_at(ts, j, ts->count, r->pattern);
				if (n > best.to - best.from)
					best = (struct mention){j, j + n, r->source,
					                        r->anaphor ? r->pattern : NULL};
			}
			if (!best.source)
				continue;
			bool inside = false;
			for (size_t k = 0; k < names_end && !inside; k++)
				inside = best.from < ms->m[k].to && ms->m[k].from < best.to;
			if (inside)
				continue;
			ALLOC_GROW(ms->m, ms->count + 1, ms->cap);
			ms->m[ms->count++] = best;
			j = best.to - 1;
		}
	}
	if (ms->count > 1)
		qsort(ms->m, ms->count, sizeof(*ms->m), mention_order);
}

/* The full name an anaphor at mention a stands for: the nearest earlier
 * mention of a source that has this anaphor. */
static const struct mention *resolve_anaphor(const struct mentions *ms, size_t a)
{
	const struct figure_pattern *ana = ms->m[a].anaphor;
	for (size_t i = a; i-- > 0;) {
		const struct mention *m = &ms->m[i];
		if (m->anaphor)
			continue;
		for (size_t k = 0; k < m->source->anaphor_count; k++)
			if (!strcmp(m->source->anaphors[k].text, ana->text))
				return m;
	}
	return NULL;
}

/* Sentence bounds [*lo, *hi) in tokens around token k: between stops. */
static void sentence_around(const struct tokens *ts, size_t k, size_t *lo, size_t *hi)
{
	size_t a = k, b = k;
	while (a > 0 && ts->t[a - 1].kind != T_STOP)
		a--;
	while (b < ts->count && ts->t[b].kind != T_STOP)
		b++;
	*lo = a;
	*hi = b;
}

/* The date beside a mention: the first after it in its sentence, else the nearest before it. */
static int date_beside(const struct tokens *ts, const struct mention *m)
{
	size_t lo, hi;
	sentence_around(ts, m->from, &lo, &hi);
	for (size_t j = m->to; j < hi; j++)
		if (ts->t[j].kind == T_DATE)
			return ts->t[j].date;
	for (size_t j = m->from; j-- > lo;)
		if (ts->t[j].kind == T_DATE)
			return ts->t[j].date;
	return DATE_NONE;
}

static void words_of(const struct tokens *ts, const struct mention *m, char *out, size_t cap)
{
	size_t a = ts->t[m->from].start, b = ts->t[m->to - 1].start + ts->t[m->to - 1].len;
	/* "the Committee against Torture's concluding observations": the name without the 's */
	if (b - a > 2 && ts->text[b - 2] == '\'' && ts->text[b - 1] == 's')
		b -= 2;
	size_t n = b - a < cap - 1 ? b - a : cap - 1;
	memcpy(out, ts->text + a, n);
	out[n] = '\0';
}

/* Phrases that put a source named after the figure in charge of it:
 * "13 cases, according to the Prosecutor General's Office". */
static bool attributes_after(const struct tokens *ts, size_t from)
{
	static const char *const before[][2] = {{"according", "to"}, {"reported", "by"},
	                                        {"provided", "by"},  {"published", "by"},
	                                        {"figures", "of"},   {"data", "of"}};
	/* "according to a non-governmental organization" */
	if (from >= 1 && (item_matches(ts, from - 1, CUE_WORD, "a", 1) ||
	                  item_matches(ts, from - 1, CUE_WORD, "an", 2) ||
	                  item_matches(ts, from - 1, CUE_WORD, "the", 3)))
		from--;
	if (from < 2)
		return false;
	for (size_t i = 0; i < sizeof(before) / sizeof(before[0]); i++)
		if (item_matches(ts, from - 2, CUE_WORD, before[i][0], strlen(before[i][0])) &&
		    item_matches(ts, from - 1, CUE_WORD, before[i][1], strlen(before[i][1])))
			return true;
	return false;
}

/* A date that can be a figure's as-of date: not the start of a period
 * ("since January 2022", "between 2014 and 2019", "from 9 September"). */
static bool as_of_date(const struct tokens *ts, size_t j)
{
	static const char *const starts[] = {"since",  "from",  "between", "after", "starting",
	                                     "depuis", "entre", "desde",   NULL};
	if (ts->t[j].kind != T_DATE)
		return false;
	for (int i = 0; j > 0 && starts[i]; i++)
		if (item_matches(ts, j - 1, CUE_WORD, starts[i], strlen(starts[i])))
			return false;
	return true;
}

/* Who says so, for the figure at token k of the sentence [lo, hi). */
static void attribute(const struct figure_vocab *v, const struct tokens *ts,
                      const struct mentions *ms, size_t k, size_t lo, size_t hi,
                      const struct figure_where *where, struct figure_reading *r)
{
	const struct mention *chosen = NULL;
	bool carried = false;
	/* the nearest name before the number in its sentence, or one after it "according to" */
	for (size_t i = 0; i < ms->count; i++) {
		const struct mention *m = &ms->m[i];
		if (m->from >= lo && m->to <= k)
			chosen = m;
	}
	for (size_t i = 0; !chosen && i < ms->count; i++) {
		const struct mention *m = &ms->m[i];
		if (m->from > k && m->to <= hi && attributes_after(ts, m->from))
			chosen = m;
	}
	if (chosen && chosen->anaphor) {
		const struct mention *full = resolve_anaphor(ms, (size_t)(chosen - ms->m));
		if (full && full->from < lo)
			carried = true;
		chosen = full;
	}
	/* none in the sentence: the nearest named earlier in the paragraph */
	if (!chosen) {
		for (size_t i = 0; i < ms->count; i++)
			if (ms->m[i].to <= lo && !ms->m[i].anaphor)
				chosen = &ms->m[i];
		carried = chosen != NULL;
	}
	/* a date in the figure's own sentence: the nearest before it, else the first after */
	int stated = DATE_NONE;
	for (size_t j = lo; j < k; j++)
		if (as_of_date(ts, j))
			stated = ts->t[j].date;
	for (size_t j = k + 1; stated == DATE_NONE && j < hi; j++)
		if (as_of_date(ts, j))
			stated = ts->t[j].date;
	if (chosen) {
		r->source = chosen->source;
		words_of(ts, chosen, r->source_words, sizeof(r->source_words));
	} else {
		r->source = where->reply ? v->default_reply : v->default_letter;
		r->source_words[0] = '\0';
	}
	/* carried from earlier in the paragraph: the date beside the nearest
	 * mention of that source that has one ("your Excellency's Government
	 * responded on 18 March 2022. ... referred to in your reply.") */
	int beside = DATE_NONE;
	for (size_t i = ms->count; carried && beside == DATE_NONE && i-- > 0;)
		if (ms->m[i].to <= lo && !ms->m[i].anaphor && ms->m[i].source == chosen->source)
			beside = date_beside(ts, &ms->m[i]);
	if (stated != DATE_NONE) {
		r->as_of = stated;
		r->basis = BASIS_STATED;
	} else if (beside != DATE_NONE) {
		r->as_of = beside;
		r->basis = BASIS_PARAGRAPH;
	} else {
		r->as_of = where->date;
		r->basis = BASIS_DOCUMENT;
	}
}

/* --- the reading ------------------------------------------------------------------------ */

static bool same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(a) > 1 ? fabs(a) : 1);
}

static void classify(const struct figure_vocab *v, const struct tokens *ts, size_t k, size_t lo,
                     size_t hi, const char *unit, struct figure_reading *r)
{
	int best = -1;
	for (size_t c = 0; c < v->category_count; c++) {
		const struct figure_category *cat = &v->categories[c];
		if (!figure_category_takes_unit(cat, unit))
			continue;
		for (size_t i = 0; i < cat->cue_count; i++) {
			int s = cue_score(ts, (long)k, (long)lo, (long)hi, &cat->cues[i]);
			if (s > best) {
				best = s;
				r->category = cat;
				r->cue = &cat->cues[i];
			}
		}
	}
}

struct figure_paragraph {
	struct tokens ts;
	struct mentions ms;
};

struct figure_paragraph *figure_paragraph_new(const struct figure_vocab *v, const struct kb *kb,
                                              const char *text, const char *language)
{
	const struct kb_language *lang = kb_language(kb, language ? language : "en");
	if (!lang)
		lang = &kb->languages[KB_EN];
	struct figure_paragraph *fp = xcalloc(1, sizeof(*fp));
	tokenize(kb, lang, text, &fp->ts);
	find_mentions(v, &fp->ts, &fp->ms);
	return fp;
}

void figure_paragraph_free(struct figure_paragraph *fp)
{
	if (!fp)
		return;
	tokens_release(&fp->ts);
	free(fp->ms.m);
	free(fp);
}

const char *figure_paragraph_text(const struct figure_paragraph *fp)
{
	return fp->ts.text;
}

void figure_read_in(const struct figure_vocab *v, const struct figure_paragraph *fp,
                    const struct figure_where *where, const struct figure_seen *figures, size_t n,
                    struct figure_reading *out)
{
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].as_of = where->date;
		out[i].basis = BASIS_DOCUMENT;
		out[i].source = where->reply ? v->default_reply : v->default_letter;
		out[i].counted = !figure_unit_not_counted(v, figures[i].unit);
	}
	const struct tokens *ts = &fp->ts;
	const char *at = where->sentence[0] ? strstr(ts->text, where->sentence) : NULL;
	if (!at)
		return; /* not in this paragraph: nothing read */
	size_t s_from = (size_t)(at - ts->text), s_to = s_from + strlen(where->sentence);
	size_t lo = 0;
	while (lo < ts->count && ts->t[lo].start < s_from)
		lo++;
	size_t hi = lo;
	while (hi < ts->count && ts->t[hi].start < s_to)
		hi++;
	size_t next = lo;
	for (size_t i = 0; i < n; i++) {
		size_t k = next;
		while (k < hi &&
		       !(ts->t[k].kind == T_NUMBER && same_value(ts->t[k].value, figures[i].value)))
			k++;
		if (k >= hi)
			continue; /* not found: left unread, as proposed with no category */
		next = k + 1;
		out[i].located = true;
		/* a figure's sentence, as the tokens see it: between stops, within the extractor's
		 */
		size_t slo, shi;
		sentence_around(ts, k, &slo, &shi);
		if (slo < lo)
			slo = lo;
		if (shi > hi)
			shi = hi;
		if (out[i].counted)
			classify(v, ts, k, slo, shi, figures[i].unit, &out[i]);
		attribute(v, ts, &fp->ms, k, slo, shi, where, &out[i]);
	}
}

void figure_read_sentence(const struct figure_vocab *v, const struct kb *kb,
                          const struct figure_where *where, const struct figure_seen *figures,
                          size_t n, struct figure_reading *out)
{
	/* the sentence within its paragraph, so that earlier sentences can name the source */
	const char *text = where->paragraph && strstr(where->paragraph, where->sentence)
	                       ? where->paragraph
	                       : where->sentence;
	struct figure_paragraph *fp = figure_paragraph_new(v, kb, text, where->language);
	figure_read_in(v, fp, where, figures, n, out);
	figure_paragraph_free(fp);
}

/* The block of body (blocks apart by blank lines) holding sentence,
 * looked for from *from on (then from the start); NULL if none. Caller
 * frees. */
static char *paragraph_of(const char *body, const char *sentence, size_t *from)
{
	if (!body || !sentence[0])
		return NULL;
	const char *at = strstr(body + *from, sentence);
	if (!at)
		at = strstr(body, sentence);
	if (!at)
		return NULL;
	*from = (size_t)(at - body);
	const char *s = at;
	while (s > body && !(s - body >= 2 && s[-1] == '\n' && s[-2] == '\n'))
		s--;
	const char *stop = strstr(at, "\n\n");
	const char *e = stop ? stop : at + strlen(at);
	return xstrndup(s, (size_t)(e - s));
}

void figure_read_document(const struct figure_vocab *v, const struct kb *kb, const char *body,
                          int date, bool reply, const char *language,
                          const struct figure_found *found, size_t n, struct figure_reading *out)
{
	size_t from = 0;
	char *para = NULL;
	struct figure_paragraph *fp = NULL;
	struct figure_seen *seen = xcalloc(n + 1, sizeof(*seen));
	for (size_t i = 0; i < n;) {
		/* the figures of one sentence together; the sentences of one
		 * paragraph follow each other, so a paragraph is read once */
		size_t j = i;
		while (j < n && !strcmp(found[j].context, found[i].context)) {
			seen[j - i] = (struct figure_seen){found[j].value, found[j].unit};
			j++;
		}
		if (!para || !strstr(para, found[i].context)) {
			figure_paragraph_free(fp);
			free(para);
			para = paragraph_of(body, found[i].context, &from);
			if (!para)
				para = xstrdup(found[i].context);
			fp = figure_paragraph_new(v, kb, para, language);
		}
		struct figure_where where = {.sentence = found[i].context,
		                             .date = date,
		                             .reply = reply,
		                             .language = language};
		figure_read_in(v, fp, &where, seen, j - i, out + i);
		i = j;
	}
	figure_paragraph_free(fp);
	free(para);
	free(seen);
}
