/*
 * pages_work_reply.c - what comes back and what comes in: replies filed
 * against a sent letter (an uploaded file or pasted text) and the
 * officer's reading of each question, and letter files uploaded to be
 * ingested, shown parsed and stored only when the officer confirms. The
 * rules are domain/replies.c's and the store's; this file passes requests
 * on and shows the outcome.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/clock.h"
#include "../domain/letterfile.h"
#include "../domain/replies.h"
#include "../domain/workflow.h"
#include "../store/letters.h"
#include "../util/date.h"
#include "../util/die.h"
#include "../util/secret.h"
#include "../util/sha256.h"
#include "pages.h"
#include "work.h"

/* An upload waits this long for its confirmation. */
#define UPLOAD_KEEP_S 3600

/* An uploaded file's name made safe to keep and show: the last part of
 * the path, printable ASCII only, at most 100 bytes. */
static void upload_name(const char *filename, const char *fallback, char out[101])
{
	const char *base = filename ? filename : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)base; *p && n < 100; p++)
		out[n++] = *p > 0x20 && *p < 0x7f ? (char)*p : '_';
	out[n] = '\0';
	if (!n || !strcmp(out, ".") || !strcmp(out, ".."))
		snprintf(out, 101, "%s", fallback);
}

static const char *const reply_languages[][2] = {{"en", "English"}, {"fr", "French"}, {"es", "Spanish"},
						 {"ru", "Russian"}, {"ar", "Arabic"},  {"zh", "Chinese"}};
static const char *const reply_kinds[] = {"acknowledgement", "substantive", "rejection"};

/* --- replies on the communication page --------------------------------------------------- */

static void reading_options(struct web_response *res, const char *current)
{
	static const char *const labels[] = {"not answered", "partly answered", "answered"};
	for (int r = READ_ANSWERED; r >= READ_NOT_ANSWERED; r--)
		web_html(res, "<option value=\"%s\"%R>%s</option>", reply_reading_names[r],
			 current && !strcmp(current, reply_reading_names[r]) ? " selected" : "", labels[r]);
}

static void one_reply(struct web_request *req, struct web_response *res, struct db_stmt *r, char **questions, size_t nq)
{
	long long rid = db_int(r, 0);
	bool officer = work_has(req, ROLE_OFFICER);
	web_html(res, "<section class=\"reply\" id=\"reply-%lld\">\n<h3>Reply received %s</h3>\n<p>%s%R; language %s; "
		      "from %s; filed by %s.</p>\n",
		 rid, db_text(r, 1), db_text(r, 2), db_int(r, 3) ? " <strong>(late)</strong>" : "",
		 db_text(r, 4) ? db_text(r, 4) : "-", db_text(r, 5) ? db_text(r, 5) : "-", db_text(r, 6));
	web_html(res, "<details><summary>The reply's text</summary><pre class=\"reply\">%s</pre></details>\n", db_text(r, 7));
	struct db_stmt *a = db_prepare(req->db, "SELECT question_n, suggested, evidence, reading, read_by FROM reply_answers "
						"WHERE reply_id = ?1 ORDER BY question_n",
				       NULL);
	if (!a)
		return;
	db_bind_int(a, 1, rid);
	if (officer) {
		web_html(res, "<form method=\"post\" action=\"/work/replies/%lld/mark\">", rid);
		work_csrf(req, res);
	}
	web_html(res, "\n<table class=\"marks\">\n<thead><tr><th>Question</th><th>Suggested</th><th>Reading</th></tr></thead>\n<tbody>\n");
	while (db_step(a, NULL) == 1) {
		long long n = db_int(a, 0);
		const char *q = n >= 1 && (size_t)n <= nq ? questions[n - 1] : "";
		web_html(res, "<tr><td>%lld. %s</td><td>%s<br><span class=\"hint\">%s</span></td><td>", n, q, db_text(a, 1),
			 db_text(a, 2));
		const char *reading = db_text(a, 3);
		if (officer) {
			web_html(res, "<label class=\"visually-hidden\" for=\"q%lld-%lld\">Reading of question %lld</label>"
				      "<select id=\"q%lld-%lld\" name=\"q%lld\">",
				 rid, n, n, rid, n, n);
			reading_options(res, reading ? reading : db_text(a, 1));
			web_html(res, "</select>");
		}
		if (reading)
			web_html(res, "%R%s by %s", officer ? "<br>" : "", reading, db_text(a, 4));
		else
			web_html(res, "%Rnot read yet", officer ? "<br>" : "");
		web_html(res, "</td></tr>\n");
	}
	db_finalize(a);
	web_html(res, "</tbody>\n</table>\n");
	if (officer) {
		web_html(res, "<label for=\"kind-%lld\">Kind</label> <select id=\"kind-%lld\" name=\"kind\">", rid, rid);
		for (size_t k = 0; k < 3; k++)
			web_html(res, "<option value=\"%s\"%R>%s</option>", reply_kinds[k],
				 !strcmp(db_text(r, 2), reply_kinds[k]) ? " selected" : "", reply_kinds[k]);
		web_html(res, "</select> <button type=\"submit\">Save the reading</button></form>\n");
	}
	web_html(res, "</section>\n");
}

