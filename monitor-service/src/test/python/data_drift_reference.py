"""Reference values of the data-drift statistics, from scipy (an independent implementation), written as the
test vectors of DriftStatisticsTest (monitor-service/src/test/resources/data-drift/vectors.json).

* KS: scipy.stats.ks_2samp statistic; p-value exact (method="exact") below n*m = 10,000, and above it the
  asymptotic Kolmogorov distribution kstwobign.sf(D * sqrt(n m / (n + m))), which is what Commons Math uses
  there (scipy's own "asymp" mode uses the finite-n kstwo distribution instead).
* chi-square: scipy.stats.chisquare(live, f_exp = reference shares * live total), as Evidently.
* Jensen-Shannon: scipy.spatial.distance.jensenshannon (natural log), as Evidently.
* PSI: Evidently's formula sum((r - l) * ln(r / l)) over shares, an empty share counted as 0.0001.
* Wasserstein: scipy.stats.wasserstein_distance(ref, live) / np.std(ref); for the sketched case the reference
  is the deterministic quantile grid exp(norm.ppf((i + 0.5) / N)), N = 50,000, rebuilt in the Java test.

Run: python3 data_drift_reference.py <output folder>
"""
import json
import sys

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon


def psi(ref_counts, live_counts):
    r = np.asarray(ref_counts, float) / np.sum(ref_counts)
    l = np.asarray(live_counts, float) / np.sum(live_counts)
    r[r == 0] = 0.0001
    l[l == 0] = 0.0001
    return float(np.sum((r - l) * np.log(r / l)))


def main(folder):
    rng = np.random.default_rng(1946)
    v = {}
    small_ref, small_live = rng.normal(0, 1, 60), rng.normal(0.5, 1, 80)
    exact = stats.ks_2samp(small_ref, small_live, method="exact")
    v["ks_small"] = {"reference": small_ref.tolist(), "live": small_live.tolist(),
                     "statistic": float(exact.statistic), "p_value": float(exact.pvalue)}
    ref, live = rng.normal(0, 1, 800), rng.normal(0.15, 1, 1000)
    d = stats.ks_2samp(ref, live).statistic
    en = len(ref) * len(live) / (len(ref) + len(live))
    v["ks_large"] = {"reference": ref.tolist(), "live": live.tolist(), "statistic": float(d),
                     "p_value": float(stats.kstwobign.sf(d * np.sqrt(en)))}

    ref_counts, live_counts = [500, 300, 200], [380, 350, 270]
    total = sum(live_counts)
    f_exp = np.asarray(ref_counts, float) / sum(ref_counts) * total
    chi = stats.chisquare(live_counts, f_exp)
    v["chi_square"] = {"reference": ref_counts, "live": live_counts, "statistic": float(chi.statistic),
                       "p_value": float(chi.pvalue)}
    v["jensen_shannon"] = {"reference": ref_counts, "live": live_counts,
                           "distance": float(jensenshannon(np.asarray(ref_counts) / sum(ref_counts),
                                                           np.asarray(live_counts) / total))}
    bins_ref, bins_live = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100], [80, 90, 100, 0, 120, 130, 90, 110, 140, 140]
    v["psi"] = {"reference": bins_ref, "live": bins_live, "psi": psi(bins_ref, bins_live)}

    a, b = rng.exponential(1.0, 700), rng.exponential(1.3, 900)
    v["wasserstein_exact"] = {"reference": a.tolist(), "live": b.tolist(),
                              "normalised": float(stats.wasserstein_distance(a, b) / np.std(a))}
    n = 50_000
    grid = np.exp(stats.norm.ppf((np.arange(n) + 0.5) / n))
    live = np.exp(rng.normal(0.2, 1.0, 3000))
    v["wasserstein_sketched"] = {"reference_size": n, "live": live.tolist(),
                                 "normalised": float(stats.wasserstein_distance(grid, live) / np.std(grid))}
    with open(f"{folder}/vectors.json", "w") as f:
        json.dump(v, f)
        f.write("\n")
    print({k: {kk: vv for kk, vv in x.items() if not isinstance(vv, list)} for k, x in v.items()})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
