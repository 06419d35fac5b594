//! The IIN (ЖСН / ИИН), the 12-digit individual identification number of a natural person in
//! Kazakhstan, which the LEB reports to the ministry for each attestee (p.32, Appendix 5).
//!
//! Owns: parsing and validating an IIN once ([`Iin::parse`]) and reading the birth date and sex
//! it encodes. It does not check that the number was actually issued, nor handle the BIN
//! (business identification number) of legal persons, which also has 12 digits but a different
//! structure (its 5th digit is 4, 5 or 6 and digits 1-4 are a registration year-month).
//!
//! Structure: `YYMMDD` birth date, then the century/sex digit (7th), then a 4-digit serial
//! (8th-11th), then the check digit (12th). The check digit is the weighted sum of the first
//! 11 digits with weights 1..=11 modulo 11; if that is 10, a second pass uses weights
//! 3,4,5,6,7,8,9,10,11,1,2; if that is 10 as well, no IIN is ever issued with these 11 digits.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Weights of the first check pass.
const FIRST_PASS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// Weights of the second check pass, used when the first gives 10.
const SECOND_PASS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// A valid IIN: 12 digits whose birth date, century/sex digit and check digit agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin {
    digits: [u8; 12],
    birth_date: Date,
    sex: Sex,
}

/// Sex as encoded by the 7th digit (odd: male, even: female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 7th digit 1, 3 or 5.
    Male,
    /// 7th digit 2, 4 or 6.
    Female,
}

/// Why a string is not an IIN; each variant names the part that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    /// Not exactly 12 characters.
    #[error("{0} characters, an IIN has exactly 12 digits")]
    Length(usize),
    /// A character other than 0-9 (position counted from 1).
    #[error("non-digit {found:?} at position {position}")]
    NonDigit {
        /// 1-based position of the first offending character.
        position: usize,
        /// The character found there.
        found: char,
    },
    /// Digits 3-4 are not a month.
    #[error("month {0:02} (digits 3-4) is not 01-12")]
    BadMonth(u8),
    /// The 7th digit is not 1-6.
    #[error("century/sex digit {0} (7th digit) is not 1-6")]
    CenturyDigit(u8),
    /// Digits 5-6 are not a day of that month in that year.
    #[error("day {day:02} (digits 5-6) does not exist in {year}-{month:02}")]
    BadDay {
        /// Full birth year (century from the 7th digit).
        year: i16,
        /// Birth month.
        month: u8,
        /// The impossible day.
        day: u8,
    },
    /// The 12th digit is not the computed check digit.
    #[error("check digit {found} (12th digit) does not match the computed {expected}")]
    Checksum {
        /// The 12th digit as given.
        found: u8,
        /// The check digit computed from the first 11.
        expected: u8,
    },
    /// Both check passes give 10: no IIN is issued with these first 11 digits.
    #[error("the first 11 digits give 10 in both check passes, so no IIN has them")]
    NoValidCheckDigit,
    /// The birth date is after the day of the check: no one is born yet with this IIN.
    #[error("birth date {born} (digits 1-7) is after today, {today}")]
    BornInFuture {
        /// The birth date encoded.
        born: Date,
        /// The day of the check.
        today: Date,
    },
    /// The birth date is before [`EARLIEST_BIRTH`] (century digit 1 or 2, the 1800s): no
    /// attestee is that old.
    #[error("birth date {0} (digits 1-7) is before 1900: no attestee is that old")]
    BornTooEarly(Date),
}

/// The earliest birth date of an attestee: an IIN of the 1800s (century digit 1 or 2) is
/// well-formed, but names no one who sits an exam.
pub const EARLIEST_BIRTH: Date = jiff::civil::date(1900, 1, 1);

