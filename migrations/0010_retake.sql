-- The administrator's retake for a technical fault (p.25, docs/appeals.md "Retake"). A session
-- is one per roster entry and a roster one per IIN and campaign, so the retake is a sitting in a
-- retake campaign: a child of the original campaign, made once and reused for its later
-- retakes. Portable dialect, as 0001.

-- The retake campaign of an original campaign (at most one each).
CREATE TABLE campaign_retake_of (
    campaign_id          TEXT PRIMARY KEY REFERENCES campaign (campaign_id),
    original_campaign_id TEXT NOT NULL REFERENCES campaign (campaign_id),
    CONSTRAINT campaign_retake_of_original_unique UNIQUE (original_campaign_id)
);

-- One retake per appeal: the original session it remedies and the new session (its roster
-- entry holds the new code's digest) in the retake campaign.
CREATE TABLE retake (
    appeal_id           TEXT NOT NULL REFERENCES appeal (appeal_id),
    original_session_id TEXT NOT NULL REFERENCES exam_session (session_id),
    session_id          TEXT NOT NULL REFERENCES exam_session (session_id),
    campaign_id         TEXT NOT NULL REFERENCES campaign (campaign_id),
    granted_by          TEXT NOT NULL,          -- the audit actor's stored form
    granted_at          BIGINT NOT NULL,
    CONSTRAINT retake_pk PRIMARY KEY (appeal_id),
    CONSTRAINT retake_session_unique UNIQUE (session_id)
);

CREATE INDEX retake_original_session ON retake (original_session_id);
