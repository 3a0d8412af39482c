//! IP prefixes (RFC 4632 CIDR notation, RFC 4291 / RFC 5952 for IPv6 text).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use super::ModelError;

/// Address family of a prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// IPv4 (AFI 1).
    V4,
    /// IPv6 (AFI 2).
    V6,
}

impl Family {
    /// Longest prefix length of the family: 32 or 128.
    #[inline]
    pub const fn max_len(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Family::V4 => "ipv4",
            Family::V6 => "ipv6",
        })
    }
}

/// An IPv4 or IPv6 prefix with no host bits set.
///
/// The address is kept left-aligned in a `u128` (an IPv4 address occupies the
/// top 32 bits), so the same bit operations serve both families. Ordering is
/// IPv4 before IPv6, then by address, then by length (shorter first).
///
/// [`Prefix::parse`] is strict: `192.0.2.1/24` is an error because host bits
/// are set. [`Prefix::parse_relaxed`] truncates host bits, trims whitespace
/// and accepts a bare address as a host route.
///
/// With feature `ipnet`, `Prefix::try_from` takes an `ipnet::IpNet`,
/// `Ipv4Net` or `Ipv6Net` (as strict as `parse`: host bits give the same
/// [`ModelError::HostBitsSet`]) and `ipnet::IpNet::from` takes a `Prefix`;
/// so every API taking `&Prefix` takes an `ipnet` network as
/// `&Prefix::try_from(net)?`. With feature `rpki`, `From` goes both ways
/// with `rpki::resources::addr::Prefix`.
///
/// ```
/// use routeguard::Prefix;
/// let p: Prefix = "192.0.2.0/24".parse().unwrap();
/// assert_eq!(p.len(), 24);
/// assert!("192.0.2.1/24".parse::<Prefix>().is_err());
/// assert_eq!(Prefix::parse_relaxed("192.0.2.1/24").unwrap(), p);
/// assert!(p.covers(&"192.0.2.128/25".parse().unwrap()));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefix {
    family: Family,
    bits: Bits,
    len: u8,
}

/// A 128-bit address kept as two `u64` halves (high first) so that a
/// [`Prefix`] is 8-byte aligned: 24 bytes instead of the 32 a `u128` field
/// costs, which shrinks every stored [`crate::Vrp`] by 16 bytes. Ordering
/// equals the `u128` ordering.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Bits([u64; 2]);

impl Bits {
    #[inline]
    const fn new(v: u128) -> Self {
        Bits([(v >> 64) as u64, v as u64])
    }

    #[inline]
    const fn get(self) -> u128 {
        ((self.0[0] as u128) << 64) | self.0[1] as u128
    }
}

/// The network mask of a prefix of length `len` over left-aligned `u128`
/// bits (lengths past 128 count as 128).
#[inline]
pub(crate) const fn mask(len: u8) -> u128 {
    let len = if len > 128 { 128 } else { len as u32 };
    if len == 0 {
        0
    } else {
        u128::MAX << (128 - len)
    }
}

impl Prefix {
    /// Builds a prefix from left-aligned bits, failing if `len` is out of range
    /// or host bits are set.
    pub fn from_bits(family: Family, bits: u128, len: u8) -> Result<Self, ModelError> {
        if len > family.max_len() {
            return Err(ModelError::InvalidPrefix {
                input: format!("{}/{}", display_addr(family, bits), len),
                reason: "prefix length out of range",
            });
        }
        if family == Family::V4 && bits & !mask(32) != 0 {
            return Err(ModelError::InvalidPrefix {
                input: format!("{:#x}/{}", bits, len),
                reason: "IPv4 bits outside the top 32 bits",
            });
        }
        if bits & !mask(len) != 0 {
            let network = Prefix {
                family,
                bits: Bits::new(bits & mask(len)),
                len,
            };
            return Err(ModelError::HostBitsSet {
                input: format!("{}/{}", display_addr(family, bits), len),
                network: network.to_string(),
            });
        }
        Ok(Prefix {
            family,
            bits: Bits::new(bits),
            len,
        })
    }

