-- Units every seat of a group-buy has ever taken, given-up seats included: an upper bound on
-- the units its seats hold, kept by the seat writer. While it is within the group-buy's cap a
-- new seat needs no count of the seats; only near the cap are they counted exactly.
ALTER TABLE group_buys ADD COLUMN units_taken BIGINT NOT NULL DEFAULT 0;
UPDATE group_buys SET units_taken = (
    SELECT COALESCE(SUM(s.units), 0) FROM group_buy_seats s WHERE s.group_buy_id = group_buys.id
);
