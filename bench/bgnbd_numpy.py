"""
The vectorised BG/NBD and Gamma-Gamma predictions in numpy and scipy, as
Python's lifetimes computes them (its BetaGeoFitter and GammaGammaFitter
formulas), for the batch-scoring benchmark (bench/scoring.ts), which runs it
on the same customers and compares the time. lifetimes itself cannot be
installed on this machine (no access to PyPI); numpy and scipy can, so the
formulas are written out here, once, array-wide.

Formulas (Fader, Hardie and Lee 2005, "Counting your customers the easy way";
the Gamma-Gamma mean of Fader, Hardie and Lee 2005, "RFM and CLV"):
  P(alive) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))
  E[Y(t)]  = (a + b + x - 1) / (a - 1)
             [1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t))]
             x P(alive)
  E[M]     = (1 - w) p gamma / (q - 1) + w m,  w = p x / (p x + q - 1)
  value    = E[M] sum_{k=1}^{H} (E[Y(k)] - E[Y(k - 1)]) / (1 + d)^k
Each month's E[Y(k)] is evaluated once (lifetimes' own CLV loop evaluates two
per month, so this is the faster of the two).

Usage: python3 bench/bgnbd_numpy.py FILE ROUNDS R ALPHA A B P Q GAMMA HORIZON RATE
FILE holds N, then the float64 columns frequency, recency, age and
monetaryValue. Prints one JSON line: the median time in ms over ROUNDS and
the sums of the columns, for the caller to check against its own.
"""

import json
import sys
import time

import numpy as np
from scipy.special import hyp2f1


def score(x, tx, T, m, r, alpha, a, b, p, q, gamma, horizon, rate):
    log_odds = (r + x) * (np.log(alpha + T) - np.log(alpha + tx))
    ratio = np.where(x > 0, a / (b + x - 1) * np.exp(log_odds), 0.0)
    alive = 1.0 / (1.0 + ratio)
    first = (a + b + x - 1) / (a - 1)

    def expected(t):
        z = t / (alpha + T + t)
        power = np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + t)))
        return first * (1.0 - power * hyp2f1(r + x, b + x, a + b + x - 1, z)) * alive

    weight = p * x / (p * x + q - 1)
    spend = (1 - weight) * p * gamma / (q - 1) + weight * m
    discounted = np.zeros_like(x)
    previous = np.zeros_like(x)
    for k in range(1, horizon + 1):
        now = expected(float(k))
        discounted += (now - previous) / (1 + rate) ** k
        previous = now
    return alive, previous, spend, spend * discounted


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2])
    r, alpha, a, b, p, q, gamma = (float(v) for v in sys.argv[3:10])
    horizon = int(sys.argv[10])
    rate = float(sys.argv[11])
    raw = np.fromfile(path, dtype="<f8")
    n = int(raw[0])
    x, tx, T, m = (raw[1 + i * n : 1 + (i + 1) * n] for i in range(4))
    times = []
    result = None
    for _ in range(rounds):
        start = time.perf_counter()
        result = score(x, tx, T, m, r, alpha, a, b, p, q, gamma, horizon, rate)
        times.append((time.perf_counter() - start) * 1000)
    alive, expected, spend, value = result
    print(
        json.dumps(
            {
                "ms": sorted(times)[len(times) // 2],
                "probabilityAlive": float(alive.sum()),
                "expectedPurchases": float(expected.sum()),
                "residualValue": float(value.sum()),
            }
        )
    )


main()
