/*
 * citations.c - the provisions a letter cites, which of them it says the
 * facts would violate, and the ratification facts it states.
 *
 * One pass over the blocks in order keeps the context a reader keeps: the
 * instrument named last, and the last one named for each generic word,
 * so that "(art. 13)", "article 5 of the Convention" and "Article 19 of
 * the Declaration" resolve to CAT, CAT and the Declaration last named.
 * "article 7, read in conjunction with article 2(3) of the ICCPR" gives
 * article 7 the instrument named after it. A citation is a violation when
 * it stands in a "would constitute a violation of" sentence of the body
 * (never in the annex, which recalls the law rather than applying it).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

#define MAX_GENERICS 16
#define MAX_ARTICLES 64
#define MAX_MENTIONS 64

struct scan {
	struct extract_ctx *ctx;
	struct letter *l;
	/* asked at every word: the letter's language's, then English's */
	const struct phrase_index *article_words[2], *ratification_verbs[2];
	const struct kb_language *langs[2];
	const struct kb_instrument *last;	/* named last */
	struct {
		const char *word;
		const struct kb_instrument *instrument;
	} generics[MAX_GENERICS];
	size_t generic_count;
	/* articles waiting for "read in conjunction with article 2(3) of the ICCPR" */
	char *pending[MAX_ARTICLES];
	size_t pending_count;
	char *pending_context;
	bool pending_violation;
	/* instruments named in the current block, in order */
	struct {
		const struct kb_instrument *instrument;
		const char *at;
	} mentions[MAX_MENTIONS];
	size_t mention_count;
	/* articles cited with an instrument in the current sentence */
	const char *sentence; /* its start, in the current block's text */
	struct {
		const struct kb_instrument *instrument;
		int article;
	} cited[MAX_ARTICLES];
	size_t cited_count;
};

static void mentioned(struct scan *s, const struct kb_instrument *ins, const char *at)
{
	if (s->mention_count == MAX_MENTIONS) {
		memmove(s->mentions, s->mentions + 1, (MAX_MENTIONS - 1) * sizeof(s->mentions[0]));
		s->mention_count--;
	}
	s->mentions[s->mention_count].instrument = ins;
	s->mentions[s->mention_count].at = at;
	s->mention_count++;
}

static void remember(struct scan *s, const struct kb_instrument *ins)
{
	/* a general comment interprets a treaty; "article 6" after one is the treaty's */
	if (ins->kind && !strcmp(ins->kind, "general-comment"))
		return;
	s->last = ins;
	for (int lang = 0; lang < KB_LANGS; lang++) {
		const char *g = ins->generic[lang];
		if (!g)
			continue;
		size_t i = 0;
		while (i < s->generic_count && strcmp(s->generics[i].word, g))
			i++;
		if (i == s->generic_count) {
			if (s->generic_count == MAX_GENERICS)
				continue;
			s->generic_count++;
		}
		s->generics[i].word = g;
		s->generics[i].instrument = ins;
	}
}

/* The instrument a generic word ("the Convention") stands for here. */
static const struct kb_instrument *resolve_generic(struct scan *s, const char *word)
{
	for (size_t i = 0; i < s->generic_count; i++)
		if (!strcmp(s->generics[i].word, word))
			return s->generics[i].instrument;
	const struct kb *kb = s->ctx->kb;
	for (size_t i = 0; i < kb->instrument_count; i++)
		for (int lang = 0; lang < KB_LANGS; lang++)
			if (kb->instruments[i].generic[lang] &&
			    !strcmp(kb->instruments[i].generic[lang], word))
				return &kb->instruments[i];
	return NULL;
}

/* An instrument named at p: returns the match length and sets *ins. */
static size_t instrument_at(struct scan *s, const char *text, const char *p,
			    const struct kb_instrument **ins)
{
	struct kb_instrument_match m;
	if (!instrument_may_start(s->ctx, p) || !kb_instrument_at(s->ctx->kb, text, p, &m))
		return 0;
	*ins = m.instrument ? m.instrument : resolve_generic(s, m.generic);
	return *ins ? m.length : 0;
}