impl Iin {
    /// Parses an IIN: exactly 12 ASCII digits, no spaces, with a valid birth date,
    /// century/sex digit and check digit.
    pub fn parse(input: &str) -> Result<Iin, IinError> {
        let count = input.chars().count();
        if count != 12 {
            return Err(IinError::Length(count));
        }
        let mut digits = [0u8; 12];
        for (i, ch) in input.chars().enumerate() {
            // char::to_digit accepts only ASCII 0-9 for radix 10.
            match ch.to_digit(10) {
                // to_digit(10) is at most 9, so the cast is lossless.
                Some(d) => digits[i] = d as u8,
                None => {
                    return Err(IinError::NonDigit {
                        position: i + 1,
                        found: ch,
                    });
                }
            }
        }
        let (birth_date, sex) = birth_date_rule(&digits)?;
        let mut first11 = [0u8; 11];
        first11.copy_from_slice(&digits[..11]);
        let expected = check_digit(&first11).ok_or(IinError::NoValidCheckDigit)?;
        if digits[11] != expected {
            return Err(IinError::Checksum {
                found: digits[11],
                expected,
            });
        }
        Ok(Iin {
            digits,
            birth_date,
            sex,
        })
    }

    /// Parses an IIN as [`Iin::parse`], and refuses it when its holder cannot be a living
    /// attestee on `today` (the caller's date in Asia/Almaty): born after `today`, or before
    /// [`EARLIEST_BIRTH`]. Every IIN entered by a person goes through this.
    pub fn parse_on(input: &str, today: Date) -> Result<Iin, IinError> {
        let iin = Iin::parse(input)?;
        let born = iin.birth_date;
        if born > today {
            return Err(IinError::BornInFuture { born, today });
        }
        if born < EARLIEST_BIRTH {
            return Err(IinError::BornTooEarly(born));
        }
        Ok(iin)
    }

    /// The birth date encoded in digits 1-7.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// The sex encoded in the 7th digit.
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// The 12 digits as text, for reports (Appendix 5) and storage.
    pub fn as_string(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

/// The birth-date rule of the IIN: digits 1-6 are `YYMMDD` and the 7th digit gives the
/// century and sex (1/2: 1800s male/female, 3/4: 1900s, 5/6: 2000s). Returns the birth date
/// and sex, or the first part found wrong (month, then century digit, then day).
pub fn birth_date_rule(digits: &[u8; 12]) -> Result<(Date, Sex), IinError> {
    let yy = i16::from(digits[0] * 10 + digits[1]);
    let month = digits[2] * 10 + digits[3];
    let day = digits[4] * 10 + digits[5];
    if !(1..=12).contains(&month) {
        return Err(IinError::BadMonth(month));
    }
    let (century, sex) = match digits[6] {
        1 => (1800, Sex::Male),
        2 => (1800, Sex::Female),
        3 => (1900, Sex::Male),
        4 => (1900, Sex::Female),
        5 => (2000, Sex::Male),
        6 => (2000, Sex::Female),
        other => return Err(IinError::CenturyDigit(other)),
    };
    let year = century + yy;
    // month <= 12 and day <= 99, so both fit an i8.
    let date = Date::new(year, month as i8, day as i8).map_err(|_| IinError::BadDay {
        year,
        month,
        day,
    })?;
    Ok((date, sex))
}

/// The check digit of the first 11 digits, or `None` when both passes give 10 (such
/// numbers are never issued).
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    [FIRST_PASS, SECOND_PASS].into_iter().find_map(|weights| {
        let sum: u32 = first11
            .iter()
            .zip(weights)
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        // sum % 11 is below 11, so the cast is lossless.
        let rest = (sum % 11) as u8;
        (rest != 10).then_some(rest)
    })
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl std::str::FromStr for Iin {
    type Err = IinError;
    fn from_str(s: &str) -> Result<Iin, IinError> {
        Iin::parse(s)
    }
}

impl Serialize for Iin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_string())
    }
}

impl<'de> Deserialize<'de> for Iin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Iin, D::Error> {
        let text = String::deserialize(deserializer)?;
        Iin::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Independent reference for the check digit, written from the published algorithm
    /// rather than reusing [`check_digit`].
    fn reference_check(first11: &str) -> Option<u32> {
        let d: Vec<u32> = first11.chars().filter_map(|c| c.to_digit(10)).collect();
        assert_eq!(d.len(), 11, "reference needs 11 digits");
        let pass = |weight: &dyn Fn(u32) -> u32| {
            d.iter()
                .zip(0u32..)
                .map(|(x, i)| x * weight(i))
                .sum::<u32>()
                % 11
        };
        let first = pass(&|i| i + 1);
        if first != 10 {
            return Some(first);
        }
        let second = pass(&|i| (i + 2) % 11 + 1);
        (second != 10).then_some(second)
    }

