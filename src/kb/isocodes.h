/*
 * isocodes.h - countries from Debian's iso-codes: ISO 3166-1 alpha-3 and
 * alpha-2 codes with English names from its JSON, French and Spanish names
 * from its gettext catalogues. Plus OTH, the code letters use for
 * addressees that are not States.
 */
#ifndef RAPPORTEUR_ISOCODES_H
#define RAPPORTEUR_ISOCODES_H

#include <stddef.h>

#include "../util/error.h"
#include "kb.h"

#define ISOCODES_JSON "/usr/share/iso-codes/json/iso_3166-1.json"
#define ISOCODES_LOCALE "/usr/share/locale"

/* Fills a new array sorted by alpha3 (caller frees it and every name:
 * names that have no translation point at the English one). */
int isocodes_load_countries(struct kb_country **out, size_t *count, struct error *err);

#endif
