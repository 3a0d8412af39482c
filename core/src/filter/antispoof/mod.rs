//! Source address validation for single-homed customers: BCP 38 (RFC 2827,
//! ingress filtering) and BCP 84 (RFC 3704: strict unicast RPF, §2.2; ACLs,
//! §2.1), MANRS Action 2 (Anti-spoofing).
//!
//! What a customer may send from: the prefixes it holds, taken from IRR
//! route objects, RPKI (ROAs / VRPs) or the routes it announces, each with
//! its [`PrefixSource`]. [`build_sav`] groups them by the interface the
//! customer sits behind and computes two sets per interface:
//!
//! - **exact**: every prefix, sorted, once ([`InterfaceSav::exact`]);
//! - **hyper-aggregated** (supernets only, [`hyper_aggregate`]): every
//!   prefix covered by another dropped, then every pair of sibling halves
//!   merged into their parent, repeatedly. For source filtering this is
//!   lossless: an address is accepted by the aggregated set exactly when it
//!   is accepted by the original one (unlike a route filter, a traffic
//!   filter does not care about prefix lengths).
//!
//! The renderers (`render::antispoof`) turn these sets into strict uRPF
//! configuration and ingress ACLs per [`SavVendor`]. [`audit`] judges
//! parsed router configurations (`parse::device`) for interfaces that lack
//! uRPF or have only loose uRPF.
//!
//! ```
//! use routeguard::filter::antispoof::{build_sav, hyper_aggregate, Customer, PrefixSource};
//! let p = |s: &str| s.parse().unwrap();
//! let agg = hyper_aggregate(&[p("192.0.2.0/25"), p("192.0.2.128/25"), p("192.0.2.64/26")]);
//! assert_eq!(agg, vec![p("192.0.2.0/24")]);
//! let c = Customer::new("xe-0/0/1.100", PrefixSource::Irr, [p("198.51.100.0/24")]);
//! let sets = build_sav(&[c]).unwrap();
//! assert!(sets[0].accepts(&"198.51.100.7".parse().unwrap()));
//! ```

pub mod audit;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use crate::model::{Family, Prefix, UnknownWord};

/// Longest interface name accepted, in bytes.
pub const MAX_INTERFACE_LEN: usize = 64;

/// Where a customer's prefix is known from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PrefixSource {
    /// An IRR route or route6 object of the customer's ASN.
    Irr,
    /// A ROA (a VRP) of the customer's ASN.
    Rpki,
    /// A route the customer was seen announcing.
    Observed,
    /// Given by the operator (a customers file).
    Manual,
}

impl PrefixSource {
    /// Every source.
    pub const ALL: [PrefixSource; 4] = [
        PrefixSource::Irr,
        PrefixSource::Rpki,
        PrefixSource::Observed,
        PrefixSource::Manual,
    ];

    /// `irr`, `rpki`, `observed` or `manual`.
    pub fn as_str(self) -> &'static str {
        match self {
            PrefixSource::Irr => "irr",
            PrefixSource::Rpki => "rpki",
            PrefixSource::Observed => "observed",
            PrefixSource::Manual => "manual",
        }
    }
}

impl fmt::Display for PrefixSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PrefixSource {
    type Err = UnknownWord;
    /// The four words, any case (also `roa`, `vrp`, `bgp`, `static`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "irr" => PrefixSource::Irr,
            "rpki" | "roa" | "vrp" => PrefixSource::Rpki,
            "observed" | "bgp" => PrefixSource::Observed,
            "manual" | "static" => PrefixSource::Manual,
            _ => {
                return Err(UnknownWord::new(
                    "prefix source",
                    s,
                    "irr, rpki, observed or manual",
                ))
            }
        })
    }
}

/// A prefix a customer may send from, and where it is known from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourcePrefix {
    /// The prefix.
    pub prefix: Prefix,
    /// Where it is known from.
    pub source: PrefixSource,
}

/// A single-homed customer: the interface it sits behind and its prefixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    /// The router interface facing the customer, as the router names it
    /// (`xe-0/0/1.100`, `GigabitEthernet0/0/1`, `eth1`).
    pub interface: String,
    /// Its prefixes (any order, duplicates allowed).
    pub prefixes: Vec<SourcePrefix>,
}

