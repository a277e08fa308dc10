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
CREATE INDEX communications_tsv ON communications USING gin(tsv);
