/*
 * replies.c - filing replies and reading them against the questions. See
 * replies.h. The suggestion is deliberately simple and explainable: every
 * suggestion carries the evidence it rests on, and the officer decides.
 */
#include "replies.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../read/read.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "../util/sha256.h"
#include "../util/text.h"
#include "clock.h"
#include "workflow.h"

const char *const reply_reading_names[3] = {"not-answered", "partly", "answered"};

int reply_reading_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, reply_reading_names[i]))
			return i;
	return -1;
}

bool reply_kind_valid(const char *kind)
{
	return kind && (!strcmp(kind, "acknowledgement") || !strcmp(kind, "substantive") || !strcmp(kind, "rejection"));
}

/* --- words ------------------------------------------------------------------------------ */

/* Words that every letter and reply share, which say nothing of the subject. */
static const char *const common_words[] = {
	"please", "provide", "information", "indicate", "detailed", "details", "explain", "measures", "taken",
	"allegations", "alleged", "above", "mentioned", "regarding", "concerning", "whether", "which", "their",
	"these", "those", "there", "would", "could", "should", "about", "under", "other", "including", "against",
	"excellency", "government", "veuillez", "fournir", "sírvase", "proporcionar", "informations",
	"información", "indiquer", "indicar", "mesures", "medidas", "within", "where", "being", "any", NULL};

static bool common_word(const char *w)
{
	for (int i = 0; common_words[i]; i++)
		if (!strcmp(common_words[i], w))
			return true;
	return false;
}

/* The distinct content words of text (lower case, 5 bytes or more, the
 * first 7 bytes kept so that "investigations" meets "investigated"). */
struct words {
	char (*w)[8];
	size_t count, cap;
};

static void words_add(struct words *ws, const char *p, size_t n)
{
	char w[32];
	if (n < 5 || n >= sizeof(w))
		return;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)tolower((unsigned char)p[i]);
	w[n] = '\0';
	if (common_word(w))
		return;
	w[7] = '\0';
	for (size_t i = 0; i < ws->count; i++)
		if (!strcmp(ws->w[i], w))
			return;
	ALLOC_GROW(ws->w, ws->count + 1, ws->cap);
	memcpy(ws->w[ws->count++], w, 8);
}

static void words_of(struct words *ws, const char *text)
{
	const char *p = text;
	while (*p) {
		while (*p && !text_word_char((unsigned char)*p))
			p++;
		const char *s = p;
		while (*p && text_word_char((unsigned char)*p))
			p++;
		words_add(ws, s, (size_t)(p - s));
	}
}