impl Customer {
    /// A customer whose prefixes all come from `source`.
    pub fn new(
        interface: impl Into<String>,
        source: PrefixSource,
        prefixes: impl IntoIterator<Item = Prefix>,
    ) -> Self {
        Customer {
            interface: interface.into(),
            prefixes: prefixes
                .into_iter()
                .map(|prefix| SourcePrefix { prefix, source })
                .collect(),
        }
    }
}

/// One prefix of an exact set, with every source that named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavEntry {
    /// The prefix.
    pub prefix: Prefix,
    /// Where it is known from, sorted, at least one.
    pub sources: Vec<PrefixSource>,
}

/// The source prefixes one interface admits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterfaceSav {
    /// The interface.
    pub interface: String,
    /// Every prefix once, sorted (IPv4 first, then by address, shorter
    /// first), with its sources.
    pub exact: Vec<SavEntry>,
    /// The hyper-aggregated set: [`hyper_aggregate`] of the exact one.
    pub aggregated: Vec<Prefix>,
}

impl InterfaceSav {
    /// The prefixes of one family: the aggregated set when `hyper`, else
    /// the exact one.
    pub fn prefixes(&self, family: Family, hyper: bool) -> Vec<Prefix> {
        if hyper {
            self.aggregated
                .iter()
                .filter(|p| p.family() == family)
                .copied()
                .collect()
        } else {
            self.exact
                .iter()
                .map(|e| e.prefix)
                .filter(|p| p.family() == family)
                .collect()
        }
    }

    /// The families the customer has prefixes in; both when it has none
    /// (then everything it sends is spoofed).
    pub fn families(&self) -> Vec<Family> {
        let has = |f: Family| self.exact.iter().any(|e| e.prefix.family() == f);
        match (has(Family::V4), has(Family::V6)) {
            (true, false) => vec![Family::V4],
            (false, true) => vec![Family::V6],
            _ => vec![Family::V4, Family::V6],
        }
    }

    /// Whether a packet from `source` passes this interface's filter.
    pub fn accepts(&self, source: &IpAddr) -> bool {
        let host = match source {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        };
        Prefix::new(*source, host)
            .map(|h| self.aggregated.iter().any(|p| p.covers(&h)))
            .unwrap_or(false)
    }
}

/// Errors of the anti-spoofing stage.
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AntispoofError {
    /// An interface name that cannot be written into a router
    /// configuration safely: empty, longer than [`MAX_INTERFACE_LEN`], or
    /// with a character other than ASCII letters, digits and `._/:-`. Code
    /// `invalid-interface`.
    #[error("invalid interface name {name:?}: {reason}")]
    InvalidInterface {
        /// The name given.
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A name for the generated ACLs or filters (a prefix) that is not 1
    /// to 32 ASCII letters, digits, `-` or `_` starting with a letter.
    /// Code `invalid-name`.
    #[error("invalid filter name prefix {0:?}: 1 to 32 ASCII letters, digits, - or _, starting with a letter")]
    InvalidName(String),
}

impl AntispoofError {
    /// A stable lowercase-hyphenated word for the variant.
    pub fn code(&self) -> &'static str {
        match self {
            AntispoofError::InvalidInterface { .. } => "invalid-interface",
            AntispoofError::InvalidName(_) => "invalid-name",
        }
    }
}

/// Checks an interface name: ASCII letters, digits and `._/:-`, 1 to
/// [`MAX_INTERFACE_LEN`] bytes, not starting with `-`. Names pass into
/// router configurations and shell-like syntaxes unquoted, so nothing else
/// is allowed.
pub fn check_interface(name: &str) -> Result<(), AntispoofError> {
    let bad = |reason| {
        Err(AntispoofError::InvalidInterface {
            name: name.chars().take(MAX_INTERFACE_LEN + 8).collect(),
            reason,
        })
    };
    if name.is_empty() {
        return bad("empty");
    }
    if name.len() > MAX_INTERFACE_LEN {
        return bad("too long");
    }
    if name.starts_with('-') {
        return bad("starts with '-'");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"._/:-".contains(&b))
    {
        return bad("only ASCII letters, digits and ._/:- are allowed");
    }
    Ok(())
}

