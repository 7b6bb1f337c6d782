-- Antre schema (SQLite). Kept column-for-column identical to migrations/postgres: queries are
-- written once, with $N placeholders, for both engines. Instants are Unix seconds (UTC),
-- calendar days are local 'YYYY-MM-DD' text, flags are 0/1 integers.

CREATE TABLE offices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    class TEXT NOT NULL,
    city TEXT NOT NULL,
    province TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    coord_precision TEXT NOT NULL,
    services TEXT NOT NULL,
    sessions TEXT NOT NULL,
    release_policy TEXT NOT NULL,
    quota_regular INTEGER NOT NULL,
    quota_same_day INTEGER NOT NULL,
    quota_priority INTEGER NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE holidays (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

-- Per-office exceptions: 'closed' (outage, renovation) or 'extra' (Saturday service, event).
CREATE TABLE office_days (
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('closed', 'extra')),
    note TEXT NOT NULL,
    PRIMARY KEY (office_id, day)
);

-- One lane of one session of one service day: the unit of capacity. `booked` counts every
-- booking holding a place (paid or awaiting payment) and is only changed by conditional
-- updates in the same transaction as the booking row.
CREATE TABLE slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    session TEXT NOT NULL,
    lane TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    released_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL,
    booked INTEGER NOT NULL DEFAULT 0,
    CHECK (booked >= 0 AND booked <= capacity),
    UNIQUE (office_id, day, session, lane)
);
-- Search and calendars read only slots with places left: full ones drop out of this index.
CREATE INDEX slots_open_by_lane_day ON slots (lane, day, office_id, released_at, starts_at, capacity, booked) WHERE booked < capacity;
CREATE INDEX slots_by_office_day ON slots (office_id, day);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'applicant',
    office_id TEXT REFERENCES offices(id),
    verified_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE verification_codes (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
);

-- Messages handed to the local sender (the default delivery: log + this table).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Bearer tokens, stored as SHA-256 hashes only.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX auth_tokens_by_account ON auth_tokens (account_id);

CREATE TABLE applicants (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    nik TEXT NOT NULL,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    pregnant INTEGER NOT NULL,
    disability INTEGER NOT NULL,
    married INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, nik)
);
CREATE INDEX applicants_by_account ON applicants (account_id);

CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    applicant_id TEXT NOT NULL REFERENCES applicants(id),
    nik TEXT NOT NULL,
    slot_id INTEGER NOT NULL REFERENCES slots(id),
    status TEXT NOT NULL,
    passport_kind TEXT NOT NULL,
    validity TEXT NOT NULL,
    application_kind TEXT NOT NULL,
    fee_total INTEGER NOT NULL,
    billing_code TEXT NOT NULL UNIQUE,
    payment_deadline INTEGER NOT NULL,
    reschedules INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    paid_at INTEGER,
    payment_reference TEXT,
    checked_in_at INTEGER,
    closed_at INTEGER
);
-- One active booking per person nationwide, keyed on the NIK (not the account).
CREATE UNIQUE INDEX bookings_one_active_per_nik ON bookings (nik) WHERE status IN ('pending_payment', 'confirmed');
CREATE INDEX bookings_by_account ON bookings (account_id, created_at);
CREATE INDEX bookings_by_slot ON bookings (slot_id, status);
CREATE INDEX bookings_awaiting_payment ON bookings (payment_deadline) WHERE status = 'pending_payment';

CREATE TABLE idempotency_keys (
    account_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    booking_id TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, idem_key)
);
