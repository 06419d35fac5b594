-- The local executive body's decisions and certificates (p.32, Appendix 3 and 4), and the
-- Ed25519 keys that sign the certificates' QR codes (docs/certificates.md). Portable dialect,
-- as 0001.

-- The signing keys. The active key (`active` = 1) signs new certificates; a retired key
-- (`active` NULL, `retired_at` set) stays to verify what it signed. The private key is the
-- PKCS#8 document, base64: never served, never logged.
CREATE TABLE certificate_key (
    key_id     TEXT PRIMARY KEY,                -- 16 hex digits of the public key's SHA-256
    public_key TEXT NOT NULL,                   -- 32 bytes, base64url
    pkcs8      TEXT NOT NULL,                   -- the private key, PKCS#8 v2, base64url
    active     BIGINT NULL,                     -- 1 for the one active key, else NULL
    created_at BIGINT NOT NULL,
    retired_at BIGINT NULL,
    CONSTRAINT certificate_key_one_active UNIQUE (active)
);

-- The LEB's decision on one result version (p.32.1): the verdict the rules' outcome calls for,
-- confirmed by the officer with the act's own date and number. A later result version (an
-- appeal's, a propagation's) needs a decision of its own.
CREATE TABLE leb_decision (
    decision_id     TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES exam_session (session_id),
    result_id       TEXT NOT NULL REFERENCES result (result_id),
    region          TEXT NOT NULL,              -- the roster row's region when decided
    verdict         TEXT NOT NULL,              -- JSON of domain::certificate::Verdict
    decided_on      TEXT NOT NULL,              -- the decision's own date, YYYY-MM-DD
    order_number    TEXT NOT NULL,              -- the order / act number
    note            TEXT NOT NULL,
    due_on          TEXT NOT NULL,              -- p.32: the last day in time, YYYY-MM-DD
    due_provisional BIGINT NOT NULL,            -- 1: counted over a provisional year
    decided_at      BIGINT NOT NULL,
    decided_by      TEXT NOT NULL,
    CONSTRAINT leb_decision_result_unique UNIQUE (result_id)
);

CREATE INDEX leb_decision_session ON leb_decision (session_id);

-- A certificate issued after a positive decision (p.32.2). `payload` and `signature` are the
-- QR's `p` and `s` exactly as signed; `fields` what the form shows. A void of the session
-- annuls it (p.19) in the void's transaction; `live` (1, NULL once annulled) keeps one live
-- certificate per decision.
CREATE TABLE certificate (
    certificate_number TEXT PRIMARY KEY,        -- <region>-<year>-<seq>-<random>
    decision_id        TEXT NOT NULL REFERENCES leb_decision (decision_id),
    session_id         TEXT NOT NULL REFERENCES exam_session (session_id),
    region             TEXT NOT NULL,
    year               BIGINT NOT NULL,
    seq                BIGINT NOT NULL,
    kind               TEXT NOT NULL,           -- appendix_3 | appendix_4
    fields             TEXT NOT NULL,           -- JSON: the form's fields
    payload            TEXT NOT NULL,           -- base64url of the signed bytes
    signature          TEXT NOT NULL,           -- base64url Ed25519 signature
    key_id             TEXT NOT NULL REFERENCES certificate_key (key_id),
    verify_url         TEXT NOT NULL,           -- what the QR encodes
    issued_at          BIGINT NOT NULL,
    issued_by          TEXT NOT NULL,
    annulled_at        BIGINT NULL,
    live               BIGINT NULL,
    CONSTRAINT certificate_region_year_seq UNIQUE (region, year, seq),
    CONSTRAINT certificate_live_decision UNIQUE (decision_id, live)
);

CREATE INDEX certificate_session ON certificate (session_id);