void work_replies_part(struct web_request *req, struct web_response *res, long long id, const char *status,
		       const char *language)
{
	(void)status;
	char **questions = NULL;
	size_t nq = 0, cap = 0;
	struct db_stmt *st = db_prepare(req->db, "SELECT text FROM questions WHERE communication_id = ?1 ORDER BY n", NULL);
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st, NULL) == 1) {
			ALLOC_GROW(questions, nq + 1, cap);
			questions[nq++] = xstrdup(db_text(st, 0) ? db_text(st, 0) : "");
		}
		db_finalize(st);
	}
	web_html(res, "<h2>Replies</h2>\n");
	st = db_prepare(req->db, "SELECT id, received, kind, late, language, source_name, created_by, body FROM replies "
				 "WHERE communication_id = ?1 ORDER BY received, id",
			NULL);
	int n = 0;
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st, NULL) == 1) {
			n++;
			one_reply(req, res, st, questions, nq);
		}
		db_finalize(st);
	}
	if (!n)
		web_html(res, "<p>No reply has come.</p>\n");
	for (size_t i = 0; i < nq; i++)
		free(questions[i]);
	free(questions);
	if (!work_has(req, ROLE_OFFICER))
		return;
	char today[11];
	web_today(today);
	web_html(res, "<h2>Log a reply</h2>\n<form class=\"stack\" method=\"post\" action=\"/work/c/%lld/reply\" "
		      "enctype=\"multipart/form-data\">",
		 id);
	work_csrf(req, res);
	web_html(res, "\n<label for=\"received\">Received on</label><input type=\"date\" id=\"received\" name=\"received\" "
		      "value=\"%s\" max=\"%s\" required>\n<label for=\"reply-language\">Language</label>"
		      "<select id=\"reply-language\" name=\"language\">",
		 today, today);
	for (size_t i = 0; i < sizeof(reply_languages) / sizeof(reply_languages[0]); i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", reply_languages[i][0],
			 !strcmp(language, reply_languages[i][0]) ? " selected" : "", reply_languages[i][1]);
	web_html(res, "</select>\n<label for=\"reply-kind\">Kind</label><select id=\"reply-kind\" name=\"kind\">"
		      "<option value=\"\">guess it from the words</option>");
	for (size_t k = 0; k < 3; k++)
		web_html(res, "<option value=\"%s\">%s</option>", reply_kinds[k], reply_kinds[k]);
	web_html(res, "</select>\n<label for=\"reply-file\">The reply's file <span class=\"hint\">PDF, Markdown or text"
		      "</span></label><input type=\"file\" id=\"reply-file\" name=\"file\" accept=\".pdf,.md,.txt,.markdown,.text\">\n"
		      "<label for=\"reply-text\">or the text of the reply</label><textarea id=\"reply-text\" name=\"text\" rows=\"8\"></textarea>\n"
		      "<p class=\"buttons\"><button type=\"submit\">File the reply</button></p>\n</form>\n");
}

