-- kinerja curve: for each unit with a unit predikat, its staff's predikat spread against the bounds
-- of SE MenPANRB 3/2023 (kinerja.curve_bound), and which bound is broken by how much.
--   $1 year   $2 period of the unit predikat ('Y')   $3 instansi_code or NULL   $4 suppression threshold
WITH staff AS (
    SELECT e.unit_code, count(*)::int AS n,
           count(*) FILTER (WHERE a.step = 1)::int AS s1, count(*) FILTER (WHERE a.step = 2)::int AS s2,
           count(*) FILTER (WHERE a.step = 3)::int AS s3, count(*) FILTER (WHERE a.step = 4)::int AS s4,
           count(*) FILTER (WHERE a.step = 5)::int AS s5
    FROM kinerja.annual_appraisal a
    JOIN kinerja.employee e ON e.year = a.year AND e.nip = a.nip
    WHERE a.year = $1::int
    GROUP BY e.unit_code
),
checked AS (
    SELECT p.unit_code, u.unit_name, u.instansi_code, p.predikat AS unit_predikat, coalesce(s.n, 0) AS n,
           b.bound_code, b.description, b.min_share, b.max_share, b.min_count,
           (SELECT coalesce(sum(CASE x WHEN 1 THEN s.s1 WHEN 2 THEN s.s2 WHEN 3 THEN s.s3 WHEN 4 THEN s.s4 WHEN 5 THEN s.s5 END), 0)
            FROM unnest(b.steps) AS x)::int AS count_in_bound
    FROM kinerja.unit_predikat p
    JOIN kinerja.unit u ON u.year = p.year AND u.unit_code = p.unit_code
    JOIN kinerja.curve_bound b ON b.unit_predikat = p.predikat
    LEFT JOIN staff s ON s.unit_code = p.unit_code
    WHERE p.year = $1::int AND p.period = $2::text
      AND ($3::text IS NULL OR u.instansi_code = $3::text)
)
SELECT unit_code, unit_name, instansi_code, $1::int AS year, $2::text AS period, unit_predikat, n,
       n < $4::int AS suppressed,
       bound_code, description,
       CASE WHEN n >= $4::int THEN round(count_in_bound::numeric / nullif(n, 0), 4)::float8 END AS actual_share,
       CASE WHEN n >= $4::int AND min_count IS NOT NULL THEN count_in_bound END AS actual_count,
       coalesce(min_share, max_share)::float8 AS bound_share,
       min_count AS bound_count,
       CASE WHEN n = 0 THEN NULL
            WHEN min_share IS NOT NULL THEN count_in_bound::numeric / n < min_share
            WHEN max_share IS NOT NULL THEN count_in_bound::numeric / n > max_share
            ELSE count_in_bound < min_count END AS broken,
       CASE WHEN n = 0 OR n < $4::int THEN NULL
            WHEN min_share IS NOT NULL THEN round(greatest(0, min_share - count_in_bound::numeric / n) * 100, 2)::float8
            WHEN max_share IS NOT NULL THEN round(greatest(0, count_in_bound::numeric / n - max_share) * 100, 2)::float8
            ELSE greatest(0, min_count - count_in_bound)::float8 END AS excess
FROM checked
ORDER BY unit_code, bound_code
