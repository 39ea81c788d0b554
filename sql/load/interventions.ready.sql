CREATE TEMP TABLE ready_intervention ON COMMIT DROP AS
SELECT line,
       $1::smallint AS year,
       kinerja.cell(nip) AS nip,
       kinerja.parse_date(date) AS date,
       lower(kinerja.cell(kind)) AS kind,
       kinerja.cell(note) AS note,
       kinerja.cell(date) AS raw_date,
       kinerja.cell(year) AS raw_year
FROM pg_temp.stage_interventions
