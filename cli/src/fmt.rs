//! Allocation-free text formatting of prefixes and ASNs into a byte buffer,
//! for the bulk output paths.

use std::io::Write;

use routeguard::{Asn, Family, Prefix};

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
