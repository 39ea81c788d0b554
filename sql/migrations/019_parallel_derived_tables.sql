-- The derived tables of a year (014) written in parallel, each planned as measured.
--
-- A derived table's new partition was written by INSERT … SELECT from its definition, which
-- PostgreSQL 15 never runs in parallel; CREATE TABLE … AS can. For a province year (10.2 M ratings,
-- psql, 2 cores): rating_cell 8.6 s instead of 11.8 s, unit_rater 2.2 s instead of 2.8 s. The
-- parent's NOT NULLs and CHECKs, which ATTACH requires of a partition, are added after the rows, in
-- one scan of the new table.
--
-- And each table's planner settings, for this statement only (derived_year_table.planner_settings):
-- - parallel_tuple_cost 0: the planner prices gathering the partial groups of a grouping that
--   barely reduces the rows (10.2 M ratings into 1.3 M cells) above what the workers save, and
--   chose a serial plan for rating_cell and unit_rater;
-- - enable_hashagg off for rating_ratee: a ratee's twenty aggregate states (numeric sums and
--   averages, per-role and per-category counts) take some 2 kB, so hashing 270,000 ratees needed
--   540 MB and spilled to disk in five batches (12.0 s); sorting the 1.3 M (ratee, rater) values
--   and folding each ratee in turn took 8.1 s.

ALTER TABLE kinerja.derived_year_table ADD COLUMN planner_settings jsonb NOT NULL DEFAULT '{}';
UPDATE kinerja.derived_year_table SET planner_settings = '{"parallel_tuple_cost": "0"}'
    WHERE table_name IN ('rating_cell', 'unit_rater');
UPDATE kinerja.derived_year_table SET planner_settings = '{"parallel_tuple_cost": "0", "enable_hashagg": "off"}'
    WHERE table_name = 'rating_ratee';

-- A derived table's new partition of p_year, written from p_source by CREATE TABLE AS under the
-- table's planner settings, then constrained like its parent and indexed.
CREATE FUNCTION kinerja.build_derived_year_table(p_parent text, p_year integer, p_source regclass) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    parent regclass := format('kinerja.%I', p_parent)::regclass;
    new_table text := kinerja.new_year_table_name(p_parent, p_year);
    columns text;
    constraints text;
    setting record;
    saved jsonb := '{}';
    started timestamptz := clock_timestamp();
BEGIN
    IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND (attgenerated <> '' OR atthasdef)) THEN
        RAISE EXCEPTION 'derived table %: CREATE TABLE AS cannot write generated columns or defaults', p_parent;
    END IF;
    -- every column cast to the parent's type: ATTACH requires the same types
    SELECT string_agg(format('%I::%s AS %I', attname, format_type(atttypid, atttypmod), attname), ', ' ORDER BY attnum)
      INTO columns
    FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped;
    SELECT string_agg(piece, ', ') INTO constraints FROM (
        SELECT format('ALTER %I SET NOT NULL', attname) AS piece
        FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped AND attnotnull
        UNION ALL
        SELECT format('ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))
        FROM pg_constraint WHERE conrelid = parent AND contype = 'c'
        UNION ALL
        SELECT format('ADD CONSTRAINT %I CHECK (year = %s)', new_table || '_year', p_year)
    ) c;

    FOR setting IN SELECT key, value FROM jsonb_each_text(
        (SELECT planner_settings FROM kinerja.derived_year_table WHERE table_name = p_parent)) LOOP
        saved := saved || jsonb_build_object(setting.key, current_setting(setting.key));
        PERFORM set_config(setting.key, setting.value, true);
    END LOOP;
    EXECUTE format('CREATE TABLE kinerja.%I AS SELECT %s FROM %s', new_table, columns, p_source);
    FOR setting IN SELECT key, value FROM jsonb_each_text(saved) LOOP
        PERFORM set_config(setting.key, setting.value, true);
    END LOOP;
    EXECUTE format('ALTER TABLE kinerja.%I %s', new_table, constraints);
    RAISE NOTICE 'publish %: % rows written in % s', p_year, p_parent, kinerja.seconds_since(started);
    RETURN kinerja.index_year_table(p_parent, p_year, new_table);
END
$$;

-- As in 016 for the loaded tables (their rows come from temporary tables, which parallel workers
-- cannot read, and employee has generated columns); a derived table goes to the function above.
CREATE OR REPLACE FUNCTION kinerja.build_year_table(p_parent text, p_year integer, p_source regclass) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_table text;
    columns text;
    started timestamptz := clock_timestamp();
BEGIN
    IF EXISTS (SELECT FROM kinerja.derived_year_table WHERE table_name = p_parent) THEN
        RETURN kinerja.build_derived_year_table(p_parent, p_year, p_source);
    END IF;
    new_table := kinerja.create_year_table(p_parent, p_year);
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = format('kinerja.%I', p_parent)::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('INSERT INTO kinerja.%I (%s) SELECT %s FROM %s', new_table, columns, columns, p_source);
    RAISE NOTICE 'publish %: % rows written in % s', p_year, p_parent, kinerja.seconds_since(started);
    RETURN kinerja.index_year_table(p_parent, p_year, new_table);
END
$$;

REVOKE ALL ON FUNCTION kinerja.build_derived_year_table(text, integer, regclass) FROM PUBLIC;
