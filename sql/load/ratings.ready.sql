CREATE TEMP TABLE ready_rating ON COMMIT DROP AS
SELECT s.line,
       $1::smallint AS year,
       kinerja.parse_period(s.period) AS period,
       kinerja.cell(s.nip) AS nip,
       kinerja.cell(s.rater_nip) AS rater_nip,
       lower(kinerja.cell(s.rater_role)) AS rater_role,
       i.code AS item,
       kinerja.parse_decimal(s.score, $2) AS score,
       kinerja.cell(s.period) AS raw_period,
       kinerja.cell(s.item) AS raw_item,
       kinerja.cell(s.score) AS raw_score,
       kinerja.cell(s.year) AS raw_year
FROM pg_temp.stage_ratings s
LEFT JOIN kinerja.rating_item i ON kinerja.normalize_label(i.code) = kinerja.normalize_label(s.item)
