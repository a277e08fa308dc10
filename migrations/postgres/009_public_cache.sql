-- 009: what migrations/sqlite/009_public_cache.sql does (read it first):
-- writes to figures and situations move public_generation too.
CREATE TRIGGER figure_records_public_change AFTER INSERT OR UPDATE OR DELETE ON figure_records
  FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER situations_public_change AFTER INSERT OR UPDATE OR DELETE ON situations
  FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER situation_communications_public_change AFTER INSERT OR UPDATE OR DELETE ON situation_communications
  FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
