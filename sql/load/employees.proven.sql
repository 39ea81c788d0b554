-- The rules of employees.csv that kinerja.employee's constraints prove: the NIP layout (its CHECK
-- on kinerja.nip_problem) and the unit (its foreign key to kinerja.unit). Run only to explain a
-- failed load or in a dry run (see README.md); on a good load the publish proves them.
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'employees.csv', e.line, 'nip', e.nip, kinerja.nip_problem(e.nip, e.asn_type)
FROM pg_temp.ready_employee e
WHERE e.nip IS NOT NULL AND kinerja.nip_problem(e.nip, e.asn_type) IS NOT NULL
UNION ALL
SELECT 'employees.csv', e.line, 'unit_code', e.unit_code, 'unit ' || e.unit_code || ' is not in units.csv'
FROM pg_temp.ready_employee e
WHERE e.unit_code IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_unit u WHERE u.unit_code = e.unit_code)
