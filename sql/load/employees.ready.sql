CREATE TEMP TABLE ready_employee ON COMMIT DROP AS
SELECT line,
       -- NULL when the row's year column names another year: the year table's NOT NULL refuses it
       -- (employees.proven.sql names it)
       CASE WHEN kinerja.cell(year) IS NULL OR kinerja.cell(year) = $1::int::text THEN $1::smallint END AS year,
       kinerja.cell(nip) AS nip,
       kinerja.cell(name) AS name,
       upper(kinerja.cell(asn_type)) AS asn_type,
       kinerja.cell(unit_code) AS unit_code,
       kinerja.cell(position) AS position,
       lower(kinerja.cell(position_type)) AS position_type,
       kinerja.canonical_grade(grade) AS grade,
       kinerja.cell(year) AS raw_year
FROM pg_temp.stage_employees
