/*
 * funnel_svg.h - a funnel (domain/funnel.h) drawn as an SVG image: one
 * horizontal bar per stage that has a value, in the funnel's order, its
 * length proportional to the value; derived values hatched; a mark on
 * every stage a flag names. An accessible image: role="img", a <title>
 * and a <desc> that says every value in words, a <title> on each bar.
 *
 * Pure: funnel in, SVG text out (no XML declaration, so that it can stand
 * inline in an HTML page or alone in a file). Every label is escaped;
 * colours are presentation attributes, never style attributes, so a
 * strict Content-Security-Policy does not block them.
 */
#ifndef RAPPORTEUR_FUNNEL_SVG_H
#define RAPPORTEUR_FUNNEL_SVG_H

#include "../domain/funnel.h"

/* title: the situation's ("Kazakhstan, January 2022"); id: a prefix for
 * the element ids, unique in the page ("funnel"). Caller frees. */
char *funnel_svg(const struct funnel *f, const char *title, const char *id);

/* s with & < > " ' escaped for XML text and attributes, appended to b. */
struct buf;
void funnel_svg_escape(struct buf *b, const char *s);

#endif