    /// [`Prefix::from_bits_relaxed`] for indexes that only hold valid
    /// lengths: infallible (a length past the family's maximum is clamped),
    /// so hot loops need not carry a `Result` with an error's strings.
    #[inline]
    pub(crate) fn from_bits_clamped(family: Family, bits: u128, len: u8) -> Self {
        let len = len.min(family.max_len());
        Prefix {
            family,
            bits: Bits::new(bits & mask(len)),
            len,
        }
    }

    /// Builds a prefix from left-aligned bits, truncating host bits. Fails
    /// only when `len` is out of range.
    pub fn from_bits_relaxed(family: Family, bits: u128, len: u8) -> Result<Self, ModelError> {
        let len_ok = len <= family.max_len();
        if !len_ok {
            return Self::from_bits(family, bits, len);
        }
        Ok(Prefix {
            family,
            bits: Bits::new(bits & mask(len)),
            len,
        })
    }

    /// Strict constructor from an address and a length.
    pub fn new(addr: IpAddr, len: u8) -> Result<Self, ModelError> {
        let (family, bits) = addr_bits(addr);
        Self::from_bits(family, bits, len)
    }

    /// Relaxed constructor: truncates host bits.
    pub fn new_relaxed(addr: IpAddr, len: u8) -> Result<Self, ModelError> {
        let (family, bits) = addr_bits(addr);
        Self::from_bits_relaxed(family, bits, len)
    }

    /// Parses `ADDR/LEN` strictly (no whitespace, no host bits, length required).
    pub fn parse(s: &str) -> Result<Self, ModelError> {
        if let Some(p) = fast_v4(s.as_bytes()) {
            return Ok(p);
        }
        let (addr, len) = split_prefix(s)?;
        let len = len.ok_or_else(|| ModelError::InvalidPrefix {
            input: s.to_owned(),
            reason: "missing /length",
        })?;
        Self::new(addr, len).map_err(|e| rewrite_input(e, s))
    }

    /// Parses leniently: trims whitespace, truncates host bits, and reads a
    /// bare address as a host route (/32 or /128).
    pub fn parse_relaxed(s: &str) -> Result<Self, ModelError> {
        let t = s.trim();
        let (addr, len) = split_prefix(t)?;
        let len = len.unwrap_or(match addr {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        });
        Self::new_relaxed(addr, len).map_err(|e| rewrite_input(e, s))
    }

    /// [`Prefix::parse`] of bytes, without allocating: `None` exactly where
    /// `parse` fails (non-UTF-8 bytes never parse). For batch callers
    /// (Arrow string columns) that want no error text per bad row.
    #[inline]
    pub fn parse_bytes(b: &[u8]) -> Option<Self> {
        if let Some(p) = fast_v4(b) {
            return Some(p);
        }
        let s = std::str::from_utf8(b).ok()?;
        let (addr, len) = split_prefix_raw(s).ok()?;
        let (family, bits) = addr_bits(addr);
        let len = len?;
        (len <= family.max_len() && bits & !mask(len) == 0).then_some(Prefix {
            family,
            bits: Bits::new(bits),
            len,
        })
    }

    /// [`Prefix::parse_relaxed`] of bytes, without allocating: `None`
    /// exactly where `parse_relaxed` fails.
    #[inline]
    pub fn parse_bytes_relaxed(b: &[u8]) -> Option<Self> {
        if let Some(p) = fast_v4(b) {
            return Some(p);
        }
        let s = std::str::from_utf8(b).ok()?.trim();
        let (addr, len) = split_prefix_raw(s).ok()?;
        let (family, bits) = addr_bits(addr);
        let len = len.unwrap_or(family.max_len());
        (len <= family.max_len()).then(|| Prefix {
            family,
            bits: Bits::new(bits & mask(len)),
            len,
        })
    }