    /// A full IIN from its first 11 digits, with the reference check digit.
    fn with_check(first11: &str) -> String {
        let check = reference_check(first11).expect("11 digits with a valid check digit");
        format!("{first11}{check}")
    }

    /// The first serial (8th-11th digits) after `head` (7 digits) whose first pass gives 10
    /// and whose second pass gives `second_is_ten`.
    fn first_serial_with_first_pass_ten(head: &str, second_is_ten: bool) -> String {
        (0..10_000)
            .map(|serial| format!("{head}{serial:04}"))
            .find(|first11| {
                let d: Vec<u32> = first11.chars().filter_map(|c| c.to_digit(10)).collect();
                let first: u32 = d.iter().zip(1u32..).map(|(x, w)| x * w).sum::<u32>() % 11;
                first == 10 && reference_check(first11).is_none() == second_is_ten
            })
            .expect("some serial has this property")
    }

    #[test]
    fn man_born_15_may_1990_is_a_valid_iin() {
        let text = with_check("90051530012");
        let iin = Iin::parse(&text).expect("valid");
        assert_eq!(iin.birth_date(), date(1990, 5, 15));
        assert_eq!(iin.sex(), Sex::Male);
        assert_eq!(iin.to_string(), text);
    }

    #[test]
    fn woman_born_29_february_2004_is_a_valid_iin() {
        let iin = Iin::parse(&with_check("04022960345")).expect("valid");
        assert_eq!(iin.birth_date(), date(2004, 2, 29));
        assert_eq!(iin.sex(), Sex::Female);
    }

    #[test]
    fn wrong_check_digit_is_refused_naming_the_expected_one() {
        let valid = with_check("90051530012");
        let expected = valid.as_bytes()[11] - b'0';
        let found = (expected + 1) % 10;
        let invalid = format!("{}{found}", &valid[..11]);
        assert_eq!(
            Iin::parse(&invalid),
            Err(IinError::Checksum { found, expected })
        );
    }

    #[test]
    fn first_pass_ten_uses_the_second_pass_weights() {
        let first11 = first_serial_with_first_pass_ten("8501014", false);
        let text = with_check(&first11);
        let iin = Iin::parse(&text).expect("second pass gives the check digit");
        assert_eq!(iin.birth_date(), date(1985, 1, 1));
        assert_eq!(iin.sex(), Sex::Female);
        // The first pass gave 10, so only the second pass's digit is accepted.
        let wrong = (text.as_bytes()[11] - b'0' + 1) % 10;
        assert!(Iin::parse(&format!("{first11}{wrong}")).is_err());
    }

    #[test]
    fn both_passes_ten_means_no_iin_has_these_digits() {
        let first11 = first_serial_with_first_pass_ten("8501013", true);
        for last in 0..=9 {
            assert_eq!(
                Iin::parse(&format!("{first11}{last}")),
                Err(IinError::NoValidCheckDigit),
                "check digit {last}"
            );
        }
    }

    #[test]
    fn eleven_or_thirteen_digits_are_refused_by_length() {
        assert_eq!(Iin::parse("90051530012"), Err(IinError::Length(11)));
        assert_eq!(Iin::parse("9005153001234"), Err(IinError::Length(13)));
        assert_eq!(Iin::parse(""), Err(IinError::Length(0)));
    }

    #[test]
    fn non_digit_is_refused_naming_its_position() {
        assert_eq!(
            Iin::parse("9005153001a2"),
            Err(IinError::NonDigit {
                position: 11,
                found: 'a'
            })
        );
        assert_eq!(
            Iin::parse(" 90051530012"),
            Err(IinError::NonDigit {
                position: 1,
                found: ' '
            })
        );
        // Non-ASCII digits are characters, not digits.
        assert_eq!(
            Iin::parse("٩0051530012٣"),
            Err(IinError::NonDigit {
                position: 1,
                found: '٩'
            })
        );
    }

