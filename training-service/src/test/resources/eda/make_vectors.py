"""Makes the EDA test vectors: profile.csv (input) and profile-expected.json (pandas / scipy / scikit-learn).

Run from this folder with numpy 2.2.6, pandas 2.3.3, scipy 1.15.3, scikit-learn 1.9.1 (the local wheels):
    python make_vectors.py
ProfileVectorsTest reads both; tolerances are stated there (1e-9 relative for moments and correlations).
"""
import json

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.metrics import roc_auc_score

rng = np.random.default_rng(20261127)
n = 400
amount = np.round(rng.lognormal(mean=3.5, sigma=0.9, size=n), 2)
amount_eur = np.round(amount * 0.92 + rng.normal(0, 2.0, size=n), 2)
hour = rng.integers(0, 24, size=n).astype(float)
score = np.round(rng.normal(10, 3, size=n), 4)
night = (hour <= 6).astype(float)
merchant = rng.choice(["grocery", "fuel", "online", "travel"], size=n, p=[0.5, 0.2, 0.25, 0.05])
logit = -4 + 0.02 * amount + 1.2 * night
label = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

df = pd.DataFrame({"amount": amount, "amount_eur": amount_eur, "hour": hour, "score": score,
                   "night": night, "merchant": merchant, "label": label})
df.loc[rng.choice(n, 12, replace=False), "amount"] = np.nan
df.loc[rng.choice(n, 7, replace=False), "amount_eur"] = np.nan
df.loc[rng.choice(n, 5, replace=False), "score"] = np.nan
df.loc[rng.choice(n, 9, replace=False), "merchant"] = None
df.to_csv("profile.csv", index=False, float_format="%.10g", na_rep="")

# Read back exactly as Java parses it (round-trip float parsing), so both sides see the same doubles.
data = pd.read_csv("profile.csv", float_precision="round_trip")
numeric = ["amount", "amount_eur", "hour", "score", "night", "label"]
features = [c for c in numeric if c != "label"]
bins = 20

columns = {}
for c in numeric:
    x = data[c].dropna().to_numpy()
    q1, med, q3 = np.quantile(x, [0.25, 0.5, 0.75])  # linear interpolation (type 7)
    iqr = q3 - q1
    lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    counts, edges = np.histogram(x, bins=bins, range=(x.min(), x.max()))
    jb = stats.jarque_bera(x)
    columns[c] = {
        "count": int(data[c].count()), "nulls": int(data[c].isna().sum()), "distinct": int(data[c].nunique()),
        "mean": float(data[c].mean()), "std": float(data[c].std()), "min": float(x.min()),
        "q1": float(q1), "median": float(med), "q3": float(q3), "max": float(x.max()),
        "skewness": float(data[c].skew()), "kurtosis": float(data[c].kurt()),
        "histogramCounts": [int(v) for v in counts], "histogramEdges": [float(v) for v in edges],
        "lowerFence": float(lo), "upperFence": float(hi),
        "lowOutliers": int((x < lo).sum()), "highOutliers": int((x > hi).sum()),
        "lowWhisker": float(x[x >= lo].min()), "highWhisker": float(x[x <= hi].max()),
        "jarqueBera": float(jb.statistic), "jarqueBeraP": float(jb.pvalue),
    }
text = data["merchant"]
columns["merchant"] = {"count": int(text.count()), "nulls": int(text.isna().sum()), "distinct": int(text.nunique()),
                       "top": {k: int(v) for k, v in text.value_counts().items()}}

pearson = data[numeric].corr(method="pearson")
spearman = data[numeric].corr(method="spearman")
association = {}
for c in features:
    both = data[[c, "label"]].dropna()
    association[c] = {"pointBiserial": float(stats.pointbiserialr(both["label"], both[c]).statistic),
                      "rocAuc": float(roc_auc_score(both["label"], both[c]))}

expected = {
    "rows": int(len(data)), "columns": columns, "numeric": numeric,
    "pearson": pearson.loc[numeric, numeric].to_numpy().tolist(),
    "spearman": spearman.loc[numeric, numeric].to_numpy().tolist(),
    "label": {"positives": int((data["label"] == 1).sum()), "negatives": int((data["label"] == 0).sum())},
    "association": association,
    "collinear": [[a, b] for i, a in enumerate(features) for b in features[i + 1:]
                  if abs(pearson.loc[a, b]) >= 0.9],
}
with open("profile-expected.json", "w") as out:
    json.dump(expected, out, indent=1)
