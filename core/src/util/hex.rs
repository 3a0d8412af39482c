//! Hex (RFC 4648 §8, either case on input): digits, byte strings and the
//! upper-case form validator exports write SKIs in.

/// The value of each hex digit; 16 for other bytes. Built at compile
/// time (`c < 256`), where an index out of bounds is a build error.
#[allow(clippy::indexing_slicing)]
const DIGIT: [u8; 256] = {
    let mut t = [16u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            d @ b'0'..=b'9' => d - b'0',
            d @ b'a'..=b'f' => d - b'a' + 10,
            d @ b'A'..=b'F' => d - b'A' + 10,
            _ => 16,
        };
        c += 1;
    }
    t
};

/// The value of a hex digit (either case).
#[inline]
pub(crate) fn digit(c: u8) -> Option<u8> {
    DIGIT.get(usize::from(c)).copied().filter(|d| *d < 16)
}

/// Decodes hex digits (either case), optionally separated by `:`; `None`
/// for an empty text, an odd number of digits or any other character.
pub(crate) fn decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut high: Option<u8> = None;
    for c in s.bytes() {
        if c == b':' {
            continue;
        }
        let d = digit(c)?;
        match high.take() {
            Some(h) => out.push(h << 4 | d),
            None => high = Some(d),
        }
    }
    (high.is_none() && !out.is_empty()).then_some(out)
}

/// Encodes bytes as upper-case hex (how exports write SKIs).
pub(crate) fn encode_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let sym = |v: u8| char::from(DIGITS.get(usize::from(v & 15)).copied().unwrap_or(b'0'));
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(sym(b >> 4));
        out.push(sym(b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms() {
        assert_eq!(decode("0aFF").unwrap(), vec![10, 255]);
        assert_eq!(decode("0a:ff").unwrap(), vec![10, 255]);
        assert!(decode("0a f").is_none() && decode("abc").is_none() && decode("").is_none());
        assert!(decode(":").is_none() && decode("0:a").is_some());
        assert_eq!(encode_upper(&[10, 255]), "0AFF");
        for c in 0..=255u8 {
            assert_eq!(digit(c), char::from(c).to_digit(16).map(|d| d as u8));
        }
    }

    proptest! {
        #[test]
        fn matches_slow_and_roundtrips(bytes in proptest::collection::vec(any::<u8>(), 1..40)) {
            let s = encode_upper(&bytes);
            let slow: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
            prop_assert_eq!(&s, &slow);
            prop_assert_eq!(decode(&s), Some(bytes.clone()));
            prop_assert_eq!(decode(&s.to_lowercase()), Some(bytes));
        }

        #[test]
        fn decode_matches_slow(s in "[0-9a-fA-F:g ]{0,20}") {
            let digits: String = s.chars().filter(|&c| c != ':').collect();
            let want = (!digits.is_empty() && digits.len() % 2 == 0)
                .then(|| {
                    (0..digits.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).ok())
                        .collect::<Option<Vec<u8>>>()
                })
                .flatten();
            prop_assert_eq!(decode(&s), want);
        }
    }
}
