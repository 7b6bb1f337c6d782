-- The office desk: the number an arrival is called by, per office, day and queue (a lane),
-- and priority walk-ins.
-- Kept identical to migrations/sqlite (types aside).

ALTER TABLE bookings ADD COLUMN queue_number BIGINT;

-- The last number given per office-day and queue, taken by an upsert in the check-in's
-- transaction, so that two desks (or two server instances) never give one number twice.
CREATE TABLE queue_counters (
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    queue TEXT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (office_id, day, queue)
);

-- A priority walk-in: registered at the desk into the day's priority quota, or beyond it when
-- the office chose to serve more (the place is then added to the slot). One per person per
-- office-day; `nik` is the keyed hash, as in bookings.
CREATE TABLE walk_ins (
    booking_id TEXT PRIMARY KEY REFERENCES bookings(id),
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    nik TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('elderly', 'child_under_5', 'pregnant', 'disabled')),
    beyond_quota BIGINT NOT NULL,
    registered_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (office_id, day, nik)
);
