-- Net and gross revenue retention over a period, with expansion, contraction
-- and churned revenue, computed the way revenueRetention computes them.
-- Dialect: BigQuery (GoogleSQL). Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Instants are TIMESTAMP values, truncated and
-- cut into days in UTC (the explicit 'UTC' arguments).
--
-- Input: recurring revenue snapshots (monthly recurring revenue, say): one row
-- per customer (or per subscription of a customer) and snapshot date, with a
-- revenue of 0 or more in an exact type (DECIMAL / NUMERIC, not DOUBLE).
-- Several rows of one customer at one date are added up first.
--
-- Output: one row, the sums exact (DECIMAL):
--   starting_revenue   revenue at the start of the customers with some (above 0)
--   retained_revenue   those customers' revenue at the end
--   expansion          increases among them
--   contraction        decreases among those still paying at the end
--   churned_revenue    start revenue of those with none at the end
--   new_revenue        end revenue of customers with none at the start (kept out of NRR and GRR)
--   net_revenue_retention, gross_revenue_retention, gross_revenue_churn:
--                      the ratios as DOUBLE, for a chart; the exact 34-digit
--                      values come from the sums, see docs/warehouse.md
-- retained_revenue = starting_revenue + expansion - contraction - churned_revenue.
--
-- revenueRetention refuses a negative revenue and a starting revenue of 0;
-- so check first that SELECT COUNT(*) FROM mrr_snapshots WHERE mrr < 0 OR
-- mrr IS NULL is 0 (the ratios here are NULL when starting_revenue is 0).
--
-- Edit the params CTE (the two snapshot dates) and the revenue_rows CTE (your table).
WITH params AS (
  SELECT
    DATE '2026-01-01' AS start_date, -- the snapshot at the start of the period
    DATE '2026-02-01' AS end_date -- the snapshot at its end
),
revenue_rows AS (
  -- Your table. From subscriptions with an amount instead of snapshots, take as
  -- the revenue at an instant t the rows with started_at <= t and (ended_at IS
  -- NULL or ended_at > t), once for each of the two instants.
  SELECT customer_id, snapshot_date, mrr AS revenue
  FROM mrr_snapshots
),
per_customer AS (
  SELECT
    r.customer_id,
    SUM(CASE WHEN r.snapshot_date = p.start_date THEN r.revenue ELSE 0 END) AS start_revenue,
    SUM(CASE WHEN r.snapshot_date = p.end_date THEN r.revenue ELSE 0 END) AS end_revenue
  FROM revenue_rows AS r
  CROSS JOIN params AS p
  WHERE r.snapshot_date = p.start_date OR r.snapshot_date = p.end_date
  GROUP BY r.customer_id
),
totals AS (
  SELECT
    COALESCE(SUM(CASE WHEN start_revenue > 0 THEN start_revenue ELSE 0 END), 0) AS starting_revenue,
    COALESCE(SUM(CASE WHEN start_revenue > 0 THEN end_revenue ELSE 0 END), 0) AS retained_revenue,
    COALESCE(
      SUM(CASE WHEN start_revenue > 0 AND end_revenue > start_revenue THEN end_revenue - start_revenue ELSE 0 END),
      0
    ) AS expansion,
    COALESCE(
      SUM(
        CASE
          WHEN start_revenue > 0 AND end_revenue > 0 AND end_revenue < start_revenue THEN start_revenue - end_revenue
          ELSE 0
        END
      ),
      0
    ) AS contraction,
    COALESCE(SUM(CASE WHEN start_revenue > 0 AND end_revenue = 0 THEN start_revenue ELSE 0 END), 0) AS churned_revenue,
    COALESCE(SUM(CASE WHEN start_revenue > 0 THEN 0 ELSE end_revenue END), 0) AS new_revenue
  FROM per_customer
)
SELECT
  starting_revenue,
  retained_revenue,
  expansion,
  contraction,
  churned_revenue,
  new_revenue,
  CAST(retained_revenue AS FLOAT64)
    / NULLIF(CAST(starting_revenue AS FLOAT64), 0) AS net_revenue_retention,
  CAST(starting_revenue - contraction - churned_revenue AS FLOAT64)
    / NULLIF(CAST(starting_revenue AS FLOAT64), 0) AS gross_revenue_retention,
  CAST(contraction + churned_revenue AS FLOAT64)
    / NULLIF(CAST(starting_revenue AS FLOAT64), 0) AS gross_revenue_churn
FROM totals;
