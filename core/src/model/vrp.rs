//! RPKI validated payloads: VRPs (RFC 6811 / RFC 6482), ASPAs
//! (draft-ietf-sidrops-aspa-profile) and BGPsec router keys (RFC 8635).

use std::fmt;
use std::sync::Arc;

use super::{Asn, ModelError, Prefix};

/// A Validated ROA Payload: `prefix`, `max_length`, `asn`, plus the trust
/// anchor and expiry where the export carries them.
///
/// Constructed through [`Vrp::new`], which checks that `max_length` lies
/// between the prefix length and 32/128.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Vrp {
    /// The ROA prefix.
    pub prefix: Prefix,
    /// The longest prefix length this VRP authorises.
    pub max_length: u8,
    /// The authorised origin AS (AS0 authorises nobody).
    pub asn: Asn,
    /// Trust anchor name (`ripe`, `arin`, …) when known; shared between VRPs.
    pub ta: Option<Arc<str>>,
    /// Expiry as Unix seconds when known.
    pub expires: Option<i64>,
    /// Provenance from Routinator's `jsonext` export, when loaded from one.
    pub sources: Option<Arc<[VrpSource]>>,
}

impl Vrp {
    /// Builds a VRP, checking `prefix.len() <= max_length <= 32/128`.
    pub fn new(prefix: Prefix, max_length: u8, asn: Asn) -> Result<Self, ModelError> {
        check_max_length(prefix, u32::from(max_length))?;
        Ok(Vrp {
            prefix,
            max_length,
            asn,
            ta: None,
            expires: None,
            sources: None,
        })
    }

    /// Builds a VRP from a max length given as a wider integer (as parsed from
    /// input), checking the range.
    pub fn with_max_length(prefix: Prefix, max_length: u32, asn: Asn) -> Result<Self, ModelError> {
        let ml = check_max_length(prefix, max_length)?;
        Ok(Vrp {
            prefix,
            max_length: ml,
            asn,
            ta: None,
            expires: None,
            sources: None,
        })
    }

    /// Sets the trust anchor.
    pub fn with_ta(mut self, ta: Option<Arc<str>>) -> Self {
        self.ta = ta;
        self
    }

    /// Sets the expiry.
    pub fn with_expires(mut self, expires: Option<i64>) -> Self {
        self.expires = expires;
        self
    }

    /// The (prefix, max_length, asn) triple that RFC 6811 looks at.
    pub fn key(&self) -> (Prefix, u8, Asn) {
        (self.prefix, self.max_length, self.asn)
    }
}

impl fmt::Display for Vrp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{} {}", self.prefix, self.max_length, self.asn)
    }
}

fn check_max_length(prefix: Prefix, max_length: u32) -> Result<u8, ModelError> {
    if max_length < u32::from(prefix.len()) || max_length > u32::from(prefix.family().max_len()) {
        return Err(ModelError::InvalidMaxLength {
            prefix: prefix.to_string(),
            max_length,
        });
    }
    u8::try_from(max_length).map_err(|_| ModelError::InvalidMaxLength {
        prefix: prefix.to_string(),
        max_length,
    })
}

/// Where a payload came from, as Routinator's `jsonext` export says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VrpSource {
    /// `roa`, `aspa`, `cer` or `exception` (a SLURM assertion).
    pub kind: String,
    /// The signed object's URI (`rsync://…`), when it is one.
    pub uri: Option<String>,
    /// The trust anchor name.
    pub tal: Option<String>,
    /// The object's validity `notBefore`, as written (RFC 3339).
    pub not_before: Option<String>,
    /// The object's validity `notAfter`, as written (RFC 3339).
    pub not_after: Option<String>,
    /// The chain's validity `notBefore`, as written.
    pub chain_not_before: Option<String>,
    /// The chain's validity `notAfter`, as written.
    pub chain_not_after: Option<String>,
    /// When the object goes stale, as written.
    pub stale: Option<String>,
    /// The local exceptions file path (for `exception` sources).
    pub path: Option<String>,
}

