-- The attestation around the exam (issue 10, p.9-p.12, p.31-p.32): the Appendix 1 columns a
-- roster row carries beyond the exam's own (region, place of work, years of service in social
-- protection / employment) and the education Appendix 5 reports; and the scope of a staff
-- member or API token whose role sees one organization (`tmc_operator`) or one region
-- (`leb_officer`, a slug of src/domain/region.rs). Portable dialect, as 0001.

ALTER TABLE roster_entry ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE roster_entry ADD COLUMN place_of_work TEXT NOT NULL DEFAULT '';
ALTER TABLE roster_entry ADD COLUMN service_years TEXT NOT NULL DEFAULT '';
ALTER TABLE roster_entry ADD COLUMN education TEXT NOT NULL DEFAULT '';

CREATE INDEX roster_entry_campaign_region ON roster_entry (campaign_id, region);
CREATE INDEX roster_entry_campaign_organization ON roster_entry (campaign_id, organization);

ALTER TABLE staff_user ADD COLUMN scope TEXT NULL;
ALTER TABLE api_token ADD COLUMN scope TEXT NULL;

-- The results sent to a region's local executive body (p.31, Appendix 2): when and by whom.
-- The LEB's 3 working days (p.32) run from here.
CREATE TABLE report_dispatch (
    campaign_id TEXT NOT NULL REFERENCES campaign (campaign_id),
    region      TEXT NOT NULL,
    sent_at     BIGINT NOT NULL,
    sent_by     TEXT NOT NULL,
    CONSTRAINT report_dispatch_pk PRIMARY KEY (campaign_id, region)
);
