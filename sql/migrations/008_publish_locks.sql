-- The swap of publish_year (004) took its locks one table at a time: detaching and dropping the old
-- rating partition locks employee and rating_item (its foreign keys) before appraisal is locked, so
-- a dashboard query reading appraisal and then employee could deadlock with a reload, and one of
-- the two was aborted (found by scripts/faults). Now the swap first takes every lock it needs in one
-- step, each attempt bounded by a short lock_timeout and released whole when it fails, so the loader
-- never waits for one lock while holding others: readers are never part of a cycle.
--
-- Also: instansi rows no unit refers to any more are removed (a reload that renames an instansi
-- would otherwise leave the old code behind, and loading the same files twice would not give the
-- same database; found by scripts/fuzz-load).
CREATE OR REPLACE FUNCTION kinerja.publish_year(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    big_tables text[] := ARRAY['employee', 'appraisal', 'rating'];   -- in foreign-key order
    built text[] := '{}';
    attempt integer := 0;
BEGIN
    -- 1. the slow part, while readers still see the old year undisturbed
    FOREACH t IN ARRAY big_tables LOOP
        built := built || kinerja.build_year_table(t, p_year, format('pg_temp.ready_%s', t)::regclass);
    END LOOP;

    -- 2. every lock of the swap at once: the year's tables and the tables their foreign keys
    --    reference (dropping or attaching a partition locks those too)
    LOOP
        BEGIN
            PERFORM set_config('lock_timeout', '200ms', true);
            LOCK TABLE kinerja.rating, kinerja.appraisal, kinerja.employee, kinerja.unit_predikat, kinerja.intervention,
                       kinerja.unit, kinerja.instansi, kinerja.rating_item, kinerja.grade, kinerja.regime,
                       kinerja.regime_label, kinerja.expectation, kinerja.unit_predikat_label, kinerja.appraisal_rollup
                IN ACCESS EXCLUSIVE MODE;
            EXIT;
        EXCEPTION WHEN lock_not_available THEN
            -- the failed attempt's locks are released with its subtransaction; let readers finish
            attempt := attempt + 1;
            IF attempt >= 300 THEN
                RAISE EXCEPTION 'could not lock the tables of % for the swap within a minute: long-running readers hold them', p_year
                    USING ERRCODE = 'lock_not_available';
            END IF;
            PERFORM pg_sleep(0.05 + random() * 0.15);
        END;
    END LOOP;
    PERFORM set_config('lock_timeout', '0', true);

    INSERT INTO kinerja.instansi
        SELECT DISTINCT ON (instansi_code) instansi_code, instansi_name FROM pg_temp.ready_unit ORDER BY instansi_code, line
    ON CONFLICT (instansi_code) DO UPDATE SET instansi_name = excluded.instansi_name
    WHERE kinerja.instansi.instansi_name IS DISTINCT FROM excluded.instansi_name;

    -- 3. the swap: old partitions out (referencing tables first), the small year tables replaced,
    --    new partitions in (referenced tables first; ATTACH validates their foreign keys)
    FOR i IN REVERSE array_length(big_tables, 1)..1 LOOP
        t := big_tables[i];
        IF to_regclass(format('kinerja.%I', t || '_y' || p_year)) IS NOT NULL THEN
            EXECUTE format('ALTER TABLE kinerja.%I DETACH PARTITION kinerja.%I', t, t || '_y' || p_year);
            EXECUTE format('DROP TABLE kinerja.%I', t || '_y' || p_year);
        END IF;
    END LOOP;
    DELETE FROM kinerja.intervention WHERE year = p_year;
    DELETE FROM kinerja.unit_predikat WHERE year = p_year;
    DELETE FROM kinerja.unit WHERE year = p_year;
    INSERT INTO kinerja.unit (year, unit_code, unit_name, instansi_code, parent_unit_code)
        SELECT year, unit_code, unit_name, instansi_code, parent_unit_code FROM pg_temp.ready_unit;
    DELETE FROM kinerja.instansi i WHERE NOT EXISTS (SELECT FROM kinerja.unit u WHERE u.instansi_code = i.instansi_code);
    FOR i IN 1..array_length(big_tables, 1) LOOP
        t := big_tables[i];
        EXECUTE format('ALTER TABLE kinerja.%I RENAME TO %I', built[i], t || '_y' || p_year);
        EXECUTE format('ALTER TABLE kinerja.%I ATTACH PARTITION kinerja.%I FOR VALUES IN (%s)', t, t || '_y' || p_year, p_year);
    END LOOP;
    INSERT INTO kinerja.intervention (year, nip, date, kind, note)
        SELECT year, nip, date, kind, note FROM pg_temp.ready_intervention;
    INSERT INTO kinerja.unit_predikat (year, unit_code, period, predikat)
        SELECT year, unit_code, period, predikat FROM pg_temp.ready_unit_predikat;

    -- 4. derived tables for this year, in the same transaction
    PERFORM kinerja.refresh_rollup(p_year);
    EXECUTE format('ANALYZE kinerja.unit');
END
$$;
