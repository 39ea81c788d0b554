-- Less work while a publish holds the swap's locks, and the year tables analysed in parallel.
--
-- 1. Attaching a year's new appraisal partition validates each of appraisal's foreign keys with its
--    own scan of the new rows (each 0.35-0.75 s for a national year's 4.7 million appraisals, while
--    readers wait for the swap). Three of the four prove nothing the fourth and one composite key
--    would not:
--    - appraisal.regime: (regime, label_code, step) references regime_label, whose regime references
--      regime, and none of the three is ever NULL (NOT NULL columns), so the composite key proves it;
--    - hasil_kerja and perilaku_kerja each referenced expectation. One key (regime, hasil_kerja,
--      perilaku_kerja) to predikat_matrix (whose two columns reference expectation) proves both and
--      more: the pair is a cell of that regime's matrix. Under the numeric regimes both are NULL
--      (appraisal's CHECKs), and a key with a NULL column is not checked (MATCH SIMPLE), as before.
--    The load's own check (sql/load/appraisals.check.sql) rejects such rows before the publish; these
--    keys are the database's guarantee, now two scans instead of four.
ALTER TABLE kinerja.appraisal
    DROP CONSTRAINT appraisal_regime_fkey,
    DROP CONSTRAINT appraisal_hasil_kerja_fkey,
    DROP CONSTRAINT appraisal_perilaku_kerja_fkey,
    ADD CONSTRAINT appraisal_matrix_cell_fkey FOREIGN KEY (regime, hasil_kerja, perilaku_kerja)
        REFERENCES kinerja.predikat_matrix (regime, hasil_kerja, perilaku_kerja);

-- 2. After a load commits, the loader analyses the partitioned tables as wholes (autovacuum never
--    does): twelve ANALYZEs, 3.9 s for a national year's tables in one session. They are
--    independent, so the loader runs them on as many sessions as the machine has cores, one table
--    at a time each, the largest first. ANALYZE needs the tables' owner: hence SECURITY DEFINER, and
--    only for the year tables.
CREATE FUNCTION kinerja.year_tables() RETURNS TABLE (table_name text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT t.name
    FROM unnest(ARRAY['employee', 'appraisal', 'rating', 'intervention']
                || ARRAY(SELECT d.table_name FROM kinerja.derived_year_table d ORDER BY d.build_order)) AS t(name)
    -- the largest first, so that the last to finish is a small one
    ORDER BY (SELECT coalesce(sum(pg_relation_size(p.relid)), 0)
              FROM pg_partition_tree(format('kinerja.%I', t.name)::regclass) p WHERE p.isleaf) DESC, t.name;
END;

CREATE FUNCTION kinerja.analyze_year_table(p_table text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_table NOT IN (SELECT table_name FROM kinerja.year_tables()) THEN
        RAISE EXCEPTION '% is not a year table of kinerja', p_table USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ANALYZE kinerja.%I', p_table);
END
$$;

-- The one-session form (014, 021) has no caller left.
DROP FUNCTION kinerja.analyze_year_tables();
