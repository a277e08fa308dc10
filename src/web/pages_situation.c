/*
 * pages_situation.c - a situation in public (docs/FIGURES.md, docs/API.md):
 * /situation/SLUG (its published communications, the accountability
 * funnel as a chart and a table, the checks that do not add up, every
 * figure with the sentence it is written in), its figures as
 * /situation/SLUG.csv and .json, the chart alone as .svg, and
 * /api/v1/situations[/SLUG]. Everything comes from public_situation.c:
 * confirmed figures of published communications only; nothing of who
 * decided. An unknown situation and one not public yet are the same 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/public_situation.h"
#include "../kb/kb.h"
#include "../render/funnel_svg.h"
#include "../util/date.h"
#include "funnel_html.h"
#include "pages.h"

static const char not_public[] = "There is no public situation with this name.";

enum format { FORMAT_PAGE, FORMAT_CSV, FORMAT_JSON, FORMAT_SVG };

/* "kaz-2022-01.csv" -> slug "kaz-2022-01", FORMAT_CSV. */
static enum format split_format(const char *capture, char slug[80])
{
	static const struct {
		const char *suffix;
		enum format format;
	} suffixes[] = {{".csv", FORMAT_CSV}, {".json", FORMAT_JSON}, {".svg", FORMAT_SVG}};
	snprintf(slug, 80, "%s", capture);
	size_t n = strlen(slug);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i].suffix);
		if (n > k && !strcmp(slug + n - k, suffixes[i].suffix)) {
			slug[n - k] = '\0';
			return suffixes[i].format;
		}
	}
	return FORMAT_PAGE;
}

/* Loads it, or answers the 404 (or 500) itself and returns false. */
static bool load(struct web_request *req, struct web_response *res, const char *slug, struct public_situation *ps)
{
	char today[11];
	web_today(today);
	struct error err;
	int rc = public_situation_load(req->db, slug, today, ps, &err);
	if (rc < 0)
		web_error(req, res, 500, "The situation cannot be read just now; try again in a moment.");
	else if (rc == 0)
		web_error(req, res, 404, not_public);
	return rc == 1;
}

static json_t *with_links(json_t *j, const char *slug)
{
	struct buf b = BUF_INIT;
	json_t *links = json_object();
	static const char *const forms[][2] = {{"html", ""}, {"csv", ".csv"}, {"json", ".json"}, {"svg", ".svg"}};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		buf_reset(&b);
		buf_addf(&b, "/situation/%s%s", slug, forms[i][1]);
		json_object_set_new(links, forms[i][0], json_string(b.data));
	}
	buf_reset(&b);
	buf_addf(&b, "/api/v1/situations/%s", slug);
	json_object_set_new(links, "api", json_string(b.data));
	buf_release(&b);
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(j, "communications"), i, c)
	{
		const char *s = json_string_value(json_object_get(c, "slug"));
		if (!s)
			continue;
		struct buf u = BUF_INIT;
		buf_addf(&u, "/c/%s", s);
		json_object_set_new(c, "links", json_pack("{s:s}", "html", u.data));
		buf_release(&u);
	}
	json_object_set_new(j, "links", links);
	return j;
}

static void figures_table(struct web_response *res, const struct public_situation *ps)
{
	const struct figure_vocab *v = figure_vocab_shared();
	web_html(res, "<table class=\"stack figures-list\">\n<thead><tr><th class=\"n\">Figure</th><th class=\"n\">Value"
		      "</th><th>What it counts</th><th>As of</th><th>Who says so</th><th>Where it is written</th></tr>"
		      "</thead>\n<tbody>\n");
	for (size_t i = 0; i < ps->figures.count; i++) {
		const struct figure *f = &ps->figures.items[i];
		const struct figure_category *c = figure_category(v, f->category);
		const struct figure_source *s = figure_source(v, f->source);
		char num[32], d[11] = "";
		funnel_number(f->value, num);
		if (f->as_of != DATE_NONE)
			date_format_iso(f->as_of, d);
		web_html(res, "<tr id=\"figure-%lld\"><td class=\"n\">%lld</td><td class=\"n\">%s</td><td>%s</td>"
			      "<td><time>%s</time></td><td>%s</td><td>%s<blockquote class=\"passage\">%s</blockquote></td></tr>\n",
			 f->id, f->id, num, c ? c->label : f->category, d, s ? s->label : f->source, f->document,
			 f->passage);
	}
	web_html(res, "</tbody></table>\n");
}

