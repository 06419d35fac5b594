-- The professional-activity evaluation (p.28-1, Appendix 1-2) and the reports (p.31-p.32):
-- the campaign's named policy for the rating gap of Appendix 1-2 (`zero`, the default: 0
-- points and flagged for the commission; `ten`), and one evaluation per exam session of a
-- category applicant who reached the threshold, with the result version it was computed
-- from, the rules' `Evaluation` as JSON, and who entered it and when. Entering it again
-- replaces it; every entry is in the audit chain (`evaluation.enter`). Portable dialect, as
-- 0001.

ALTER TABLE campaign ADD COLUMN gap_policy TEXT NOT NULL DEFAULT 'zero';

CREATE TABLE evaluation (
    session_id   TEXT PRIMARY KEY REFERENCES exam_session (session_id),
    campaign_id  TEXT NOT NULL REFERENCES campaign (campaign_id),
    result_id    TEXT NOT NULL REFERENCES result (result_id), -- the result version evaluated
    rating       TEXT NOT NULL,              -- 0-5 as written back by the rules ("4.2")
    violations   BIGINT NOT NULL,            -- recorded over the last 12 months (yes = 1)
    evaluation   TEXT NOT NULL,              -- JSON of the rules' Evaluation: points, gap, policy, clauses
    source       TEXT NOT NULL,              -- entry | upload
    evaluated_at BIGINT NOT NULL,
    evaluated_by TEXT NOT NULL
);

CREATE INDEX evaluation_campaign ON evaluation (campaign_id);
