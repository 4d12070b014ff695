-- Stored updates and snapshots that could not be loaded (nested too deep for the decoder, or not
-- decodable at all), kept as they were. Their row in board_updates / board_snapshots now holds what
-- could be read of them (the offending values removed), so the board loads and the sequence has no gap.
CREATE TABLE board_moved_aside (
  board text NOT NULL,
  seq bigint NOT NULL,
  snapshot boolean NOT NULL,
  data bytea NOT NULL,
  problem text NOT NULL,
  moved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board, seq, snapshot)
);
