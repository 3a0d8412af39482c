//! Base64 (RFC 4648 §4 and §5) and hex for SKIs and router keys.
//!
//! RFC 8416 §3.3.2 and §3.4.2 write the SKI and the router public key in
//! "base64url" (RFC 4648 §5) without trailing `=`; validator exports write
//! SKIs as hex (Routinator, rpki-client) and keys in standard base64. To
//! compare them, every form is decoded to bytes.

/// The value of one base64 character in either alphabet, and whether it is
/// specific to the URL-safe one (`Some(true)`), to the standard one
/// (`Some(false)`) or common to both (`None`).
fn sextet(c: u8) -> Option<(u8, Option<bool>)> {
    Some(match c {
        b'A'..=b'Z' => (c - b'A', None),
        b'a'..=b'z' => (c - b'a' + 26, None),
        b'0'..=b'9' => (c - b'0' + 52, None),
        b'-' => (62, Some(true)),
        b'_' => (63, Some(true)),
        b'+' => (62, Some(false)),
        b'/' => (63, Some(false)),
        _ => return None,
    })
}

/// How a base64 text departs from RFC 8416's form, when it decodes at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Deviations {
    /// Uses `+` or `/` (the standard alphabet).
    pub standard_alphabet: bool,
    /// Ends in `=` padding.
    pub padded: bool,
    /// The unused low bits of the last character are not zero.
    pub non_canonical: bool,
}

impl Deviations {
    /// Whether the text is exactly base64url without padding.
    #[cfg(test)]
    pub(crate) fn none(self) -> bool {
        self == Deviations::default()
    }
}

/// Decodes base64 in either alphabet (not mixed), with or without padding.
/// Returns the bytes and how the text departs from unpadded base64url.
pub(crate) fn decode_base64(s: &str) -> Option<(Vec<u8>, Deviations)> {
    let b = s.as_bytes();
    let body_len = b.iter().rposition(|&c| c != b'=').map_or(0, |i| i + 1);
    let pad = b.len() - body_len;
    let body = b.get(..body_len)?;
    if body.is_empty() || body.len() % 4 == 1 || pad > 2 || (pad > 0 && (body.len() + pad) % 4 != 0)
    {
        return None;
    }
    let mut dev = Deviations {
        padded: pad > 0,
        ..Deviations::default()
    };
    let mut url = None;
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in body {
        let (v, kind) = sextet(c)?;
        if let Some(k) = kind {
            if *url.get_or_insert(k) != k {
                return None;
            }
            if !k {
                dev.standard_alphabet = true;
            }
        }
        acc = ((acc << 6) | u32::from(v)) & 0x00ff_ffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if bits > 0 && acc & ((1 << bits) - 1) != 0 {
        dev.non_canonical = true;
    }
    Some((out, dev))
}

/// Encodes bytes as base64url without padding (the RFC 8416 form).
#[cfg(test)]
pub(crate) fn encode_base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let sym = |v: u32| char::from(ALPHABET.get((v & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            n |= u32::from(b) << (16 - 8 * i);
        }
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        if chunk.len() > 1 {
            out.push(sym(n >> 6));
        }
        if chunk.len() > 2 {
            out.push(sym(n));
        }
    }
    out
}

/// Decodes hex digits (either case), optionally separated by `:`.
pub(crate) fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = s.bytes().filter(|&c| c != b':').collect();
    if digits.is_empty() || digits.len() % 2 != 0 {
        return None;
    }
    let val = |c: u8| (c as char).to_digit(16);
    digits
        .chunks(2)
        .map(|p| match p {
            [h, l] => Some((val(*h)? * 16 + val(*l)?) as u8),
            _ => None,
        })
        .collect()
}

/// Encodes bytes as upper-case hex (how exports write SKIs).
pub(crate) fn encode_hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(
            DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
        ));
        out.push(char::from(
            DIGITS.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
        ));
    }
    out
}

/// The bytes of an SKI as a validator export writes it in a [`RouterKey`]:
/// hex digits (either case, optionally separated by `:`) when it is only
/// that, else base64 in either alphabet. (A base64 SKI of 20 bytes is 27
/// characters, or 28 with `=`, so it never reads as hex.)
///
/// [`RouterKey`]: crate::model::RouterKey
pub(crate) fn export_ski_bytes(s: &str) -> Option<Vec<u8>> {
    if s.bytes().all(|c| c.is_ascii_hexdigit() || c == b':') {
        if let Some(b) = decode_hex(s) {
            return Some(b);
        }
    }
    decode_base64(s).map(|(b, _)| b)
}

/// The bytes of a public key written in base64 (either alphabet).
pub(crate) fn key_bytes(s: &str) -> Option<Vec<u8>> {
    decode_base64(s).map(|(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_forms() {
        assert_eq!(
            decode_base64("Zm9v").unwrap(),
            (b"foo".to_vec(), Deviations::default())
        );
        assert_eq!(decode_base64("Zm9vYg").unwrap().0, b"foob");
        let (b, d) = decode_base64("Zm9vYg==").unwrap();
        assert_eq!(b, b"foob");
        assert!(d.padded && !d.standard_alphabet);
        let (b, d) = decode_base64("-_-_").unwrap();
        assert_eq!(b, vec![0xfb, 0xff, 0xbf]);
        assert!(d.none());
        let (b2, d2) = decode_base64("+/+/").unwrap();
        assert_eq!(b2, b);
        assert!(d2.standard_alphabet);
        assert!(decode_base64("Zm9vYh").unwrap().1.non_canonical);
        for bad in [
            "",
            "A",
            "Zm9vY",
            "Zm9v=",
            "Zm9vYg=",
            "Zm9vYg===",
            "-+AA",
            "<some base64 SKI>",
            "Zm 9v",
        ] {
            assert!(decode_base64(bad).is_none(), "{bad:?}");
        }
        // 20 zero bytes, as in Routinator's golden exports.
        assert_eq!(
            decode_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap().0,
            vec![0u8; 20]
        );
    }

    #[test]
    fn base64_roundtrip() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            let s = encode_base64url(&bytes);
            if bytes.is_empty() {
                assert!(s.is_empty());
                continue;
            }
            let (back, dev) = decode_base64(&s).unwrap();
            assert_eq!(back, bytes);
            assert!(dev.none(), "{s}");
        }
    }

    #[test]
    fn hex_and_ski() {
        assert_eq!(decode_hex("0aFF").unwrap(), vec![10, 255]);
        assert_eq!(decode_hex("0a:ff").unwrap(), vec![10, 255]);
        assert!(
            decode_hex("0a f").is_none() && decode_hex("abc").is_none() && decode_hex("").is_none()
        );
        assert_eq!(encode_hex_upper(&[10, 255]), "0AFF");
        let zero_hex = "0".repeat(40);
        assert_eq!(export_ski_bytes(&zero_hex).unwrap(), vec![0u8; 20]);
        assert_eq!(export_ski_bytes("00:0a").unwrap(), vec![0, 10]);
        assert_eq!(
            export_ski_bytes("AAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap(),
            vec![0u8; 20]
        );
        assert_eq!(export_ski_bytes("Zm9v").unwrap(), b"foo");
    }
}
