//! SLURM — Simplified Local Internet Number Resource Management with the
//! RPKI (RFC 8416), version 1, and version 2 from
//! draft-ietf-sidrops-aspa-slurm (`aspaFilters`, `aspaAssertions`).
//!
//! Applied with RFC 8416 §4 semantics: filters first (a prefix filter drops
//! the VRPs whose prefix is equal to or more specific than its prefix and/or
//! whose ASN equals its ASN), then assertions are added.
// TODO(helper): implement; signatures are fixed.

use crate::model::{Asn, Prefix, VrpSet};
use crate::parse::Location;

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
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SlurmError {
    /// Malformed JSON or a field of the wrong type.
    #[error("{location}: invalid SLURM JSON: {message}")]
    Json {
        /// Where.
        location: Location,
        /// What.
        message: String,
    },
    /// Valid JSON that breaks a rule of RFC 8416 (unknown version, a filter
    /// with neither prefix nor asn, maxPrefixLength out of range, …).
    #[error("{location}: invalid SLURM: {message}")]
    Invalid {
        /// Where (the line of the offending entry when known).
        location: Location,
        /// What.
        message: String,
    },
}

impl Slurm {
    /// Parses a SLURM file (v1 or v2).
    pub fn parse(input: &[u8]) -> Result<Slurm, SlurmError> {
        let _ = input;
        todo!()
    }

    /// Applies the file to a payload set: filters, then assertions.
    pub fn apply(&self, set: &mut VrpSet) {
        let _ = set;
        todo!()
    }

    /// The assertions alone as a payload set (how a SLURM export reads as data).
    pub fn assertions(&self) -> VrpSet {
        todo!()
    }
}
