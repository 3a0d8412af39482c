//! Base64 (RFC 4648 §4, the standard alphabet, and §5, the URL-safe
//! "base64url" one that RFC 8416 uses for SKIs and router keys).

/// The value of one base64 character in either alphabet, and whether it is
/// specific to the URL-safe one (`Some(true)`), to the standard one
/// (`Some(false)`) or common to both (`None`).
#[inline]
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

/// How a base64 text departs from unpadded base64url (RFC 8416's form),
/// when it decodes at all.
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
/// Returns the bytes and how the text departs from unpadded base64url;
/// `None` for an empty or malformed text.
pub(crate) fn decode(s: &str) -> Option<(Vec<u8>, Deviations)> {
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
pub(crate) fn encode_url(bytes: &[u8]) -> String {
    encode_with(
        bytes,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        false,
    )
}

/// Encodes bytes as standard base64 with `=` padding (RFC 4648 §4), the
/// form rpki-client and Routinator write router keys in.
#[cfg_attr(not(feature = "rtr"), allow(dead_code))]
pub(crate) fn encode_std(bytes: &[u8]) -> String {
    encode_with(
        bytes,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        true,
    )
}

fn encode_with(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let sym = |v: u32| char::from(alphabet.get((v & 63) as usize).copied().unwrap_or(b'A'));
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
        } else if pad {
            out.push('=');
        }
        if chunk.len() > 2 {
            out.push(sym(n));
        } else if pad {
            out.push('=');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// The slow obvious encoder: the bytes as a string of bits, cut into
    /// sixes (the last one zero-filled), each looked up in the alphabet.
    fn slow_encode(bytes: &[u8], alphabet: &str) -> String {
        let bits: String = bytes.iter().map(|b| format!("{b:08b}")).collect();
        bits.as_bytes()
            .chunks(6)
            .map(|c| {
                let mut six = String::from_utf8(c.to_vec()).unwrap();
                while six.len() < 6 {
                    six.push('0');
                }
                let v = usize::from_str_radix(&six, 2).unwrap();
                alphabet.chars().nth(v).unwrap()
            })
            .collect()
    }

    /// The slow obvious decoder (either alphabet, no padding): each
    /// character's six bits, then whole bytes of them.
    fn slow_decode(s: &str) -> Option<Vec<u8>> {
        let std = URL.replace('-', "+").replace('_', "/");
        let mut bits = String::new();
        for c in s.chars() {
            let v = URL.find(c).or_else(|| std.find(c))?;
            bits.push_str(&format!("{v:06b}"));
        }
        Some(
            bits.as_bytes()
                .chunks_exact(8)
                .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap())
                .collect(),
        )
    }

    #[test]
    fn forms() {
        assert_eq!(
            decode("Zm9v").unwrap(),
            (b"foo".to_vec(), Deviations::default())
        );
        assert_eq!(decode("Zm9vYg").unwrap().0, b"foob");
        let (b, d) = decode("Zm9vYg==").unwrap();
        assert_eq!(b, b"foob");
        assert!(d.padded && !d.standard_alphabet);
        let (b, d) = decode("-_-_").unwrap();
        assert_eq!(b, vec![0xfb, 0xff, 0xbf]);
        assert!(d.none());
        let (b2, d2) = decode("+/+/").unwrap();
        assert_eq!(b2, b);
        assert!(d2.standard_alphabet);
        assert!(decode("Zm9vYh").unwrap().1.non_canonical);
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
            assert!(decode(bad).is_none(), "{bad:?}");
        }
        // 20 zero bytes, as in Routinator's golden exports.
        assert_eq!(
            decode("AAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap().0,
            vec![0u8; 20]
        );
    }

    #[test]
    fn roundtrip_lengths() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            let s = encode_url(&bytes);
            if bytes.is_empty() {
                assert!(s.is_empty());
                continue;
            }
            let (back, dev) = decode(&s).unwrap();
            assert_eq!(back, bytes);
            assert!(dev.none(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn encode_matches_slow_and_roundtrips(bytes in proptest::collection::vec(any::<u8>(), 1..64)) {
            let s = encode_url(&bytes);
            prop_assert_eq!(&s, &slow_encode(&bytes, URL));
            let (back, dev) = decode(&s).unwrap();
            prop_assert_eq!(&back, &bytes);
            prop_assert!(dev.none());
            // The standard alphabet, padded, decodes to the same bytes,
            // and is what `encode_std` writes.
            let mut std = s.replace('-', "+").replace('_', "/");
            while std.len() % 4 != 0 {
                std.push('=');
            }
            prop_assert_eq!(&encode_std(&bytes), &std);
            let (back, dev) = decode(&std).unwrap();
            prop_assert_eq!(back, bytes);
            prop_assert_eq!(dev.padded, std.ends_with('='));
        }

        #[test]
        fn decode_matches_slow(s in "[A-Za-z0-9_-]{0,40}|[A-Za-z0-9+/]{0,40}") {
            let got = decode(&s).map(|(b, _)| b);
            let want = slow_decode(&s).filter(|_| !s.is_empty() && s.len() % 4 != 1);
            prop_assert_eq!(got, want);
        }
    }
}
