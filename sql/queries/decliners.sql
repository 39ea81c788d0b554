-- kinerja decliners: employees whose annual step fell in each of N consecutive years
-- (gaps and islands over a window: a run of year-on-year declines with no year missing).
--   $1 N (consecutive declines)   $2 instansi_code or NULL   $3 unit_code or NULL (unit in the last year)
--   $4 from year or NULL          $5 to year or NULL
WITH annual AS (
    SELECT a.nip, a.year, a.step, a.label_code, a.regime,
           lag(a.step) OVER w AS previous_step, lag(a.year) OVER w AS previous_year
    FROM kinerja.annual_appraisal a
    WHERE a.year BETWEEN coalesce($4::int, 0) AND coalesce($5::int, 9999)
    WINDOW w AS (PARTITION BY a.nip ORDER BY a.year)
),
declines AS (
    SELECT nip, year, year - row_number() OVER (PARTITION BY nip ORDER BY year)::int AS island
    FROM annual
    WHERE previous_year = year - 1 AND step < previous_step
),
runs AS (
    SELECT nip, min(year) - 1 AS first_year, max(year) AS last_year, count(*)::int AS declines
    FROM declines GROUP BY nip, island
    HAVING count(*) >= $1::int
)
SELECT r.nip, e.name, e.unit_code, u.unit_name, u.instansi_code, r.first_year, r.last_year, r.declines,
       (SELECT json_agg(json_build_object('year', a.year, 'step', a.step, 'label', a.label_code, 'regime', a.regime) ORDER BY a.year)
        FROM annual a WHERE a.nip = r.nip AND a.year BETWEEN r.first_year AND r.last_year) AS history
FROM runs r
JOIN kinerja.employee e ON e.year = r.last_year AND e.nip = r.nip
JOIN kinerja.unit u ON u.year = e.year AND u.unit_code = e.unit_code
WHERE ($2::text IS NULL OR u.instansi_code = $2::text)
  AND ($3::text IS NULL OR e.unit_code = $3::text)
ORDER BY r.last_year DESC, r.declines DESC, e.unit_code, r.nip
