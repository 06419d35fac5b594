-- The administrators' listings and access codes (docs/admin-api.md): a campaign's sessions
-- counted by status, the logins of one exam session (closed when its access code is
-- re-issued), and why a session was voided (for the candidate's page). Portable dialect, as
-- 0001.

CREATE INDEX exam_session_campaign_status ON exam_session (campaign_id, status);

CREATE INDEX auth_session_exam_session ON auth_session (exam_session_id);

-- Why a session was voided, for the candidate's page in kk/ru (p.19): `signal` (the policy on
-- a proctoring signal, whose `kind` is kept), `review` (a reviewer confirmed a flag) or
-- `staff` (an administrator). Null on voids noted before this migration.
ALTER TABLE proctor_void ADD COLUMN cause TEXT NULL;
ALTER TABLE proctor_void ADD COLUMN kind TEXT NULL;
