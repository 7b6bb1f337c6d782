-- Fair release: the draw at each release instant, the waitlist for every freed place, and the
-- rules against hoarding. Kept identical to migrations/postgres (types aside).

-- One draw per release instant (all slots released at that instant, at every office).
CREATE TABLE draws (
    id TEXT PRIMARY KEY,
    release_at INTEGER NOT NULL UNIQUE,
    opens_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'drawing', 'drawn')),
    -- SHA-256 of the seed, published before entries open; the seed itself only after the draw
    -- (until then it exists nowhere but in the key the instances derive it from).
    commitment TEXT NOT NULL,
    seed TEXT,
    holder TEXT,
    lease_until INTEGER,
    drawn_at INTEGER,
    entries INTEGER NOT NULL DEFAULT 0,
    places INTEGER NOT NULL DEFAULT 0,
    placed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX draws_due ON draws (release_at) WHERE status <> 'drawn';
CREATE INDEX slots_by_release ON slots (released_at);

-- One entry per NIK per draw. `digest` = SHA-256(salt || id) is what the published order lists.
CREATE TABLE draw_entries (
    id TEXT PRIMARY KEY,
    draw_id TEXT NOT NULL REFERENCES draws(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    applicant_id TEXT NOT NULL REFERENCES applicants(id),
    nik TEXT NOT NULL,
    lane TEXT NOT NULL,
    priority INTEGER NOT NULL,
    passport_kind TEXT NOT NULL,
    validity TEXT NOT NULL,
    application_kind TEXT NOT NULL,
    choices TEXT NOT NULL,
    salt TEXT NOT NULL,
    digest TEXT NOT NULL,
    client_key TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    position INTEGER,
    outcome TEXT,
    booking_id TEXT,
    UNIQUE (draw_id, nik)
);
CREATE INDEX draw_entries_by_account ON draw_entries (account_id, draw_id);

-- Where a booking came from; keyed hash of the client address (for the staff's view of
-- suspicious patterns, never the address itself); attendance reconfirmation; why it ended.
ALTER TABLE bookings ADD COLUMN source TEXT NOT NULL DEFAULT 'direct';
ALTER TABLE bookings ADD COLUMN client_key TEXT;
ALTER TABLE bookings ADD COLUMN attendance_confirmed_at INTEGER;
ALTER TABLE bookings ADD COLUMN end_reason TEXT;
CREATE INDEX bookings_by_nik ON bookings (nik, closed_at);

-- Places held for a waitlist offer: booked + offered + free = capacity.
-- (SQLite cannot add a table constraint later; the check sits on the new column.)
ALTER TABLE slots ADD COLUMN offered INTEGER NOT NULL DEFAULT 0 CHECK (offered >= 0 AND booked + offered <= capacity);
DROP INDEX slots_open_by_lane_day;
CREATE INDEX slots_open_by_lane_day ON slots (lane, day, office_id, released_at, starts_at, capacity, booked) WHERE booked + offered < capacity AND closed = 0;

-- A person waiting for a place at some offices over some days in one lane.
CREATE TABLE waitlist (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    applicant_id TEXT NOT NULL REFERENCES applicants(id),
    nik TEXT NOT NULL,
    lane TEXT NOT NULL,
    passport_kind TEXT NOT NULL,
    validity TEXT NOT NULL,
    application_kind TEXT NOT NULL,
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'left')),
    lapsed_offers INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    ended_at INTEGER,
    end_reason TEXT
);
CREATE UNIQUE INDEX waitlist_one_per_nik ON waitlist (nik) WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_by_account ON waitlist (account_id);
CREATE TABLE waitlist_offices (
    waitlist_id TEXT NOT NULL REFERENCES waitlist(id),
    office_id TEXT NOT NULL REFERENCES offices(id),
    PRIMARY KEY (waitlist_id, office_id)
);
CREATE INDEX waitlist_offices_by_office ON waitlist_offices (office_id, waitlist_id);

-- A freed place offered to one waiting person for a limited time.
CREATE TABLE offers (
    id TEXT PRIMARY KEY,
    waitlist_id TEXT NOT NULL REFERENCES waitlist(id),
    slot_id INTEGER NOT NULL REFERENCES slots(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
    offered_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER,
    booking_id TEXT
);
CREATE UNIQUE INDEX offers_one_open_per_waitlist ON offers (waitlist_id) WHERE status = 'open';
CREATE INDEX offers_open_by_expiry ON offers (expires_at) WHERE status = 'open';
CREATE INDEX offers_by_slot ON offers (slot_id, status);

-- A NIK that may not book until `until` (repeated unpaid holds, a no-show), with the reason.
CREATE TABLE cooldowns (
    nik TEXT PRIMARY KEY,
    until INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Every addition and removal of an applicant, for the limit on recycling NIKs through an
-- account and for the staff's view of suspicious patterns.
CREATE TABLE applicant_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL CHECK (kind IN ('add', 'remove')),
    at INTEGER NOT NULL
);
CREATE INDEX applicant_changes_by_account ON applicant_changes (account_id, at);

-- Office policy (from data/quotas.csv): how long a waitlist offer stays open, how many unpaid
-- holds in 30 days before a cool-down and how long it lasts, and the local time on the day
-- before by which attendance must be reconfirmed (NULL: no reconfirmation).
ALTER TABLE offices ADD COLUMN offer_minutes INTEGER NOT NULL DEFAULT 30;
ALTER TABLE offices ADD COLUMN lapses_before_cooldown INTEGER NOT NULL DEFAULT 2;
ALTER TABLE offices ADD COLUMN cooldown_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE offices ADD COLUMN reconfirm_until TEXT;
