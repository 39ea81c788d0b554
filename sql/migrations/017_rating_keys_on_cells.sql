-- The ratings' keys to kinerja.employee move to kinerja.rating_cell.
--
-- Attaching a year's new partition validates each of its foreign keys with a join over every new
-- row; rating's two keys to employee (ratee, rater) did that over a province year's ten million
-- ratings, about 2.4 s each while readers waited for the swap. rating_cell is rating grouped by
-- (year, period, ratee, rater, role), built from the new rating partition in the same publish and
-- swapped in with it, so it holds exactly the ratees and raters rating does, in an eighth of the
-- rows: its keys prove what rating's did (that every ratee and rater of the year is an employee of
-- that year, the proof a good load relies on, see 015), for a fraction of the work.
ALTER TABLE kinerja.rating DROP CONSTRAINT rating_year_nip_fkey;
ALTER TABLE kinerja.rating DROP CONSTRAINT rating_year_rater_nip_fkey;
ALTER TABLE kinerja.rating_cell
    ADD CONSTRAINT rating_cell_year_nip_fkey FOREIGN KEY (year, nip) REFERENCES kinerja.employee (year, nip),
    ADD CONSTRAINT rating_cell_year_rater_nip_fkey FOREIGN KEY (year, rater_nip) REFERENCES kinerja.employee (year, nip);
