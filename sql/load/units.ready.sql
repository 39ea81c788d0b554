CREATE TEMP TABLE ready_unit ON COMMIT DROP AS
SELECT line,
       $1::smallint AS year,
       kinerja.cell(unit_code) AS unit_code,
       kinerja.cell(unit_name) AS unit_name,
       kinerja.cell(instansi_code) AS instansi_code,
       kinerja.cell(instansi_name) AS instansi_name,
       kinerja.cell(parent_unit_code) AS parent_unit_code,
       kinerja.cell(year) AS raw_year
FROM pg_temp.stage_units
