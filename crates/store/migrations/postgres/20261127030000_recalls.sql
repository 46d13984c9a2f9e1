-- Recalls: a batch taken off sale with a reason, and a notice to the buyer of every order
-- holding it, sent through the notifier and acknowledged by the buyer. Twin of
-- migrations/sqlite/20261127030000_recalls.sql.

-- One recall per batch: the batch goes from open to recalled once.
CREATE TABLE recalls (
    id         TEXT    NOT NULL PRIMARY KEY,
    batch_id   TEXT    NOT NULL UNIQUE REFERENCES batches (id),
    reason     TEXT    NOT NULL CHECK (length(reason) >= 1),
    opened_by  TEXT    NOT NULL REFERENCES accounts (id),
    opened_at  BIGINT  NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('open', 'closed'))
);
CREATE INDEX recalls_by_time ON recalls (opened_at);

-- The outbox of a recall: written with the recall, sent (sent_at) by the notice sender,
-- acknowledged by the buyer.
CREATE TABLE recall_notices (
    recall_id       TEXT    NOT NULL REFERENCES recalls (id),
    order_id        TEXT    NOT NULL REFERENCES orders (id),
    buyer_id        TEXT    NOT NULL REFERENCES accounts (id),
    phone           TEXT    NOT NULL,
    sent_at         BIGINT,
    provider        TEXT,
    provider_ref    TEXT,
    acknowledged_at BIGINT,
    PRIMARY KEY (recall_id, order_id)
);
CREATE INDEX recall_notices_unsent ON recall_notices (sent_at);
CREATE INDEX recall_notices_by_buyer ON recall_notices (buyer_id);

-- Buyers are told in-app too: a third kind of notification.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('live_started', 'draw_won', 'recall'));
