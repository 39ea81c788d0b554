-- rating's key compares NIPs as integers.
--
-- Building a year's rating key is the largest single step of a load: sorting every rating row by
-- (nip, rater_nip, item, period, year), 6.9-9.3 s of a 2 M-employee, 10 M-rating year. Each
-- comparison of two text NIPs goes through memcmp, and the abbreviated keys that usually spare it
-- (a text's first 8 bytes) are the ratee's birth date, which a few hundred people share. Compared
-- as bigints the same sort takes about half the time (psql, the same 10 M rows: 5.2-5.5 s against
-- 9.4-9.8 s) and the index is a third smaller (495 MB against 748 MB).
--
-- Every NIP a rating names is an employee's of the year (kinerja.check_year_references), and
-- employee's CHECK (026) allows only 18 canonical digits, so two NIPs are equal exactly when their
-- integers are: the unique index below refuses the same rows as the primary key did. A NIP that is
-- not a number fails the index build with a class-22 error, which, like a duplicate, makes the
-- loader check the ratings row by row and name the rows.
--
-- The index is not a constraint (an index of expressions cannot be): nothing references rating,
-- and queries find a person's ratings through it with `r.nip::bigint = ...`.
ALTER TABLE kinerja.rating DROP CONSTRAINT rating_pkey;
CREATE UNIQUE INDEX rating_key ON kinerja.rating ((nip::bigint), (rater_nip::bigint), item, period, year);
