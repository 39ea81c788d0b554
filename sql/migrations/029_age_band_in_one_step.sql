-- kinerja.age_band (004) computes the age once, as a float8, and picks the band with width_bucket.
--
-- The rollup calls it for every appraisal of the year. Before, each WHEN recomputed
-- `year - extract(year FROM birth_date)`, and extract returns numeric since PostgreSQL 14: up to
-- three numeric subtractions and comparisons a row. The rollup's join and grouping of 2 M
-- appraisals took 1.6-1.8 s with this form against 1.8-2.3 s (psql), and the two forms agree on
-- every (day from 1900 to 2030, year from 1970 to 2100 in steps of 7): 909,093 pairs.
-- Bands: under 30, 30-39, 40-49, 50 and over; '' without a birth date (PPPK staff).
CREATE OR REPLACE FUNCTION kinerja.age_band(birth_date date, year integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN birth_date IS NULL THEN ''
                ELSE (ARRAY['<30', '30-39', '40-49', '50+'])[width_bucket(year - date_part('year', birth_date), ARRAY[30, 40, 50]::float8[]) + 1]
           END;
