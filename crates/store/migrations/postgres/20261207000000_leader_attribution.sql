-- Leader attribution (issue 8). Twin of migrations/sqlite/20261207000000_leader_attribution.sql.
-- Clicks through a leader's signed share link, and the orders
-- they earned a commission on. A click made before the visitor signed in has no buyer until
-- they do; an order is attributed at most once, when its payment lands.
CREATE TABLE leader_clicks (
    id         TEXT    NOT NULL PRIMARY KEY,
    leader_id  TEXT    NOT NULL REFERENCES accounts (id),
    shared     TEXT    NOT NULL,
    buyer_id   TEXT    REFERENCES accounts (id),
    clicked_at BIGINT  NOT NULL
);
CREATE INDEX leader_clicks_by_buyer ON leader_clicks (buyer_id, clicked_at);
CREATE INDEX leader_clicks_by_leader ON leader_clicks (leader_id, clicked_at);

CREATE TABLE order_attributions (
    order_id         TEXT    NOT NULL PRIMARY KEY REFERENCES orders (id),
    leader_id        TEXT    NOT NULL REFERENCES accounts (id),
    click_id         TEXT    NOT NULL REFERENCES leader_clicks (id),
    commission_minor BIGINT  NOT NULL CHECK (commission_minor >= 0),
    attributed_at    BIGINT  NOT NULL
);
CREATE INDEX order_attributions_by_leader ON order_attributions (leader_id, attributed_at);
