-- The office desk: the number an arrival is called by, per office, day and queue (a lane).
-- Kept identical to migrations/postgres (types aside).

ALTER TABLE bookings ADD COLUMN queue_number INTEGER;

-- The last number given per office-day and queue, taken by an upsert in the check-in's
-- transaction, so that two desks (or two server instances) never give one number twice.
CREATE TABLE queue_counters (
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    queue TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (office_id, day, queue)
);
