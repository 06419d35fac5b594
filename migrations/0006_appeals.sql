-- Appeals (p.21-p.26): each campaign's commission, the appeals with their disputed questions,
-- the panel's votes, and the notices shown in the cabinets. Portable dialect, as 0001.

-- The commission of a campaign, formed by the QIO head's order (p.22): its members and seats
-- (chair, member, secretary, reserve) and the campaign's appeal policies, as JSON.
CREATE TABLE commission (
    campaign_id TEXT PRIMARY KEY REFERENCES campaign (campaign_id),
    members     TEXT NOT NULL,                  -- JSON array of {username, seat, organization}
    policies    TEXT NOT NULL,                  -- JSON {annulled, technical}
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT NOT NULL
);

-- One appeal per session: a draft until submitted (received, p.24), closed by the chair.
CREATE TABLE appeal (
    appeal_id        TEXT PRIMARY KEY,
    session_id       TEXT NOT NULL REFERENCES exam_session (session_id),
    campaign_id      TEXT NOT NULL REFERENCES campaign (campaign_id),
    result_id        TEXT NOT NULL REFERENCES result (result_id), -- the result appealed
    status           TEXT NOT NULL,             -- draft | submitted | closed
    questions        TEXT NOT NULL,             -- JSON array of {number, ground, justification}
    filing_closes_at BIGINT NOT NULL,           -- p.21: the first instant too late to submit
    received_at      BIGINT NULL,               -- submitted
    decide_by        BIGINT NULL,               -- p.24: the first instant the decision is late
    panel            TEXT NULL,                 -- JSON: fixed at the first vote
    escalated_at     BIGINT NULL,               -- less than 24 h were left, chair and admin told
    breached_at      BIGINT NULL,               -- decide_by passed while open (p.24)
    closed_at        BIGINT NULL,
    closed_by        TEXT NULL,
    decision         TEXT NULL,                 -- JSON: majorities, outcomes, scores before/after
    new_result_id    TEXT NULL REFERENCES result (result_id),
    propagated_at    BIGINT NULL,               -- its corrections applied to the campaign
    revision         BIGINT NOT NULL,           -- +1 on every change: a close decides on what it read
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CONSTRAINT appeal_session_unique UNIQUE (session_id)
);

CREATE INDEX appeal_campaign_status ON appeal (campaign_id, status);

-- A voter's vote on a disputed question; a changed vote replaces the earlier one (the audit
-- chain keeps both).
CREATE TABLE appeal_vote (
    appeal_id TEXT NOT NULL REFERENCES appeal (appeal_id),
    question  BIGINT NOT NULL,
    voter     TEXT NOT NULL,
    verdict   TEXT NOT NULL,                    -- uphold | reject
    reason    TEXT NOT NULL,
    at_ms     BIGINT NOT NULL,
    CONSTRAINT appeal_vote_pk PRIMARY KEY (appeal_id, question, voter)
);

-- What the cabinets show: received, escalated, breached, decided, propagated.
CREATE TABLE appeal_notice (
    notice_id TEXT PRIMARY KEY,
    appeal_id TEXT NULL REFERENCES appeal (appeal_id),
    recipient TEXT NOT NULL,                    -- session:<id> | user:<username> | role:admin
    kind      TEXT NOT NULL,
    body      TEXT NOT NULL,                    -- JSON {kk, ru, ...}
    at_ms     BIGINT NOT NULL
);

CREATE INDEX appeal_notice_recipient ON appeal_notice (recipient, at_ms);
