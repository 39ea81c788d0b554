-- The rollups as derived year tables: built before the swap's lock, swapped in with the year.
--
-- publish_year refreshed appraisal_rollup and unit_rollup (004, 011, 018) after the swap, by
-- deleting and inserting the year's rows, while it held the locks that make readers wait: for a
-- national year 26-29 s, 7.8 s of it inserting 699,219 rows into a table with two indexes. They
-- are now partitioned by year and listed in kinerja.derived_year_table (014), like the consistency
-- sums: a load writes the year's new partitions from its new employee and appraisal partitions
-- before it takes the locks (019: CREATE TABLE AS, in parallel), indexes them once and swaps them
-- in with the rest. A reader whose snapshot predates the load now sees the new year's rollup as
-- empty like its appraisals, not the old rollup (scripts/faults, case 4). The rows are the same
-- (ManifestTrendTests, MigrationBackfillTests).

-- 1. The two tables, partitioned by year, with the rows of the years already loaded; the views
--    that read them (kinerja_bi's trends) are pointed at the new tables (CREATE OR REPLACE keeps
--    their grants and comments).
CREATE TEMP TABLE rollup_reader_views ON COMMIT DROP AS
SELECT DISTINCT v.oid::regclass::text AS name, pg_get_viewdef(v.oid) AS definition
FROM pg_depend d
JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
JOIN pg_class v ON v.oid = r.ev_class
WHERE d.refobjid IN ('kinerja.appraisal_rollup'::regclass, 'kinerja.unit_rollup'::regclass)
  AND v.oid NOT IN ('kinerja.appraisal_rollup'::regclass, 'kinerja.unit_rollup'::regclass);

ALTER TABLE kinerja.appraisal_rollup RENAME TO appraisal_rollup_before_020;
ALTER TABLE kinerja.appraisal_rollup_before_020 RENAME CONSTRAINT appraisal_rollup_pkey TO appraisal_rollup_before_020_pkey;
ALTER INDEX kinerja.appraisal_rollup_year_idx RENAME TO appraisal_rollup_before_020_year_idx;
ALTER TABLE kinerja.unit_rollup RENAME TO unit_rollup_before_020;
ALTER TABLE kinerja.unit_rollup_before_020 RENAME CONSTRAINT unit_rollup_pkey TO unit_rollup_before_020_pkey;
ALTER INDEX kinerja.unit_rollup_year_idx RENAME TO unit_rollup_before_020_year_idx;

CREATE TABLE kinerja.appraisal_rollup (LIKE kinerja.appraisal_rollup_before_020 INCLUDING CONSTRAINTS) PARTITION BY LIST (year);
ALTER TABLE kinerja.appraisal_rollup ADD PRIMARY KEY (unit_code, year, period, asn_type, position_type, gender, age_band);
CREATE INDEX appraisal_rollup_year_idx ON kinerja.appraisal_rollup (year, period);
CREATE TABLE kinerja.unit_rollup (LIKE kinerja.unit_rollup_before_020 INCLUDING CONSTRAINTS) PARTITION BY LIST (year);
ALTER TABLE kinerja.unit_rollup ADD PRIMARY KEY (unit_code, year, period);
CREATE INDEX unit_rollup_year_idx ON kinerja.unit_rollup (year, period);

DO $$
DECLARE
    t text;
    y integer;
    v record;
BEGIN
    FOREACH t IN ARRAY ARRAY['appraisal_rollup', 'unit_rollup'] LOOP
        FOR y IN EXECUTE format('SELECT DISTINCT year FROM kinerja.%I ORDER BY 1', t || '_before_020') LOOP
            EXECUTE format('CREATE TABLE kinerja.%I PARTITION OF kinerja.%I FOR VALUES IN (%s)', t || '_y' || y, t, y);
        END LOOP;
        EXECUTE format('INSERT INTO kinerja.%I SELECT * FROM kinerja.%I', t, t || '_before_020');
    END LOOP;
    FOR v IN SELECT name, definition FROM pg_temp.rollup_reader_views LOOP
        EXECUTE format('CREATE OR REPLACE VIEW %s AS %s', v.name, v.definition);
    END LOOP;
