-- synaq core schema: bank versions, questions, papers, API tokens, the audit chain.
-- One portable dialect for SQLite and PostgreSQL: BIGINT Unix-millisecond times, TEXT,
-- BIGINT 0/1 flags, JSON kept as TEXT. No engine-specific types or defaults.

CREATE TABLE bank_version (
    bank_version_id  TEXT PRIMARY KEY,          -- SHA-256 (hex) of the canonical bank content
    bank_name        TEXT NOT NULL,             -- lineage: versions of one bank share a name
    parent_id        TEXT NULL REFERENCES bank_version (bank_version_id),
    question_count   BIGINT NOT NULL,
    legal_count      BIGINT NOT NULL,
    functional_count BIGINT NOT NULL,
    retired          TEXT NOT NULL,             -- JSON array of question ids dropped since parent
    created_at       BIGINT NOT NULL,
    created_by       TEXT NOT NULL
);

CREATE INDEX bank_version_name_created ON bank_version (bank_name, created_at);

CREATE TABLE question (
    bank_version_id TEXT NOT NULL REFERENCES bank_version (bank_version_id),
    question_id     TEXT NOT NULL,
    section         TEXT NOT NULL,
    topic           TEXT NOT NULL,
    body            TEXT NOT NULL,              -- the validated question as JSON
    CONSTRAINT question_pk PRIMARY KEY (bank_version_id, question_id)
);

CREATE TABLE paper (
    paper_id        TEXT PRIMARY KEY,
    bank_version_id TEXT NOT NULL REFERENCES bank_version (bank_version_id),
    seed            TEXT NOT NULL,              -- 64 hex digits: regenerates the paper (p.16)
    lang            TEXT NOT NULL,
    profile         TEXT NOT NULL,              -- JSON
    blueprint       TEXT NOT NULL,              -- JSON
    exclusions      TEXT NOT NULL,              -- JSON array of question ids
    items           TEXT NOT NULL,              -- JSON: question ids and option orders
    created_at      BIGINT NOT NULL
);

CREATE TABLE api_token (
    token_hash  TEXT PRIMARY KEY,               -- SHA-256 (hex) of the bearer token; never the token
    role        TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked     BIGINT NOT NULL
);

CREATE TABLE audit_entry (
    seq            BIGINT PRIMARY KEY,          -- 1, 2, 3 ... without gaps
    at_ms          BIGINT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    subject        TEXT NOT NULL,
    payload_digest TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
