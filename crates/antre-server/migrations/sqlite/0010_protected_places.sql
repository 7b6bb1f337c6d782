-- Issue 11. Protected places: a share of each office-day's places that public booking, draws
-- and the waitlist cannot take, kept for the special reschedule after a closure or disruption.
-- Kept identical to migrations/postgres (types aside).

-- The office's policy: the share of each lane's daily quota kept protected, in percent,
-- rounded up (5: Bekasi's 250 regular places keep 13). Not in data/: an operator sets it here.
ALTER TABLE offices ADD COLUMN protected_percent INTEGER NOT NULL DEFAULT 5
    CHECK (protected_percent >= 0 AND protected_percent <= 100);

-- Of a slot's capacity, the places only a special reschedule may take: the public rule is
-- booked + offered + protected < capacity, the special one booked + offered < capacity (taking
-- a protected place first). Unused ones go to everyone at `protected_until` (12:00 in the
-- office's zone the day before), released by the sweep (`protected = 0`). Slots planned before
-- this migration have none.
ALTER TABLE slots ADD COLUMN protected INTEGER NOT NULL DEFAULT 0
    CHECK (protected >= 0 AND booked + offered + protected <= capacity);
ALTER TABLE slots ADD COLUMN protected_until INTEGER NOT NULL DEFAULT 0;
CREATE INDEX slots_protected_until ON slots (protected_until) WHERE protected > 0;