END
$$;
DROP TABLE kinerja.appraisal_rollup_before_020, kinerja.unit_rollup_before_020;
GRANT SELECT ON kinerja.appraisal_rollup, kinerja.unit_rollup TO kinerja_reader, kinerja_loader;
ANALYZE kinerja.appraisal_rollup, kinerja.unit_rollup;

-- 2. Their definitions: 018's refresh_rollup and 011's refresh_unit_rollup over a year's new
--    partitions. The fold groups by unit first, in the order of appraisal_rollup's key: within a
--    year the year and period never differ, and PostgreSQL abbreviates only a sort's first key
--    (national fold: 15.3-15.6 s instead of 17.0-19.1 s, EXPLAIN ANALYZE). The annual result under 'Y' is added only when the year has no 'Y' rows (a
--    one-time test, which skips that branch): each employee's last period, as
--    kinerja.annual_appraisal picks it.
INSERT INTO kinerja.derived_year_table (table_name, build_order, definition) VALUES
('appraisal_rollup', 7, $sql$
    SELECT year, period, unit_code, asn_type, position_type, gender, age_band,
           sum(n) AS n, sum(n_step1) AS n_step1, sum(n_step2) AS n_step2, sum(n_step3) AS n_step3,
           sum(n_step4) AS n_step4, sum(n_step5) AS n_step5, sum(sum_step) AS sum_step,
           sum(n_score) AS n_score, sum(sum_score) AS sum_score, array_agg(regime ORDER BY regime) AS regimes
    FROM (
        -- every period as recorded
        SELECT a.year, a.period, e.unit_code, e.asn_type, coalesce(e.position_type, '') AS position_type,
               coalesce(e.gender, 0) AS gender, kinerja.age_band(e.birth_date, a.year) AS age_band, a.regime,
               count(*) AS n, count(*) FILTER (WHERE a.step = 1) AS n_step1, count(*) FILTER (WHERE a.step = 2) AS n_step2,
               count(*) FILTER (WHERE a.step = 3) AS n_step3, count(*) FILTER (WHERE a.step = 4) AS n_step4,
               count(*) FILTER (WHERE a.step = 5) AS n_step5, sum(a.step) AS sum_step, count(a.score) AS n_score,
               coalesce(sum(a.score), 0) AS sum_score
        FROM {appraisal} a JOIN {employee} e ON e.nip = a.nip
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        UNION ALL
        -- the annual result, when the year has no 'Y' rows; each branch grouped on its own, as one
        -- grouping over their union made the plan serial (national: 35-40 s against 14.4 s)
        SELECT a.year, a.period, e.unit_code, e.asn_type, coalesce(e.position_type, '') AS position_type,
               coalesce(e.gender, 0) AS gender, kinerja.age_band(e.birth_date, a.year) AS age_band, a.regime,
               count(*) AS n, count(*) FILTER (WHERE a.step = 1) AS n_step1, count(*) FILTER (WHERE a.step = 2) AS n_step2,
               count(*) FILTER (WHERE a.step = 3) AS n_step3, count(*) FILTER (WHERE a.step = 4) AS n_step4,
               count(*) FILTER (WHERE a.step = 5) AS n_step5, sum(a.step) AS sum_step, count(a.score) AS n_score,
               coalesce(sum(a.score), 0) AS sum_score
        FROM (SELECT DISTINCT ON (nip) year, nip, 'Y'::text AS period, step, score, regime FROM {appraisal}
              WHERE period <> 'Y' AND NOT EXISTS (SELECT FROM {appraisal} WHERE period = 'Y')
              ORDER BY nip, kinerja.period_order(period) DESC) a
        JOIN {employee} e ON e.nip = a.nip
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ) by_regime
    GROUP BY unit_code, year, period, asn_type, position_type, gender, age_band
$sql$),
('unit_rollup', 8, $sql$
    SELECT year, period, unit_code, sum(n) AS n, sum(n_step1) AS n_step1, sum(n_step2) AS n_step2, sum(n_step3) AS n_step3,
           sum(n_step4) AS n_step4, sum(n_step5) AS n_step5, sum(sum_step) AS sum_step, sum(n_score) AS n_score,
           sum(sum_score) AS sum_score,
           -- the distinct regimes of the unit's rows (codes have no commas)
           (SELECT array_agg(DISTINCT g ORDER BY g)
            FROM unnest(string_to_array(string_agg(array_to_string(regimes, ','), ','), ',')) AS g) AS regimes
    FROM {appraisal_rollup}
    GROUP BY year, period, unit_code
$sql$);