void page_work_reply_add(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	char status[16] = "";
	if (id)
		wf_status(req->db, id, status);
	if (!status[0]) {
		web_error(req, res, 404, "There is no communication with this number.");
		return;
	}
	const char *why = NULL;
	int received = work_past_date(web_form(req, "received"), &why);
	if (received == DATE_NONE) {
		web_error(req, res, 400, why);
		return;
	}
	const char *language = web_form(req, "language"), *kind = web_form(req, "kind");
	if (language && !*language)
		language = NULL;
	bool known = !language;
	for (size_t i = 0; !known && i < sizeof(reply_languages) / sizeof(reply_languages[0]); i++)
		known = !strcmp(language, reply_languages[i][0]);
	if (!known) {
		web_error(req, res, 400, "Give the reply's language: en, fr, es, ru, ar or zh.");
		return;
	}
	if (kind && !*kind)
		kind = NULL;
	if (kind && !reply_kind_valid(kind)) {
		web_error(req, res, 400, "Give the reply's kind: acknowledgement, substantive or rejection.");
		return;
	}
	const struct web_field *file = web_form_field(req, "file");
	const char *text = web_form(req, "text");
	char name[101];
	const char *bytes;
	size_t len;
	if (file && file->filename && file->value_len) {
		upload_name(file->filename, "reply.txt", name);
		bytes = file->value;
		len = file->value_len;
	} else if (text && text[strspn(text, " \t\r\n")]) {
		snprintf(name, sizeof(name), "pasted-reply.txt");
		bytes = text;
		len = strlen(text);
	} else {
		web_error(req, res, 400, "Upload the reply's file, or paste its text.");
		return;
	}
	struct reply_in in = {.path = name, .bytes = bytes, .len = len, .received = received, .language = language,
			      .kind = kind, .actor = req->user->name};
	struct error err;
	long long rid = reply_add(req->db, id, &in, &err);
	if (rid < 0) {
		web_error(req, res, 400, err.message);
		return;
	}
	char to[80];
	snprintf(to, sizeof(to), "/work/c/%lld?filed=1#reply-%lld", id, rid);
	web_redirect(res, to);
}

void page_work_reply_mark(struct web_request *req, struct web_response *res)
{
	long long rid = work_capture_id(req);
	char arg[24];
	snprintf(arg, sizeof(arg), "%lld", rid);
	long long id = rid ? db_query_int(req->db, 0, "SELECT communication_id FROM replies WHERE id = ?", arg, (const char *)NULL) : 0;
	if (!id) {
		web_error(req, res, 404, "There is no reply with this number.");
		return;
	}
	struct error err;
	if (db_begin(req->db, &err) < 0) {
		web_error(req, res, 503, err.message);
		return;
	}
	int rc = 0;
	/* every question's reading, or none: the form is one reading of the reply */
	struct db_stmt *st = db_prepare(req->db, "SELECT question_n FROM reply_answers WHERE reply_id = ?1 ORDER BY question_n", &err);
	long long *ns = NULL;
	size_t count = 0, cap = 0;
	if (!st)
		rc = -1;
	else {
		db_bind_int(st, 1, rid);
		while (db_step(st, NULL) == 1) {
			ALLOC_GROW(ns, count + 1, cap);
			ns[count++] = db_int(st, 0);
		}
		db_finalize(st);
	}
	int status = 400;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		char field[24];
		snprintf(field, sizeof(field), "q%lld", ns[i]);
		const char *v = web_form(req, field);
		if (!v)
			continue;
		int reading = reply_reading_parse(v);
		if (reading < 0)
			rc = error_set(&err, "question %lld: give answered, partly or not-answered", ns[i]);
		else
			rc = reply_mark(req->db, rid, (int)ns[i], (enum reply_reading)reading, req->user->name, &err);
	}
	free(ns);
	const char *kind = web_form(req, "kind");
	if (rc == 0 && kind && *kind)
		rc = reply_set_kind(req->db, rid, kind, &err);
	if (rc < 0 || db_commit(req->db, &err) < 0) {
		if (rc < 0)
			db_rollback(req->db);
		web_error(req, res, status, err.message);
		return;
	}
	char to[80];
	snprintf(to, sizeof(to), "/work/c/%lld?marked=1#reply-%lld", id, rid);
	web_redirect(res, to);
}

