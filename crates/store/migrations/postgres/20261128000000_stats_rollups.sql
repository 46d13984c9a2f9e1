-- The commerce bureau's rollups: sums of paid goods, refunds, orders and units per day and per
-- month, written in the same transaction as the payment or refund that changes them, and
-- recomputed from orders by `farmgate stats rebuild`. Twin of
-- migrations/sqlite/20261128000000_stats_rollups.sql.
-- `grain` is 'd' (period yyyymmdd) or 'm' (period yyyymm); dashboards read whole months from
-- month rows and only the days at the ends of a range from day rows.

-- Where the seller is: the headline figures, by place, category and channel.
CREATE TABLE stats_sales (
    grain          TEXT    NOT NULL CHECK (grain IN ('d', 'm')),
    period         BIGINT  NOT NULL,
    place          TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    paid_minor     BIGINT  NOT NULL,
    refunded_minor BIGINT  NOT NULL,
    orders         BIGINT  NOT NULL,
    units          BIGINT  NOT NULL,
    PRIMARY KEY (grain, period, place, category, channel)
);

-- One shop's sales: its own dashboard, and the ranking of producers.
CREATE TABLE stats_shop_sales (
    shop_id        TEXT    NOT NULL,
    grain          TEXT    NOT NULL CHECK (grain IN ('d', 'm')),
    period         BIGINT  NOT NULL,
    category       TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    place          TEXT    NOT NULL,
    paid_minor     BIGINT  NOT NULL,
    refunded_minor BIGINT  NOT NULL,
    orders         BIGINT  NOT NULL,
    units          BIGINT  NOT NULL,
    PRIMARY KEY (shop_id, grain, period, category, channel)
);
CREATE INDEX stats_shop_sales_by_period ON stats_shop_sales (grain, period);

-- One product's sales: the top products.
CREATE TABLE stats_product_sales (
    grain          TEXT    NOT NULL CHECK (grain IN ('d', 'm')),
    period         BIGINT  NOT NULL,
    product_id     TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    shop_id        TEXT    NOT NULL,
    place          TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    paid_minor     BIGINT  NOT NULL,
    refunded_minor BIGINT  NOT NULL,
    orders         BIGINT  NOT NULL,
    units          BIGINT  NOT NULL,
    PRIMARY KEY (grain, period, product_id, channel)
);
CREATE INDEX stats_product_sales_by_shop ON stats_product_sales (shop_id, grain, period);

-- Where the buyer is: the delivery address's province code and county name.
CREATE TABLE stats_destination_sales (
    grain          TEXT    NOT NULL CHECK (grain IN ('d', 'm')),
    period         BIGINT  NOT NULL,
    province       TEXT    NOT NULL,
    county         TEXT    NOT NULL,
    paid_minor     BIGINT  NOT NULL,
    refunded_minor BIGINT  NOT NULL,
    orders         BIGINT  NOT NULL,
    units          BIGINT  NOT NULL,
    PRIMARY KEY (grain, period, province, county)
);

-- Buyers count once per month ('m', yyyymm), quarter ('q', yyyyq) and year ('y', yyyy):
-- the orders each paid in it, and per period how many bought and how many came back.
CREATE TABLE stats_buyers (
    grain    TEXT    NOT NULL CHECK (grain IN ('m', 'q', 'y')),
    period   BIGINT  NOT NULL,
    buyer_id TEXT    NOT NULL,
    orders   BIGINT  NOT NULL CHECK (orders > 0),
    PRIMARY KEY (grain, period, buyer_id)
);

CREATE TABLE stats_buyer_counts (
    grain         TEXT    NOT NULL CHECK (grain IN ('m', 'q', 'y')),
    period        BIGINT  NOT NULL,
    buyers        BIGINT  NOT NULL,
    repeat_buyers BIGINT  NOT NULL,
    PRIMARY KEY (grain, period)
);