-- 3. publish_year as in 016, without the refresh after the swap (appraisal_rollup, now one of the
--    year's tables, is no longer named apart in the lock).
CREATE OR REPLACE FUNCTION kinerja.publish_year(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    loaded_tables text[] := ARRAY['employee', 'appraisal', 'rating'];   -- from pg_temp.ready_<table>, or filled by COPY
    -- in foreign-key order: the loaded tables, then the derived ones
    year_tables text[] := loaded_tables || ARRAY(SELECT table_name FROM kinerja.derived_year_table ORDER BY build_order);
    partitions jsonb := '{}';   -- table -> the name of its new partition, built in step 1
    attempt integer := 0;
    started timestamptz;
BEGIN
    -- 1. the slow part, while readers still see the old year undisturbed
    FOREACH t IN ARRAY year_tables LOOP
        IF t = ANY (loaded_tables) AND to_regclass(format('kinerja.%I', kinerja.new_year_table_name(t, p_year))) IS NOT NULL THEN
            -- the loader COPYed the rows straight into it (kinerja.open_year_table): index it only
            partitions := partitions || jsonb_build_object(t, kinerja.index_year_table(t, p_year, kinerja.new_year_table_name(t, p_year)));
        ELSIF t = ANY (loaded_tables) THEN
            partitions := partitions || jsonb_build_object(t, kinerja.build_year_table(t, p_year, format('pg_temp.ready_%s', t)::regclass));
        ELSE
            EXECUTE format('CREATE TEMP VIEW %I AS %s', 'ready_' || t, kinerja.derived_definition(t, partitions));
            partitions := partitions || jsonb_build_object(t, kinerja.build_year_table(t, p_year, format('pg_temp.%I', 'ready_' || t)::regclass));
            -- it names new partitions, which a later swap may drop
            EXECUTE format('DROP VIEW pg_temp.%I', 'ready_' || t);
        END IF;
    END LOOP;

    -- 2. every lock of the swap at once: the year's tables and the tables their foreign keys
    --    reference (dropping or attaching a partition locks those too)
    LOOP
        BEGIN
            PERFORM set_config('lock_timeout', '200ms', true);
            EXECUTE 'LOCK TABLE ' || (SELECT string_agg(format('kinerja.%I', x), ', ') FROM unnest(year_tables) x)
                || ', kinerja.unit_predikat, kinerja.intervention, kinerja.unit, kinerja.instansi, kinerja.rating_item,'
                || ' kinerja.grade, kinerja.regime, kinerja.regime_label, kinerja.expectation,'
                || ' kinerja.unit_predikat_label IN ACCESS EXCLUSIVE MODE';
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
    FOREACH t IN ARRAY year_tables LOOP
        EXECUTE format('ALTER TABLE kinerja.%I RENAME TO %I', partitions ->> t, t || '_y' || p_year);
        EXECUTE format('ALTER TABLE kinerja.%I ATTACH PARTITION kinerja.%I FOR VALUES IN (%s)', t, t || '_y' || p_year, p_year);
        IF t = 'employee' AND NOT EXISTS (SELECT FROM pg_stats WHERE schemaname = 'kinerja' AND tablename = 'employee') THEN
            -- the first load: attaching the rating partition checks its foreign keys with a join
            -- against kinerja.employee, planned from the parent's statistics (012)
            ANALYZE kinerja.employee;
        END IF;
    END LOOP;
    INSERT INTO kinerja.intervention (year, nip, date, kind, note)
        SELECT year, nip, date, kind, note FROM pg_temp.ready_intervention;
    INSERT INTO kinerja.unit_predikat (year, unit_code, period, predikat)
        SELECT year, unit_code, period, predikat FROM pg_temp.ready_unit_predikat;
    EXECUTE format('ANALYZE kinerja.unit');

    RAISE NOTICE 'publish %: swapped in % s (attaching validates the foreign keys)', p_year, kinerja.seconds_since(started);
END
$$;

DROP FUNCTION kinerja.refresh_rollup(integer), kinerja.refresh_unit_rollup(integer);
