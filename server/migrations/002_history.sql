-- History of every board room (server/history/, docs/HISTORY.md). Each stored update also gets one row
-- per author in board_history, written by the same statement as its board_updates row (same seq), and
-- never removed by compaction: only retention folds old rows into a snapshot.

-- The newest history time of the board: a later update never gets an earlier time (several processes' clocks).
ALTER TABLE boards ADD COLUMN last_at bigint NOT NULL DEFAULT 0;

CREATE TABLE board_history (
  board text NOT NULL,
  seq bigint NOT NULL,            -- the update's number in board_updates
  part integer NOT NULL,          -- one row per author of the update, from 1
  at bigint NOT NULL,             -- server time, epoch ms
  client_id bigint NOT NULL,      -- the author's Yjs client id (0: stored by the server)
  author text,                    -- the name the author's awareness announced
  data bytea NOT NULL,            -- this author's part of the update (Yjs v1)
  PRIMARY KEY (board, seq, part)
);

-- The state through update seq: periodic ones make rebuilding cheap; the oldest is retention's base.
CREATE TABLE board_history_snapshots (
  board text NOT NULL,
  seq bigint NOT NULL,
  at bigint NOT NULL,
  state bytea NOT NULL,
  PRIMARY KEY (board, seq)
);

-- Named versions; kept whatever the retention.
CREATE TABLE board_checkpoints (
  board text NOT NULL,
  seq bigint NOT NULL,
  name text NOT NULL,
  at bigint NOT NULL,
  by_name text,
  state bytea NOT NULL,
  PRIMARY KEY (board, seq, name)
);
