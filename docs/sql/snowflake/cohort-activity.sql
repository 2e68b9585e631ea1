-- Activity events reduced to one row per customer and period: the smallest
-- input from which cohortRetention computes the same table as from every event.
-- Dialect: Snowflake. Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Instants are TIMESTAMP_NTZ values holding UTC
-- wall-clock time; weeks are ISO weeks whatever the WEEK_START parameter says.
--
-- cohortRetention only needs to know in which periods each customer was
-- active. Ten million events of 400,000 customers over two years become at
-- most 400,000 x 24 rows, usually far fewer. Pass each row to cohortRetention
-- as { customerId: customer_id, at: period_start } with the same period
-- length (and, when you give one, the same asOf) as here.
--
-- Output: customer_id, period_start (the first instant of a period in which
-- the customer had at least one event, UTC), one row per pair.
--
-- Edit the params CTE (the period length, as_of) and the event_rows CTE (your table).
WITH params AS (
  SELECT
    'month' AS unit, -- 'day', 'week', 'month', 'quarter' or 'year'
    CAST(NULL AS TIMESTAMP_NTZ) AS as_of -- last instant observed (UTC), or NULL: every event
),
event_rows AS (
  -- Your table. Unquoted names are upper case: at reads a column created as at (AT);
  -- one created as "at" (quoted) must be written "at". Columns of type TIMESTAMP_LTZ
  -- or TIMESTAMP_TZ: convert with CAST(CONVERT_TIMEZONE('UTC', at) AS TIMESTAMP_NTZ).
  SELECT customer_id, at AS occurred_at
  FROM events
)
-- Events after as_of are left out here, as cohortRetention leaves them out:
-- an event later in the as_of period must not bring its period start back in.
SELECT DISTINCT
  e.customer_id,
  CASE p.unit
    WHEN 'day' THEN DATE_TRUNC('DAY', e.occurred_at)
    WHEN 'week' THEN DATEADD(day, 1 - DAYOFWEEKISO(e.occurred_at), DATE_TRUNC('DAY', e.occurred_at))
    WHEN 'month' THEN DATE_TRUNC('MONTH', e.occurred_at)
    WHEN 'quarter' THEN DATE_TRUNC('QUARTER', e.occurred_at)
    WHEN 'year' THEN DATE_TRUNC('YEAR', e.occurred_at)
  END AS period_start
FROM event_rows AS e
CROSS JOIN params AS p
WHERE p.as_of IS NULL OR e.occurred_at <= p.as_of
ORDER BY customer_id, period_start;
