/*
 * svg.h - charts drawn on the server as inline SVG, so a reader sees them
 * without JavaScript (and the CSP allows no script anyway). Every label is
 * escaped; every chart is an image with an accessible title and
 * description, and every bar carries its value as a <title> tooltip.
 * Colours are presentation attributes, never style attributes, which the
 * Content-Security-Policy (style-src 'self') would block. Knows nothing of
 * what the numbers mean.
 */
#ifndef RAPPORTEUR_WEB_SVG_H
#define RAPPORTEUR_WEB_SVG_H

#include <stddef.h>

#include "../util/buf.h"

/* The low-level writer: the caller opens, draws, closes. Numbers are
 * written with one decimal. */
void svg_begin(struct buf *b, int width, int height, const char *id, const char *title,
               const char *desc);
void svg_rect(struct buf *b, double x, double y, double w, double h, const char *fill,
              const char *tooltip);
/* anchor: "start", "middle" or "end". */
void svg_text(struct buf *b, double x, double y, const char *anchor, int size, const char *text);
void svg_line(struct buf *b, double x1, double y1, double x2, double y2, const char *stroke);
void svg_end(struct buf *b);

struct svg_bar {
	const char *label;
	double value; /* the bar's length, in the chart's unit */
	double part;  /* a darker part of the bar from 0 (e.g. replied in time); < 0 for none */
	const char *tooltip;    /* said on hover and to screen readers */
	const char *value_text; /* printed at the bar's end */
};

/* Vertical bars, one per label along the bottom (e.g. communications per
 * year); max <= 0 scales to the largest value. */
void svg_columns(struct buf *b, const char *id, const char *title, const char *desc,
                 const struct svg_bar *bars, size_t n, double max);
/* Horizontal bars with their labels on the left (e.g. reply rates by
 * State); max <= 0 scales to the largest value. */
void svg_bars(struct buf *b, const char *id, const char *title, const char *desc,
              const struct svg_bar *bars, size_t n, double max);

#endif
