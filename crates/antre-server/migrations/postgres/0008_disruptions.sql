-- Issue 11. Disruptions and closures declared for one office, a province or the whole country,
-- their history of updates, the offices each covers, and the notices sent to the people
-- affected; the SMS channel's rate limit; ratings and integrity reports after the visit.
-- Kept identical to migrations/sqlite (types aside).

-- A declaration. `expected_end` NULL: not known yet (the slots stay closed until an update
-- names an end or restores service). `restored_at` set: service is back (no slot closed by it).
CREATE TABLE disruptions (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('office', 'province', 'national')),
    office_id TEXT REFERENCES offices(id),
    province TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('closure', 'disruption')),
    reason TEXT NOT NULL,
    note TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    expected_end BIGINT,
    restored_at BIGINT,
    declared_by TEXT,
    declared_at BIGINT NOT NULL
);

-- The offices a declaration covers, resolved when it is made (the scope's offices then).
CREATE TABLE disruption_offices (
    disruption_id TEXT NOT NULL REFERENCES disruptions(id),
    office_id TEXT NOT NULL REFERENCES offices(id),
    PRIMARY KEY (disruption_id, office_id)
);
CREATE INDEX disruption_offices_by_office ON disruption_offices (office_id);

-- Every change to a declaration, never edited: the declaration itself, a new expected end,
-- a note, service restored.
CREATE TABLE disruption_updates (
    id BIGSERIAL PRIMARY KEY,
    disruption_id TEXT NOT NULL REFERENCES disruptions(id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('declared', 'updated', 'restored')),
    expected_end BIGINT,
    note TEXT NOT NULL,
    by_account TEXT
);
CREATE INDEX disruption_updates_by_disruption ON disruption_updates (disruption_id, id);

-- What an applicant is told in the app (polled): one row per booking and update.
CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    account_id TEXT NOT NULL,
    booking_id TEXT REFERENCES bookings(id),
    disruption_id TEXT REFERENCES disruptions(id),
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_by_account ON notifications (account_id, id);

-- The language an account reads its messages in (SMS and notices): 'id' unless chosen.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'id';

-- The SMS channel: messages in per keyed hash of the sender's number within a window (the rate
-- limit shared by all instances), and each inbound message once (a gateway retries).
CREATE TABLE sms_rate (
    phone_key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE TABLE sms_inbound (
    message_id TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);

-- After the visit: one rating per checked-in booking.
CREATE TABLE visit_ratings (
    booking_id TEXT PRIMARY KEY REFERENCES bookings(id),
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    rating BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX visit_ratings_by_office ON visit_ratings (office_id, day);

-- Integrity reports ("were you asked to pay beyond the official fee?"). An anonymous report
-- keeps no account and no booking; `integrity_claims` only records that a booking has filed
-- one (once per booking), with no link to which report.
CREATE TABLE integrity_reports (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    asked_to_pay BIGINT NOT NULL,
    amount BIGINT,
    place TEXT NOT NULL,
    occurred_at BIGINT,
    description TEXT NOT NULL,
    anonymous BIGINT NOT NULL,
    account_id TEXT,
    booking_id TEXT,
    created_day TEXT NOT NULL
);
CREATE INDEX integrity_reports_by_office ON integrity_reports (office_id, day);
CREATE TABLE integrity_claims (
    booking_id TEXT PRIMARY KEY REFERENCES bookings(id)
);
