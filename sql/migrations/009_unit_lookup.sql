-- One unit's history by its code: the trend, consistency and HTTP questions start from
-- `unit_code = $x` over a range of years, which the primary key (year, unit_code) cannot serve
-- without reading every year's units (a national year has about 45,000).
CREATE INDEX unit_code_year_idx ON kinerja.unit (unit_code, year);