/* The article keyword at p in the letter's language or English. */
static size_t article_word_at(const struct scan *s, const char *p)
{
	size_t n = phrase_index_at(s->article_words[0], p);
	if (!n)
		n = phrase_index_at(s->article_words[1], p);
	return n;
}

static size_t phrase_here(const struct scan *s, size_t offset, const char *p)
{
	const struct strlist *mine = (const struct strlist *)((const char *)s->ctx->lang + offset);
	const struct strlist *en =
		(const struct strlist *)((const char *)&s->ctx->kb->languages[KB_EN] + offset);
	size_t n = phrase_at(s->ctx, mine, p);
	return n ? n : phrase_at(s->ctx, en, p);
}

/* One article number with its sub-paragraphs: "2(3)", "19 (3)", "6 (b)". */
static size_t article_at(const char *p, struct buf *out)
{
	const char *q = p;
	if (!isdigit((unsigned char)*q))
		return 0;
	buf_reset(out);
	while (isdigit((unsigned char)*q) && q - p < 4)
		buf_addch(out, *q++);
	if (isdigit((unsigned char)*q) || (isalpha((unsigned char)*q) && isalpha((unsigned char)q[1])))
		return 0; /* "2022", "110th" */
	for (;;) {
		const char *r = *q == ' ' ? q + 1 : q;
		if (*r != '(')
			break;
		const char *c = r + 1;
		while (isalnum((unsigned char)*c) && c - r <= 5)
			c++;
		if (*c != ')' || c == r + 1)
			break;
		buf_add(out, r, (size_t)(c + 1 - r));
		q = c + 1;
	}
	return (size_t)(q - p);
}

/* Parses "7, 10 and 14", "9-12", "2 (3) and 2 (2)" at p. Returns the end. */
static const char *article_list(const struct scan *s, const char *p, char **articles, size_t *count)
{
	struct buf a = BUF_INIT;
	*count = 0;
	for (;;) {
		size_t n = article_at(p, &a);
		if (!n)
			break;
		const char *after = p + n;
		/* a range: 9-12, 9 to 12 */
		const char *r = NULL;
		if (*after == '-' || !strncmp(after, "\xE2\x80\x93", 3))
			r = after + (*after == '-' ? 1 : 3);
		else if (!strncmp(after, " to ", 4) || !strncmp(after, " à ", 4) || !strncmp(after, " a ", 3))
			r = after + (after[1] == 't' ? 4 : after[1] == 'a' ? 3 : 4);
		int from = atoi(a.data), to = 0;
		if (r && isdigit((unsigned char)*r) && a.data[strspn(a.data, "0123456789")] == '\0') {
			const char *e = r;
			while (isdigit((unsigned char)*e))
				to = to * 10 + (*e++ - '0');
			if (to > from && to - from <= 40 && !text_word_char((unsigned char)*e)) {
				for (int k = from; k <= to && *count < MAX_ARTICLES; k++) {
					struct buf one = BUF_INIT;
					buf_addf(&one, "%d", k);
					articles[(*count)++] = buf_detach(&one);
				}
				p = e;
				goto separator;
			}
		}
		if (*count < MAX_ARTICLES)
			articles[(*count)++] = xstrdup(a.data);
		p = after;
	separator:;
		const char *q = p;
		if (*q == ',')
			q++;
		q = text_skip_space(q);
		size_t w = phrase_here(s, LANG_LIST(list_words), q);
		if (w && q[w] == ' ')
			q += w + 1;
		if (*q == '(' && *count) {
			/* "10(2)(b) and (3)": another paragraph of the same article */
			char base[8];
			size_t bn = strspn(articles[*count - 1], "0123456789");
			if (bn >= sizeof(base))
				break;
			memcpy(base, articles[*count - 1], bn);
			base[bn] = '\0';
			struct buf sub = BUF_INIT;
			buf_adds(&sub, base);
			buf_addch(&sub, ' ');
			buf_adds(&sub, q);
			size_t sn = article_at(sub.data, &a);
			if (sn <= bn + 1) {
				buf_release(&sub);
				break;
			}
			if (*count < MAX_ARTICLES)
				articles[(*count)++] = xstrdup(a.data);
			p = q + (sn - bn - 1);
			buf_release(&sub);
			continue;
		}
		if (!isdigit((unsigned char)*q))
			break;
		p = q;
	}
	buf_release(&a);
	return p;
}

