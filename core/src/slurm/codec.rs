//! Base64 (RFC 4648 §4 and §5) and hex for SKIs and router keys.
//!
//! RFC 8416 §3.3.2 and §3.4.2 write the SKI and the router public key in
//! "base64url" (RFC 4648 §5) without trailing `=`; validator exports write
//! SKIs as hex (Routinator, rpki-client) and keys in standard base64. To
//! compare them, every form is decoded to bytes. The codecs themselves are
//! the crate's one base64 and hex ([`crate::util`]); this module holds the
//! rules for which form a SKI or key may take.

use crate::util::{base64, hex};

/// The bytes of an SKI as a validator export writes it in a [`RouterKey`]:
/// hex digits (either case, optionally separated by `:`) when it is only
/// that, else base64 in either alphabet. (A base64 SKI of 20 bytes is 27
/// characters, or 28 with `=`, so it never reads as hex.)
///
/// [`RouterKey`]: crate::model::RouterKey
pub(crate) fn export_ski_bytes(s: &str) -> Option<Vec<u8>> {
    if s.bytes().all(|c| c.is_ascii_hexdigit() || c == b':') {
        if let Some(b) = hex::decode(s) {
            return Some(b);
        }
    }
    base64::decode(s).map(|(b, _)| b)
}

/// The bytes of a public key written in base64 (either alphabet).
pub(crate) fn key_bytes(s: &str) -> Option<Vec<u8>> {
    base64::decode(s).map(|(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ski_forms() {
        let zero_hex = "0".repeat(40);
        assert_eq!(export_ski_bytes(&zero_hex).unwrap(), vec![0u8; 20]);
        assert_eq!(export_ski_bytes("00:0a").unwrap(), vec![0, 10]);
        assert_eq!(
            export_ski_bytes("AAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap(),
            vec![0u8; 20]
        );
        assert_eq!(export_ski_bytes("Zm9v").unwrap(), b"foo");
        assert_eq!(key_bytes("Zm9vYg==").unwrap(), b"foob");
        assert!(key_bytes("Zm9vY").is_none());
    }
}
