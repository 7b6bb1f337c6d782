-- What a draw gave each entry: its position in the drawn order, its outcome and the booking a
-- winner got, in a table of their own, written by the draw in bulk (inserts of narrow rows, in
-- position order) rather than by updating every entry row: at a national release of 100,000
-- entries that update was most of the draw's time. Kept identical to migrations/postgres
-- (types aside).
--
-- No foreign keys: the draw writes these rows with the entries and bookings they name in the
-- same transaction, and on PostgreSQL a foreign key costs a locking lookup per row.
CREATE TABLE draw_outcomes (
    draw_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    entry_id TEXT NOT NULL UNIQUE,
    outcome TEXT NOT NULL CHECK (outcome IN ('placed', 'waitlisted', 'skipped')),
    booking_id TEXT,
    PRIMARY KEY (draw_id, position)
);

-- Draws drawn before this migration kept their outcomes on the entries; those move here. The
-- entries' columns `position`, `outcome` and `booking_id` are no longer written or read.
INSERT INTO draw_outcomes (draw_id, position, entry_id, outcome, booking_id)
    SELECT draw_id, position, id, outcome, booking_id FROM draw_entries
    WHERE position IS NOT NULL AND outcome IS NOT NULL;