static void add_citation(struct scan *s, const struct kb_instrument *ins, char *article,
			 const char *context, bool violation)
{
	struct letter *l = s->l;
	const char *name = ins ? ins->short_name : NULL;
	for (size_t i = 0; i < l->citations_count; i++) {
		struct letter_citation *c = &l->citations[i];
		if (c->instrument == name && !strcmp(c->article, article)) {
			c->violation = c->violation || violation;
			free(article);
			return;
		}
	}
	struct letter_citation *c = PUSH(l, citations);
	c->instrument = name;
	c->article = article;
	c->context = xstrdup(context);
	c->violation = violation;
}

/* After an article list: ", paragraph 2," then "of the X", or a bare "CAT".
 * Returns the instrument named there, or NULL. */
static const struct kb_instrument *explicit_instrument(struct scan *s, const char *text, const char *p,
						       const char **end, bool *unknown)
{
	*unknown = false;
	static const char *const paragraph_words[] = {"paragraphs", "paragraph", "paras.", "para.",
						       "paragraphes", "paragraphe", "párrafos",
						       "párrafo", "§", NULL};
	const char *q = p;
	if (*q == ',')
		q++;
	q = text_skip_space(q);
	for (int i = 0; paragraph_words[i]; i++) {
		size_t n = text_prefix_ci(q, paragraph_words[i]);
		if (n && q[n] == ' ' && isdigit((unsigned char)q[n + 1])) {
			char *skipped[MAX_ARTICLES];
			size_t count;
			q = article_list(s, q + n + 1, skipped, &count);
			for (size_t k = 0; k < count; k++)
				free(skipped[k]);
			if (*q == ',')
				q++;
			q = text_skip_space(q);
			break;
		}
	}
	const struct kb_instrument *ins = NULL;
	size_t n = phrase_here(s, LANG_LIST(of_words), q);
	if (n) {
		const char *r = q + n;
		if (*r == ' ')
			r++;
		size_t m = instrument_at(s, text, r, &ins);
		if (m) {
			*end = r + m;
			return ins;
		}
		/* "of the Indigenous and Tribal Peoples Convention": named, but not
		 * one the knowledge base knows; the context must not claim it */
		if (isupper((unsigned char)*r)) {
			*unknown = true;
			return NULL;
		}
	}
	size_t m = instrument_at(s, text, q, &ins);
	if (m && q == text_skip_space(p)) {
		*end = q + m;
		return ins;
	}
	return NULL;
}

/* "Article 1 common to the ICCPR and the ICESCR": the instruments named
 * after a "common to" cue; returns how many (at most max). */
static size_t common_instruments(struct scan *s, const char *text, const char *p,
				 const struct kb_instrument **out, size_t max, const char **end)
{
	const char *q = text_skip_space(p);
	size_t n = phrase_here(s, LANG_LIST(common_cues), q);
	if (!n)
		return 0;
	q = text_skip_space(q + n);
	size_t count = 0;
	while (count < max) {
		const struct kb_instrument *ins;
		size_t m = instrument_at(s, text, q, &ins);
		if (!m)
			break;
		out[count++] = ins;
		*end = q + m;
		q = text_skip_space(q + m);
		size_t w = phrase_here(s, LANG_LIST(list_words), q);
		if (!w)
			break;
		q = text_skip_space(q + w);
		size_t a = phrase_here(s, LANG_LIST(of_words), q); /* "and the", "et du" */
		(void)a;
		static const char *const articles[] = {"the ", "la ", "le ", "el ", "du ", "del ", NULL};
		for (int i = 0; articles[i]; i++) {
			size_t k = text_prefix_ci(q, articles[i]);
			if (k) {
				q += k;
				break;
			}
		}
	}
	return count;
}

