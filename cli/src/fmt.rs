//! Allocation-free text formatting of prefixes and ASNs into a byte buffer,
//! for the bulk output paths.

use std::io::Write;

use routeguard::{AsPath, Asn, Family, Prefix, Segment};

/// Appends the decimal digits of `n`.
pub fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(i..).unwrap_or(&[]));
}

/// Appends `AS64500`.
pub fn push_asn(out: &mut Vec<u8>, asn: Asn) {
    out.extend_from_slice(b"AS");
    push_u32(out, asn.get());
}

/// Appends the prefix in canonical text (`192.0.2.0/24`, RFC 5952 for IPv6).
pub fn push_prefix(out: &mut Vec<u8>, prefix: &Prefix) {
    match prefix.family() {
        Family::V4 => {
            let a = (prefix.bits() >> 96) as u32;
            for (i, shift) in [24u32, 16, 8, 0].into_iter().enumerate() {
                if i > 0 {
                    out.push(b'.');
                }
                push_u32(out, (a >> shift) & 0xff);
            }
            out.push(b'/');
            push_u32(out, u32::from(prefix.len()));
        }
        Family::V6 => {
            // std's Ipv6Addr Display implements RFC 5952; writing into a Vec
            // cannot fail.
            let _ = write!(out, "{prefix}");
        }
    }
}

/// Appends the AS path as [`AsPath`]'s `Display` writes it (`64500 64501
/// {64502,64503}`, confederation segments in `()` and `[]`).
pub fn push_path(out: &mut Vec<u8>, path: &AsPath) {
    for (i, seg) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        let (open, close, sep, asns) = match seg {
            Segment::Sequence(v) => (None, None, b' ', v),
            Segment::Set(v) => (Some(b'{'), Some(b'}'), b',', v),
            Segment::ConfedSequence(v) => (Some(b'('), Some(b')'), b' ', v),
            Segment::ConfedSet(v) => (Some(b'['), Some(b']'), b',', v),
        };
        out.extend(open);
        for (k, a) in asns.iter().enumerate() {
            if k > 0 {
                out.push(sep);
            }
            push_u32(out, a.get());
        }
        out.extend(close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for n in [0u32, 7, 10, 99, 100, 64500, 4_294_967_295] {
            let mut v = Vec::new();
            push_u32(&mut v, n);
            assert_eq!(v, n.to_string().into_bytes());
        }
        let mut v = Vec::new();
        push_asn(&mut v, Asn::new(64500));
        assert_eq!(v, b"AS64500");
    }

    #[test]
    fn paths_as_display_writes_them() {
        for text in [
            "",
            "64500",
            "64500 64501 {64502,64503}",
            "(65001 65002) [65003,65004] 64500 64500",
            "{1} 2 {3,4,5}",
        ] {
            let path = AsPath::parse(text).unwrap();
            let mut v = Vec::new();
            push_path(&mut v, &path);
            assert_eq!(String::from_utf8(v).unwrap(), path.to_string());
        }
    }

    #[test]
    fn prefixes() -> Result<(), routeguard::ModelError> {
        for s in [
            "0.0.0.0/0",
            "192.0.2.0/24",
            "255.255.255.255/32",
            "10.0.0.0/8",
            "2001:db8::/32",
            "::/0",
        ] {
            let p = Prefix::parse(s)?;
            let mut v = Vec::new();
            push_prefix(&mut v, &p);
            assert_eq!(String::from_utf8_lossy(&v), s);
        }
        Ok(())
    }
}
