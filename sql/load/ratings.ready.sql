-- Codes (period, role, item) and scores have a handful of distinct values: each is normalized once,
-- into small maps from raw text to value, and every row looks its values up in them. Why maps and
-- not joins: the planner cannot estimate a join against freshly staged, unanalyzed text, and a
-- nested loop over ten million rows is what a wrong guess costs; a lookup in a one-row map costs
-- the same whatever the guess. Keys are coalesce(raw, ''): an empty cell and a missing one decode alike.
CREATE TEMP TABLE ready_rating ON COMMIT DROP AS
WITH combination AS MATERIALIZED (
    SELECT DISTINCT coalesce(period, '') AS period, coalesce(rater_role, '') AS rater_role,
                    coalesce(item, '') AS item, coalesce(score, '') AS score
    FROM pg_temp.stage_ratings
),
map AS MATERIALIZED (
    SELECT (SELECT jsonb_object_agg(raw, kinerja.parse_period(raw)) FROM (SELECT DISTINCT period AS raw FROM combination) d) AS periods,
           (SELECT jsonb_object_agg(raw, lower(kinerja.cell(raw))) FROM (SELECT DISTINCT rater_role AS raw FROM combination) d) AS roles,
           (SELECT jsonb_object_agg(d.raw, i.code)
            FROM (SELECT DISTINCT item AS raw FROM combination) d
            LEFT JOIN kinerja.rating_item i ON kinerja.normalize_label(i.code) = kinerja.normalize_label(d.raw)) AS items,
           (SELECT jsonb_object_agg(raw, round(kinerja.parse_decimal(raw, $2), 2)) FROM (SELECT DISTINCT score AS raw FROM combination) d) AS scores
)
SELECT s.line,
       $1::smallint AS year,
       m.periods ->> coalesce(s.period, '') AS period,
       kinerja.cell(s.nip) AS nip,
       kinerja.cell(s.rater_nip) AS rater_nip,
       m.roles ->> coalesce(s.rater_role, '') AS rater_role,
       m.items ->> coalesce(s.item, '') AS item,
       (m.scores ->> coalesce(s.score, ''))::numeric AS score,
       -- the cells as written, for the check's messages: it trims them (kinerja.cell) only on the
       -- rows it reports, as trimming four text columns of every row cost 5.5 s of 23 (province year)
       s.period AS raw_period,
       s.item AS raw_item,
       s.score AS raw_score,
       s.year AS raw_year
FROM pg_temp.stage_ratings s
CROSS JOIN map m
