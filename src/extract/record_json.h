/*
 * record_json.h - the letter record as JSON, exactly the keys of
 * ../shared/schema/letter-record.md (and a few more: "source", "body"
 * only on request). Through jansson, so escaping is never ours to get wrong.
 */
#ifndef RAPPORTEUR_RECORD_JSON_H
#define RAPPORTEUR_RECORD_JSON_H

#include <jansson.h>

#include "letter.h"

/* A new JSON object (caller json_decref()s it). */
json_t *record_to_json(const struct letter *l, bool with_body);

#endif
