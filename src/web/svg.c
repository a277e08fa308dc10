/*
 * svg.c - a small SVG writer and the two charts the statistics use. See
 * svg.h.
 */
#include "svg.h"

#include <stdio.h>
#include <string.h>

#include "web.h"

#define INK      "#1b1b1b"
#define MUTED    "#6b6b6b"
#define BAR      "#7fa7cf"
#define BAR_PART "#0b5394"
#define GRID     "#d0d0d0"
#define TRACK    "#eef1f4"

/* A number with one decimal, without "-0.0". */
static void num(struct buf *b, double v)
{
	if (v > -0.05 && v < 0.05)
		v = 0;
	buf_addf(b, "%.1f", v);
}

void svg_begin(struct buf *b, int width, int height, const char *id, const char *title,
               const char *desc)
{
	web_html_buf(
	    b,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
	    "font-family=\"DejaVu Sans, Arial, sans-serif\">"
	    "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">%s</desc>\n",
	    width, height, width, height, id, id, id, title, id, desc);
}

void svg_rect(struct buf *b, double x, double y, double w, double h, const char *fill,
              const char *tooltip)
{
	buf_adds(b, "<rect x=\"");
	num(b, x);
	buf_adds(b, "\" y=\"");
	num(b, y);
	buf_adds(b, "\" width=\"");
	num(b, w < 0 ? 0 : w);
	buf_adds(b, "\" height=\"");
	num(b, h < 0 ? 0 : h);
	web_html_buf(b, "\" fill=\"%s\"", fill);
	if (tooltip)
		web_html_buf(b, "><title>%s</title></rect>\n", tooltip);
	else
		buf_adds(b, "/>\n");
}

void svg_text(struct buf *b, double x, double y, const char *anchor, int size, const char *text)
{
	buf_adds(b, "<text x=\"");
	num(b, x);
	buf_adds(b, "\" y=\"");
	num(b, y);
	web_html_buf(b, "\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>\n", anchor,
	             size, INK, text);
}

void svg_line(struct buf *b, double x1, double y1, double x2, double y2, const char *stroke)
{
	buf_adds(b, "<line x1=\"");
	num(b, x1);
	buf_adds(b, "\" y1=\"");
	num(b, y1);
	buf_adds(b, "\" x2=\"");
	num(b, x2);
	buf_adds(b, "\" y2=\"");
	num(b, y2);
	web_html_buf(b, "\" stroke=\"%s\" stroke-width=\"1\"/>\n", stroke);
}

void svg_end(struct buf *b)
{
	buf_adds(b, "</svg>\n");
}

static double largest(const struct svg_bar *bars, size_t n, double max)
{
	if (max > 0)
		return max;
	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	return max > 0 ? max : 1;
}

void svg_columns(struct buf *b, const char *id, const char *title, const char *desc,
                 const struct svg_bar *bars, size_t n, double max)
{
	const double left = 40, right = 10, top = 20, bottom = 40, plot_h = 200;
	double slot = n > 20 ? 30 : 44;
	int width = (int)(left + right + slot * (double)(n ? n : 1)),
	    height = (int)(top + plot_h + bottom);
	max = largest(bars, n, max);
	svg_begin(b, width, height, id, title, desc);
	/* the scale: zero, half and the largest */
	for (int i = 0; i <= 2; i++) {
		double y = top + plot_h - plot_h * i / 2.0;
		char label[32];
		snprintf(label, sizeof(label), "%.0f", max * i / 2.0);
		svg_line(b, left - 4, y, width - right, y, GRID);
		svg_text(b, left - 6, y + 4, "end", 11, label);
	}
	for (size_t i = 0; i < n; i++) {
		double x = left + slot * (double)i + slot * 0.15, w = slot * 0.7;
		double h = plot_h * bars[i].value / max;
		svg_rect(b, x, top + plot_h - h, w, h, BAR, bars[i].tooltip);
		if (bars[i].part >= 0) {
			double ph = plot_h * bars[i].part / max;
			svg_rect(b, x, top + plot_h - ph, w, ph, BAR_PART, bars[i].tooltip);
		}
		if (bars[i].value_text)
			svg_text(b, x + w / 2, top + plot_h - h - 4, "middle", 10,
			         bars[i].value_text);
		svg_text(b, x + w / 2, top + plot_h + 14, "middle", n > 20 ? 9 : 11, bars[i].label);
	}
	svg_line(b, left, top + plot_h, width - right, top + plot_h, MUTED);
	svg_end(b);
}

void svg_bars(struct buf *b, const char *id, const char *title, const char *desc,
              const struct svg_bar *bars, size_t n, double max)
{
	const double label_w = 220, plot_w = 380, right = 70, top = 10, row = 22;
	int width = (int)(label_w + plot_w + right),
	    height = (int)(top * 2 + row * (double)(n ? n : 1));
	max = largest(bars, n, max);
	svg_begin(b, width, height, id, title, desc);
	for (size_t i = 0; i < n; i++) {
		double y = top + row * (double)i;
		/* a long name is cut to fit; the tooltip has it whole */
		char label[40];
		size_t len = strlen(bars[i].label);
		if (len > 34) {
			size_t cut = 31;
			while (cut > 0 && ((unsigned char)bars[i].label[cut] & 0xC0) == 0x80)
				cut--; /* not inside a UTF-8 character */
			snprintf(label, sizeof(label), "%.*s...", (int)cut, bars[i].label);
		} else {
			snprintf(label, sizeof(label), "%s", bars[i].label);
		}
		svg_text(b, label_w - 8, y + row * 0.68, "end", 12, label);
		double w = plot_w * bars[i].value / max;
		/* the whole scale, faintly, so a short bar reads as short */
		svg_rect(b, label_w, y + 3, plot_w, row - 6, TRACK, NULL);
		svg_rect(b, label_w, y + 3, w, row - 6, BAR, bars[i].tooltip);
		if (bars[i].part >= 0)
			svg_rect(b, label_w, y + 3, plot_w * bars[i].part / max, row - 6, BAR_PART,
			         bars[i].tooltip);
		if (bars[i].value_text)
			svg_text(b, label_w + w + 6, y + row * 0.68, "start", 11,
			         bars[i].value_text);
	}
	svg_line(b, label_w, top, label_w, top + row * (double)n, MUTED);
	svg_end(b);
}
