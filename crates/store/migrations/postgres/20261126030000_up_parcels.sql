-- Up parcels: an order goes up in one parcel at most (declaring twice finds the first), and
-- declared produce that is not an order keeps whom it goes to. Twin of
-- migrations/sqlite/20261126030000_up_parcels.sql.

CREATE UNIQUE INDEX parcels_one_per_order ON parcels (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE produce_recipients (
    parcel_id   TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES parcels (id),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    phone       TEXT NOT NULL CHECK (length(phone) BETWEEN 1 AND 20),
    destination TEXT NOT NULL CHECK (length(destination) BETWEEN 1 AND 100)
);
