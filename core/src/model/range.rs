//! Prefix ranges: a prefix with the lengths of its more-specifics that a
//! filter accepts (RFC 2622 §2 range operators, prefix-list `ge`/`le`).

use std::fmt;

use super::Prefix;

/// A prefix and the range of lengths `low..=high` a filter accepts under
/// it: `192.0.2.0/24` exact is low = high = 24; `10.0.0.0/8 le 24` is
/// low 8, high 24; `10.0.0.0/8 ge 16 le 24` is low 16, high 24.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PrefixRange {
    /// The covering prefix.
    pub prefix: Prefix,
    /// The shortest accepted length (≥ the prefix's length).
    pub low: u8,
    /// The longest accepted length (≤ the family's maximum).
    pub high: u8,
}

impl PrefixRange {
    /// The range of exactly `prefix`.
    pub fn exact(prefix: Prefix) -> Self {
        let len = prefix.len();
        PrefixRange {
            prefix,
            low: len,
            high: len,
        }
    }

    /// A range, or `None` unless `prefix.len() <= low <= high <= max`.
    pub fn new(prefix: Prefix, low: u8, high: u8) -> Option<Self> {
        (prefix.len() <= low && low <= high && high <= prefix.family().max_len())
            .then_some(PrefixRange { prefix, low, high })
    }

    /// Whether this range is the prefix alone.
    pub fn is_exact(&self) -> bool {
        self.low == self.prefix.len() && self.high == self.prefix.len()
    }

    /// Whether a route for `p` passes this entry.
    pub fn accepts(&self, p: &Prefix) -> bool {
        self.prefix.covers(p) && (self.low..=self.high).contains(&p.len())
    }
}

/// `192.0.2.0/24`, `10.0.0.0/8^8-24` (RFC 2622 range notation).
impl fmt::Display for PrefixRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_exact() {
            write!(f, "{}", self.prefix)
        } else {
            write!(f, "{}^{}-{}", self.prefix, self.low, self.high)
        }
    }
}
