//! The administrators' listings: campaigns with their progress, and a campaign's sessions,
//! each paginated (`page`, `per_page`) and searchable (`q`). One or two statements per page
//! whatever the size of the campaign (`store::listing`).

pub(super) mod campaigns;
pub(super) mod sessions;

use crate::http::Error;
use crate::store::listing::Page;

/// Rows per page when the request does not say.
pub const PER_PAGE: i64 = 50;

/// The most rows a page may hold.
pub const MAX_PER_PAGE: i64 = 100;

/// The page asked for: `page` from 1, `per_page` 1 to [`MAX_PER_PAGE`].
pub(in crate::http) fn page(page: Option<i64>, per_page: Option<i64>) -> Result<Page, Error> {
    let number = page.unwrap_or(1);
    if number < 1 {
        return Err(Error::bad_request(
            "page",
            format!("{number}: pages count from 1"),
        ));
    }
    let size = per_page.unwrap_or(PER_PAGE);
    if !(1..=MAX_PER_PAGE).contains(&size) {
        return Err(Error::bad_request(
            "per_page",
            format!("{size}: 1 to {MAX_PER_PAGE}"),
        ));
    }
    Ok(Page { number, size })
}

/// The search text: trimmed, none when empty, at most 100 characters.
pub(in crate::http) fn search(q: Option<String>) -> Result<Option<String>, Error> {
    let Some(q) = q else { return Ok(None) };
    let q = q.trim();
    if q.chars().count() > 100 {
        return Err(Error::bad_request("q", "at most 100 characters"));
    }
    Ok((!q.is_empty()).then(|| q.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_counts_from_one_and_holds_one_to_a_hundred_rows() {
        assert_eq!(
            page(None, None).unwrap(),
            Page {
                number: 1,
                size: 50
            }
        );
        assert_eq!(
            page(Some(3), Some(100)).unwrap(),
            Page {
                number: 3,
                size: 100
            }
        );
        for (p, n, field) in [
            (Some(0), None, "page"),
            (None, Some(0), "per_page"),
            (None, Some(101), "per_page"),
        ] {
            match page(p, n) {
                Err(Error::BadRequest { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{p:?} {n:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_blank_search_is_no_search() {
        assert_eq!(search(Some("  ".into())).unwrap(), None);
        assert_eq!(search(Some(" 8503 ".into())).unwrap(), Some("8503".into()));
        assert!(search(Some("я".repeat(101))).is_err());
    }
}
