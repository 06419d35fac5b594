//! The setup with the admin token: pick the bank version, create a periodic campaign open
//! today for 30 days, and upload a roster of generated candidates in chunks of 1,000 rows,
//! keeping the one-time codes the server answers with.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use indicatif::ProgressBar;

use crate::api::{Api, Id, NewCampaign, RosterEntry};
use crate::iin;

/// Rows per roster upload: large rosters go in several requests.
pub const ROSTER_CHUNK: usize = 1_000;
/// Kazakhstan's civil time is UTC+5: the campaign opens on the server's today.
const KZ_OFFSET_S: i64 = 5 * 3600;
/// How long the campaign stays open.
const OPEN_DAYS: i64 = 30;

/// What setup leaves: the campaign and one roster entry per candidate.
pub struct Setup {
    pub campaign: Id,
    pub bank: String,
    pub seats: Vec<RosterEntry>,
}

/// Creates the campaign and its roster of `count` candidates.
pub async fn run(
    api: &Api,
    admin: &str,
    bank: Option<&str>,
    position: &str,
    count: usize,
    progress: &ProgressBar,
) -> anyhow::Result<Setup> {
    let bank = match bank {
        Some(b) => b.to_owned(),
        None => newest_bank(api, admin).await?,
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let today = (now + KZ_OFFSET_S).div_euclid(86_400);
    let opens_on = civil_date(today);
    let closes_on = civil_date(today + OPEN_DAYS);
    let name = format!("loadtest {now} ({count} candidates)");
    let campaign = api
        .create_campaign(
            admin,
            &NewCampaign {
                name: &name,
                bank_version: &bank,
                opens_on: &opens_on,
                closes_on: &closes_on,
            },
        )
        .await
        .context("creating the campaign")?;

    let iins = iin::generate(count, rand::random_range(0..iin::SLOTS));
    let mut seats = Vec::with_capacity(count);
    progress.set_length(count as u64);
    progress.set_message("roster");
    for (chunk_no, chunk) in iins.chunks(ROSTER_CHUNK).enumerate() {
        let first = chunk_no * ROSTER_CHUNK;
        let csv = roster_csv(chunk, first, position);
        let entries = api.roster(admin, &campaign, csv).await.with_context(|| {
            format!(
                "uploading roster rows {}..{}",
                first + 1,
                first + chunk.len()
            )
        })?;
        if entries.len() != chunk.len() {
            bail!(
                "the roster upload of {} rows answered {} entries",
                chunk.len(),
                entries.len()
            );
        }
        seats.extend(entries);
        progress.set_position(seats.len() as u64);
    }
    Ok(Setup {
        campaign,
        bank,
        seats,
    })
}

async fn newest_bank(api: &Api, admin: &str) -> anyhow::Result<String> {
    let banks = api
        .banks(admin)
        .await
        .context("listing the bank versions")?;
    match banks.into_iter().next() {
        Some(b) => Ok(b.version),
        None => bail!("the server has no bank version: upload one first (POST /api/v1/banks)"),
    }
}

/// The roster CSV of one chunk; `first` numbers the names across chunks.
pub fn roster_csv(iins: &[String], first: usize, position: &str) -> String {
    let mut csv = String::from(
        "iin,name,position,organization,procedure,current_category,claimed_category\n",
    );
    for (i, iin) in iins.iter().enumerate() {
        let n = first + i + 1;
        csv.push_str(&format!(
            "{iin},Нагрузка Кандидат {n:06},{position},Центр трудовой мобильности (нагрузочный тест),periodic,,\n"
        ));
    }
    csv
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (the proleptic Gregorian calendar).
pub fn civil_date(days: i64) -> String {
    // Shift to an era starting on 0000-03-01 so leap days fall at the end of a year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_of_known_days() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_784), "2026-11-27");
        assert_eq!(civil_date(20_784 + 35), "2027-01-01");
    }

    #[test]
    fn a_day_before_the_epoch_is_the_last_of_1969() {
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn roster_chunk_has_the_header_and_one_row_per_iin() {
        let csv = roster_csv(&["600101300000".into(), "600102300001".into()], 1_000, "p");
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("iin,name,position"));
        assert!(lines[2].starts_with("600102300001,Нагрузка Кандидат 001002,p,"));
        assert!(lines[2].ends_with(",periodic,,"));
        assert!(lines.iter().all(|l| l.split(',').count() == 7));
    }
}
