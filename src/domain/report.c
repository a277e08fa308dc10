/*
 * report.c - session reports and reply statistics. See report.h.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../render/html.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "render.h"

/* The report is written once, as Markdown or as HTML (cmark has no
 * tables, so the HTML is written here, every text escaped). */
static bool html;

/* Text for a table cell: no pipes or line breaks in Markdown, escaped in HTML. */
static void cell(struct buf *b, const char *s)
{
	if (html) {
		char *e = html_escape(s);
		buf_adds(b, e);
		free(e);
		return;
	}
	for (const char *p = s ? s : ""; *p; p++)
		buf_addch(b, *p == '|' ? '/' : *p == '\n' ? ' ' : *p);
}

static void heading(struct buf *b, int level, const char *text)
{
	if (html) {
		char *e = html_escape(text);
		buf_addf(b, "<h%d>%s</h%d>\n", level, e, level);
		free(e);
	} else {
		buf_addf(b, "\n%.*s %s\n\n", level, "######", text);
	}
}

static void para(struct buf *b, const char *text)
{
	if (html) {
		char *e = html_escape(text);
		buf_addf(b, "<p>%s</p>\n", e);
		free(e);
	} else {
		buf_addf(b, "%s\n\n", text);
	}
}

static void day(const struct kb *kb, const char *iso, struct buf *b)
{
	int d = iso ? date_parse_iso(iso) : DATE_NONE;
	if (d == DATE_NONE) {
		buf_adds(b, "-");
		return;
	}
	char s[64];
	render_date(kb, d, KB_EN, s, sizeof(s));
	buf_adds(b, s);
}

/* The replies to communication id as "18 June 2024 (substantive); ...". */
static void replies_of(struct db *db, const struct kb *kb, long long id, const char *from, const char *to,
		       struct buf *b)
{
	struct db_stmt *st = db_prepare(db, "SELECT received, kind, late FROM replies WHERE communication_id = ?1 "
					    "AND received >= coalesce(?2, received) AND received <= coalesce(?3, received) "
					    "ORDER BY received, id", NULL);
	if (!st)
		return;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int n = 0;
	while (db_step(st, NULL) == 1) {
		if (n++)
			buf_adds(b, "; ");
		day(kb, db_text(st, 0), b);
		buf_addf(b, " (%s%s)", db_text(st, 1), db_int(st, 2) ? ", late" : "");
	}
	db_finalize(st);
	if (!n)
		buf_adds(b, "No reply");
}

/* One part of the report: the rows of sql (id, country, date, reference,
 * mandates), grouped by addressee. */
static int part(struct db *db, const struct kb *kb, struct buf *out, const char *sql, const char *a, const char *b,
		const char *p3, const char *reply_from, const char *reply_to, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	if (p3)
		db_bind_text(st, 3, p3);
	char last[8] = "";
	int rows = 0;
	const char *open = html ? "<tr><td>" : "| ", *sep = html ? "</td><td>" : " | ", *close = html ? "</td></tr>\n" : " |\n";
	while (db_step(st, NULL) == 1) {
		const char *country = db_text(st, 1) ? db_text(st, 1) : "-";
		if (strcmp(country, last)) {
			const struct kb_country *c = kb_country(kb, country);
			if (rows && html)
				buf_adds(out, "</tbody></table>\n");
			heading(out, 3, c ? c->name[KB_EN] : country);
			buf_adds(out, html ? "<table>\n<thead><tr><th>Date</th><th>Reference</th><th>Mandates</th><th>Replies</th></tr></thead><tbody>\n"
					   : "| Date | Reference | Mandates | Replies |\n|---|---|---|---|\n");
			snprintf(last, sizeof(last), "%s", country);
		}
		struct buf replies = BUF_INIT, when = BUF_INIT;
		day(kb, db_text(st, 2), &when);
		replies_of(db, kb, db_int(st, 0), reply_from, reply_to, &replies);
		buf_adds(out, open);
		cell(out, when.data);
		buf_adds(out, sep);
		cell(out, db_text(st, 3));
		buf_adds(out, sep);
		cell(out, db_text(st, 4));
		buf_adds(out, sep);
		cell(out, replies.data);
		buf_adds(out, close);
		buf_release(&replies);
		buf_release(&when);
		rows++;
	}
	db_finalize(st);
	if (rows && html)
		buf_adds(out, "</tbody></table>\n");
	if (!rows)
		para(out, "None.");
	return rows;
}

#define REPORT_ROWS                                                                                         \
	"SELECT c.id, c.country, c.date, c.reference, "                                                     \
	"(SELECT group_concat(name, ', ') FROM (SELECT coalesce(m.slug, m.title) AS name "                  \
	" FROM communication_mandates m WHERE m.communication_id = c.id ORDER BY m.position) m) "             \
	"FROM communications c LEFT JOIN countries k ON k.alpha3 = c.country "                                \
	"WHERE c.reference IS NOT NULL AND c.status NOT IN ('draft', 'approved') "                            \
	"AND c.procedure NOT IN ('wgad-regular', 'wgeid-case') "

