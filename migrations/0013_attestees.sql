-- The TMC's side of an attestation (issue 10, p.4-p.6, p.9-p.11, p.14): the announcement of a
-- campaign's testing dates, the list of attestees a TMC operator forms and corrects, and each
-- attestee's admission computed from the personnel and training data. An attestee becomes a
-- roster entry with an access code (roster_entry, 0002) only once admitted. Portable dialect,
-- as 0001.

-- The announcement with the testing dates, published in advance (p.11); one per campaign,
-- replaced by a new publication (each one audited).
CREATE TABLE campaign_announcement (
    campaign_id  TEXT PRIMARY KEY REFERENCES campaign (campaign_id),
    text_kk      TEXT NOT NULL,
    text_ru      TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by TEXT NOT NULL
);

-- One person of the list of attestees (p.9, Appendix 1), by IIN within a campaign.
CREATE TABLE attestee (
    attestee_id      TEXT PRIMARY KEY,
    campaign_id      TEXT NOT NULL REFERENCES campaign (campaign_id),
    number           TEXT NOT NULL,             -- Appendix 1 "No." as written; may be ''
    iin              TEXT NOT NULL,
    name             TEXT NOT NULL,
    position         TEXT NOT NULL,             -- position slug (seed 004)
    organization     TEXT NOT NULL,             -- the TMC whose operator formed the row
    procedure        TEXT NOT NULL,
    current_category TEXT NULL,
    claimed_category TEXT NULL,
    region           TEXT NOT NULL,             -- region slug (src/domain/region.rs)
    place_of_work    TEXT NOT NULL,
    service_years    TEXT NOT NULL,
    education        TEXT NOT NULL,
    -- The correction of p.10: NULL while included; else the reason's slug, its period and
    -- a note. The whole correction is also in the audit chain.
    excluded_reason  TEXT NULL,
    excluded_from    TEXT NULL,                 -- YYYY-MM-DD
    excluded_until   TEXT NULL,                 -- YYYY-MM-DD, the last day; NULL: open-ended
    excluded_note    TEXT NOT NULL DEFAULT '',
    -- The personnel and training data last uploaded for this person (JSON of
    -- domain::rules::Person without procedure and claimed category), NULL until uploaded.
    personnel        TEXT NULL,
    -- Admission (p.4-p.6, p.14): no_data, admitted or not_admitted, its reasons (JSON array
    -- of domain::rules::Reason) and the testing day it was computed for.
    admission        TEXT NOT NULL,
    reasons          TEXT NOT NULL,
    admission_on     TEXT NULL,
    -- The roster entry once a code was issued; code_dead = 1 after an exclusion killed it.
    roster_id        TEXT NULL REFERENCES roster_entry (roster_id),
    code_dead        BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CONSTRAINT attestee_iin_unique UNIQUE (campaign_id, iin)
);

CREATE INDEX attestee_campaign_organization ON attestee (campaign_id, organization);
