-- 006: the public record's reads (src/domain/public_index.c,
-- public_record.c). Indexes and a change counter: no data changes.
--
-- A communication's row holds its body, record and letter (tens of KB in
-- overflow pages), and the columns the public pages filter on come after
-- them: reading publication_date from the row means walking its overflow
-- chain. With 10,000 letters that made every public query 100 ms or more.
-- These indexes hold every column the visibility rule
-- (src/domain/visibility.c), the search filters and the figures read, so
-- those queries never open a row.
CREATE INDEX communications_public ON communications(
  publication_date, status, reference, slug, search_key, country, type, date, year, session, reply_due);
CREATE INDEX communication_mandates_public ON communication_mandates(communication_id, position, slug);
CREATE INDEX citations_public ON citations(communication_id, instrument, article);

-- The public index (src/domain/public_index.c) keeps what the search
-- filters and counts in memory, and reads it again when this number has
-- moved: every write to a communication or a reply moves it. A letter's
-- mandates and citations are only ever written with its row (store_put_
-- letter, store_fill_draft), so the communication's trigger covers them.
CREATE TABLE public_generation (n INTEGER NOT NULL);
INSERT INTO public_generation(n) VALUES (0);
CREATE TRIGGER communications_public_insert AFTER INSERT ON communications
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER communications_public_update AFTER UPDATE ON communications
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER communications_public_delete AFTER DELETE ON communications
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER replies_public_insert AFTER INSERT ON replies
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER replies_public_update AFTER UPDATE ON replies
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER replies_public_delete AFTER DELETE ON replies
  BEGIN UPDATE public_generation SET n = n + 1; END;
