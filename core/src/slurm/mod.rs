//! SLURM — Simplified Local Internet Number Resource Management with the
//! RPKI (RFC 8416), version 1, and version 2 from
//! draft-ietf-sidrops-aspa-slurm (`aspaFilters`, `aspaAssertions`).
//!
//! Applied with RFC 8416 §4 semantics: filters first (a prefix filter drops
//! the VRPs whose prefix is equal to or more specific than its prefix and/or
//! whose ASN equals its ASN), then assertions are added.
//!
//! Pure serde_json, no I/O: builds for `wasm32-unknown-unknown`.
//!
//! # Loading exports ([`load`], [`load_as`], [`load_assertions`])
//!
//! [`load`] is the one entry that loads any VRP export: it sniffs the input
//! and reads a SLURM file as data (its assertions become the payloads, as
//! in Routinator's `slurm`/`slurm2` exports), every other format through
//! [`crate::parse::load`].
//!
//! # Reading ([`Slurm::parse`], [`Slurm::parse_with`])
//!
//! Strict by default, following RFC 8416 §3 and the draft to the letter:
//!
//! - `slurmVersion` is 1 or 2 (a number). A v1 file's
//!   `validationOutputFilters` holds exactly `prefixFilters` and
//!   `bgpsecFilters`, its `locallyAddedAssertions` exactly
//!   `prefixAssertions` and `bgpsecAssertions` (RFC 8416 §3.2: "MUST contain
//!   exactly two members"); v2 adds `aspaFilters` and `aspaAssertions`, and
//!   then all three are required ("exactly three members"). All six are
//!   arrays. Unknown members — anywhere, including the top level and inside
//!   entries — are rejected, as is a member given twice.
//! - A prefix filter has `prefix`, `asn` or both; a BGPsec filter `asn`,
//!   `SKI` or both; a prefix assertion `prefix` and `asn`; a BGPsec
//!   assertion `asn`, `SKI` and `routerPublicKey`; each may have a `comment`
//!   string.
//! - ASNs are JSON numbers in 0..=4294967295. Prefixes are strict (no host
//!   bits, RFC 4632 / RFC 5952 text). `maxPrefixLength` lies between the
//!   prefix length and 32/128.
//! - `SKI` is the 20-byte key identifier (RFC 6487 §4.8.2) and
//!   `routerPublicKey` a SubjectPublicKeyInfo, both in base64url without
//!   `=` padding (RFC 4648 §5, as RFC 8416 §3.3.2 and §3.4.2 require).
//! - ASPA entries name the customer `customerAsn` (the draft since
//!   draft-ietf-sidrops-aspa-slurm-00) or `customerAsid` (earlier drafts,
//!   StayRTR); the providers `providerAsns` (the draft's text, Routinator),
//!   `providers` or `providerSet` (the draft's examples), as an array of
//!   numbers. Giving two spellings of one member is an error. The providers
//!   are non-empty, in ascending order without duplicates, and do not
//!   include the customer; an asserted customer is not AS0
//!   (draft-ietf-sidrops-aspa-profile).
//! - Limits ([`SlurmLimits`]): input size, number of entries, providers per
//!   ASPA, string length; JSON nesting is capped at 128 by serde_json.
//! - A leading UTF-8 byte order mark is skipped (RFC 8259 §8.1 allows it).
//!
//! Lenient mode ([`SlurmOptions::lenient`]) accepts what real files do
//! differently — a missing array or section (read as empty), unknown members
//! (ignored), ASPA members in a v1 file, SKIs and keys in standard base64 or
//! with padding, an SKI that is not base64 at all (kept and compared as
//! text), ASNs written as `"AS64500"` strings, unsorted or duplicated
//! providers (sorted and de-duplicated) — and skips an entry that is still
//! invalid (a host-bit prefix, a filter with neither prefix nor ASN, …). Each
//! deviation becomes a warning with its line. JSON syntax errors, a bad
//! `slurmVersion`, a section or list of the wrong JSON type, a duplicated
//! top-level member and exceeded limits fail in both modes.
//!
//! Errors carry the line and column: serde_json's for syntax errors; for
//! rule violations the position of the offending member (or of the entry,
//! when a member is missing), found by walking the text along the entry's
//! path.
//!
//! # Applying ([`Slurm::apply`])
//!
//! 1. Filters (RFC 8416 §3.3, §4.1). A prefix filter removes every VRP whose
//!    prefix is equal to or more specific than the filter's prefix (same
//!    family), and — when the filter also has an ASN — whose ASN equals it;
//!    an ASN-only filter removes every VRP of that ASN (AS0 included). A
//!    BGPsec filter removes the router keys of its ASN and/or with its SKI;
//!    SKIs are compared as bytes (the SLURM base64url form against the
//!    export's hex, or base64 when it is not all hex digits), falling back
//!    to text only when one side does not decode. An ASPA filter removes the ASPAs of its customer.
//! 2. Assertions (RFC 8416 §3.4, §4.2), added "excluding duplicates":
//!    a prefix assertion becomes a [`Vrp`] (`max_length` = `maxPrefixLength`
//!    or the prefix length, `ta` and `expires` `None`) unless a VRP with the
//!    same prefix, max length and ASN is already present (whatever its trust
//!    anchor); a BGPsec assertion becomes a [`RouterKey`] (SKI rewritten as
//!    upper-case hex like the exports, key as written) unless a key with the
//!    same ASN, SKI and key bytes is present.
//! 3. ASPA assertions are merged per customer. The draft adds them to the
//!    set of ASPA PDUs "excluding duplicates" and says they do "not act as an
//!    implicit filter", and RTR v2 carries one ASPA per customer. So when the
//!    set already holds ASPAs of the asserted customer and the asserted
//!    providers (of all assertions for that customer) are not all among
//!    theirs, those ASPAs are replaced, where the first of them stood, by a
//!    single ASPA listing the union of their providers and the asserted ones
//!    (`ta` `None`, `expires` the earliest of theirs); when the asserted
//!    providers are all already listed, nothing changes. A customer with no
//!    ASPA gets one ASPA with the union of its asserted providers.
//!
//! New payloads are appended in file order; survivors keep their order.
//! Assertions never act as filters.
//!
//! ```
//! use routeguard::{Slurm, Vrp, VrpSet, Asn};
//! let slurm = Slurm::parse(br#"{
//!   "slurmVersion": 1,
//!   "validationOutputFilters": {
//!     "prefixFilters": [ { "prefix": "192.0.2.0/24", "comment": "drop" } ],
//!     "bgpsecFilters": []
//!   },
//!   "locallyAddedAssertions": {
//!     "prefixAssertions": [ { "asn": 64496, "prefix": "198.51.100.0/24" } ],
//!     "bgpsecAssertions": []
//!   }
//! }"#).unwrap();
//! let mut set = VrpSet::new();
//! set.vrps.push(Vrp::new("192.0.2.128/25".parse().unwrap(), 25, Asn::new(64500)).unwrap());
//! slurm.apply(&mut set);
//! assert_eq!(set.vrps.len(), 1);
//! assert_eq!(set.vrps[0].to_string(), "198.51.100.0/24-24 AS64496");
//! let json = routeguard::render::slurm::to_json(&slurm);
//! assert_eq!(Slurm::parse(json.as_bytes()).unwrap(), slurm);
//! ```

