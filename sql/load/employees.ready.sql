CREATE TEMP TABLE ready_employee ON COMMIT DROP AS
SELECT line,
       $1::smallint AS year,
       kinerja.cell(nip) AS nip,
       kinerja.cell(name) AS name,
       upper(kinerja.cell(asn_type)) AS asn_type,
       kinerja.cell(unit_code) AS unit_code,
       kinerja.cell(position) AS position,
       lower(kinerja.cell(position_type)) AS position_type,
       kinerja.canonical_grade(grade) AS grade,
       kinerja.cell(year) AS raw_year
FROM pg_temp.stage_employees
