-- The employees' and appraisals' keys and indexes led by the NIP (or the unit, or the rater), the
-- year last, as the ratings' have been since 013.
--
-- Within a year's partition the year is one value, and PostgreSQL abbreviates only the first column
-- of a sort key: led by the year, every comparison of an index build's sort fell through to the
-- next column. National year (4.73 M rows each), psql: employee's primary key 9.3 s -> 5.8 s,
-- appraisal's 10.1 s -> 6.5 s. Readers name the year and the NIP (or the unit, or the rater) by
-- equality, so the indexes serve them as before; a person's years are now one range of the key.
-- No foreign key references employee since 021, so its key can be replaced.
ALTER TABLE kinerja.employee DROP CONSTRAINT employee_pkey, ADD CONSTRAINT employee_pkey PRIMARY KEY (nip, year);
DROP INDEX kinerja.employee_unit_idx;
CREATE INDEX employee_unit_idx ON kinerja.employee (unit_code, year);
ALTER TABLE kinerja.appraisal DROP CONSTRAINT appraisal_pkey, ADD CONSTRAINT appraisal_pkey PRIMARY KEY (nip, period, year);
DROP INDEX kinerja.appraisal_rater_idx;
CREATE INDEX appraisal_rater_idx ON kinerja.appraisal (rater_nip, year);
