/*
 * funnel_svg.c - the funnel as an SVG bar chart. See funnel_svg.h.
 *
 * Linear bars, because the point is the size of the drop from complaints
 * to convictions: a log scale would hide it. A stage too small to see
 * still gets a sliver and its number.
 */
#include "funnel_svg.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"

void funnel_svg_escape(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				buf_addch(b, ' ');
			else
				buf_addch(b, *s);
		}
	}
}

static const char *colour_of(const char *kind)
{
	if (!strcmp(kind, "cases"))
		return "#2563eb";
	if (!strcmp(kind, "persons"))
		return "#c2410c";
	if (!strcmp(kind, "complaints"))
		return "#4b5563";
	return "#047857";
}

/* The flags of the last funnel (and the disagreements) that name category c's figures. */
static void flags_naming(const struct funnel *f, const struct funnel_snapshot *s,
                         const struct figure_category *c, struct buf *out)
{
	const struct funnel_value *val = &s->values[c - f->v->categories];
	const struct funnel_check *sets[2] = {s->checks, f->disagreements};
	size_t counts[2] = {s->check_count, f->disagreement_count};
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < counts[k]; i++) {
			const struct funnel_check *ck = &sets[k][i];
			if (ck->ok)
				continue;
			bool names = false;
			/* a check names the stage when the stage's key is in it, or its figure is
			 */
			const char *colon = strchr(ck->key, ':');
			if (colon && !strncmp(colon + 1, c->key, strlen(c->key)) &&
			    (colon[1 + strlen(c->key)] == '\0' || colon[1 + strlen(c->key)] == ':'))
				names = true;
			for (size_t j = 0; j < ck->figure_count && !names; j++) {
				if (val->figure) {
					names = ck->figures[j] == val->figure->id;
					continue;
				}
				/* a sum of parts: named when one of its parts' figures is */
				for (size_t p = 0; p < val->derived->part_count && !names; p++) {
					const struct funnel_value *part =
					    &s->values[val->derived->parts[p] - f->v->categories];
					names = part->figure && ck->figures[j] == part->figure->id;
				}
			}
			if (names) {
				if (out->len)
					buf_adds(out, "\n");
				buf_adds(out, ck->message);
			}
		}
}

