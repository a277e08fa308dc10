/*
 * filter.c - the WHERE clause of a filter. See filter.h.
 */
#include "filter.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"

void sql_param(struct buf *sql, struct sql_params *params, const char *value)
{
	if (params->count >= FILTER_MAX_PARAMS)
		BUG("too many SQL parameters");
	params->values[params->count] = value;
	buf_addf(sql, "?%d", params->first + params->count);
	params->count++;
}

void sql_param_int(struct buf *sql, struct sql_params *params, long long value)
{
	if (params->number_count >= 8)
		BUG("too many integer SQL parameters");
	char *text = params->numbers[params->number_count++];
	snprintf(text, 24, "%lld", value);
	buf_adds(sql, "CAST(");
	sql_param(sql, params, text);
	buf_adds(sql, " AS INTEGER)");
}

void sql_params_bind(const struct sql_params *params, struct db_stmt *st)
{
	for (int i = 0; i < params->count; i++)
		db_bind_text(st, params->first + i, params->values[i]);
}

void filter_where(const struct comm_filter *f, struct buf *sql, struct sql_params *params)
{
	if (f->country) {
		buf_adds(sql, " AND c.country = ");
		sql_param(sql, params, f->country);
	}
	if (f->type) {
		buf_adds(sql, " AND c.type = ");
		sql_param(sql, params, f->type);
	}
	if (f->year) {
		/* the year of the reference, which is the year the letter was sent */
		buf_adds(sql, " AND c.year = ");
		sql_param_int(sql, params, f->year);
	}
	if (f->from) {
		buf_adds(sql, " AND c.date >= ");
		sql_param(sql, params, f->from);
	}
	if (f->to) {
		buf_adds(sql, " AND c.date <= ");
		sql_param(sql, params, f->to);
	}
	if (f->mandate) {
		buf_adds(sql, " AND EXISTS (SELECT 1 FROM communication_mandates m WHERE m.communication_id = c.id AND m.slug = ");
		sql_param(sql, params, f->mandate);
		buf_adds(sql, ")");
	}
}

int filter_check(const struct comm_filter *f, struct error *err)
{
	if (f->country && (strlen(f->country) != 3 || !isupper((unsigned char)f->country[0]) ||
			   !isupper((unsigned char)f->country[1]) || !isupper((unsigned char)f->country[2])))
		return error_set(err, "country \"%s\": give an ISO 3166-1 alpha-3 code such as KAZ", f->country);
	if (f->from && date_parse_iso(f->from) == DATE_NONE)
		return error_set(err, "from \"%s\": give a date as YYYY-MM-DD", f->from);
	if (f->to && date_parse_iso(f->to) == DATE_NONE)
		return error_set(err, "to \"%s\": give a date as YYYY-MM-DD", f->to);
	if (f->year && (f->year < 1980 || f->year > 2100))
		return error_set(err, "year %d is outside 1980-2100", f->year);
	if (f->type && strlen(f->type) > 4)
		return error_set(err, "type \"%s\": give AL, UA, OL, JAL, JUA or JOL", f->type);
	return 0;
}
