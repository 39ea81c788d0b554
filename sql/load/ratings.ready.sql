-- Ratings are the one file of tens of millions of rows, so their typed form is a view over the
-- staged text, not a table: on a good load publish_year reads it once, as it writes the year's new
-- partition, whose constraints then prove every rule of ratings.proven.sql: every value NULL here
-- when it does not decode is refused by a NOT NULL, the sets and ranges by CHECKs, ratee and rater
-- by publish_year's reference check on rating_cell (kinerja.year_reference), duplicates by the primary key. Only when that fails, or the load
-- is rejected anyway, do the proven rules read the view to say which rows broke which rule. No typed copy is written and read back (about 20 GB for a
-- national year's 180 million ratings).
--
-- Codes (period, role, item) and scores have a handful of distinct values: each is decoded once,
-- into a small code table, and every row finds its values there by a hash join. Keys are
-- coalesce(raw, ''): an empty cell and a missing one decode alike.
CREATE TEMP TABLE rating_code ON COMMIT DROP AS
WITH combination AS MATERIALIZED (
    SELECT DISTINCT coalesce(period, '') AS period, coalesce(rater_role, '') AS rater_role,
                    coalesce(item, '') AS item, coalesce(score, '') AS score
    FROM pg_temp.stage_ratings
)
SELECT 'period' AS kind, raw, kinerja.parse_period(raw) AS code, NULL::numeric AS score, $1::smallint AS year
FROM (SELECT DISTINCT period AS raw FROM combination) d
UNION ALL
SELECT 'rater_role', raw, lower(kinerja.cell(raw)), NULL, $1 FROM (SELECT DISTINCT rater_role AS raw FROM combination) d
UNION ALL
SELECT 'item', d.raw, i.code, NULL, $1
FROM (SELECT DISTINCT item AS raw FROM combination) d
LEFT JOIN kinerja.rating_item i ON kinerja.normalize_label(i.code) = kinerja.normalize_label(d.raw)
UNION ALL
SELECT 'score', raw, NULL, round(kinerja.parse_decimal(raw, $2), 2), $1 FROM (SELECT DISTINCT score AS raw FROM combination) d;

-- Row counts for the planner: with them every code lookup below is a hash join over a few rows.
ANALYZE pg_temp.stage_ratings, pg_temp.rating_code;

CREATE TEMP VIEW ready_rating AS
-- OFFSET 0 keeps the decoding in this subquery: each NIP is trimmed once per row, where the
-- check's many references to a flattened view would each trim it again (48 s instead of 19 s)
SELECT * FROM (
    SELECT s.line,
           -- the year being loaded (every row finds its period's code row); NULL when the row's
           -- year column names another, so that the NOT NULL refuses it too
           CASE WHEN kinerja.cell(s.year) IS NULL OR kinerja.cell(s.year) = p.year::text THEN p.year END AS year,
           p.code AS period,
           kinerja.cell(s.nip) AS nip,
           kinerja.cell(s.rater_nip) AS rater_nip,
           r.code AS rater_role,
           i.code AS item,
           sc.score,
           -- the cells as written, for the check's messages (it trims them only on the rows it reports)
           s.period AS raw_period,
           s.item AS raw_item,
           s.score AS raw_score,
           s.year AS raw_year
    FROM pg_temp.stage_ratings s
    -- every row has its code rows, but as inner joins the planner guesses from the join clauses
    -- that few rows match (a coalesce() has no statistics) and nests loops over ten million rows;
    -- a left join keeps every row in its estimate
    LEFT JOIN pg_temp.rating_code p ON p.kind = 'period' AND p.raw = coalesce(s.period, '')
    LEFT JOIN pg_temp.rating_code r ON r.kind = 'rater_role' AND r.raw = coalesce(s.rater_role, '')
    LEFT JOIN pg_temp.rating_code i ON i.kind = 'item' AND i.raw = coalesce(s.item, '')
    LEFT JOIN pg_temp.rating_code sc ON sc.kind = 'score' AND sc.raw = coalesce(s.score, '')
    OFFSET 0
) decoded