/* The violation sentences of a block: ranges [start, end) in text. */
struct ranges {
	size_t start[32], end[32];
	size_t count;
};

static void violation_ranges(struct scan *s, const char *text, struct ranges *r)
{
	r->count = 0;
	const char *p = text;
	size_t len;
	while (r->count < 32) {
		size_t en_len;
		const char *mine = phrase_find(s->ctx, &s->ctx->lang->violation_cues, p, &len);
		const char *en = s->ctx->lang == &s->ctx->kb->languages[KB_EN]
					 ? NULL
					 : phrase_find(s->ctx, &s->ctx->kb->languages[KB_EN].violation_cues, p, &en_len);
		const char *cue = mine && (!en || mine < en) ? mine : en;
		if (!cue)
			break;
		size_t a, b;
		text_sentence(text, (size_t)(cue - text), &a, &b);
		r->start[r->count] = a;
		r->end[r->count] = b;
		r->count++;
		p = text + b;
		if (!*p)
			break;
	}
}

static bool in_ranges(const struct ranges *r, size_t pos)
{
	for (size_t i = 0; i < r->count; i++)
		if (pos >= r->start[i] && pos < r->end[i])
			return true;
	return false;
}

/* Whether an instrument can be cited with this keyword: principles are
 * not articles of a treaty, rules are not articles of a declaration. */
static bool keyword_fits(const struct scan *s, const char *keyword, const struct kb_instrument *ins)
{
	(void)s;
	if (!ins)
		return false;
	bool principle = text_prefix_ci(keyword, "principle") || text_prefix_ci(keyword, "principe") ||
			 text_prefix_ci(keyword, "principio");
	bool rule = text_prefix_ci(keyword, "rule") || text_prefix_ci(keyword, "règle") ||
		    text_prefix_ci(keyword, "regla");
	const char *kind = ins->kind ? ins->kind : "";
	if (principle)
		return !strcmp(kind, "principles") || !strcmp(kind, "guidelines") || !strcmp(kind, "declaration");
	if (rule)
		return !strcmp(kind, "rules");
	return true;
}

static void flush_pending(struct scan *s, const struct kb_instrument *ins)
{
	for (size_t i = 0; i < s->pending_count; i++)
		add_citation(s, ins, s->pending[i], s->pending_context, s->pending_violation);
	s->pending_count = 0;
	free(s->pending_context);
	s->pending_context = NULL;
}

/* Notes that article (with an instrument) was cited in the sentence. */
static void cited_in_sentence(struct scan *s, const char *sentence, const struct kb_instrument *ins,
			      const char *article)
{
	if (s->sentence != sentence) {
		s->sentence = sentence;
		s->cited_count = 0;
	}
	if (ins && s->cited_count < MAX_ARTICLES) {
		s->cited[s->cited_count].instrument = ins;
		s->cited[s->cited_count].article = atoi(article);
		s->cited_count++;
	}
}

/* For an article given without an instrument: the instrument of the same
 * article cited earlier in the sentence ("Article 14 of the ICCPR ...,
 * and article 14(3)(e) guarantees"), else the context. */
static const struct kb_instrument *implicit_instrument(struct scan *s, const char *article,
						       const char *sentence)
{
	if (s->sentence == sentence)
		for (size_t i = s->cited_count; i-- > 0;)
			if (s->cited[i].article == atoi(article))
				return s->cited[i].instrument;
	return s->last;
}

