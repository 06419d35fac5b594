//! The local executive body's API (p.32, docs/certificates.md): the region's results with due
//! dates, the decision, the certificate (issue, PDF), the region's Appendix 5; the holder's
//! own certificates in the cabinet; the public keys and the public verification.
//!
//! Scope: an `leb_officer` reaches its region's people only (`Caller::scope`, a region slug);
//! every other session or certificate is 404, as one that does not exist. An administrator
//! reads every region (`region=` narrows the listing; Appendix 5 needs it) but takes no
//! decision and issues nothing: that is the LEB's act.

mod appendix5;
mod certificate;
mod decide;
mod results;
mod verify;
pub mod views;

use super::openapi::{Doc, binary};
use super::route::{Access, Entry};
use super::{Caller, Error};
use crate::domain::role::Role;
use crate::store::leb::Scope;
use views::{CertificateView, DecisionView, KeysView, LebListView, VerifyView};

const OFFICER: Access = Access::Authenticated(&[Role::LebOfficer]);
const READERS: Access = Access::Authenticated(&[Role::LebOfficer, Role::Admin]);

/// Whose rows `caller` reads: an officer its own region (whatever `region` says), an
/// administrator every region or the one `region` names.
fn scope(caller: &Caller, region: Option<&str>) -> Result<Scope, Error> {
    if caller.role == Some(Role::LebOfficer) {
        return caller.scope.clone().map(Scope::Region).ok_or_else(|| {
            Error::Conflict(
                "this leb_officer account names no region (p.32): an administrator must give it one".into(),
            )
        });
    }
    match region.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(Scope::All(None)),
        Some(typed) => crate::domain::region::find_region(typed)
            .map(|r| Scope::All(Some(r.slug.to_owned())))
            .map_err(|e| Error::bad_request("region", e.to_string())),
    }
}

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::get("/api/v1/leb/results", READERS, results::handle).doc(
            Doc::new("The region's results with the p.32 due dates, decisions and certificates")
                .describe("An leb_officer sees its region's people only; an admin every region (`region=` narrows). Across campaigns or one (`campaign`), `q` an IIN prefix or a part of the name, `status` one of `awaiting`, `voided`, `pending`, `decided`, `certified`; paginated (`page`, `per_page` 1 to 100).")
                .query::<results::Params>()
                .ok::<LebListView>(200, "a page of results")
                .errors(&[400, 409]),
        ),
        Entry::post("/api/v1/leb/sessions/{session}/decision", OFFICER, decide::handle).doc(
            Doc::new("Take the decision the current result calls for (p.32.1)")
                .describe("The verdict is the rules' (p.30) and is not chosen; the body gives the decision's date, the order/act number and a note. 409 while the result is under proctoring review or an appeal may change it, once voided, and when decided already. 404 outside the officer's region.")
                .json::<decide::Body>()
                .ok::<DecisionView>(201, "the decision")
                .errors(&[400, 404, 409]),
        ),
        Entry::post("/api/v1/leb/sessions/{session}/certificate", OFFICER, certificate::issue).doc(
            Doc::new("Issue the certificate of the decision (p.32.2, Appendix 3 or 4)")
                .describe("A unique number `<region>-<year>-<sequence>-<random>`; the QR payload is signed with Ed25519. 409 without a decision, for a decision that gives no certificate, twice, or once voided.")
                .ok::<CertificateView>(201, "the certificate")
                .errors(&[404, 409]),
        ),
        Entry::get("/api/v1/leb/certificates/{file}", READERS, certificate::pdf).doc(
            Doc::new("A certificate as PDF: `{number}.pdf` (or its JSON: `{number}`)")
                .answer(200, "the certificate", "application/pdf", binary("the certificate"))
                .errors(&[404]),
        ),
        Entry::get("/api/v1/leb/reports/appendix5", READERS, appendix5::handle).doc(
            Doc::new("The region's Appendix 5 (p.32.3) as XLSX or CSV")
                .describe("`format` `xlsx` (default) or `csv`; `campaign` narrows; an admin names the `region`.")
                .query::<appendix5::Params>()
                .answer(200, "the table", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary("Appendix 5"))
                .errors(&[400, 409]),
        ),
        Entry::get("/api/v1/me/certificates", Access::Authenticated(&[Role::Candidate]), certificate::mine).doc(
            Doc::new("The candidate's own certificates (the cabinet)")
                .ok_array::<CertificateView>(200, "the certificates, newest first"),
        ),
        Entry::get("/api/v1/me/certificates/{file}", Access::Authenticated(&[Role::Candidate]), certificate::mine_pdf).doc(
            Doc::new("The candidate's own certificate as PDF: `{number}.pdf`")
                .answer(200, "the certificate", "application/pdf", binary("the certificate"))
                .errors(&[404]),
        ),
        Entry::get("/api/v1/certificates/key", Access::Public, verify::keys).doc(
            Doc::new("The Ed25519 public keys that sign the certificates' QR codes")
                .describe("Generated on first use; a rotation retires the active key, which still verifies what it signed (docs/certificates.md).")
                .ok::<KeysView>(200, "the keys, the active one first"),
        ),
        Entry::post("/api/v1/admin/certificates/key/rotate", Access::Authenticated(&[Role::Admin]), verify::rotate).doc(
            Doc::new("Retire the active signing key and generate the next one")
                .ok::<KeysView>(201, "the keys, the new one first"),
        ),
        Entry::get("/api/v1/verify/{number}", Access::Public, verify::json).doc(
            Doc::new("Verify a certificate: genuine, current, expired or annulled")
                .describe("`p` and `s`, when given, must be the certificate's own QR payload and signature. No IIN, no score. 404 for a number never issued; 429 over 60 checks a minute from one address.")
                .query::<verify::Params>()
                .ok::<VerifyView>(200, "what the certificate shows and its status")
                .errors(&[404, 429]),
        ),
        Entry::get("/verify/{number}", Access::Public, verify::html),
    ]
}
