-- 009: the public pages kept in memory (src/web/cache.h) are kept while
-- public_generation (006) stands still. 006 moves it on every write to a
-- communication or a reply; the situations' pages and /stats also show
-- figures and situations, so their writes move it too. (The knowledge
-- base moves it once per load: src/store/kbload.c.)
CREATE TRIGGER figure_records_public_insert AFTER INSERT ON figure_records
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER figure_records_public_update AFTER UPDATE ON figure_records
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER figure_records_public_delete AFTER DELETE ON figure_records
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER situations_public_insert AFTER INSERT ON situations
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER situations_public_update AFTER UPDATE ON situations
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER situations_public_delete AFTER DELETE ON situations
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER situation_communications_public_insert AFTER INSERT ON situation_communications
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER situation_communications_public_update AFTER UPDATE ON situation_communications
  BEGIN UPDATE public_generation SET n = n + 1; END;
CREATE TRIGGER situation_communications_public_delete AFTER DELETE ON situation_communications
  BEGIN UPDATE public_generation SET n = n + 1; END;