/* --- uploading a letter to ingest it ----------------------------------------------------- */

static void upload_form(struct web_request *req, struct web_response *res, int status, const char *message)
{
	res->status = status;
	work_begin(req, res, "Upload a letter");
	web_html(res, "<h1>Upload a letter</h1>\n<p>A letter file (PDF, Markdown or text) is read as <code>rapporteur "
		      "ingest</code> reads it and shown to you; it is stored only when you confirm.</p>\n");
	if (web_query(req, "cancelled"))
		web_html(res, "<p class=\"notice\" role=\"status\">The upload is cancelled; nothing was stored.</p>\n");
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res, "<form class=\"stack\" method=\"post\" action=\"/work/upload\" enctype=\"multipart/form-data\">");
	work_csrf(req, res);
	web_html(res, "\n<label for=\"letter-file\">The letter's file</label><input type=\"file\" id=\"letter-file\" "
		      "name=\"file\" accept=\".pdf,.md,.txt,.markdown,.text\" required>\n"
		      "<p class=\"buttons\"><button type=\"submit\">Read it</button></p>\n</form>\n");
	work_end(req, res);
}

void page_work_upload_form(struct web_request *req, struct web_response *res)
{
	upload_form(req, res, 200, NULL);
}

/* The communication already held under reference: 0 if none; *drafted
 * when it was drafted and sent here (an upload never replaces those). */
static long long held(struct db *db, const char *reference, bool *drafted)
{
	*drafted = false;
	struct db_stmt *st = db_prepare(db, "SELECT id, origin FROM communications WHERE reference = ?1", NULL);
	long long id = 0;
	if (st) {
		db_bind_text(st, 1, reference);
		if (db_step(st, NULL) == 1) {
			id = db_int(st, 0);
			*drafted = db_text(st, 1) && !strcmp(db_text(st, 1), "drafted");
		}
		db_finalize(st);
	}
	return id;
}

static void parsed_html(struct web_response *res, const struct letter *l)
{
	char date[11] = "-", due[11] = "-";
	if (l->date != DATE_NONE)
		date_format_iso(l->date, date);
	if (l->reply_due != DATE_NONE)
		date_format_iso(l->reply_due, due);
	web_html(res, "<dl class=\"facts\"><dt>Reference</dt><dd>%s</dd><dt>Type</dt><dd>%s</dd><dt>Addressee</dt><dd>%s</dd>"
		      "<dt>Date</dt><dd>%s</dd><dt>Language</dt><dd>%s</dd><dt>Reply due</dt><dd>%s</dd></dl>\n",
		 l->reference ? l->reference : "(none found)", l->type[0] ? l->type : "-",
		 l->country[0] ? work_country_name(l->country) : "-", date, l->language, due);
	web_html(res, "<h2>Mandates (%zu)</h2>\n<ol>\n", l->mandates_count);
	for (size_t i = 0; i < l->mandates_count; i++)
		web_html(res, "<li>%s %R%s%R%s</li>\n", l->mandates[i].title, l->mandates[i].slug ? "<code>" : "",
			 l->mandates[i].slug ? l->mandates[i].slug : "(not a mandate the knowledge base knows)",
			 l->mandates[i].slug ? "</code>" : "", l->mandates[i].resolution ? l->mandates[i].resolution : "");
	web_html(res, "</ol>\n<h2>Questions (%zu)</h2>\n<ol>\n", l->questions_count);
	for (size_t i = 0; i < l->questions_count; i++)
		web_html(res, "<li value=\"%d\">%s</li>\n", l->questions[i].n, l->questions[i].text);
	web_html(res, "</ol>\n");
	if (l->related_count) {
		web_html(res, "<h2>Earlier communications cited</h2>\n<ul>\n");
		for (size_t i = 0; i < l->related_count; i++)
			web_html(res, "<li>%s</li>\n", l->related[i]);
		web_html(res, "</ul>\n");
	}
	web_html(res, "<h2>Warnings (%zu)</h2>\n", l->warnings_count);
	if (l->warnings_count) {
		web_html(res, "<ul class=\"warnings\">\n");
		for (size_t i = 0; i < l->warnings_count; i++)
			web_html(res, "<li>%s</li>\n", l->warnings[i]);
		web_html(res, "</ul>\n");
	} else {
		web_html(res, "<p>None: everything the reader looks for was found.</p>\n");
	}
}

