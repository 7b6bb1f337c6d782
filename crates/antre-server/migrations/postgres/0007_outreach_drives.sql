-- Outreach drives (a group served on site by officers of an office, with places of its own)
-- and extra places an office releases for a day.
-- Kept identical to migrations/sqlite (types aside).

-- A drive's places are one slot of its serving office, marked with the drive and kept closed
-- to everyone else (`closed = 1`: search, calendars, the waitlist and ordinary bookings never
-- take it); a member takes a place by the drive's own conditional UPDATE, so
-- `booked <= capacity` and the place invariants hold as for any slot.
ALTER TABLE slots ADD COLUMN drive_id TEXT;

CREATE TABLE drives (
    id TEXT PRIMARY KEY,
    -- Short code printed on the roster and slips.
    code TEXT NOT NULL UNIQUE,
    office_id TEXT NOT NULL REFERENCES offices(id),
    kind TEXT NOT NULL CHECK (kind IN ('community', 'school', 'company', 'hajj')),
    name TEXT NOT NULL,
    place_name TEXT NOT NULL,
    place_address TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    day TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    slot_id BIGINT NOT NULL REFERENCES slots(id),
    leader_name TEXT NOT NULL,
    leader_phone TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES accounts(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX drives_by_office_day ON drives (office_id, day);

-- A member registered at a drive, once per (drive, member_id): `member_id` is chosen by the
-- officer's device (or `import:<file digest>:<row>`), so a batch sent twice registers nobody
-- twice; `request_hash` tells a resend from a reuse of the id for someone else.
CREATE TABLE drive_members (
    id TEXT PRIMARY KEY,
    drive_id TEXT NOT NULL REFERENCES drives(id),
    member_id TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    booking_id TEXT NOT NULL REFERENCES bookings(id),
    phone TEXT,
    registered_by TEXT NOT NULL REFERENCES accounts(id),
    created_at BIGINT NOT NULL,
    UNIQUE (drive_id, member_id)
);
CREATE INDEX drive_members_by_officer ON drive_members (registered_by, created_at);

-- Extra places released by an office for one lane of one day (a long queue, an event): added
-- to the capacity of the day's sessions not yet ended, in the transaction that records this.
CREATE TABLE quota_releases (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    lane TEXT NOT NULL,
    places BIGINT NOT NULL,
    note TEXT NOT NULL,
    created_by TEXT REFERENCES accounts(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX quota_releases_by_office_day ON quota_releases (office_id, day);
