-- kinerja trend: per group and year, the spread of the five ordinal steps and its movement.
--   $1 group by: unit | instansi | position_type | asn_type | gender | age_band | grade
--   $2 instansi_code or NULL    $3 unit_code or NULL    $4 include the unit's sub-units
--   $5 from year or NULL        $6 to year or NULL      $7 period ('Y' = the annual result)
--   $8 suppression threshold: groups with fewer people show no ratings
-- Reads the rollups the loader keeps (kinerja.unit_rollup, kinerja.appraisal_rollup), except for
-- grade, which reads the year partitions. The group key comes back as group_key/group_name; the
-- caller names it after the dimension (unit_code, instansi_code, ...).
WITH RECURSIVE scope AS (            -- the unit and, when asked, every unit below it, per year
    SELECT year, unit_code FROM kinerja.unit
    WHERE $3::text IS NOT NULL AND unit_code = $3::text
      AND year BETWEEN coalesce($5::int, 0) AND coalesce($6::int, 9999)
    UNION
    SELECT u.year, u.unit_code FROM kinerja.unit u JOIN scope s ON u.year = s.year AND u.parent_unit_code = s.unit_code
    WHERE $4::boolean
),
counts AS NOT MATERIALIZED (         -- the smallest rollup that holds the grouping: per unit only when
    -- grouping by unit or instansi (a national year: 45,000 rows), else per unit and dimensions (700,000)
    SELECT year, period, unit_code, ''::text AS asn_type, ''::text AS position_type, 0::smallint AS gender, ''::text AS age_band,
           n, n_step1, n_step2, n_step3, n_step4, n_step5, sum_step, n_score, sum_score, regimes
    FROM kinerja.unit_rollup WHERE $1::text IN ('unit', 'instansi')
    UNION ALL
    SELECT year, period, unit_code, asn_type, position_type, gender, age_band,
           n, n_step1, n_step2, n_step3, n_step4, n_step5, sum_step, n_score, sum_score, regimes
    FROM kinerja.appraisal_rollup WHERE $1::text NOT IN ('unit', 'instansi')
),
base AS (
    SELECT r.year, r.period, r.unit_code, u.instansi_code, r.asn_type, r.position_type, r.gender, r.age_band,
           NULL::text AS grade, r.n, r.n_step1, r.n_step2, r.n_step3, r.n_step4, r.n_step5, r.sum_step,
           r.n_score, r.sum_score, r.regimes
    FROM counts r
    JOIN kinerja.unit u ON u.year = r.year AND u.unit_code = r.unit_code
    WHERE $1::text <> 'grade' AND $3::text IS NULL
      AND r.period = $7::text
      AND r.year BETWEEN coalesce($5::int, 0) AND coalesce($6::int, 9999)
      AND ($2::text IS NULL OR u.instansi_code = $2::text)
    UNION ALL
    -- one unit (and its sub-units): from the scope into the rollup's primary key (unit_code, year, ...),
    -- a few index probes instead of a pass over every unit's rollup rows
    SELECT r.year, r.period, r.unit_code, u.instansi_code, r.asn_type, r.position_type, r.gender, r.age_band,
           NULL::text, r.n, r.n_step1, r.n_step2, r.n_step3, r.n_step4, r.n_step5, r.sum_step,
           r.n_score, r.sum_score, r.regimes
    FROM scope s
    -- the rollup chosen as in counts, spelled out: a LATERAL over counts itself is flattened into a
    -- hash join that reads the whole rollup (1.2 s national), this one probes its primary key (2 ms)
    JOIN LATERAL (SELECT year, period, unit_code, ''::text AS asn_type, ''::text AS position_type, 0::smallint AS gender,
                         ''::text AS age_band, n, n_step1, n_step2, n_step3, n_step4, n_step5, sum_step, n_score, sum_score, regimes
                  FROM kinerja.unit_rollup x WHERE $1::text IN ('unit', 'instansi') AND x.unit_code = s.unit_code AND x.year = s.year
                  UNION ALL
                  SELECT year, period, unit_code, asn_type, position_type, gender, age_band,
                         n, n_step1, n_step2, n_step3, n_step4, n_step5, sum_step, n_score, sum_score, regimes
                  FROM kinerja.appraisal_rollup x WHERE $1::text NOT IN ('unit', 'instansi') AND x.unit_code = s.unit_code AND x.year = s.year) r ON true
    JOIN kinerja.unit u ON u.year = r.year AND u.unit_code = r.unit_code
    WHERE $1::text <> 'grade' AND $3::text IS NOT NULL
      AND r.period = $7::text
      AND ($2::text IS NULL OR u.instansi_code = $2::text)
    UNION ALL
    SELECT a.year, $7::text, e.unit_code, u.instansi_code, e.asn_type, '', 0, '', coalesce(e.grade, ''),
           1, (a.step = 1)::int, (a.step = 2)::int, (a.step = 3)::int, (a.step = 4)::int, (a.step = 5)::int, a.step,
           (a.score IS NOT NULL)::int, coalesce(a.score, 0), ARRAY[a.regime]
    FROM (SELECT * FROM kinerja.appraisal WHERE $7::text <> 'Y' AND period = $7::text
          UNION ALL SELECT * FROM kinerja.annual_appraisal WHERE $7::text = 'Y') a
    JOIN kinerja.employee e ON e.year = a.year AND e.nip = a.nip
    JOIN kinerja.unit u ON u.year = e.year AND u.unit_code = e.unit_code
    WHERE $1::text = 'grade'
      AND a.year BETWEEN coalesce($5::int, 0) AND coalesce($6::int, 9999)
      AND ($2::text IS NULL OR u.instansi_code = $2::text)
      AND ($3::text IS NULL OR (a.year, e.unit_code) IN (SELECT year, unit_code FROM scope))
),
grouped AS (
    SELECT CASE $1::text
               WHEN 'unit' THEN unit_code
               WHEN 'instansi' THEN instansi_code
               WHEN 'position_type' THEN nullif(position_type, '')
               WHEN 'asn_type' THEN asn_type
               WHEN 'gender' THEN CASE gender WHEN 1 THEN 'male' WHEN 2 THEN 'female' END
               WHEN 'age_band' THEN nullif(age_band, '')
               WHEN 'grade' THEN nullif(grade, '')
           END AS group_key,
           year,
           sum(n)::int AS n,
           sum(n_step1)::int AS n1, sum(n_step2)::int AS n2, sum(n_step3)::int AS n3,
           sum(n_step4)::int AS n4, sum(n_step5)::int AS n5,
           sum(sum_step)::float8 / nullif(sum(n), 0) AS mean_step,
           CASE WHEN sum(n_score) > 0 THEN (sum(sum_score) / sum(n_score))::float8 END AS mean_score
    FROM base
    GROUP BY 1, 2
),
-- the regimes in force: those in the year's data in scope, the same for every group
year_regimes AS (
    SELECT year, array_agg(DISTINCT regime ORDER BY regime) AS regimes
    FROM base, unnest(base.regimes) AS regime GROUP BY year
),
shown AS (
    SELECT g.*, g.n < $8::int AS suppressed
    FROM grouped g
)
SELECT s.group_key,
       CASE $1::text
           WHEN 'unit' THEN (SELECT unit_name FROM kinerja.unit u WHERE u.unit_code = s.group_key ORDER BY u.year DESC LIMIT 1)
           WHEN 'instansi' THEN (SELECT instansi_name FROM kinerja.instansi i WHERE i.instansi_code = s.group_key)
       END AS group_name,
       s.year,
       $7::text AS period,
       to_char(kinerja.period_start(s.year, $7::text), 'YYYY-MM-DD') AS time,
       s.n,
       s.suppressed,
       CASE WHEN NOT s.suppressed THEN s.n1 END AS n_step1,
       CASE WHEN NOT s.suppressed THEN s.n2 END AS n_step2,
       CASE WHEN NOT s.suppressed THEN s.n3 END AS n_step3,
       CASE WHEN NOT s.suppressed THEN s.n4 END AS n_step4,
       CASE WHEN NOT s.suppressed THEN s.n5 END AS n_step5,
       CASE WHEN NOT s.suppressed THEN round(s.n1::numeric / s.n, 4)::float8 END AS share_step1,
       CASE WHEN NOT s.suppressed THEN round(s.n2::numeric / s.n, 4)::float8 END AS share_step2,
       CASE WHEN NOT s.suppressed THEN round(s.n3::numeric / s.n, 4)::float8 END AS share_step3,
       CASE WHEN NOT s.suppressed THEN round(s.n4::numeric / s.n, 4)::float8 END AS share_step4,
       CASE WHEN NOT s.suppressed THEN round(s.n5::numeric / s.n, 4)::float8 END AS share_step5,
       CASE WHEN NOT s.suppressed THEN round(s.mean_step::numeric, 4)::float8 END AS mean_step,
       CASE WHEN NOT s.suppressed THEN round(s.mean_score::numeric, 2)::float8 END AS mean_score,
       CASE WHEN NOT s.suppressed AND lag(s.year) OVER w = s.year - 1 AND NOT lag(s.suppressed) OVER w
            THEN round((s.mean_step - lag(s.mean_step) OVER w)::numeric, 4)::float8 END AS yoy_delta,
       CASE WHEN NOT s.suppressed THEN round((avg(CASE WHEN NOT s.suppressed THEN s.mean_step END) OVER (PARTITION BY s.group_key ORDER BY s.year RANGE BETWEEN 2 PRECEDING AND CURRENT ROW))::numeric, 4)::float8 END AS moving_avg_3y,
       CASE WHEN NOT s.suppressed THEN rank() OVER siblings END::int AS rank,
       CASE WHEN NOT s.suppressed THEN round((1 - percent_rank() OVER siblings)::numeric, 4)::float8 END AS percentile,
       coalesce(yr.regimes IS DISTINCT FROM lag(yr.regimes) OVER w AND lag(yr.regimes) OVER w IS NOT NULL, false)
           OR cardinality(yr.regimes) > 1 AS regime_change,
       array_to_string(yr.regimes, ',') AS regimes
FROM shown s
JOIN year_regimes yr ON yr.year = s.year
WHERE s.group_key IS NOT NULL
WINDOW w AS (PARTITION BY s.group_key ORDER BY s.year),
       siblings AS (PARTITION BY s.year, s.suppressed ORDER BY s.mean_step DESC)
ORDER BY s.group_key, s.year
