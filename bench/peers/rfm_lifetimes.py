"""Python lifetimes' RFM summary, for bench/peers.ts.

Runs lifetimes' own summary_data_from_transaction_data, loaded from the file
the environment variable LIFETIMES_UTILS names (a copy of lifetimes/utils.py,
which needs numpy, pandas, scipy and dill), else from the installed lifetimes
package. Without either it prints why and exits with status 1.

Reads the purchases bench/peers.ts wrote (three float64 files: customerId,
at in epoch milliseconds, amount), builds the DataFrame an analyst would hand
to lifetimes (an integer customer column, a datetime64 column, the amounts)
before the clock starts, then times, three times, the call with lifetimes'
defaults: daily periods, the observation end the day of the last purchase.
A call over 60 seconds is not repeated: the median is then of the calls
made, and the output says how many. Prints one JSON line: the median time in
milliseconds, how many calls it is the median of, and checks the caller can
compare (customers, and the sums of frequency, recency, T and
monetary_value).
"""
import importlib.util
import json
import os
import sys
import time

import numpy as np
import pandas as pd


def load():
    """summary_data_from_transaction_data and where it came from, or an error line and exit."""
    path = os.environ.get("LIFETIMES_UTILS")
    if path:
        try:
            spec = importlib.util.spec_from_file_location("lifetimes_utils", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module.summary_data_from_transaction_data, os.path.abspath(path)
        except Exception as error:  # noqa: BLE001 - any failure to load is reported the same way
            print(f"rfm_lifetimes: cannot load LIFETIMES_UTILS={path}: {error!r}", file=sys.stderr)
            sys.exit(1)
    try:
        from lifetimes.utils import summary_data_from_transaction_data
        import lifetimes
    except ImportError as error:
        print(
            f"rfm_lifetimes: lifetimes is not installed and LIFETIMES_UTILS is not set ({error})",
            file=sys.stderr,
        )
        sys.exit(1)
    return summary_data_from_transaction_data, f"lifetimes {lifetimes.__version__} ({lifetimes.__file__})"


summary, source = load()

folder = sys.argv[1]
customer = np.fromfile(f"{folder}/customerId.f64", dtype=np.float64).astype(np.int64)
at = np.fromfile(f"{folder}/at.f64", dtype=np.float64).astype(np.int64).astype("datetime64[ms]")
amount = np.fromfile(f"{folder}/amount.f64", dtype=np.float64)
purchases = pd.DataFrame({"customer": customer, "at": at, "amount": amount})

times = []
for _ in range(3):
    start = time.perf_counter()
    table = summary(purchases, "customer", "at", monetary_value_col="amount", freq="D")
    times.append((time.perf_counter() - start) * 1000)
    if times[-1] > 60_000:
        break
print(
    json.dumps(
        {
            "ms": float(np.median(times)),
            "calls": len(times),
            "note": "median of three calls"
            if len(times) == 3
            else f"{len(times)} call(s) only: one took over 60 s",
            "customers": int(len(table)),
            "frequency": float(table["frequency"].sum()),
            "recency": float(table["recency"].sum()),
            "T": float(table["T"].sum()),
            "monetary": float(table["monetary_value"].sum()),
            "pandas": pd.__version__,
            "lifetimes": source,
        }
    )
)
