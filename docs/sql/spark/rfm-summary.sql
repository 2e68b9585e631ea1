-- Each customer's purchase summary (frequency, recency, age, monetary value):
-- what rfmSummary computes, one row per customer, for the BG/NBD, Pareto/NBD
-- and Gamma-Gamma models.
-- Dialect: Spark SQL (and Databricks). Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Run it with the session time zone set to UTC
-- (SET spark.sql.session.timeZone = UTC): TIMESTAMP values are truncated and
-- cut into days in the session time zone.
--
-- Input: one row per purchase: customer_id, "at" (a TIMESTAMP holding UTC) and
-- amount (0 or more, in an exact type; NULL counts as 0).
--
-- The conventions are rfmSummary's:
-- - purchases on one UTC calendar day are one purchase occasion, their
--   amounts added;
-- - frequency: repeat occasions up to the calibration end, that is distinct
--   purchase days minus one (the first purchase is not a repeat);
-- - recency: days from the first to the last purchase day up to the
--   calibration end, divided by days_per_unit; age: days from the first
--   purchase day to the calibration end day, divided by days_per_unit;
-- - monetary_value: mean amount of the repeat occasions (the first day left
--   out), 0 without repeats;
-- - calibration_end and holdout_end are days, and the whole of each day is
--   included (a purchase at 23:59:59.999 on the calibration end day is in the
--   calibration period, one at the next midnight is in the holdout);
-- - customers whose first purchase is after the calibration end are left out
--   (rfmSummary counts them in customersFirstSeenAfterCalibration).
--
-- Output: customer_id, frequency, recency, age, monetary_value (DOUBLE),
-- holdout_purchases (purchase days after the calibration end, up to and
-- including the holdout end) and holdout_spend (their amounts, exact); the
-- last two are NULL when holdout_end is NULL. rfmSummary's holdoutLength is
-- (holdout_end - calibration_end) / days_per_unit.
-- docs/sql/spark/rfm-summary-grouped.sql gives the same summary grouped.
--
-- rfmSummary refuses a negative amount; so check first that
-- SELECT COUNT(*) FROM transactions WHERE amount < 0 is 0.
--
-- Edit the params CTE (the two ends, the unit) and the transaction_rows CTE (your table).
WITH params AS (
  SELECT
    DATE '1997-09-30' AS calibration_end, -- last day of the calibration period (UTC), included
    CAST(NULL AS DATE) AS holdout_end, -- last day of the holdout period (UTC), included, or NULL: no holdout
    7 AS days_per_unit -- days per unit of recency and age: 7 (weeks), 1, 30.4375 (months), 365.25 (years)
),
transaction_rows AS (
  -- Your table. Quote a column named at as `at`.
  -- Columns of type TIMESTAMP_NTZ holding UTC: convert with CAST(`at` AS TIMESTAMP).
  SELECT customer_id, `at` AS purchased_at, COALESCE(amount, 0) AS amount
  FROM transactions
),
purchase_days AS (
  -- One purchase occasion per customer and UTC day, with the day's amounts added.
  SELECT customer_id, CAST(purchased_at AS DATE) AS purchase_day, SUM(amount) AS spent
  FROM transaction_rows
  GROUP BY customer_id, CAST(purchased_at AS DATE)
),
with_first_day AS (
  SELECT
    customer_id,
    purchase_day,
    spent,
    MIN(purchase_day) OVER (PARTITION BY customer_id) AS first_day
  FROM purchase_days
),
per_customer AS (
  SELECT
    d.customer_id,
    d.first_day,
    MAX(CASE WHEN d.purchase_day <= p.calibration_end THEN d.purchase_day END) AS last_day,
    COUNT(CASE WHEN d.purchase_day <= p.calibration_end THEN 1 END) - 1 AS frequency,
    SUM(
      CASE WHEN d.purchase_day > d.first_day AND d.purchase_day <= p.calibration_end THEN d.spent ELSE 0 END
    ) AS repeat_spend,
    COUNT(CASE WHEN d.purchase_day > p.calibration_end AND d.purchase_day <= p.holdout_end THEN 1 END)
      AS holdout_purchases,
    SUM(
      CASE WHEN d.purchase_day > p.calibration_end AND d.purchase_day <= p.holdout_end THEN d.spent ELSE 0 END
    ) AS holdout_spend
  FROM with_first_day AS d
  CROSS JOIN params AS p
  WHERE d.first_day <= p.calibration_end
  GROUP BY d.customer_id, d.first_day
)
SELECT
  c.customer_id,
  c.frequency,
  CAST(datediff(c.last_day, c.first_day) AS DOUBLE) / CAST(p.days_per_unit AS DOUBLE) AS recency,
  CAST(datediff(p.calibration_end, c.first_day) AS DOUBLE) / CAST(p.days_per_unit AS DOUBLE) AS age,
  CASE
    WHEN c.frequency > 0 THEN CAST(c.repeat_spend AS DOUBLE) / c.frequency
    ELSE 0
  END AS monetary_value,
  CASE WHEN p.holdout_end IS NOT NULL THEN c.holdout_purchases END AS holdout_purchases,
  CASE WHEN p.holdout_end IS NOT NULL THEN c.holdout_spend END AS holdout_spend
FROM per_customer AS c
CROSS JOIN params AS p
ORDER BY c.customer_id;
