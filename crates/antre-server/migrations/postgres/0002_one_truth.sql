-- One truth in the database: every decision that N server instances must agree on is a row
-- here, not a copy in one process's memory. Kept identical to migrations/sqlite (types aside).

-- A closed office-day (closure, holiday added later, extra day withdrawn) keeps its slots and
-- their bookings, but no place of it can be taken: `closed` is part of the capacity rule.
ALTER TABLE slots ADD COLUMN closed BIGINT NOT NULL DEFAULT 0;
DROP INDEX slots_open_by_lane_day;
CREATE INDEX slots_open_by_lane_day ON slots (lane, day, office_id, released_at, starts_at, capacity, booked) WHERE booked < capacity AND closed = 0;

-- Who changed an office-day and when (the audit log has the full trail).
ALTER TABLE office_days ADD COLUMN changed_by TEXT;
ALTER TABLE office_days ADD COLUMN changed_at BIGINT NOT NULL DEFAULT 0;

-- Changes to an office's calendar and the planning of its days take this row's lock first
-- (`UPDATE offices SET calendar_version = calendar_version + 1`), so a closure and the opening
-- of the same day by another instance happen one after the other, never interleaved.
ALTER TABLE offices ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;
-- Office policy: whether staff may take payment at the counter.
ALTER TABLE offices ADD COLUMN counter_payment BIGINT NOT NULL DEFAULT 0;

-- Every office-day that has been planned (its slots created, or found to be no service day),
-- so that opening the horizon fills each missing day, not only days after the last one.
CREATE TABLE planned_days (
    office_id TEXT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    PRIMARY KEY (office_id, day)
);
INSERT INTO planned_days (office_id, day) SELECT DISTINCT office_id, day FROM slots;

-- Background jobs: one row per job; an instance runs a pass only after moving `next_run_at`
-- forward in a conditional update, so each pass runs on exactly one instance.
CREATE TABLE job_runs (
    job TEXT PRIMARY KEY,
    next_run_at BIGINT NOT NULL,
    holder TEXT,
    started_at BIGINT,
    finished_at BIGINT,
    runs BIGINT NOT NULL DEFAULT 0
);

-- Public keys that have signed booking proofs (never private keys), by key id, so a proof
-- printed last week verifies after the signing key was rotated, on any instance.
CREATE TABLE proof_keys (
    kid TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    first_used_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);

-- Every payment received, whatever became of it: applied, reinstating a lapsed booking, or
-- owed back (late after a cancel, twice, or a wrong amount).
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    provider_reference TEXT NOT NULL,
    billing_code TEXT NOT NULL,
    booking_id TEXT REFERENCES bookings(id),
    amount BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'reinstated', 'refund_due')),
    reason TEXT,
    UNIQUE (channel, provider_reference)
);
CREATE INDEX payments_by_booking ON payments (booking_id);

-- Every staff action: who, when, what, at which office. Written in the same transaction as
-- the action; the API has no way to change or delete a row.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_account_id TEXT,
    actor_role TEXT NOT NULL,
    office_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_by_office ON audit_log (office_id, id);

-- An applicant removed from an account keeps its row (bookings refer to it and keep their
-- history); adding the same NIK again brings the row back.
ALTER TABLE applicants ADD COLUMN removed_at BIGINT;