    /// The address family.
    #[inline]
    pub const fn family(&self) -> Family {
        self.family
    }

    /// Whether this is an IPv4 prefix.
    #[inline]
    pub fn is_ipv4(&self) -> bool {
        self.family == Family::V4
    }

    /// Whether this is an IPv6 prefix.
    #[inline]
    pub fn is_ipv6(&self) -> bool {
        self.family == Family::V6
    }

    /// The prefix length.
    #[inline]
    #[allow(clippy::len_without_is_empty)]
    pub const fn len(&self) -> u8 {
        self.len
    }

    /// The network address, left-aligned in 128 bits.
    #[inline]
    pub const fn bits(&self) -> u128 {
        self.bits.get()
    }

    /// The network address.
    pub fn addr(&self) -> IpAddr {
        match self.family {
            Family::V4 => IpAddr::V4(Ipv4Addr::from((self.bits() >> 96) as u32)),
            Family::V6 => IpAddr::V6(Ipv6Addr::from(self.bits())),
        }
    }

    /// Whether `self` covers `other`: same family, `self` no longer than
    /// `other`, and `other` lies inside `self` (a prefix covers itself).
    #[inline]
    pub fn covers(&self, other: &Prefix) -> bool {
        self.family == other.family
            && self.len <= other.len
            && (other.bits() & mask(self.len)) == self.bits()
    }

    /// The covering prefix of length `len` (host bits truncated), or `None`
    /// when `len` is longer than this prefix.
    pub fn truncate(&self, len: u8) -> Option<Prefix> {
        (len <= self.len).then(|| Prefix {
            family: self.family,
            bits: Bits::new(self.bits() & mask(len)),
            len,
        })
    }
}

fn addr_bits(addr: IpAddr) -> (Family, u128) {
    match addr {
        IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a)) << 96),
        IpAddr::V6(a) => (Family::V6, u128::from(a)),
    }
}

fn display_addr(family: Family, bits: u128) -> String {
    match family {
        Family::V4 => Ipv4Addr::from((bits >> 96) as u32).to_string(),
        Family::V6 => Ipv6Addr::from(bits).to_string(),
    }
}

fn rewrite_input(e: ModelError, s: &str) -> ModelError {
    match e {
        ModelError::InvalidPrefix { reason, .. } => ModelError::InvalidPrefix {
            input: s.to_owned(),
            reason,
        },
        other => other,
    }
}

/// Eats `c` at `*p`.
#[inline]
fn eat(s: &[u8], p: &mut usize, c: u8) -> bool {
    let hit = s.get(*p) == Some(&c);
    *p += usize::from(hit);
    hit
}

/// A decimal octet of an embedded IPv4 address: one to three digits, at
/// most 255, no leading zero.
#[inline]
fn v4_octet(s: &[u8], p: &mut usize) -> Option<u8> {
    let start = *p;
    let mut v: u32 = 0;
    while let Some(d) = s.get(*p).filter(|c| c.is_ascii_digit()) {
        v = v * 10 + u32::from(d - b'0');
        *p += 1;
        if *p - start > 3 {
            return None;
        }
    }
    let n = *p - start;
    if n == 0 || (n > 1 && s.get(start) == Some(&b'0')) {
        return None;
    }
    u8::try_from(v).ok()
}

/// A dotted-quad IPv4 address at `*p` (moved past it only on success).
#[inline]
fn embedded_v4(s: &[u8], p: &mut usize) -> Option<[u8; 4]> {
    let mut q = *p;
    let mut o = [0u8; 4];
    for (i, slot) in o.iter_mut().enumerate() {
        if i > 0 && !eat(s, &mut q, b'.') {
            return None;
        }
        *slot = v4_octet(s, &mut q)?;
    }
    *p = q;
    Some(o)
}

/// The value of a hex digit.
#[inline]
fn hex(c: Option<&u8>) -> Option<u16> {
    c.and_then(|c| crate::util::hex::digit(*c)).map(u16::from)
}

