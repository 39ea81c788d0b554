-- The table every consistency coefficient is computed on has one value per (ratee, rater): the
-- rater's mean over the items. Computing it at query time grouped a province year's ten million
-- rating rows on every `kinerja consistency` call (20 of its 36 seconds, benchmarks/consistency).
-- The loader now keeps it, as it keeps appraisal_rollup for the trends: kinerja.rating_cell, one
-- partition per year, built from the year's new rating partition before the swap and swapped in
-- with it. About an eighth of the rating rows (seven items per rater and ratee).
--
-- Keyed by role too, and holding the sum rather than the mean, so that a query filtering on the
-- role regroups it to exactly what grouping the rating rows would give, whatever the data.
CREATE TABLE kinerja.rating_cell (
    year        smallint NOT NULL,
    period      text NOT NULL,
    nip         text NOT NULL,
    rater_nip   text NOT NULL,
    rater_role  text NOT NULL,
    items       integer NOT NULL,    -- rating rows summed
    score_sum   numeric NOT NULL,
    PRIMARY KEY (year, period, nip, rater_nip, rater_role)
) PARTITION BY LIST (year);
-- Who rated whom, found from the rater's side (kinerja raters): an index an eighth the size of the
-- rating index it replaces, which took a sixth of a province load's publish to build. A rater's
-- rating rows are then found through the rating primary key, by ratee and rater.
CREATE INDEX rating_cell_rater_idx ON kinerja.rating_cell (year, rater_nip);
DROP INDEX kinerja.rating_rater_idx;

-- The cells of the years already loaded.
DO $$
DECLARE
    y integer;
BEGIN
    FOR y IN SELECT DISTINCT year FROM kinerja.load_batch WHERE outcome = 'succeeded' ORDER BY 1 LOOP
        IF to_regclass(format('kinerja.rating_y%s', y)) IS NOT NULL THEN
            EXECUTE format('CREATE TABLE kinerja.rating_cell_y%s PARTITION OF kinerja.rating_cell FOR VALUES IN (%s)', y, y);
            EXECUTE format('INSERT INTO kinerja.rating_cell SELECT year, period, nip, rater_nip, rater_role, count(*), sum(score)
                            FROM kinerja.rating_y%s GROUP BY year, period, nip, rater_nip, rater_role', y);
            EXECUTE format('ANALYZE kinerja.rating_cell_y%s', y);
        END IF;
    END LOOP;
END
$$;

-- As in 004, and each step's time raised as a NOTICE (`kinerja load -v` logs them): a slow publish
-- shows which table and which step took the time.
CREATE OR REPLACE FUNCTION kinerja.build_year_table(p_parent text, p_year integer, p_source regclass) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- unique per transaction: index names are schema-wide and the old year's still exist
    new_table text := format('%s_y%s_t%s', p_parent, p_year, txid_current());
    parent regclass := format('kinerja.%I', p_parent)::regclass;
    columns text;
    idx record;
    started timestamptz := clock_timestamp();
BEGIN
    EXECUTE format('CREATE TABLE kinerja.%I (LIKE kinerja.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)', new_table, p_parent);
    -- lets ATTACH skip its scan: the partition constraint is implied by this check
    EXECUTE format('ALTER TABLE kinerja.%I ADD CONSTRAINT %I CHECK (year = %s)', new_table, new_table || '_year', p_year);
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('INSERT INTO kinerja.%I (%s) SELECT %s FROM %s', new_table, columns, columns, p_source);
    RAISE NOTICE 'publish %: % rows written in % s', p_year, p_parent, kinerja.seconds_since(started);
    started := clock_timestamp();
    -- the primary key as a constraint (ATTACH matches constraint indexes only to constraints)
    FOR idx IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        WHERE c.conrelid = parent AND c.contype = 'p'
    LOOP
        EXECUTE format('ALTER TABLE kinerja.%I ADD CONSTRAINT %I %s', new_table, new_table || '_pkey', idx.def);
    END LOOP;
    RAISE NOTICE 'publish %: % primary key built in % s', p_year, p_parent, kinerja.seconds_since(started);
    started := clock_timestamp();
    FOR idx IN
        SELECT i.indexrelid, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = parent AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    LOOP
        EXECUTE regexp_replace(idx.def, '^CREATE (UNIQUE )?INDEX (\S+) ON ONLY (\S+)',
            format('CREATE \1INDEX %I ON kinerja.%I', new_table || '_' || substr(md5(idx.def), 1, 8), new_table));
    END LOOP;
    EXECUTE format('ANALYZE kinerja.%I', new_table);
    RAISE NOTICE 'publish %: % other indexes built and analysed in % s', p_year, p_parent, kinerja.seconds_since(started);
    RETURN new_table;
END
$$;

-- "12.3": seconds since a moment, for the NOTICEs above.
CREATE FUNCTION kinerja.seconds_since(moment timestamptz) RETURNS numeric
    LANGUAGE sql VOLATILE
    RETURN round(extract(epoch FROM clock_timestamp() - moment), 1);

-- As in 008, plus rating_cell: built after rating (from its new partition, which is in key order and
-- analysed, so the grouping is one ordered pass), swapped in and out with the other year tables.
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

-- Statistics of the partitioned tables as wholes (PostgreSQL 15 also re-analyses each partition).
-- Autovacuum never analyses a partitioned table, and without these the planner estimated a join of
-- two years' appraisals on nip at 49 billion rows (200 distinct NIPs, its default) and chose a
-- nested loop over 4.7 million index probes. The loader calls this after each load commits.
CREATE FUNCTION kinerja.analyze_year_tables() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    ANALYZE kinerja.employee, kinerja.appraisal, kinerja.rating, kinerja.rating_cell;
END
$$;

REVOKE ALL ON FUNCTION kinerja.publish_year(integer), kinerja.build_year_table(text, integer, regclass),
    kinerja.analyze_year_tables() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kinerja.analyze_year_tables() TO kinerja_loader;
GRANT EXECUTE ON FUNCTION kinerja.publish_year(integer) TO kinerja_loader;
GRANT SELECT ON kinerja.rating_cell TO kinerja_reader, kinerja_loader;
