#!/usr/bin/env python3
"""Reference values for the Swift `Statistics` module from established Python libraries.

Usage:  python3 make_fixture.py OUTPUT.json [SEED]

Generates random rating matrices (subjects x raters, None = missing) and writes them with
reference coefficients to OUTPUT.json:

  krippendorff  alpha (nominal, ordinal, interval, ratio)       -> `krippendorff` package
  icc           six ICCs + 95% CIs on complete data             -> pingouin.intraclass_corr
  fleiss_kappa  complete data only                              -> statsmodels fleiss_kappa
  cohen         raters 0 and 1, unweighted + quadratic          -> statsmodels cohens_kappa
  gwet          AC1, AC2 (quadratic), percent agreement         -> gwet_reference() below, an
                independent implementation of Gwet (2014) with an explicit weight matrix
                (irrCAC pins scipy==1.12; check_gwet_irrcac.py compares against it separately)
  icc_oneway    ICC(1,1)/ICC(1,k) for unbalanced data with k0   -> icc_oneway_reference() below
                (pingouin needs complete data), numpy + scipy.stats.f

The Swift test `referenceFixtureFromEnvironment` reads the file named by the environment
variable KINERJA_REFERENCE_FIXTURE; Tests/StatisticsTests/Fixtures/reference.json is one
such file (seed 20240611) checked by an always-on test.
"""
import json
import sys
from importlib.metadata import version

import krippendorff
import numpy as np
import pandas as pd
import pingouin as pg
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa


def gwet_reference(ratings, quadratic):
    """Gwet's AC1/AC2 with missing ratings, straight from the handbook's formulas."""
    rows = [[x for x in row if x is not None] for row in ratings]
    rows = [r for r in rows if r]
    cats = sorted({x for r in rows for x in r})
    q = len(cats)
    if quadratic:
        span = cats[-1] - cats[0]
        w = np.array([[1 - ((a - b) / span) ** 2 for b in cats] for a in cats])
    else:
        w = np.eye(q)
    counts = np.array([[sum(1 for x in r if x == c) for c in cats] for r in rows], float)
    r_i = counts.sum(axis=1)
    r_star = counts @ w.T  # r*_ik = sum_l w_kl r_il
    multi = r_i >= 2
    pa = np.mean((counts * (r_star - 1)).sum(axis=1)[multi] / (r_i * (r_i - 1))[multi])
    pi = (counts / r_i[:, None]).mean(axis=0)
    pe = w.sum() / (q * (q - 1)) * np.sum(pi * (1 - pi))
    return float((pa - pe) / (1 - pe)), float(pa)


def icc_oneway_reference(ratings, level=0.95):
    """One-way random-effects ICC for unequal group sizes (k0), McGraw & Wong (1996)."""
    groups = [np.array([x for x in row if x is not None], float) for row in ratings]
    groups = [g for g in groups if len(g)]
    g, n = len(groups), sum(len(x) for x in groups)
    grand = np.concatenate(groups).mean()
    msb = sum(len(x) * (x.mean() - grand) ** 2 for x in groups) / (g - 1)
    msw = sum(((x - x.mean()) ** 2).sum() for x in groups) / (n - g)
    k0 = (n - sum(len(x) ** 2 for x in groups) / n) / (g - 1)
    f = msb / msw
    p = 1 - (1 - level) / 2
    fl, fu = f / stats.f.ppf(p, g - 1, n - g), f * stats.f.ppf(p, n - g, g - 1)
    return {
        "k0": k0,
        "ICC1": {"value": (msb - msw) / (msb + (k0 - 1) * msw),
                 "lower": (fl - 1) / (fl + k0 - 1), "upper": (fu - 1) / (fu + k0 - 1)},
        "ICC1k": {"value": (msb - msw) / msb, "lower": 1 - 1 / fl, "upper": 1 - 1 / fu},
    }