/// Groups customers by interface (customers behind the same interface are
/// merged) and computes each interface's exact and hyper-aggregated sets.
/// The result is sorted by interface name.
pub fn build_sav(customers: &[Customer]) -> Result<Vec<InterfaceSav>, AntispoofError> {
    let mut by_if: BTreeMap<&str, BTreeMap<Prefix, BTreeSet<PrefixSource>>> = BTreeMap::new();
    for c in customers {
        check_interface(&c.interface)?;
        let slot = by_if.entry(c.interface.as_str()).or_default();
        for sp in &c.prefixes {
            slot.entry(sp.prefix).or_default().insert(sp.source);
        }
    }
    Ok(by_if
        .into_iter()
        .map(|(name, prefixes)| {
            let exact: Vec<SavEntry> = prefixes
                .into_iter()
                .map(|(prefix, sources)| SavEntry {
                    prefix,
                    sources: sources.into_iter().collect(),
                })
                .collect();
            let all: Vec<Prefix> = exact.iter().map(|e| e.prefix).collect();
            InterfaceSav {
                interface: name.to_owned(),
                aggregated: hyper_aggregate(&all),
                exact,
            }
        })
        .collect())
}

/// The supernets of `prefixes`: sorted, every prefix covered by another
/// dropped, and sibling halves merged into their parent until no two are
/// siblings. The same addresses are covered as by `prefixes`, by the fewest
/// prefixes that do so. Both families may be mixed.
pub fn hyper_aggregate(prefixes: &[Prefix]) -> Vec<Prefix> {
    let mut sorted = prefixes.to_vec();
    // IPv4 before IPv6, then by address, shorter first: a covering prefix
    // comes before everything it covers.
    sorted.sort_unstable();
    sorted.dedup();
    let mut out: Vec<Prefix> = Vec::with_capacity(sorted.len());
    for p in sorted {
        // The kept prefixes are disjoint and sorted, so only the last one
        // can cover `p`.
        if out.last().is_some_and(|last| last.covers(&p)) {
            continue;
        }
        let mut cur = p;
        // Merge with the previous prefix while it is `cur`'s sibling; the
        // parent may then be the sibling of the one before.
        while let Some(parent) = out.last().and_then(|last| sibling_parent(last, &cur)) {
            out.pop();
            cur = parent;
        }
        out.push(cur);
    }
    out
}

/// The parent of `a` and `b` when they are its two halves (`a` the lower).
fn sibling_parent(a: &Prefix, b: &Prefix) -> Option<Prefix> {
    if a.family() != b.family() || a.len() != b.len() || a.len() == 0 || a == b {
        return None;
    }
    let pa = a.truncate(a.len() - 1)?;
    let pb = b.truncate(b.len() - 1)?;
    (pa == pb).then_some(pa)
}

/// What a router is: the platforms source address validation is rendered
/// for (`render::antispoof`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SavVendor {
    /// Cisco IOS and IOS XE.
    Ios,
    /// Cisco IOS XR.
    IosXr,
    /// Juniper Junos (`set` commands).
    Junos,
    /// Arista EOS.
    Eos,
    /// Nokia SR OS, classic CLI.
    SrOs,
    /// Linux: sysctl `rp_filter` and nftables.
    Linux,
}

impl SavVendor {
    /// Every vendor.
    pub const ALL: [SavVendor; 6] = [
        SavVendor::Ios,
        SavVendor::IosXr,
        SavVendor::Junos,
        SavVendor::Eos,
        SavVendor::SrOs,
        SavVendor::Linux,
    ];

    /// `ios`, `iosxr`, `junos`, `eos`, `sros` or `linux`.
    pub fn as_str(self) -> &'static str {
        match self {
            SavVendor::Ios => "ios",
            SavVendor::IosXr => "iosxr",
            SavVendor::Junos => "junos",
            SavVendor::Eos => "eos",
            SavVendor::SrOs => "sros",
            SavVendor::Linux => "linux",
        }
    }
}

impl fmt::Display for SavVendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SavVendor {
    type Err = UnknownWord;
    /// The names of [`SavVendor::as_str`], any case, and aliases: `cisco`,
    /// `ios-xe`, `iosxe`, `ios-xr`, `xr`, `juniper`, `arista`, `nokia`,
    /// `sr-os`, `nftables`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "ios" | "cisco" | "ios-xe" | "iosxe" => SavVendor::Ios,
            "iosxr" | "ios-xr" | "xr" => SavVendor::IosXr,
            "junos" | "juniper" => SavVendor::Junos,
            "eos" | "arista" => SavVendor::Eos,
            "sros" | "sr-os" | "nokia" => SavVendor::SrOs,
            "linux" | "nftables" => SavVendor::Linux,
            _ => {
                return Err(UnknownWord::new(
                    "vendor",
                    s,
                    "ios, iosxr, junos, eos, sros or linux",
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests;
