//! bgpq4 1.9's readers of numbers, prefixes and prefix ranges, as its C
//! code reads them with glibc on a 64-bit Linux: `strtoul`, `strtol` and
//! `sscanf`'s `%i`, `inet_pton` with the `%i.%i.%i.%i` fallback of
//! `sx_prefix_parse`, `sx_prefix_range_parse` (RFC 2622 §2 range
//! operators `^+`, `^-`, `^n`, `^n-m`), the expander's `-m` rules
//! (`bgpq_expander_add_prefix`) and the `ERROR:`/`DEBUG:` lines they write.
//!
//! One reader serves both the command line ([`args`](super::args)) and
//! the prefix tree ([`tree`](crate::filter::tree)), so the two read every
//! word the same way. Messages are bytes: bgpq4 writes the first 50 bytes
//! of a word even when that cuts a UTF-8 sequence.

use crate::model::{Family, Prefix, PrefixRange};

// ---------------------------------------------------------------- C numbers

/// C's `isspace` in the C locale.
pub(crate) fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// White space and an optional sign, as every C number reader skips them:
/// where the digits start and whether the number is negative.
fn space_sign(s: &[u8]) -> (usize, bool) {
    let mut i = 0;
    while s.get(i).copied().is_some_and(is_c_space) {
        i += 1;
    }
    match s.get(i) {
        Some(b'-') => (i + 1, true),
        Some(b'+') => (i + 1, false),
        _ => (i, false),
    }
}

/// The digits of `radix` from `i`: the magnitude, whether it overflowed
/// 64 bits (the magnitude then stops growing), and where the digits end.
fn digits(s: &[u8], mut i: usize, radix: u32) -> (u64, bool, usize) {
    let mut v: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).and_then(|&c| char::from(c).to_digit(radix)) {
        match v
            .checked_mul(u64::from(radix))
            .and_then(|x| x.checked_add(u64::from(d)))
        {
            Some(x) => v = x,
            None => overflow = true,
        }
        i += 1;
    }
    (v, overflow, i)
}

/// A signed magnitude as C's `long`, clamped to its range on overflow.
fn to_long(neg: bool, v: u64, overflow: bool) -> i64 {
    const LIMIT: u64 = 1 << 63;
    match (neg, overflow || v >= LIMIT) {
        (true, true) => i64::MIN,
        (false, true) => i64::MAX,
        (true, false) => -(v as i64),
        (false, false) => v as i64,
    }
}

/// glibc `strtoul(s, &end, 10)` on a 64-bit system: the value and the
/// index of `end` (0 when no digits).
pub(crate) fn strtoul(s: &[u8]) -> (u64, usize) {
    let (start, neg) = space_sign(s);
    let (v, overflow, end) = digits(s, start, 10);
    if end == start {
        (0, 0)
    } else if overflow {
        (u64::MAX, end)
    } else if neg {
        (v.wrapping_neg(), end)
    } else {
        (v, end)
    }
}

/// glibc `strtol(s, &end, 10)` on a 64-bit system.
pub(crate) fn strtol(s: &[u8]) -> (i64, usize) {
    let (start, neg) = space_sign(s);
    let (v, overflow, end) = digits(s, start, 10);
    if end == start {
        (0, 0)
    } else {
        (to_long(neg, v, overflow), end)
    }
}

/// One `%i` of glibc's `sscanf`: the value (as `int`) and the bytes used,
/// or `None` on a matching failure. Unlike `strtol` with base 0, glibc
/// keeps the `x` of a `0x` that no hex digit follows (`0x.1.2.3` reads as
/// 0, then `.1.2.3`), as bgpq4 1.9 shows.
fn scan_int(s: &[u8]) -> Option<(i32, usize)> {
    let (mut i, neg) = space_sign(s);
    let mut radix = 10;
    let mut zero = false;
    if s.get(i) == Some(&b'0') {
        i += 1;
        zero = true;
        if matches!(s.get(i), Some(b'x' | b'X')) {
            radix = 16;
            i += 1;
        } else {
            radix = 8;
        }
    }
    let (v, overflow, end) = digits(s, i, radix);
    if end == i && !zero {
        return None;
    }
    Some((to_long(neg, v, overflow) as i32, end))
}

