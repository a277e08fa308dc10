/*
 * figures.c - numbers a letter states as facts: "approximately 10'000
 * people were detained", "13 criminal cases", "nine cases of deaths",
 * "236 out of 329 cases", "about 200 USD".
 *
 * Only the letter's account of the facts is read (from the salutation to
 * the questions, footnotes aside): the annex recalls law, not facts. Not
 * figures: dates, years, references and resolutions ("KAZ 1/2022",
 * "52/7"), article and paragraph numbers, ordinals ("110th"). A figure's
 * unit is the counted thing named just after it (data/figure-units.json);
 * when none is named it comes from the range or comparison it is part of
 * ("from 3.5 to 6 years", "236 out of 329 cases"), else from the figure
 * before it in the same sentence ("267 people ..., of which 33 ...").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

/* Words after which a number is a label, not a count. */
static const char *const label_words[] = {
	"article", "articles", "art.", "arts.", "no.", "nos.", "number", "paragraph", "paragraphs",
	"para.", "paras.", "resolution", "resolutions", "session", "comment", "rule", "rules",
	"principle", "principles", "law", "decree", "code", "page", "pages", "p.", "pp.",
	"chapter", "section", "protocol", "convention", "item", "annex", "case no.", "núm.",
	"n°", "loi", "ley", "décret", "decreto", "artículo", "artículos", "párrafo", "párr.",
	"résolution", "résolutions", "resolución", "resoluciones", "phase", "level", "grade",
	"room", "cell", "block", "ward", "wing", "building", "street", "route", "km", "line",
	"bus", "flight", "vol.", "volume", "part", "sub-paragraph", "footnote", "note",
	"No", NULL};

static bool label_before(const char *text, const char *p)
{
	const char *e = p;
	while (e > text && e[-1] == ' ')
		e--;
	const char *w = e;
	while (w > text && w[-1] != ' ' && w[-1] != '(')
		w--;
	size_t n = (size_t)(e - w);
	if (!n)
		return false;
	for (int i = 0; label_words[i]; i++) {
		if (strlen(label_words[i]) == n && text_prefix_ci(w, label_words[i]) == n)
			return true;
	}
	return false;
}

/* Inside an article or resolution list: "articles 1, 2, 6 and 7". */
static bool in_label_list(const char *text, const char *p)
{
	const char *q = p;
	while (q > text) {
		char c = q[-1];
		if (isdigit((unsigned char)c) || c == ' ' || c == ',' || c == '(' || c == ')' || c == '-')
			q--;
		else if (q - text >= 4 && !strncmp(q - 4, " and", 4))
			q -= 4;
		else if (q - text >= 3 && (!strncmp(q - 3, " et", 3) || !strncmp(q - 3, " or", 3)))
			q -= 3;
		else if (q - text >= 2 && !strncmp(q - 2, " y", 2))
			q -= 2;
		else
			break;
		if (p - q > 120)
			return false;
	}
	return q < p && label_before(text, q + (*q == ' '));
}

/* The unit named within three words after p; sets *end past it. */
static const char *unit_after(const struct extract_ctx *ctx, const struct kb_language *lang, const char *p, const char **end)
{
	int words = 0;
	p = text_skip_space(p);
	while (*p && words < 3) {
		if (isdigit((unsigned char)*p) || strchr(",.;:()\"", *p))
			return NULL;
		if (*p == '%') {
			*end = p + 1;
			return "percent";
		}
		size_t n;
		const struct kb_word_value *u = word_value_at(ctx, lang->unit_words, lang->unit_word_count, p, false, &n);
		if (u) {
			*end = p + n;
			return u->text;
		}
		size_t and_or = text_word_prefix_ci(p, "and") ? 3 : text_word_prefix_ci(p, "or") ? 2 : 0;
		if (text_word_prefix_ci(p, "per cent") || text_word_prefix_ci(p, "percent") ||
		    text_word_prefix_ci(p, "pour cent") || text_word_prefix_ci(p, "por ciento")) {
			*end = p + 8;
			return "percent";
		}
		while (*p && *p != ' ' && !strchr(",.;:()\"", *p))
			p++;
		p = text_skip_space(p);
		if (!and_or)
			words++;
	}
	return NULL;
}

/* A currency written before the number: "USD 200", "$200", "€ 5,000". */
static const char *currency_before(const char *text, const char *p)
{
	static const struct {
		const char *mark, *unit;
	} marks[] = {{"USD ", "USD"}, {"US$", "USD"}, {"US$ ", "USD"}, {"$", "USD"},
		     {"EUR ", "EUR"}, {"\xE2\x82\xAC", "EUR"}, {"\xE2\x82\xAC ", "EUR"},
		     {"GBP ", "GBP"}, {"\xC2\xA3", "GBP"}};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t n = strlen(marks[i].mark);
		if ((size_t)(p - text) >= n && !strncmp(p - n, marks[i].mark, n))
			return marks[i].unit;
	}
	return NULL;
}

