"""Reference values for dev.flywheel.contracts.metric, computed with scikit-learn.

Writes contracts/src/test/resources/metric/{binary,regression,card-precision}.json; MetricVectorsTest reads
them and asserts that the Java metrics agree within 1e-9. Seeded, so a rerun reproduces the files.

Run from the repository root with scikit-learn from the local wheel store, e.g.:
    python3 -m venv /tmp/venv
    /tmp/venv/bin/pip install --no-index --find-links <wheel dir> scikit-learn numpy scipy
    /tmp/venv/bin/python contracts/src/test/python/metric_vectors.py

Card Precision@k has no scikit-learn counterpart: its reference is the Fraud Detection Handbook's
card_precision_top_k_day (without removing cards detected on earlier days), rewritten here with numpy.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.metrics import (average_precision_score, f1_score, log_loss, mean_absolute_error,
                             mean_squared_error, roc_auc_score)

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "metric"
rng = np.random.default_rng(20240611)


def informative(n, positive_rate, separation):
    """Labels with the given positive rate and scores that rank positives higher by `separation`."""
    labels = (rng.random(n) < positive_rate).astype(float)
    logits = rng.normal(0.0, 1.0, n) + separation * labels - 2.0
    return 1.0 / (1.0 + np.exp(-logits)), labels


def binary_case(name, scores, labels, threshold=0.5):
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=float)
    return {
        "name": name,
        "threshold": threshold,
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "average_precision": float(average_precision_score(labels, scores)),
        "roc_auc": float(roc_auc_score(labels, scores)),
        "log_loss": float(log_loss(labels, scores, labels=[0.0, 1.0])),
        "f1": float(f1_score(labels, (scores >= threshold).astype(float), zero_division=0.0)),
    }


def binary_cases():
    cases = []
    s, y = informative(300, 0.5, 1.5)
    cases.append(binary_case("balanced", s, y))
    s, y = informative(3000, 0.01, 2.5)
    cases.append(binary_case("imbalanced 1 percent", s, y, threshold=0.3))
    s, y = informative(1000, 0.2, 1.0)
    cases.append(binary_case("ties at one decimal", np.round(s, 1), y))
    s = rng.choice([0.0, 0.5, 1.0], 500)
    y = (rng.random(500) < 0.2 + 0.5 * s).astype(float)
    cases.append(binary_case("three distinct scores incl. 0 and 1", s, y))
    cases.append(binary_case("all scores equal", np.full(50, 0.3), (np.arange(50) % 5 == 0).astype(float)))
    cases.append(binary_case("perfect ranking", [0.1, 0.2, 0.3, 0.8, 0.9], [0, 0, 0, 1, 1]))
    cases.append(binary_case("reversed ranking", [0.9, 0.8, 0.3, 0.2, 0.1], [0, 0, 0, 1, 1]))
    cases.append(binary_case("two samples", [0.4, 0.6], [1, 0]))
    cases.append(binary_case("no positive decision", [0.1, 0.2, 0.3, 0.05], [1, 0, 0, 1], threshold=0.9))
    s, y = informative(400, 0.05, 0.5)
    cases.append(binary_case("weak model, threshold 0.1", s, y, threshold=0.1))
    return cases


def regression_cases():
    cases = []
    for name, n, noise in [("small noise", 200, 0.1), ("large noise", 1000, 25.0), ("two values", 2, 1.0)]:
        y = rng.normal(50.0, 20.0, n)
        p = y + rng.normal(0.0, noise, n)
        cases.append({
            "name": name,
            "labels": y.tolist(),
            "predictions": p.tolist(),
            "rmse": float(np.sqrt(mean_squared_error(y, p))),
            "mae": float(mean_absolute_error(y, p)),
        })
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
