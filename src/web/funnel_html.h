/*
 * funnel_html.h - a situation's funnel drawn into a page: the SVG chart
 * (render/funnel_svg.c), the table of its stages with where each value
 * comes from, and the checks that do not add up, each in plain words. The
 * public situation page and the officers' situation page share it; the
 * caller chooses the figures (public: confirmed, of public letters).
 * Knows nothing of the store.
 */
#ifndef RAPPORTEUR_WEB_FUNNEL_HTML_H
#define RAPPORTEUR_WEB_FUNNEL_HTML_H

#include "../domain/funnel.h"
#include "web.h"

/* title: the situation's; id: unique in the page ("funnel"). */
void funnel_html(struct web_response *res, const struct funnel *f, const char *title, const char *id);

#endif
