/*
 * pages_stats.c - the figures of the public record: a page per addressee
 * (/addressee/KAZ), per mandate (/mandate/torture), and the statistics
 * page (/stats) with its charts drawn as SVG here (svg.c), each with the
 * table of its numbers beside it for screen readers and copying. The
 * figures come from public_record.c, public communications only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/public_record.h"
#include "../domain/public_situation.h"
#include "../util/die.h"
#include "pages.h"
#include "public_common.h"
#include "svg.h"

static const char *js(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long ji(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* "42%" of a reply rate, or "-". */
static void percent(char out[16], json_t *rate)
{
	if (json_is_number(rate))
		snprintf(out, 16, "%.0f%%", json_number_value(rate) * 100);
	else
		snprintf(out, 16, "-");
}

/* The headline figures of a group (public_record.h's tally). */
static void figures(struct web_response *res, json_t *f)
{
	char rate[16], median[32] = "-";
	percent(rate, json_object_get(f, "reply_rate"));
	json_t *m = json_object_get(f, "median_days_to_reply");
	if (json_is_number(m))
		snprintf(median, sizeof(median), "%.0f", json_number_value(m));
	web_html(res,
	         "<div class=\"figures\"><div><strong>%lld</strong> communications</div>"
	         "<div><strong>%s</strong> replied to (%lld)</div>"
	         "<div><strong>%lld</strong> replied in time</div><div><strong>%lld</strong> "
	         "replied late</div>"
	         "<div><strong>%s</strong> median days to the first reply</div>"
	         "<div><strong>%lld</strong> overdue, no reply</div></div>\n",
	         ji(f, "communications"), rate, ji(f, "replied"), ji(f, "replied_in_time"),
	         ji(f, "replied_late"), median, ji(f, "overdue"));
}

/* Communications per year as columns (replied the darker part), with the table. */
static void per_year_chart(struct web_response *res, json_t *years, const char *id,
                           const char *title)
{
	size_t n = json_array_size(years);
	if (!n)
		return;
	struct svg_bar *bars = xcalloc(n, sizeof(*bars));
	char(*labels)[8] = xcalloc(n, sizeof(*labels));
	char(*tips)[96] = xcalloc(n, sizeof(*tips));
	char(*values)[24] = xcalloc(n, sizeof(*values));
	for (size_t i = 0; i < n; i++) {
		json_t *y = json_array_get(years, i);
		snprintf(labels[i], 8, "%lld", ji(y, "year"));
		snprintf(tips[i], 96, "%lld: %lld communications, %lld replied to", ji(y, "year"),
		         ji(y, "communications"), ji(y, "replied"));
		snprintf(values[i], 24, "%lld", ji(y, "communications"));
		bars[i] = (struct svg_bar){labels[i], (double)ji(y, "communications"),
		                           (double)ji(y, "replied"), tips[i], values[i]};
	}
	web_html(res, "<figure class=\"chart-wrap\">\n");
	svg_columns(
	    &res->body, id, title,
	    "Bars: communications sent each year; the darker part of each bar: those with a reply.",
	    bars, n, 0);
	web_html(res, "<figcaption>%s. Darker: replied to.</figcaption></figure>\n", title);
	web_html(res, "<details><summary>The numbers</summary><table><thead><tr><th>Year</th><th "
	              "class=\"n\">Communications"
	              "</th><th class=\"n\">Replied to</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		json_t *y = json_array_get(years, i);
		web_html(
		    res,
		    "<tr><td>%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
		    ji(y, "year"), ji(y, "communications"), ji(y, "replied"));
	}
	web_html(res, "</tbody></table></details>\n");
	free(bars);
	free(labels);
	free(tips);
	free(values);
}