def icc_pingouin(matrix):
    n, k = matrix.shape
    long = pd.DataFrame([(i, j, matrix[i, j]) for i in range(n) for j in range(k)],
                        columns=["target", "rater", "score"])
    pg.options["round.column.CI95"] = None  # keep full precision
    table = pg.intraclass_corr(long, "target", "rater", "score").set_index("Type")
    names = {"ICC(1,1)": "ICC1", "ICC(A,1)": "ICC2", "ICC(C,1)": "ICC3",
             "ICC(1,k)": "ICC1k", "ICC(A,k)": "ICC2k", "ICC(C,k)": "ICC3k"}
    return {names[t]: {"value": float(row["ICC"]), "lower": float(row["CI95"][0]),
                       "upper": float(row["CI95"][1])} for t, row in table.iterrows()}


def cohen_reference(ratings):
    """Raters 0 and 1; table over every integer from min to max so statsmodels' index-based
    quadratic weights equal weights on the values."""
    pairs = [(row[0], row[1]) for row in ratings if row[0] is not None and row[1] is not None]
    lo = int(min(min(p) for p in pairs))
    hi = int(max(max(p) for p in pairs))
    values = list(range(lo, hi + 1))
    table = np.zeros((len(values), len(values)))
    for a, b in pairs:
        table[int(a) - lo, int(b) - lo] += 1
    return {"category_values": [float(v) for v in values], "table": table.tolist(),
            "unweighted": float(cohens_kappa(table).kappa),
            "quadratic": float(cohens_kappa(table, wt="quadratic").kappa)}


def dataset(name, matrix, complete, integer):
    ratings = [[None if np.isnan(x) else (int(x) if integer else float(x)) for x in row] for row in matrix]
    entry = {"name": name, "ratings": ratings}
    entry["krippendorff"] = {
        level: float(krippendorff.alpha(reliability_data=matrix.T, level_of_measurement=level))
        for level in ("nominal", "ordinal", "interval", "ratio")}
    ac1, pa = gwet_reference(ratings, quadratic=False)
    ac2, _ = gwet_reference(ratings, quadratic=True)
    entry["gwet"] = {"ac1": ac1, "ac2_quadratic": ac2, "percent_agreement": pa}
    entry["icc_oneway"] = icc_oneway_reference(ratings)
    if complete:
        entry["icc"] = icc_pingouin(matrix)
        entry["fleiss_kappa"] = float(fleiss_kappa(aggregate_raters(matrix.astype(int) if integer else matrix)[0]))
    if integer:
        entry["cohen"] = cohen_reference(ratings)
    return entry


def with_missing(rng, matrix, fraction):
    out = matrix.astype(float).copy()
    out[rng.random(out.shape) < fraction] = np.nan
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20240611
    rng = np.random.default_rng(seed)

    def scores(n, k, lo, hi, spread):
        # target effect + rater bias + noise, rounded and clipped to the scale
        latent = rng.normal(0, spread, (n, 1)) + rng.normal(0, 0.5, (1, k)) + rng.normal(0, 1, (n, k))
        return np.clip(np.rint((lo + hi) / 2 + latent), lo, hi)

    sets = [
        dataset("missing_30x5_scale1to5", with_missing(rng, scores(30, 5, 1, 5, 1.2), 0.2), False, True),
        dataset("missing_40x4_scale1to7", with_missing(rng, scores(40, 4, 1, 7, 1.5), 0.3), False, True),
        dataset("complete_25x4_scale1to10", scores(25, 4, 1, 10, 2.0), True, True),
        dataset("complete_20x3_scale1to5", scores(20, 3, 1, 5, 0.8), True, True),
        dataset("complete_15x5_continuous",
                np.round(50 + rng.normal(0, 8, (15, 1)) + rng.normal(0, 3, (1, 5)) + rng.normal(0, 5, (15, 5)), 2),
                True, False),
    ]
    versions = {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                "pandas": pd.__version__, "pingouin": pg.__version__, "statsmodels": statsmodels.__version__,
                "krippendorff": version("krippendorff")}
    with open(path, "w") as out:
        json.dump({"seed": seed, "versions": versions, "datasets": sets}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
