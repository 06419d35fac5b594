-- The live exam: staff accounts, login sessions, campaigns, rosters with access codes, exam
-- sessions, answers and the append-only answer journal. Portable dialect, as 0001.

CREATE TABLE staff_user (
    user_id       TEXT PRIMARY KEY,
    username      TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,                -- pbkdf2-sha256$iterations$salt$hash (hex)
    created_at    BIGINT NOT NULL,
    disabled      BIGINT NOT NULL,
    CONSTRAINT staff_user_username_unique UNIQUE (username)
);

CREATE TABLE auth_session (
    token_hash      TEXT PRIMARY KEY,           -- SHA-256 (hex) of the opaque token
    role            TEXT NOT NULL,
    user_id         TEXT NULL REFERENCES staff_user (user_id),
    exam_session_id TEXT NULL,
    name            TEXT NOT NULL,
    csrf            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);

CREATE TABLE campaign (
    campaign_id     TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    bank_version_id TEXT NOT NULL REFERENCES bank_version (bank_version_id),
    procedure       TEXT NOT NULL,
    languages       TEXT NOT NULL,              -- JSON array of kk / ru
    blueprint       TEXT NOT NULL,              -- JSON
    opens_on        TEXT NOT NULL,              -- YYYY-MM-DD, Asia/Almaty
    closes_on       TEXT NOT NULL,
    duration_min    BIGINT NOT NULL,            -- 120 (p.18)
    created_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL
);

CREATE TABLE roster_entry (
    roster_id        TEXT PRIMARY KEY,
    campaign_id      TEXT NOT NULL REFERENCES campaign (campaign_id),
    iin              TEXT NOT NULL,
    name             TEXT NOT NULL,
    position         TEXT NOT NULL,             -- position slug (seed 004)
    organization     TEXT NOT NULL,
    procedure        TEXT NOT NULL,
    current_category TEXT NULL,
    claimed_category TEXT NULL,
    code_hash        TEXT NOT NULL,             -- SHA-256 (hex) of the one-time access code
    created_at       BIGINT NOT NULL,
    CONSTRAINT roster_entry_code_unique UNIQUE (code_hash),
    CONSTRAINT roster_entry_iin_unique UNIQUE (campaign_id, iin)
);

CREATE TABLE exam_session (
    session_id    TEXT PRIMARY KEY,
    roster_id     TEXT NOT NULL REFERENCES roster_entry (roster_id),
    campaign_id   TEXT NOT NULL REFERENCES campaign (campaign_id),
    status        TEXT NOT NULL,                -- scheduled rules in_progress submitted expired scored voided
    lang          TEXT NULL,
    paper_id      TEXT NULL REFERENCES paper (paper_id),
    started_at    BIGINT NULL,
    deadline      BIGINT NULL,                  -- started_at + duration + extensions
    extension_min BIGINT NOT NULL,
    ended_at      BIGINT NULL,
    end_reason    TEXT NULL,                    -- submitted time_up forced voided
    correct       BIGINT NULL,
    total         BIGINT NULL,
    percent_bp    BIGINT NULL,                  -- percent x 100 (basis points)
    decision      TEXT NULL,                    -- JSON of the rules' Decision
    updated_at    BIGINT NOT NULL,
    CONSTRAINT exam_session_roster_unique UNIQUE (roster_id)
);

CREATE INDEX exam_session_status_deadline ON exam_session (status, deadline);

CREATE TABLE answer (
    session_id TEXT NOT NULL REFERENCES exam_session (session_id),
    q          BIGINT NOT NULL,                 -- 1-based number on the paper
    choice     TEXT NOT NULL,                   -- JSON array of option ids
    choice_seq BIGINT NOT NULL,                 -- the client seq that set `choice`
    flagged    BIGINT NOT NULL,
    flag_seq   BIGINT NOT NULL,
    CONSTRAINT answer_pk PRIMARY KEY (session_id, q)
);

CREATE TABLE answer_journal (
    session_id TEXT NOT NULL REFERENCES exam_session (session_id),
    seq        BIGINT NOT NULL,
    q          BIGINT NOT NULL,
    kind       TEXT NOT NULL,                   -- answer | flag
    value      TEXT NOT NULL,                   -- JSON: the choice, or true/false
    at_ms      BIGINT NOT NULL,
    node       TEXT NOT NULL,
    CONSTRAINT answer_journal_pk PRIMARY KEY (session_id, seq)
);