/* Most cited provisions as bars, with links to the letters citing each. */
static void provisions_chart(struct web_response *res, json_t *list, const char *id,
                             const char *title)
{
	size_t n = json_array_size(list);
	if (!n)
		return;
	struct svg_bar *bars = xcalloc(n, sizeof(*bars));
	char(*labels)[64] = xcalloc(n, sizeof(*labels));
	char(*tips)[96] = xcalloc(n, sizeof(*tips));
	char(*values)[24] = xcalloc(n, sizeof(*values));
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(list, i);
		snprintf(labels[i], 64, "%s art. %s", js(p, "instrument"), js(p, "article"));
		snprintf(tips[i], 96, "%s: cited in %lld communications", labels[i],
		         ji(p, "communications"));
		snprintf(values[i], 24, "%lld", ji(p, "communications"));
		bars[i] = (struct svg_bar){labels[i], (double)ji(p, "communications"), -1, tips[i],
		                           values[i]};
	}
	web_html(res, "<figure class=\"chart-wrap\">\n");
	svg_bars(&res->body, id, title, "Bars: how many communications cite each provision.", bars,
	         n, 0);
	web_html(res,
	         "<figcaption>%s.</figcaption></figure>\n<details><summary>The "
	         "numbers</summary><table><thead><tr>"
	         "<th>Provision</th><th class=\"n\">Communications</th></tr></thead><tbody>\n",
	         title);
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(list, i);
		web_html(res,
		         "<tr><td><a href=\"/search?instrument=%u&amp;article=%u\">%s</a></td><td "
		         "class=\"n\">%lld</td>"
		         "</tr>\n",
		         js(p, "instrument"), js(p, "article"), labels[i], ji(p, "communications"));
	}
	web_html(res, "</tbody></table></details>\n");
	free(bars);
	free(labels);
	free(tips);
	free(values);
}

/* A list of communications (public_record.c's list items). */
static void latest_table(struct web_response *res, json_t *list)
{
	if (!json_array_size(list)) {
		web_html(res, "<p>No communication has been published.</p>\n");
		return;
	}
	web_html(
	    res,
	    "<table class=\"stack\"><thead><tr><th>Reference</th><th>Addressee</th><th>Sent</th>"
	    "<th>Reply</th></tr></thead><tbody>\n");
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
	{
		json_t *a = json_object_get(c, "addressee");
		const char *status = js(c, "reply_status");
		web_html(res,
		         "<tr><td><a href=\"/c/%u\">%s</a></td><td>%s</td><td>%s</td>"
		         "<td><span class=\"tag reply-%s\">%s</span></td></tr>\n",
		         js(c, "slug"), js(c, "reference"),
		         js(a, "name") ? js(a, "name") : js(a, "code"), js(c, "date"), status,
		         reply_status_name(status));
	}
	web_html(res, "</tbody></table>\n");
}

void page_addressee(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	const char *code = req->captures[0];
	json_t *a = strlen(code) == 3 ? public_addressee(req->db, code, today) : NULL;
	if (!a) {
		web_error(
		    req, res, 404,
		    "There is no addressee with this code; addressees are ISO 3166-1 alpha-3 codes "
		    "such as KAZ.");
		return;
	}
	json_t *f = json_object_get(a, "figures");
	web_page_begin(req, res, js(a, "name"));
	web_html(
	    res,
	    "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Public record</a> › "
	    "<a href=\"/stats\">Statistics</a> › %s</nav>\n<h1>%s</h1>\n",
	    js(a, "name"), js(a, "name"));
	figures(res, f);
	web_html(
	    res,
	    "<p class=\"noprint\"><a href=\"/search?addressee=%u\">Search its communications</a> · "
	    "<a href=\"/api/v1/addressees/%u\">JSON</a></p>\n",
	    js(a, "code"), js(a, "code"));
	web_html(res, "<h2>Communications per year</h2>\n");
	per_year_chart(res, json_object_get(a, "per_year"), "per-year", "Communications per year");
	web_html(res, "<h2>Most cited provisions</h2>\n");
	provisions_chart(res, json_object_get(a, "provisions"), "provisions",
	                 "Provisions cited most often");
	web_html(res, "<h2>Latest communications</h2>\n");
	latest_table(res, json_object_get(a, "latest"));
	if (ji(f, "communications") > (long long)json_array_size(json_object_get(a, "latest")))
		web_html(res,
		         "<p><a href=\"/search?addressee=%u\">All %lld communications</a></p>\n",
		         js(a, "code"), ji(f, "communications"));
	web_page_end(req, res);
	json_decref(a);
}