/// A validated ASPA payload: a customer AS and its set of provider ASes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Aspa {
    /// The customer AS that signed the ASPA.
    pub customer: Asn,
    /// The authorised providers, sorted and without duplicates.
    pub providers: Vec<Asn>,
    /// Trust anchor name when known.
    pub ta: Option<Arc<str>>,
    /// Expiry as Unix seconds when known.
    pub expires: Option<i64>,
}

impl Aspa {
    /// Builds an ASPA, sorting and de-duplicating the providers.
    pub fn new(customer: Asn, mut providers: Vec<Asn>) -> Self {
        providers.sort_unstable();
        providers.dedup();
        Aspa {
            customer,
            providers,
            ta: None,
            expires: None,
        }
    }

    /// Whether `asn` is among the providers.
    pub fn has_provider(&self, asn: Asn) -> bool {
        self.providers.binary_search(&asn).is_ok()
    }
}

/// A BGPsec router key (RFC 8635): AS, Subject Key Identifier, public key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RouterKey {
    /// The AS the router speaks for.
    pub asn: Asn,
    /// Subject Key Identifier as 40 upper-case hex digits (or as given).
    pub ski: String,
    /// The SubjectPublicKeyInfo, base64 as exported.
    pub public_key: String,
    /// Trust anchor name when known.
    pub ta: Option<Arc<str>>,
    /// Expiry as Unix seconds when known.
    pub expires: Option<i64>,
}

/// Everything a validator export holds: VRPs, ASPAs and router keys, in the
/// order they were read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VrpSet {
    /// The VRPs.
    pub vrps: Vec<Vrp>,
    /// The ASPAs.
    pub aspas: Vec<Aspa>,
    /// The BGPsec router keys.
    pub router_keys: Vec<RouterKey>,
    /// When the export was generated (Unix seconds), when it says.
    pub generated: Option<i64>,
}

impl VrpSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of payloads: VRPs, ASPAs and router keys together (as RTR
    /// counts them); `self.vrps.len()` for the VRPs alone.
    pub fn len(&self) -> usize {
        self.vrps.len() + self.aspas.len() + self.router_keys.len()
    }

    /// Whether there are no VRPs, ASPAs or router keys (`len() == 0`).
    pub fn is_empty(&self) -> bool {
        self.vrps.is_empty() && self.aspas.is_empty() && self.router_keys.is_empty()
    }

    /// Sorts every list and removes exact duplicates (ignoring nothing: two
    /// VRPs that differ only in trust anchor are both kept).
    pub fn sort_dedup(&mut self) {
        self.vrps.sort();
        self.vrps.dedup();
        self.aspas.sort();
        self.aspas.dedup();
        self.router_keys.sort();
        self.router_keys.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(vrps: usize, aspas: usize, keys: usize) -> VrpSet {
        let prefix: Prefix = "192.0.2.0/24".parse().unwrap();
        VrpSet {
            vrps: vec![Vrp::new(prefix, 24, Asn::new(64500)).unwrap(); vrps],
            aspas: vec![Aspa::new(Asn::new(64500), vec![Asn::new(64501)]); aspas],
            router_keys: vec![
                RouterKey {
                    asn: Asn::new(64500),
                    ski: "AB".repeat(20),
                    public_key: "AAAA".to_owned(),
                    ta: None,
                    expires: None,
                };
                keys
            ],
            generated: None,
        }
    }

    #[test]
    fn only_aspas_or_router_keys_is_not_empty() {
        for s in [set(0, 1, 0), set(0, 0, 1), set(0, 2, 3)] {
            assert!(!s.is_empty());
            assert_eq!(s.len(), s.aspas.len() + s.router_keys.len());
        }
        assert!(VrpSet::new().is_empty());
        assert_eq!(VrpSet::new().len(), 0);
    }

    proptest! {
        #[test]
        fn len_and_is_empty_agree(v in 0usize..4, a in 0usize..4, k in 0usize..4) {
            let s = set(v, a, k);
            // The very property clippy's len_zero would rewrite away.
            #[allow(clippy::len_zero)]
            let len_is_zero = s.len() == 0;
            prop_assert_eq!(s.is_empty(), len_is_zero);
            prop_assert_eq!(s.len(), v + a + k);
        }
    }
}