/// Reads colon-separated groups into `groups` (the last two may be an
/// embedded IPv4 address): how many, and whether an IPv4 address ended
/// them. `*p` stays after the last group read.
fn v6_groups(s: &[u8], p: &mut usize, groups: &mut [u16]) -> (usize, bool) {
    let limit = groups.len();
    for i in 0..limit {
        let mut q = *p;
        if i > 0 && !eat(s, &mut q, b':') {
            return (i, false);
        }
        // One to four hex digits.
        let mut v = 0u16;
        let mut n = 0;
        while n < 4 {
            match hex(s.get(q + n)) {
                Some(d) => v = (v << 4) | d,
                None => break,
            }
            n += 1;
        }
        match s.get(q + n) {
            // An embedded IPv4 address: its first octet (at most three
            // decimal digits, which are hex digits too) ends at a dot.
            Some(b'.') if n <= 3 && i + 1 < limit => {
                let mut w = q;
                if let Some([a, b, c, d]) = embedded_v4(s, &mut w) {
                    if let Some(pair) = groups.get_mut(i..i + 2) {
                        pair.copy_from_slice(&[
                            u16::from_be_bytes([a, b]),
                            u16::from_be_bytes([c, d]),
                        ]);
                    }
                    *p = w;
                    return (i + 2, true);
                }
            }
            // A fifth hex digit: not a group.
            c if n == 4 && hex(c).is_some() => return (i, false),
            _ => {}
        }
        match groups.get_mut(i) {
            Some(slot) if n > 0 => {
                *slot = v;
                *p = q + n;
            }
            _ => return (i, false),
        }
    }
    (limit, false)
}

/// Parses an IPv6 address exactly as `std` does (`Ipv6Addr::from_str`:
/// one `::`, an optional embedded IPv4 address at the end), without its
/// per-character parser combinators (IPv6 keys dominate typed RPSL parsing
/// of `route6`/`inet6num` objects). Proptested against `std`.
pub(crate) fn parse_ipv6(s: &[u8]) -> Option<Ipv6Addr> {
    let mut p = 0;
    let mut head = [0u16; 8];
    let (head_n, head_v4) = v6_groups(s, &mut p, &mut head);
    if head_n == 8 {
        return (p == s.len()).then(|| Ipv6Addr::from(head));
    }
    if head_v4 || s.get(p..p + 2) != Some(b"::") {
        return None;
    }
    p += 2;
    let mut tail = [0u16; 7];
    let limit = 8 - (head_n + 1);
    let (tail_n, _) = v6_groups(s, &mut p, tail.get_mut(..limit)?);
    if p != s.len() {
        return None;
    }
    head.get_mut(8 - tail_n..)?
        .copy_from_slice(tail.get(..tail_n)?);
    Some(Ipv6Addr::from(head))
}

fn split_prefix(s: &str) -> Result<(IpAddr, Option<u8>), ModelError> {
    split_prefix_raw(s).map_err(|reason| ModelError::InvalidPrefix {
        input: s.to_owned(),
        reason,
    })
}

/// [`split_prefix`] whose error is the reason only (no allocation).
fn split_prefix_raw(s: &str) -> Result<(IpAddr, Option<u8>), &'static str> {
    let bad = |reason| reason;
    let (a, l) = match memchr::memchr(b'/', s.as_bytes()) {
        Some(i) => (s.get(..i).unwrap_or_default(), s.get(i + 1..)),
        None => (s, None),
    };
    let addr: IpAddr = if memchr::memchr(b':', a.as_bytes()).is_some() {
        IpAddr::V6(parse_ipv6(a.as_bytes()).ok_or_else(|| bad("invalid IPv6 address"))?)
    } else {
        IpAddr::V4(
            a.parse::<Ipv4Addr>()
                .map_err(|_| bad("invalid IPv4 address"))?,
        )
    };
    let len = match l {
        None => None,
        Some(l) => {
            if l.is_empty() || l.len() > 3 || !l.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad("invalid prefix length"));
            }
            Some(
                l.parse::<u8>()
                    .map_err(|_| bad("prefix length out of range"))?,
            )
        }
    };
    Ok((addr, len))
}