char *funnel_svg(const struct funnel *f, const char *title, const char *id)
{
	const struct figure_vocab *v = f->v;
	const struct funnel_snapshot *s = funnel_last(f);
	const int width = 760, label_w = 250, bar_max = 370, row = 30, top = 66;
	size_t rows = 0;
	double max = 0;
	for (size_t i = 0; s && i < v->stage_count; i++) {
		const struct funnel_value *val = &s->values[v->stages[i].category - v->categories];
		if (!val->present)
			continue;
		rows++;
		if (val->value > max)
			max = val->value;
	}
	int height = top + (int)(rows ? rows : 1) * row + 44;
	char date[11] = "";
	if (f->as_of != DATE_NONE)
		date_format_iso(f->as_of, date);
	size_t flags = funnel_flag_count(f);
	struct buf b = BUF_INIT;
	buf_addf(&b,
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 "
	         "0 %d %d\" "
	         "role=\"img\" aria-labelledby=\"",
	         width, height, width, height);
	funnel_svg_escape(&b, id);
	buf_adds(&b, "-title ");
	funnel_svg_escape(&b, id);
	buf_adds(&b, "-desc\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n<title id=\"");
	funnel_svg_escape(&b, id);
	buf_adds(&b, "-title\">Accountability funnel: ");
	funnel_svg_escape(&b, title);
	if (date[0])
		buf_addf(&b, ", as of %s", date);
	buf_adds(&b, "</title>\n<desc id=\"");
	funnel_svg_escape(&b, id);
	buf_adds(&b, "-desc\">");
	/* the chart in words, for screen readers and for anyone who cannot see it */
	if (!rows)
		buf_adds(&b, "No confirmed figures.");
	for (size_t i = 0; s && i < v->stage_count; i++) {
		const struct figure_category *c = v->stages[i].category;
		if (!s->values[c - v->categories].present)
			continue;
		char *d = funnel_describe(f, s, c);
		funnel_svg_escape(&b, d);
		buf_adds(&b, ". ");
		free(d);
	}
	buf_addf(&b, "%zu flag%s.</desc>\n", flags, flags == 1 ? "" : "s");
	buf_adds(&b, "<defs><pattern id=\"");
	funnel_svg_escape(&b, id);
	buf_adds(&b, "-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	             "patternTransform=\"rotate(45)\">"
	             "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><rect width=\"3\" "
	             "height=\"6\" fill=\"#9ca3af\"/>"
	             "</pattern></defs>\n");
	buf_addf(&b, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height);
	buf_adds(&b,
	         "<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"#111827\">");
	funnel_svg_escape(&b, title);
	buf_adds(&b, "</text>\n");
	buf_addf(&b,
	         "<text x=\"12\" y=\"44\" font-size=\"12\" fill=\"#374151\">Accountability "
	         "funnel%s%s, confirmed "
	         "figures; %zu flag%s</text>\n",
	         date[0] ? " as of " : "", date, flags, flags == 1 ? "" : "s");
	if (!rows)
		buf_addf(&b,
		         "<text x=\"12\" y=\"%d\" font-size=\"13\" fill=\"#374151\">No confirmed "
		         "figures.</text>\n",
		         top + 18);
	int y = top;
	for (size_t i = 0; s && i < v->stage_count; i++) {
		const struct figure_category *c = v->stages[i].category;
		const struct funnel_value *val = &s->values[c - v->categories];
		if (!val->present)
			continue;
		double w = max > 0 ? val->value / max * bar_max : 0;
		if (w < 2)
			w = 2;
		char num[32];
		funnel_number(val->value, num);
		char *d = funnel_describe(f, s, c);
		buf_adds(&b, "<g>\n<title>");
		funnel_svg_escape(&b, d);
		buf_adds(&b, "</title>\n");
		free(d);
		buf_addf(&b,
		         "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\" "
		         "fill=\"#111827\">",
		         label_w - 10, y + 14);
		funnel_svg_escape(&b, c->label);
		buf_adds(&b, "</text>\n");
		if (val->derived) {
			buf_addf(
			    &b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"url(#",
			    label_w, y + 1, w);
			funnel_svg_escape(&b, id);
			buf_addf(&b,
			         "-hatch)\" stroke=\"%s\" stroke-width=\"1.5\" "
			         "stroke-dasharray=\"4 2\"/>\n",
			         colour_of(c->kind));
		} else {
			buf_addf(
			    &b,
			    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n",
			    label_w, y + 1, w, colour_of(c->kind));
		}
		buf_addf(
		    &b, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" fill=\"#111827\">%s%s</text>\n",
		    label_w + w + 6, y + 14, num, val->derived ? " (sum of parts)" : "");
		struct buf why = BUF_INIT;
		flags_naming(f, s, c, &why);
		if (why.len) {
			buf_addf(&b, "<g><title>");
			funnel_svg_escape(&b, why.data);
			buf_addf(&b,
			         "</title><circle cx=\"%d\" cy=\"%d\" r=\"9\" fill=\"#b91c1c\"/>"
			         "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\" "
			         "text-anchor=\"middle\" "
			         "fill=\"#ffffff\">!</text></g>\n",
			         width - 20, y + 10, width - 20, y + 15);
		}
		buf_release(&why);
		buf_adds(&b, "</g>\n");
		y += row;
	}
	/* the legend */
	y = height - 22;
	static const char *const kinds[][2] = {
	    {"complaints", "complaints"}, {"cases", "cases"}, {"persons", "persons"}};
	int x = 12;
	for (size_t i = 0; i < 3; i++) {
		buf_addf(&b,
		         "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		         "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#374151\">%s</text>\n",
		         x, y, colour_of(kinds[i][0]), x + 16, y + 10, kinds[i][1]);
		x += 110;
	}
	buf_addf(&b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"url(#", x, y);
	funnel_svg_escape(&b, id);
	buf_addf(&b,
	         "-hatch)\" stroke=\"#6b7280\"/><text x=\"%d\" y=\"%d\" font-size=\"12\" "
	         "fill=\"#374151\">"
	         "the sum of its parts</text>\n",
	         x + 16, y + 10);
	buf_adds(&b, "</svg>\n");
	return buf_detach(&b);
}
