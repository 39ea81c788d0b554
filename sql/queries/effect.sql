-- kinerja effect: did an intervention in year t go with a better step in t+1 than for people who
-- started from the same step in t without one? Stratified by the starting step; the overall
-- difference weights strata by their treated counts, with a normal-approximation 95% interval.
--   $1 kind (pembinaan, pelatihan, ...)   $2 instansi_code or NULL   $3 unit_code or NULL
--   $4 from year t or NULL                $5 to year t or NULL       $6 minimum group size per stratum
WITH pairs AS (
    SELECT a.nip, a.year, a.step AS start_step, (b.step - a.step)::float8 AS delta,
           EXISTS (SELECT FROM kinerja.intervention i WHERE i.year = a.year AND i.nip = a.nip AND i.kind = $1::text) AS treated
    FROM kinerja.annual_appraisal a
    JOIN kinerja.annual_appraisal b ON b.nip = a.nip AND b.year = a.year + 1
    JOIN kinerja.employee e ON e.year = a.year AND e.nip = a.nip
    JOIN kinerja.unit u ON u.year = e.year AND u.unit_code = e.unit_code
    WHERE a.year BETWEEN coalesce($4::int, 0) AND coalesce($5::int, 9999)
      AND ($2::text IS NULL OR u.instansi_code = $2::text)
      AND ($3::text IS NULL OR e.unit_code = $3::text)
),
strata AS (
    SELECT start_step,
           count(*) FILTER (WHERE treated) AS n_t, count(*) FILTER (WHERE NOT treated) AS n_c,
           avg(delta) FILTER (WHERE treated) AS mean_t, avg(delta) FILTER (WHERE NOT treated) AS mean_c,
           coalesce(var_samp(delta) FILTER (WHERE treated), 0) AS var_t, coalesce(var_samp(delta) FILTER (WHERE NOT treated), 0) AS var_c
    FROM pairs GROUP BY start_step
),
usable AS (   -- strata where both groups are large enough to compare
    SELECT * FROM strata WHERE n_t >= $6::int AND n_c >= $6::int
),
overall AS (
    SELECT sum(n_t) AS n_t, sum(n_c) AS n_c,
           sum(n_t * mean_t) / nullif(sum(n_t), 0) AS mean_t,
           sum(n_t * mean_c) / nullif(sum(n_t), 0) AS mean_c,
           sum(n_t * (mean_t - mean_c)) / nullif(sum(n_t), 0) AS diff,
           sqrt(sum((n_t::float8 / (SELECT sum(n_t) FROM usable)) ^ 2 * (var_t / n_t + var_c / n_c))) AS se
    FROM usable
)
SELECT $1::text AS kind, s.start_step::text AS stratum, s.n_t::int AS n_treated, s.n_c::int AS n_control,
       round(s.mean_t::numeric, 4)::float8 AS mean_delta_treated, round(s.mean_c::numeric, 4)::float8 AS mean_delta_control,
       round((s.mean_t - s.mean_c)::numeric, 4)::float8 AS difference,
       round((s.mean_t - s.mean_c - 1.959964 * sqrt(s.var_t / nullif(s.n_t, 0) + s.var_c / nullif(s.n_c, 0)))::numeric, 4)::float8 AS ci_low,
       round((s.mean_t - s.mean_c + 1.959964 * sqrt(s.var_t / nullif(s.n_t, 0) + s.var_c / nullif(s.n_c, 0)))::numeric, 4)::float8 AS ci_high,
       s.n_t >= $6::int AND s.n_c >= $6::int AS used
FROM strata s
UNION ALL
SELECT $1::text, 'all', coalesce(o.n_t, 0)::int, coalesce(o.n_c, 0)::int,
       round(o.mean_t::numeric, 4)::float8, round(o.mean_c::numeric, 4)::float8, round(o.diff::numeric, 4)::float8,
       round((o.diff - 1.959964 * o.se)::numeric, 4)::float8, round((o.diff + 1.959964 * o.se)::numeric, 4)::float8, o.n_t IS NOT NULL
FROM overall o
ORDER BY 2
