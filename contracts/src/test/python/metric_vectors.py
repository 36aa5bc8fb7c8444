"""Reference values for dev.flywheel.contracts.metric, computed with scikit-learn.

Writes contracts/src/test/resources/metric/{binary,regression,card-precision}.json; MetricVectorsTest reads
them and asserts that the Java metrics agree within 1e-9. Seeded, so a rerun reproduces the files.

Run from the repository root with scikit-learn from the local wheel store, e.g.:
    python3 -m venv /tmp/venv
    /tmp/venv/bin/pip install --no-index --find-links <wheel dir> scikit-learn numpy scipy
    /tmp/venv/bin/python contracts/src/test/python/metric_vectors.py

Where scikit-learn has no value (ROC AUC with one class raises; average precision without a positive warns and
returns 0, which the Java code deliberately makes NaN), the vector holds null and the Java side must give NaN.

Precision@k has no scikit-learn function: without ties at the cut it is precision_score of the top-k decisions (the
script checks that); with ties the reference is the expected precision over the tied samples' orders, written here
as per-sample inclusion probabilities (a different formula from the Java cumulative-count one).

Curves: roc_curve(drop_intermediate=False) and precision_recall_curve, for the cases up to 1000 samples.

Card Precision@k has no scikit-learn counterpart: its reference is the Fraud Detection Handbook's
card_precision_top_k_day (without removing cards detected on earlier days), rewritten here with numpy.
"""
import json
import pathlib

import numpy as np
import sklearn
import warnings

from sklearn.metrics import (average_precision_score, brier_score_loss, f1_score, log_loss, mean_absolute_error,
                             mean_squared_error, precision_recall_curve, precision_score, r2_score, recall_score,
                             roc_auc_score, roc_curve)

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "metric"
rng = np.random.default_rng(20240611)


def informative(n, positive_rate, separation):
    """Labels with the given positive rate and scores that rank positives higher by `separation`."""
    labels = (rng.random(n) < positive_rate).astype(float)
    logits = rng.normal(0.0, 1.0, n) + separation * labels - 2.0
    return 1.0 / (1.0 + np.exp(-logits)), labels


def defined(compute):
    """scikit-learn's value, or None where it raises or warns that the metric is undefined."""
    with warnings.catch_warnings():
        # UndefinedMetricWarning and average precision's "No positive class found" are both UserWarnings
        warnings.simplefilter("error", UserWarning)
        try:
            return float(compute())
        except (ValueError, UserWarning):
            return None


def precision_at_k(scores, labels, k):
    """Expected precision of the top k over every order of the samples tied at the cut."""
    top = min(k, len(scores))
    cut = np.sort(scores)[::-1][top - 1]
    above = scores > cut
    tied = scores == cut
    inclusion = above.astype(float) + tied * (top - above.sum()) / tied.sum()
    value = float((inclusion * labels).sum() / top)
    if tied.sum() == 1 or above.sum() + tied.sum() == top:
        decided = np.zeros(len(scores))
        decided[np.argsort(-scores, kind="stable")[:top]] = 1
        assert abs(value - precision_score(labels, decided, zero_division=0.0)) < 1e-12
    return value


def curves(scores, labels):
    if len(scores) > 1000:
        return {}
    out = {}
    if 0 < labels.sum() < len(labels):
        fpr, tpr, thresholds = roc_curve(labels, scores, drop_intermediate=False)
        out["roc"] = [[float(x), float(y), None if np.isinf(t) else float(t)] for x, y, t in zip(fpr, tpr, thresholds)]
    if labels.sum() > 0:
        precision, recall, thresholds = precision_recall_curve(labels, scores)
        # scikit-learn: increasing thresholds, the anchor (recall 0, precision 1) last; Java: the other way
        points = [[float(r), float(p), float(t)] for p, r, t in zip(precision[:-1], recall[:-1], thresholds)]
        out["precision_recall"] = [[float(recall[-1]), float(precision[-1]), None]] + points[::-1]
    return out


def binary_case(name, scores, labels, threshold=0.5, k=10):
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=float)
    decided = (scores >= threshold).astype(float)
    return {
        "name": name,
        "threshold": threshold,
        "k": k,
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "average_precision": defined(lambda: average_precision_score(labels, scores)),
        "roc_auc": defined(lambda: roc_auc_score(labels, scores)),
        "log_loss": float(log_loss(labels, scores, labels=[0.0, 1.0])),
        "brier_score": float(brier_score_loss(labels, scores, labels=[0.0, 1.0])),
        "f1": float(f1_score(labels, decided, zero_division=0.0)),
        "precision": float(precision_score(labels, decided, zero_division=0.0)),
        "recall": float(recall_score(labels, decided, zero_division=0.0)),
        "precision_at_k": precision_at_k(scores, labels, k),
        **curves(scores, labels),
    }