    #[test]
    fn birth_date_rule_refuses_month_thirteen_and_month_zero() {
        let month13 = digits_of(&with_check("90131530012"));
        assert_eq!(birth_date_rule(&month13), Err(IinError::BadMonth(13)));
        let month0 = digits_of(&with_check("90001530012"));
        assert_eq!(birth_date_rule(&month0), Err(IinError::BadMonth(0)));
    }

    #[test]
    fn birth_date_rule_refuses_century_digits_zero_and_seven() {
        for bad in [0u8, 7, 9] {
            let digits = digits_of(&with_check(&format!("900515{bad}0012")));
            assert_eq!(birth_date_rule(&digits), Err(IinError::CenturyDigit(bad)));
        }
    }

    #[test]
    fn birth_date_rule_maps_century_digits_to_centuries_and_sexes() {
        let cases = [
            (1, 1899, Sex::Male),
            (2, 1899, Sex::Female),
            (3, 1999, Sex::Male),
            (4, 1999, Sex::Female),
            (5, 2099, Sex::Male),
            (6, 2099, Sex::Female),
        ];
        for (digit, year, sex) in cases {
            let digits = digits_of(&with_check(&format!("991231{digit}0012")));
            assert_eq!(birth_date_rule(&digits), Ok((date(year, 12, 31), sex)));
        }
    }

    #[test]
    fn birth_date_rule_knows_29_february_1900_did_not_exist_but_2000_did() {
        let in_1900 = digits_of(&with_check("00022930012"));
        assert_eq!(
            birth_date_rule(&in_1900),
            Err(IinError::BadDay {
                year: 1900,
                month: 2,
                day: 29
            })
        );
        let in_2000 = digits_of(&with_check("00022950012"));
        assert_eq!(
            birth_date_rule(&in_2000),
            Ok((date(2000, 2, 29), Sex::Male))
        );
        assert!(Iin::parse(&with_check("90043130012")).is_err(), "31 April");
    }

    #[test]
    fn iin_round_trips_through_json_and_refuses_an_invalid_one() {
        let text = with_check("90051530012");
        let iin = Iin::parse(&text).expect("valid");
        let json = serde_json::to_string(&iin).expect("serializes");
        assert_eq!(json, format!("\"{text}\""));
        let back: Iin = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, iin);
        assert!(serde_json::from_str::<Iin>("\"123\"").is_err());
    }

    #[test]
    fn a_birth_date_after_the_day_of_the_check_is_refused() {
        // Issue 12: 95-12-30 with century digit 5 is 2095-12-30.
        let today = date(2026, 12, 2);
        assert_eq!(
            Iin::parse_on("951230510000", today),
            Err(IinError::BornInFuture {
                born: date(2095, 12, 30),
                today
            })
        );
        assert_eq!(
            Iin::parse_on("951230510000", today)
                .unwrap_err()
                .to_string(),
            "birth date 2095-12-30 (digits 1-7) is after today, 2026-12-02"
        );
        // Born today is born.
        let born_today = with_check("26120250001");
        assert!(Iin::parse_on(&born_today, today).is_ok());
        let tomorrow = with_check("26120350001");
        assert!(matches!(
            Iin::parse_on(&tomorrow, today),
            Err(IinError::BornInFuture { .. })
        ));
    }

    #[test]
    fn a_birth_date_in_the_1800s_is_refused_and_1900_is_not() {
        let today = date(2026, 12, 2);
        let old = with_check("99123110001");
        assert_eq!(
            Iin::parse_on(&old, today),
            Err(IinError::BornTooEarly(date(1899, 12, 31)))
        );
        assert!(Iin::parse(&old).is_ok(), "well-formed all the same");
        assert!(Iin::parse_on(&with_check("00010130001"), today).is_ok());
    }

    fn digits_of(text: &str) -> [u8; 12] {
        let mut digits = [0u8; 12];
        for (slot, ch) in digits.iter_mut().zip(text.bytes()) {
            *slot = ch - b'0';
        }
        digits
    }
}
