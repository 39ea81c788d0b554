-- One unit's consistency report in a lookup's time (issue #5: <= 100 ms end to end).
--
-- The default question (every item, every role) of `kinerja consistency` read one value per
-- (ratee, rater) and folded them into sums over ratees: for the largest province unit 18,000
-- values, fetched with 3,786 index probes into rating_cell and regrouped some twenty times, 265 ms
-- of SQL. Every one of those sums is a sum over ratees, so a group's sums are the sums of its
-- units'. The loader now keeps them per unit and rule (unit_sums, unit_category, unit_coincidence),
-- from per-ratee sums it also keeps (rating_ratee: for Cohen's kappa and the crossed design), and who
-- rated someone in each unit (unit_rater: a rater count over several units is not a sum). A unit's
-- default report reads a handful of rows; sql/queries/consistency.sql adds them up for any scope and
-- folds the ratings itself for every other question, with the same expressions as below.
--
-- Two rules turn values into categories (kinerja.rating_category, 006), chosen by the largest value
-- of the whole scope: 'band' (the five PP 46/2011 bands of a 0–100 scale) and 'step' (a 1–5 value
-- rounded, steps 0–5). A unit's sums are kept under both, 'step' over the ratees whose values are
-- all <= 5: a scope uses that rule only when its largest value is <= 5, and then that is all of them.
--
-- And the mechanism behind it: tables the loader derives from a year's new partitions are listed
-- in kinerja.derived_year_table, so that the next one is a row, not a fourth restatement of
-- publish_year.

-- Tables derived from a year's new partitions, built in build_order after employee, appraisal and
-- rating and swapped in with them. `definition` is a SELECT of the table's columns; {employee},
-- {rating}, {rating_cell}, … name that year's new partition of the table.
CREATE TABLE kinerja.derived_year_table (
    table_name   text PRIMARY KEY,
    build_order  integer NOT NULL UNIQUE,
    definition   text NOT NULL
);

-- Per ratee (and their unit), year and period: the sums of the values (ratee, rater) of the default
-- question (the rater's mean over the items, numeric).
CREATE TABLE kinerja.rating_ratee (
    year              smallint NOT NULL,
    period            text NOT NULL,
    unit_code         text NOT NULL,      -- the ratee's unit that year
    nip               text NOT NULL,
    raters            integer NOT NULL,   -- m: values, one per rater
    value_sum         numeric NOT NULL,
    value_ss          float8 NOT NULL,    -- Σ(x − x̄)², summed in numeric: exactly 0 when all agree
    value_max         numeric NOT NULL,
    -- values per category: element c is band c; element c + 1 is step c (NULL unless every value <= 5)
    band_counts       integer[] NOT NULL,
    step_counts       integer[],
    -- per role, in kinerja.rater_role_slot order (atasan, rekan, bawahan, diri): the category of
    -- the mean of that role's values under each rule (NULL: no rater in that role), for Cohen's kappa
    role_bands        smallint[] NOT NULL,
    role_steps        smallint[] NOT NULL,
    PRIMARY KEY (unit_code, nip, period, year)
) PARTITION BY LIST (year);

-- Who rated someone of a unit, per year and period.
CREATE TABLE kinerja.unit_rater (
    year        smallint NOT NULL,
    period      text NOT NULL,
    unit_code   text NOT NULL,
    rater_nip   text NOT NULL,
    PRIMARY KEY (unit_code, period, year, rater_nip)
) PARTITION BY LIST (year);

-- Per unit, year, period and rule: sums over the unit's ratees (m_i values each). Names as in
-- sql/queries/consistency.sql, which turns them into IntraclassCorrelation.OneWaySums and the rest.
CREATE TABLE kinerja.unit_sums (
    year                         smallint NOT NULL,
    period                       text NOT NULL,
    unit_code                    text NOT NULL,
    rule                         text NOT NULL CHECK (rule IN ('band', 'step')),
    ratees                       bigint NOT NULL,
    ratings                      bigint NOT NULL,   -- Σ m_i
    squared_group_sizes          bigint NOT NULL,   -- Σ m_i²
    min_raters                   integer NOT NULL,
    max_raters                   integer NOT NULL,
    multiply_rated_ratees        bigint NOT NULL,   -- ratees with m_i >= 2 ("pairable")
    pairable_value_count         bigint NOT NULL,   -- their Σ m_i
    value_sum                    numeric NOT NULL,  -- Σ x
    square_mean_sum              numeric NOT NULL,  -- Σ_i (Σ x)²/m_i, for Σ m_i(x̄_i − x̄)²
    ss_within                    float8 NOT NULL,   -- Σ_i Σ(x − x̄_i)²
    pairable_value_sum           numeric,           -- the same three over pairable ratees
    pairable_square_mean_sum     numeric,
    pairable_ss                  float8,
    within_unit_sum              float8 NOT NULL,   -- Σ m_i s²_i over pairable ratees
    value_max                    numeric NOT NULL,
    squared_counts               numeric NOT NULL,  -- Σ_i Σ_c n_ic²
    nominal_agreement_sum        float8 NOT NULL,   -- Σ_i (Σ_c n_ic² − m_i)/(m_i(m_i − 1)), pairable
    within_subject_variance_sum  float8 NOT NULL,   -- Σ_i s² of the categories, pairable
    PRIMARY KEY (unit_code, period, year, rule)
) PARTITION BY LIST (year);

-- Per unit, year, period, rule and category c: Σ_i n_ic and Σ_i n_ic/m_i.
CREATE TABLE kinerja.unit_category (
    year        smallint NOT NULL,
    period      text NOT NULL,
    unit_code   text NOT NULL,
    rule        text NOT NULL,
    category    integer NOT NULL,
    total       numeric NOT NULL,
    share_sum   float8 NOT NULL,
    PRIMARY KEY (unit_code, period, year, rule, category)
) PARTITION BY LIST (year);

-- Per unit, year, period, rule and pair of categories: Krippendorff's coincidences
-- o_ck = Σ_i (n_ic n_ik − [c = k] n_ic)/(m_i − 1) over pairable ratees.
CREATE TABLE kinerja.unit_coincidence (
    year        smallint NOT NULL,
    period      text NOT NULL,
    unit_code   text NOT NULL,
    rule        text NOT NULL,
    c           integer NOT NULL,
    k           integer NOT NULL,
    o           float8 NOT NULL,
    PRIMARY KEY (unit_code, period, year, rule, c, k)
) PARTITION BY LIST (year);

-- The slot of a rater role in rating_ratee's per-role arrays.
CREATE FUNCTION kinerja.rater_role_slot(role text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_position(ARRAY['atasan', 'rekan', 'bawahan', 'diri'], role);

-- The definitions. A rater has one role toward a ratee; min() only picks it, as in the query.
-- sql/queries/consistency.sql folds the ratings of other questions with these same expressions
-- (ConsistencyGeneratedTests checks that both paths give the same sums).
INSERT INTO kinerja.derived_year_table VALUES
('rating_cell', 1, $sql$
    SELECT year, period, nip, rater_nip, rater_role, count(*)::integer AS items, sum(score) AS score_sum
    FROM {rating} GROUP BY year, period, nip, rater_nip, rater_role
$sql$),
('rating_ratee', 2, $sql$
    SELECT t.year, t.period, e.unit_code, t.nip, t.raters, t.value_sum, t.value_ss, t.value_max, t.band_counts, t.step_counts,
           ARRAY[kinerja.rating_category(t.atasan, 100), kinerja.rating_category(t.rekan, 100),
                 kinerja.rating_category(t.bawahan, 100), kinerja.rating_category(t.diri, 100)] AS role_bands,
           ARRAY[kinerja.rating_category(t.atasan, 5), kinerja.rating_category(t.rekan, 5),
                 kinerja.rating_category(t.bawahan, 5), kinerja.rating_category(t.diri, 5)] AS role_steps
    FROM (SELECT c.nip, c.period, c.year, count(*)::integer AS raters, sum(c.value) AS value_sum,
                 (var_pop(c.value) * count(*))::float8 AS value_ss, max(c.value) AS value_max,
                 ARRAY[count(*) FILTER (WHERE c.band = 1), count(*) FILTER (WHERE c.band = 2), count(*) FILTER (WHERE c.band = 3),
                       count(*) FILTER (WHERE c.band = 4), count(*) FILTER (WHERE c.band = 5)]::integer[] AS band_counts,
                 CASE WHEN max(c.value) <= 5 THEN
                     ARRAY[count(*) FILTER (WHERE c.step = 0), count(*) FILTER (WHERE c.step = 1), count(*) FILTER (WHERE c.step = 2),
                           count(*) FILTER (WHERE c.step = 3), count(*) FILTER (WHERE c.step = 4), count(*) FILTER (WHERE c.step = 5)]::integer[]
                 END AS step_counts,
                 avg(c.value) FILTER (WHERE c.role = 'atasan') AS atasan, avg(c.value) FILTER (WHERE c.role = 'rekan') AS rekan,
                 avg(c.value) FILTER (WHERE c.role = 'bawahan') AS bawahan, avg(c.value) FILTER (WHERE c.role = 'diri') AS diri
          FROM (SELECT nip, period, year, role, value,
                       kinerja.rating_category(value, 100) AS band, kinerja.rating_category(value, 5) AS step
                FROM (SELECT nip, period, year, rater_nip, min(rater_role) AS role, sum(score_sum) / sum(items) AS value
                      FROM {rating_cell} GROUP BY nip, period, year, rater_nip) v) c
          -- (with the inner keys in this order: 9.8 s instead of 11.7 s for a province year, psql, serial)
          GROUP BY c.nip, c.period, c.year) t
    JOIN {employee} e ON e.nip = t.nip
    ORDER BY e.unit_code, t.nip   -- a unit's rows together on disk, as in its index
$sql$),
('unit_rater', 3, $sql$
    SELECT year, period, unit_code, rater_nip
    FROM (SELECT c.year, c.period, e.unit_code, c.rater_nip
          FROM {rating_cell} c JOIN {employee} e ON e.nip = c.nip
          GROUP BY 1, 2, 3, 4) d   -- hashed, then sorted: 2.8 s against 3.5 s for DISTINCT's sort of
                                   -- a province year's 1.3 million pairs
    ORDER BY unit_code, rater_nip
$sql$),
('unit_sums', 4, $sql$
    SELECT t.year, t.period, t.unit_code, r.rule, count(*) AS ratees, sum(t.raters) AS ratings,
           sum(t.raters * t.raters) AS squared_group_sizes, min(t.raters) AS min_raters, max(t.raters) AS max_raters,
           count(*) FILTER (WHERE t.raters >= 2) AS multiply_rated_ratees,
           coalesce(sum(t.raters) FILTER (WHERE t.raters >= 2), 0) AS pairable_value_count,
           sum(t.value_sum) AS value_sum, sum(t.value_sum * t.value_sum / t.raters) AS square_mean_sum, sum(t.value_ss) AS ss_within,
           sum(t.value_sum) FILTER (WHERE t.raters >= 2) AS pairable_value_sum,
           sum(t.value_sum * t.value_sum / t.raters) FILTER (WHERE t.raters >= 2) AS pairable_square_mean_sum,
           sum(t.value_ss) FILTER (WHERE t.raters >= 2) AS pairable_ss,
           coalesce(sum(t.raters * t.value_ss / (t.raters - 1)) FILTER (WHERE t.raters >= 2), 0) AS within_unit_sum,
           max(t.value_max) AS value_max, sum(q.sq) AS squared_counts,
           coalesce(sum((q.sq - t.raters)::float8 / (t.raters * (t.raters - 1))) FILTER (WHERE t.raters >= 2), 0)
               AS nominal_agreement_sum,
           coalesce(sum((q.cs2 - q.cs * q.cs / t.raters) / (t.raters - 1)) FILTER (WHERE t.raters >= 2), 0)
               AS within_subject_variance_sum
    FROM {rating_ratee} t
    CROSS JOIN (VALUES ('band', 0), ('step', 1)) r(rule, category_offset)
    CROSS JOIN LATERAL (SELECT sum(n * n) AS sq, sum(n * (slot - r.category_offset))::float8 AS cs,
                               sum(n * (slot - r.category_offset) * (slot - r.category_offset))::float8 AS cs2
                        FROM unnest(CASE r.rule WHEN 'band' THEN t.band_counts ELSE t.step_counts END)
                             WITH ORDINALITY AS u(n, slot)) q
    WHERE r.rule = 'band' OR t.step_counts IS NOT NULL
    GROUP BY t.year, t.period, t.unit_code, r.rule
$sql$),
('unit_category', 5, $sql$
    SELECT t.year, t.period, t.unit_code, r.rule, (u.slot - r.category_offset)::integer AS category,
           sum(u.n) AS total, sum(u.n::float8 / t.raters) AS share_sum
    FROM {rating_ratee} t
    CROSS JOIN (VALUES ('band', 0), ('step', 1)) r(rule, category_offset)
    CROSS JOIN LATERAL unnest(CASE r.rule WHEN 'band' THEN t.band_counts ELSE t.step_counts END) WITH ORDINALITY AS u(n, slot)
    WHERE u.n > 0
    GROUP BY 1, 2, 3, 4, 5
$sql$),
('unit_coincidence', 6, $sql$
    SELECT t.year, t.period, t.unit_code, r.rule, (a.slot - r.category_offset)::integer AS c,
           (b.slot - r.category_offset)::integer AS k,
           sum((a.n * b.n - CASE WHEN a.slot = b.slot THEN a.n ELSE 0 END)::float8 / (t.raters - 1)) AS o
    FROM {rating_ratee} t
    CROSS JOIN (VALUES ('band', 0), ('step', 1)) r(rule, category_offset)
    CROSS JOIN LATERAL unnest(CASE r.rule WHEN 'band' THEN t.band_counts ELSE t.step_counts END) WITH ORDINALITY AS a(n, slot)
    CROSS JOIN LATERAL unnest(CASE r.rule WHEN 'band' THEN t.band_counts ELSE t.step_counts END) WITH ORDINALITY AS b(n, slot)
    WHERE t.raters >= 2 AND a.n > 0 AND b.n > 0
    GROUP BY 1, 2, 3, 4, 5, 6
$sql$);

-- A derived table's definition with {table} replaced by the named partitions (p_partitions: table
-- name -> partition name, both in schema kinerja).
CREATE FUNCTION kinerja.derived_definition(p_table text, p_partitions jsonb) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result text;
    part record;
BEGIN
    SELECT definition INTO STRICT result FROM kinerja.derived_year_table WHERE table_name = p_table;
    FOR part IN SELECT key, value FROM jsonb_each_text(p_partitions) LOOP
        result := replace(result, '{' || part.key || '}', format('kinerja.%I', part.value));
    END LOOP;
    IF result ~ '\{[a-z_]+\}' THEN
        RAISE EXCEPTION 'derived table %: % names no partition built before it', p_table, substring(result FROM '\{[a-z_]+\}');
    END IF;
    RETURN result;
END
$$;

-- As in 012, with the derived tables read from kinerja.derived_year_table.
CREATE OR REPLACE FUNCTION kinerja.publish_year(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    loaded_tables text[] := ARRAY['employee', 'appraisal', 'rating'];   -- from pg_temp.ready_<table>
    -- in foreign-key order: the loaded tables, then the derived ones
    year_tables text[] := loaded_tables || ARRAY(SELECT table_name FROM kinerja.derived_year_table ORDER BY build_order);
    partitions jsonb := '{}';   -- table -> the name of its new partition, built in step 1
    attempt integer := 0;
    started timestamptz;
BEGIN
    -- 1. the slow part, while readers still see the old year undisturbed
    FOREACH t IN ARRAY year_tables LOOP
        IF t = ANY (loaded_tables) THEN
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

-- As in 010, with every derived table.
CREATE OR REPLACE FUNCTION kinerja.analyze_year_tables() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE 'ANALYZE kinerja.employee, kinerja.appraisal, kinerja.rating'
        || (SELECT string_agg(format(', kinerja.%I', table_name), '' ORDER BY build_order) FROM kinerja.derived_year_table);
END
$$;

-- The new tables of the years already loaded, from their partitions.
DO $$
DECLARE
    y integer;
    t text;
    partitions jsonb;
BEGIN
    FOR y IN SELECT DISTINCT year FROM kinerja.load_batch WHERE outcome = 'succeeded' ORDER BY 1 LOOP
        IF to_regclass(format('kinerja.rating_cell_y%s', y)) IS NOT NULL THEN
            partitions := jsonb_build_object('employee', 'employee_y' || y, 'appraisal', 'appraisal_y' || y, 'rating', 'rating_y' || y);
            FOR t IN SELECT table_name FROM kinerja.derived_year_table ORDER BY build_order LOOP
                IF to_regclass(format('kinerja.%I', t || '_y' || y)) IS NULL THEN   -- rating_cell's exists (010)
                    EXECUTE format('CREATE TABLE kinerja.%I PARTITION OF kinerja.%I FOR VALUES IN (%s)', t || '_y' || y, t, y);
                    EXECUTE format('INSERT INTO kinerja.%I %s', t, kinerja.derived_definition(t, partitions));
                    EXECUTE format('ANALYZE kinerja.%I', t || '_y' || y);
                END IF;
                partitions := partitions || jsonb_build_object(t, t || '_y' || y);
            END LOOP;
        END IF;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION kinerja.derived_definition(text, jsonb) FROM PUBLIC;
GRANT SELECT ON kinerja.rating_ratee, kinerja.unit_rater, kinerja.unit_sums, kinerja.unit_category, kinerja.unit_coincidence,
    kinerja.derived_year_table TO kinerja_reader, kinerja_loader;
GRANT EXECUTE ON FUNCTION kinerja.rater_role_slot(text) TO kinerja_reader, kinerja_loader;