static void situation_page(struct web_request *req, struct web_response *res, const struct public_situation *ps)
{
	const struct situation *s = &ps->situation;
	web_page_begin(req, res, s->title);
	web_html(res, "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Public record</a> › "
		      "<a href=\"/stats\">Statistics</a> › Situations</nav>\n<h1>%s</h1>\n<dl class=\"facts\">",
		 s->title);
	if (s->country) {
		const struct kb_country *k = kb_country(kb_shared(), s->country);
		web_html(res, "<dt>Country</dt><dd><a href=\"/addressee/%u\">%s</a></dd>", s->country,
			 k && k->name[KB_EN] ? k->name[KB_EN] : s->country);
	}
	if (s->period_from || s->period_to)
		web_html(res, "<dt>Period</dt><dd><time>%s</time> to <time>%s</time></dd>", s->period_from ? s->period_from : "",
			 s->period_to ? s->period_to : "");
	web_html(res, "<dt>Communications</dt><dd>%zu published</dd><dt>Figures</dt><dd>%zu confirmed</dd></dl>\n",
		 ps->communication_count, ps->figures.count);
	web_html(res, "<p class=\"noprint\">Download: <a href=\"/situation/%u.csv\">the figures as CSV</a>, "
		      "<a href=\"/situation/%u.json\">everything as JSON</a>, <a href=\"/situation/%u.svg\">the chart as "
		      "SVG</a>; <a href=\"/api/v1/situations/%u\">the API</a>.</p>\n",
		 s->slug, s->slug, s->slug, s->slug);
	web_html(res, "<h2>The communications</h2>\n<ol class=\"chain\">\n");
	for (size_t i = 0; i < ps->communication_count; i++) {
		const struct public_situation_communication *c = &ps->communications[i];
		web_html(res, "<li><a href=\"/c/%u\">%s</a>, sent <time>%s</time>; %d %s</li>\n", c->slug ? c->slug : "",
			 c->reference, c->date ? c->date : "", c->replies, c->replies == 1 ? "reply" : "replies");
	}
	web_html(res, "</ol>\n<h2>The accountability funnel</h2>\n"
		      "<p>From complaints to convictions: what the communications and the replies to them "
		      "report, each figure confirmed by the secretariat, with who says so and as of when.</p>\n");
	funnel_html(res, &ps->funnel, s->title, "funnel");
	web_html(res, "<h2>Every figure</h2>\n");
	if (ps->figures.count)
		figures_table(res, ps);
	else
		web_html(res, "<p>No figure has been confirmed yet.</p>\n");
	web_page_end(req, res);
}

void page_situation(struct web_request *req, struct web_response *res)
{
	char slug[80];
	enum format format = split_format(req->captures[0], slug);
	struct public_situation ps;
	if (!load(req, res, slug, &ps)) {
		public_situation_release(&ps);
		return;
	}
	switch (format) {
	case FORMAT_PAGE:
		situation_page(req, res, &ps);
		break;
	case FORMAT_JSON:
		web_json(res, 200, with_links(public_situation_json(&ps), ps.situation.slug));
		break;
	case FORMAT_CSV: {
		size_t len;
		char *csv = public_situation_csv(&ps, &len);
		buf_add(&res->body, csv, len);
		free(csv);
		res->content_type = "text/csv; charset=utf-8";
		char disposition[128];
		snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s-figures.csv\"", ps.situation.slug);
		web_header(res, "Content-Disposition", disposition);
		break;
	}
	case FORMAT_SVG: {
		char *svg = funnel_svg(&ps.funnel, ps.situation.title, "funnel");
		buf_adds(&res->body, svg);
		free(svg);
		res->content_type = "image/svg+xml";
		break;
	}
	}
	public_situation_release(&ps);
}

void api_situations(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	struct error err;
	json_t *list = public_situations(req->db, today, &err);
	if (!list) {
		web_error(req, res, 500, "The situations cannot be read just now; try again in a moment.");
		return;
	}
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s)
	{
		const char *slug = json_string_value(json_object_get(s, "slug"));
		struct buf a = BUF_INIT, h = BUF_INIT;
		buf_addf(&a, "/api/v1/situations/%s", slug);
		buf_addf(&h, "/situation/%s", slug);
		json_object_set_new(s, "links", json_pack("{s:s, s:s}", "html", h.data, "api", a.data));
		buf_release(&a);
		buf_release(&h);
	}
	web_json(res, 200, json_pack("{s:o}", "situations", list));
}

void api_situation(struct web_request *req, struct web_response *res)
{
	struct public_situation ps;
	if (load(req, res, req->captures[0], &ps))
		web_json(res, 200, with_links(public_situation_json(&ps), ps.situation.slug));
	public_situation_release(&ps);
}
