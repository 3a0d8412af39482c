//! `routeguard filter` output: a [`PrefixFilter`] (prefixes with their
//! origins and RPKI states) as a router prefix list in any of bgpq4's
//! vendor forms (through bgpq4's own tree and printers, so `--aggregate`
//! is bgpq4's `-A`), as FRR or VyOS configuration, as an OpenBGPD
//! `origin-set`, or as JSON that keeps the origin, source and RPKI state
//! of every entry and lists what was dropped.

use std::fmt::Write as _;
use std::str::FromStr;

use super::extra::{render_frr, render_openbgpd_origin_set, render_vyos};
use crate::filter::bgpq4::{Expansion, Generation, Options, Vendor};
use crate::filter::prefix_filter::{FilterEntry, PrefixFilter};
use crate::filter::tree::{PrefixTree, TreeError};
use crate::model::{Asn, Family, UnknownWord};
use crate::render::json::JsonStr;

/// The output forms of `routeguard filter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FilterFormat {
    /// A bgpq4 vendor form (prefix list; Junos route-filter when ranges
    /// need it).
    Bgpq4(Vendor),
    /// FRR `ip prefix-list`.
    Frr,
    /// VyOS `set policy prefix-list`.
    Vyos,
    /// OpenBGPD `origin-set` (prefix and origin).
    OriginSet,
    /// JSON with origins, sources and RPKI states.
    Json,
}

/// The accepted words, in `FromStr` order.
pub const FILTER_FORMATS: &str = "ios, ios-xr, junos, bird, openbgpd, eos, routeros6, routeros7, \
     sros, sros-mdcli, srlinux, huawei, huawei-xpl, frr, vyos, origin-set, json";

impl FilterFormat {
    /// The format's word.
    pub fn as_str(self) -> &'static str {
        match self {
            FilterFormat::Bgpq4(v) => match v {
                Vendor::CiscoXr => "ios-xr",
                Vendor::Juniper => "junos",
                Vendor::Json => "bgpq4-json",
                Vendor::Bird => "bird",
                Vendor::OpenBgpd => "openbgpd",
                Vendor::Nokia => "sros",
                Vendor::Huawei => "huawei",
                Vendor::HuaweiXpl => "huawei-xpl",
                Vendor::Mikrotik6 => "routeros6",
                Vendor::Mikrotik7 => "routeros7",
                Vendor::NokiaMd => "sros-mdcli",
                Vendor::SrLinux => "srlinux",
                Vendor::Arista => "eos",
                _ => "ios",
            },
            FilterFormat::Frr => "frr",
            FilterFormat::Vyos => "vyos",
            FilterFormat::OriginSet => "origin-set",
            FilterFormat::Json => "json",
        }
    }
}

impl FromStr for FilterFormat {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let v = |v| Ok(FilterFormat::Bgpq4(v));
        match s.to_ascii_lowercase().as_str() {
            "ios" | "cisco" => v(Vendor::Cisco),
            "ios-xr" | "iosxr" | "xr" => v(Vendor::CiscoXr),
            "junos" | "juniper" => v(Vendor::Juniper),
            "bird" => v(Vendor::Bird),
            "openbgpd" => v(Vendor::OpenBgpd),
            "eos" | "arista" => v(Vendor::Arista),
            "routeros6" | "mikrotik6" => v(Vendor::Mikrotik6),
            "routeros7" | "mikrotik7" => v(Vendor::Mikrotik7),
            "sros" | "nokia" => v(Vendor::Nokia),
            "sros-mdcli" => v(Vendor::NokiaMd),
            "srlinux" => v(Vendor::SrLinux),
            "huawei" => v(Vendor::Huawei),
            "huawei-xpl" => v(Vendor::HuaweiXpl),
            "bgpq4-json" => v(Vendor::Json),
            "frr" => Ok(FilterFormat::Frr),
            "vyos" => Ok(FilterFormat::Vyos),
            "origin-set" => Ok(FilterFormat::OriginSet),
            "json" => Ok(FilterFormat::Json),
            _ => Err(UnknownWord::new("filter format", s, FILTER_FORMATS)),
        }
    }
}

/// Why a filter could not be written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FilterRenderError {
    /// The ranges do not fit bgpq4's tree (a range of too many prefixes).
    #[error(transparent)]
    Tree(#[from] TreeError),
    /// The form has a size limit (VyOS rules).
    #[error("{0}")]
    TooLarge(String),
}

impl FilterRenderError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            FilterRenderError::Tree(e) => e.code(),
            FilterRenderError::TooLarge(_) => "too-many-entries",
        }
    }
}

