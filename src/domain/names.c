/*
 * names.c - names to keys and keys compared. See names.h. The tables come
 * from data/transliteration.json (loaded once, read-only after); the
 * algorithm here only applies them: letters to Latin, then per word the
 * fold rules (longest first at each position), the after rules in order,
 * and doubled letters made single. Knows nothing of persons or the store.
 */
#include "names.h"

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/embedded.h"
#include "../util/utf8.h"

struct letter_map {
	uint32_t cp;
	char *latin;
};

struct rule {
	char *from, *to;
	size_t from_len;
};

static struct {
	struct letter_map *letters; /* sorted by cp */
	size_t letter_count;
	uint32_t *apostrophes;
	size_t apostrophe_count;
	struct rule *fold; /* longest first */
	size_t fold_count;
	struct rule *after; /* in order */
	size_t after_count;
} table;

static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static int by_cp(const void *a, const void *b)
{
	uint32_t x = ((const struct letter_map *)a)->cp, y = ((const struct letter_map *)b)->cp;
	return x < y ? -1 : x > y;
}

static int by_length_desc(const void *a, const void *b)
{
	size_t x = ((const struct rule *)a)->from_len, y = ((const struct rule *)b)->from_len;
	return x > y ? -1 : x < y;
}

static uint32_t first_cp(const char *s)
{
	const char *p = s;
	return utf8_next(&p, s + strlen(s));
}

static struct rule *load_rules(json_t *arr, size_t *count)
{
	struct rule *r = xcalloc(json_array_size(arr) + 1, sizeof(*r));
	size_t i;
	json_t *pair;
	json_array_foreach(arr, i, pair)
	{
		const char *from = json_string_value(json_array_get(pair, 0));
		const char *to = json_string_value(json_array_get(pair, 1));
		if (!from || !to || !*from)
			BUG("data/transliteration.json: rule %zu is not [\"from\", \"to\"]", i);
		r[i] = (struct rule){xstrdup(from), xstrdup(to), strlen(from)};
	}
	*count = json_array_size(arr);
	return r;
}

/* The table is compiled into the binary: a broken one is our bug. */
static void load_table(void)
{
	const struct embedded_file *f = embedded_find("data/transliteration.json");
	if (!f)
		BUG("data/transliteration.json is not embedded");
	json_error_t jerr;
	json_t *root = json_loads(f->data, 0, &jerr);
	if (!root)
		BUG("data/transliteration.json: line %d: %s", jerr.line, jerr.text);
	json_t *letters = json_object_get(root, "letters");
	table.letters = xcalloc(json_object_size(letters) + 1, sizeof(*table.letters));
	const char *k;
	json_t *v;
	json_object_foreach(letters, k, v)
	{
		table.letters[table.letter_count++] = (struct letter_map){first_cp(k), xstrdup(json_string_value(v))};
	}
	qsort(table.letters, table.letter_count, sizeof(*table.letters), by_cp);
	json_t *apos = json_object_get(root, "apostrophes");
	table.apostrophes = xcalloc(json_array_size(apos) + 1, sizeof(uint32_t));
	size_t i;
	json_array_foreach(apos, i, v) table.apostrophes[table.apostrophe_count++] = first_cp(json_string_value(v));
	table.fold = load_rules(json_object_get(root, "fold"), &table.fold_count);
	qsort(table.fold, table.fold_count, sizeof(*table.fold), by_length_desc);
	table.after = load_rules(json_object_get(root, "after"), &table.after_count);
	json_decref(root);
}

static const char *latin_of(uint32_t cp)
{
	struct letter_map key = {cp, NULL};
	struct letter_map *m = bsearch(&key, table.letters, table.letter_count, sizeof(key), by_cp);
	return m ? m->latin : NULL;
}

static bool is_apostrophe(uint32_t cp)
{
	for (size_t i = 0; i < table.apostrophe_count; i++)
		if (table.apostrophes[i] == cp)
			return true;
	return false;
}

/* Letters of scripts without a table (Arabic, Chinese...) are kept as
 * they are, so that the same name still meets itself. */
static bool is_other_letter(uint32_t cp)
{
	return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF) && cp != 0xFFFD &&
	       !(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFE30 && cp <= 0xFE4F) && !(cp >= 0xFF00 && cp <= 0xFF20);
}

/* One word, letters already Latin and lower case: fold, after, undouble. */
static void fold_word(const char *w, size_t len, struct buf *out)
{
	struct buf a = BUF_INIT;
	for (size_t i = 0; i < len;) {
		const struct rule *hit = NULL;
		for (size_t r = 0; r < table.fold_count && !hit; r++)
			if (table.fold[r].from_len <= len - i && !memcmp(w + i, table.fold[r].from, table.fold[r].from_len))
				hit = &table.fold[r];
		if (hit) {
			buf_adds(&a, hit->to);
			i += hit->from_len;
		} else
			buf_addch(&a, w[i++]);
	}
	for (size_t r = 0; r < table.after_count; r++) {
		struct buf b = BUF_INIT;
		const struct rule *rule = &table.after[r];
		for (size_t i = 0; i < a.len;) {
			if (rule->from_len <= a.len - i && !memcmp(a.data + i, rule->from, rule->from_len)) {
				buf_adds(&b, rule->to);
				i += rule->from_len;
			} else
				buf_addch(&b, a.data[i++]);
		}
		buf_release(&a);
		a = b;
	}
	for (size_t i = 0; i < a.len; i++)
		if (i == 0 || a.data[i] != a.data[i - 1] || (unsigned char)a.data[i] >= 0x80)
			buf_addch(out, a.data[i]);
	buf_release(&a);
}