mod apply;
mod codec;
mod json;
mod load;
mod read;

pub use load::{load, load_as, load_assertions};

use crate::diag::{Location, Mode};
use crate::model::{Asn, Aspa, ModelError, Prefix, RouterKey, Vrp, VrpSet};
use crate::parse::{ParseError, ParseErrorKind};
use crate::util::{base64, hex};

/// A parsed SLURM file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slurm {
    /// `slurmVersion`: 1 or 2.
    pub version: u8,
    /// `validationOutputFilters.prefixFilters`.
    pub prefix_filters: Vec<PrefixFilter>,
    /// `validationOutputFilters.bgpsecFilters`.
    pub bgpsec_filters: Vec<BgpsecFilter>,
    /// `validationOutputFilters.aspaFilters` (v2).
    pub aspa_filters: Vec<AspaFilter>,
    /// `locallyAddedAssertions.prefixAssertions`.
    pub prefix_assertions: Vec<PrefixAssertion>,
    /// `locallyAddedAssertions.bgpsecAssertions`.
    pub bgpsec_assertions: Vec<BgpsecAssertion>,
    /// `locallyAddedAssertions.aspaAssertions` (v2).
    pub aspa_assertions: Vec<AspaAssertion>,
}

/// A prefix filter: at least one of prefix and asn is present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixFilter {
    /// Drop VRPs equal to or more specific than this prefix.
    pub prefix: Option<Prefix>,
    /// Drop VRPs with this ASN.
    pub asn: Option<Asn>,
    /// Free text.
    pub comment: Option<String>,
}

