-- Each customer's recurring revenue at the start and at the end of a period:
-- the input revenueRetention takes, one row per customer.
-- Dialect: Spark SQL (and Databricks). Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Run it with the session time zone set to UTC
-- (SET spark.sql.session.timeZone = UTC): TIMESTAMP values are truncated and
-- cut into days in the session time zone.
--
-- Input: recurring revenue snapshots (monthly recurring revenue, say): one row
-- per customer (or per subscription of a customer) and snapshot date, with a
-- revenue of 0 or more in an exact type (DECIMAL / NUMERIC, not DOUBLE).
--
-- Output: customer_id, start_revenue, end_revenue (0 when the customer has no
-- row at that date; several rows of one customer are added up). Pass them to
-- revenueRetention as startRevenue [{ customerId, revenue: start_revenue }]
-- and endRevenue [{ customerId, revenue: end_revenue }].
-- docs/sql/spark/revenue-retention.sql computes the totals from the same rows.
--
-- revenueRetention refuses a negative revenue; so check first that
-- SELECT COUNT(*) FROM mrr_snapshots WHERE mrr < 0 OR mrr IS NULL is 0.
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
)
SELECT customer_id, start_revenue, end_revenue
FROM per_customer
ORDER BY customer_id;
