-- The first load into an empty database: attaching the new rating partition validates its foreign
-- keys to kinerja.employee with one join per key, which the planner plans from the statistics of
-- kinerja.employee as a whole. A partitioned table gets those only from an explicit ANALYZE
-- (kinerja.analyze_year_tables, after each committed load), so the first load's swap planned that
-- join blind: the swap took 45 s of a province load, against 8-10 s once the statistics exist.

CREATE OR REPLACE FUNCTION kinerja.publish_year(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    year_tables text[] := ARRAY['employee', 'appraisal', 'rating', 'rating_cell'];   -- in foreign-key order
    built text[] := '{}';
    attempt integer := 0;
    started timestamptz;
BEGIN
    -- 1. the slow part, while readers still see the old year undisturbed
    FOREACH t IN ARRAY ARRAY['employee', 'appraisal', 'rating'] LOOP
        built := built || kinerja.build_year_table(t, p_year, format('pg_temp.ready_%s', t)::regclass);
    END LOOP;
    EXECUTE format('CREATE TEMP VIEW ready_rating_cell AS
                    SELECT year, period, nip, rater_nip, rater_role, count(*)::integer AS items, sum(score) AS score_sum
                    FROM kinerja.%I GROUP BY year, period, nip, rater_nip, rater_role', built[3]);
    built := built || kinerja.build_year_table('rating_cell', p_year, 'pg_temp.ready_rating_cell'::regclass);
    DROP VIEW pg_temp.ready_rating_cell;   -- it names the new rating table, which a later swap may drop

    -- 2. every lock of the swap at once: the year's tables and the tables their foreign keys
    --    reference (dropping or attaching a partition locks those too)
    LOOP
        BEGIN
            PERFORM set_config('lock_timeout', '200ms', true);
            LOCK TABLE kinerja.rating_cell, kinerja.rating, kinerja.appraisal, kinerja.employee, kinerja.unit_predikat,
                       kinerja.intervention, kinerja.unit, kinerja.instansi, kinerja.rating_item, kinerja.grade,
                       kinerja.regime, kinerja.regime_label, kinerja.expectation, kinerja.unit_predikat_label,
                       kinerja.appraisal_rollup
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
    started := clock_timestamp();

    INSERT INTO kinerja.instansi
        SELECT DISTINCT ON (instansi_code) instansi_code, instansi_name FROM pg_temp.ready_unit ORDER BY instansi_code, line
    ON CONFLICT (instansi_code) DO UPDATE SET instansi_name = excluded.instansi_name
    WHERE kinerja.instansi.instansi_name IS DISTINCT FROM excluded.instansi_name;

    -- 3. the swap: old partitions out (referencing tables first), the small year tables replaced,
    --    new partitions in (referenced tables first; ATTACH validates their foreign keys)
    FOR i IN REVERSE array_length(year_tables, 1)..1 LOOP
        t := year_tables[i];
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
    FOR i IN 1..array_length(year_tables, 1) LOOP
        t := year_tables[i];
        EXECUTE format('ALTER TABLE kinerja.%I RENAME TO %I', built[i], t || '_y' || p_year);
        EXECUTE format('ALTER TABLE kinerja.%I ATTACH PARTITION kinerja.%I FOR VALUES IN (%s)', t, t || '_y' || p_year, p_year);
        IF t = 'employee' AND NOT EXISTS (SELECT FROM pg_stats WHERE schemaname = 'kinerja' AND tablename = 'employee') THEN
            -- the first load: attaching the rating partition checks its foreign keys with a join
            -- against kinerja.employee, planned from the parent's statistics, which only exist once
            -- a load has committed (analyze_year_tables). Without them the swap took 45 s of a
            -- province load instead of 8-10 s.
            ANALYZE kinerja.employee;
        END IF;
    END LOOP;
    INSERT INTO kinerja.intervention (year, nip, date, kind, note)
        SELECT year, nip, date, kind, note FROM pg_temp.ready_intervention;
    INSERT INTO kinerja.unit_predikat (year, unit_code, period, predikat)
        SELECT year, unit_code, period, predikat FROM pg_temp.ready_unit_predikat;

    RAISE NOTICE 'publish %: swapped in % s (attaching validates the foreign keys)', p_year, kinerja.seconds_since(started);

    -- 4. derived tables for this year, in the same transaction
    started := clock_timestamp();
    PERFORM kinerja.refresh_rollup(p_year);
    EXECUTE format('ANALYZE kinerja.unit');
    RAISE NOTICE 'publish %: rollup refreshed in % s', p_year, kinerja.seconds_since(started);
END
$$;
