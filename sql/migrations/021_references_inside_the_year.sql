-- A year's references to its employees are checked inside the year, not against every year.
--
-- appraisal (nip, rater_nip) and rating_cell (nip, rater_nip, 017) referenced kinerja.employee by
-- foreign keys on (year, nip). Attaching a new partition validates such a key with one join of the
-- partition against the whole referenced table, which PostgreSQL 15 cannot prune to the year (the
-- year is a join column, not a constant), and it hashes that whole side. National year, psql:
-- the appraisals' check took 2.9 s with one year of employees and 5.7 s with two; with ten years
-- the four keys would hold the swap's exclusive lock for minutes. Detaching the old year's employee
-- partition on a reload also looked for referencing rows in every year's appraisals.
--
-- The keys are replaced by one check in publish_year, before the lock: each reference listed in
-- kinerja.year_reference is looked up in the year's new partition of the referenced table only,
-- with the error a foreign key raises (SQLSTATE 23503), which the loader explains row by row as
-- before (sql/load/appraisals.proven.sql, ratings.proven.sql). Only publish_year writes these
-- partitions, so what the keys guaranteed still holds: every appraisal and rating of a year names
-- employees of that year.
--
-- And kinerja.intervention becomes a year table too, partitioned by year: the swap deleted the
-- year's rows and inserted the new ones under its lock, each updating two indexes (national year,
-- psql: 8.2 s of the swap's 15.8 s). Its new partition is now built before the lock, from
-- ready_intervention like employee's and appraisal's, and swapped in with them. Its NIP is one more
-- reference inside the year, so interventions.csv's check moves to interventions.proven.sql (the
-- table's NOT NULLs and CHECKs prove the other rules) and no longer hashes every employee of the
-- year on a good load.

ALTER TABLE kinerja.appraisal DROP CONSTRAINT appraisal_year_nip_fkey, DROP CONSTRAINT appraisal_year_rater_nip_fkey;
ALTER TABLE kinerja.rating_cell DROP CONSTRAINT rating_cell_year_nip_fkey, DROP CONSTRAINT rating_cell_year_rater_nip_fkey;

-- A column of a year table whose non-NULL values must be values of a column of another year table,
-- in the same year.
CREATE TABLE kinerja.year_reference (
    table_name         text NOT NULL,
    column_name        text NOT NULL,
    referenced_table   text NOT NULL,
    referenced_column  text NOT NULL,
    PRIMARY KEY (table_name, column_name)
);
INSERT INTO kinerja.year_reference VALUES
    ('appraisal', 'nip', 'employee', 'nip'),
    ('appraisal', 'rater_nip', 'employee', 'nip'),
    ('rating_cell', 'nip', 'employee', 'nip'),
    ('rating_cell', 'rater_nip', 'employee', 'nip'),
    ('intervention', 'nip', 'employee', 'nip');
GRANT SELECT ON kinerja.year_reference TO kinerja_reader, kinerja_loader;

