//! Bogon checks for BGP routes, as MANRS Action 1 (filtering) and common
//! ingress filter practice ask: bogon prefixes, bogon ASNs anywhere in the
//! AS path, too-specific prefixes, default routes and long AS paths.
//!
//! Built-in data (embedded as tables; see [`special_purpose`],
//! [`address_space_reservations`], [`operator_list_reservations`] and
//! [`bogon_asn_ranges`]; every row names its source beside it):
//! - the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
//!   its updates: RFC 7335, 7600, 7723, 8155, 8880, 7535, 7450, 7526, 6751,
//!   7534, 8215, 6666, 9780, 2928, 4380, 8190, 9665, 5180, 4843, 7343, 9374,
//!   3849, 3056, 9637, 9602, 4193, 4291), every row with its Source,
//!   Destination, Forwardable, Globally Reachable and Reserved-by-Protocol
//!   flags (`None` where the registry says N/A);
//! - from the IANA address-space registries: 224.0.0.0/4 multicast
//!   (RFC 5771), the IPv6 space outside 2000::/3 global unicast (RFC 4291
//!   §2.4), fec0::/10 site-local (deprecated, RFC 3879) and ff00::/8
//!   multicast (RFC 4291 §2.7);
//! - from operators' bogon lists, what no IANA row covers: 3ffe::/16, the
//!   former 6bone test space returned to IANA (RFC 3701);
//! - the bogon ASNs: 0 (RFC 7607), 23456 AS_TRANS (RFC 6793), 64496–64511
//!   and 65536–65551 documentation (RFC 5398), 64512–65534 and
//!   4200000000–4294967294 private use (RFC 6996), 65535 and 4294967295
//!   last ASNs (RFC 7300), 65552–131071 IANA reserved. They are looked for
//!   outside confederation segments: a confederation's member ASes
//!   (RFC 5065) are internal to it and usually private.
//!
//! A route's prefix is a **bogon prefix** when the most specific built-in
//! block that covers it (equal or shorter) is not marked Globally Reachable
//! = True: so `10.1.0.0/16` is a bogon (inside 10.0.0.0/8, Private-Use),
//! `192.0.0.9/32` is not (Port Control Protocol Anycast, globally reachable,
//! more specific than 192.0.0.0/24), and N/A rows (TEREDO 2001::/32, 6to4
//! 2002::/16, the deprecated 192.88.99.0/24 and 2001:10::/28) count as
//! bogons. A route *less* specific than a block (e.g. 192.0.0.0/16) is not
//! inside it and is not a bogon prefix. A user list (Team Cymru full bogons,
//! see [`crate::parse::bogons`]) **adds** to the built-in blocks: a route
//! covered by any entry of the list is a bogon prefix named by that list.
//!
//! **Operators' lists.** The built-in blocks cover every entry of the two
//! bogon prefix lists operators copy most: the NLNOG BGP Filter Guide's IPv4
//! and IPv6 lists (bgpfilterguide.nlnog.net, "Bogon Prefixes") and the
//! `bogons` prefix-set of OpenBSD's example `bgpd.conf`
//! (`etc/examples/bgpd.conf`, revision 1.17). Each entry, and the built-in row that makes
//! it (and everything inside it) a bogon prefix:
//!
//! | entry | NLNOG | OpenBSD | built-in row (source) |
//! |---|---|---|---|
//! | 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24, 240.0.0.0/4 | yes | yes | the same block (IPv4 Special-Purpose Registry) |
//! | 224.0.0.0/4 | yes | yes | the same block (IPv4 Address Space Registry, RFC 5771) |
//! | ::/8 | yes | yes | ::/3 (IPv6 Address Space Registry), except 64:ff9b::/96 below |
//! | 100::/64, 2001:2::/48, 2001:10::/28, 2001:db8::/32, 2002::/16, fc00::/7, fe80::/10 | yes | yes | the same block (IPv6 Special-Purpose Registry) |
//! | 3fff::/20 (RFC 9637), 5f00::/16 (RFC 9602) | yes | not in 1.17 | the same block (IPv6 Special-Purpose Registry) |
//! | fec0::/10, ff00::/8 | yes | yes | the same block (IPv6 Address Space Registry) |
//! | 3ffe::/16 | yes | yes | the same block (operator lists, RFC 3701) |
//!
//! One deliberate difference: 64:ff9b::/96, the NAT64 well-known prefix
//! (RFC 6052), lies inside ::/8, which both lists reject with every
//! more-specific; the IPv6 Special-Purpose Registry marks it Globally
//! Reachable and RFC 6052 §3.1 allows it in inter-domain routing by
//! agreement, so it is not a bogon prefix here (add ::/8 as a user list to
//! reject it too). The test `operator_bogon_lists` (core/tests/bogon.rs)
//! checks all this against fixtures holding both lists.
//!
//! Lookups use, per list and family, the laminar prefix-cover index shared
//! with the VRP index (`index::cover`): a flattened sorted-interval map from
//! addresses to the innermost block plus parent links, so one binary search
//! and a walk up the (short) chain of covering blocks. [`Bogons::first_kind`]
//! allocates nothing.
//!
//! ```
//! use routeguard::validate::bogon::{BogonKind, BogonOptions, Bogons};
//! use routeguard::{AsPath, Prefix};
//! let b = Bogons::new(BogonOptions::default());
//! let p: Prefix = "10.1.0.0/16".parse().unwrap();
//! let f = b.check_prefix(&p).unwrap();
//! assert_eq!(f.kind, BogonKind::BogonPrefix);
//! assert_eq!(f.entry, "10.0.0.0/8 Private-Use (RFC 1918)");
//! assert_eq!(f.list, "IANA IPv4 Special-Purpose Address Registry");
//! let path = AsPath::parse("3356 23456 64500").unwrap();
//! let all = b.check_route(&"192.0.2.0/25".parse().unwrap(), &path);
//! let kinds: Vec<&str> = all.iter().map(|f| f.kind.as_str()).collect();
//! assert_eq!(kinds, ["bogon-prefix", "bogon-asn", "bogon-asn", "too-specific"]);
//! assert_eq!(b.first_kind(&"193.0.0.0/21".parse().unwrap(), &AsPath::parse("3333").unwrap()), None);
//! ```

use std::fmt;
use std::str::FromStr;

use crate::index::cover::{CoverSet, Key};
use crate::model::{AsPath, Asn, Family, Prefix, UnknownWord};