static char *hex_encode(const char *bytes, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *out = xmalloc(len * 2 + 1);
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[(unsigned char)bytes[i] >> 4];
		out[2 * i + 1] = digits[(unsigned char)bytes[i] & 15];
	}
	out[len * 2] = '\0';
	return out;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char *hex_decode(const char *hex, size_t *len)
{
	size_t n = strlen(hex) / 2;
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		int a = hex_value(hex[2 * i]), b = hex_value(hex[2 * i + 1]);
		if (a < 0 || b < 0) {
			free(out);
			return NULL;
		}
		out[i] = (char)(a << 4 | b);
	}
	out[n] = '\0';
	*len = n;
	return out;
}

void page_work_upload(struct web_request *req, struct web_response *res)
{
	const struct web_field *file = web_form_field(req, "file");
	if (!file || !file->filename || !file->value_len) {
		upload_form(req, res, 400, "Choose the letter's file.");
		return;
	}
	char name[101];
	upload_name(file->filename, "letter.txt", name);
	struct letter l;
	struct error err;
	if (letterfile_parse_bytes(name, file->value, file->value_len, &l, &err) < 0) {
		upload_form(req, res, 400, err.message);
		return;
	}
	bool drafted = false;
	long long existing = l.reference ? held(req->db, l.reference, &drafted) : 0;
	const char *refusal = !l.reference ? "No reference was found (a line such as \"Ref.: AL KAZ 2/2024\"): a letter "
					     "cannot be stored without one."
			      : drafted	   ? "This reference belongs to a letter drafted and sent here: an uploaded file "
					     "never replaces it."
					   : NULL;
	char token[SECRET_TOKEN_HEX] = "";
	if (!refusal) {
		char hash[SECRET_TOKEN_HEX];
		secret_token(token);
		secret_token_hash(token, hash);
		char *content = hex_encode(file->value, file->value_len);
		long long now = (long long)time(NULL);
		struct db_stmt *st = db_prepare(req->db, "DELETE FROM uploads WHERE created <= ?1", NULL);
		if (st) {
			db_bind_int(st, 1, now - UPLOAD_KEEP_S);
			db_step(st, NULL);
			db_finalize(st);
		}
		st = db_prepare(req->db, "INSERT INTO uploads(token_hash, user_id, name, content, created) VALUES (?1, ?2, ?3, ?4, ?5)",
				&err);
		int rc = st ? 0 : -1;
		if (st) {
			db_bind_text(st, 1, hash);
			db_bind_int(st, 2, req->user->id);
			db_bind_text(st, 3, name);
			db_bind_text(st, 4, content);
			db_bind_int(st, 5, now);
			rc = db_step(st, &err) < 0 ? -1 : 0;
			db_finalize(st);
		}
		free(content);
		if (rc < 0) {
			letter_release(&l);
			web_error(req, res, 503, "The upload cannot be kept just now; try again in a moment.");
			return;
		}
	}
	if (refusal)
		res->status = 422;
	work_begin(req, res, "The letter as read");
	web_html(res, "<h1>%s, as read</h1>\n<p>Check what was read before storing it.</p>\n", name);
	if (refusal)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", refusal);
	else if (existing)
		web_html(res, "<p class=\"notice\">%s is held already: storing this file replaces the letter held (unless it "
			      "is the same file).</p>\n",
			 l.reference);
	parsed_html(res, &l);
	if (!refusal) {
		web_html(res, "<form method=\"post\" action=\"/work/upload/confirm\">");
		work_csrf(req, res);
		web_html(res, "<input type=\"hidden\" name=\"token\" value=\"%s\"><p class=\"buttons\"><button type=\"submit\" "
			      "name=\"action\" value=\"store\">Store %s</button><button type=\"submit\" name=\"action\" "
			      "value=\"cancel\">Cancel</button></p></form>\n",
			 token, l.reference);
	} else {
		web_html(res, "<p><a href=\"/work/upload\">Upload another file</a></p>\n");
	}
	letter_release(&l);
	work_end(req, res);
}

