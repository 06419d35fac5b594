//! The test score as a percent of correct answers, 0 to 100 inclusive (p.17, p.30).
//!
//! Owns parsing and range checking only; which band a score falls in is
//! `decision`'s business. Fractional values are allowed because a score recomputed after
//! an appeal (p.26) need not be a whole number.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RuleError;

/// A score in percent correct, always finite and within `0..=100`.
///
/// Built once by [`Percent::new`] or [`str::parse`]; valid forever after.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Percent(f64);

impl Percent {
    /// Accepts a finite value in `0..=100`; anything else is refused (p.17: percent correct).
    pub fn new(value: f64) -> Result<Self, RuleError> {
        if value.is_finite() && (0.0..=100.0).contains(&value) {
            // Normalise -0.0 so that it prints and compares as 0.
            Ok(Percent(value + 0.0))
        } else {
            Err(RuleError::PercentOutOfRange { value })
        }
    }

    /// The raw value, for arithmetic such as the x0.8 of Appendix 1-2.
    pub fn value(self) -> f64 {
        self.0
    }

    /// True when the score reaches `threshold` percent; thresholds are whole numbers
    /// (70 or 85, p.17), so 69.5 does not reach 70 and 84.99 does not reach 85.
    pub fn reaches(self, threshold: u8) -> bool {
        self.0 >= f64::from(threshold)
    }
}

impl TryFrom<f64> for Percent {
    type Error = RuleError;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Percent::new(value)
    }
}

impl From<Percent> for f64 {
    fn from(p: Percent) -> f64 {
        p.0
    }
}

impl FromStr for Percent {
    type Err = RuleError;

    /// Parses `"70"`, `"69.5"`, `"69,5"` (a decimal comma, as written in Kazakhstan) and an
    /// optional trailing `%`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let text = text
            .strip_suffix('%')
            .unwrap_or(text)
            .trim()
            .replace(',', ".");
        let value: f64 = text.parse().map_err(|_| RuleError::NotANumber {
            input: s.to_string(),
        })?;
        Percent::new(value)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_fractional_scores_parse() {
        assert_eq!("70".parse::<Percent>().unwrap().value(), 70.0);
        assert_eq!("69.5".parse::<Percent>().unwrap().value(), 69.5);
        assert_eq!("69,5".parse::<Percent>().unwrap().value(), 69.5);
        assert_eq!(" 85 % ".parse::<Percent>().unwrap().value(), 85.0);
        assert_eq!("0".parse::<Percent>().unwrap().value(), 0.0);
        assert_eq!("100".parse::<Percent>().unwrap().value(), 100.0);
    }

    #[test]
    fn text_that_is_not_a_number_is_refused() {
        assert!(matches!(
            "abc".parse::<Percent>(),
            Err(RuleError::NotANumber { .. })
        ));
        assert!(matches!(
            "".parse::<Percent>(),
            Err(RuleError::NotANumber { .. })
        ));
    }

    #[test]
    fn scores_outside_0_to_100_are_refused() {
        for bad in [-0.5, 100.01, 101.0, f64::NAN, f64::INFINITY] {
            assert!(Percent::new(bad).is_err(), "{bad} accepted");
        }
        assert!(matches!(
            "150".parse::<Percent>(),
            Err(RuleError::PercentOutOfRange { .. })
        ));
    }

    #[test]
    fn sixty_nine_and_a_half_does_not_reach_seventy() {
        let p = Percent::new(69.5).unwrap();
        assert!(!p.reaches(70));
        assert!(Percent::new(70.0).unwrap().reaches(70));
        assert!(!Percent::new(84.99).unwrap().reaches(85));
        assert!(Percent::new(85.0).unwrap().reaches(85));
    }

    #[test]
    fn serde_round_trips_and_refuses_out_of_range() {
        let p: Percent = serde_json::from_str("69.5").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "69.5");
        assert!(serde_json::from_str::<Percent>("120").is_err());
    }
}
