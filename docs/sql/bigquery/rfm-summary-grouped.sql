-- The purchase summary grouped: one row per distinct (frequency, recency, age)
-- with the number of customers who share it. Customers without repeats who
-- started on the same day all share one row, so a few hundred thousand
-- customers usually come down to some thousands of rows.
-- Dialect: BigQuery (GoogleSQL). Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Instants are TIMESTAMP values, truncated and
-- cut into days in UTC (the explicit 'UTC' arguments).
--
-- Input and conventions: those of docs/sql/bigquery/rfm-summary.sql (and of
-- rfmSummary): purchases on one UTC day are one occasion, frequency is
-- distinct purchase days minus one, recency and age are counted in days from
-- the first purchase day and divided by days_per_unit, the calibration end
-- day is included, customers first seen after it are left out.
--
-- Output: frequency, recency, age (FLOAT64), customers (how many customers
-- have exactly these three values). BG/NBD and Pareto/NBD depend on a
-- customer only through these three numbers, so the rows hold everything
-- fitBgNbd and fitParetoNbd use: pass each row's { frequency, recency, age }
-- once per customer (the fits merge identical rows again themselves).
-- There is no monetary value: customers sharing (frequency, recency, age)
-- have different ones, and the Gamma-Gamma model needs each customer's own
-- mean with its frequency. Take monetary values from rfm-summary.sql.
--
-- Edit the params CTE (the calibration end, the unit) and the transaction_rows CTE (your table).
WITH params AS (
  SELECT
    DATE '1997-09-30' AS calibration_end, -- last day of the calibration period (UTC), included
    7 AS days_per_unit -- days per unit of recency and age: 7 (weeks), 1, 30.4375 (months), 365.25 (years)
),
transaction_rows AS (
  -- Your table. AT is a reserved keyword in BigQuery: quote the column as `at`.
  -- Columns of type DATETIME holding UTC: convert with TIMESTAMP(`at`, 'UTC').
  SELECT customer_id, `at` AS purchased_at
  FROM transactions
),
purchase_days AS (
  -- One purchase occasion per customer and UTC day, up to the calibration end.
  SELECT DISTINCT t.customer_id, DATE(t.purchased_at, 'UTC') AS purchase_day
  FROM transaction_rows AS t
  CROSS JOIN params AS p
  WHERE DATE(t.purchased_at, 'UTC') <= p.calibration_end
),
per_customer AS (
  -- Whole days: customers group on exact integers before any division.
  SELECT
    d.customer_id,
    COUNT(*) - 1 AS frequency,
    DATE_DIFF(MAX(d.purchase_day), MIN(d.purchase_day), DAY) AS recency_days,
    DATE_DIFF(p.calibration_end, MIN(d.purchase_day), DAY) AS age_days
  FROM purchase_days AS d
  CROSS JOIN params AS p
  GROUP BY d.customer_id, p.calibration_end
)
SELECT
  c.frequency,
  CAST(c.recency_days AS FLOAT64) / CAST(p.days_per_unit AS FLOAT64) AS recency,
  CAST(c.age_days AS FLOAT64) / CAST(p.days_per_unit AS FLOAT64) AS age,
  COUNT(*) AS customers
FROM per_customer AS c
CROSS JOIN params AS p
GROUP BY c.frequency, c.recency_days, c.age_days, p.days_per_unit
ORDER BY c.frequency, c.recency_days, c.age_days;
