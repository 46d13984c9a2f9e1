-- After-sales (售后): a buyer's refund or return-and-refund request on an order, its photos,
-- and how much of each order has been refunded. Twin of migrations/sqlite/20261122040000_after_sales.sql.
-- One open request per order keeps the sums straight; a refund is posted once per request.

ALTER TABLE orders ADD COLUMN refunded_minor BIGINT  NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0);

CREATE TABLE after_sales (
    id                        TEXT    NOT NULL PRIMARY KEY,
    order_id                  TEXT    NOT NULL REFERENCES orders (id),
    shop_id                   TEXT    NOT NULL REFERENCES shops (id),
    buyer_id                  TEXT    NOT NULL REFERENCES accounts (id),
    kind                      TEXT    NOT NULL CHECK (kind IN ('refund_only', 'return_and_refund')),
    reason                    TEXT    NOT NULL CHECK (reason IN ('no_longer_wanted', 'not_received',
                                  'damaged', 'spoiled', 'not_as_described', 'short_weight',
                                  'wrong_item', 'other')),
    description               TEXT    NOT NULL,
    amount_minor              BIGINT  NOT NULL CHECK (amount_minor > 0),
    currency                  TEXT    NOT NULL CHECK (currency = 'CNY'),
    status                    TEXT    NOT NULL CHECK (status IN ('requested', 'awaiting_return',
                                  'return_shipped', 'refund_approved', 'refunded', 'rejected',
                                  'disputed', 'closed', 'withdrawn')),
    created_at                BIGINT  NOT NULL,
    updated_at                BIGINT  NOT NULL,
    answer_by                 BIGINT,
    reject_reason             TEXT,
    return_address            TEXT,
    return_carrier            TEXT,
    return_tracking_no        TEXT,
    return_shipped_at         BIGINT,
    escalated_at              BIGINT,
    ruling_note               TEXT,
    refunded_at               BIGINT,
    -- 'held' when refunded from escrow, 'settled' when from the producer's payable.
    refund_basis              TEXT    CHECK (refund_basis IN ('held', 'settled')),
    commission_reversed_minor BIGINT  CHECK (commission_reversed_minor >= 0),
    CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
    CHECK ((refunded_at IS NULL) = (refund_basis IS NULL)),
    CHECK ((return_shipped_at IS NULL) = (return_tracking_no IS NULL))
);
CREATE INDEX after_sales_by_order ON after_sales (order_id);
CREATE INDEX after_sales_by_shop ON after_sales (shop_id, created_at);
CREATE INDEX after_sales_by_buyer ON after_sales (buyer_id, created_at);
CREATE INDEX after_sales_by_status ON after_sales (status, updated_at);
CREATE UNIQUE INDEX after_sales_one_open_per_order ON after_sales (order_id)
    WHERE status IN ('requested', 'awaiting_return', 'return_shipped', 'refund_approved',
                     'rejected', 'disputed');

CREATE TABLE after_sale_photos (
    after_sale_id TEXT    NOT NULL REFERENCES after_sales (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL CHECK (position BETWEEN 0 AND 2),
    file_id       TEXT    NOT NULL,
    PRIMARY KEY (after_sale_id, position)
);
