-- Each board's link generation (storage/linkGenerations.ts): mixed into its edit and read tokens,
-- raised by one each time the interviewer replaces the links. A board without a row is at 0.
CREATE TABLE board_links (
  board text PRIMARY KEY,
  generation integer NOT NULL,
  rotated_at timestamptz NOT NULL DEFAULT now()
);
