-- Event sites: a place outside the office (a stadium, a mall) where an office serves the public
-- on one day with a capacity of its own. Kept identical to migrations/sqlite (types aside).

-- Its places are one slot of its office marked with the site, open to the public like any slot
-- (released at its own instant, then drawn like every release; search and calendars show it
-- at the site's coordinates, with its name), taken by the same capacity rule.
ALTER TABLE slots ADD COLUMN event_site_id TEXT;

CREATE TABLE event_sites (
    id TEXT PRIMARY KEY,
    -- Short code, part of the slot's session label (so it is on the proof and the slip).
    code TEXT NOT NULL UNIQUE,
    office_id TEXT NOT NULL REFERENCES offices(id),
    name TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    day TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    slot_id BIGINT NOT NULL REFERENCES slots(id),
    note TEXT NOT NULL,
    created_by TEXT REFERENCES accounts(id),
    created_at BIGINT NOT NULL,
    -- One site of a name per office and day: a second release is refused (`event_site_exists`).
    UNIQUE (office_id, day, name)
);
CREATE INDEX slots_by_event_site ON slots (event_site_id) WHERE event_site_id IS NOT NULL;
