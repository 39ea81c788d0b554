-- kinerja gaps: per unit (the ratee's), the perception gap between two rater roles on the same
-- person: role A's score minus role B's, paired on (year, period, ratee, item), each side the mean
-- of that role's raters (one GROUP BY, the four roles side by side). Swift adds the interval.
--   $1 from year or NULL   $2 to year or NULL   $3 period or NULL (all)   $4 instansi_code or NULL
--   $5 unit_code or NULL   $6 include sub-units   $7 item or NULL (all)
--   $8, $9 roles A and B, or NULL for atasan − bawahan, atasan − rekan and atasan − diri
--   $10 suppression threshold: a gap over fewer ratees is not shown
WITH RECURSIVE scope AS (            -- the unit and, when asked, every unit below it, per year
    SELECT year, unit_code FROM kinerja.unit
    WHERE $5::text IS NOT NULL AND unit_code = $5::text
      AND year BETWEEN coalesce($1::int, 0) AND coalesce($2::int, 9999)
    UNION
    SELECT u.year, u.unit_code FROM kinerja.unit u JOIN scope s ON u.year = s.year AND u.parent_unit_code = s.unit_code
    WHERE $6::boolean
),
comparison AS (                      -- the pairs of roles, and their positions in role_item.score
    SELECT ord, role_a, role_b,
           array_position(ARRAY['atasan', 'rekan', 'bawahan', 'diri'], role_a) AS a,
           array_position(ARRAY['atasan', 'rekan', 'bawahan', 'diri'], role_b) AS b
    FROM (SELECT * FROM (VALUES (1, 'atasan', 'bawahan'), (2, 'atasan', 'rekan'), (3, 'atasan', 'diri')) AS v(ord, role_a, role_b)
          WHERE $8::text IS NULL
          UNION ALL
          SELECT 1, $8::text, $9::text WHERE $8::text IS NOT NULL) pairs
),
role_item AS (                       -- per ratee, item, year and period: each role's mean score
    SELECT e.unit_code, r.nip,
           ARRAY[avg(r.score::float8) FILTER (WHERE r.rater_role = 'atasan'), avg(r.score::float8) FILTER (WHERE r.rater_role = 'rekan'),
                 avg(r.score::float8) FILTER (WHERE r.rater_role = 'bawahan'), avg(r.score::float8) FILTER (WHERE r.rater_role = 'diri')] AS score
    FROM kinerja.rating r
    JOIN kinerja.employee e ON e.year = r.year AND e.nip::bigint = r.nip::bigint   -- so one unit's reach rating_key (028)
    WHERE r.year BETWEEN coalesce($1::int, 0) AND coalesce($2::int, 9999)
      AND ($3::text IS NULL OR r.period = $3::text)
      AND ($7::text IS NULL OR r.item = $7::text)
      AND ($4::text IS NULL OR (e.year, e.unit_code) IN (SELECT year, unit_code FROM kinerja.unit WHERE instansi_code = $4::text))
      AND ($5::text IS NULL OR (e.year, e.unit_code) IN (SELECT year, unit_code FROM scope))
    GROUP BY r.year, r.period, e.unit_code, r.nip, r.item
),
pair AS (
    SELECT i.unit_code, c.ord, c.role_a, c.role_b, i.nip, i.score[c.a] - i.score[c.b] AS gap
    FROM role_item i CROSS JOIN comparison c
    WHERE i.score[c.a] IS NOT NULL AND i.score[c.b] IS NOT NULL
),
g AS (
    SELECT unit_code, ord, role_a, role_b, count(DISTINCT nip)::int AS ratees, count(*)::int AS pairs,
           avg(gap) AS mean_gap, var_samp(gap) AS gap_variance
    FROM pair GROUP BY unit_code, ord, role_a, role_b
)
SELECT g.unit_code,
       (SELECT unit_name FROM kinerja.unit u WHERE u.unit_code = g.unit_code ORDER BY u.year DESC LIMIT 1) AS unit_name,
       g.role_a, g.role_b, g.ratees, g.pairs, g.ratees < $10::int AS suppressed,
       CASE WHEN g.ratees >= $10::int THEN g.mean_gap END AS mean_gap,
       CASE WHEN g.ratees >= $10::int THEN g.gap_variance END AS gap_variance
FROM g
-- suppressed gaps last, by unit code: their order must not tell their size
ORDER BY g.ord, g.ratees < $10::int, CASE WHEN g.ratees >= $10::int THEN g.mean_gap END DESC NULLS LAST, g.unit_code
