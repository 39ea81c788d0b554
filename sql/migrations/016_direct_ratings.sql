-- Canonical ratings are COPYed straight into the year's new partition.
--
-- A province year's ten million ratings were written three times on the way in: COPYed as text
-- into a staging table (11 s), decoded through a view as publish_year wrote the new partition
-- (32 s), and indexed. But nearly every file is written by a program, in the canonical spelling of
-- every value (`197812201997072001,Y,197302151996091001,rekan,AKUNTABEL,81.1`), and canonical text
-- is what the partition's columns hold. So the loader (Loader.swift, CanonicalForm.swift) now
-- COPYs a canonical ratings file into the new partition itself, whose NOT NULLs and CHECKs refuse
-- during the COPY what they refuse during the publish (12.7 s for the province year in psql), and
-- publish_year only indexes it. Any other file, or a row that is not canonical or that a
-- constraint refuses, falls back to the staging path: the file is staged as text and decoded as
-- before, and every rejected row is named as before.
--
-- The partition is created before the loader COPYs into it: build_year_table is split into
-- create_year_table (the empty table, shaped like a partition of its parent) and index_year_table
-- (its keys, indexes and statistics), and open_year_table lets a loader create one for its COPY.

-- The name of a year's new partition of a table while a load builds it: unique per transaction,
-- because index names are schema-wide and the old year's still exist.
CREATE FUNCTION kinerja.new_year_table_name(p_parent text, p_year integer) RETURNS text
    LANGUAGE sql STABLE
    RETURN format('%s_y%s_t%s', p_parent, p_year, txid_current());

-- An empty table shaped like a partition of p_parent for p_year: its columns, defaults and CHECKs,
-- a CHECK on the year (it lets ATTACH skip its scan) and the year as the default.
CREATE FUNCTION kinerja.create_year_table(p_parent text, p_year integer) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_table text := kinerja.new_year_table_name(p_parent, p_year);
BEGIN
    EXECUTE format('CREATE TABLE kinerja.%I (LIKE kinerja.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)', new_table, p_parent);
    EXECUTE format('ALTER TABLE kinerja.%I ADD CONSTRAINT %I CHECK (year = %s), ALTER year SET DEFAULT %s',
                   new_table, new_table || '_year', p_year, p_year);
    RETURN new_table;
END
$$;

-- The loader's door to create_year_table, for a file it COPYs straight into the year's table. The
-- table is visible only inside the load's transaction until the publish attaches it, so INSERT is
-- granted to PUBLIC only for that while; index_year_table revokes it.
CREATE FUNCTION kinerja.open_year_table(p_parent text, p_year integer) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_table text;
BEGIN
    IF p_parent NOT IN ('employee', 'appraisal', 'rating') THEN
        RAISE EXCEPTION 'open_year_table: % is not a table the loader fills', p_parent USING ERRCODE = 'insufficient_privilege';
    END IF;
    new_table := kinerja.create_year_table(p_parent, p_year);
    EXECUTE format('GRANT INSERT ON kinerja.%I TO PUBLIC', new_table);
    RETURN new_table;
END
$$;

-- A new year table's primary key, other indexes and statistics, once its rows are written.
CREATE FUNCTION kinerja.index_year_table(p_parent text, p_year integer, p_table text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    parent regclass := format('kinerja.%I', p_parent)::regclass;
    idx record;
    started timestamptz := clock_timestamp();
BEGIN
    EXECUTE format('REVOKE INSERT ON kinerja.%I FROM PUBLIC', p_table);   -- open_year_table's
    -- the primary key as a constraint (ATTACH matches constraint indexes only to constraints)
    FOR idx IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        WHERE c.conrelid = parent AND c.contype = 'p'
    LOOP
        EXECUTE format('ALTER TABLE kinerja.%I ADD CONSTRAINT %I %s', p_table, p_table || '_pkey', idx.def);
    END LOOP;
    RAISE NOTICE 'publish %: % primary key built in % s', p_year, p_parent, kinerja.seconds_since(started);
    started := clock_timestamp();
    FOR idx IN
        SELECT i.indexrelid, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = parent AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    LOOP
        EXECUTE regexp_replace(idx.def, '^CREATE (UNIQUE )?INDEX (\S+) ON ONLY (\S+)',
            format('CREATE \1INDEX %I ON kinerja.%I', p_table || '_' || substr(md5(idx.def), 1, 8), p_table));
    END LOOP;
    EXECUTE format('ANALYZE kinerja.%I', p_table);
    RAISE NOTICE 'publish %: % other indexes built and analysed in % s', p_year, p_parent, kinerja.seconds_since(started);
    RETURN p_table;
END
$$;

-- As in 010, in the three steps above.
CREATE OR REPLACE FUNCTION kinerja.build_year_table(p_parent text, p_year integer, p_source regclass) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_table text := kinerja.create_year_table(p_parent, p_year);
    columns text;
    started timestamptz := clock_timestamp();
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = format('kinerja.%I', p_parent)::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('INSERT INTO kinerja.%I (%s) SELECT %s FROM %s', new_table, columns, columns, p_source);
    RAISE NOTICE 'publish %: % rows written in % s', p_year, p_parent, kinerja.seconds_since(started);
    RETURN kinerja.index_year_table(p_parent, p_year, new_table);
END
$$;

-- As in 014, with a loaded table's new partition taken as the loader filled it when it exists.
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
                || ' kinerja.unit_predikat_label, kinerja.appraisal_rollup IN ACCESS EXCLUSIVE MODE';
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

    RAISE NOTICE 'publish %: swapped in % s (attaching validates the foreign keys)', p_year, kinerja.seconds_since(started);

    -- 4. derived tables for this year, in the same transaction
    started := clock_timestamp();
    PERFORM kinerja.refresh_rollup(p_year);
    EXECUTE format('ANALYZE kinerja.unit');
    RAISE NOTICE 'publish %: rollup refreshed in % s', p_year, kinerja.seconds_since(started);
END
$$;

REVOKE ALL ON FUNCTION kinerja.create_year_table(text, integer), kinerja.open_year_table(text, integer),
    kinerja.index_year_table(text, integer, text), kinerja.new_year_table_name(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kinerja.open_year_table(text, integer) TO kinerja_loader;
