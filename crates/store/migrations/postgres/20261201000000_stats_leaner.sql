-- Fewer rows per paid order (twin of migrations/sqlite/20261201000000_stats_leaner.sql):
-- - a shop's figures are its products' sums, so its own table goes;
-- - a buyer's year is one row of two month sets (see farmgate_domain::stats::BuyerMonths)
--   instead of a row per month, quarter and year. The counts per period stay as they were.
DROP TABLE stats_shop_sales;

-- Bit m-1 of `months_paid`: the buyer paid for an order in month m; of `months_repeat`: for
-- two or more. The `*_before` columns hold the row as it was before its last write, so that
-- write can tell (by RETURNING) which periods it gained the buyer in, even while another
-- writer updates the same row.
CREATE TABLE stats_buyer_months (
    year                 BIGINT NOT NULL,
    buyer_id             TEXT   NOT NULL,
    months_paid          BIGINT NOT NULL,
    months_repeat        BIGINT NOT NULL,
    months_paid_before   BIGINT NOT NULL,
    months_repeat_before BIGINT NOT NULL,
    PRIMARY KEY (year, buyer_id)
);

INSERT INTO stats_buyer_months
SELECT period / 100, buyer_id,
       SUM(1 << (period % 100 - 1)::int),
       SUM(CASE WHEN orders >= 2 THEN 1 << (period % 100 - 1)::int ELSE 0 END),
       0, 0
FROM stats_buyers WHERE grain = 'm' GROUP BY period / 100, buyer_id;

DROP TABLE stats_buyers;
