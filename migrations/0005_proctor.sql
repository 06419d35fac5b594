-- Proctoring (p.13, p.19): vendors and their secrets, the signals they and the exam page send,
-- replay keys, the policy of each campaign, voids and reinstatements, evidence and the human
-- review queue. Portable dialect, as 0001 (BIGINT Unix-ms times, TEXT, JSON as TEXT).

CREATE TABLE proctor_vendor (
    name            TEXT PRIMARY KEY,           -- the {vendor} of the callback routes
    adapter         TEXT NOT NULL,              -- native | edx | proctorio | proctoru
    secret_current  TEXT NOT NULL,              -- HMAC keys must be kept as they are: never returned
    secret_previous TEXT NULL,                  -- still accepted during a rotation
    created_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE proctor_signal (
    signal_id     TEXT PRIMARY KEY,
    dedupe_key    TEXT NOT NULL,                -- source:event_id
    session_id    TEXT NOT NULL REFERENCES exam_session (session_id),
    source        TEXT NOT NULL,                -- the vendor name or `page`
    kind          TEXT NOT NULL,
    replaces      TEXT NULL,                    -- a later signal with this key replaces this one
    superseded_by TEXT NULL,                    -- the later signal; kept for history
    action        TEXT NOT NULL,                -- record | flag | void: what the policy decided
    signal        TEXT NOT NULL,                -- JSON of the neutral signal, raw payload inside
    received_at   BIGINT NOT NULL,
    CONSTRAINT proctor_signal_dedupe_unique UNIQUE (dedupe_key)
);
CREATE INDEX proctor_signal_session ON proctor_signal (session_id, received_at);

CREATE TABLE proctor_nonce (
    vendor      TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    result      TEXT NOT NULL,                  -- JSON answer given the first time
    received_at BIGINT NOT NULL,
    CONSTRAINT proctor_nonce_pk PRIMARY KEY (vendor, nonce)
);

CREATE TABLE proctor_policy (
    campaign_id     TEXT PRIMARY KEY REFERENCES campaign (campaign_id),
    policy          TEXT NOT NULL,              -- the policy JSON as the administrator wrote it
    review_window_h BIGINT NOT NULL,            -- results provisional this long after the end
    second_review   BIGINT NOT NULL,            -- 1: two reviewers confirm an automated flag
    updated_at      BIGINT NOT NULL,
    updated_by      TEXT NOT NULL
);

CREATE TABLE proctor_void (
    void_id          TEXT PRIMARY KEY,
    session_id       TEXT NOT NULL REFERENCES exam_session (session_id),
    reason           TEXT NOT NULL,
    voided_by        TEXT NOT NULL,
    voided_at        BIGINT NOT NULL,
    reinstated_at    BIGINT NULL,
    reinstated_by    TEXT NULL,
    reinstate_reason TEXT NULL
);
CREATE INDEX proctor_void_session ON proctor_void (session_id, voided_at);

CREATE TABLE proctor_evidence (
    sha256      TEXT PRIMARY KEY,               -- content address of the original bytes
    mime        TEXT NOT NULL,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    bytes       BIGINT NOT NULL,
    original    TEXT NOT NULL,                  -- base64, at most EvidenceLimits::max_bytes decoded
    thumbnail   TEXT NOT NULL,                  -- base64 PNG, at most 320 px on its longer side
    received_at BIGINT NOT NULL
);

CREATE TABLE proctor_review (
    session_id   TEXT PRIMARY KEY REFERENCES exam_session (session_id),
    state        TEXT NOT NULL,                 -- open | confirmed | dismissed | voided (otherwise)
    automated    BIGINT NOT NULL,               -- 1: opened by an automated flag
    opened_at    BIGINT NOT NULL,
    closed_at    BIGINT NULL
);

CREATE TABLE proctor_review_vote (
    session_id TEXT NOT NULL REFERENCES exam_session (session_id),
    reviewer   TEXT NOT NULL,
    decision   TEXT NOT NULL,                   -- confirm | dismiss
    reason     TEXT NOT NULL,
    at_ms      BIGINT NOT NULL,
    round      BIGINT NOT NULL,                 -- the review's opening it belongs to (opened_at)
    CONSTRAINT proctor_review_vote_pk PRIMARY KEY (session_id, round, reviewer)
);
