-- kinerja raters: per rater, the ratings given, their mean, and leniency: the mean of (their score −
-- the mean of the OTHER raters of the same ratee and item). Swift adds the interval and the flags.
--   $1 year   $2 period   $3 instansi_code or NULL   $4 unit_code or NULL   $5 include sub-units
--   $6 rater_role or NULL (only ratings given in this role count)
--   $7 suppression threshold: a rater who rated fewer people shows no scores
-- Scope is the rater's own unit. Each score is compared with everybody else who rated the same
-- person on the same item, in scope or not. Deviations are averaged per ratee first: the ratee is
-- the independent unit of the interval (one rater's item scores for one person go together).
WITH RECURSIVE scope AS (
    SELECT unit_code, instansi_code FROM kinerja.unit WHERE year = $1::int AND unit_code = $4::text
    UNION
    SELECT u.unit_code, u.instansi_code FROM kinerja.unit u JOIN scope s ON u.parent_unit_code = s.unit_code
    WHERE u.year = $1::int AND $5::boolean
),
rater AS (                           -- the raters asked about: one branch runs, chosen by the parameters,
    -- so that one unit's raters come from its employees (employee_unit_idx)
    SELECT e.nip, e.name, e.unit_code FROM kinerja.employee e
    WHERE e.year = $1::int AND $3::text IS NULL AND $4::text IS NULL
    UNION ALL
    SELECT e.nip, e.name, e.unit_code FROM kinerja.unit u JOIN kinerja.employee e ON e.year = u.year AND e.unit_code = u.unit_code
    WHERE u.year = $1::int AND u.instansi_code = $3::text AND $4::text IS NULL
    UNION ALL
    SELECT e.nip, e.name, e.unit_code FROM scope s JOIN kinerja.employee e ON e.year = $1::int AND e.unit_code = s.unit_code
    WHERE $3::text IS NULL OR s.instansi_code = $3::text
),
given AS MATERIALIZED (              -- their ratings (in the role asked): whom they rated from rating_cell
    -- (by rater), then those rating rows through rating_key (028: NIPs as bigints)
    SELECT r.nip, r.rater_nip, r.rater_role, r.item, r.score
    FROM rater
    JOIN kinerja.rating_cell c ON c.year = $1::int AND c.rater_nip::bigint = rater.nip::bigint   -- rating_cell_rater_idx (028)
    JOIN kinerja.rating r ON r.year = c.year AND r.period = c.period AND r.nip::bigint = c.nip::bigint AND r.rater_nip::bigint = c.rater_nip::bigint
                         AND r.rater_role = c.rater_role
    WHERE c.period = $2::text AND ($6::text IS NULL OR c.rater_role = $6::text)
),
others AS (                          -- per ratee and item: every rating of that person, by anyone
    SELECT r.nip, r.item, sum(r.score) AS total, count(*) AS n
    FROM kinerja.rating r
    WHERE r.year = $1::int AND r.period = $2::text AND r.nip::bigint IN (SELECT nip::bigint FROM given)
    GROUP BY r.nip, r.item
),
per_ratee AS (                       -- one rater's mean deviation for one ratee, over the items
    SELECT g.rater_nip, g.nip, avg(g.score - (o.total - g.score) / (o.n - 1))::float8 AS deviation
    FROM given g JOIN others o USING (nip, item)
    WHERE o.n >= 2
    GROUP BY g.rater_nip, g.nip
),
lean AS (
    SELECT rater_nip, count(*) AS compared_ratees, avg(deviation) AS leniency, var_samp(deviation) AS leniency_variance
    FROM per_ratee GROUP BY rater_nip
),
summary AS (
    SELECT rater_nip, count(DISTINCT nip) AS ratees, count(*) AS ratings, avg(score)::float8 AS mean_score,
           string_agg(DISTINCT rater_role, ',') AS roles,
           -- one identical score to everyone on every item
           count(DISTINCT nip) >= 2 AND min(score) = max(score) AS straight_lining
    FROM given GROUP BY rater_nip
)
SELECT s.rater_nip, rater.name, rater.unit_code, s.roles, s.ratees::int, s.ratings::int,
       s.ratees < $7::int AS suppressed,
       CASE WHEN s.ratees >= $7::int THEN s.mean_score END AS mean_score,
       coalesce(l.compared_ratees, 0)::int AS compared_ratees,
       CASE WHEN s.ratees >= $7::int THEN l.leniency END AS leniency,
       CASE WHEN s.ratees >= $7::int THEN l.leniency_variance END AS leniency_variance,
       s.straight_lining
FROM summary s
JOIN rater ON rater.nip = s.rater_nip
LEFT JOIN lean l USING (rater_nip)
-- suppressed raters last, by NIP: their order must not tell their leniency
ORDER BY s.ratees < $7::int, CASE WHEN s.ratees >= $7::int THEN abs(l.leniency) END DESC NULLS LAST, s.rater_nip