static size_t word_count(const char *text)
{
	size_t n = 0;
	bool in = false;
	for (const char *p = text; *p; p++) {
		bool w = text_word_char((unsigned char)*p);
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

/* --- numbered answers ------------------------------------------------------------------- */

/* The question number a block opens with: "3.", "(3)", "Question 3",
 * "Regarding question 3", "In reply to paragraph 3", "Pregunta 3"... 0 if none. */
static int answer_number(const struct block *b)
{
	if (b->kind == BLOCK_LIST_ITEM && b->number > 0 && b->level == 1)
		return b->number;
	const char *t = b->text;
	static const char *const leads[] = {
		"regarding ", "concerning ", "with regard to ", "with respect to ", "in reply to ", "in response to ",
		"as regards ", "as to ", "on ", "en ce qui concerne ", "concernant ", "s'agissant de ", "quant à ",
		"en relación con ", "con respecto a ", "respecto de ", "en cuanto a ", NULL};
	for (int i = 0; leads[i]; i++) {
		size_t n = text_prefix_ci(t, leads[i]);
		if (n) {
			t += n;
			break;
		}
	}
	static const char *const nouns[] = {"question no. ", "question ", "questions ", "paragraph ", "point ",
					    "la question ", "pregunta ", "la pregunta ", "item ", NULL};
	for (int i = 0; nouns[i]; i++) {
		size_t n = text_prefix_ci(t, nouns[i]);
		if (n && isdigit((unsigned char)t[n]))
			return atoi(t + n);
	}
	if (*t == '(' && isdigit((unsigned char)t[1])) {
		int n = atoi(t + 1);
		const char *e = t + 1;
		while (isdigit((unsigned char)*e))
			e++;
		return *e == ')' ? n : 0;
	}
	if (isdigit((unsigned char)*t)) {
		int n = atoi(t);
		const char *e = t;
		while (isdigit((unsigned char)*e))
			e++;
		if ((*e == '.' || *e == ')') && e[1] == ' ')
			return n;
	}
	return 0;
}

/* --- the suggestion --------------------------------------------------------------------- */

/* Eight words of a question after its first ("Please", "Veuillez",
 * "Sírvase"), which a reply quoting it repeats ("... to explain what
 * measures have been taken to ensure ..."); NULL for a shorter question.
 * Caller frees. */
static char *question_head(const char *q)
{
	const char *start = strchr(q, ' ');
	if (!start)
		return NULL;
	start++;
	size_t words = 0;
	for (const char *p = start; *p; p++)
		if (*p == ' ' && ++words == 8)
			return xstrndup(start, (size_t)(p - start));
	return NULL;
}

void reply_suggest(const char *const *questions, size_t n, const struct document *reply,
		   struct reply_suggestion *out)
{
	/* the blocks each answer spans: from its marker (a number, or the
	 * question quoted back) to the next marker */
	size_t *first = xcalloc(n + 1, sizeof(size_t)), *words = xcalloc(n + 1, sizeof(size_t));
	bool *numbered = xcalloc(n + 1, sizeof(bool));
	char **heads = xcalloc(n + 1, sizeof(char *));
	for (size_t q = 1; q <= n; q++)
		heads[q] = question_head(questions[q - 1]);
	int current = 0;
	for (size_t b = 0; b < reply->count; b++) {
		const struct block *blk = &reply->blocks[b];
		if (!blk->text[0])
			continue;
		int k = answer_number(blk);
		if (k >= 1 && (size_t)k <= n && k > current) {
			current = k;
			numbered[k] = true;
			first[k] = b;
		} else {
			bool quoted = false;
			for (size_t q = 1; q <= n && !quoted; q++)
				if (heads[q] && text_find_ci(blk->text, heads[q])) {
					current = (int)q;
					quoted = true;
				}
			if (!quoted && blk->kind == BLOCK_HEADING)
				current = 0;
			if (quoted) /* counted under its own question, not the previous */
				continue;
		}
		if (current)
			words[current] += word_count(blk->text);
	}
	struct buf all = BUF_INIT;
	for (size_t b = 0; b < reply->count; b++)
		buf_addf(&all, "%s\n", reply->blocks[b].text);
	struct words rw = {0};
	words_of(&rw, all.data);

	for (size_t q = 1; q <= n; q++) {
		struct reply_suggestion *s = &out[q - 1];
		s->reading = READ_NOT_ANSWERED;
		s->evidence[0] = '\0';
		if (numbered[q]) {
			s->reading = words[q] >= 15 ? READ_ANSWERED : READ_PARTLY;
			snprintf(s->evidence, sizeof(s->evidence), "numbered answer (%zu words): \"%.60s\"", words[q],
				 reply->blocks[first[q]].text);
			continue;
		}
		/* the question quoted back: its first words in the reply */
		if (heads[q] && text_find_ci(all.data, heads[q])) {
			s->reading = READ_ANSWERED;
			snprintf(s->evidence, sizeof(s->evidence), "the reply quotes the question");
			continue;
		}
		/* the question's terms found in the reply */
		struct words qw = {0};
		words_of(&qw, questions[q - 1]);
		struct buf hits = BUF_INIT;
		size_t found = 0;
		for (size_t i = 0; i < qw.count; i++)
			for (size_t k = 0; k < rw.count; k++)
				if (!strcmp(qw.w[i], rw.w[k])) {
					if (found < 6)
						buf_addf(&hits, "%s%s", found ? ", " : "", qw.w[i]);
					found++;
					break;
				}
		if (qw.count && found * 5 >= qw.count * 3 && found >= 2) {
			s->reading = READ_PARTLY;
			snprintf(s->evidence, sizeof(s->evidence), "%zu of its %zu terms in the reply: %s", found, qw.count,
				 hits.data);
		} else {
			snprintf(s->evidence, sizeof(s->evidence), "no numbered answer; %zu of its %zu terms in the reply",
				 found, qw.count);
		}
		buf_release(&hits);
		free(qw.w);
	}
	free(rw.w);
	buf_release(&all);
	for (size_t q = 1; q <= n; q++)
		free(heads[q]);
	free(heads);
	free(first);
	free(words);
	free(numbered);
}

const char *reply_guess_kind(const struct document *reply)
{
	static const char *const rejection[] = {
		"categorically reject", "rejects the allegations", "reject the allegations", "unfounded", "baseless",
		"interference in the internal affairs", "interference in its internal affairs", "politically motivated",
		"rejette catégoriquement", "dénuées de fondement", "sans fondement", "rechaza categóricamente",
		"carecen de fundamento", "infundadas", NULL};
	static const char *const acknowledgement[] = {
		"acknowledge receipt", "acknowledges receipt", "has been transmitted to the competent",
		"have been transmitted to the competent", "will be provided in due course", "will be transmitted",
		"accuse réception", "sera communiquée", "acusa recibo", "se remitirá", NULL};
	size_t words = 0;
	const char *kind = NULL;
	for (size_t b = 0; b < reply->count; b++) {
		const char *t = reply->blocks[b].text;
		words += word_count(t);
		for (int i = 0; rejection[i] && !kind; i++)
			if (text_find_ci(t, rejection[i]))
				kind = "rejection";
	}
	if (kind)
		return kind;
	for (size_t b = 0; b < reply->count && words < 250; b++)
		for (int i = 0; acknowledgement[i]; i++)
			if (text_find_ci(reply->blocks[b].text, acknowledgement[i]))
				return "acknowledgement";
	return "substantive";
}

/* --- the store -------------------------------------------------------------------------- */

long long reply_add(struct db *db, long long id, const struct reply_in *in, struct error *err)
{
	if (in->kind && !reply_kind_valid(in->kind))
		return error_set(err, "--kind %s: give acknowledgement, substantive or rejection", in->kind);
	if (in->received == DATE_NONE)
		return error_set(err, "the reply needs the date it was received");
	if (in->received > clock_today()) {
		char when[11];
		date_format_iso(in->received, when);
		return error_set(err, "received %s is after today: a reply cannot come from the future", when);
	}
	if (read_check_bytes(in->path, in->bytes, in->len, err) < 0)
		return -1;
	struct document doc = {0};
	if (document_read(&doc, in->path, in->bytes, in->len, err) < 0)
		return -1;
	if (!doc.count) {
		document_release(&doc);
		return error_set(err, "%s: the reply has no text", in->path);
	}
	char sha[65];
	sha256_hex(in->bytes, in->len, sha);
	long long rid = -1;
	if (db_begin(db, err) < 0)
		goto out;
	char status[16];
	wf_status(db, id, status);
	int rc = 0;
	if (!status[0])
		rc = error_set(err, "there is no communication %lld", id);
	else if (!strcmp(status, "draft") || !strcmp(status, "approved"))
		rc = error_set(err, "communication %lld is %s: it has not been sent, so nothing can answer it", id,
			       status);
	char sent[11] = "", due[11] = "", lang[4] = "en";
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT date, reply_due, language FROM communications WHERE id = ?1", err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, id);
			if (db_step(st, NULL) == 1) {
				snprintf(sent, sizeof(sent), "%s", db_text(st, 0) ? db_text(st, 0) : "");
				snprintf(due, sizeof(due), "%s", db_text(st, 1) ? db_text(st, 1) : "");
				snprintf(lang, sizeof(lang), "%s", db_text(st, 2) ? db_text(st, 2) : "en");
			}
			db_finalize(st);
		}
	}
	char received[11];
	date_format_iso(in->received, received);
	if (rc == 0 && sent[0] && strcmp(received, sent) < 0)
		rc = error_set(err, "received %s is before the letter was sent (%s)", received, sent);
	if (rc == 0) {
		char arg[24];
		snprintf(arg, sizeof(arg), "%lld", id);
		long long dup = db_query_int(db, 0, "SELECT id FROM replies WHERE communication_id = ? AND source_sha256 = ?",
					     arg, sha, (const char *)NULL);
		if (dup)
			rc = error_set(err, "%s is already filed as reply %lld to this communication", in->path, dup);
	}
	/* the questions, to read the reply against */
	char **questions = NULL;
	size_t nq = 0, cap = 0;
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT text FROM questions WHERE communication_id = ?1 ORDER BY n", err);
		rc = st ? 0 : -1;
		if (st)
			db_bind_int(st, 1, id);
		while (st && db_step(st, NULL) == 1) {
			ALLOC_GROW(questions, nq + 1, cap);
			questions[nq++] = xstrdup(db_text(st, 0));
		}
		db_finalize(st);
	}
	struct buf body = BUF_INIT;
	for (size_t b = 0; b < doc.count; b++)
		buf_addf(&body, "%s%s", b ? "\n\n" : "", doc.blocks[b].text);
	bool late = due[0] && strcmp(received, due) > 0;
	const char *kind = in->kind ? in->kind : reply_guess_kind(&doc);
	if (rc == 0) {
		char now[32];
		clock_now_iso(now);
		struct db_stmt *st = db_prepare(db, "INSERT INTO replies(communication_id, received, language, kind, source_name, "
						    "source_sha256, body, late, created_by, created_at) "
						    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id", err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, id);
			db_bind_text(st, 2, received);
			db_bind_text(st, 3, in->language ? in->language : lang);
			db_bind_text(st, 4, kind);
			db_bind_text(st, 5, in->path);
			db_bind_text(st, 6, sha);
			db_bind_text(st, 7, body.data);
			db_bind_int(st, 8, late);
			db_bind_text(st, 9, in->actor);
			db_bind_text(st, 10, now);
			if (db_step(st, err) == 1)
				rid = db_int(st, 0);
			else
				rc = -1;
			db_finalize(st);
		}
	}
	if (rc == 0 && nq) {
		struct reply_suggestion *sg = xcalloc(nq, sizeof(*sg));
		reply_suggest((const char *const *)questions, nq, &doc, sg);
		struct db_stmt *st = db_prepare(db, "INSERT INTO reply_answers(reply_id, question_n, suggested, evidence) "
						    "VALUES (?1, ?2, ?3, ?4)", err);
		rc = st ? 0 : -1;
		for (size_t q = 0; st && rc == 0 && q < nq; q++) {
			db_bind_int(st, 1, rid);
			db_bind_int(st, 2, (long long)q + 1);
			db_bind_text(st, 3, reply_reading_names[sg[q].reading]);
			db_bind_text(st, 4, sg[q].evidence);
			rc = db_step(st, err) < 0 ? -1 : 0;
			db_reset(st);
		}
		db_finalize(st);
		free(sg);
	}
	/* a reply before publication moves the letter on; after it, the
	 * letter stays published and the reply shows as late */
	if (rc == 0 && (!strcmp(status, "sent") || !strcmp(status, "overdue")))
		rc = wf_move(db, id, status, "replied", in->actor, in->received, late ? "late reply" : NULL, err);
	for (size_t q = 0; q < nq; q++)
		free(questions[q]);
	free(questions);
	buf_release(&body);
	if (rc < 0 || db_commit(db, err) < 0) {
		if (rc < 0)
			db_rollback(db);
		rid = -1;
	}
