-- 006: the public record's reads, for PostgreSQL (migrations/sqlite/
-- 006_public.sql says why). The covering index matters less here, where
-- the body and record live out of line (TOAST) anyway; it is kept so that
-- the two stores have the same indexes. The change counter moves once per
-- statement that writes communications or replies.
CREATE INDEX communications_public ON communications(
  publication_date, status, reference, slug, search_key, country, type, date, year, session, reply_due);
CREATE INDEX communication_mandates_public ON communication_mandates(communication_id, position, slug);
CREATE INDEX citations_public ON citations(communication_id, instrument, article);

CREATE TABLE public_generation (n BIGINT NOT NULL);
INSERT INTO public_generation(n) VALUES (0);

CREATE FUNCTION public_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_generation SET n = n + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER communications_public_change AFTER INSERT OR UPDATE OR DELETE ON communications
  FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER replies_public_change AFTER INSERT OR UPDATE OR DELETE ON replies
  FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