def binary_cases():
    cases = []
    s, y = informative(300, 0.5, 1.5)
    cases.append(binary_case("balanced", s, y, k=30))
    s, y = informative(3000, 0.01, 2.5)
    cases.append(binary_case("imbalanced 1 percent", s, y, threshold=0.3, k=100))
    s, y = informative(1000, 0.2, 1.0)
    cases.append(binary_case("ties at one decimal", np.round(s, 1), y, k=25))
    s = rng.choice([0.0, 0.5, 1.0], 500)
    y = (rng.random(500) < 0.2 + 0.5 * s).astype(float)
    cases.append(binary_case("three distinct scores incl. 0 and 1", s, y, k=40))
    cases.append(binary_case("all scores equal", np.full(50, 0.3), (np.arange(50) % 5 == 0).astype(float), k=7))
    cases.append(binary_case("perfect ranking", [0.1, 0.2, 0.3, 0.8, 0.9], [0, 0, 0, 1, 1], k=2))
    cases.append(binary_case("reversed ranking", [0.9, 0.8, 0.3, 0.2, 0.1], [0, 0, 0, 1, 1], k=2))
    cases.append(binary_case("two samples", [0.4, 0.6], [1, 0], k=1))
    cases.append(binary_case("no positive decision", [0.1, 0.2, 0.3, 0.05], [1, 0, 0, 1], threshold=0.9, k=3))
    s, y = informative(400, 0.05, 0.5)
    cases.append(binary_case("weak model, threshold 0.1", s, y, threshold=0.1, k=20))
    cases.append(binary_case("k larger than the sample", [0.9, 0.1, 0.6, 0.3], [1, 0, 0, 1], k=10))
    cases.append(binary_case("only positives", [0.9, 0.2, 0.6, 0.6], [1, 1, 1, 1], k=2))
    cases.append(binary_case("only negatives", [0.9, 0.2, 0.6, 0.6], [0, 0, 0, 0], k=2))
    cases.append(binary_case("tie across the cut", [0.9, 0.5, 0.5, 0.5, 0.5, 0.1], [1, 1, 0, 0, 0, 1], k=3))
    return cases


def regression_case(name, labels, predictions):
    y = np.asarray(labels, dtype=float)
    p = np.asarray(predictions, dtype=float)
    return {
        "name": name,
        "labels": y.tolist(),
        "predictions": p.tolist(),
        "rmse": float(np.sqrt(mean_squared_error(y, p))),
        "mae": float(mean_absolute_error(y, p)),
        "r2": defined(lambda: r2_score(y, p)) if len(y) >= 2 else None,
    }


def regression_cases():
    cases = []
    for name, n, noise in [("small noise", 200, 0.1), ("large noise", 1000, 25.0), ("two values", 2, 1.0)]:
        y = rng.normal(50.0, 20.0, n)
        cases.append(regression_case(name, y, y + rng.normal(0.0, noise, n)))
    y = rng.normal(0.0, 1.0, 100)
    cases.append(regression_case("worse than the mean", y, -y))
    cases.append(regression_case("constant labels, perfect", [3.0, 3.0, 3.0], [3.0, 3.0, 3.0]))
    cases.append(regression_case("constant labels, off", [3.0, 3.0, 3.0], [3.0, 4.0, 2.5]))
    cases.append(regression_case("one sample", [1.5], [2.0]))
    return cases


def card_precision_at_k(scores, labels, cards, days, k):
    """Handbook: per day, max score and max label per card, top k cards by score, hits / k; mean over days.
    Ties in score are broken by card id ascending (the handbook leaves them to pandas' sort)."""
    per_day = []
    for day in np.unique(days):
        on_day = days == day
        day_cards = np.unique(cards[on_day])  # sorted by card id
        best_score = np.array([scores[on_day & (cards == c)].max() for c in day_cards])
        compromised = np.array([labels[on_day & (cards == c)].max() for c in day_cards])
        order = np.argsort(-best_score, kind="stable")
        per_day.append(compromised[order[:k]].sum() / k)
    return float(np.mean(per_day))


def card_cases():
    cases = []
    for name, n, n_cards, n_days, k, rate in [("many cards, k 10", 2000, 300, 5, 10, 0.02),
                                              ("few cards per day, k 50", 300, 40, 3, 50, 0.1),
                                              ("one day, k 5", 100, 30, 1, 5, 0.15)]:
        scores, labels = informative(n, rate, 2.0)
        cards = np.array([f"C{i:04d}" for i in rng.integers(0, n_cards, n)])
        days = rng.integers(17700, 17700 + n_days, n)
        cases.append({
            "name": name,
            "k": k,
            "scores": scores.tolist(),
            "labels": labels.tolist(),
            "cards": cards.tolist(),
            "days": days.tolist(),
            "card_precision_at_k": card_precision_at_k(scores, labels, cards, days, k),
        })
    return cases


def write(name, cases):
    document = {"generator": "contracts/src/test/python/metric_vectors.py",
                "sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}
    (OUT / name).write_text(json.dumps(document) + "\n")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write("binary.json", binary_cases())
    write("regression.json", regression_cases())
    write("card-precision.json", card_cases())
