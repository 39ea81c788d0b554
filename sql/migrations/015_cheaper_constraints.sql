-- Two cheaper constraints.
--
-- 1. kinerja.rating loses its foreign key to kinerja.rating_item.
--
-- Attaching a year's new rating partition validates each of its foreign keys with a join over
-- every new row: 2.4 s each for a province year's ten million ratings (psql, ALTER TABLE ... ADD
-- FOREIGN KEY on a copy), while readers wait for the swap. The item key proves nothing the load
-- does not: the loader decodes each item through kinerja.rating_item itself, and an item it does
-- not know decodes to NULL, which the NOT NULL of rating.item refuses. The keys to kinerja.employee
-- stay: on a good load they are what proves every ratee and rater exists (see Loader.swift: the
-- ratings' check file only runs to explain a failure).
ALTER TABLE kinerja.rating DROP CONSTRAINT rating_item_fkey;

-- 2. The period checks of appraisal and unit_predikat as a list, as rating's since 013: the same
-- nineteen values, one hash probe instead of the regular-expression engine for each of a national
-- year's 4.7 million appraisals.
ALTER TABLE kinerja.appraisal DROP CONSTRAINT appraisal_period_check;
ALTER TABLE kinerja.appraisal ADD CONSTRAINT appraisal_period_check
    CHECK (period IN ('Y', 'S1', 'S2', 'Q1', 'Q2', 'Q3', 'Q4', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06',
                      'M07', 'M08', 'M09', 'M10', 'M11', 'M12'));
ALTER TABLE kinerja.unit_predikat DROP CONSTRAINT unit_predikat_period_check;
ALTER TABLE kinerja.unit_predikat ADD CONSTRAINT unit_predikat_period_check
    CHECK (period IN ('Y', 'S1', 'S2', 'Q1', 'Q2', 'Q3', 'Q4', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06',
                      'M07', 'M08', 'M09', 'M10', 'M11', 'M12'));
