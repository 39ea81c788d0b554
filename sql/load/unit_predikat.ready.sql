CREATE TEMP TABLE ready_unit_predikat ON COMMIT DROP AS
SELECT s.line,
       $1::smallint AS year,
       kinerja.cell(s.unit_code) AS unit_code,
       kinerja.parse_period(s.period) AS period,
       p.code AS predikat,
       kinerja.cell(s.period) AS raw_period,
       kinerja.cell(s.predikat) AS raw_predikat,
       kinerja.cell(s.year) AS raw_year
FROM pg_temp.stage_unit_predikat s
LEFT JOIN kinerja.unit_predikat_label p ON kinerja.normalize_label(p.code) = kinerja.normalize_label(s.predikat)