char *names_key(const char *text)
{
	pthread_once(&table_once, load_table);
	struct buf latin = BUF_INIT, key = BUF_INIT;
	const char *p = text, *end = text + strlen(text);
	/* letters to Latin lower case; anything else ends a word (a space) */
	while (p < end) {
		uint32_t cp = utf8_next(&p, end);
		const char *m;
		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				buf_addch(&latin, (char)(cp - 'A' + 'a'));
			else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
				buf_addch(&latin, (char)cp);
			else if (!is_apostrophe(cp))
				buf_addch(&latin, ' ');
		} else if ((m = latin_of(cp)))
			buf_adds(&latin, m);
		else if (is_apostrophe(cp) || cp == 0x301 || cp == 0x300 || cp == 0x308 || cp == 0x307)
			; /* apostrophes and combining accents vanish */
		else if (is_other_letter(cp)) {
			char u[4];
			buf_add(&latin, u, utf8_encode(cp, u));
		} else
			buf_addch(&latin, ' ');
	}
	for (size_t i = 0; i < latin.len;) {
		while (i < latin.len && latin.data[i] == ' ')
			i++;
		size_t start = i;
		while (i < latin.len && latin.data[i] != ' ')
			i++;
		if (i > start) {
			if (key.len)
				buf_addch(&key, ' ');
			fold_word(latin.data + start, i - start, &key);
		}
	}
	buf_release(&latin);
	return buf_detach(&key);
}

size_t names_words(char *key, char **words, size_t max)
{
	size_t n = 0;
	char *save = NULL;
	for (char *w = strtok_r(key, " ", &save); w && n < max; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	return n;
}

double names_jaro_winkler(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (!la && !lb)
		return 1;
	if (!la || !lb)
		return 0;
	if (la > 64 || lb > 64)
		return strcmp(a, b) ? 0 : 1; /* no name word is this long */
	size_t window = (la > lb ? la : lb) / 2;
	window = window ? window - 1 : 0;
	bool ma[64] = {false}, mb[64] = {false};
	size_t matches = 0;
	for (size_t i = 0; i < la; i++) {
		size_t lo = i > window ? i - window : 0, hi = i + window + 1 < lb ? i + window + 1 : lb;
		for (size_t j = lo; j < hi; j++)
			if (!mb[j] && a[i] == b[j]) {
				ma[i] = mb[j] = true;
				matches++;
				break;
			}
	}
	if (!matches)
		return 0;
	size_t t = 0, j = 0;
	for (size_t i = 0; i < la; i++) {
		if (!ma[i])
			continue;
		while (!mb[j])
			j++;
		if (a[i] != b[j])
			t++;
		j++;
	}
	double m = (double)matches;
	double jaro = (m / (double)la + m / (double)lb + (m - (double)t / 2.0) / m) / 3.0;
	size_t prefix = 0;
	while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

static double word_similarity(const char *a, const char *b)
{
	/* an initial ("E." of "E. Zhakupov") stands for any word it begins */
	if (strlen(a) == 1 || strlen(b) == 1)
		return a[0] == b[0] ? 0.9 : 0;
	return names_jaro_winkler(a, b);
}

#define NAMES_MAX_WORDS 12

double names_similarity(const char *key_a, const char *key_b)
{
	char *ca = xstrdup(key_a), *cb = xstrdup(key_b);
	char *wa[NAMES_MAX_WORDS], *wb[NAMES_MAX_WORDS];
	size_t na = names_words(ca, wa, NAMES_MAX_WORDS), nb = names_words(cb, wb, NAMES_MAX_WORDS);
	double score = 0;
	if (na && nb) {
		char **a = wa, **b = wb;
		if (na > nb) { /* a is the shorter */
			a = wb;
			b = wa;
			size_t tn = na;
			na = nb;
			nb = tn;
		}
		double sim[NAMES_MAX_WORDS][NAMES_MAX_WORDS];
		for (size_t i = 0; i < na; i++)
			for (size_t j = 0; j < nb; j++)
				sim[i][j] = word_similarity(a[i], b[j]);
		/* pair greedily, the most alike pair first, each word once */
		bool used_a[NAMES_MAX_WORDS] = {false}, used_b[NAMES_MAX_WORDS] = {false};
		double total = 0;
		for (size_t k = 0; k < na; k++) {
			double best = -1;
			size_t bi = 0, bj = 0;
			for (size_t i = 0; i < na; i++)
				for (size_t j = 0; j < nb; j++)
					if (!used_a[i] && !used_b[j] && sim[i][j] > best) {
						best = sim[i][j];
						bi = i;
						bj = j;
					}
			used_a[bi] = used_b[bj] = true;
			total += best;
		}
		score = total / (double)na;
		/* "Yerlan" alone says little about "Yerlan Zhakupov" */
		if (na == 1 && nb > 1)
			score *= 0.8;
	}
	free(ca);
	free(cb);
	return score;
}

bool names_key_contains(const char *text_key, const char *phrase_key, bool whole_words)
{
	if (!*phrase_key)
		return false;
	for (const char *t = text_key; *t;) {
		/* t is at a word start: try the phrase here */
		const char *a = t, *b = phrase_key;
		bool ok = true;
		while (*b && ok) {
			size_t lb = strcspn(b, " "), la = strcspn(a, " ");
			if (la < lb || memcmp(a, b, lb) || (whole_words && la != lb))
				ok = false;
			else if (b[lb]) { /* another phrase word: must be whole, and the text must go on */
				if (la != lb || !a[la])
					ok = false;
				else {
					a += la + 1;
					b += lb + 1;
				}
			} else
				b += lb;
		}
		if (ok)
			return true;
		t += strcspn(t, " ");
		while (*t == ' ')
			t++;
	}
	return false;
}
