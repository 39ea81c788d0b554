-- Publishing a validated year. The loader stages and validates a year in temporary tables of its
-- own session (pg_temp.ready_*), then calls kinerja.publish_year inside the same transaction.
--
-- Why a SECURITY DEFINER function: swapping partitions is a schema change, which the loader role
-- must not be able to make by itself. This function is the one narrow door: it makes exactly the
-- changes a yearly load needs, as the schema owner, and the loader only gets EXECUTE on it.
--
-- Why swap partitions: the new year's big tables are filled unindexed (COPY speed), indexed in one
-- sorted pass, and only then swapped in. The swap is the last step of the load transaction, so
-- readers keep seeing the old year (MVCC) until commit and then the new one: never a mix, never an
-- empty year. Only DETACH takes a lock that blocks readers, and only from the swap to the commit.

-- Rollup kept by the loader: per year, period, unit and the people dimensions that dashboards group
-- by, the counts of each ordinal step and score sums. Small (units x a few dozen combinations),
-- so one unit's ten-year series is an index range scan.
CREATE TABLE kinerja.appraisal_rollup (
    year           smallint NOT NULL,
    period         text NOT NULL,
    unit_code      text NOT NULL,
    asn_type       text NOT NULL,
    position_type  text NOT NULL,   -- '' when not given
    gender         smallint NOT NULL, -- 0 when not decoded (PPPK)
    age_band       text NOT NULL,   -- '' when not decoded
    n              integer NOT NULL,
    n_step1        integer NOT NULL,
    n_step2        integer NOT NULL,
    n_step3        integer NOT NULL,
    n_step4        integer NOT NULL,
    n_step5        integer NOT NULL,
    sum_step       integer NOT NULL,
    n_score        integer NOT NULL,
    sum_score      numeric NOT NULL,
    regimes        text[] NOT NULL,
    PRIMARY KEY (unit_code, year, period, asn_type, position_type, gender, age_band)
);
CREATE INDEX appraisal_rollup_year_idx ON kinerja.appraisal_rollup (year, period);

