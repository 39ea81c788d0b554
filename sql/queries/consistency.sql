-- kinerja consistency: the sufficient statistics of every inter-rater coefficient, one row per group
-- (the whole scope, or each unit). Swift applies the final formulas (Statistics module).
--   $1 year   $2 period   $3 instansi_code or NULL   $4 unit_code or NULL   $5 include sub-units
--   $6 item or NULL (NULL: each rater's mean over the items)   $7 rater_role or NULL (all roles)
--   $8 one group per unit (the ratee's unit)   $9, $10 the two roles compared by Cohen's kappa
-- The table analysed has one value per (ratee, rater); every coefficient is computed on it. Names
-- follow the doc comments of the Statistics types they feed (IntraclassCorrelation.OneWaySums, …).
WITH RECURSIVE scope AS (            -- the unit and, when asked, every unit below it
    SELECT unit_code, instansi_code FROM kinerja.unit WHERE year = $1::int AND unit_code = $4::text
    UNION
    SELECT u.unit_code, u.instansi_code FROM kinerja.unit u JOIN scope s ON u.parent_unit_code = s.unit_code
    WHERE u.year = $1::int AND $5::boolean
),
in_scope AS NOT MATERIALIZED (       -- the ratees in scope and their units: one branch runs, chosen by
    -- the parameters, so that one unit's report starts from its employees (employee_unit_idx)
    SELECT e.nip, e.unit_code FROM kinerja.employee e
    WHERE e.year = $1::int AND $3::text IS NULL AND $4::text IS NULL
    UNION ALL
    SELECT e.nip, e.unit_code FROM kinerja.unit u JOIN kinerja.employee e ON e.year = u.year AND e.unit_code = u.unit_code
    WHERE u.year = $1::int AND u.instansi_code = $3::text AND $4::text IS NULL
    UNION ALL
    SELECT e.nip, e.unit_code FROM scope s JOIN kinerja.employee e ON e.year = $1::int AND e.unit_code = s.unit_code
    WHERE $3::text IS NULL OR s.instansi_code = $3::text
),
cell AS MATERIALIZED (               -- the table analysed: one value per (ratee, rater)
    -- numeric mean, so that a mean on a band boundary (91.0) gets its band exactly; a rater has one
    -- role toward a ratee (min() only picks it). Every item: from the loader's rating_cell (the
    -- rating rows summed per ratee, rater and role); one item: from the rating rows.
    SELECT CASE WHEN $8::boolean THEN s.unit_code ELSE '' END AS grp,
           c.nip AS ratee, c.rater_nip AS rater, min(c.rater_role) AS role, sum(c.score_sum) / sum(c.items) AS value
    FROM in_scope s
    JOIN kinerja.rating_cell c ON c.year = $1::int AND c.period = $2::text AND c.nip = s.nip
    WHERE $6::text IS NULL AND ($7::text IS NULL OR c.rater_role = $7::text)
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT CASE WHEN $8::boolean THEN s.unit_code ELSE '' END,
           r.nip, r.rater_nip, min(r.rater_role), avg(r.score)
    FROM in_scope s
    JOIN kinerja.rating r ON r.year = $1::int AND r.period = $2::text AND r.nip = s.nip
    WHERE r.item = $6::text AND ($7::text IS NULL OR r.rater_role = $7::text)
    GROUP BY 1, 2, 3
),
scale AS (                           -- one category rule for every group: the scope's largest value
    SELECT max(value) AS scale_max FROM cell
),
x AS MATERIALIZED (                  -- the same table with each value's category
    SELECT c.grp, c.ratee, c.rater, c.value::float8 AS value, kinerja.rating_category(c.value, s.scale_max) AS category
    FROM cell c CROSS JOIN scale s
),
ratee AS (                           -- per ratee: m_i ratings, mean, Σ(x − x̄_i)², s²_i
    SELECT grp, ratee, count(*) AS m, avg(value) AS mean, var_pop(value) * count(*) AS ss,
           var_samp(value) AS s2, var_samp(category)::float8 AS category_s2
    FROM x GROUP BY grp, ratee
),
rc AS (                              -- per ratee and category: n_ic
    SELECT grp, ratee, category, count(*) AS n FROM x GROUP BY grp, ratee, category
),
grand AS (
    SELECT grp, sum(m * mean) / sum(m) AS grand FROM ratee GROUP BY grp
),
one_way AS (                         -- OneWaySums, KrippendorffAlpha.IntervalSums, Fleiss/Gwet counts
    SELECT t.grp, count(*) AS ratees, sum(t.m) AS ratings, sum(t.m * t.m) AS sum_of_squared_group_sizes,
           sum(t.m * (t.mean - g.grand) ^ 2) AS ss_between, sum(t.ss) AS ss_within,
           min(t.m) AS min_ratings_per_ratee, max(t.m) AS max_ratings_per_ratee,
           count(*) FILTER (WHERE t.m >= 2) AS multiply_rated_ratees,
           coalesce(sum(t.m) FILTER (WHERE t.m >= 2), 0) AS pairable_value_count,
           coalesce(sum(t.m * t.s2) FILTER (WHERE t.m >= 2), 0) AS within_unit_sum,
           coalesce(sum(t.category_s2) FILTER (WHERE t.m >= 2), 0) AS within_subject_variance_sum
    FROM ratee t JOIN grand g USING (grp)
    GROUP BY t.grp
),
pairable AS (                        -- s² of the values in ratees rated at least twice
    SELECT x.grp, var_samp(x.value) AS pairable_variance
    FROM x JOIN ratee t USING (grp, ratee) WHERE t.m >= 2 GROUP BY x.grp
),
raters AS (
    SELECT grp, count(DISTINCT rater) AS raters FROM x GROUP BY grp
),
agreement AS (                       -- Σ_i n_ic² (Fleiss) and Σ_i (Σ_c n_ic² − m_i)/(m_i(m_i − 1)) (Gwet)
    SELECT s.grp, sum(s.sq) AS sum_of_squared_counts,
           coalesce(sum((s.sq - t.m)::float8 / (t.m * (t.m - 1))) FILTER (WHERE t.m >= 2), 0) AS nominal_agreement_sum
    FROM (SELECT grp, ratee, sum(n * n) AS sq FROM rc GROUP BY grp, ratee) s
    JOIN ratee t USING (grp, ratee)
    GROUP BY s.grp
),
categories AS (                      -- per category: Σ_i n_ic (Fleiss) and Σ_i n_ic/m_i (Gwet)
    SELECT grp, json_agg(json_build_array(category, total, share_sum) ORDER BY category)::text AS categories
    FROM (SELECT rc.grp, rc.category, sum(rc.n) AS total, sum(rc.n::float8 / t.m) AS share_sum
          FROM rc JOIN ratee t USING (grp, ratee) GROUP BY rc.grp, rc.category) s
    GROUP BY grp
),
coincidences AS (                    -- KrippendorffAlpha.CoincidenceMatrix rows (c, k, o_ck) over categories
    SELECT grp, json_agg(json_build_array(c, k, o) ORDER BY c, k)::text AS coincidences
    FROM (SELECT a.grp, a.category AS c, b.category AS k,
                 sum((a.n * b.n - CASE WHEN a.category = b.category THEN a.n ELSE 0 END)::float8 / (t.m - 1)) AS o
          FROM rc a JOIN rc b USING (grp, ratee) JOIN ratee t USING (grp, ratee)
          WHERE t.m >= 2
          GROUP BY a.grp, a.category, b.category) s
    GROUP BY grp
),
block AS (                           -- crossed design: the ratees rated by every rater of their group
    SELECT x.grp, x.ratee, x.rater, x.value
    FROM x JOIN ratee t USING (grp, ratee) JOIN raters r USING (grp)
    WHERE t.m = r.raters
),
block_grand AS (
    SELECT grp, avg(value) AS grand, count(*) AS observation_count, var_pop(value) * count(*) AS ss_total
    FROM block GROUP BY grp
),
block_targets AS (                   -- n and Σ_i (x̄_i· − x̄)²
    SELECT b.grp, count(*) AS target_count, sum((b.mean - g.grand) ^ 2) AS dev
    FROM (SELECT grp, ratee, avg(value) AS mean FROM block GROUP BY grp, ratee) b JOIN block_grand g USING (grp)
    GROUP BY b.grp
),
block_raters AS (                    -- k and Σ_j (x̄_·j − x̄)²
    SELECT b.grp, count(*) AS rater_count, sum((b.mean - g.grand) ^ 2) AS dev
    FROM (SELECT grp, rater, avg(value) AS mean FROM block GROUP BY grp, rater) b JOIN block_grand g USING (grp)
    GROUP BY b.grp
),
two_way AS (                         -- IntraclassCorrelation.TwoWaySums
    SELECT g.grp, t.target_count, r.rater_count, g.observation_count,
           r.rater_count * t.dev AS ss_targets, t.target_count * r.dev AS ss_raters,
           g.ss_total - r.rater_count * t.dev - t.target_count * r.dev AS ss_error
    FROM block_grand g JOIN block_targets t USING (grp) JOIN block_raters r USING (grp)
),
role_value AS (                      -- Cohen: each ratee's category from each of the two roles (mean value)
    SELECT c.grp, c.ratee,
           kinerja.rating_category(avg(c.value) FILTER (WHERE c.role = $9::text), s.scale_max) AS a,
           kinerja.rating_category(avg(c.value) FILTER (WHERE c.role = $10::text), s.scale_max) AS b
    FROM cell c CROSS JOIN scale s
    WHERE c.role IN ($9::text, $10::text)
    GROUP BY c.grp, c.ratee, s.scale_max
),
cohen AS (                           -- CohenKappa.ContingencyTable cells (category A, category B, count)
    SELECT grp, sum(n) AS cohen_pairs, json_agg(json_build_array(a, b, n) ORDER BY a, b)::text AS cohen_cells
    FROM (SELECT grp, a, b, count(*) AS n FROM role_value WHERE a IS NOT NULL AND b IS NOT NULL GROUP BY grp, a, b) s
    GROUP BY grp
)
SELECT o.grp AS unit_code,
       (SELECT unit_name FROM kinerja.unit u WHERE u.year = $1::int AND u.unit_code = o.grp) AS unit_name,
       o.ratees::int, r.raters::int, o.ratings::int,
       o.sum_of_squared_group_sizes::float8, o.ss_between, o.ss_within,
       o.min_ratings_per_ratee::int, o.max_ratings_per_ratee::int, o.multiply_rated_ratees::int,
       o.pairable_value_count::int, o.within_unit_sum, p.pairable_variance,
       o.within_subject_variance_sum, a.sum_of_squared_counts::float8, a.nominal_agreement_sum,
       c.categories, k.coincidences,
       w.target_count::int, w.rater_count::int, w.observation_count::int, w.ss_targets, w.ss_raters, w.ss_error,
       coalesce(h.cohen_pairs, 0)::int AS cohen_pairs, h.cohen_cells,
       (SELECT scale_max FROM scale)::float8 AS scale_max,
       (SELECT kinerja.rating_category_rule(scale_max) FROM scale) AS category_rule
FROM one_way o
JOIN raters r USING (grp)
JOIN agreement a USING (grp)
JOIN categories c USING (grp)
LEFT JOIN pairable p USING (grp)
LEFT JOIN coincidences k USING (grp)
LEFT JOIN two_way w USING (grp)
LEFT JOIN cohen h USING (grp)
ORDER BY o.grp