-- Checks every kinerja.year_reference among a year's new partitions (p_partitions: table -> its new
-- partition), raising foreign_key_violation at the first reference that has no referenced row.
CREATE FUNCTION kinerja.check_year_references(p_year integer, p_partitions jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    missing text;
    started timestamptz := clock_timestamp();
BEGIN
    FOR r IN SELECT * FROM kinerja.year_reference ORDER BY table_name, column_name LOOP
        -- an anti-join of two partitions of the same year (hashed, in parallel)
        EXECUTE format('SELECT min(t.%1$I) FROM kinerja.%2$I t WHERE t.%1$I IS NOT NULL AND NOT EXISTS (SELECT FROM kinerja.%3$I p WHERE p.%4$I = t.%1$I)',
                       r.column_name, p_partitions ->> r.table_name, p_partitions ->> r.referenced_table, r.referenced_column)
            INTO missing;
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION '%.% % is not a % of kinerja.% in %', r.table_name, r.column_name, missing, r.referenced_column, r.referenced_table, p_year
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END LOOP;
    RAISE NOTICE 'publish %: references inside the year checked in % s', p_year, kinerja.seconds_since(started);
END
$$;
REVOKE ALL ON FUNCTION kinerja.check_year_references(integer, jsonb) FROM PUBLIC;

-- kinerja.intervention, partitioned by year; the rows of the years loaded before stay, and so do
-- the views that read it and the privileges granted on it (as 020 did for the rollups).
CREATE TEMP TABLE intervention_reader_views ON COMMIT DROP AS
-- (names schema-qualified: CREATE OR REPLACE of an unqualified name would make a new view in the
-- first schema of the search path)
SELECT DISTINCT format('%I.%I', n.nspname, v.relname) AS name, pg_get_viewdef(v.oid) AS definition
FROM pg_depend d
JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
JOIN pg_class v ON v.oid = r.ev_class
JOIN pg_namespace n ON n.oid = v.relnamespace
WHERE d.refobjid = 'kinerja.intervention'::regclass AND v.oid <> 'kinerja.intervention'::regclass;
CREATE TEMP TABLE intervention_grants ON COMMIT DROP AS
SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee, a.privilege_type
FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
WHERE c.oid = 'kinerja.intervention'::regclass AND a.grantee <> c.relowner;

ALTER TABLE kinerja.intervention RENAME TO intervention_before_021;
ALTER INDEX kinerja.intervention_year_idx RENAME TO intervention_before_021_year_idx;
ALTER INDEX kinerja.intervention_nip_idx RENAME TO intervention_before_021_nip_idx;
CREATE TABLE kinerja.intervention (LIKE kinerja.intervention_before_021 INCLUDING CONSTRAINTS) PARTITION BY LIST (year);
DO $$
DECLARE
    y integer;
    v record;
BEGIN
    FOR y IN SELECT DISTINCT year FROM kinerja.intervention_before_021 ORDER BY 1 LOOP
        EXECUTE format('CREATE TABLE kinerja.%I PARTITION OF kinerja.intervention FOR VALUES IN (%s)', 'intervention_y' || y, y);
    END LOOP;
    INSERT INTO kinerja.intervention SELECT * FROM kinerja.intervention_before_021;
    FOR v IN SELECT name, definition FROM pg_temp.intervention_reader_views LOOP
        EXECUTE format('CREATE OR REPLACE VIEW %s AS %s', v.name, v.definition);
    END LOOP;
    FOR v IN SELECT grantee, privilege_type FROM pg_temp.intervention_grants LOOP
        EXECUTE format('GRANT %s ON kinerja.intervention TO %s', v.privilege_type, v.grantee);
    END LOOP;
END
$$;
DROP TABLE kinerja.intervention_before_021;
CREATE INDEX intervention_kind_idx ON kinerja.intervention (kind, nip, year);   -- the year last, as in 022
CREATE INDEX intervention_nip_idx ON kinerja.intervention (nip);
GRANT SELECT ON kinerja.intervention TO kinerja_reader, kinerja_loader;
ANALYZE kinerja.intervention;

-- As in 014, with kinerja.intervention: autovacuum never analyses a partitioned table as a whole.
CREATE OR REPLACE FUNCTION kinerja.analyze_year_tables() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE 'ANALYZE kinerja.employee, kinerja.appraisal, kinerja.rating, kinerja.intervention'
        || (SELECT string_agg(format(', kinerja.%I', table_name), '' ORDER BY build_order) FROM kinerja.derived_year_table);
END
$$;

-- publish_year as in 020, with interventions one of the year's loaded tables, the references
-- checked after step 1, and without 012's ANALYZE of kinerja.employee before the first attach (it
-- planned the dropped keys' joins).
CREATE OR REPLACE FUNCTION kinerja.publish_year(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    loaded_tables text[] := ARRAY['employee', 'appraisal', 'rating', 'intervention'];   -- from pg_temp.ready_<table>, or filled by COPY
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

    PERFORM kinerja.check_year_references(p_year, partitions);

    -- 2. every lock of the swap at once: the year's tables and the tables their foreign keys
    --    reference (dropping or attaching a partition locks those too)
    LOOP
        BEGIN
            PERFORM set_config('lock_timeout', '200ms', true);
            EXECUTE 'LOCK TABLE ' || (SELECT string_agg(format('kinerja.%I', x), ', ') FROM unnest(year_tables) x)
                || ', kinerja.unit_predikat, kinerja.unit, kinerja.instansi, kinerja.rating_item,'
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
    --    new partitions in (referenced tables first; ATTACH validates their foreign keys to the small tables)
    FOR i IN REVERSE array_length(year_tables, 1)..1 LOOP
        t := year_tables[i];
        IF to_regclass(format('kinerja.%I', t || '_y' || p_year)) IS NOT NULL THEN
            EXECUTE format('ALTER TABLE kinerja.%I DETACH PARTITION kinerja.%I', t, t || '_y' || p_year);
            EXECUTE format('DROP TABLE kinerja.%I', t || '_y' || p_year);
        END IF;
    END LOOP;
    DELETE FROM kinerja.unit_predikat WHERE year = p_year;
    DELETE FROM kinerja.unit WHERE year = p_year;
    INSERT INTO kinerja.unit (year, unit_code, unit_name, instansi_code, parent_unit_code)
        SELECT year, unit_code, unit_name, instansi_code, parent_unit_code FROM pg_temp.ready_unit;
    DELETE FROM kinerja.instansi i WHERE NOT EXISTS (SELECT FROM kinerja.unit u WHERE u.instansi_code = i.instansi_code);
    FOREACH t IN ARRAY year_tables LOOP
        EXECUTE format('ALTER TABLE kinerja.%I RENAME TO %I', partitions ->> t, t || '_y' || p_year);
        EXECUTE format('ALTER TABLE kinerja.%I ATTACH PARTITION kinerja.%I FOR VALUES IN (%s)', t, t || '_y' || p_year, p_year);
    END LOOP;
    INSERT INTO kinerja.unit_predikat (year, unit_code, period, predikat)
        SELECT year, unit_code, period, predikat FROM pg_temp.ready_unit_predikat;
    EXECUTE format('ANALYZE kinerja.unit');

    RAISE NOTICE 'publish %: swapped in % s', p_year, kinerja.seconds_since(started);
END
$$;