static void read_articles(struct scan *s, const char *text, const char **pp, const struct ranges *vr)
{
	const char *p = *pp;
	size_t kw = article_word_at(s, p);
	const char *list = p + kw;
	if (*list != ' ' || !isdigit((unsigned char)list[1]))
		return;
	char *articles[MAX_ARTICLES];
	size_t count;
	const char *end = article_list(s, list + 1, articles, &count);
	if (!count)
		return;
	const char *after = end;
	bool unknown;
	const struct kb_instrument *ins = explicit_instrument(s, text, end, &after, &unknown);
	const struct kb_instrument *common[4];
	size_t common_count = ins || unknown ? 0 : common_instruments(s, text, end, common, 4, &after);
	size_t sa, sb;
	text_sentence(text, (size_t)(p - text), &sa, &sb);
	char *context = xstrndup(text + sa, sb - sa);
	bool violation = in_ranges(vr, (size_t)(p - text));
	if (ins) {
		remember(s, ins);
		mentioned(s, ins, after);
		flush_pending(s, ins); /* they waited for this one */
	} else if (common_count) {
		for (size_t k = 0; k < common_count; k++) {
			remember(s, common[k]);
			mentioned(s, common[k], after);
		}
		flush_pending(s, s->last);
	} else if (!unknown) {
		flush_pending(s, s->last);
		const char *q = end;
		if (*q == ',')
			q++;
		q = text_skip_space(q);
		size_t n = phrase_here(s, LANG_LIST(conjunction_cues), q);
		if (!n) {
			size_t skip = text_prefix_ci(q, "read alone and ");
			if (!skip)
				skip = text_prefix_ci(q, "read ");
			if (skip)
				n = phrase_here(s, LANG_LIST(conjunction_cues), q + skip);
		}
		if (n) {
			/* the instrument comes with the next article list */
			for (size_t i = 0; i < count && s->pending_count < MAX_ARTICLES; i++)
				s->pending[s->pending_count++] = articles[i];
			s->pending_context = context;
			s->pending_violation = violation;
			*pp = end > p ? end - 1 : p;
			return;
		}
	} else {
		flush_pending(s, s->last);
		const char *named = text_skip_space(end);
		letter_warn(s->l, "\"%.*s\" cites an instrument the knowledge base does not know: \"%.80s\"",
			    (int)(end - p), p, named);
	}
	for (size_t i = 0; i < count; i++) {
		if (common_count) {
			for (size_t k = 0; k < common_count; k++)
				add_citation(s, common[k], xstrdup(articles[i]), context, violation);
			free(articles[i]);
			continue;
		}
		const struct kb_instrument *which = ins;
		if (!which && !unknown)
			which = implicit_instrument(s, articles[i], text + sa);
		cited_in_sentence(s, text + sa, which, articles[i]);
		if (!keyword_fits(s, p, which)) {
			if (!unknown)
				letter_warn(s->l, "\"%.*s %s\" cited without an instrument the knowledge base knows: \"%.120s\"",
					    (int)kw, p, articles[i], context);
			free(articles[i]);
			continue;
		}
		add_citation(s, which, articles[i], context, violation);
	}
	free(context);
	*pp = after > p ? after - 1 : p;
}

static void add_ratification(struct scan *s, const struct kb_instrument *ins, const char *action, int date)
{
	struct letter *l = s->l;
	for (size_t i = 0; i < l->ratifications_count; i++)
		if (l->ratifications[i].instrument == ins->short_name && l->ratifications[i].date == date)
			return;
	struct letter_ratification *r = PUSH(l, ratifications);
	r->instrument = ins->short_name;
	r->action = action;
	r->date = date;
}

/* "ratified by Kazakhstan on 24 January 2006", "to which Kazakhstan
 * acceded on ...", "has ratified the ICESCR and the ICCPR, both on ...",
 * "to both of which India acceded on ...". */
