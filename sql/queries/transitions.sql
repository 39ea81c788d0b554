-- kinerja transitions: each employee's annual step in year A against year B (both present).
--   $1 year A   $2 year B   $3 instansi_code or NULL   $4 unit_code or NULL (the unit in year A)
--   $5 suppression threshold: rows (from-steps) with fewer people show no counts
WITH pairs AS (
    SELECT a.step AS from_step, b.step AS to_step
    FROM kinerja.annual_appraisal a
    JOIN kinerja.annual_appraisal b ON b.nip = a.nip AND b.year = $2::int
    JOIN kinerja.employee e ON e.year = a.year AND e.nip = a.nip
    JOIN kinerja.unit u ON u.year = e.year AND u.unit_code = e.unit_code
    WHERE a.year = $1::int
      AND ($3::text IS NULL OR u.instansi_code = $3::text)
      AND ($4::text IS NULL OR e.unit_code = $4::text)
),
matrix AS (
    SELECT s.from_step, count(p.to_step)::int AS n,
           count(*) FILTER (WHERE p.to_step = 1)::int AS c1, count(*) FILTER (WHERE p.to_step = 2)::int AS c2,
           count(*) FILTER (WHERE p.to_step = 3)::int AS c3, count(*) FILTER (WHERE p.to_step = 4)::int AS c4,
           count(*) FILTER (WHERE p.to_step = 5)::int AS c5
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