void page_mandate(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	json_t *m = public_mandate(req->db, req->captures[0], today);
	if (!m) {
		web_error(req, res, 404, "There is no mandate with this name.");
		return;
	}
	json_t *f = json_object_get(m, "figures");
	web_page_begin(req, res, js(m, "title"));
	web_html(
	    res,
	    "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Public record</a> › "
	    "<a href=\"/stats\">Statistics</a> › %s</nav>\n<h1>%s</h1>\n",
	    js(m, "slug"), js(m, "title"));
	json_t *resolutions = json_object_get(m, "resolutions"),
	       *holders = json_object_get(m, "holders");
	web_html(res, "<dl class=\"facts\"><dt>Kind</dt><dd>%s</dd>", js(m, "kind"));
	if (js(m, "established"))
		web_html(res, "<dt>Established</dt><dd>%s</dd>", js(m, "established"));
	if (json_array_size(resolutions)) {
		web_html(res, "<dt>Resolutions</dt><dd>");
		size_t i;
		json_t *r;
		json_array_foreach(resolutions, i, r)
		{
			web_html(res, "%R%s %s (%s)", i ? "; " : "",
			         js(r, "body") ? js(r, "body") : "", js(r, "symbol"),
			         js(r, "adopted"));
		}
		web_html(res, "</dd>");
	}
	if (json_array_size(holders)) {
		web_html(res, "<dt>Holders</dt><dd>");
		size_t i;
		json_t *h;
		json_array_foreach(holders, i, h)
		{
			web_html(res, "%R%s (%s to %s)", i ? "; " : "", js(h, "name"),
			         js(h, "from"), js(h, "to") ? js(h, "to") : "today");
		}
		web_html(res, "</dd>");
	}
	web_html(res, "</dl>\n");
	figures(res, f);
	web_html(
	    res,
	    "<p class=\"noprint\"><a href=\"/search?mandate=%u\">Search its communications</a> · "
	    "<a href=\"/api/v1/mandates/%u\">JSON</a></p>\n",
	    js(m, "slug"), js(m, "slug"));
	web_html(res, "<h2>Communications per year</h2>\n");
	per_year_chart(res, json_object_get(m, "per_year"), "per-year", "Communications per year");
	web_html(res, "<h2>Addressees</h2>\n<table class=\"stack\"><thead><tr><th>Addressee</th>"
	              "<th class=\"n\">Communications</th><th class=\"n\">Replied "
	              "to</th></tr></thead><tbody>\n");
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(m, "by_addressee"), i, g)
	{
		if (i == 30)
			break;
		char rate[16];
		percent(rate, json_object_get(g, "reply_rate"));
		web_html(res,
		         "<tr><td><a href=\"/addressee/%u\">%s</a></td><td class=\"n\">%lld</td>"
		         "<td class=\"n\">%s</td></tr>\n",
		         js(g, "key"), js(g, "label"), ji(g, "communications"), rate);
	}
	web_html(res, "</tbody></table>\n<h2>Most cited provisions</h2>\n");
	provisions_chart(res, json_object_get(m, "provisions"), "provisions",
	                 "Provisions cited most often");
	web_html(res, "<h2>Latest communications</h2>\n");
	latest_table(res, json_object_get(m, "latest"));
	web_page_end(req, res);
	json_decref(m);
}

/* The situations with a published communication: each a page with its
 * accountability funnel (pages_situation.c). */
static void situations_list(struct web_request *req, struct web_response *res, const char *today)
{
	struct error err;
	json_t *list = public_situations(req->db, today, &err);
	if (!json_array_size(list)) {
		json_decref(list);
		return;
	}
	web_html(res, "<h2 id=\"situations\">Situations: from complaints to convictions</h2>\n"
	              "<p>The communications about one set of events, with the figures they and the "
	              "replies report and what does not add up.</p>\n<ul>\n");
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s)
	{
		web_html(res, "<li><a href=\"/situation/%u\">%s</a>: %lld communication%s, %lld figure%s</li>\n",
		         js(s, "slug"), js(s, "title"), ji(s, "communications"),
		         ji(s, "communications") == 1 ? "" : "s", ji(s, "figures"),
		         ji(s, "figures") == 1 ? "" : "s");
	}
	web_html(res, "</ul>\n");
	json_decref(list);
}