/// Canonical `a.b.c.d/len` (no leading zeros) without host bits, or `None`
/// (the caller then falls back to the full parser, which decides).
#[inline]
fn fast_v4(b: &[u8]) -> Option<Prefix> {
    let mut addr: u32 = 0;
    let mut i = 0usize;
    for octet in 0..4 {
        let mut v: u32 = 0;
        let start = i;
        // At most three digits: a fourth fails the separator check below.
        while let Some(&c) = b.get(i) {
            if !c.is_ascii_digit() || i - start == 3 {
                break;
            }
            v = v * 10 + u32::from(c - b'0');
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 3 || v > 255 || (n > 1 && b.get(start) == Some(&b'0')) {
            return None;
        }
        addr = (addr << 8) | v;
        let sep = if octet == 3 { b'/' } else { b'.' };
        if b.get(i) != Some(&sep) {
            return None;
        }
        i += 1;
    }
    let rest = b.get(i..)?;
    let len = match rest {
        [d] if d.is_ascii_digit() => d - b'0',
        [d1, d2] if *d1 != b'0' && d1.is_ascii_digit() && d2.is_ascii_digit() => {
            (d1 - b'0') * 10 + (d2 - b'0')
        }
        _ => return None,
    };
    Prefix::from_bits(Family::V4, u128::from(addr) << 96, len).ok()
}

impl FromStr for Prefix {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Prefix::parse(s)
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr(), self.len)
    }
}