/// Writes a filter named `name` in `format`; `aggregate` is bgpq4's `-A`
/// (vendor forms only).
pub fn render_prefix_filter(
    f: &PrefixFilter,
    format: FilterFormat,
    name: &str,
    aggregate: bool,
) -> Result<String, FilterRenderError> {
    let family = f.family.unwrap_or(Family::V4);
    let ranges = f.ranges();
    Ok(match format {
        FilterFormat::Frr => render_frr(name, family, &ranges),
        FilterFormat::Vyos => render_vyos(name, family, &ranges)
            .map_err(|e| FilterRenderError::TooLarge(e.to_string()))?,
        FilterFormat::OriginSet => {
            let pairs: Vec<_> = f
                .entries
                .iter()
                .filter_map(|e| e.origin.map(|o| (e.range, Asn::new(o))))
                .collect();
            render_openbgpd_origin_set(name, &pairs)
        }
        FilterFormat::Json => json(f, name),
        FilterFormat::Bgpq4(vendor) => {
            let mut tree = PrefixTree::new(family);
            for r in &ranges {
                tree.add_range(r.prefix, r.low, r.high)?;
            }
            let ranged = ranges.iter().any(|r| !r.is_exact());
            tree.finish(None, None, u8::from(aggregate));
            let generation = if vendor == Vendor::Juniper && (aggregate || ranged) {
                Generation::ExtAcl
            } else {
                Generation::PrefixList
            };
            let opts = Options {
                family,
                vendor,
                generation,
                name: name.to_owned(),
                // bgpq4's -e implies -s.
                sequence: vendor == Vendor::Arista,
                ..Options::default()
            };
            super::print(
                &opts,
                &Expansion {
                    asns: f.asns.iter().copied().collect(),
                    tree,
                },
            )
        }
    })
}

fn entry_json(out: &mut String, e: &FilterEntry) {
    let _ = write!(
        out,
        "{{\"prefix\": {}, \"low\": {}, \"high\": {}, \"origin\": {}, \"source\": {}, \"rpki\": {}}}",
        JsonStr(&e.range.prefix.to_string()),
        e.range.low,
        e.range.high,
        e.origin.map_or("null".to_owned(), |o| o.to_string()),
        JsonStr(e.source.as_str()),
        e.rpki
            .map_or("null".to_owned(), |s| format!("{}", JsonStr(s.as_str()))),
    );
}

fn json(f: &PrefixFilter, name: &str) -> String {
    let mut out = String::new();
    let fam = match f.family {
        Some(Family::V6) => "ipv6",
        _ => "ipv4",
    };
    let _ = write!(
        out,
        "{{\n  \"name\": {},\n  \"family\": \"{fam}\",\n  \"asns\": [",
        JsonStr(name)
    );
    let asns: Vec<String> = f.asns.iter().map(u32::to_string).collect();
    out.push_str(&asns.join(", "));
    out.push_str("],\n  \"missing_sets\": [");
    let missing: Vec<String> = f
        .missing_sets
        .iter()
        .map(|m| JsonStr(m).to_string())
        .collect();
    out.push_str(&missing.join(", "));
    out.push_str("],\n");
    for (key, list) in [("entries", &f.entries), ("dropped", &f.dropped)] {
        let _ = write!(out, "  \"{key}\": [");
        for (i, e) in list.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            entry_json(&mut out, e);
        }
        out.push_str(if list.is_empty() { "]" } else { "\n  ]" });
        out.push_str(if key == "entries" { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

/// Explanations ([`explain`](crate::filter::resolve::explain)) as one JSON
/// array: per object its ASNs and prefixes, each with the chain of sets
/// that brought it in, the origin and the sources; missing sets, loops and
/// sets cut by the depth limit.
pub fn render_explanations_json(all: &[crate::filter::resolve::Explanation]) -> String {
    let strs = |v: &[String]| -> String {
        let q: Vec<String> = v.iter().map(|s| JsonStr(s).to_string()).collect();
        format!("[{}]", q.join(", "))
    };
    let mut out = String::from("[");
    for (i, e) in all.iter().enumerate() {
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        let _ = write!(out, "{{\"object\": {},\n   \"asns\": [", JsonStr(&e.object));
        for (k, a) in e.asns.iter().enumerate() {
            let _ = write!(
                out,
                "{}{{\"asn\": {}, \"path\": {}}}",
                if k == 0 { "" } else { ", " },
                a.asn,
                strs(&a.path)
            );
        }
        out.push_str("],\n   \"prefixes\": [");
        for (k, p) in e.prefixes.iter().enumerate() {
            let _ = write!(
                out,
                "{}{{\"prefix\": {}, \"origin\": {}, \"path\": {}, \"sources\": {}}}",
                if k == 0 { "" } else { ",\n     " },
                JsonStr(&p.prefix),
                p.origin.map_or("null".to_owned(), |o| o.to_string()),
                strs(&p.path),
                strs(&p.sources)
            );
        }
        let _ = write!(
            out,
            "],\n   \"missing_sets\": {}, \"loops\": {}, \"too_deep\": {}}}",
            strs(&e.missing_sets),
            strs(&e.loops),
            strs(&e.too_deep)
        );
    }
    out.push_str(if all.is_empty() { "]\n" } else { "\n]\n" });
    out
}