-- Age band at a year, from the NIP's birth date.
CREATE FUNCTION kinerja.age_band(birth_date date, year integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN birth_date IS NULL THEN ''
        WHEN year - extract(year FROM birth_date) < 30 THEN '<30'
        WHEN year - extract(year FROM birth_date) < 40 THEN '30-39'
        WHEN year - extract(year FROM birth_date) < 50 THEN '40-49'
        ELSE '50+'
    END;

-- The annual result of each employee and year: the 'Y' appraisal when there is one, else the
-- year's last period (2021 has S1 under PP 46/2011 and S2 under PP 30/2019).
CREATE VIEW kinerja.annual_appraisal AS
SELECT DISTINCT ON (year, nip) *
FROM kinerja.appraisal
ORDER BY year, nip, kinerja.period_order(period) DESC;

CREATE FUNCTION kinerja.refresh_rollup(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM kinerja.appraisal_rollup WHERE year = p_year;
    -- every period as recorded, plus the annual result under 'Y' where the year has no 'Y' rows
    INSERT INTO kinerja.appraisal_rollup
    SELECT a.year, a.period, e.unit_code, e.asn_type, coalesce(e.position_type, ''), coalesce(e.gender, 0),
           kinerja.age_band(e.birth_date, a.year),
           count(*), count(*) FILTER (WHERE a.step = 1), count(*) FILTER (WHERE a.step = 2),
           count(*) FILTER (WHERE a.step = 3), count(*) FILTER (WHERE a.step = 4),
           count(*) FILTER (WHERE a.step = 5), sum(a.step), count(a.score), coalesce(sum(a.score), 0),
           array_agg(DISTINCT a.regime ORDER BY a.regime)
    FROM (
        SELECT year, nip, period, step, score, regime FROM kinerja.appraisal WHERE year = p_year
        UNION ALL
        SELECT year, nip, 'Y', step, score, regime FROM kinerja.annual_appraisal
        WHERE year = p_year AND NOT EXISTS (SELECT FROM kinerja.appraisal y WHERE y.year = p_year AND y.period = 'Y')
    ) a
    JOIN kinerja.employee e ON e.year = a.year AND e.nip = a.nip
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
END
$$;

-- Makes a standalone copy of a partitioned table's shape for one year and fills it from a staged
-- temp table; builds the parent's primary key and indexes on it after the data is in.
CREATE FUNCTION kinerja.build_year_table(p_parent text, p_year integer, p_source regclass) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- unique per transaction: index names are schema-wide and the old year's still exist
    new_table text := format('%s_y%s_t%s', p_parent, p_year, txid_current());
    parent regclass := format('kinerja.%I', p_parent)::regclass;
    columns text;
    idx record;
BEGIN
    EXECUTE format('CREATE TABLE kinerja.%I (LIKE kinerja.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)', new_table, p_parent);
    -- lets ATTACH skip its scan: the partition constraint is implied by this check
    EXECUTE format('ALTER TABLE kinerja.%I ADD CONSTRAINT %I CHECK (year = %s)', new_table, new_table || '_year', p_year);
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('INSERT INTO kinerja.%I (%s) SELECT %s FROM %s', new_table, columns, columns, p_source);
    -- the primary key as a constraint (ATTACH matches constraint indexes only to constraints)
    FOR idx IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        WHERE c.conrelid = parent AND c.contype = 'p'
    LOOP
        EXECUTE format('ALTER TABLE kinerja.%I ADD CONSTRAINT %I %s', new_table, new_table || '_pkey', idx.def);
    END LOOP;
    FOR idx IN
        SELECT i.indexrelid, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = parent AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    LOOP
        EXECUTE regexp_replace(idx.def, '^CREATE (UNIQUE )?INDEX (\S+) ON ONLY (\S+)',
            format('CREATE \1INDEX %I ON kinerja.%I', new_table || '_' || substr(md5(idx.def), 1, 8), new_table));
    END LOOP;
    EXECUTE format('ANALYZE kinerja.%I', new_table);
    RETURN new_table;
END
$$;

-- Replaces one year with the staged one. Expects these temp tables in the caller's session, with
-- the target tables' columns (and maybe more): ready_unit (with instansi_name), ready_employee, ready_appraisal,
-- ready_rating, ready_intervention, ready_unit_predikat.
CREATE FUNCTION kinerja.publish_year(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    big_tables text[] := ARRAY['employee', 'appraisal', 'rating'];   -- in foreign-key order
    built text[] := '{}';
BEGIN
    -- 1. the slow part, while readers still see the old year undisturbed
    FOREACH t IN ARRAY big_tables LOOP
        built := built || kinerja.build_year_table(t, p_year, format('pg_temp.ready_%s', t)::regclass);
    END LOOP;

    INSERT INTO kinerja.instansi
        SELECT DISTINCT ON (instansi_code) instansi_code, instansi_name FROM pg_temp.ready_unit ORDER BY instansi_code, line
    ON CONFLICT (instansi_code) DO UPDATE SET instansi_name = excluded.instansi_name
    WHERE kinerja.instansi.instansi_name IS DISTINCT FROM excluded.instansi_name;

    -- 2. the swap: old partitions out (referencing tables first), the small year tables replaced,
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
    FOR i IN 1..array_length(big_tables, 1) LOOP
        t := big_tables[i];
        EXECUTE format('ALTER TABLE kinerja.%I RENAME TO %I', built[i], t || '_y' || p_year);
        EXECUTE format('ALTER TABLE kinerja.%I ATTACH PARTITION kinerja.%I FOR VALUES IN (%s)', t, t || '_y' || p_year, p_year);
    END LOOP;
    INSERT INTO kinerja.intervention (year, nip, date, kind, note)
        SELECT year, nip, date, kind, note FROM pg_temp.ready_intervention;
    INSERT INTO kinerja.unit_predikat (year, unit_code, period, predikat)
        SELECT year, unit_code, period, predikat FROM pg_temp.ready_unit_predikat;

    -- 3. derived tables for this year, in the same transaction
    PERFORM kinerja.refresh_rollup(p_year);
    EXECUTE format('ANALYZE kinerja.unit');
END
$$;

REVOKE ALL ON FUNCTION kinerja.publish_year(integer), kinerja.build_year_table(text, integer, regclass), kinerja.refresh_rollup(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kinerja.publish_year(integer) TO kinerja_loader;
GRANT SELECT ON kinerja.appraisal_rollup, kinerja.annual_appraisal TO kinerja_reader, kinerja_loader;