/// A BGPsec filter: at least one of asn and SKI is present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BgpsecFilter {
    /// Drop router keys of this AS.
    pub asn: Option<Asn>,
    /// Drop router keys with this SKI (base64url as in RFC 8416).
    pub ski: Option<String>,
    /// Free text.
    pub comment: Option<String>,
}

/// An ASPA filter (v2): drops the ASPA of this customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AspaFilter {
    /// The customer AS (`customerAsn`, or the older `customerAsid`).
    pub customer: Asn,
    /// Free text.
    pub comment: Option<String>,
}

/// A locally added VRP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixAssertion {
    /// The prefix.
    pub prefix: Prefix,
    /// The origin AS.
    pub asn: Asn,
    /// `maxPrefixLength`; the prefix length when absent.
    pub max_length: Option<u8>,
    /// Free text.
    pub comment: Option<String>,
}

/// A locally added router key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BgpsecAssertion {
    /// The AS.
    pub asn: Asn,
    /// The SKI, as written.
    pub ski: String,
    /// The public key, as written.
    pub public_key: String,
    /// Free text.
    pub comment: Option<String>,
}

/// A locally added ASPA (v2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AspaAssertion {
    /// The customer AS.
    pub customer: Asn,
    /// The providers, sorted and unique.
    pub providers: Vec<Asn>,
    /// Free text.
    pub comment: Option<String>,
}

/// Errors reading a SLURM file.
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SlurmError {
    /// Malformed JSON (RFC 8259 syntax, trailing characters, nesting deeper
    /// than 128), located by serde_json. Code `invalid-json`.
    #[error("{location}: invalid SLURM JSON: {message}")]
    Json {
        /// Where.
        location: Location,
        /// What.
        message: String,
    },
    /// Valid JSON that breaks a rule of RFC 8416 or the ASPA draft (unknown
    /// version, a member of the wrong type, a filter with neither prefix nor
    /// asn, maxPrefixLength out of range, …). Code `invalid`.
    #[error("{location}: invalid SLURM: {message}")]
    Invalid {
        /// Where (the line of the offending entry when known).
        location: Location,
        /// What.
        message: String,
    },
    /// An input beyond a [`SlurmLimits`] limit (fatal in both modes). Code
    /// `limit`.
    #[error("{location}: invalid SLURM: limit exceeded: {message}")]
    Limit {
        /// Where (the line of the offending entry when known).
        location: Location,
        /// Which limit, and by what.
        message: String,
    },
}

