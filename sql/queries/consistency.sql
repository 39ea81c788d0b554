-- kinerja consistency: the sufficient statistics of every inter-rater coefficient, one row per group
-- (the whole scope, or each unit). Swift applies the final formulas (Statistics module).
--   $1 year   $2 period   $3 instansi_code or NULL   $4 unit_code or NULL   $5 include sub-units
--   $6 item or NULL (NULL: each rater's mean over the items)   $7 rater_role or NULL (all roles)
--   $8 one group per unit (the ratee's unit)   $9, $10 the two roles compared by Cohen's kappa
--   $11 read the loader's sums when the question allows (false: always fold the ratings)
-- The table analysed has one value per (ratee, rater); every coefficient is computed on it. Names
-- follow the doc comments of the Statistics types they feed (IntraclassCorrelation.OneWaySums, …).
--
-- Every sum below is a sum over ratees, so a group's sums are the sums of its units'. Two paths
-- lead to them. The default question (every item and role: `$6 IS NULL AND $7 IS NULL AND $11`,
-- the "stored path") adds up the per-unit sums the loader keeps (migration 014: unit_sums,
-- unit_category, unit_coincidence; per ratee rating_ratee; unit_rater). Any other question folds the
-- ratings into per-ratee values here (the "folded path") with the expressions of 014's definitions.
-- Each CTE below has one branch per path; the parameters leave one of them empty at planning.
WITH RECURSIVE scope AS (            -- the unit and, when asked, every unit below it
    SELECT unit_code, instansi_code FROM kinerja.unit WHERE year = $1::int AND unit_code = $4::text
    UNION
    SELECT u.unit_code, u.instansi_code FROM kinerja.unit u JOIN scope s ON u.parent_unit_code = s.unit_code
    WHERE u.year = $1::int AND $5::boolean
),
scope_unit AS NOT MATERIALIZED (     -- the units in scope: one branch runs, chosen by the parameters
    SELECT u.unit_code FROM kinerja.unit u WHERE u.year = $1::int AND $3::text IS NULL AND $4::text IS NULL
    UNION ALL
    SELECT u.unit_code FROM kinerja.unit u WHERE u.year = $1::int AND u.instansi_code = $3::text AND $4::text IS NULL
    UNION ALL
    SELECT s.unit_code FROM scope s WHERE $3::text IS NULL OR s.instansi_code = $3::text
),
cell AS MATERIALIZED (               -- folded path: the table analysed, one value per (ratee, rater)
    -- numeric mean, so that a mean on a band boundary (91.0) gets its band exactly; a rater has one
    -- role toward a ratee (min() only picks it). Every item: from the loader's rating_cell (the
    -- rating rows summed per ratee, rater and role); one item: from the rating rows.
    SELECT CASE WHEN $8::boolean THEN e.unit_code ELSE '' END AS grp,
           c.nip AS ratee, c.rater_nip AS rater, min(c.rater_role) AS role, sum(c.score_sum) / sum(c.items) AS value
    FROM scope_unit s
    JOIN kinerja.employee e ON e.year = $1::int AND e.unit_code = s.unit_code
    JOIN kinerja.rating_cell c ON c.year = $1::int AND c.period = $2::text AND c.nip::bigint = e.nip::bigint   -- rating_cell_key (028)
    WHERE $6::text IS NULL AND NOT ($7::text IS NULL AND $11::boolean)
      AND ($7::text IS NULL OR c.rater_role = $7::text)
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT CASE WHEN $8::boolean THEN e.unit_code ELSE '' END,
           r.nip, r.rater_nip, min(r.rater_role), avg(r.score)
    FROM scope_unit s
    JOIN kinerja.employee e ON e.year = $1::int AND e.unit_code = s.unit_code
    JOIN kinerja.rating r ON r.year = $1::int AND r.period = $2::text AND r.nip::bigint = e.nip::bigint   -- rating_key (028)
    WHERE r.item = $6::text AND ($7::text IS NULL OR r.rater_role = $7::text)
    GROUP BY 1, 2, 3
),
ratee_sums AS MATERIALIZED (         -- folded path, per ratee (014's rating_ratee): m values, Σx,
    -- Σ(x − x̄)², max, category counts under both rules (bands: element c is band c; steps: element
    -- c + 1 is step c), and the categories of the two Cohen roles' mean values under both rules
    SELECT grp, ratee, count(*)::integer AS m, sum(value) AS value_sum, (var_pop(value) * count(*))::float8 AS ss,
           max(value) AS value_max,
           ARRAY[count(*) FILTER (WHERE band = 1), count(*) FILTER (WHERE band = 2), count(*) FILTER (WHERE band = 3),
                 count(*) FILTER (WHERE band = 4), count(*) FILTER (WHERE band = 5)]::integer[] AS band_counts,
           CASE WHEN max(value) <= 5 THEN
               ARRAY[count(*) FILTER (WHERE step = 0), count(*) FILTER (WHERE step = 1), count(*) FILTER (WHERE step = 2),
                     count(*) FILTER (WHERE step = 3), count(*) FILTER (WHERE step = 4), count(*) FILTER (WHERE step = 5)]::integer[]
           END AS step_counts,
           kinerja.rating_category(avg(value) FILTER (WHERE role = $9::text), 100) AS a_band,
           kinerja.rating_category(avg(value) FILTER (WHERE role = $9::text), 5) AS a_step,
           kinerja.rating_category(avg(value) FILTER (WHERE role = $10::text), 100) AS b_band,
           kinerja.rating_category(avg(value) FILTER (WHERE role = $10::text), 5) AS b_step
    FROM (SELECT grp, ratee, role, value,
                 kinerja.rating_category(value, 100) AS band, kinerja.rating_category(value, 5) AS step FROM cell) c
    GROUP BY grp, ratee
),
scale AS (                           -- one category rule for every group: the scope's largest value
    SELECT max(value_max) AS scale_max, CASE WHEN max(value_max) > 5 THEN 'band' ELSE 'step' END AS rule
    FROM (SELECT value_max FROM ratee_sums
          UNION ALL
          SELECT u.value_max FROM scope_unit s
          JOIN kinerja.unit_sums u ON u.year = $1::int AND u.period = $2::text AND u.unit_code = s.unit_code AND u.rule = 'band'
          WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean) v
),
ratee AS MATERIALIZED (              -- folded path, per ratee, under the scope's rule: the counts and
    -- Σ_c n_ic², Σ_c c·n_ic, Σ_c c²·n_ic; the two Cohen roles' categories
    SELECT t.grp, t.ratee, t.m, t.value_sum, t.ss, k.counts, k.category_offset, q.sq, q.cs, q.cs2,
           CASE s.rule WHEN 'band' THEN t.a_band ELSE t.a_step END AS cohen_a,
           CASE s.rule WHEN 'band' THEN t.b_band ELSE t.b_step END AS cohen_b
    FROM ratee_sums t CROSS JOIN scale s
    CROSS JOIN LATERAL (SELECT CASE s.rule WHEN 'band' THEN t.band_counts ELSE t.step_counts END AS counts,
                               CASE s.rule WHEN 'band' THEN 0 ELSE 1 END AS category_offset) k
    CROSS JOIN LATERAL (SELECT sum(n * n) AS sq, sum(n * (slot - k.category_offset))::float8 AS cs,
                               sum(n * (slot - k.category_offset) * (slot - k.category_offset))::float8 AS cs2
                        FROM unnest(k.counts) WITH ORDINALITY AS u(n, slot)) q
),
rc AS MATERIALIZED (                 -- folded path, per ratee and category: n_ic (> 0), with m_i
    SELECT t.grp, t.ratee, t.m, (u.slot - t.category_offset)::integer AS category, u.n
    FROM ratee t CROSS JOIN LATERAL unnest(t.counts) WITH ORDINALITY AS u(n, slot)
    WHERE u.n > 0
),
group_sums AS (                      -- per group: the sums over its ratees (OneWaySums, IntervalSums, …)
    SELECT grp, sum(ratees) AS ratees, sum(ratings) AS ratings, sum(squared_group_sizes) AS squared_group_sizes,
           min(min_raters) AS min_raters, max(max_raters) AS max_raters, sum(multiply_rated_ratees) AS multiply_rated_ratees,
           sum(pairable_value_count) AS pairable_value_count, sum(value_sum) AS value_sum,
           sum(square_mean_sum) AS square_mean_sum, sum(ss_within) AS ss_within,
           sum(pairable_value_sum) AS pairable_value_sum, sum(pairable_square_mean_sum) AS pairable_square_mean_sum,
           sum(pairable_ss) AS pairable_ss, sum(within_unit_sum) AS within_unit_sum,
           sum(squared_counts) AS squared_counts, sum(nominal_agreement_sum) AS nominal_agreement_sum,
           sum(within_subject_variance_sum) AS within_subject_variance_sum
    FROM (SELECT CASE WHEN $8::boolean THEN u.unit_code ELSE '' END AS grp, u.ratees, u.ratings, u.squared_group_sizes,
                 u.min_raters, u.max_raters, u.multiply_rated_ratees, u.pairable_value_count, u.value_sum, u.square_mean_sum,
                 u.ss_within, u.pairable_value_sum, u.pairable_square_mean_sum, u.pairable_ss, u.within_unit_sum,
                 u.squared_counts, u.nominal_agreement_sum, u.within_subject_variance_sum
          FROM scope_unit s
          JOIN kinerja.unit_sums u ON u.year = $1::int AND u.period = $2::text AND u.unit_code = s.unit_code
                                  AND u.rule = (SELECT rule FROM scale)
          WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean
          UNION ALL                  -- (the expressions of 014's unit_sums)
          SELECT grp, count(*), sum(m), sum(m * m), min(m), max(m), count(*) FILTER (WHERE m >= 2),
                 coalesce(sum(m) FILTER (WHERE m >= 2), 0), sum(value_sum), sum(value_sum * value_sum / m), sum(ss),
                 sum(value_sum) FILTER (WHERE m >= 2), sum(value_sum * value_sum / m) FILTER (WHERE m >= 2),
                 sum(ss) FILTER (WHERE m >= 2), coalesce(sum(m * ss / (m - 1)) FILTER (WHERE m >= 2), 0),
                 sum(sq), coalesce(sum((sq - m)::float8 / (m * (m - 1))) FILTER (WHERE m >= 2), 0),
                 coalesce(sum((cs2 - cs * cs / m) / (m - 1)) FILTER (WHERE m >= 2), 0)
          FROM ratee GROUP BY grp) p
    GROUP BY grp
),
raters AS (                          -- distinct raters per group (not a sum of the units')
    SELECT CASE WHEN $8::boolean THEN r.unit_code ELSE '' END AS grp, count(DISTINCT r.rater_nip) AS raters
    FROM scope_unit s
    JOIN kinerja.unit_rater r ON r.year = $1::int AND r.period = $2::text AND r.unit_code = s.unit_code
    WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean
    GROUP BY 1
    UNION ALL
    SELECT grp, count(DISTINCT rater) FROM cell GROUP BY grp
),
categories AS (                      -- per category: Σ_i n_ic (Fleiss) and Σ_i n_ic/m_i (Gwet)
    SELECT grp, json_agg(json_build_array(category, total, share_sum) ORDER BY category)::text AS categories
    FROM (SELECT grp, category, sum(total) AS total, sum(share_sum) AS share_sum
          FROM (SELECT CASE WHEN $8::boolean THEN c.unit_code ELSE '' END AS grp, c.category, c.total, c.share_sum
                FROM scope_unit s
                JOIN kinerja.unit_category c ON c.year = $1::int AND c.period = $2::text AND c.unit_code = s.unit_code
                                            AND c.rule = (SELECT rule FROM scale)
                WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean
                UNION ALL
                SELECT grp, category, sum(n), sum(n::float8 / m) FROM rc GROUP BY grp, category) p
          GROUP BY grp, category) s
    GROUP BY grp
),
coincidences AS (                    -- KrippendorffAlpha.CoincidenceMatrix rows (c, k, o_ck) over categories
    SELECT grp, json_agg(json_build_array(c, k, o) ORDER BY c, k)::text AS coincidences
    FROM (SELECT grp, c, k, sum(o) AS o
          FROM (SELECT CASE WHEN $8::boolean THEN x.unit_code ELSE '' END AS grp, x.c, x.k, x.o
                FROM scope_unit s
                JOIN kinerja.unit_coincidence x ON x.year = $1::int AND x.period = $2::text AND x.unit_code = s.unit_code
                                               AND x.rule = (SELECT rule FROM scale)
                WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean
                UNION ALL
                SELECT a.grp, a.category, b.category,
                       sum((a.n * b.n - CASE WHEN a.category = b.category THEN a.n ELSE 0 END)::float8 / (a.m - 1))
                FROM rc a JOIN rc b USING (grp, ratee)
                WHERE a.m >= 2
                GROUP BY a.grp, a.category, b.category) p
          GROUP BY grp, c, k) s
    GROUP BY grp
),
block AS (                           -- crossed design: the ratees rated by every rater of their group
    SELECT c.grp, c.ratee, c.rater, c.value::float8 AS value
    FROM cell c JOIN ratee t USING (grp, ratee) JOIN raters r USING (grp)
    WHERE t.m = r.raters
    UNION ALL                        -- (stored path: only when some ratee has as many raters as the group)
    SELECT g.grp, c.nip, c.rater_nip, (sum(c.score_sum) / sum(c.items))::float8
    FROM group_sums g
    JOIN raters r ON r.grp = g.grp AND r.raters = g.max_raters
    JOIN scope_unit s ON NOT $8::boolean OR s.unit_code = g.grp
    JOIN kinerja.rating_ratee t ON t.year = $1::int AND t.period = $2::text AND t.unit_code = s.unit_code AND t.raters = r.raters
    JOIN kinerja.rating_cell c ON c.year = $1::int AND c.period = $2::text AND c.nip::bigint = t.nip::bigint
    WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean
    GROUP BY g.grp, c.nip, c.rater_nip
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
role_category AS (                   -- Cohen: each ratee's category from each of the two roles (mean value)
    SELECT CASE WHEN $8::boolean THEN t.unit_code ELSE '' END AS grp,
           CASE sc.rule WHEN 'band' THEN t.role_bands[kinerja.rater_role_slot($9::text)]
                        ELSE t.role_steps[kinerja.rater_role_slot($9::text)] END AS a,
           CASE sc.rule WHEN 'band' THEN t.role_bands[kinerja.rater_role_slot($10::text)]
                        ELSE t.role_steps[kinerja.rater_role_slot($10::text)] END AS b
    FROM scope_unit s CROSS JOIN scale sc
    JOIN kinerja.rating_ratee t ON t.year = $1::int AND t.period = $2::text AND t.unit_code = s.unit_code
    WHERE $6::text IS NULL AND $7::text IS NULL AND $11::boolean
    UNION ALL
    SELECT grp, cohen_a, cohen_b FROM ratee
),
cohen AS (                           -- CohenKappa.ContingencyTable cells (category A, category B, count)
    SELECT grp, sum(n) AS cohen_pairs, json_agg(json_build_array(a, b, n) ORDER BY a, b)::text AS cohen_cells
    FROM (SELECT grp, a, b, count(*) AS n FROM role_category WHERE a IS NOT NULL AND b IS NOT NULL GROUP BY grp, a, b) s
    GROUP BY grp
)
SELECT o.grp AS unit_code,
       (SELECT unit_name FROM kinerja.unit u WHERE u.year = $1::int AND u.unit_code = o.grp) AS unit_name,
       o.ratees::int, r.raters::int, o.ratings::int, o.squared_group_sizes::float8 AS sum_of_squared_group_sizes,
       (o.square_mean_sum - o.value_sum * o.value_sum / o.ratings)::float8 AS ss_between, o.ss_within,
       o.min_raters::int AS min_ratings_per_ratee, o.max_raters::int AS max_ratings_per_ratee,
       o.multiply_rated_ratees::int, o.pairable_value_count::int, o.within_unit_sum,
       -- s² of the values in ratees rated at least twice: their Σ(x − x̄_i)² plus Σ m_i(x̄_i − x̄)²
       (o.pairable_ss + (o.pairable_square_mean_sum - o.pairable_value_sum * o.pairable_value_sum / o.pairable_value_count)::float8)
           / nullif(o.pairable_value_count - 1, 0) AS pairable_variance,
       o.within_subject_variance_sum, o.squared_counts::float8 AS sum_of_squared_counts, o.nominal_agreement_sum,
       c.categories, k.coincidences,
       w.target_count::int, w.rater_count::int, w.observation_count::int, w.ss_targets, w.ss_raters, w.ss_error,
       coalesce(h.cohen_pairs, 0)::int AS cohen_pairs, h.cohen_cells,
       (SELECT scale_max FROM scale)::float8 AS scale_max,
       (SELECT kinerja.rating_category_rule(scale_max) FROM scale) AS category_rule
FROM group_sums o
JOIN raters r USING (grp)
JOIN categories c USING (grp)
LEFT JOIN coincidences k USING (grp)
LEFT JOIN two_way w USING (grp)
LEFT JOIN cohen h USING (grp)
ORDER BY o.grp
