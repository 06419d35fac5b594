//! Distinct, valid Kazakh IINs for a generated roster.
//!
//! An IIN is `YYMMDD` (birth date), a century/sex digit (3 or 4 for the 1900s), a 4-digit
//! serial and a check digit: the first 11 digits weighted 1..=11, mod 11; when that gives 10,
//! weighted 3..=11,1,2, mod 11; when that gives 10 again the serial is never issued, so it is
//! skipped here. The server checks IINs on the roster, so the tool must only send valid ones.

/// First birth year generated (1960); with days 1-28 every date exists.
const FIRST_YEAR: u32 = 1960;
const YEARS: u32 = 40;
const DATES: u64 = (YEARS * 12 * 28) as u64;
/// How many (date, sex, serial) slots exist: the generator walks them in order from `start`.
pub const SLOTS: u64 = DATES * 2 * 10_000;

/// The check digit of the first 11 digits, or `None` when no check digit exists (the serial
/// must then be skipped).
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    let weighted = |weights: [u32; 11]| -> u32 {
        first11
            .iter()
            .zip(weights)
            .map(|(&d, w)| u32::from(d) * w)
            .sum::<u32>()
            % 11
    };
    let first = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let check = if first == 10 {
        weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])
    } else {
        first
    };
    (check != 10).then_some(check as u8)
}

/// The IIN of slot `slot`, or `None` when that slot has no check digit. Dates vary fastest
/// so consecutive candidates are not all born on one day.
pub fn at_slot(slot: u64) -> Option<String> {
    let slot = slot % SLOTS;
    let date = (slot % DATES) as u32;
    let sex = ((slot / DATES) % 2) as u8;
    let serial = (slot / (DATES * 2)) as u32;
    let year = FIRST_YEAR + date / (12 * 28);
    let month = date / 28 % 12 + 1;
    let day = date % 28 + 1;
    let text = format!(
        "{:02}{:02}{:02}{}{:04}",
        year % 100,
        month,
        day,
        3 + sex,
        serial
    );
    let mut digits = [0u8; 11];
    for (d, b) in digits.iter_mut().zip(text.bytes()) {
        *d = b - b'0';
    }
    check_digit(&digits).map(|c| format!("{text}{c}"))
}

/// `count` distinct valid IINs, walking the slots from `start` (pick it at random so two runs
/// against one database rarely meet).
pub fn generate(count: usize, start: u64) -> Vec<String> {
    (0..SLOTS)
        .filter_map(|i| at_slot(start.wrapping_add(i)))
        .take(count)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn is_valid(iin: &str) -> bool {
        let digits: Vec<u8> = iin.bytes().map(|b| b - b'0').collect();
        let first11: [u8; 11] = digits[..11].try_into().unwrap();
        iin.len() == 12 && check_digit(&first11) == Some(digits[11])
    }

    #[test]
    fn check_digit_of_a_first_pass_iin() {
        // 600101 3 0000: 6*1 + 1*4 + 1*6 + 3*7 = 37, mod 11 = 4.
        assert_eq!(check_digit(&[6, 0, 0, 1, 0, 1, 3, 0, 0, 0, 0]), Some(4));
    }

    #[test]
    fn check_digit_uses_the_second_weights_when_the_first_gives_10() {
        // The 10th digit 1 weighs 10 in the first pass (10) and 1 in the second (1).
        assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]), Some(1));
    }

    #[test]
    fn serial_whose_both_passes_give_10_is_skipped() {
        let skipped = (0..SLOTS).find(|&s| at_slot(s).is_none()).unwrap();
        let next = generate(1, skipped);
        assert_eq!(next.len(), 1);
        assert!(
            is_valid(&next[0]),
            "the generator moves on to the next valid serial"
        );
    }

    #[test]
    fn generated_iins_are_distinct_and_valid() {
        let iins = generate(5_000, 123_456);
        assert_eq!(iins.len(), 5_000);
        assert!(
            iins.iter().all(|i| is_valid(i)),
            "every IIN has its check digit"
        );
        assert!(iins.iter().all(|i| matches!(i.as_bytes()[6], b'3' | b'4')));
        let distinct: HashSet<_> = iins.iter().collect();
        assert_eq!(distinct.len(), iins.len());
    }

    #[test]
    fn a_wrong_check_digit_is_not_valid() {
        let iin = at_slot(0).unwrap();
        let last = iin.as_bytes()[11] - b'0';
        let wrong = format!("{}{}", &iin[..11], (last + 1) % 10);
        assert!(!is_valid(&wrong));
    }
}