impl SlurmError {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant).
    pub fn code(&self) -> &'static str {
        match self {
            SlurmError::Json { .. } => "invalid-json",
            SlurmError::Invalid { .. } => "invalid",
            SlurmError::Limit { .. } => "limit",
        }
    }

    /// Where the problem is.
    pub fn location(&self) -> Location {
        match self {
            SlurmError::Json { location, .. }
            | SlurmError::Invalid { location, .. }
            | SlurmError::Limit { location, .. } => *location,
        }
    }

    /// The 1-based line, 0 when unknown.
    pub fn line(&self) -> usize {
        self.location().line
    }

    /// What is wrong, without the location (for a
    /// [`Limit`](SlurmError::Limit), without the words `limit exceeded`
    /// either).
    pub fn message(&self) -> &str {
        match self {
            SlurmError::Json { message, .. }
            | SlurmError::Invalid { message, .. }
            | SlurmError::Limit { message, .. } => message,
        }
    }

    /// This error (or warning) as a [`ParseError`] of kind
    /// [`ParseErrorKind::Slurm`] at the same location, with the same text
    /// after `invalid SLURM: `: how loaders that report payload-file
    /// diagnostics (a SLURM file read as data) carry it.
    pub fn to_parse_error(&self) -> ParseError {
        let message = match self {
            SlurmError::Limit { message, .. } => format!("limit exceeded: {message}"),
            other => other.message().to_owned(),
        };
        ParseError {
            location: self.location(),
            kind: ParseErrorKind::Slurm(message),
        }
    }

    /// Whether this is a [`SlurmLimits`] violation
    /// ([`SlurmError::Limit`]).
    pub fn is_limit(&self) -> bool {
        matches!(self, SlurmError::Limit { .. })
    }
}

/// Explicit bounds on what [`Slurm::parse_with`] accepts. Exceeding one is
/// an error in both modes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlurmLimits {
    /// Largest input in bytes (default 64 MiB).
    pub max_bytes: usize,
    /// Most filters and assertions in all (default 1,000,000).
    pub max_entries: usize,
    /// Most providers in one ASPA assertion (default 16,380, what one RTR
    /// ASPA PDU can carry).
    pub max_providers: usize,
    /// Longest string value (comment, SKI, key) in bytes (default 65,536).
    pub max_string_len: usize,
}

impl Default for SlurmLimits {
    fn default() -> Self {
        SlurmLimits {
            max_bytes: 64 << 20,
            max_entries: 1_000_000,
            max_providers: 16_380,
            max_string_len: 65_536,
        }
    }
}

/// Options for [`Slurm::parse_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlurmOptions {
    /// [`Mode::Strict`] (the default) or [`Mode::Lenient`]; see the module
    /// documentation for what lenient accepts.
    pub mode: Mode,
    /// Most warnings kept in lenient mode (later ones are only counted in
    /// [`ParsedSlurm::warning_count`]).
    pub max_warnings: usize,
    /// Size limits.
    pub limits: SlurmLimits,
}

impl Default for SlurmOptions {
    fn default() -> Self {
        SlurmOptions {
            mode: Mode::Strict,
            max_warnings: 1000,
            limits: SlurmLimits::default(),
        }
    }
}

impl SlurmOptions {
    /// Options in the given mode, with the default limits.
    pub fn with_mode(mode: Mode) -> Self {
        SlurmOptions {
            mode,
            ..Self::default()
        }
    }

    /// Lenient options with the default limits.
    pub fn lenient() -> Self {
        Self::with_mode(Mode::Lenient)
    }
}

/// The result of [`Slurm::parse_with`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedSlurm {
    /// The file.
    pub slurm: Slurm,
    /// What lenient mode tolerated or skipped, each with its location (at
    /// most [`SlurmOptions::max_warnings`]). Always empty in strict mode.
    pub warnings: Vec<SlurmError>,
    /// How many warnings there were in all.
    pub warning_count: usize,
    /// How many entries were skipped as invalid.
    pub skipped: usize,
}

impl Slurm {
    /// Parses a SLURM file (v1 or v2) strictly; see the module documentation
    /// for the rules.
    pub fn parse(input: &[u8]) -> Result<Slurm, SlurmError> {
        Self::parse_with(input, &SlurmOptions::default()).map(|p| p.slurm)
    }

    /// Parses a SLURM file with options (strict or lenient, limits).
    pub fn parse_with(input: &[u8], opts: &SlurmOptions) -> Result<ParsedSlurm, SlurmError> {
        read::read(input, opts)
    }

    /// Applies the file to a payload set: filters, then assertions (see the
    /// module documentation for the exact rules).
    pub fn apply(&self, set: &mut VrpSet) {
        apply::apply_filters(self, set);
        apply::add_assertions(self, set);
    }

