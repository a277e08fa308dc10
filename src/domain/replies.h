/*
 * replies.h - a Government's (or company's) replies, filed against the
 * communication they answer and read question by question. The reading
 * is the officer's; the suggestion computed here only helps: a numbered
 * answer ("Regarding question 3, ..."), the question quoted back, or the
 * question's own terms found in the reply.
 */
#ifndef RAPPORTEUR_REPLIES_H
#define RAPPORTEUR_REPLIES_H

#include <stddef.h>

#include "../read/block.h"
#include "../store/db.h"

enum reply_reading { READ_NOT_ANSWERED, READ_PARTLY, READ_ANSWERED };
extern const char *const reply_reading_names[3]; /* "not-answered", "partly", "answered" */
/* A reading from its name; -1 if none. */
int reply_reading_parse(const char *name);

struct reply_suggestion {
	enum reply_reading reading;
	char evidence[240]; /* why, in a few words */
};

/* Suggests, for each of n questions, how the reply (as blocks) answers it. */
void reply_suggest(const char *const *questions, size_t n, const struct document *reply,
		   struct reply_suggestion *out);

/* acknowledgement, substantive or rejection, from the reply's words. */
const char *reply_guess_kind(const struct document *reply);
/* True for the three kinds. */
bool reply_kind_valid(const char *kind);

struct reply_in {
	const char *path;     /* the file, for messages and source_name */
	const char *bytes;    /* its contents (Markdown, text or PDF) */
	size_t len;
	int received;	      /* date */
	const char *language; /* NULL: the communication's */
	const char *kind;     /* NULL: guessed */
	const char *actor;
};

/* Files a reply to communication id: checks it (the letter was sent, the
 * date is not before it nor after today, the same file is not filed
 * twice), stores it with its suggestions, marks it late after the due
 * date, and moves a sent or overdue letter to replied. Returns the reply
 * id, or -1 with err. */
long long reply_add(struct db *db, long long id, const struct reply_in *in, struct error *err);

/* The officer's reading of question n in reply reply_id. */
int reply_mark(struct db *db, long long reply_id, int question, enum reply_reading reading, const char *actor,
	       struct error *err);
/* Corrects a reply's kind. */
int reply_set_kind(struct db *db, long long reply_id, const char *kind, struct error *err);

#endif
