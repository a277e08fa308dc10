-- 003: search, for PostgreSQL. search_key and search_facets as on SQLite
-- (migrations/sqlite/003_search.sql), so that the two stores hold the same
-- rows; the full text is the tsv column, a tsvector of the words FTS5's
-- tokenizer finds (porter unicode61 remove_diacritics 2, through
-- db_fts_terms()), which the store writes with the row (src/store/
-- letters.c): PostgreSQL's own parser and stemmer split and stem words
-- differently, and both stores must find the same letters. Only sent
-- communications have one. A PostgreSQL database starts empty at the
-- newest version (rapporteur init or migrate --to), so there is no row
-- here to index.
ALTER TABLE communications ADD COLUMN search_key BIGINT;
ALTER TABLE communications ADD COLUMN search_facets TEXT;
ALTER TABLE communications ADD COLUMN tsv tsvector;

CREATE UNIQUE INDEX communications_search_key ON communications(search_key);

-- The index: RUM (the rum extension, Debian's postgresql-15-rum) where a
-- superuser has made it available, else GIN. Measured on 10,000 letters
-- of 12 KB (docs/SCALING.md): RUM keeps word positions in the index, so
-- it finds phrases without reading the rows (5-24 ms where GIN took up
-- to 120) and gives the best-ranked first in index order (7 ms for a
-- broad word where ranking every match with ts_rank took 130-220 ms), at
-- four times GIN's size and twice its build time.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS rum;
    CREATE INDEX communications_tsv ON communications USING rum (tsv rum_tsvector_ops);
    -- the rank as a distance (lower first), inlined by the planner so that
    -- ORDER BY rapporteur_distance(tsv, q) LIMIT n reads RUM in its order
    CREATE FUNCTION rapporteur_distance(d tsvector, q tsquery) RETURNS real
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT d <=> q';
  EXCEPTION WHEN OTHERS THEN
    CREATE INDEX communications_tsv ON communications USING gin (tsv);
    CREATE FUNCTION rapporteur_distance(d tsvector, q tsquery) RETURNS real
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CAST(1 / (ts_rank(d, q) + 1e-6) AS real)';
  END;
END $$;

-- The search keys of every sent letter q matches, through the index.
-- Asked for most rows, the planner would read the table instead and
-- unpack every row's tsv (it does not count that cost): 120 ms where the
-- index takes 5 to 20.
CREATE FUNCTION rapporteur_matches(q tsquery) RETURNS SETOF bigint
  LANGUAGE sql STABLE SET enable_seqscan = off SET enable_indexscan = off
  AS 'SELECT search_key FROM communications WHERE tsv @@ q AND search_key IS NOT NULL';