    /// The assertions alone as a payload set (how a SLURM export reads as
    /// data): one payload per assertion, in file order, duplicates kept
    /// (call [`VrpSet::sort_dedup`] to collapse them). Prefix assertions
    /// whose max length is out of range (possible only in a hand-built
    /// [`Slurm`]) are left out.
    pub fn assertions(&self) -> VrpSet {
        VrpSet {
            vrps: self
                .prefix_assertions
                .iter()
                .filter_map(|a| a.to_vrp().ok())
                .collect(),
            aspas: self
                .aspa_assertions
                .iter()
                .map(AspaAssertion::to_aspa)
                .collect(),
            router_keys: self
                .bgpsec_assertions
                .iter()
                .map(BgpsecAssertion::to_router_key)
                .collect(),
            generated: None,
        }
    }

    /// Whether the file has no filters and no assertions.
    pub fn is_empty(&self) -> bool {
        self.prefix_filters.is_empty()
            && self.bgpsec_filters.is_empty()
            && self.aspa_filters.is_empty()
            && self.prefix_assertions.is_empty()
            && self.bgpsec_assertions.is_empty()
            && self.aspa_assertions.is_empty()
    }
}

impl PrefixFilter {
    /// Whether this filter drops `vrp` (RFC 8416 §3.3.1): the VRP's prefix is
    /// equal to or more specific than the filter's prefix, and/or its ASN
    /// equals the filter's. A filter with neither matches nothing.
    pub fn matches(&self, vrp: &Vrp) -> bool {
        match (self.prefix, self.asn) {
            (None, None) => false,
            (p, a) => p.is_none_or(|p| p.covers(&vrp.prefix)) && a.is_none_or(|a| a == vrp.asn),
        }
    }
}

impl BgpsecFilter {
    /// Whether this filter drops `key` (RFC 8416 §3.3.2): same ASN and/or
    /// same SKI. SKIs are compared as bytes: the filter's is base64 (either
    /// alphabet, padded or not), the key's hex digits (as exports write it)
    /// or else base64; as text when one side does not decode. A filter with
    /// neither matches nothing.
    pub fn matches(&self, key: &RouterKey) -> bool {
        match (&self.ski, self.asn) {
            (None, None) => false,
            (s, a) => {
                a.is_none_or(|a| a == key.asn)
                    && s.as_deref().is_none_or(|s| apply::same_ski(s, &key.ski))
            }
        }
    }
}

impl AspaFilter {
    /// Whether this filter drops `aspa`: same customer.
    pub fn matches(&self, aspa: &Aspa) -> bool {
        aspa.customer == self.customer
    }
}

impl PrefixAssertion {
    /// The VRP this assertion adds (`max_length` defaults to the prefix
    /// length; no trust anchor, no expiry). Fails only when `max_length` is
    /// out of range, which [`Slurm::parse`] never lets through.
    pub fn to_vrp(&self) -> Result<Vrp, ModelError> {
        Vrp::new(
            self.prefix,
            self.max_length.unwrap_or(self.prefix.len()),
            self.asn,
        )
    }
}

impl BgpsecAssertion {
    /// The router key this assertion adds: the SKI as 40 upper-case hex
    /// digits like the exports write it (as written when it is not
    /// base64), the public key as written; no trust anchor, no expiry.
    pub fn to_router_key(&self) -> RouterKey {
        let ski = base64::decode(&self.ski)
            .map_or_else(|| self.ski.clone(), |(bytes, _)| hex::encode_upper(&bytes));
        RouterKey {
            asn: self.asn,
            ski,
            public_key: self.public_key.clone(),
            ta: None,
            expires: None,
        }
    }
}

impl AspaAssertion {
    /// The ASPA this assertion adds (providers sorted and unique; no trust
    /// anchor, no expiry).
    pub fn to_aspa(&self) -> Aspa {
        Aspa::new(self.customer, self.providers.clone())
    }
}
