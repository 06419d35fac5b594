-- Results as versions: a session's score and decision are never overwritten in place. The exam
-- writes version 1; an appeal (p.26) or a propagated key correction writes the next version,
-- which supersedes the one before; a void (p.19) annuls every version. Portable dialect, as 0001.

CREATE TABLE result (
    result_id   TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES exam_session (session_id),
    version     BIGINT NOT NULL,                -- 1, 2, 3 ... per session
    source      TEXT NOT NULL,                  -- exam | appeal | propagation
    correct     BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    percent_bp  BIGINT NOT NULL,                -- percent x 100 (basis points)
    decision    TEXT NOT NULL,                  -- JSON of the rules' Decision: outcome, policy, clauses
    supersedes  TEXT NULL REFERENCES result (result_id),
    created_at  BIGINT NOT NULL,
    created_by  TEXT NOT NULL,
    annulled_at BIGINT NULL,                    -- the session was voided (p.19)
    CONSTRAINT result_session_version_unique UNIQUE (session_id, version)
);

-- Sessions scored before this migration: their score becomes version 1. A decision that could
-- not be made was stored as {"error": ...}; such a session keeps no result.
INSERT INTO result (result_id, session_id, version, source, correct, total, percent_bp, decision,
                    supersedes, created_at, created_by, annulled_at)
SELECT session_id || '-r1', session_id, 1, 'exam', correct, total, percent_bp, decision,
       NULL, COALESCE(ended_at, updated_at), 'migration:0003',
       CASE WHEN status = 'voided' THEN updated_at ELSE NULL END
FROM exam_session
WHERE correct IS NOT NULL AND decision IS NOT NULL AND decision NOT LIKE '{"error"%';

ALTER TABLE exam_session DROP COLUMN correct;
ALTER TABLE exam_session DROP COLUMN total;
ALTER TABLE exam_session DROP COLUMN percent_bp;
ALTER TABLE exam_session DROP COLUMN decision;