void page_stats(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	json_t *s = public_stats(req->db, today);
	web_page_begin(req, res, "Statistics");
	web_html(res,
	         "<h1>Statistics of the public record</h1>\n<p>Published communications as of ");
	web_html(res,
	         "%s. A reply counts from the day it was received; \"in time\" means by the date "
	         "the letter "
	         "asked for it.</p>\n",
	         today);
	figures(res, json_object_get(s, "totals"));
	web_html(res,
	         "<p class=\"noprint\"><a href=\"/api/v1/stats\">These figures as JSON</a></p>\n"
	         "<h2>Communications per year</h2>\n");
	per_year_chart(res, json_object_get(s, "per_year"), "per-year", "Communications per year");

	/* reply rates of the 20 addressees with the most communications */
	json_t *by = json_object_get(s, "by_addressee");
	size_t n = json_array_size(by) < 20 ? json_array_size(by) : 20;
	web_html(res, "<h2>Reply rates by State</h2>\n");
	if (n) {
		struct svg_bar *bars = xcalloc(n, sizeof(*bars));
		char(*tips)[160] = xcalloc(n, sizeof(*tips));
		char(*values)[24] = xcalloc(n, sizeof(*values));
		for (size_t i = 0; i < n; i++) {
			json_t *g = json_array_get(by, i);
			long long total = ji(g, "communications");
			double rate = total ? 100.0 * (double)ji(g, "replied") / (double)total : 0;
			double in_time =
			    total ? 100.0 * (double)ji(g, "replied_in_time") / (double)total : 0;
			snprintf(tips[i], 160,
			         "%s: %lld communications, %lld replied to (%.0f%%), %lld in time",
			         js(g, "label"), total, ji(g, "replied"), rate,
			         ji(g, "replied_in_time"));
			snprintf(values[i], 24, "%.0f%%", rate);
			bars[i] =
			    (struct svg_bar){js(g, "label"), rate, in_time, tips[i], values[i]};
		}
		web_html(res, "<figure class=\"chart-wrap\">\n");
		svg_bars(&res->body, "reply-rates", "Reply rates by State",
		         "Bars: the share of communications with a reply, for the 20 addressees "
		         "with the most "
		         "communications; the darker part: replied in time.",
		         bars, n, 100);
		web_html(res, "<figcaption>Share of communications replied to, for the 20 "
		              "addressees with the most "
		              "communications. Darker: replied in time.</figcaption></figure>\n");
		free(bars);
		free(tips);
		free(values);
	}
	web_html(
	    res,
	    "<details><summary>Every addressee</summary><table "
	    "class=\"stack\"><thead><tr><th>Addressee</th>"
	    "<th class=\"n\">Communications</th><th class=\"n\">Replied to</th><th class=\"n\">In "
	    "time</th>"
	    "<th class=\"n\">Median days</th><th class=\"n\">Overdue</th></tr></thead><tbody>\n");
	size_t i;
	json_t *g;
	json_array_foreach(by, i, g)
	{
		char rate[16], median[24] = "-";
		percent(rate, json_object_get(g, "reply_rate"));
		json_t *m = json_object_get(g, "median_days_to_reply");
		if (json_is_number(m))
			snprintf(median, sizeof(median), "%.0f", json_number_value(m));
		web_html(res,
		         "<tr><td><a href=\"/addressee/%u\">%s</a></td><td "
		         "class=\"n\">%lld</td><td class=\"n\">%s</td>"
		         "<td class=\"n\">%lld</td><td class=\"n\">%s</td><td "
		         "class=\"n\">%lld</td></tr>\n",
		         js(g, "key"), js(g, "label"), ji(g, "communications"), rate,
		         ji(g, "replied_in_time"), median, ji(g, "overdue"));
	}
	web_html(res, "</tbody></table></details>\n<h2>Most cited provisions</h2>\n");
	provisions_chart(res, json_object_get(s, "provisions"), "provisions",
	                 "Provisions cited most often");
	situations_list(req, res, today);
	web_page_end(req, res);
	json_decref(s);
}