char *report_session(struct db *db, int session, bool as_html, struct error *err)
{
	html = as_html;
	const struct kb *kb = kb_shared();
	const struct kb_session *s = kb_session(kb, session);
	if (!s) {
		error_set(err, "session %d: not in the knowledge base (data/hrc-sessions.json holds sessions %d to %d)",
			  session, kb->session_count ? kb->sessions[0].session : 0,
			  kb->session_count ? kb->sessions[kb->session_count - 1].session : 0);
		return NULL;
	}
	char sf[11], st[11], rf[11], rt[11];
	date_format_iso(s->sent_from, sf);
	date_format_iso(s->sent_to, st);
	date_format_iso(s->replies_from, rf);
	date_format_iso(s->replies_to, rt);
	char opens[64], closes[64], a[64], b[64], c[64], d[64];
	render_date(kb, s->opens, KB_EN, opens, sizeof(opens));
	render_date(kb, s->closes, KB_EN, closes, sizeof(closes));
	render_date(kb, s->sent_from, KB_EN, a, sizeof(a));
	render_date(kb, s->sent_to, KB_EN, b, sizeof(b));
	render_date(kb, s->replies_from, KB_EN, c, sizeof(c));
	render_date(kb, s->replies_to, KB_EN, d, sizeof(d));
	struct buf out = BUF_INIT, line = BUF_INIT;
	if (!html)
		buf_adds(&out, "# Communications report of Special Procedures\n\n");
	buf_addf(&line, "Human Rights Council, session %d (%s to %s)%s%s", session, opens, closes,
		 s->report_symbol ? ", " : "", s->report_symbol ? s->report_symbol : "");
	para(&out, line.data);
	buf_reset(&line);
	buf_addf(&line, "Communications sent from %s to %s, and replies received from %s to %s. "
			"Cases of the Working Group on Arbitrary Detention under its regular procedure and of the "
			"Working Group on Enforced or Involuntary Disappearances are reported by those Working Groups "
			"and are not listed here.", a, b, c, d);
	para(&out, line.data);
	buf_reset(&line);
	buf_addf(&line, "A. Communications sent from %s to %s, and the replies received to them", a, b);
	heading(&out, 2, line.data);
	int ra = part(db, kb, &out, REPORT_ROWS "AND c.date >= ?1 AND c.date <= ?2 ORDER BY k.name_en, c.country, c.date, c.reference",
		      sf, st, NULL, NULL, rt, err);
	buf_reset(&line);
	buf_addf(&line, "B. Replies received from %s to %s to communications sent before %s", c, d, a);
	heading(&out, 2, line.data);
	int rb = ra < 0 ? -1 : part(db, kb, &out,
		      REPORT_ROWS "AND c.date < ?3 AND EXISTS (SELECT 1 FROM replies r WHERE r.communication_id = c.id "
				  "AND r.received >= ?1 AND r.received <= ?2) ORDER BY k.name_en, c.country, c.date, c.reference",
		      rf, rt, sf, rf, rt, err);
	buf_reset(&line);
	buf_addf(&line, "%d communications sent in the period; %d earlier communications with replies in the period.", ra, rb);
	para(&out, line.data);
	buf_release(&line);
	if (ra < 0 || rb < 0)
		goto fail;
	return buf_detach(&out);
fail:
	buf_release(&out);
	return NULL;
}

static const char *const group_sql[] = {
	[STATS_STATE] = "c.country",
	[STATS_MANDATE] = "m.slug",
	[STATS_YEAR] = "substr(c.date, 1, 4)",
	[STATS_TYPE] = "c.type",
	[STATS_ALL] = "'all'",
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int stats_replies(struct db *db, enum stats_by by, struct stats_row **rows, size_t *count, struct error *err)
{
	struct buf sql = BUF_INIT;
	buf_addf(&sql, "SELECT %s AS k, c.id, c.date, c.reply_due, "
		       "(SELECT min(received) FROM replies r WHERE r.communication_id = c.id) "
		       "FROM communications c %s WHERE c.reference IS NOT NULL AND c.date IS NOT NULL "
		       "AND c.status NOT IN ('draft', 'approved') ORDER BY k",
		 group_sql[by], by == STATS_MANDATE ? "JOIN communication_mandates m ON m.communication_id = c.id" : "");
	struct db_stmt *st = db_prepare(db, sql.data, err);
	buf_release(&sql);
	if (!st)
		return -1;
	*rows = NULL;
	*count = 0;
	size_t cap = 0, dn = 0, dcap = 0;
	double *days = NULL;
	struct stats_row *cur = NULL;
	for (;;) {
		int rc = db_step(st, NULL);
		const char *k = rc == 1 ? (db_text(st, 0) ? db_text(st, 0) : "(unknown)") : NULL;
		if (cur && (!k || strcmp(k, cur->key))) {
			if (dn) {
				qsort(days, dn, sizeof(double), cmp_double);
				cur->median_days = dn % 2 ? days[dn / 2] : (days[dn / 2 - 1] + days[dn / 2]) / 2;
			}
			dn = 0;
			cur = NULL;
		}
		if (!k)
			break;
		if (!cur) {
			ALLOC_GROW(*rows, *count + 1, cap);
			cur = &(*rows)[(*count)++];
			memset(cur, 0, sizeof(*cur));
			cur->key = xstrdup(k);
			cur->median_days = -1;
		}
		cur->communications++;
		if (db_text(st, 4)) {
			int sent = date_parse_iso(db_text(st, 2)), first = date_parse_iso(db_text(st, 4));
			int due = db_text(st, 3) ? date_parse_iso(db_text(st, 3)) : DATE_NONE;
			cur->replied++;
			if (due != DATE_NONE && first <= due)
				cur->on_time++;
			ALLOC_GROW(days, dn + 1, dcap);
			days[dn++] = first - sent;
		}
	}
	db_finalize(st);
	free(days);
	/* largest groups first, then by name */
	for (size_t i = 1; i < *count; i++)
		for (size_t j = i; j > 0 && (*rows)[j].communications > (*rows)[j - 1].communications; j--) {
			struct stats_row t = (*rows)[j];
			(*rows)[j] = (*rows)[j - 1];
			(*rows)[j - 1] = t;
		}
	return 0;
}

void stats_release(struct stats_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(rows[i].key);
	free(rows);
}
