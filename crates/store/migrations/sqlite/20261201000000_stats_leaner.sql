-- Fewer rows per paid order (twin of migrations/postgres/20261201000000_stats_leaner.sql):
-- - a shop's figures are its products' sums, so its own table goes;
-- - a buyer's year is one row of two month sets (see farmgate_domain::stats::BuyerMonths)
--   instead of a row per month, quarter and year. The counts per period stay as they were.
DROP TABLE stats_shop_sales;

-- Bit m-1 of `months_paid`: the buyer paid for an order in month m; of `months_repeat`: for
-- two or more. The `*_before` columns hold the row as it was before its last write, so that
-- write can tell (by RETURNING) which periods it gained the buyer in, even while another
-- writer updates the same row.
CREATE TABLE stats_buyer_months (
    year                 INTEGER NOT NULL,
    buyer_id             TEXT    NOT NULL,
    months_paid          INTEGER NOT NULL,
    months_repeat        INTEGER NOT NULL,
    months_paid_before   INTEGER NOT NULL,
    months_repeat_before INTEGER NOT NULL,
    PRIMARY KEY (year, buyer_id)
) STRICT, WITHOUT ROWID;

INSERT INTO stats_buyer_months
SELECT period / 100, buyer_id,
       SUM(1 << (period % 100 - 1)),
       SUM(CASE WHEN orders >= 2 THEN 1 << (period % 100 - 1) ELSE 0 END),
       0, 0
FROM stats_buyers WHERE grain = 'm' GROUP BY period / 100, buyer_id;

DROP TABLE stats_buyers;
