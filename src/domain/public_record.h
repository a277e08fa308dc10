/*
 * public_record.h - what the public record says of one communication, an
 * addressee, a mandate, the latest publications and the whole record, as
 * JSON objects holding public fields only. The web pages render them and
 * the API returns them, so a page and its API answer cannot disagree, and
 * a field that is not listed here never leaves the store.
 *
 * Public: the letter as sent, its reference, dates, addressee, mandates,
 * questions, citations and related references; its replies with their
 * texts (published with the communication), kinds, lateness and the
 * reading of each question. Never read here: internal notes or anything of
 * the draft, who created, sent, approved or read anything, the files
 * things came from, and every communication that visibility_public_where()
 * does not pass, as of the "today" given (YYYY-MM-DD).
 *
 * Every function returns a new reference (json_decref) or NULL.
 */
#ifndef RAPPORTEUR_PUBLIC_RECORD_H
#define RAPPORTEUR_PUBLIC_RECORD_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/db.h"

/* The id of the public communication with this slug ("AL-KAZ-2-2024"),
 * or 0: the same 0 whether it does not exist or is not yet public. */
long long public_communication_id(struct db *db, const char *slug, const char *today);

enum {
	PUBLIC_PART_TEXT = 1,        /* "text": the letter as Markdown */
	PUBLIC_PART_REPLY_TEXTS = 2, /* each reply's "text" */
};
/* Communication id (public_communication_id()) with its dates, addressee,
 * mandates, questions and their answers, citations, replies and the chain
 * of related communications both ways. */
json_t *public_communication(struct db *db, long long id, const char *today, unsigned parts);
/* Its replies, oldest first, with or without their texts. */
json_t *public_replies(struct db *db, long long id, const char *today, bool texts);

/* How many communications are public. */
long long public_count(struct db *db, const char *today);

/* The latest publications, newest published first (home, feed). */
json_t *public_latest(struct db *db, const char *today, int limit);

/* Communications, replied, in time, late, no reply, overdue (no reply
 * and past due), reply rate and median days to the first reply of the
 * public communications, with per-year counts; and the latest 50. NULL
 * for an addressee code or mandate slug the knowledge base does not know. */
json_t *public_addressee(struct db *db, const char *code, const char *today);
json_t *public_mandate(struct db *db, const char *slug, const char *today);

/* The statistics page: totals, communications per year, reply rates by
 * addressee, most cited provisions. */
json_t *public_stats(struct db *db, const char *today);

/* Page `page` (from 1) of the bulk dump: every public communication with
 * its text and its replies' texts, oldest first, per_page at a time. */
json_t *public_dump(struct db *db, const char *today, int page, int per_page);

#endif
