//! The regions of Kazakhstan whose local executive bodies (LEB) receive the results and issue
//! the certificates (p.31, p.32): the 17 oblasts and the 3 cities of republican significance.
//! A roster row names its region; the reports are written per region, and an `leb_officer`
//! sees only its own region's people.

use crate::domain::rules::normalize;

/// One region: a stable slug (stored), and its names in Russian and Kazakh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    pub slug: &'static str,
    pub name_ru: &'static str,
    pub name_kk: &'static str,
}

/// Every region, in the order the Statistics Bureau lists them (oblasts, then the cities).
pub const REGIONS: [Region; 20] = [
    region("abai", "Абайская область", "Абай облысы"),
    region("akmola", "Акмолинская область", "Ақмола облысы"),
    region("aktobe", "Актюбинская область", "Ақтөбе облысы"),
    region("almaty_region", "Алматинская область", "Алматы облысы"),
    region("atyrau", "Атырауская область", "Атырау облысы"),
    region(
        "west_kazakhstan",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
    ),
    region("jambyl", "Жамбылская область", "Жамбыл облысы"),
    region("jetisu", "Область Жетісу", "Жетісу облысы"),
    region("karaganda", "Карагандинская область", "Қарағанды облысы"),
    region("kostanay", "Костанайская область", "Қостанай облысы"),
    region("kyzylorda", "Кызылординская область", "Қызылорда облысы"),
    region("mangystau", "Мангистауская область", "Маңғыстау облысы"),
    region("pavlodar", "Павлодарская область", "Павлодар облысы"),
    region(
        "north_kazakhstan",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
    ),
    region("turkistan", "Туркестанская область", "Түркістан облысы"),
    region("ulytau", "Область Ұлытау", "Ұлытау облысы"),
    region(
        "east_kazakhstan",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
    ),
    region("astana", "Город Астана", "Астана қаласы"),
    region("almaty", "Город Алматы", "Алматы қаласы"),
    region("shymkent", "Город Шымкент", "Шымкент қаласы"),
];

const fn region(slug: &'static str, name_ru: &'static str, name_kk: &'static str) -> Region {
    Region {
        slug,
        name_ru,
        name_kk,
    }
}

impl Region {
    /// The region of a stored slug.
    pub fn by_slug(slug: &str) -> Option<&'static Region> {
        REGIONS.iter().find(|r| r.slug == slug)
    }
}

/// An unknown region, with the slugs to choose from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown or ambiguous region {0:?}: give a slug ({slugs}) or the region's name in Russian or Kazakh",
    slugs = REGIONS.iter().map(|r| r.slug).collect::<Vec<_>>().join(", ")
)]
pub struct UnknownRegion(pub String);

/// The region a person typed: its slug, or its Russian or Kazakh name in any case and
/// spacing, with or without the word for "region"/"city" ("Алматы облысы", "г. Алматы",
/// "Карагандинская обл."). "Алматы" alone names both the oblast and the city and is refused
/// as ambiguous.
pub fn find_region(input: &str) -> Result<&'static Region, UnknownRegion> {
    if let Some(r) = REGIONS
        .iter()
        .find(|r| r.slug.eq_ignore_ascii_case(input.trim()))
    {
        return Ok(r);
    }
    let typed = normalize(input);
    let words: Vec<&str> = typed.split(' ').collect();
    let says_city = words.iter().any(|w| CITY_WORDS.contains(w));
    let says_oblast = words.iter().any(|w| OBLAST_WORDS.contains(w));
    let typed = short(&typed);
    if typed.is_empty() {
        return Err(UnknownRegion(input.to_owned()));
    }
    let found: Vec<&'static Region> = REGIONS
        .iter()
        .filter(|r| short(&normalize(r.name_ru)) == typed || short(&normalize(r.name_kk)) == typed)
        .filter(|r| !says_city || r.is_city())
        .filter(|r| !says_oblast || !r.is_city())
        .collect();
    match found[..] {
        [one] => Ok(one),
        _ => Err(UnknownRegion(input.to_owned())),
    }
}

const CITY_WORDS: [&str; 4] = ["город", "г.", "қаласы", "қ."];
const OBLAST_WORDS: [&str; 4] = ["область", "обл.", "облысы", "oblast"];

impl Region {
    /// The three cities of republican significance, which are regions of their own.
    pub fn is_city(&self) -> bool {
        matches!(self.slug, "astana" | "almaty" | "shymkent")
    }
}

/// A normalised name without the words for "region" and "city", so "город алматы" and
/// "г. алматы" are both "алматы".
fn short(normalized: &str) -> String {
    normalized
        .split(' ')
        .filter(|w| !CITY_WORDS.contains(w) && !OBLAST_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('-', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_found_by_its_slug_and_both_names() {
        for r in &REGIONS {
            assert_eq!(find_region(r.slug), Ok(r));
            assert_eq!(find_region(r.name_ru), Ok(r), "{}", r.name_ru);
            assert_eq!(find_region(r.name_kk), Ok(r), "{}", r.name_kk);
            assert_eq!(Region::by_slug(r.slug), Some(r));
        }
    }

    #[test]
    fn the_oblast_and_the_city_of_almaty_stay_apart() {
        assert_eq!(find_region("Алматы облысы").unwrap().slug, "almaty_region");
        assert_eq!(
            find_region("Алматинская обл.").unwrap().slug,
            "almaty_region"
        );
        assert_eq!(find_region("г. Алматы").unwrap().slug, "almaty");
        assert_eq!(find_region("АЛМАТЫ ҚАЛАСЫ").unwrap().slug, "almaty");
        assert_eq!(find_region("  город   Шымкент ").unwrap().slug, "shymkent");
    }

    #[test]
    fn an_unknown_region_is_refused_naming_the_slugs() {
        let e = find_region("Сибирь").unwrap_err();
        assert!(e.to_string().contains("\"Сибирь\""), "{e}");
        assert!(e.to_string().contains("north_kazakhstan"), "{e}");
        assert!(find_region("").is_err());
        assert!(find_region("область").is_err());
        // Both the oblast and the city: the word for which is needed.
        assert!(find_region("Алматы").is_err());
        assert_eq!(find_region("astana").unwrap().slug, "astana");
    }

    #[test]
    fn slugs_are_unique() {
        let mut slugs: Vec<_> = REGIONS.iter().map(|r| r.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), REGIONS.len());
    }
}
