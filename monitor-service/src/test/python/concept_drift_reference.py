"""Independent reference implementations of three concept-drift detectors, and the test vectors
the Java detectors are checked against (monitor-service/src/test/resources/concept-drift/).

Written from the papers' pseudo-code (numpy only; river and scikit-multiflow are not installable here):

* ADWIN: Bifet & Gavalda, "Learning from Time-Changing Data with Adaptive Windowing", SDM 2007 (ADWIN2:
  exponential histogram, M = 5 buckets per size), with the cut bound of MOA's ADWIN.java / river:
  eps = sqrt(2 m v dd) + 2/3 dd m, m = 1/(n0 - 4) + 1/(n1 - 4), dd = ln(2 ln(W) / delta), v = window variance;
  cuts are looked for every 32 outcomes once the window holds more than 10; both sub-windows need >= 5.
* DDM: Gama, Medas, Castillo & Rodrigues, "Learning with Drift Detection", SBIA 2004. p, s = sqrt(p(1-p)/n);
  after 30 outcomes, (p_min, s_min) is kept where p + s is smallest; warning at p + s > p_min + 2 s_min, drift
  at p + s > p_min + 3 s_min, then everything restarts.
* Page-Hinkley: Page 1954 / Hinkley 1971, the variant of river's PageHinkley (mode "up", fading factor alpha):
  mean_T running mean of x; m_T = alpha m_{T-1} + (x_T - mean_T - delta); M_T = min(M_{T-1}, m_T); drift when
  m_T - M_T > lambda after 30 outcomes, then everything restarts.

Run: python3 concept_drift_reference.py <output folder>
"""
import json
import math
import sys

import numpy as np


class Adwin:
    def __init__(self, delta=0.002, clock=32, max_buckets=5, min_window=5, grace=10):
        self.delta, self.clock, self.max_buckets = delta, clock, max_buckets
        self.min_window, self.grace = min_window, grace
        self.rows = []  # rows[i]: buckets of 2**i outcomes, oldest first, each [total, variance]
        self.width, self.total, self.variance, self.tick = 0, 0.0, 0.0, 0

    def update(self, x):
        self.tick += 1
        self._insert(float(x))
        if self.tick % self.clock != 0 or self.width <= self.grace:
            return False
        changed = False
        while self._cut():
            changed = True
            self._delete_oldest()
        return changed

    def _insert(self, x):
        if not self.rows:
            self.rows.append([])
        self.rows[0].append([x, 0.0])
        self.width += 1
        if self.width > 1:
            d = x - self.total / (self.width - 1)
            self.variance += (self.width - 1) * d * d / self.width
        self.total += x
        i = 0
        while i < len(self.rows) and len(self.rows[i]) > self.max_buckets:
            (t1, v1), (t2, v2) = self.rows[i][0], self.rows[i][1]
            n = 2 ** i
            d = t1 / n - t2 / n
            merged = [t1 + t2, v1 + v2 + n * n * d * d / (n + n)]
            del self.rows[i][0:2]
            if i + 1 == len(self.rows):
                self.rows.append([])
            self.rows[i + 1].append(merged)
            i += 1

    def _cut(self):
        n0, n1, u0, u1 = 0, self.width, 0.0, self.total
        last = len(self.rows) - 1
        for i in range(last, -1, -1):
            size = 2 ** i
            for k, (t, _) in enumerate(self.rows[i]):
                n0 += size
                n1 -= size
                u0 += t
                u1 -= t
                if i == 0 and k == len(self.rows[0]) - 1:
                    return False
                if n0 >= self.min_window and n1 >= self.min_window:
                    diff = abs(u0 / n0 - u1 / n1)
                    v = self.variance / self.width
                    dd = math.log(2.0 * math.log(self.width) / self.delta)
                    m = 1.0 / (n0 - self.min_window + 1) + 1.0 / (n1 - self.min_window + 1)
                    eps = math.sqrt(2.0 * m * v * dd) + 2.0 / 3.0 * dd * m
                    if diff > eps:
                        return True
        return False

    def _delete_oldest(self):
        last = len(self.rows) - 1
        t, v = self.rows[last][0]
        n = 2 ** last
        self.width -= n
        self.total -= t
        u = t / n
        if self.width > 0:
            d = u - self.total / self.width
            self.variance -= v + n * self.width * d * d / (n + self.width)
        else:
            self.variance = 0.0
        del self.rows[last][0]
        if not self.rows[last]:
            self.rows.pop()


class Ddm:
    def __init__(self, warning=2.0, drift=3.0, warm_up=30):
        self.warning_level, self.drift_level, self.warm_up = warning, drift, warm_up
        self._reset()

    def _reset(self):
        self.n, self.p = 0, 0.0
        self.p_min, self.s_min, self.ps_min = math.inf, math.inf, math.inf

    def update(self, x):
        self.n += 1
        self.p += (x - self.p) / self.n
        s = math.sqrt(self.p * (1 - self.p) / self.n)
        if self.n <= self.warm_up:
            return False
        if self.p + s <= self.ps_min:
            self.p_min, self.s_min, self.ps_min = self.p, s, self.p + s
        if self.p + s > self.p_min + self.drift_level * self.s_min:
            self._reset()
            return True
        return False


class PageHinkley:
    def __init__(self, delta=0.005, lam=50.0, alpha=1 - 0.0001, min_instances=30):
        self.delta, self.lam, self.alpha, self.min_instances = delta, lam, alpha, min_instances
        self._reset()

    def _reset(self):
        self.n, self.mean, self.m, self.m_min = 0, 0.0, 0.0, math.inf

    def update(self, x):
        self.n += 1
        self.mean += (x - self.mean) / self.n
        self.m = self.alpha * self.m + (x - self.mean - self.delta)
        self.m_min = min(self.m_min, self.m)
        if self.n >= self.min_instances and self.m - self.m_min > self.lam:
            self._reset()
            return True
        return False


DETECTORS = {"adwin": Adwin, "ddm": Ddm, "page_hinkley": PageHinkley}


def alarms(detector, stream):
    return [i for i, x in enumerate(stream) if detector.update(x)]


def streams():
    """Error streams (1 = misclassified) with known drift points; seeded, so the files are reproducible."""
    rng = np.random.default_rng(20070426)
    out = {}
    n = 10_000
    p = np.where(np.arange(n) < 5_000, 0.1, 0.3)
    out["abrupt"] = (rng.random(n) < p).astype(int)
    centre, width = 5_000, 500.0
    p = 0.1 + 0.2 / (1 + np.exp(-(np.arange(n) - centre) / (width / 4)))
    out["gradual"] = (rng.random(n) < p).astype(int)
    p = np.concatenate([np.full(4_000, 0.05), np.full(3_000, 0.25), np.full(3_000, 0.05)])
    out["abrupt_up_down"] = (rng.random(n) < p).astype(int)
    out["stationary"] = (rng.random(30_000) < 0.1).astype(int)
    return out


def main(folder):
    vectors = {}
    for name, stream in streams().items():
        with open(f"{folder}/{name}.txt", "w") as f:
            f.write("".join(str(int(x)) for x in stream) + "\n")
        vectors[name] = {key: alarms(make(), stream) for key, make in DETECTORS.items()}
    with open(f"{folder}/alarms.json", "w") as f:
        json.dump(vectors, f, indent=1)
        f.write("\n")
    print(json.dumps(vectors))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
