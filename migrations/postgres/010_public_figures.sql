-- 010: what migrations/sqlite/010_public_figures.sql does (read it first):
-- only writes that touch a confirmed figure record move public_generation.
-- A condition on the row needs a row trigger, one for each kind of write.
DROP TRIGGER figure_records_public_change ON figure_records;
CREATE TRIGGER figure_records_public_insert AFTER INSERT ON figure_records
  FOR EACH ROW WHEN (NEW.status = 'confirmed') EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER figure_records_public_update AFTER UPDATE ON figure_records
  FOR EACH ROW WHEN (OLD.status = 'confirmed' OR NEW.status = 'confirmed') EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER figure_records_public_delete AFTER DELETE ON figure_records
  FOR EACH ROW WHEN (OLD.status = 'confirmed') EXECUTE FUNCTION public_generation_bump();
