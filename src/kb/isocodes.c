/*
 * isocodes.c - reads iso-codes' JSON and its .mo translation catalogues.
 * The .mo format is GNU gettext's: a header, then two tables of (length,
 * offset) pairs for the original and translated strings.
 */
#include "isocodes.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"

struct catalogue {
	unsigned char *data;
	size_t size;
	uint32_t count, originals, translations;
	bool swap;
};

static uint32_t u32(const struct catalogue *c, size_t off)
{
	if (off + 4 > c->size)
		return 0;
	uint32_t v;
	memcpy(&v, c->data + off, 4);
	if (c->swap)
		v = __builtin_bswap32(v);
	return v;
}

static bool catalogue_open(struct catalogue *c, const char *lang)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/iso_3166-1.mo", ISOCODES_LOCALE, lang);
	memset(c, 0, sizeof(*c));
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (n <= 28) {
		fclose(f);
		return false;
	}
	c->data = xmalloc((size_t)n);
	c->size = fread(c->data, 1, (size_t)n, f);
	fclose(f);
	uint32_t magic;
	memcpy(&magic, c->data, 4);
	if (magic == 0x950412de)
		c->swap = false;
	else if (magic == 0xde120495)
		c->swap = true;
	else {
		free(c->data);
		c->data = NULL;
		return false;
	}
	c->count = u32(c, 8);
	c->originals = u32(c, 12);
	c->translations = u32(c, 16);
	return true;
}

/* The translation of msgid, or NULL. Catalogues are sorted by msgid. */
static const char *catalogue_get(const struct catalogue *c, const char *msgid)
{
	if (!c->data)
		return NULL;
	size_t lo = 0, hi = c->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t len = u32(c, c->originals + mid * 8), off = u32(c, c->originals + mid * 8 + 4);
		if ((size_t)off + len >= c->size)
			return NULL;
		int cmp = strcmp((const char *)c->data + off, msgid);
		if (cmp == 0) {
			uint32_t toff = u32(c, c->translations + mid * 8 + 4);
			uint32_t tlen = u32(c, c->translations + mid * 8);
			if ((size_t)toff + tlen >= c->size || tlen == 0)
				return NULL;
			return (const char *)c->data + toff;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int by_alpha3(const void *a, const void *b)
{
	return strcmp(((const struct kb_country *)a)->alpha3, ((const struct kb_country *)b)->alpha3);
}

int isocodes_load_countries(struct kb_country **out, size_t *count, struct error *err)
{
	json_error_t jerr;
	json_t *root = json_load_file(ISOCODES_JSON, 0, &jerr);
	if (!root)
		return error_set(err, "%s: %s (is Debian's iso-codes package installed?)", ISOCODES_JSON,
				 jerr.text);
	json_t *list = json_object_get(root, "3166-1");
	size_t n = json_array_size(list);
	if (!n) {
		json_decref(root);
		return error_set(err, "%s: no \"3166-1\" list", ISOCODES_JSON);
	}
	struct catalogue fr, es;
	catalogue_open(&fr, "fr");
	catalogue_open(&es, "es");
	struct kb_country *countries = xcalloc(n + 1, sizeof(*countries));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(list, i);
		const char *a3 = json_string_value(json_object_get(o, "alpha_3"));
		const char *a2 = json_string_value(json_object_get(o, "alpha_2"));
		const char *name = json_string_value(json_object_get(o, "name"));
		const char *official = json_string_value(json_object_get(o, "official_name"));
		const char *common = json_string_value(json_object_get(o, "common_name"));
		if (!a3 || strlen(a3) != 3 || !a2 || !name)
			continue;
		struct kb_country *c = &countries[k++];
		memcpy(c->alpha3, a3, 4);
		snprintf(c->alpha2, sizeof(c->alpha2), "%s", a2);
		c->name[KB_EN] = xstrdup(common ? common : name);
		const char *t = catalogue_get(&fr, name);
		c->name[KB_FR] = t ? xstrdup(t) : c->name[KB_EN];
		t = catalogue_get(&es, name);
		c->name[KB_ES] = t ? xstrdup(t) : c->name[KB_EN];
		c->official_name = official ? xstrdup(official) : NULL;
	}
	/* Letters to companies and other non-State addressees carry "OTH". */
	struct kb_country *oth = &countries[k++];
	memcpy(oth->alpha3, "OTH", 4);
	memcpy(oth->alpha2, "--", 3);
	oth->name[KB_EN] = xstrdup("Other (non-State) addressee");
	oth->name[KB_FR] = xstrdup("Autre destinataire (non étatique)");
	oth->name[KB_ES] = xstrdup("Otro destinatario (no estatal)");
	qsort(countries, k, sizeof(*countries), by_alpha3);
	free(fr.data);
	free(es.data);
	json_decref(root);
	*out = countries;
	*count = k;
	return 0;
}