out:
	document_release(&doc);
	return rid;
}

int reply_mark(struct db *db, long long reply_id, int question, enum reply_reading reading, const char *actor,
	       struct error *err)
{
	struct db_stmt *st = db_prepare(db, "UPDATE reply_answers SET reading = ?1, read_by = ?2, read_at = ?3 "
					    "WHERE reply_id = ?4 AND question_n = ?5", err);
	if (!st)
		return -1;
	char now[32];
	clock_now_iso(now);
	db_bind_text(st, 1, reply_reading_names[reading]);
	db_bind_text(st, 2, actor);
	db_bind_text(st, 3, now);
	db_bind_int(st, 4, reply_id);
	db_bind_int(st, 5, question);
	int rc = db_step(st, err);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (db_changes(db) != 1)
		return error_set(err, "reply %lld has no question %d", reply_id, question);
	return 0;
}

int reply_set_kind(struct db *db, long long reply_id, const char *kind, struct error *err)
{
	if (!reply_kind_valid(kind))
		return error_set(err, "kind %s: give acknowledgement, substantive or rejection", kind);
	struct db_stmt *st = db_prepare(db, "UPDATE replies SET kind = ?1 WHERE id = ?2", err);
	if (!st)
		return -1;
	db_bind_text(st, 1, kind);
	db_bind_int(st, 2, reply_id);
	int rc = db_step(st, err);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (db_changes(db) != 1)
		return error_set(err, "there is no reply %lld", reply_id);
	return 0;
}
