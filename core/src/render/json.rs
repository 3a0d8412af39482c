//! JSON string literals (RFC 8259 §7) for the renderers that write JSON by
//! hand: the one escaping rule of the crate.
//!
//! A quotation mark and a reverse solidus are escaped, as is every control
//! character below U+0020: with its short form (`\b \f \n \r \t`) where
//! RFC 8259 has one, else as `\u00XX` (lower-case hex). Everything else is
//! written as it is (UTF-8). This is exactly what serde_json writes, which
//! the tests check.

use std::fmt;

/// A string displayed as a JSON string literal, quotes included.
///
/// ```
/// use routeguard::render::json::JsonStr;
/// assert_eq!(JsonStr("a \"b\"\n").to_string(), r#""a \"b\"\n""#);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct JsonStr<'a>(pub &'a str);

impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        let s = self.0;
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let short = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            // Escaped bytes are ASCII, so `plain..i` ends on a char boundary.
            f.write_str(s.get(plain..i).unwrap_or_default())?;
            if short.is_empty() {
                write!(f, "\\u{b:04x}")?;
            } else {
                f.write_str(short)?;
            }
            plain = i + 1;
        }
        f.write_str(s.get(plain..).unwrap_or_default())?;
        f.write_str("\"")
    }
}

/// `s` as a JSON string literal, quotes included.
pub fn quote(s: &str) -> String {
    JsonStr(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes() {
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("plain é ✓"), "\"plain é ✓\"");
        assert_eq!(quote("\u{0}\u{1f}\u{7f}"), "\"\\u0000\\u001f\u{7f}\"");
        assert_eq!(quote("\u{8}\u{c}\\/"), "\"\\b\\f\\\\/\"");
    }

    proptest! {
        #[test]
        fn same_as_serde_json(s in "(\\PC|[\\x00-\\x1f\"\\\\])*") {
            let want = serde_json::to_string(&s).unwrap();
            prop_assert_eq!(quote(&s), want);
            let back: String = serde_json::from_str(&quote(&s)).unwrap();
            prop_assert_eq!(back, s);
        }

        #[test]
        fn any_string_same_as_serde_json(s in any::<String>()) {
            prop_assert_eq!(quote(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
