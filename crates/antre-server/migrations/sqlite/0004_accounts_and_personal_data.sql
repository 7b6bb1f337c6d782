-- Accounts nobody gets locked out of, personal data nobody can read. Kept identical to
-- migrations/postgres (types aside).

-- NIKs at rest: `nik` columns hold a keyed hash from now on (rows written before are converted
-- at start, see personal_data.rs); the applicant keeps the number sealed (AEAD) and its masked
-- form for display.
ALTER TABLE applicants ADD COLUMN nik_sealed TEXT;
ALTER TABLE applicants ADD COLUMN nik_masked TEXT;

-- Each channel is verified through itself; `verified_at` stays the email's.
ALTER TABLE accounts ADD COLUMN phone_verified_at INTEGER;
-- A deleted account keeps its row (bookings refer to it) without personal data.
ALTER TABLE accounts ADD COLUMN deleted_at INTEGER;

-- One-time codes per purpose: the email, the phone, a password reset. Codes in flight when
-- this runs are dropped: a new one is one tap away.
DROP TABLE verification_codes;
CREATE TABLE verification_codes (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('email', 'phone', 'reset')),
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at INTEGER NOT NULL,
    -- Codes sent for this purpose since `window_start` (a day), for the resend limit.
    sends INTEGER NOT NULL DEFAULT 1,
    window_start INTEGER NOT NULL,
    PRIMARY KEY (account_id, purpose)
);

-- Sessions: a device name, sliding expiry (`expires_at` moves on use) under an absolute limit.
ALTER TABLE auth_tokens ADD COLUMN id TEXT;
ALTER TABLE auth_tokens ADD COLUMN device TEXT;
ALTER TABLE auth_tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE auth_tokens ADD COLUMN absolute_expires_at INTEGER;
UPDATE auth_tokens SET id = token_hash, last_used_at = created_at, absolute_expires_at = created_at + 7776000;

-- Outbox messages say what they are for, never hold a code in a log line.
ALTER TABLE outbox ADD COLUMN purpose TEXT;

-- Failed attempts at a secret per keyed hash of the email (known or not), for the throttles
-- shared by all instances.
CREATE TABLE auth_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start INTEGER NOT NULL
);

-- A verifier of the deployment's data key (an HMAC of a fixed label, not the key): an instance
-- started with another key refuses to start instead of writing hashes nobody can match.
CREATE TABLE data_key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    verifier TEXT NOT NULL
);