// --------------------------------------------------------------- addresses

/// bgpq4's IPv4 reading: glibc `inet_pton` accepts a subset of what its
/// fallback `sscanf("%i.%i.%i.%i")` does with the same values, so the
/// fallback alone decides (each part in `0..256`; text after the fourth
/// part is ignored).
fn parse_v4(s: &[u8]) -> Option<u32> {
    let mut i = 0;
    let mut v: u32 = 0;
    for part in 0..4 {
        if part > 0 {
            if s.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let (n, used) = scan_int(s.get(i..)?)?;
        if !(0..256).contains(&n) {
            return None;
        }
        v = (v << 8) | n as u32;
        i += used;
    }
    Some(v)
}

/// glibc's strict dotted quad (`inet_pton4`), for the tail of an IPv6
/// address.
fn pton4(s: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut octets = 0usize;
    let mut cur: u32 = 0;
    let mut saw_digit = false;
    for &c in s {
        if c.is_ascii_digit() {
            if saw_digit && cur == 0 {
                return None;
            }
            cur = cur * 10 + u32::from(c - b'0');
            if cur > 255 {
                return None;
            }
            if !saw_digit {
                octets += 1;
                if octets > 4 {
                    return None;
                }
                saw_digit = true;
            }
            *out.get_mut(octets - 1)? = cur as u8;
        } else if c == b'.' && saw_digit {
            if octets == 4 {
                return None;
            }
            cur = 0;
            saw_digit = false;
        } else {
            return None;
        }
    }
    (octets == 4).then_some(out)
}

/// glibc's `inet_pton(AF_INET6)`.
fn parse_v6(s: &[u8]) -> Option<u128> {
    let mut out = [0u8; 16];
    let mut tp = 0usize;
    let mut colonp: Option<usize> = None;
    let mut i = 0usize;
    if s.is_empty() {
        return None;
    }
    if s.first() == Some(&b':') {
        if s.get(1) != Some(&b':') {
            return None;
        }
        i = 1;
    }
    let mut curtok = i;
    let mut seen = 0;
    let mut val: u32 = 0;
    let mut v4_done = false;
    while let Some(&c) = s.get(i) {
        i += 1;
        if let Some(d) = char::from(c).to_digit(16) {
            if seen == 4 {
                return None;
            }
            val = (val << 4) | d;
            seen += 1;
            continue;
        }
        if c == b':' {
            curtok = i;
            if seen == 0 {
                if colonp.is_some() {
                    return None;
                }
                colonp = Some(tp);
                continue;
            } else if i == s.len() {
                return None;
            }
            if tp + 2 > 16 {
                return None;
            }
            *out.get_mut(tp)? = (val >> 8) as u8;
            *out.get_mut(tp + 1)? = val as u8;
            tp += 2;
            seen = 0;
            val = 0;
            continue;
        }
        if c == b'.' && tp + 4 <= 16 {
            if let Some(q) = pton4(s.get(curtok..)?) {
                out.get_mut(tp..tp + 4)?.copy_from_slice(&q);
                tp += 4;
                seen = 0;
                v4_done = true;
                break;
            }
        }
        return None;
    }
    if seen > 0 && !v4_done {
        if tp + 2 > 16 {
            return None;
        }
        *out.get_mut(tp)? = (val >> 8) as u8;
        *out.get_mut(tp + 1)? = val as u8;
        tp += 2;
    }
    if let Some(cp) = colonp {
        if tp == 16 {
            return None;
        }
        let n = tp - cp;
        let moved: Vec<u8> = out.get(cp..tp)?.to_vec();
        for b in out.get_mut(cp..)? {
            *b = 0;
        }
        out.get_mut(16 - n..)?.copy_from_slice(&moved);
        tp = 16;
    }
    (tp == 16).then(|| u128::from_be_bytes(out))
}

// ------------------------------------------------------- prefixes and ranges

/// bgpq4's number of an address family in its messages (`AF_INET` 2,
/// `AF_INET6` 10).
pub(crate) fn family_number(f: Family) -> u32 {
    match f {
        Family::V4 => 2,
        Family::V6 => 10,
    }
}

/// bgpq4's `expander.maxlen` for a family and `-m` (as in
/// [`Options::max_len`](super::Options::max_len)): the family's maximum
/// when not given (or 0, which bgpq4 refuses), the value when shorter, and
/// 0 (no limit, and ranges cut to their prefix: a 1.9 quirk) when it
/// equals or exceeds the family's maximum.
pub(crate) fn expander_maxlen(family: Family, max_len: Option<u8>) -> u8 {
    let fmax = family.max_len();
    match max_len {
        None | Some(0) => fmax,
        Some(m) if m < fmax => m,
        Some(_) => 0,
    }
}

/// bgpq4's `sx_prefix_parse` with `af` 0 (the family from a `:`), writing
/// its `ERROR:` lines to `err`: the first 50 bytes only; a missing or
/// out-of-range length is the family's maximum; host bits are cleared.
pub(crate) fn parse_prefix(text: &[u8], err: &mut Vec<u8>) -> Option<Prefix> {
    let mtext = text.get(..text.len().min(50)).unwrap_or(text);
    let slash = mtext.iter().position(|&b| b == b'/');
    let (addr, masklen) = match slash {
        Some(i) => {
            let tail = mtext.get(i + 1..).unwrap_or(&[]);
            let (v, end) = strtol(tail);
            if tail.get(end).is_some_and(|&c| !is_c_space(c)) {
                err.extend_from_slice(b"ERROR:Invalid masklen in prefix ");
                err.extend_from_slice(text);
                err.push(b'\n');
                return None;
            }
            (mtext.get(..i).unwrap_or(&[]), v as i32)
        }
        None => (mtext, -1),
    };
    let v6 = addr.contains(&b':');
    let (family, bits) = if v6 {
        (Family::V6, parse_v6(addr))
    } else {
        (Family::V4, parse_v4(addr).map(|v| u128::from(v) << 96))
    };
    let Some(bits) = bits else {
        err.extend_from_slice(b"ERROR:Unable to parse prefix '");
        err.extend_from_slice(mtext);
        let name = if v6 { "inet6" } else { "inet" };
        err.extend_from_slice(
            format!("', af={} ({name}), ret=0\n", family_number(family)).as_bytes(),
        );
        return None;
    };
    let max = i32::from(family.max_len());
    let len = if (0..=max).contains(&masklen) {
        masklen as u8
    } else {
        family.max_len()
    };
    Prefix::from_bits_relaxed(family, bits, len).ok()
}

/// What bgpq4 does with a prefix word (no `^`).
pub(crate) enum PrefixOutcome {
    /// Added to the tree.
    Added(Prefix),
    /// Dropped without an `ERROR:` line (other family, longer than `-m`).
    Ignored,
    /// Not parsed; the `ERROR:` lines are written.
    Refused,
}

/// bgpq4's `bgpq_expander_add_prefix` for a word: [`parse_prefix`], then
/// the family and `maxlen` ([`expander_maxlen`]) checks, with `-d`'s
/// debug lines (when `debug` > 0) and the `ERROR:` lines appended to `err`.
pub(crate) fn add_prefix(
    word: &str,
    family: Family,
    maxlen: u8,
    debug: u8,
    err: &mut Vec<u8>,
) -> PrefixOutcome {
    let Some(p) = parse_prefix(word.as_bytes(), err) else {
        err.extend_from_slice(format!("ERROR:Unable to parse prefix {word}\n").as_bytes());
        return PrefixOutcome::Refused;
    };
    if p.family() != family {
        if debug > 0 {
            err.extend_from_slice(
                format!(
                    "DEBUG: expander.c:223 bgpq_expander_add_prefix Ignoring \
                     prefix {word} with wrong address family\n"
                )
                .as_bytes(),
            );
        }
        return PrefixOutcome::Ignored;
    }
    if maxlen != 0 && p.len() > maxlen {
        if debug > 0 {
            err.extend_from_slice(
                format!(
                    "DEBUG: expander.c:228 bgpq_expander_add_prefix Ignoring \
                     prefix {word}: masklen {} > max masklen {maxlen}\n",
                    p.len()
                )
                .as_bytes(),
            );
        }
        return PrefixOutcome::Ignored;
    }
    PrefixOutcome::Added(p)
}

/// What `sx_prefix_range_parse` makes of a range word.
pub(crate) enum RangeOutcome {
    /// Accepted: the prefix and bgpq4's min and max (see [`inserted`]).
    Parsed(Prefix, u64, u64),
    /// Dropped without an `ERROR:` line (nothing after `^`, the prefix
    /// longer than `-m`); main() names the whole word.
    Ignored,
    /// Refused with `ERROR:` lines; main() names the word as given here
    /// (cut at the `^` when its prefix did not parse, as bgpq4 leaves it).
    Refused(String),
}

/// bgpq4's `sx_prefix_range_parse` for `family` and `maxlen`
/// ([`expander_maxlen`]), its messages (debug ones under `debug`)
/// appended to `err`.
pub(crate) fn parse_range(
    text: &str,
    family: Family,
    maxlen: u8,
    debug: u8,
    err: &mut Vec<u8>,
) -> RangeOutcome {
    let Some((head, tail)) = text.split_once('^') else {
        return RangeOutcome::Ignored;
    };
    if tail.is_empty() {
        return RangeOutcome::Ignored;
    }
    let Some(p) = parse_prefix(head.as_bytes(), err) else {
        err.extend_from_slice(format!("ERROR:Unable to parse prefix {head}^{tail}\n").as_bytes());
        return RangeOutcome::Refused(head.to_owned());
    };
    let refuse = |err: &mut Vec<u8>, m: String| {
        err.extend_from_slice(m.as_bytes());
        RangeOutcome::Refused(text.to_owned())
    };
    if p.family() != family {
        let m = format!(
            "ERROR:Ignoring prefix {text}, wrong af {}\n",
            family_number(p.family())
        );
        return refuse(err, m);
    }
    let len = u64::from(p.len());
    let maxlen64 = u64::from(maxlen);
    if maxlen != 0 && len > maxlen64 {
        if debug > 0 {
            err.extend_from_slice(
                format!(
                    "DEBUG: sx_prefix.c:307 sx_prefix_range_parse Ignoring prefix {text}, \
                     masklen {len} > max masklen {maxlen}\n"
                )
                .as_bytes(),
            );
        }
        return RangeOutcome::Ignored;
    }
    let t = tail.as_bytes();
    let (min, max) = match t.first() {
        Some(b'-') => (len + 1, maxlen64),
        Some(b'+') => (len, maxlen64),
        Some(c) if c.is_ascii_digit() => {
            let (min, end) = strtoul(t);
            match t.get(end..).unwrap_or(&[]) {
                [] => (min, 0),
                [b'-', d, ..] if d.is_ascii_digit() => {
                    (min, strtoul(t.get(end + 1..).unwrap_or(&[])).0)
                }
                _ => return refuse(err, format!("ERROR:Unable to parse prefix-range {text}\n")),
            }
        }
        _ => return refuse(err, format!("ERROR:Invalid prefix-range {text}\n")),
    };
    if min < len {
        return refuse(
            err,
            format!("ERROR:Invalid prefix-range {text}: min {min} < masklen {len}\n"),
        );
    }
    match family {
        Family::V4 if max > 32 => {
            return refuse(
                err,
                format!("ERROR:Invalid prefix-range {text}: max {max} > 32\n"),
            )
        }
        Family::V6 if max > 128 => {
            return refuse(
                err,
                format!("ERROR:Invalid ipv6 prefix-range {text}: max {max} > 128\n"),
            )
        }
        _ => {}
    }
    let max = max.min(maxlen64);
    if debug > 0 {
        err.extend_from_slice(
            format!(
                "DEBUG: sx_prefix.c:352 sx_prefix_range_parse parsed prefix-range {text} \
                 as {min}-{max} (maxlen: {maxlen})\n"
            )
            .as_bytes(),
        );
    }
    RangeOutcome::Parsed(p, min, max)
}

/// The range `sx_radix_tree_insert_specifics(p, min, max)` inserts: `p`
/// itself whenever `min` is its length (even when `max` is shorter), and
/// every more-specific of length `min..=max`; `None` for nothing.
pub(crate) fn inserted(p: Prefix, min: u64, max: u64) -> Option<PrefixRange> {
    let len = u64::from(p.len());
    let high = if min == len { max.max(len) } else { max };
    if min > high {
        return None;
    }
    PrefixRange::new(p, u8::try_from(min).ok()?, u8::try_from(high).ok()?)
}

/// The line bgpq4's `main` writes before exiting with status 1 when it
/// could not add a command-line prefix (`range` false) or range word.
pub(crate) fn exit_line(range: bool, shown: &str) -> String {
    if range {
        format!("ERROR:Unable to add prefix-range {shown} (bad range or address-family)\n")
    } else {
        format!("ERROR:Unable to add prefix {shown} (bad prefix or address-family)\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(strtoul(b" -1"), (u64::MAX, 3));
        assert_eq!(strtoul(b"-18446744073709551615"), (1, 21));
        assert_eq!(strtoul(b"18446744073709551616x"), (u64::MAX, 20));
        assert_eq!(strtoul(b"x1"), (0, 0));
        assert_eq!(strtol(b"99999999999999999999"), (i64::MAX, 20));
        assert_eq!(strtol(b"-9223372036854775808"), (i64::MIN, 20));
        assert_eq!(strtol(b"\t+12/"), (12, 4));
        assert_eq!(scan_int(b"0x"), Some((0, 2)));
        assert_eq!(scan_int(b"0x1f"), Some((31, 4)));
        assert_eq!(scan_int(b"010"), Some((8, 3)));
        assert_eq!(scan_int(b" -4294967297"), Some((-1, 12)));
        assert_eq!(scan_int(b"-"), None);
    }

    #[test]
    fn addresses() {
        assert_eq!(parse_v4(b"010.0.0.1"), Some(0x0800_0001));
        // glibc's sscanf keeps the x of a bare 0x; bgpq4 1.9 prints
        // 0.1.2.3/32 for `0x.1.2.3/32`.
        assert_eq!(parse_v4(b"0x.1.2.3"), Some(0x0001_0203));
        assert_eq!(parse_v4(b"1.2.3.0x"), Some(0x0102_0300));
        assert_eq!(parse_v4(b"0xg.1.2.3"), None);
        assert_eq!(parse_v4(b"1.2.3.256"), None);
        assert_eq!(parse_v6(b"::1"), Some(1));
        assert_eq!(parse_v6(b"::ffff:1.2.3.4"), Some(0xffff_0102_0304));
        assert_eq!(parse_v6(b"1:2:3:4:5:6:7::8"), None);
        assert_eq!(parse_v6(b"::1.02.3.4"), None);
    }

    #[test]
    fn prefixes_and_ranges() {
        let mut err = Vec::new();
        let p = parse_prefix(b"0x.1.2.3/32", &mut err).unwrap();
        assert_eq!(p.to_string(), "0.1.2.3/32");
        assert_eq!(
            parse_prefix(b"10.0.0.1/33", &mut err).unwrap().to_string(),
            "10.0.0.1/32"
        );
        assert!(err.is_empty());
        assert!(parse_prefix(b"10.0.0.0/8x", &mut err).is_none());
        assert_eq!(err, b"ERROR:Invalid masklen in prefix 10.0.0.0/8x\n");
        assert_eq!(expander_maxlen(Family::V4, Some(0)), 32);
        assert_eq!(expander_maxlen(Family::V4, Some(32)), 0);
        assert_eq!(expander_maxlen(Family::V6, Some(48)), 48);
        let mut err = Vec::new();
        let RangeOutcome::Parsed(p, min, max) =
            parse_range("10.0.0.0/8^16-24", Family::V4, 32, 0, &mut err)
        else {
            panic!()
        };
        assert_eq!(
            inserted(p, min, max).unwrap().to_string(),
            "10.0.0.0/8^16-24"
        );
        assert!(matches!(
            parse_range("x^+", Family::V4, 32, 0, &mut err),
            RangeOutcome::Refused(s) if s == "x"
        ));
        assert!(matches!(
            parse_range("10.0.0.0/8^", Family::V4, 32, 0, &mut err),
            RangeOutcome::Ignored
        ));
    }
}
