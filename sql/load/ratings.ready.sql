-- Codes (period, role, item) have a handful of distinct values: normalize each once, then join,
-- instead of running the regular expressions on every one of tens of millions of rows.
CREATE TEMP TABLE ready_rating ON COMMIT DROP AS
WITH periods AS (
    SELECT raw, kinerja.parse_period(raw) AS code FROM (SELECT DISTINCT coalesce(period, '') AS raw FROM pg_temp.stage_ratings) d
),
roles AS (
    SELECT raw, lower(kinerja.cell(raw)) AS code FROM (SELECT DISTINCT coalesce(rater_role, '') AS raw FROM pg_temp.stage_ratings) d
),
items AS (
    SELECT d.raw, i.code
    FROM (SELECT DISTINCT coalesce(item, '') AS raw FROM pg_temp.stage_ratings) d
    LEFT JOIN kinerja.rating_item i ON kinerja.normalize_label(i.code) = kinerja.normalize_label(d.raw)
)
SELECT s.line,
       $1::smallint AS year,
       p.code AS period,
       kinerja.cell(s.nip) AS nip,
       kinerja.cell(s.rater_nip) AS rater_nip,
       r.code AS rater_role,
       i.code AS item,
       kinerja.parse_decimal(s.score, $2) AS score,
       kinerja.cell(s.period) AS raw_period,
       kinerja.cell(s.item) AS raw_item,
       kinerja.cell(s.score) AS raw_score,
       kinerja.cell(s.year) AS raw_year
FROM pg_temp.stage_ratings s
JOIN periods p ON p.raw = coalesce(s.period, '')
JOIN roles r ON r.raw = coalesce(s.rater_role, '')
JOIN items i ON i.raw = coalesce(s.item, '')
