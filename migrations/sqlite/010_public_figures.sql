-- 010: the public pages show confirmed figure records only (figures.c's
-- public_only, public_situation.c), so only a write that makes, changes or
-- removes a confirmed record moves public_generation (009 moved it for
-- every record: the fifteen proposals of each letter an ingest reads, and
-- so fifteen writes of one row a letter that no public page could show).
DROP TRIGGER figure_records_public_insert;
DROP TRIGGER figure_records_public_update;
DROP TRIGGER figure_records_public_delete;
CREATE TRIGGER figure_records_public_insert AFTER INSERT ON figure_records
  WHEN NEW.status = 'confirmed'
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER figure_records_public_update AFTER UPDATE ON figure_records
  WHEN OLD.status = 'confirmed' OR NEW.status = 'confirmed'
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER figure_records_public_delete AFTER DELETE ON figure_records
  WHEN OLD.status = 'confirmed'
  BEGIN UPDATE public_generation SET n = n + 1; END;
