//! Autonomous System numbers (RFC 6793 four-octet ASNs, RFC 5396 text forms).

use std::fmt;
use std::str::FromStr;

use super::ModelError;

/// A 32-bit Autonomous System number.
///
/// Parses `AS64500`, `as64500`, `64500` and the RFC 5396 asdot form `1.10`
/// (= 65546). Displays as `AS64500` (asplain with the `AS` prefix).
///
/// ```
/// use routeguard::Asn;
/// let a: Asn = "AS64500".parse().unwrap();
/// assert_eq!(a, Asn::new(64500));
/// assert_eq!("1.10".parse::<Asn>().unwrap().get(), 65546);
/// assert_eq!(a.to_string(), "AS64500");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Asn(u32);

impl Asn {
    /// AS0, the "no origin may announce this" ASN of RFC 6483 / RFC 7607.
    pub const ZERO: Asn = Asn(0);

    /// Wraps a number.
    #[inline]
    pub const fn new(n: u32) -> Self {
        Asn(n)
    }

    /// The number.
    #[inline]
    pub const fn get(self) -> u32 {
        self.0
    }

    /// Whether this is AS0.
    #[inline]
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses strictly: optional `AS`/`as` prefix followed by asplain digits,
    /// or asdot `HIGH.LOW` with both halves at most 65535. No whitespace,
    /// no sign, no leading `+`.
    pub fn parse(s: &str) -> Result<Self, ModelError> {
        Self::parse_bytes(s.as_bytes())
    }

    /// Parses like [`Asn::parse`] but first trims surrounding whitespace.
    pub fn parse_relaxed(s: &str) -> Result<Self, ModelError> {
        Self::parse(s.trim())
    }

    /// Parses from raw bytes (used by the loaders to avoid UTF-8 checks).
    pub fn parse_bytes(b: &[u8]) -> Result<Self, ModelError> {
        let err = || ModelError::InvalidAsn(String::from_utf8_lossy(b).into_owned());
        let digits = match b {
            [b'A' | b'a', b'S' | b's', rest @ ..] => rest,
            _ => b,
        };
        if digits.is_empty() {
            return Err(err());
        }
        if let Some(dot) = memchr::memchr(b'.', digits) {
            let (hi, lo) = digits.split_at(dot);
            let lo = lo.get(1..).ok_or_else(err)?;
            let hi = parse_u32_digits(hi)
                .filter(|v| *v <= 0xffff)
                .ok_or_else(err)?;
            let lo = parse_u32_digits(lo)
                .filter(|v| *v <= 0xffff)
                .ok_or_else(err)?;
            return Ok(Asn((hi << 16) | lo));
        }
        parse_u32_digits(digits).map(Asn).ok_or_else(err)
    }
}

/// Parses 1..=10 ASCII digits into a u32, rejecting overflow.
pub(crate) fn parse_u32_digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 10 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
    }
    u32::try_from(v).ok()
}

impl FromStr for Asn {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Asn::parse(s)
    }
}

impl fmt::Display for Asn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AS{}", self.0)
    }
}

impl From<u32> for Asn {
    fn from(n: u32) -> Self {
        Asn(n)
    }
}

impl From<Asn> for u32 {
    fn from(a: Asn) -> Self {
        a.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_forms() {
        assert_eq!(Asn::parse("AS64500").unwrap(), Asn(64500));
        assert_eq!(Asn::parse("as64500").unwrap(), Asn(64500));
        assert_eq!(Asn::parse("64500").unwrap(), Asn(64500));
        assert_eq!(Asn::parse("1.10").unwrap(), Asn(65546));
        assert_eq!(Asn::parse("AS1.10").unwrap(), Asn(65546));
        assert_eq!(Asn::parse("4294967295").unwrap(), Asn(u32::MAX));
        assert_eq!(Asn::parse("65535.65535").unwrap(), Asn(u32::MAX));
    }

    #[test]
    fn rejects_bad() {
        for s in [
            "",
            "AS",
            "4294967296",
            "-1",
            "+1",
            "AS 1",
            " 1",
            "1.",
            ".1",
            "65536.0",
            "0.65536",
            "1.2.3",
            "ASN1",
            "12a",
            "99999999999",
        ] {
            assert!(Asn::parse(s).is_err(), "{s:?} should be rejected");
        }
        assert_eq!(Asn::parse_relaxed(" AS1 ").unwrap(), Asn(1));
    }

    #[test]
    fn displays_asplain() {
        assert_eq!(Asn(65546).to_string(), "AS65546");
    }

    proptest::proptest! {
        #[test]
        fn roundtrip(n: u32) {
            let a = Asn(n);
            proptest::prop_assert_eq!(a.to_string().parse::<Asn>().unwrap(), a);
            proptest::prop_assert_eq!(n.to_string().parse::<Asn>().unwrap(), a);
            let dot = format!("{}.{}", n >> 16, n & 0xffff);
            proptest::prop_assert_eq!(dot.parse::<Asn>().unwrap(), a);
        }
    }
}
