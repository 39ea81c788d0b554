-- kinerja transitions: each employee's annual step in year A against year B (both present).
--   $1 year A   $2 year B   $3 instansi_code or NULL   $4 unit_code or NULL (the unit in year A)
--   $5 suppression threshold: rows (from-steps) with fewer people show no counts
-- The annual result is kinerja.annual_appraisal's: the 'Y' appraisal, else the year's last period.
-- Employees with a 'Y' appraisal in both years (nearly always all of them) are paired straight from
-- the two partitions, which the planner estimates well (a parallel hash join, counted per pair of
-- steps inside it); only those with some other period in either year are looked up one by one.
WITH scoped AS (                     -- the employees of the instansi or unit asked about, in year A
    SELECT e.nip FROM kinerja.employee e JOIN kinerja.unit u ON u.year = e.year AND u.unit_code = e.unit_code
    WHERE e.year = $1::int AND ($3::text IS NULL OR u.instansi_code = $3::text) AND ($4::text IS NULL OR e.unit_code = $4::text)
),
both_annual AS MATERIALIZED (        -- 'Y' in both years
    SELECT a.step AS from_step, b.step AS to_step, count(*) AS n
    FROM kinerja.appraisal a
    JOIN kinerja.appraisal b ON b.year = $2::int AND b.period = 'Y' AND b.nip = a.nip
    WHERE a.year = $1::int AND a.period = 'Y'
      AND (($3::text IS NULL AND $4::text IS NULL) OR a.nip IN (SELECT nip FROM scoped))
    GROUP BY 1, 2
),
other AS MATERIALIZED (              -- some other period in either year: each one's last period per year
    SELECT a.step AS from_step, b.step AS to_step, count(*) AS n
    FROM (SELECT DISTINCT x.nip FROM kinerja.appraisal x WHERE x.year IN ($1::int, $2::int) AND x.period <> 'Y') o
    CROSS JOIN LATERAL (SELECT step, period FROM kinerja.appraisal WHERE year = $1::int AND nip = o.nip
                        ORDER BY kinerja.period_order(period) DESC LIMIT 1) a
    CROSS JOIN LATERAL (SELECT step, period FROM kinerja.appraisal WHERE year = $2::int AND nip = o.nip
                        ORDER BY kinerja.period_order(period) DESC LIMIT 1) b
    WHERE (a.period <> 'Y' OR b.period <> 'Y')
      AND (($3::text IS NULL AND $4::text IS NULL) OR o.nip IN (SELECT nip FROM scoped))
    GROUP BY 1, 2
),
pairs AS (
    SELECT * FROM both_annual UNION ALL SELECT * FROM other
),
matrix AS (
    SELECT s.from_step, coalesce(sum(p.n), 0)::int AS n,
           coalesce(sum(p.n) FILTER (WHERE p.to_step = 1), 0)::int AS c1, coalesce(sum(p.n) FILTER (WHERE p.to_step = 2), 0)::int AS c2,
           coalesce(sum(p.n) FILTER (WHERE p.to_step = 3), 0)::int AS c3, coalesce(sum(p.n) FILTER (WHERE p.to_step = 4), 0)::int AS c4,
           coalesce(sum(p.n) FILTER (WHERE p.to_step = 5), 0)::int AS c5
    FROM generate_series(1, 5) AS s(from_step)
    LEFT JOIN pairs p ON p.from_step = s.from_step
    GROUP BY s.from_step
)
SELECT $1::int AS from_year, $2::int AS to_year, from_step, n,
       n > 0 AND n < $5::int AS suppressed,
       CASE WHEN n >= $5::int OR n = 0 THEN c1 END AS to_step1,
       CASE WHEN n >= $5::int OR n = 0 THEN c2 END AS to_step2,
       CASE WHEN n >= $5::int OR n = 0 THEN c3 END AS to_step3,
       CASE WHEN n >= $5::int OR n = 0 THEN c4 END AS to_step4,
       CASE WHEN n >= $5::int OR n = 0 THEN c5 END AS to_step5,
       CASE WHEN n >= $5::int THEN round(c1::numeric / n, 4)::float8 END AS share_to_step1,
       CASE WHEN n >= $5::int THEN round(c2::numeric / n, 4)::float8 END AS share_to_step2,
       CASE WHEN n >= $5::int THEN round(c3::numeric / n, 4)::float8 END AS share_to_step3,
       CASE WHEN n >= $5::int THEN round(c4::numeric / n, 4)::float8 END AS share_to_step4,
       CASE WHEN n >= $5::int THEN round(c5::numeric / n, 4)::float8 END AS share_to_step5
FROM matrix
ORDER BY from_step
