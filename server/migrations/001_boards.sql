-- Boards in scale-out mode (server/storage/postgres.ts). Every stored Yjs update of a board gets the
-- next number of the board's sequence (boards.last_seq), assigned while the board's row is locked,
-- so numbers become visible in order and a process that has applied 1..n lacks exactly those after n.

CREATE TABLE boards (
  name text PRIMARY KEY,          -- room name: <boardId> or <boardId>.interviewer
  last_seq bigint NOT NULL        -- number of the newest stored update
);

-- Append-only: rows are inserted, and deleted only by a compaction that wrote a snapshot holding them.
CREATE TABLE board_updates (
  board text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,            -- one Yjs update (v1 encoding)
  stored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board, seq)
);

-- The merged state of every update numbered up to seq (their rows are gone).
CREATE TABLE board_snapshots (
  board text PRIMARY KEY,
  seq bigint NOT NULL,
  state bytea NOT NULL,
  compacted_at timestamptz NOT NULL DEFAULT now()
);
