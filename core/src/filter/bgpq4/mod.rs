//! bgpq4 as a library: the command line of bgpq4 1.9 ([`args`]), the
//! expansion of its objects through a [`Resolver`](super::resolve::Resolver)
//! ([`expand`]), and the options every printer reads ([`Options`]). The
//! printers live in the render stage (`render::filter`).
//!
//! Where bgpq4 1.9 (Debian's) and later releases print differently, the
//! [`Dialect`] chooses; 1.9 is the default.

pub mod args;
pub(crate) mod cwords;
pub mod expand;

use std::collections::BTreeSet;

use crate::filter::tree::PrefixTree;
use crate::model::Family;

/// A router family bgpq4 writes for (one per run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Vendor {
    /// Cisco IOS classic (no option).
    #[default]
    Cisco,
    /// Cisco IOS XR (`-X`).
    CiscoXr,
    /// Juniper Junos (`-J`).
    Juniper,
    /// JSON (`-j`).
    Json,
    /// BIRD (`-b`).
    Bird,
    /// OpenBGPD (`-B`).
    OpenBgpd,
    /// A user format (`-F FMT`, the format in [`Options::format`]).
    Format,
    /// Nokia SR OS classic CLI (`-N`).
    Nokia,
    /// Huawei (`-U`).
    Huawei,
    /// Huawei XPL (`-u`).
    HuaweiXpl,
    /// MikroTik RouterOS 6 (`-K`).
    Mikrotik6,
    /// MikroTik RouterOS 7 (`-K7`).
    Mikrotik7,
    /// Nokia SR OS MD-CLI (`-n`).
    NokiaMd,
    /// Nokia SR Linux (`-n2`, bgpq4 1.11 and later).
    SrLinux,
    /// Arista EOS (`-e`).
    Arista,
}

impl Vendor {
    /// Every router family, in declaration order.
    pub const ALL: [Vendor; 15] = [
        Vendor::Cisco,
        Vendor::CiscoXr,
        Vendor::Juniper,
        Vendor::Json,
        Vendor::Bird,
        Vendor::OpenBgpd,
        Vendor::Format,
        Vendor::Nokia,
        Vendor::Huawei,
        Vendor::HuaweiXpl,
        Vendor::Mikrotik6,
        Vendor::Mikrotik7,
        Vendor::NokiaMd,
        Vendor::SrLinux,
        Vendor::Arista,
    ];
}

/// What bgpq4 generates (one per run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Generation {
    /// An as-path filter for routes from [`Options::asn`] (`-f`).
    AsPath,
    /// An origin as-path filter (`-G`).
    OriginAsPath,
    /// Junos as-list-group (`-H`).
    AsList,
    /// An as-set (`-t`).
    AsSet,
    /// A prefix list (the default).
    #[default]
    PrefixList,
    /// The extended form (`-E`): Cisco extended ACL, Junos route-filter,
    /// Nokia ip-prefix-list, OpenBGPD prefix-set.
    ExtAcl,
    /// Junos route-filter-list (`-z`).
    RouteFilterList,
}

/// Which bgpq4 release's output to reproduce where releases differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Dialect {
    /// bgpq4 1.9 (Debian bookworm's), the default.
    #[default]
    V1_9,
    /// bgpq4 1.16 (the upstream test references).
    V1_16,
}

/// Everything a bgpq4 run was asked for: the parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `-4` (default) or `-6`.
    pub family: Family,
    /// The router family.
    pub vendor: Vendor,
    /// What to generate.
    pub generation: Generation,
    /// Which release's output to match.
    pub dialect: Dialect,
    /// `-l name` (default `NN`).
    pub name: String,
    /// The AS number of `-f`/`-G`/`-H`/`-a` (0 when none was given).
    pub asn: u32,
    /// `-W`: ASNs per as-path line (0 = unlimited); the vendor default when
    /// not given, as bgpq4 sets it.
    pub as_width: usize,
    /// `-s` (and implied by `-e`): sequence numbers.
    pub sequence: bool,
    /// `-M`: extra Junos route-filter match conditions (escapes decoded).
    pub match_: Option<String>,
    /// `-F`: the user format (escapes still encoded, as bgpq4 keeps them).
    pub format: Option<String>,
    /// `-m`: longer prefixes are dropped (`None`: the family's maximum).
    /// `Some` of the family's maximum (`-m 32`, `-6 -m 128`) is bgpq4's
    /// internal 0, under which ranges `^+`, `^-` and `^n-m` of command-line
    /// objects shrink to their prefix (see `args::range_object`).
    pub max_len: Option<u8>,
    /// `-L`: deepest set recursion (`None`: unlimited).
    pub max_depth: Option<u32>,
    /// `-R` (set to the family's maximum by `-r` alone, as bgpq4 does).
    pub refine: Option<u8>,
    /// `-r`.
    pub refine_low: Option<u8>,
    /// `-A` (counted: `-AA` also debugs aggregation in bgpq4).
    pub aggregate: u8,
    /// `-w`: only ASNs with route objects.
    pub validate_asns: bool,
    /// `-p`: private ASNs allowed.
    pub special_asns: bool,
    /// `-S` (or `IRRD_SOURCES`): comma-separated sources in order, as given.
    pub sources: Option<String>,
    /// `-h host[:port]`: the host (default `rr.ntt.net`).
    pub host: String,
    /// The port (default `43`).
    pub port: String,
    /// `-T` clears it.
    pub pipelining: bool,
    /// `-d`, counted.
    pub debug: u8,
    /// The objects to expand, in order.
    pub objects: Vec<String>,
    /// The objects after `EXCEPT`.
    pub except: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            family: Family::V4,
            vendor: Vendor::Cisco,
            generation: Generation::PrefixList,
            dialect: Dialect::V1_9,
            name: "NN".to_owned(),
            asn: 0,
            as_width: 8,
            sequence: false,
            match_: None,
            format: None,
            max_len: None,
            max_depth: None,
            refine: None,
            refine_low: None,
            aggregate: 0,
            validate_asns: false,
            special_asns: false,
            sources: None,
            host: "rr.ntt.net".to_owned(),
            port: "43".to_owned(),
            pipelining: true,
            debug: 0,
            objects: Vec::new(),
            except: Vec::new(),
        }
    }
}

/// What the expansion found: the ASNs (for as-path and as-set output) and
/// the prefixes (for prefix lists), after `-R`/`-r`/`-A`.
#[derive(Clone, Debug)]
pub struct Expansion {
    /// Every ASN collected, sorted (bgpq4's `asnlist`).
    pub asns: BTreeSet<u32>,
    /// The prefixes.
    pub tree: PrefixTree,
}

#[cfg(test)]
mod tests {
    use super::Vendor;

    /// Every variant once, in declaration order (the match fails to
    /// compile when a variant is added, reminding to list it).
    #[test]
    fn all_vendors_listed_once() {
        let position = |v: Vendor| match v {
            Vendor::Cisco => 0,
            Vendor::CiscoXr => 1,
            Vendor::Juniper => 2,
            Vendor::Json => 3,
            Vendor::Bird => 4,
            Vendor::OpenBgpd => 5,
            Vendor::Format => 6,
            Vendor::Nokia => 7,
            Vendor::Huawei => 8,
            Vendor::HuaweiXpl => 9,
            Vendor::Mikrotik6 => 10,
            Vendor::Mikrotik7 => 11,
            Vendor::NokiaMd => 12,
            Vendor::SrLinux => 13,
            Vendor::Arista => 14,
        };
        for (k, v) in Vendor::ALL.into_iter().enumerate() {
            assert_eq!(position(v), k, "{v:?}");
        }
    }
}
