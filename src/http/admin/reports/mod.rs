//! The professional-activity evaluation (p.28-1) and the reports to the regions' local
//! executive bodies (p.31, Appendix 2) and to the ministry (p.32, Appendix 5), for
//! administrators (docs/reports.md): the evaluation listing, one-by-one entry, the upload and
//! the gap policy (`evaluations`, `upload`, `policy`); the per-region dashboard with the
//! p.31 due dates, the downloads and the "sent" mark (`dashboard`, `download`, `sent`).

pub(super) mod dashboard;
pub(super) mod download;
pub(super) mod evaluations;
pub(super) mod policy;
pub(super) mod sent;
pub(super) mod upload;
pub mod views;

use crate::domain::calendar::Calendar;
use crate::domain::calendar::deadline::{Deadline, report_to_leb_deadline};
use crate::domain::report::RegionGroup;
use crate::http::Error;
use crate::store;
use crate::store::campaign::Campaign;

/// The report's deadline (p.31: 5 working days after testing ends, the campaign's
/// `closes_on`), counted on the server's calendar; a year without its decree is provisional.
async fn report_deadline(db: &store::Db, campaign: &Campaign) -> Result<Deadline, Error> {
    let calendar = calendar(db).await?;
    report_to_leb_deadline(&calendar, campaign.closes_on).map_err(|e| Error::Unprocessable {
        code: "deadline_unknown",
        message: e.to_string(),
        details: vec![],
    })
}

/// The shipped calendar with every stored confirmation applied.
async fn calendar(db: &store::Db) -> Result<Calendar, Error> {
    let base = Calendar::embedded().map_err(|e| Error::Internal(Box::new(e)))?;
    Ok(store::calendar::load(db, base).await?)
}

/// The region a query or path names: a slug of the 20 regions, or `none`.
fn region_group(field: &str, text: &str) -> Result<RegionGroup, Error> {
    RegionGroup::parse(text).ok_or_else(|| {
        Error::bad_request(
            field,
            format!(
                "{text:?} is not a region: give a slug ({}) or none (the rows without a region)",
                crate::domain::region::REGIONS
                    .iter()
                    .map(|r| r.slug)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}
