//! Typed models: ASNs (RFC 6793, RFC 5396), prefixes (RFC 4632), RPKI
//! payloads — VRPs (RFC 6482, RFC 6811), ASPAs (draft-ietf-sidrops-aspa-profile),
//! BGPsec router keys (RFC 8635) — AS paths (RFC 4271, RFC 5065) and BGP
//! roles (RFC 9234).
//!
//! Constructors are strict by default (host bits, ranges, max length);
//! `*_relaxed` variants exist where operators expect forgiveness.

mod asn;
mod aspath;
#[cfg(feature = "ipnet")]
mod ipnet_conv;
pub(crate) mod prefix;
mod range;
mod role;
#[cfg(feature = "rpki")]
mod rpki_conv;
pub mod rpsl;
mod vrp;

#[allow(unused_imports)]
pub(crate) use asn::parse_u32_digits;
pub use asn::Asn;
pub use aspath::{collapse_prepends, AsPath, CollapsePrepends, Segment, MAX_AS_PATH_LEN};
#[cfg(feature = "ipnet")]
pub use ipnet_conv::FamilyMismatch;
pub(crate) use prefix::parse_ipv6;
pub use prefix::{Family, Prefix};
pub use range::PrefixRange;
pub use role::Role;
pub use vrp::{Aspa, RouterKey, Vrp, VrpSet, VrpSource};

/// A word that names none of an enum's values (the error of the `FromStr`
/// implementations of the crate's word enums: roles, verdicts, states).
/// Its [`code`](Self::code) is `unknown-word`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {input:?} (expected {expected})")]
pub struct UnknownWord {
    /// What was being parsed (`role`, `direction`, `leak type`, …).
    pub what: &'static str,
    /// The text given.
    pub input: String,
    /// The accepted words.
    pub expected: &'static str,
}

impl UnknownWord {
    /// The error for `input`, which should have been one of `expected`.
    pub fn new(what: &'static str, input: &str, expected: &'static str) -> Self {
        UnknownWord {
            what,
            input: input.to_owned(),
            expected,
        }
    }

    /// The stable code of this error: `unknown-word`.
    pub fn code(&self) -> &'static str {
        "unknown-word"
    }
}

/// Errors from building or parsing a model value.
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// Not an ASN in any accepted form, or out of the 32-bit range. Code
    /// `invalid-asn`.
    #[error("invalid AS number {0:?} (expected 64500, AS64500 or asdot 1.10)")]
    InvalidAsn(String),
    /// Not a prefix: bad address, missing or out-of-range length. Code
    /// `invalid-prefix`.
    #[error("invalid prefix {input:?}: {reason}")]
    InvalidPrefix {
        /// The text that was given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Host bits are set beyond the prefix length (strict parsing only).
    /// Code `host-bits-set`.
    #[error("{input} has host bits set (the network is {network})")]
    HostBitsSet {
        /// The text that was given.
        input: String,
        /// The prefix with host bits cleared.
        network: String,
    },
    /// A max length shorter than the prefix or longer than the family
    /// allows. Code `invalid-max-length`.
    #[error("max length {max_length} out of range for {prefix}")]
    InvalidMaxLength {
        /// The prefix.
        prefix: String,
        /// The offending max length.
        max_length: u32,
    },
    /// An AS path that cannot be parsed. Code `invalid-as-path`.
    #[error("invalid AS path {0}")]
    InvalidAsPath(String),
    /// A word that names no value of its kind (a role, a direction, a
    /// verdict, …). Code `unknown-word`.
    #[error(transparent)]
    UnknownWord(#[from] UnknownWord),
}

impl ModelError {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant).
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::InvalidAsn(_) => "invalid-asn",
            ModelError::InvalidPrefix { .. } => "invalid-prefix",
            ModelError::HostBitsSet { .. } => "host-bits-set",
            ModelError::InvalidMaxLength { .. } => "invalid-max-length",
            ModelError::InvalidAsPath(_) => "invalid-as-path",
            ModelError::UnknownWord(e) => e.code(),
        }
    }
}
