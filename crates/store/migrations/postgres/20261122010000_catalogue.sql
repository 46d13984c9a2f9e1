-- The catalogue: products, their photos and their SKUs. Twin of
-- migrations/sqlite/20261122010000_catalogue.sql. Stock lives on the SKU as what can be sold
-- now; an unpaid order holds its units until it is paid or expires, and the database refuses
-- to let stock go below zero whatever the code does.

CREATE TABLE products (
    id                 TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    shop_id            TEXT    NOT NULL REFERENCES shops (id),
    title              TEXT    NOT NULL,
    title_en           TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    category           TEXT    NOT NULL CHECK (category IN ('fruit', 'vegetables', 'grain', 'meat',
                           'eggs', 'dairy', 'fungi', 'herbs', 'seasonings', 'oils', 'honey', 'tea',
                           'aquatic', 'processed', 'handicrafts', 'other')),
    grade              TEXT    NOT NULL,
    origin_code        TEXT    NOT NULL REFERENCES places (code),
    status             TEXT    NOT NULL CHECK (status IN ('draft', 'pending_review', 'listed',
                           'rejected', 'delisted')),
    review_reason      TEXT,
    season_months      BIGINT NOT NULL CHECK (season_months BETWEEN 1 AND 4095),
    presale_ships_from BIGINT,
    sales              BIGINT NOT NULL DEFAULT 0 CHECK (sales >= 0),
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    CHECK ((status = 'rejected') = (review_reason IS NOT NULL))
);
CREATE INDEX products_by_shop ON products (shop_id, created_at);
CREATE INDEX products_on_sale ON products (status, category, created_at);

CREATE TABLE product_photos (
    id         TEXT    NOT NULL PRIMARY KEY,
    product_id TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    -- The stored files' name; the demo shows one drawing on several products.
    file_id    TEXT    NOT NULL,
    position   BIGINT NOT NULL CHECK (position BETWEEN 0 AND 8),
    width      BIGINT NOT NULL CHECK (width > 0),
    height     BIGINT NOT NULL CHECK (height > 0),
    created_at BIGINT NOT NULL,
    UNIQUE (product_id, position)
);

CREATE TABLE skus (
    id                TEXT    NOT NULL PRIMARY KEY,
    product_id        TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position          BIGINT NOT NULL CHECK (position BETWEEN 0 AND 29),
    name              TEXT    NOT NULL,
    unit              TEXT    NOT NULL CHECK (unit IN ('g', 'kg', 'jin', 'piece', 'box')),
    net_weight_g      BIGINT CHECK (net_weight_g IS NULL OR net_weight_g > 0),
    shipping_weight_g BIGINT NOT NULL CHECK (shipping_weight_g > 0),
    price_minor       BIGINT NOT NULL CHECK (price_minor > 0),
    currency          TEXT    NOT NULL CHECK (currency = 'CNY'),
    stock             BIGINT NOT NULL CHECK (stock >= 0),
    UNIQUE (product_id, position)
);
CREATE INDEX skus_by_product ON skus (product_id);
