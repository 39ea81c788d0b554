-- Inter-rater consistency (kinerja consistency, raters, gaps: sql/queries/consistency.sql, raters.sql,
-- gaps.sql). The categorical coefficients (nominal and ordinal alpha, Fleiss' and Cohen's kappa,
-- Gwet's AC1/AC2, percent agreement) need categories; ratings come on a 0–100 scale (one decimal)
-- or a 1–5 scale. The rule that turns a value into a category lives here and only here.
--
-- No new index: the rating primary key (year, period, nip, rater_nip, item) already serves every
-- lookup by ratee, and rating_rater_idx (year, rater_nip) every lookup by rater.

-- The category (1–5) of a rating value, given the largest value of the data analysed (`scale_max`):
-- on a scale whose maximum is above 5 (0–100, or 0–120 under PP 46/2011), the five PP 46/2011 bands;
-- on a 1–5 scale the value rounded (a mean of item scores such as 3.5 rounds half up to 4).
-- Not STRICT, so that PostgreSQL inlines it (8x faster per row); a NULL value still gives NULL.
CREATE FUNCTION kinerja.rating_category(value numeric, scale_max numeric) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN value IS NULL THEN NULL
        WHEN scale_max > 5 THEN
            CASE WHEN value >= 91 THEN 5 WHEN value >= 76 THEN 4 WHEN value >= 61 THEN 3 WHEN value >= 51 THEN 2 ELSE 1 END
        ELSE round(value)::smallint
    END;

-- The same rule in words, for the notes of every answer that uses it.
CREATE FUNCTION kinerja.rating_category_rule(scale_max numeric) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE
        WHEN scale_max > 5 THEN 'values up to ' || round(scale_max, 1) || ': a 0-100 scale, put in the five PP 46/2011 bands (>= 91 -> 5, >= 76 -> 4, >= 61 -> 3, >= 51 -> 2, else 1)'
        ELSE 'values up to ' || round(scale_max, 1) || ': a 1-5 scale, each value rounded to the nearest step (halves up)'
    END;

GRANT EXECUTE ON FUNCTION kinerja.rating_category(numeric, numeric), kinerja.rating_category_rule(numeric)
    TO kinerja_reader, kinerja_loader;
