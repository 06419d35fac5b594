//! The attestation procedures of the Appendix 1 column "attestation procedure".
//!
//! Owns their names and parsing; what each one decides is `decision`'s business.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use super::RuleError;
use super::lookup::normalize;

/// Why an employee sits the test. Serialised as the slug; read from the slug or a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// First-time hire, fitness for the position, 6-12 months after taking it (p.4).
    Primary,
    /// Periodic confirmation of fitness for the position, at least every 3 years (p.3).
    Periodic,
    /// A career-center specialist applies for (or confirms) a category (p.8.2, p.14.2).
    Category,
    /// Repeat within 12 months of a result below the threshold (p.27.2, p.28).
    Reattestation,
}

impl Procedure {
    pub const ALL: [Procedure; 4] = [
        Procedure::Primary,
        Procedure::Periodic,
        Procedure::Category,
        Procedure::Reattestation,
    ];

    /// The stable id (also the serde and CLI form).
    pub fn slug(self) -> &'static str {
        match self {
            Procedure::Primary => "primary",
            Procedure::Periodic => "periodic",
            Procedure::Category => "category",
            Procedure::Reattestation => "reattestation",
        }
    }

    /// The Russian wording for Appendix 1 and 2.
    pub fn name_ru(self) -> &'static str {
        match self {
            Procedure::Primary => "первичная аттестация",
            Procedure::Periodic => "подтверждение соответствия занимаемой должности",
            Procedure::Category => "заявление на квалификационную категорию",
            Procedure::Reattestation => "повторная аттестация",
        }
    }

    /// The Kazakh wording, in the terms of seed 002.
    pub fn name_kk(self) -> &'static str {
        match self {
            Procedure::Primary => "бастапқы аттестаттау",
            Procedure::Periodic => "атқаратын лауазымына сәйкестігін растау",
            Procedure::Category => "біліктілік санатына өтініш беру",
            Procedure::Reattestation => "қайта аттестаттау",
        }
    }
}

impl FromStr for Procedure {
    type Err = RuleError;

    /// Accepts the slug or the Russian or Kazakh wording, tolerant of case and spacing.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = normalize(s);
        Procedure::ALL
            .into_iter()
            .find(|p| {
                [p.slug(), p.name_ru(), p.name_kk()]
                    .iter()
                    .any(|n| normalize(n) == wanted)
            })
            .ok_or_else(|| RuleError::UnknownProcedure {
                input: s.to_string(),
            })
    }
}

impl<'de> Deserialize<'de> for Procedure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Procedure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_names_parse() {
        for p in Procedure::ALL {
            assert_eq!(p.slug().parse::<Procedure>().unwrap(), p);
            assert_eq!(p.name_ru().parse::<Procedure>().unwrap(), p);
            assert_eq!(p.name_kk().parse::<Procedure>().unwrap(), p);
        }
        assert_eq!(
            " PRIMARY ".parse::<Procedure>().unwrap(),
            Procedure::Primary
        );
    }

    #[test]
    fn unknown_procedure_lists_the_choices() {
        let msg = "annual".parse::<Procedure>().unwrap_err().to_string();
        assert!(
            msg.contains("annual") && msg.contains("reattestation"),
            "{msg}"
        );
    }
}
