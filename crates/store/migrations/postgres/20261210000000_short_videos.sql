-- Twin of migrations/sqlite/20261210000000_short_videos.sql.
-- Producers' short product videos (issue 8): each made in the background from an upload, shown
-- to buyers once ready with cards of the products it shows. Cart lines and orders remember
-- the video a buyer came from, so its sales count for the short-video channel and the video.
CREATE TABLE short_videos (
    id          TEXT    NOT NULL PRIMARY KEY,
    shop_id     TEXT    NOT NULL REFERENCES shops (id),
    title       TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    progress    BIGINT  NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    duration_ms BIGINT  CHECK (duration_ms >= 0),
    failure     TEXT,
    created_at  BIGINT  NOT NULL,
    ready_at    BIGINT
);
CREATE INDEX short_videos_by_shop ON short_videos (shop_id, created_at);
CREATE INDEX short_videos_by_status ON short_videos (status, ready_at);

CREATE TABLE short_video_products (
    video_id   TEXT    NOT NULL REFERENCES short_videos (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id),
    position   BIGINT  NOT NULL,
    PRIMARY KEY (video_id, product_id)
);

ALTER TABLE cart_lines ADD COLUMN short_video_id TEXT REFERENCES short_videos (id) ON DELETE SET NULL;
ALTER TABLE orders ADD COLUMN short_video_id TEXT REFERENCES short_videos (id) ON DELETE SET NULL;
CREATE INDEX orders_by_short_video ON orders (short_video_id) WHERE short_video_id IS NOT NULL;