/// Why a route is a bogon. The declaration order is the priority order used
/// for the "first reason" ([`Bogons::first`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BogonKind {
    /// The prefix lies in a reserved / special-purpose block or a user list.
    BogonPrefix,
    /// A reserved, private or documentation ASN appears in the AS path.
    BogonAsn,
    /// The prefix is longer than the configured maximum (/24, /48).
    TooSpecific,
    /// The prefix is a default route (0.0.0.0/0, ::/0).
    DefaultRoute,
    /// The AS path is longer than the configured maximum.
    LongPath,
}

impl BogonKind {
    /// Every kind, in priority order.
    pub const ALL: [BogonKind; 5] = [
        BogonKind::BogonPrefix,
        BogonKind::BogonAsn,
        BogonKind::TooSpecific,
        BogonKind::DefaultRoute,
        BogonKind::LongPath,
    ];

    /// The CLI word: `bogon-prefix`, `bogon-asn`, `too-specific`,
    /// `default-route`, `long-path`.
    pub const fn as_str(self) -> &'static str {
        match self {
            BogonKind::BogonPrefix => "bogon-prefix",
            BogonKind::BogonAsn => "bogon-asn",
            BogonKind::TooSpecific => "too-specific",
            BogonKind::DefaultRoute => "default-route",
            BogonKind::LongPath => "long-path",
        }
    }
}

impl fmt::Display for BogonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BogonKind {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BogonKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                UnknownWord::new(
                    "bogon kind",
                    s,
                    "bogon-prefix, bogon-asn, too-specific, default-route or long-path",
                )
            })
    }
}

/// One bogon verdict: what kind, which list, which entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BogonFinding {
    /// The kind.
    pub kind: BogonKind,
    /// The list or rule that matched, e.g. `IANA IPv4 Special-Purpose
    /// Address Registry`, `RFC 6996`, `fullbogons-ipv4.txt`, `max-v4-len 24`.
    pub list: String,
    /// The matching entry, e.g. `10.0.0.0/8 Private-Use (RFC 1918)`,
    /// `AS23456 AS_TRANS (RFC 6793)`, or the offending prefix / length.
    pub entry: String,
    /// The offending ASN for [`BogonKind::BogonAsn`].
    pub asn: Option<Asn>,
}

impl fmt::Display for BogonFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.kind)?;
        if let Some(a) = self.asn {
            if !self.entry.starts_with(&format!("{a} ")) {
                write!(f, "{a} in ")?;
            }
        }
        write!(f, "{} [{}]", self.entry, self.list)
    }
}

/// Options of the checker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BogonOptions {
    /// Longest IPv4 prefix accepted (default 24); longer is `too-specific`.
    pub max_v4_len: u8,
    /// Longest IPv6 prefix accepted (default 48); longer is `too-specific`.
    pub max_v6_len: u8,
    /// Longest AS path accepted, as [`AsPath::length`] counts (prepends
    /// count, a set counts one); `None` disables the check. Default 64:
    /// the RIS rrc06 table of 2010-07-01 (641,957 routes) peaks at 26 and
    /// common filter guidance cuts at 50–100.
    pub max_path_len: Option<usize>,
    /// Whether default routes are accepted (default `false`).
    pub allow_default: bool,
}

impl Default for BogonOptions {
    fn default() -> Self {
        BogonOptions {
            max_v4_len: 24,
            max_v6_len: 48,
            max_path_len: Some(DEFAULT_MAX_PATH_LEN),
            allow_default: false,
        }
    }
}

/// The default [`BogonOptions::max_path_len`].
pub const DEFAULT_MAX_PATH_LEN: usize = 64;

/// One row of an IANA special-purpose (or address-space) registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecialPurpose {
    /// The address block, e.g. `10.0.0.0/8`.
    pub block: &'static str,
    /// The registry's name for it, e.g. `Private-Use`.
    pub name: &'static str,
    /// The defining RFC(s), e.g. `RFC 1918`.
    pub rfc: &'static str,
    /// The registry the row comes from.
    pub registry: &'static str,
    /// Valid as a source address (`None`: N/A in the registry).
    pub source: Option<bool>,
    /// Valid as a destination address.
    pub destination: Option<bool>,
    /// A router may forward it between external interfaces.
    pub forwardable: Option<bool>,
    /// Forwardable beyond a specified administrative domain.
    pub globally_reachable: Option<bool>,
    /// Reserved by IP itself.
    pub reserved_by_protocol: Option<bool>,
}

impl SpecialPurpose {
    /// The block as a [`Prefix`] (always `Some` for the built-in tables).
    pub fn prefix(&self) -> Option<Prefix> {
        Prefix::parse(self.block).ok()
    }

    /// Whether a route inside this block is a bogon: the block is not
    /// marked Globally Reachable = True.
    pub fn is_bogon(&self) -> bool {
        self.globally_reachable != Some(true)
    }

    fn describe(&self) -> String {
        format!("{} {} ({})", self.block, self.name, self.rfc)
    }
}

/// The IANA IPv4 Special-Purpose Address Registry's name.
pub const IPV4_SPECIAL_REGISTRY: &str = "IANA IPv4 Special-Purpose Address Registry";
/// The IANA IPv6 Special-Purpose Address Registry's name.
pub const IPV6_SPECIAL_REGISTRY: &str = "IANA IPv6 Special-Purpose Address Registry";
/// The IANA IPv4 Address Space Registry's name.
pub const IPV4_SPACE_REGISTRY: &str = "IANA IPv4 Address Space Registry";
/// The IANA IPv6 Address Space Registry's name.
pub const IPV6_SPACE_REGISTRY: &str = "IANA IPv6 Address Space Registry";

const T: u8 = 1;
const F: u8 = 0;
const NA: u8 = 2;

