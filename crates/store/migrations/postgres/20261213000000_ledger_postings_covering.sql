-- A shop's balances and commission are sums over its accounts' postings, read on every visit
-- to the producer's console; with the amount and the entry in the account's index those sums
-- are read from the index alone instead of one table row per posting (twin of
-- migrations/sqlite/20261213000000_ledger_postings_covering.sql).
DROP INDEX ledger_postings_by_account;
CREATE INDEX ledger_postings_by_account ON ledger_postings (account, entry_id, amount_minor);
