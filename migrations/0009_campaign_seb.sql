-- Safe Exam Browser per campaign (docs/proctoring.md, "Safe Exam Browser"): the Config Key of
-- the exam's SEB settings and the Browser Exam Keys of the SEB builds admitted. Without a row
-- the campaign does not require SEB. Switching it off deletes the row (the audit chain keeps
-- every setting). Portable dialect, as 0001.

CREATE TABLE campaign_seb (
    campaign_id       TEXT PRIMARY KEY REFERENCES campaign (campaign_id),
    config_key        TEXT NOT NULL,            -- 64 lowercase hex characters
    browser_exam_keys TEXT NOT NULL,            -- JSON array of 64-hex keys, at least one
    updated_at        BIGINT NOT NULL,
    updated_by        TEXT NOT NULL
);