static void read_ratification(struct scan *s, const char *text, const char *p, size_t verb_len,
			      const char *action)
{
	size_t sa, sb;
	text_sentence(text, (size_t)(p - text), &sa, &sb);
	const char *from = p + verb_len;
	const char *limit = text + sb;
	if (limit - from > 160)
		limit = from + 160;
	size_t dlen;
	int date;
	const char *d = date_find(s->ctx->kb, text, from, &dlen, &date);
	if (!d || d >= limit)
		return;
	/* instruments named between the verb and the date all take it */
	bool found = false;
	for (const char *q = from; q < d; q++) {
		const struct kb_instrument *ins;
		size_t m;
		if (text_word_start(text, q) && (m = instrument_at(s, text, q, &ins))) {
			add_ratification(s, ins, action, date);
			found = true;
			q += m - 1;
		}
	}
	if (found)
		return;
	/* else those named before it in the sentence: the last, or two with "both" */
	const char *sentence = text + sa;
	size_t want = 1;
	const char *after_last = sentence;
	for (size_t i = 0; i < s->mention_count; i++)
		if (s->mentions[i].at >= sentence && s->mentions[i].at < p)
			after_last = s->mentions[i].at;
	for (const char *q = after_last; q < p + verb_len + 12 && *q; q++)
		if (text_word_start(text, q) && (text_word_prefix_ci(q, "both") || text_word_prefix_ci(q, "deux") ||
						 text_word_prefix_ci(q, "ambos") || text_word_prefix_ci(q, "ambas")))
			want = 2;
	const struct kb_instrument *taken[2] = {NULL, NULL};
	size_t got = 0;
	for (size_t i = s->mention_count; i-- > 0 && got < want;) {
		if (s->mentions[i].at < sentence || s->mentions[i].at > p)
			continue;
		const struct kb_instrument *ins = s->mentions[i].instrument;
		if (got && taken[0] == ins)
			continue;
		taken[got++] = ins;
	}
	for (size_t i = got; i-- > 0;)
		add_ratification(s, taken[i], action, date);
}

static const char *ratification_verb_at(const struct scan *s, const char *p, size_t *len)
{
	for (int k = 0; k < 2; k++) {
		const struct kb_word_value *v =
			word_index_at(s->ratification_verbs[k], s->langs[k]->ratification_verbs, p, false, len);
		if (v)
			return v->text;
	}
	return NULL;
}

void extract_citations(struct extract_ctx *ctx, struct letter *l)
{
	struct scan s = {.ctx = ctx, .l = l, .langs = {ctx->lang, &ctx->kb->languages[KB_EN]}};
	for (int k = 0; k < 2; k++) {
		s.article_words[k] = phrase_list(ctx, &s.langs[k]->article_words);
		s.ratification_verbs[k] =
			phrase_words(ctx, s.langs[k]->ratification_verbs, s.langs[k]->ratification_verb_count);
	}
	const struct document *doc = ctx->doc;
	size_t annex = ctx->at.annex != NO_BLOCK ? ctx->at.annex : doc->count;
	for (size_t b = 0; b < doc->count; b++) {
		const char *text = doc->blocks[b].text;
		struct ranges vr = {.count = 0};
		if (b < annex && doc->blocks[b].kind != BLOCK_FOOTNOTE)
			violation_ranges(&s, text, &vr);
		s.mention_count = 0;
		for (const char *p = text; *p; p++) {
			if (!text_word_char((unsigned char)*p) || !text_word_start(text, p))
				continue;
			const struct kb_instrument *ins;
			size_t n = instrument_at(&s, text, p, &ins);
			if (n) {
				remember(&s, ins);
				mentioned(&s, ins, p);
				p += n - 1;
				continue;
			}
			if (article_word_at(&s, p)) {
				read_articles(&s, text, &p, &vr);
				continue;
			}
			size_t vlen;
			const char *action = ratification_verb_at(&s, p, &vlen);
			if (action)
				read_ratification(&s, text, p, vlen, action);
		}
		flush_pending(&s, s.last); /* a wait ends with its paragraph */
	}
}