/* A number in digits or (before a unit) in words at p. */
static size_t number_at(const struct phrase_index *numbers, const struct kb_language *lang, const char *p,
			double *value, bool *word)
{
	*word = false;
	size_t n = text_parse_number(p, value);
	if (n)
		return n;
	size_t m;
	const struct kb_word_value *w = word_index_at(numbers, lang->number_words, p, true, &m);
	if (w) {
		*value = w->value;
		*word = true;
		return m;
	}
	return 0;
}

/* "from 3.5 to 6 years", "236 out of 329 cases": the unit after the partner. */
static const char *unit_of_partner(const struct extract_ctx *ctx, const struct kb_language *lang, const char *p)
{
	static const char *const links[] = {" to ", "-", " and ", " or ", " out of ", " of ",
					    " à ", " sur ", " a ", " de ", NULL};
	for (int i = 0; links[i]; i++) {
		size_t n = strlen(links[i]);
		if (strncmp(p, links[i], n))
			continue;
		double v;
		bool w;
		size_t m = number_at(phrase_words(ctx, lang->number_words, lang->number_word_count), lang, p + n, &v, &w);
		if (!m)
			continue;
		const char *end;
		return unit_after(ctx, lang, p + n + m, &end);
	}
	return NULL;
}

static void figures_in(struct extract_ctx *ctx, struct letter *l, const char *text)
{
	const struct kb_language *lang = ctx->lang;
	const struct phrase_index *numbers = phrase_words(ctx, lang->number_words, lang->number_word_count);
	size_t sentence_start = (size_t)-1, sentence_end = 0;
	const char *sentence_unit = NULL;
	for (const char *p = text; *p; p++) {
		if (!text_word_char((unsigned char)*p) || !text_word_start(text, p))
			continue;
		int date;
		size_t dn = date_at(ctx->kb, text, p, &date);
		if (dn) {
			p += dn - 1;
			continue;
		}
		char country[4];
		int number, year;
		size_t rn = reference_core_at(ctx->kb, text, p, country, &number, &year);
		if (rn) {
			p += rn - 1;
			continue;
		}
		double value;
		bool word;
		size_t n = number_at(numbers, lang, p, &value, &word);
		if (!n)
			continue;
		const char *after = p + n;
		/* labels, symbols, ordinals and years are not figures */
		if ((p > text && (p[-1] == '/' || p[-1] == '.' || p[-1] == '-' || p[-1] == '#')) ||
		    *after == '/' || (!word && text_word_char((unsigned char)*after)) ||
		    label_before(text, p) || in_label_list(text, p)) {
			p = after - 1;
			continue;
		}
		/* "1.5 million" */
		const char *q = text_skip_space(after);
		for (size_t i = 0; i < lang->scale_word_count; i++) {
			size_t m = text_word_prefix_ci(q, lang->scale_words[i].word);
			if (m) {
				value *= lang->scale_words[i].value;
				after = q + m;
				break;
			}
		}
		const char *unit_end = after;
		const char *unit = unit_after(ctx, lang, after, &unit_end);
		bool year_like = !word && n == 4 && value >= 1900 && value <= 2100;
		if ((word || year_like) && !unit) {
			p = after - 1;
			continue;
		}
		if (!unit)
			unit = currency_before(text, p);
		if (!unit)
			unit = unit_of_partner(ctx, lang, after);
		size_t s, e;
		text_sentence(text, (size_t)(p - text), &s, &e);
		if (s != sentence_start) {
			sentence_start = s;
			sentence_end = e;
			sentence_unit = NULL;
		}
		if (!unit)
			unit = sentence_unit;
		else
			sentence_unit = unit;
		struct letter_figure *f = PUSH(l, figures);
		f->value = value;
		f->unit = unit;
		size_t len = sentence_end - sentence_start;
		f->context = text_trimmed(text + sentence_start, text + sentence_start + (len > 400 ? 400 : len), NULL);
		p = after - 1;
	}
}

void extract_figures(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	size_t from = ctx->at.salutation != NO_BLOCK ? ctx->at.salutation + 1 : 0;
	size_t to = ctx->at.questions != NO_BLOCK ? ctx->at.questions
		    : ctx->at.closing != NO_BLOCK ? ctx->at.closing
						   : doc->count;
	for (size_t b = from; b < to && b < doc->count; b++) {
		const struct block *blk = &doc->blocks[b];
		if (blk->kind == BLOCK_PARAGRAPH || blk->kind == BLOCK_LIST_ITEM)
			figures_in(ctx, l, blk->text);
	}
}
