-- The authors of every entry through a snapshot (server/history/, docs/HISTORY.md): a room's authors are
-- its newest snapshot's plus those of the few entries after it, without reading the whole history.
-- JSON array of {clientId, name}; null for snapshots written before this column.
ALTER TABLE board_history_snapshots ADD COLUMN authors jsonb;
