-- 003: search that stays fast at tens of thousands of letters.
--
-- The full-text row of a sent communication is its search_key, not its id:
-- (2^20 - the date's day number since 1970-01-01) * 2^32 + (2^32 - 1 - id),
-- or 2^21 * 2^32 + (2^32 - 1 - id) when it has no date. Read in ascending
-- order, the index gives the newest first (the later id first within a
-- day, undated letters last), so FTS5 returns the newest matches without
-- looking a single row up, and a date range is a range of keys.
--
-- search_facets holds one token per filter value (country, type, reference
-- year, each mandate slug): U+E000, a letter for the field, the value in
-- hex, U+E000 (private-use characters, so that no stemming touches them and
-- no word of a letter is one). A filtered search adds them to the MATCH
-- expression and FTS5 intersects the lists, instead of looking up every
-- match in communications. The store writes both columns (src/store/
-- letters.c); only sent communications (those with a reference) are in
-- the index.
ALTER TABLE communications ADD COLUMN search_key INTEGER;
ALTER TABLE communications ADD COLUMN search_facets TEXT;

UPDATE communications SET
  search_key = coalesce(1048576 - CAST(julianday(date) - 2440587.5 AS INTEGER), 2097152) * 4294967296 + (4294967295 - id),
  search_facets = trim(
    CASE WHEN country IS NOT NULL THEN char(57344) || 'c' || lower(hex(country)) || char(57344) || ' ' ELSE '' END ||
    CASE WHEN type IS NOT NULL THEN char(57344) || 't' || lower(hex(type)) || char(57344) || ' ' ELSE '' END ||
    CASE WHEN year IS NOT NULL THEN char(57344) || 'y' || lower(hex(year)) || char(57344) || ' ' ELSE '' END ||
    coalesce((SELECT group_concat(char(57344) || 'm' || lower(hex(m.slug)) || char(57344), ' ')
              FROM communication_mandates m WHERE m.communication_id = communications.id AND m.slug IS NOT NULL), ''))
WHERE reference IS NOT NULL;

CREATE UNIQUE INDEX communications_search_key ON communications(search_key);

DROP TABLE communications_fts;
CREATE VIRTUAL TABLE communications_fts USING fts5(
  reference, body, search_facets,
  content = 'communications', content_rowid = 'search_key',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO communications_fts(rowid, reference, body, search_facets)
  SELECT search_key, reference, body, search_facets FROM communications
  WHERE search_key IS NOT NULL ORDER BY search_key;