void page_work_upload_confirm(struct web_request *req, struct web_response *res)
{
	const char *token = web_form(req, "token");
	if (!token || strlen(token) != 64) {
		web_error(req, res, 400, "The confirmation does not name an upload.");
		return;
	}
	char hash[SECRET_TOKEN_HEX];
	secret_token_hash(token, hash);
	/* only the officer who uploaded it confirms it, within the hour */
	struct db_stmt *st = db_prepare(req->db, "SELECT name, content FROM uploads WHERE token_hash = ?1 AND user_id = ?2 "
						 "AND created > ?3",
					NULL);
	char name[101] = "";
	char *bytes = NULL;
	size_t len = 0;
	if (st) {
		db_bind_text(st, 1, hash);
		db_bind_int(st, 2, req->user->id);
		db_bind_int(st, 3, (long long)time(NULL) - UPLOAD_KEEP_S);
		if (db_step(st, NULL) == 1) {
			snprintf(name, sizeof(name), "%s", db_text(st, 0));
			bytes = hex_decode(db_text(st, 1), &len);
		}
		db_finalize(st);
	}
	if (!bytes) {
		web_error(req, res, 404, "This upload is no longer waiting (an upload waits an hour): upload the file again.");
		return;
	}
	st = db_prepare(req->db, "DELETE FROM uploads WHERE token_hash = ?1", NULL);
	if (st) {
		db_bind_text(st, 1, hash);
		db_step(st, NULL);
		db_finalize(st);
	}
	const char *action = web_form(req, "action");
	if (action && !strcmp(action, "cancel")) {
		free(bytes);
		web_redirect(res, "/work/upload?cancelled=1");
		return;
	}
	/* read again, as ingest would: the record stored is the file's */
	struct letter l;
	struct error err;
	bool drafted = false;
	if (letterfile_parse_bytes(name, bytes, len, &l, &err) < 0) {
		free(bytes);
		web_error(req, res, 400, err.message);
		return;
	}
	if (!l.reference || (held(req->db, l.reference, &drafted), drafted)) {
		letter_release(&l);
		free(bytes);
		web_error(req, res, 409, "This letter cannot be stored: it has no reference, or its reference belongs to a "
					 "letter drafted here.");
		return;
	}
	char sha[65];
	sha256_hex(bytes, len, sha);
	free(bytes);
	enum store_outcome outcome;
	int rc = store_put_letter(req->db, &l, name, sha, &outcome, NULL, &err);
	if (rc == 0 && outcome != STORE_UNCHANGED && wf_fill_dates(req->db, &err) < 0)
		rc = -1;
	if (rc < 0) {
		letter_release(&l);
		web_error(req, res, 500, err.message);
		return;
	}
	long long id = store_find_communication(req->db, l.reference);
	work_begin(req, res, "Letter stored");
	web_html(res, "<h1>%s %s</h1>\n<p class=\"notice\" role=\"status\">%s</p>\n<p><a href=\"/work/c/%lld\">Open %s</a> "
		      "&middot; <a href=\"/work/upload\">Upload another letter</a></p>\n",
		 l.reference,
		 outcome == STORE_ADDED ? "stored" : outcome == STORE_UPDATED ? "replaced" : "unchanged",
		 outcome == STORE_ADDED	    ? "The letter is stored, with its publication date and session."
		 : outcome == STORE_UPDATED ? "The letter held under this reference is replaced by this file."
					    : "This very file was stored already: nothing changed.",
		 id, l.reference);
	letter_release(&l);
	work_end(req, res);
}
