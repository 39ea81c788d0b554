-- For the trend questions (benchmarks/trends, two national years): a table the loader now keeps, and
-- a cheaper annual_appraisal.
--
-- kinerja.unit_rollup: the trend per unit or per instansi read appraisal_rollup, which keeps one row
-- per unit and combination of asn_type, position_type, gender and age band: 700,000 rows for a
-- national year, so the per-instansi trend over two national years took 5 to 8 s (target 2 s).
-- Those two groupings need none of the four dimensions: unit_rollup keeps the same counts per unit
-- only (45,000 rows for a national year), summed from appraisal_rollup by refresh_rollup.
--
-- kinerja.annual_appraisal, each employee's annual result (the 'Y' appraisal, else the year's last
-- period), picked each one by sorting every appraisal of the year: 4.7 million per national year,
-- so transitions between two national years took 56 to 104 s (target 10 s). The rule is the same,
-- but the 'Y' rows, nearly always all of them, are now taken as they are (no period comes after
-- 'Y'), and only employees without one go through the sort.
CREATE TABLE kinerja.unit_rollup (
    year           smallint NOT NULL,
    period         text NOT NULL,
    unit_code      text NOT NULL,
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
    PRIMARY KEY (unit_code, year, period)
);
CREATE INDEX unit_rollup_year_idx ON kinerja.unit_rollup (year, period);

-- The annual result of each employee and year (as in 004): the 'Y' appraisal when there is one (no
-- period comes after it), else the year's last period (2021 has S1 under PP 46/2011 and S2 under
-- PP 30/2019). A filter on year reaches both branches, so one year reads one partition.
CREATE OR REPLACE VIEW kinerja.annual_appraisal AS
SELECT * FROM kinerja.appraisal WHERE period = 'Y'
UNION ALL
(SELECT DISTINCT ON (year, nip) *
 FROM kinerja.appraisal a
 WHERE a.period <> 'Y' AND NOT EXISTS (SELECT FROM kinerja.appraisal y WHERE y.year = a.year AND y.nip = a.nip AND y.period = 'Y')
 ORDER BY year, nip, kinerja.period_order(period) DESC);

-- The unit rollup of one year, from the year's appraisal_rollup rows.
CREATE FUNCTION kinerja.refresh_unit_rollup(p_year integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM kinerja.unit_rollup WHERE year = p_year;
    -- one grouping pass; the regimes of a unit are the distinct ones of its rows' arrays (codes have no commas)
    INSERT INTO kinerja.unit_rollup
    SELECT year, period, unit_code, sum(n), sum(n_step1), sum(n_step2), sum(n_step3), sum(n_step4), sum(n_step5),
           sum(sum_step), sum(n_score), sum(sum_score),
           (SELECT array_agg(DISTINCT g ORDER BY g)
            FROM unnest(string_to_array(string_agg(array_to_string(regimes, ','), ','), ',')) AS g)
    FROM kinerja.appraisal_rollup WHERE year = p_year
    GROUP BY year, period, unit_code;
    EXECUTE 'ANALYZE kinerja.unit_rollup';
END
$$;

-- As in 004, then the unit rollup from the rows just written.
CREATE OR REPLACE FUNCTION kinerja.refresh_rollup(p_year integer) RETURNS void
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
    PERFORM kinerja.refresh_unit_rollup(p_year);
END
$$;

-- The years already loaded.
DO $$
DECLARE
    y integer;
BEGIN
    FOR y IN SELECT DISTINCT year FROM kinerja.appraisal_rollup ORDER BY 1 LOOP
        PERFORM kinerja.refresh_unit_rollup(y);
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION kinerja.refresh_unit_rollup(integer), kinerja.refresh_rollup(integer) FROM PUBLIC;
GRANT SELECT ON kinerja.unit_rollup TO kinerja_reader, kinerja_loader;

-- the statistics of the partitioned tables, which no load had gathered before 010
SELECT kinerja.analyze_year_tables();