const fn flag(v: u8) -> Option<bool> {
    match v {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

/// Flags in registry column order: source, destination, forwardable,
/// globally reachable, reserved-by-protocol.
const fn row(
    registry: &'static str,
    block: &'static str,
    name: &'static str,
    rfc: &'static str,
    f: [u8; 5],
) -> SpecialPurpose {
    SpecialPurpose {
        block,
        name,
        rfc,
        registry,
        source: flag(f[0]),
        destination: flag(f[1]),
        forwardable: flag(f[2]),
        globally_reachable: flag(f[3]),
        reserved_by_protocol: flag(f[4]),
    }
}

const fn v4(
    block: &'static str,
    name: &'static str,
    rfc: &'static str,
    f: [u8; 5],
) -> SpecialPurpose {
    row(IPV4_SPECIAL_REGISTRY, block, name, rfc, f)
}

const fn v6(
    block: &'static str,
    name: &'static str,
    rfc: &'static str,
    f: [u8; 5],
) -> SpecialPurpose {
    row(IPV6_SPECIAL_REGISTRY, block, name, rfc, f)
}

static SPECIAL_V4: [SpecialPurpose; 26] = [
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "0.0.0.0/8",
        "\"This network\"",
        "RFC 791 §3.2",
        [T, F, F, F, T],
    ),
    v4(
        "0.0.0.0/32",
        "\"This host on this network\"",
        "RFC 1122 §3.2.1.3",
        [T, F, F, F, T],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4("10.0.0.0/8", "Private-Use", "RFC 1918", [T, T, T, F, F]),
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "100.64.0.0/10",
        "Shared Address Space",
        "RFC 6598",
        [T, T, T, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "127.0.0.0/8",
        "Loopback",
        "RFC 1122 §3.2.1.3",
        [F, F, F, F, T],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4("169.254.0.0/16", "Link Local", "RFC 3927", [T, T, F, F, T]),
    // Operator lists: NLNOG, OpenBSD.
    v4("172.16.0.0/12", "Private-Use", "RFC 1918", [T, T, T, F, F]),
    v4(
        "192.0.0.0/24",
        "IETF Protocol Assignments",
        "RFC 6890 §2.1",
        [F, F, F, F, F],
    ),
    v4(
        "192.0.0.0/29",
        "IPv4 Service Continuity Prefix",
        "RFC 7335",
        [T, T, T, F, F],
    ),
    v4(
        "192.0.0.8/32",
        "IPv4 dummy address",
        "RFC 7600",
        [T, F, F, F, F],
    ),
    v4(
        "192.0.0.9/32",
        "Port Control Protocol Anycast",
        "RFC 7723",
        [T, T, T, T, F],
    ),
    v4(
        "192.0.0.10/32",
        "Traversal Using Relays around NAT Anycast",
        "RFC 8155",
        [T, T, T, T, F],
    ),
    v4(
        "192.0.0.170/32",
        "NAT64/DNS64 Discovery",
        "RFC 8880, RFC 7050 §2.2",
        [F, F, F, F, T],
    ),
    v4(
        "192.0.0.171/32",
        "NAT64/DNS64 Discovery",
        "RFC 8880, RFC 7050 §2.2",
        [F, F, F, F, T],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "192.0.2.0/24",
        "Documentation (TEST-NET-1)",
        "RFC 5737",
        [F, F, F, F, F],
    ),
    v4("192.31.196.0/24", "AS112-v4", "RFC 7535", [T, T, T, T, F]),
    v4("192.52.193.0/24", "AMT", "RFC 7450", [T, T, T, T, F]),
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "192.88.99.0/24",
        "Deprecated (6to4 Relay Anycast)",
        "RFC 7526",
        [NA, NA, NA, NA, NA],
    ),
    v4(
        "192.88.99.2/32",
        "6a44-relay anycast address",
        "RFC 6751",
        [T, T, T, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4("192.168.0.0/16", "Private-Use", "RFC 1918", [T, T, T, F, F]),
    v4(
        "192.175.48.0/24",
        "Direct Delegation AS112 Service",
        "RFC 7534",
        [T, T, T, T, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4("198.18.0.0/15", "Benchmarking", "RFC 2544", [T, T, T, F, F]),
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "198.51.100.0/24",
        "Documentation (TEST-NET-2)",
        "RFC 5737",
        [F, F, F, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4(
        "203.0.113.0/24",
        "Documentation (TEST-NET-3)",
        "RFC 5737",
        [F, F, F, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v4("240.0.0.0/4", "Reserved", "RFC 1112 §4", [F, F, F, F, T]),
    v4(
        "255.255.255.255/32",
        "Limited Broadcast",
        "RFC 8190, RFC 919 §7",
        [F, T, F, F, T],
    ),
];

static SPECIAL_V6: [SpecialPurpose; 25] = [
    v6("::1/128", "Loopback Address", "RFC 4291", [F, F, F, F, T]),
    v6("::/128", "Unspecified Address", "RFC 4291", [T, F, F, F, T]),
    v6(
        "::ffff:0:0/96",
        "IPv4-mapped Address",
        "RFC 4291",
        [F, F, F, F, T],
    ),
    v6(
        "64:ff9b::/96",
        "IPv4-IPv6 Translat.",
        "RFC 6052",
        [T, T, T, T, F],
    ),
    v6(
        "64:ff9b:1::/48",
        "IPv4-IPv6 Translat.",
        "RFC 8215",
        [T, T, T, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v6(
        "100::/64",
        "Discard-Only Address Block",
        "RFC 6666",
        [T, T, T, F, F],
    ),
    v6(
        "100:0:0:1::/64",
        "Dummy IPv6 Prefix",
        "RFC 9780",
        [T, F, F, F, F],
    ),
    v6(
        "2001::/23",
        "IETF Protocol Assignments",
        "RFC 2928",
        [F, F, F, F, F],
    ),
    v6(
        "2001::/32",
        "TEREDO",
        "RFC 4380, RFC 8190",
        [T, T, T, NA, F],
    ),
    v6(
        "2001:1::1/128",
        "Port Control Protocol Anycast",
        "RFC 7723",
        [T, T, T, T, F],
    ),
    v6(
        "2001:1::2/128",
        "Traversal Using Relays around NAT Anycast",
        "RFC 8155",
        [T, T, T, T, F],
    ),
    v6(
        "2001:1::3/128",
        "DNS-SD Service Registration Protocol Anycast",
        "RFC 9665",
        [T, T, T, T, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v6("2001:2::/48", "Benchmarking", "RFC 5180", [T, T, T, F, F]),
    v6("2001:3::/32", "AMT", "RFC 7450", [T, T, T, T, F]),
    v6("2001:4:112::/48", "AS112-v6", "RFC 7535", [T, T, T, T, F]),
    // Operator lists: NLNOG, OpenBSD.
    v6(
        "2001:10::/28",
        "Deprecated (previously ORCHID)",
        "RFC 4843",
        [NA, NA, NA, NA, NA],
    ),
    v6("2001:20::/28", "ORCHIDv2", "RFC 7343", [T, T, T, T, F]),
    v6(
        "2001:30::/28",
        "Drone Remote ID Protocol Entity Tags (DETs) Prefix",
        "RFC 9374",
        [T, T, T, T, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v6(
        "2001:db8::/32",
        "Documentation",
        "RFC 3849",
        [F, F, F, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v6("2002::/16", "6to4", "RFC 3056", [T, T, T, NA, F]),
    v6(
        "2620:4f:8000::/48",
        "Direct Delegation AS112 Service",
        "RFC 7534",
        [T, T, T, T, F],
    ),
    // Operator lists: NLNOG.
    v6("3fff::/20", "Documentation", "RFC 9637", [F, F, F, F, F]),
    // Operator lists: NLNOG.
    v6(
        "5f00::/16",
        "Segment Routing (SRv6) SIDs",
        "RFC 9602",
        [T, T, T, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v6(
        "fc00::/7",
        "Unique-Local",
        "RFC 4193, RFC 8190",
        [T, T, T, F, F],
    ),
    // Operator lists: NLNOG, OpenBSD.
    v6(
        "fe80::/10",
        "Link-Local Unicast",
        "RFC 4291",
        [T, T, F, F, T],
    ),
];

static SPACE_V4: [SpecialPurpose; 1] = [row(
    // Operator lists: NLNOG, OpenBSD.
    IPV4_SPACE_REGISTRY,
    "224.0.0.0/4",
    "Multicast",
    "RFC 5771",
    [NA, NA, NA, NA, NA],
)];

static SPACE_V6: [SpecialPurpose; 5] = [
    // Operator lists: NLNOG and OpenBSD list ::/8, inside this block (so
    // are the special-purpose rows ::/128 … 64:ff9b:1::/48; see the module
    // docs for 64:ff9b::/96).
    row(
        IPV6_SPACE_REGISTRY,
        "::/3",
        "Reserved by IETF (outside 2000::/3 Global Unicast)",
        "RFC 4291 §2.4",
        [NA, NA, NA, NA, NA],
    ),
    row(
        IPV6_SPACE_REGISTRY,
        "4000::/2",
        "Reserved by IETF (outside 2000::/3 Global Unicast)",
        "RFC 4291 §2.4",
        [NA, NA, NA, NA, NA],
    ),
    row(
        IPV6_SPACE_REGISTRY,
        "8000::/1",
        "Reserved by IETF (outside 2000::/3 Global Unicast)",
        "RFC 4291 §2.4",
        [NA, NA, NA, NA, NA],
    ),
    row(
        // Operator lists: NLNOG, OpenBSD.
        IPV6_SPACE_REGISTRY,
        "fec0::/10",
        "Site-Local (deprecated)",
        "RFC 3879",
        [NA, NA, NA, NA, NA],
    ),
    row(
        // Operator lists: NLNOG, OpenBSD.
        IPV6_SPACE_REGISTRY,
        "ff00::/8",
        "Multicast",
        "RFC 4291 §2.7",
        [NA, NA, NA, NA, NA],
    ),
];

/// The name of the built-in rows taken from operators' bogon lists rather
/// than from an IANA registry (the finding's list for them).
pub const OPERATOR_LISTS: &str = "Operator bogon lists (NLNOG BGP Filter Guide, OpenBSD bgpd.conf)";

static OPERATOR_V6: [SpecialPurpose; 1] = [
    // Operator lists: NLNOG, OpenBSD. Inside 2000::/3, so no IANA registry
    // row covers it: the 6bone test space, phased out and returned to IANA
    // by RFC 3701 (RFC 5156 §2.10 listed it as not to be routed).
    row(
        OPERATOR_LISTS,
        "3ffe::/16",
        "Former 6bone (returned)",
        "RFC 3701",
        [NA, NA, NA, NA, NA],
    ),
];

/// The rows of the IANA special-purpose address registry of a family, in
/// registry order (192.0.0.170/32 and 192.0.0.171/32, one registry row,
/// are two rows here).
pub fn special_purpose(family: Family) -> &'static [SpecialPurpose] {
    match family {
        Family::V4 => &SPECIAL_V4,
        Family::V6 => &SPECIAL_V6,
    }
}

/// The further built-in bogon blocks from the IANA address-space
/// registries: 224.0.0.0/4 (IPv4 multicast); ::/3, 4000::/2, 8000::/1
/// (everything outside 2000::/3), fec0::/10 (site-local, deprecated by
/// RFC 3879) and ff00::/8 (IPv6 multicast).
pub fn address_space_reservations(family: Family) -> &'static [SpecialPurpose] {
    match family {
        Family::V4 => &SPACE_V4,
        Family::V6 => &SPACE_V6,
    }
}

/// The built-in bogon blocks on operators' bogon lists that no IANA
/// registry row covers: today only 3ffe::/16 (the former 6bone, RFC 3701),
/// listed by both the NLNOG BGP Filter Guide and OpenBSD's example
/// `bgpd.conf`. None for IPv4.
pub fn operator_list_reservations(family: Family) -> &'static [SpecialPurpose] {
    match family {
        Family::V4 => &[],
        Family::V6 => &OPERATOR_V6,
    }
}

/// Every built-in block of a family: [`special_purpose`], then
/// [`address_space_reservations`], then [`operator_list_reservations`].
pub fn builtin_blocks(family: Family) -> impl Iterator<Item = &'static SpecialPurpose> {
    special_purpose(family)
        .iter()
        .chain(address_space_reservations(family))
        .chain(operator_list_reservations(family))
}

/// A range of bogon ASNs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BogonAsnRange {
    /// First ASN of the range.
    pub first: u32,
    /// Last ASN of the range (inclusive).
    pub last: u32,
    /// What the range is, e.g. `Private Use`.
    pub name: &'static str,
    /// The defining document, e.g. `RFC 6996` (the finding's list).
    pub source: &'static str,
}

impl BogonAsnRange {
    /// `AS23456 AS_TRANS (RFC 6793)` or `AS64512-AS65534 Private Use (RFC 6996)`.
    pub fn describe(&self) -> String {
        if self.first == self.last {
            format!("AS{} {} ({})", self.first, self.name, self.source)
        } else {
            format!(
                "AS{}-AS{} {} ({})",
                self.first, self.last, self.name, self.source
            )
        }
    }

    /// Whether the range holds `asn`.
    pub fn contains(&self, asn: Asn) -> bool {
        (self.first..=self.last).contains(&asn.get())
    }
}

static BOGON_ASNS: [BogonAsnRange; 9] = [
    BogonAsnRange {
        first: 0,
        last: 0,
        name: "Reserved",
        source: "RFC 7607",
    },
    BogonAsnRange {
        first: 23456,
        last: 23456,
        name: "AS_TRANS",
        source: "RFC 6793",
    },
    BogonAsnRange {
        first: 64496,
        last: 64511,
        name: "Documentation",
        source: "RFC 5398",
    },
    BogonAsnRange {
        first: 64512,
        last: 65534,
        name: "Private Use",
        source: "RFC 6996",
    },
    BogonAsnRange {
        first: 65535,
        last: 65535,
        name: "Reserved (last 16-bit ASN)",
        source: "RFC 7300",
    },
    BogonAsnRange {
        first: 65536,
        last: 65551,
        name: "Documentation",
        source: "RFC 5398",
    },
    BogonAsnRange {
        first: 65552,
        last: 131071,
        name: "Reserved",
        source: "IANA Autonomous System Numbers Registry",
    },
    BogonAsnRange {
        first: 4_200_000_000,
        last: 4_294_967_294,
        name: "Private Use",
        source: "RFC 6996",
    },
    BogonAsnRange {
        first: 4_294_967_295,
        last: 4_294_967_295,
        name: "Reserved (last 32-bit ASN)",
        source: "RFC 7300",
    },
];

/// The bogon ASN ranges, ascending.
pub fn bogon_asn_ranges() -> &'static [BogonAsnRange] {
    &BOGON_ASNS
}

/// The bogon range holding `asn`, if any.
#[inline]
pub fn bogon_asn_range(asn: Asn) -> Option<&'static BogonAsnRange> {
    let n = asn.get();
    // The common case first: ordinary public ASNs.
    if (1..=64495).contains(&n) && n != 23456 || (131_072..4_200_000_000).contains(&n) {
        return None;
    }
    BOGON_ASNS.iter().find(|r| (r.first..=r.last).contains(&n))
}

/// Whether `asn` is a bogon ASN.
#[inline]
pub fn is_bogon_asn(asn: Asn) -> bool {
    bogon_asn_range(asn).is_some()
}

/// Longest-covering-prefix index over a list of prefixes, both families:
/// the shared [`CoverSet`], IPv4 in 32-bit keys.
#[derive(Clone, Debug, Default)]
struct CoverIndex {
    v4: CoverSet<u32>,
    v6: CoverSet<u128>,
}

impl CoverIndex {
    fn new<'a>(prefixes: impl Iterator<Item = (&'a Prefix, u32)>) -> Self {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (p, id) in prefixes {
            match p.family() {
                Family::V4 => a.push((u32::from_bits(p.bits()), p.len(), id)),
                Family::V6 => b.push((p.bits(), p.len(), id)),
            }
        }
        CoverIndex {
            v4: CoverSet::build(a),
            v6: CoverSet::build(b),
        }
    }

    /// The id of the longest entry covering `p` (ties to the smallest id).
    #[inline]
    fn longest(&self, p: &Prefix) -> Option<u32> {
        match p.family() {
            Family::V4 => self.v4.first_covering(u32::from_bits(p.bits()), p.len()),
            Family::V6 => self.v6.first_covering(p.bits(), p.len()),
        }
    }

    fn heap_bytes(&self) -> usize {
        self.v4.heap_bytes() + self.v6.heap_bytes()
    }
}

/// A user-supplied bogon list.
#[derive(Clone, Debug)]
struct UserList {
    name: String,
    prefixes: Vec<Prefix>,
    index: CoverIndex,
}

/// The bogon checker: built-in registries and ASN ranges, optional user
/// lists, and the options. Immutable after building; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Bogons {
    options: BogonOptions,
    builtin: CoverIndex,
    rows: Vec<&'static SpecialPurpose>,
    /// The built-in blocks, parsed, with their bogon flag: what
    /// `first_kind_linear` (tests and benches only) scans.
    #[cfg(any(test, feature = "__testing"))]
    blocks: Vec<(Prefix, bool)>,
    lists: Vec<UserList>,
}

impl Default for Bogons {
    fn default() -> Self {
        Bogons::new(BogonOptions::default())
    }
}

impl Bogons {
    /// A checker with the built-in blocks and ASN ranges.
    pub fn new(options: BogonOptions) -> Self {
        let rows: Vec<&'static SpecialPurpose> = [Family::V4, Family::V6]
            .into_iter()
            .flat_map(builtin_blocks)
            .collect();
        let parsed: Vec<(Prefix, u32)> = rows
            .iter()
            .zip(0u32..)
            .filter_map(|(r, i)| r.prefix().map(|p| (p, i)))
            .collect();
        let builtin = CoverIndex::new(parsed.iter().map(|(p, i)| (p, *i)));
        Bogons {
            options,
            builtin,
            #[cfg(any(test, feature = "__testing"))]
            blocks: rows
                .iter()
                .filter_map(|r| Some((r.prefix()?, r.is_bogon())))
                .collect(),
            rows,
            lists: Vec::new(),
        }
    }

    /// Adds a user bogon list (e.g. Team Cymru's `fullbogons-ipv4.txt`, read
    /// with [`crate::parse::bogons::parse_bogon_list`]); it adds to the
    /// built-in blocks and earlier lists. Findings name the list `name`.
    pub fn with_list(mut self, name: impl Into<String>, prefixes: Vec<Prefix>) -> Self {
        self.add_list(name, prefixes);
        self
    }

    /// [`Bogons::with_list`] in place.
    pub fn add_list(&mut self, name: impl Into<String>, prefixes: Vec<Prefix>) {
        let index = CoverIndex::new(prefixes.iter().zip(0u32..));
        self.lists.push(UserList {
            name: name.into(),
            prefixes,
            index,
        });
    }

    /// The options.
    pub fn options(&self) -> &BogonOptions {
        &self.options
    }

    /// The user lists' names and sizes, in the order added.
    pub fn lists(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.lists
            .iter()
            .map(|l| (l.name.as_str(), l.prefixes.len()))
    }

    /// Approximate heap bytes of the indexes.
    pub fn heap_bytes(&self) -> usize {
        let idx = CoverIndex::heap_bytes;
        #[cfg(any(test, feature = "__testing"))]
        let blocks = self.blocks.capacity() * std::mem::size_of::<(Prefix, bool)>();
        #[cfg(not(any(test, feature = "__testing")))]
        let blocks = 0;
        idx(&self.builtin)
            + self.rows.capacity() * std::mem::size_of::<&SpecialPurpose>()
            + blocks
            + self
                .lists
                .iter()
                .map(|l| idx(&l.index) + l.prefixes.capacity() * std::mem::size_of::<Prefix>())
                .sum::<usize>()
    }

    /// The built-in row that makes `p` a bogon prefix, if any: the most
    /// specific built-in block covering `p`, when not globally reachable.
    #[inline]
    pub fn builtin_row(&self, p: &Prefix) -> Option<&'static SpecialPurpose> {
        let id = self.builtin.longest(p)?;
        let row = *self.rows.get(id as usize)?;
        row.is_bogon().then_some(row)
    }

    /// Whether `p` is a bogon prefix (built-in or any user list).
    #[inline]
    pub fn is_bogon_prefix(&self, p: &Prefix) -> bool {
        self.builtin_row(p).is_some() || self.lists.iter().any(|l| l.index.longest(p).is_some())
    }

    fn prefix_findings(&self, p: &Prefix, out: &mut Vec<BogonFinding>, first_only: bool) {
        if let Some(row) = self.builtin_row(p) {
            out.push(BogonFinding {
                kind: BogonKind::BogonPrefix,
                list: row.registry.to_owned(),
                entry: row.describe(),
                asn: None,
            });
            if first_only {
                return;
            }
        }
        for l in &self.lists {
            if let Some(e) = l.index.longest(p).and_then(|i| l.prefixes.get(i as usize)) {
                out.push(BogonFinding {
                    kind: BogonKind::BogonPrefix,
                    list: l.name.clone(),
                    entry: e.to_string(),
                    asn: None,
                });
                if first_only {
                    return;
                }
            }
        }
    }

    fn too_specific(&self, p: &Prefix) -> Option<BogonFinding> {
        let (max, what) = match p.family() {
            Family::V4 => (self.options.max_v4_len, "max-v4-len"),
            Family::V6 => (self.options.max_v6_len, "max-v6-len"),
        };
        (p.len() > max).then(|| BogonFinding {
            kind: BogonKind::TooSpecific,
            list: format!("{what} {max}"),
            entry: p.to_string(),
            asn: None,
        })
    }

    fn default_route(&self, p: &Prefix) -> Option<BogonFinding> {
        (p.len() == 0 && !self.options.allow_default).then(|| BogonFinding {
            kind: BogonKind::DefaultRoute,
            list: "allow-default off".to_owned(),
            entry: p.to_string(),
            asn: None,
        })
    }

    fn long_path(&self, path: &AsPath) -> Option<BogonFinding> {
        let max = self.options.max_path_len?;
        let n = path.length();
        (n > max).then(|| BogonFinding {
            kind: BogonKind::LongPath,
            list: format!("max-path-len {max}"),
            entry: format!("path length {n}"),
            asn: None,
        })
    }

    /// The first finding about the prefix alone, in priority order:
    /// bogon prefix (built-in blocks, then user lists in the order added),
    /// too specific, default route.
    pub fn check_prefix(&self, p: &Prefix) -> Option<BogonFinding> {
        let mut v = Vec::new();
        self.prefix_findings(p, &mut v, true);
        v.pop()
            .or_else(|| self.too_specific(p))
            .or_else(|| self.default_route(p))
    }

    /// The finding for a bogon ASN, naming its range and defining document.
    pub fn check_asn(&self, asn: Asn) -> Option<BogonFinding> {
        asn_finding(asn)
    }

    /// Every finding for a route, in [`BogonKind`] priority order: one
    /// bogon-prefix finding per matching list (built-in first), one
    /// bogon-asn finding per distinct bogon ASN (in path order, first
    /// occurrence), then too-specific, default-route and long-path.
    pub fn check_route(&self, p: &Prefix, path: &AsPath) -> Vec<BogonFinding> {
        let mut out = Vec::new();
        self.prefix_findings(p, &mut out, false);
        let mut bad: Vec<(Asn, usize)> = path
            .external_asns()
            .enumerate()
            .filter(|(_, a)| is_bogon_asn(*a))
            .map(|(i, a)| (a, i))
            .collect();
        bad.sort_unstable();
        bad.dedup_by_key(|e| e.0);
        bad.sort_unstable_by_key(|e| e.1);
        out.extend(bad.into_iter().filter_map(|(a, _)| asn_finding(a)));
        out.extend(self.too_specific(p));
        out.extend(self.default_route(p));
        out.extend(self.long_path(path));
        out
    }

    /// The first reason a route is a bogon, allocation-free: the kind only.
    #[inline]
    pub fn first_kind(&self, p: &Prefix, path: &AsPath) -> Option<BogonKind> {
        if self.is_bogon_prefix(p) {
            return Some(BogonKind::BogonPrefix);
        }
        if path.external_asns().any(is_bogon_asn) {
            return Some(BogonKind::BogonAsn);
        }
        let max = match p.family() {
            Family::V4 => self.options.max_v4_len,
            Family::V6 => self.options.max_v6_len,
        };
        if p.len() > max {
            return Some(BogonKind::TooSpecific);
        }
        if p.len() == 0 && !self.options.allow_default {
            return Some(BogonKind::DefaultRoute);
        }
        if self.options.max_path_len.is_some_and(|m| path.length() > m) {
            return Some(BogonKind::LongPath);
        }
        None
    }

    /// What [`Bogons::first_kind`] answers, found the slow obvious way: a
    /// linear scan of every built-in block (the most specific covering one
    /// decides), every user-list prefix and every bogon ASN range. The
    /// reference the tests and benchmarks compare the index against.
    ///
    /// Not part of the API: only with the crate's internal `__testing`
    /// feature (which routeguard's own tests, benches and fuzz targets enable).
    #[cfg(any(test, feature = "__testing"))]
    #[doc(hidden)]
    pub fn first_kind_linear(&self, p: &Prefix, path: &AsPath) -> Option<BogonKind> {
        let mut best: Option<(u8, bool)> = None;
        for (b, bogon) in &self.blocks {
            if b.covers(p) && best.is_none_or(|(len, _)| len < b.len()) {
                best = Some((b.len(), *bogon));
            }
        }
        let listed = self
            .lists
            .iter()
            .any(|l| l.prefixes.iter().any(|b| b.covers(p)));
        if best.is_some_and(|(_, bogon)| bogon) || listed {
            return Some(BogonKind::BogonPrefix);
        }
        if path
            .external_asns()
            .any(|a| bogon_asn_ranges().iter().any(|r| r.contains(a)))
        {
            return Some(BogonKind::BogonAsn);
        }
        let max = if p.is_ipv4() {
            self.options.max_v4_len
        } else {
            self.options.max_v6_len
        };
        if p.len() > max {
            Some(BogonKind::TooSpecific)
        } else if p.len() == 0 && !self.options.allow_default {
            Some(BogonKind::DefaultRoute)
        } else if self.options.max_path_len.is_some_and(|m| path.length() > m) {
            Some(BogonKind::LongPath)
        } else {
            None
        }
    }

    /// The first finding of [`Bogons::check_route`]; allocates only when
    /// there is one.
    pub fn first(&self, p: &Prefix, path: &AsPath) -> Option<BogonFinding> {
        match self.first_kind(p, path)? {
            BogonKind::BogonPrefix => {
                let mut v = Vec::with_capacity(1);
                self.prefix_findings(p, &mut v, true);
                v.pop()
            }
            BogonKind::BogonAsn => path.external_asns().find_map(asn_finding),
            BogonKind::TooSpecific => self.too_specific(p),
            BogonKind::DefaultRoute => self.default_route(p),
            BogonKind::LongPath => self.long_path(path),
        }
    }
}

fn asn_finding(asn: Asn) -> Option<BogonFinding> {
    let r = bogon_asn_range(asn)?;
    Some(BogonFinding {
        kind: BogonKind::BogonAsn,
        list: r.source.to_owned(),
        entry: r.describe(),
        asn: Some(asn),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::IpAddr;

    fn p(s: &str) -> Prefix {
        s.parse().unwrap()
    }

    #[test]
    fn tables_parse_and_are_canonical() {
        for f in [Family::V4, Family::V6] {
            for r in builtin_blocks(f) {
                let pf = r.prefix().unwrap_or_else(|| panic!("{}", r.block));
                assert_eq!(pf.family(), f, "{}", r.block);
                // Written as the registry writes it (std shows ::ffff:0:0 as
                // ::ffff:0.0.0.0).
                assert!(
                    pf.to_string() == r.block || r.block == "::ffff:0:0/96",
                    "{}",
                    r.block
                );
            }
        }
        assert_eq!(special_purpose(Family::V4).len(), 26);
        let ten = &special_purpose(Family::V4)[2];
        assert_eq!(
            (
                ten.source,
                ten.destination,
                ten.forwardable,
                ten.globally_reachable,
                ten.reserved_by_protocol
            ),
            (Some(true), Some(true), Some(true), Some(false), Some(false))
        );
        let teredo = special_purpose(Family::V6)
            .iter()
            .find(|r| r.block == "2001::/32")
            .unwrap();
        assert_eq!(teredo.globally_reachable, None);
        // ASN ranges ascend and do not overlap.
        for w in bogon_asn_ranges().windows(2) {
            assert!(w[0].last < w[1].first);
        }
    }

    #[test]
    fn prefix_verdicts() {
        let b = Bogons::default();
        let cases = [
            ("10.0.0.0/8", Some("10.0.0.0/8 Private-Use (RFC 1918)")),
            ("10.20.0.0/16", Some("10.0.0.0/8 Private-Use (RFC 1918)")),
            (
                "0.0.0.0/8",
                Some("0.0.0.0/8 \"This network\" (RFC 791 §3.2)"),
            ),
            (
                "192.0.0.0/24",
                Some("192.0.0.0/24 IETF Protocol Assignments (RFC 6890 §2.1)"),
            ),
            (
                "192.0.0.0/29",
                Some("192.0.0.0/29 IPv4 Service Continuity Prefix (RFC 7335)"),
            ),
            ("192.0.0.9/32", None),
            ("192.31.196.0/24", None),
            ("192.175.48.0/24", None),
            (
                "192.88.99.0/24",
                Some("192.88.99.0/24 Deprecated (6to4 Relay Anycast) (RFC 7526)"),
            ),
            ("224.0.0.0/8", Some("224.0.0.0/4 Multicast (RFC 5771)")),
            (
                "255.255.255.255/32",
                Some("255.255.255.255/32 Limited Broadcast (RFC 8190, RFC 919 §7)"),
            ),
            ("241.0.0.0/8", Some("240.0.0.0/4 Reserved (RFC 1112 §4)")),
            ("192.0.0.0/16", None),
            ("8.8.8.0/24", None),
            ("0.0.0.0/0", None),
            (
                "2001:db8:1::/48",
                Some("2001:db8::/32 Documentation (RFC 3849)"),
            ),
            ("2001:4:112::/48", None),
            ("2001:1::1/128", None),
            (
                "2001:1::4/128",
                Some("2001::/23 IETF Protocol Assignments (RFC 2928)"),
            ),
            ("2001::/32", Some("2001::/32 TEREDO (RFC 4380, RFC 8190)")),
            ("2002::/16", Some("2002::/16 6to4 (RFC 3056)")),
            ("64:ff9b::/96", None),
            (
                "64:ff9b:1::/48",
                Some("64:ff9b:1::/48 IPv4-IPv6 Translat. (RFC 8215)"),
            ),
            (
                "fd00::/8",
                Some("fc00::/7 Unique-Local (RFC 4193, RFC 8190)"),
            ),
            ("ff02::/16", Some("ff00::/8 Multicast (RFC 4291 §2.7)")),
            (
                "4000::/3",
                Some("4000::/2 Reserved by IETF (outside 2000::/3 Global Unicast) (RFC 4291 §2.4)"),
            ),
            (
                "fec0::/10",
                Some("fec0::/10 Site-Local (deprecated) (RFC 3879)"),
            ),
            (
                "3ffe:800::/24",
                Some("3ffe::/16 Former 6bone (returned) (RFC 3701)"),
            ),
            ("2a00::/12", None),
            ("::/0", None),
            ("::/2", None),
        ];
        for (s, want) in cases {
            let got = b.builtin_row(&p(s)).map(|r| r.describe());
            assert_eq!(got.as_deref(), want, "{s}");
        }
    }

    #[test]
    fn asn_ranges() {
        for (n, bogon) in [
            (0, true),
            (1, false),
            (23455, false),
            (23456, true),
            (64495, false),
            (64496, true),
            (64511, true),
            (64512, true),
            (65534, true),
            (65535, true),
            (65536, true),
            (65551, true),
            (65552, true),
            (131_071, true),
            (131_072, false),
            (4_199_999_999, false),
            (4_200_000_000, true),
            (4_294_967_295, true),
        ] {
            assert_eq!(is_bogon_asn(Asn::new(n)), bogon, "AS{n}");
        }
        let b = Bogons::default();
        let f = b.check_asn(Asn::new(23456)).unwrap();
        assert_eq!(f.entry, "AS23456 AS_TRANS (RFC 6793)");
        assert_eq!(f.list, "RFC 6793");
        assert_eq!(
            f.to_string(),
            "bogon-asn: AS23456 AS_TRANS (RFC 6793) [RFC 6793]"
        );
        // Confederation members (private ASNs) are not bogon ASNs.
        let confed = AsPath::parse("(65001 65002) [65003,65004] 3356 13335").unwrap();
        let public: Prefix = "1.1.1.0/24".parse().unwrap();
        assert_eq!(b.first_kind(&public, &confed), None);
        assert_eq!(b.first_kind_linear(&public, &confed), None);
        assert!(b.check_route(&public, &confed).is_empty());
        let outside = AsPath::parse("(65001) 3356 65000").unwrap();
        assert_eq!(b.first_kind(&public, &outside), Some(BogonKind::BogonAsn));
        let f = b.check_asn(Asn::new(65000)).unwrap();
        assert_eq!(
            f.to_string(),
            "bogon-asn: AS65000 in AS64512-AS65534 Private Use (RFC 6996) [RFC 6996]"
        );
        assert_eq!(b.check_asn(Asn::ZERO).unwrap().list, "RFC 7607");
        assert_eq!(b.check_asn(Asn::new(3356)), None);
    }

    #[test]
    fn route_findings_and_priority() {
        let b = Bogons::default();
        let path = AsPath::parse("64512 3356 64512 {0,65535} 3356").unwrap();
        let all = b.check_route(&p("10.0.0.0/25"), &path);
        let kinds: Vec<BogonKind> = all.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                BogonKind::BogonPrefix,
                BogonKind::BogonAsn,
                BogonKind::BogonAsn,
                BogonKind::BogonAsn,
                BogonKind::TooSpecific
            ]
        );
        let asns: Vec<u32> = all.iter().filter_map(|f| f.asn.map(Asn::get)).collect();
        assert_eq!(asns, [64512, 0, 65535]);
        assert_eq!(all[4].list, "max-v4-len 24");
        assert_eq!(b.first(&p("10.0.0.0/25"), &path), Some(all[0].clone()));
        let clean = AsPath::parse("3356 1299").unwrap();
        assert_eq!(b.check_route(&p("193.0.0.0/21"), &clean), vec![]);
        assert_eq!(b.first(&p("193.0.0.0/21"), &clean), None);
        let d = b.check_route(&p("0.0.0.0/0"), &clean);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, BogonKind::DefaultRoute);
        let long = AsPath::from_sequence(vec![Asn::new(3356); 65]);
        assert_eq!(
            b.first_kind(&p("193.0.0.0/21"), &long),
            Some(BogonKind::LongPath)
        );
        assert_eq!(
            b.first(&p("193.0.0.0/21"), &long).unwrap().entry,
            "path length 65"
        );
        let lenient = Bogons::new(BogonOptions {
            max_v4_len: 32,
            max_v6_len: 128,
            max_path_len: None,
            allow_default: true,
        });
        assert_eq!(lenient.first_kind(&p("0.0.0.0/0"), &long), None);
        assert_eq!(lenient.first_kind(&p("193.0.0.1/32"), &long), None);
        assert_eq!(
            b.first_kind(&p("2001:67c::/49"), &clean),
            Some(BogonKind::TooSpecific)
        );
        assert_eq!(b.first_kind(&p("2001:67c::/48"), &clean), None);
        assert_eq!(
            b.check_prefix(&p("2001:67c::/64")).unwrap().list,
            "max-v6-len 48"
        );
    }

    #[test]
    fn user_lists_add() {
        let b = Bogons::default()
            .with_list(
                "fullbogons-ipv4.txt",
                vec![p("39.0.0.0/8"), p("10.0.0.0/8")],
            )
            .with_list("extra", vec![p("39.1.0.0/16")]);
        let all = b.check_route(&p("39.1.2.0/24"), &AsPath::default());
        let lists: Vec<&str> = all.iter().map(|f| f.list.as_str()).collect();
        assert_eq!(lists, ["fullbogons-ipv4.txt", "extra"]);
        assert_eq!(all[1].entry, "39.1.0.0/16");
        let all = b.check_route(&p("10.1.0.0/16"), &AsPath::default());
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].list, IPV4_SPECIAL_REGISTRY);
        assert_eq!(b.first_kind(&p("38.0.0.0/8"), &AsPath::default()), None);
        assert_eq!(
            b.lists().collect::<Vec<_>>(),
            [("fullbogons-ipv4.txt", 2), ("extra", 1)]
        );
        assert!(b.heap_bytes() > 0);
    }

    #[test]
    fn kind_words() {
        for k in BogonKind::ALL {
            assert_eq!(k.as_str().parse::<BogonKind>().unwrap(), k);
            assert_eq!(k.to_string(), k.as_str());
        }
        assert!("bogon".parse::<BogonKind>().is_err());
        let mut sorted = BogonKind::ALL;
        sorted.sort();
        assert_eq!(sorted, BogonKind::ALL);
    }

    /// Linear scan: the longest covering entry, ties to the first.
    fn scan(list: &[Prefix], q: &Prefix) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, e) in list.iter().enumerate() {
            if e.covers(q) && best.is_none_or(|b| list[b].len() < e.len()) {
                best = Some(i);
            }
        }
        best
    }

    fn arb_prefix() -> impl Strategy<Value = Prefix> {
        // Few distinct high bits so that entries nest and collide often.
        let v4 = (0u32..16, any::<u32>(), 0u8..=32).prop_map(|(hi, lo, l)| {
            let a =
                (hi << 28) | (lo >> 4 & 0x0fff_ffff) & if l > 12 { u32::MAX } else { 0xff00_0000 };
            Prefix::new_relaxed(IpAddr::V4(a.into()), l).unwrap()
        });
        let v6 =
            (0u128..8, any::<u128>(), prop_oneof![0u8..=16, 0u8..=128]).prop_map(|(hi, lo, l)| {
                Prefix::new_relaxed(IpAddr::V6(((hi << 125) | (lo >> 3)).into()), l).unwrap()
            });
        prop_oneof![3 => v4, 1 => v6]
    }

    proptest! {
        #[test]
        fn index_matches_linear_scan(
            list in proptest::collection::vec(arb_prefix(), 0..40),
            queries in proptest::collection::vec(arb_prefix(), 1..40),
        ) {
            let idx = CoverIndex::new(list.iter().zip(0u32..));
            for q in queries.iter().chain(list.iter()) {
                prop_assert_eq!(idx.longest(q).map(|i| i as usize), scan(&list, q), "{}", q);
            }
        }

        #[test]
        fn builtin_matches_scan(q in arb_prefix()) {
            let b = Bogons::default();
            let rows: Vec<&SpecialPurpose> = [Family::V4, Family::V6]
                .into_iter()
                .flat_map(builtin_blocks)
                .collect();
            let prefixes: Vec<Prefix> = rows.iter().map(|r| r.prefix().unwrap()).collect();
            let want = scan(&prefixes, &q).map(|i| rows[i]).filter(|r| r.is_bogon());
            prop_assert_eq!(b.builtin_row(&q).map(|r| r.block), want.map(|r| r.block));
        }

        #[test]
        fn first_is_head_of_check_route(q in arb_prefix(), asns in proptest::collection::vec(prop_oneof![Just(0u32), Just(23456), Just(65000), 1u32..100_000, any::<u32>()], 0..80)) {
            let b = Bogons::default().with_list("l", vec![p("16.0.0.0/4")]);
            let path = AsPath::from_sequence(asns.into_iter().map(Asn::new).collect());
            let all = b.check_route(&q, &path);
            prop_assert_eq!(b.first(&q, &path), all.first().cloned());
            prop_assert_eq!(b.first_kind(&q, &path), all.first().map(|f| f.kind));
            let mut kinds: Vec<BogonKind> = all.iter().map(|f| f.kind).collect();
            let before = kinds.clone();
            kinds.sort();
            prop_assert_eq!(kinds, before);
        }
    }
}
