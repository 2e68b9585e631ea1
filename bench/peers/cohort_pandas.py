"""A monthly cohort table with pandas, for bench/peers.ts.

Reads the events that bench/peers.ts wrote (two float64 files: customer_id
and at in epoch milliseconds), then times, three times, the group-by an
analyst would write for the table cohortRetention returns: each customer's
cohort (the month of the first event), one row per customer and active
month, and the active customers per cohort and month. Prints one JSON line:
the median time in milliseconds, and checks the caller can compare (cohort
sizes and the total of the active counts).
"""
import json
import sys
import time

import numpy as np
import pandas as pd

folder = sys.argv[1]
customer = np.fromfile(f"{folder}/customerId.f64", dtype=np.float64).astype(np.int64)
at = np.fromfile(f"{folder}/at.f64", dtype=np.float64).astype(np.int64)
events = pd.DataFrame({"customer": customer, "at": at})


def table(df):
    # Month index since 1970-01 (UTC), as an integer, from epoch ms.
    month = df["at"].to_numpy().astype("datetime64[ms]").astype("datetime64[M]").astype(np.int64)
    frame = pd.DataFrame({"customer": df["customer"].to_numpy(), "month": month})
    frame["cohort"] = frame.groupby("customer")["month"].transform("min")
    active = frame.drop_duplicates(["customer", "month"])
    counts = active.groupby(["cohort", "month"]).size()
    sizes = frame.drop_duplicates("customer").groupby("cohort").size()
    return counts, sizes


times = []
for _ in range(3):
    start = time.perf_counter()
    counts, sizes = table(events)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(
    json.dumps(
        {
            "ms": times[1],
            "customers": int(sizes.sum()),
            "cohorts": int(len(sizes)),
            "activeTotal": int(counts.sum()),
            "pandas": pd.__version__,
        }
    )
)
