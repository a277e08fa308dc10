/*
 * visibility.c - what the public may see. See visibility.h.
 */
#include "visibility.h"

void visibility_public_where(struct buf *sql, struct sql_params *params, const char *alias, const char *today)
{
	buf_addf(sql, " AND %s.reference IS NOT NULL AND %s.status NOT IN ('draft', 'approved')"
		      " AND %s.publication_date IS NOT NULL AND %s.publication_date <= ", alias, alias, alias, alias);
	sql_param(sql, params, today);
}
