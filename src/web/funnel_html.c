/*
 * funnel_html.c - a funnel as HTML: the chart, the stages as a table (the
 * numbers a screen reader and a copy need), the checks. See funnel_html.h.
 */
#include "funnel_html.h"

#include <stdlib.h>

#include "../render/funnel_svg.h"
#include "../util/date.h"

static void checks_list(struct web_response *res, const struct funnel_check *c, size_t n, bool dated)
{
	for (size_t i = 0; i < n; i++) {
		if (c[i].ok)
			continue;
		char d[11] = "";
		if (dated && c[i].date != DATE_NONE)
			date_format_iso(c[i].date, d);
		web_html(res, "<li class=\"flag\">%s%s%s</li>\n", d, d[0] ? ": " : "", c[i].message);
	}
}

static size_t flags_in(const struct funnel_check *c, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !c[i].ok;
	return k;
}

void funnel_html(struct web_response *res, const struct funnel *f, const char *title, const char *id)
{
	const struct funnel_snapshot *last = funnel_last(f);
	if (!last) {
		web_html(res, "<p>No confirmed figures yet.</p>\n");
		return;
	}
	const struct figure_vocab *v = f->v;
	char as_of[11] = "";
	if (f->as_of != DATE_NONE)
		date_format_iso(f->as_of, as_of);
	char *svg = funnel_svg(f, title, id);
	web_html(res, "<figure class=\"chart-wrap funnel\">\n%R<figcaption>The accountability funnel as of %s: each "
		      "stage's latest confirmed figure; hatched bars are the sum of their parts; a red mark "
		      "flags a stage that does not add up.</figcaption></figure>\n",
		 svg, as_of);
	free(svg);
	web_html(res, "<table class=\"stages stack\">\n<caption>The stages as of %s</caption>\n<thead><tr><th>Stage</th>"
		      "<th class=\"n\">Value</th><th>As of</th><th>Who says so, and where</th></tr></thead>\n<tbody>\n",
		 as_of);
	for (size_t i = 0; i < v->stage_count; i++) {
		const struct figure_category *c = v->stages[i].category;
		const struct funnel_value *val = &last->values[c - v->categories];
		if (!val->present) {
			web_html(res, "<tr><td>%s</td><td class=\"n\">-</td><td></td><td>no figure</td></tr>\n", c->label);
			continue;
		}
		char num[32], d[11] = "";
		funnel_number(val->value, num);
		if (val->figure) {
			if (val->figure->as_of != DATE_NONE)
				date_format_iso(val->figure->as_of, d);
			const struct figure_source *src = figure_source(v, val->figure->source);
			web_html(res, "<tr><td>%s</td><td class=\"n\">%s</td><td><time>%s</time></td><td>%s, %s (figure %lld)"
				      "</td></tr>\n",
				 c->label, num, d, src ? src->label : val->figure->source, val->figure->document,
				 val->figure->id);
		} else {
			char *why = funnel_describe(f, last, c);
			web_html(res, "<tr><td>%s</td><td class=\"n\">%s</td><td></td><td>the sum of its parts: %s</td></tr>\n",
				 c->label, num, why);
			free(why);
		}
	}
	web_html(res, "</tbody></table>\n");
	bool other = false;
	for (size_t i = 0; i < v->category_count; i++) {
		const struct figure_category *c = &v->categories[i];
		bool stage = false;
		for (size_t k = 0; k < v->stage_count; k++)
			stage |= v->stages[k].category == c;
		if (stage || !last->values[i].present)
			continue;
		if (!other)
			web_html(res, "<p>Also counted:</p>\n<ul>\n");
		other = true;
		char *d = funnel_describe(f, last, c);
		web_html(res, "<li>%s</li>\n", d);
		free(d);
	}
	if (other)
		web_html(res, "</ul>\n");
	size_t now = flags_in(last->checks, last->check_count) + flags_in(f->disagreements, f->disagreement_count);
	web_html(res, "<h3 id=\"%s-checks\">What does not add up</h3>\n", id);
	if (!now)
		web_html(res, "<p>As of %s every check passes: no stage is larger than the one before it, the parts "
			      "add up, and no two sources disagree.</p>\n",
			 as_of);
	else {
		web_html(res, "<ul class=\"flags\">\n");
		checks_list(res, last->checks, last->check_count, false);
		checks_list(res, f->disagreements, f->disagreement_count, false);
		web_html(res, "</ul>\n");
	}
	if (flags_in(f->earlier, f->earlier_count)) {
		web_html(res, "<p>Raised at earlier dates, no longer by the latest figures:</p>\n<ul class=\"flags earlier\">\n");
		checks_list(res, f->earlier, f->earlier_count, true);
		web_html(res, "</ul>\n");
	}
}