impl fmt::Debug for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prefix({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parse() {
        let p = Prefix::parse("192.0.2.0/24").unwrap();
        assert_eq!(p.to_string(), "192.0.2.0/24");
        assert_eq!(p.bits(), 0xc000_0200u128 << 96);
        let e = Prefix::parse("192.0.2.1/24").unwrap_err();
        assert_eq!(
            e.to_string(),
            "192.0.2.1/24 has host bits set (the network is 192.0.2.0/24)"
        );
        for bad in [
            "192.0.2.0",
            "192.0.2.0/33",
            "192.0.2.0/",
            "192.0.2/24",
            "2001:db8::/129",
            " 10.0.0.0/8",
            "10.0.0.0/8 ",
            "10.0.0.0/+8",
            "010.0.0.0/8",
            "10.0.0.0/0008",
            "x/8",
            "",
        ] {
            assert!(Prefix::parse(bad).is_err(), "{bad:?} should fail");
        }
        assert_eq!(
            Prefix::parse("2001:DB8::/32").unwrap().to_string(),
            "2001:db8::/32"
        );
        assert_eq!(Prefix::parse("0.0.0.0/0").unwrap().len(), 0);
        assert_eq!(Prefix::parse("::/0").unwrap().family(), Family::V6);
    }

    #[test]
    fn relaxed_parse() {
        assert_eq!(
            Prefix::parse_relaxed(" 192.0.2.77/24\n")
                .unwrap()
                .to_string(),
            "192.0.2.0/24"
        );
        assert_eq!(
            Prefix::parse_relaxed("192.0.2.1").unwrap().to_string(),
            "192.0.2.1/32"
        );
        assert_eq!(Prefix::parse_relaxed("2001:db8::1").unwrap().len(), 128);
        assert!(Prefix::parse_relaxed("192.0.2.1/40").is_err());
    }

    #[test]
    fn covers_and_order() {
        let a = Prefix::parse("10.0.0.0/8").unwrap();
        let b = Prefix::parse("10.1.0.0/16").unwrap();
        let c = Prefix::parse("11.0.0.0/8").unwrap();
        let v6 = Prefix::parse("::/0").unwrap();
        assert!(a.covers(&b) && a.covers(&a) && !b.covers(&a) && !a.covers(&c));
        assert!(!v6.covers(&a));
        assert!(Prefix::parse("0.0.0.0/0").unwrap().covers(&c));
        let mut v = vec![v6, c, b, a];
        v.sort();
        assert_eq!(v, vec![a, b, c, v6]);
        assert_eq!(b.truncate(8), Some(a));
        assert_eq!(a.truncate(9), None);
    }

    /// The general parser alone (std's address parser), bypassing `fast_v4`.
    fn slow_parse(s: &str) -> Option<Prefix> {
        let (addr, len) = split_prefix(s).ok()?;
        Prefix::new(addr, len?).ok()
    }

    #[test]
    fn fast_v4_agrees_with_model() {
        for s in [
            "192.0.2.0/24",
            "0.0.0.0/0",
            "10.0.0.0/8",
            "255.255.255.255/32",
            "192.0.2.1/24",
            "010.0.0.0/8",
            "10.0.0.0/08",
            "10.0.0.0/33",
            "4294967296.0.0.0/8",
            "1.2.3.99999999999/8",
            "1.2.3.0255/32",
            "1.2.3/24",
            "1.2.3.4.5/32",
            "256.0.0.0/8",
            "1.2.3.4/",
            "1.2.3.4",
            "1.2.3.0/024",
            "01.2.3.0/24",
            "0.0.0.0/00",
        ] {
            let fast = fast_v4(s.as_bytes());
            let model = slow_parse(s);
            if let Some(f) = fast {
                assert_eq!(Some(f), model, "{s}");
            }
            assert_eq!(Prefix::parse(s).ok(), model, "{s}");
        }
    }

    /// IPv6 texts near the valid ones: random groups, `::`, embedded IPv4
    /// addresses, leading zeros, case, stray characters.
    fn v6_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[0-9a-fA-F:.]{0,44}",
            "[0-9a-f]{0,5}(:[0-9a-fA-F]{0,5}){0,9}(:[0-9]{1,4}(\\.[0-9]{1,4}){0,4})?",
            any::<u128>().prop_map(|v| std::net::Ipv6Addr::from(v).to_string()),
            any::<(u128, bool)>().prop_map(|(v, up)| {
                let g = std::net::Ipv6Addr::from(v).segments();
                let s = g
                    .iter()
                    .map(|x| format!("{x:04x}"))
                    .collect::<Vec<_>>()
                    .join(":");
                if up {
                    s.to_uppercase()
                } else {
                    s
                }
            }),
            any::<(u16, [u8; 4])>()
                .prop_map(|(h, o)| format!("::{h:x}:{}.{}.{}.{}", o[0], o[1], o[2], o[3])),
            "[0-9a-f:]{0,12}::[0-9a-f:]{0,12}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// [`parse_ipv6`] accepts and reads exactly what `std` does.
        #[test]
        fn parse_ipv6_matches_std(s in v6_text()) {
            proptest::prop_assert_eq!(parse_ipv6(s.as_bytes()), s.parse::<Ipv6Addr>().ok(), "{}", s);
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_v4_agrees_on_dotted_text(s in "[0-9]{1,4}(\\.[0-9]{1,4}){2,4}(/[0-9]{1,3})?") {
            if let Some(f) = fast_v4(s.as_bytes()) {
                proptest::prop_assert_eq!(Some(f), slow_parse(&s));
            }
            proptest::prop_assert_eq!(Prefix::parse(&s).ok(), slow_parse(&s));
        }
        #[test]
        fn display_roundtrip_v4(addr: u32, len in 0u8..=32) {
            let p = Prefix::new_relaxed(IpAddr::V4(addr.into()), len).unwrap();
            proptest::prop_assert_eq!(p.to_string().parse::<Prefix>().unwrap(), p);
        }
        #[test]
        fn display_roundtrip_v6(addr: u128, len in 0u8..=128) {
            let p = Prefix::new_relaxed(IpAddr::V6(addr.into()), len).unwrap();
            proptest::prop_assert_eq!(p.to_string().parse::<Prefix>().unwrap(), p);
        }
    }
}
