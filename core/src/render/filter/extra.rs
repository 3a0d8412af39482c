//! Filter outputs bgpq4 lacks: FRR and VyOS prefix lists (what bgpq4
//! users ask for, bgpq4 issues 96 and 69), OpenBGPD `origin-set`s
//! (bgpd.conf(5)), ASPA configurations merged per customer for BIRD 2.14+
//! (`route aspa C providers P, …;` in a static protocol of an `aspa`
//! table) and OpenBGPD (`aspa-set`, the writer of [`render::vrps`](crate::render::vrps)
//! (super::super::vrps) shared), and a filter audit
//! ([`FilterDiff`]) as text and JSON.
//!
//! Every prefix-list output reads back with
//! [`parse_prefix_list`](crate::parse::prefix_list::parse_prefix_list) to
//! the same ranges (the tests check it). FRR and VyOS (which runs FRR)
//! accept `ge` only above the prefix's length, so a range starting at the
//! prefix's length is written `le H` and one starting above it `ge L le H`.
//! An empty list is written as a list that denies everything (`deny any`),
//! never as no list: a route-map naming a missing list matches everything.
//!
//! ```
//! use routeguard::model::{Family, PrefixRange};
//! use routeguard::render::filter::extra::render_frr;
//! let r = PrefixRange::new("10.0.0.0/8".parse().unwrap(), 8, 24).unwrap();
//! assert_eq!(
//!     render_frr("AS64500", Family::V4, &[r]),
//!     "no ip prefix-list AS64500\nip prefix-list AS64500 seq 5 permit 10.0.0.0/8 le 24\n"
//! );
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::super::json::JsonStr;
use super::super::vrps::write_openbgpd_aspa_set;
use crate::filter::diff::{FilterDiff, RouteGap};
use crate::model::{Asn, Aspa, Family, PrefixRange};

/// Most rules VyOS numbers in one list (rule numbers are 1–65535).
pub const VYOS_MAX_RULES: usize = 65_535;

/// A list too long for the format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{format} takes at most {max} entries in one list, {got} given")]
#[non_exhaustive]
pub struct TooManyEntries {
    /// The format.
    pub format: &'static str,
    /// Its limit.
    pub max: usize,
    /// Entries given.
    pub got: usize,
}

impl TooManyEntries {
    /// The stable code: `too-many-entries`.
    pub fn code(&self) -> &'static str {
        "too-many-entries"
    }
}

/// The ranges of one family, sorted, deduplicated.
fn of_family(ranges: &[PrefixRange], family: Family) -> Vec<PrefixRange> {
    let mut v: Vec<PrefixRange> = ranges
        .iter()
        .filter(|r| r.prefix.family() == family)
        .copied()
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The families to write: those present, or `family` for an empty list.
fn families(ranges: &[PrefixRange], family: Family) -> Vec<Family> {
    let present: Vec<Family> = [Family::V4, Family::V6]
        .into_iter()
        .filter(|f| ranges.iter().any(|r| r.prefix.family() == *f))
        .collect();
    if present.is_empty() {
        vec![family]
    } else {
        present
    }
}

/// ` ge L le H`, ` le H` or nothing (exact), as FRR wants it.
fn ge_le(r: &PrefixRange) -> String {
    if r.is_exact() {
        String::new()
    } else if r.low == r.prefix.len() {
        format!(" le {}", r.high)
    } else {
        format!(" ge {} le {}", r.low, r.high)
    }
}

fn any_of(f: Family) -> &'static str {
    match f {
        Family::V4 => "0.0.0.0/0",
        Family::V6 => "::/0",
    }
}

/// An FRR prefix list as vtysh accepts it: `no ip prefix-list NAME`, then
/// `ip prefix-list NAME seq 5 permit P [ge L] [le H]` (sequence numbers in
/// steps of 5; IPv6 ranges in `ipv6 prefix-list NAME`). An empty list is
/// `seq 5 deny any` in `family`.
pub fn render_frr(name: &str, family: Family, ranges: &[PrefixRange]) -> String {
    let mut out = String::new();
    for f in families(ranges, family) {
        let kw = match f {
            Family::V4 => "ip",
            Family::V6 => "ipv6",
        };
        let _ = writeln!(out, "no {kw} prefix-list {name}");
        let list = of_family(ranges, f);
        if list.is_empty() {
            let _ = writeln!(out, "{kw} prefix-list {name} seq 5 deny any");
        }
        for (i, r) in list.iter().enumerate() {
            let _ = writeln!(
                out,
                "{kw} prefix-list {name} seq {} permit {}{}",
                (i + 1) * 5,
                r.prefix,
                ge_le(r)
            );
        }
    }
    out
}

/// A VyOS prefix list: `delete policy prefix-list NAME`, then per entry
/// `set policy prefix-list NAME rule N action permit`, `… prefix P`, and
/// `… ge L` / `… le H` (IPv6: `prefix-list6`). Rules are numbered in steps
/// of 10, or of 1 when that would pass 65535. An empty list is one rule
/// denying `0.0.0.0/0 le 32` (`::/0 le 128`) in `family`.
pub fn render_vyos(
    name: &str,
    family: Family,
    ranges: &[PrefixRange],
) -> Result<String, TooManyEntries> {
    let mut out = String::new();
    for f in families(ranges, family) {
        let kw = match f {
            Family::V4 => "prefix-list",
            Family::V6 => "prefix-list6",
        };
        let list = of_family(ranges, f);
        if list.len() > VYOS_MAX_RULES {
            return Err(TooManyEntries {
                format: "VyOS",
                max: VYOS_MAX_RULES,
                got: list.len(),
            });
        }
        let step = if list.len() * 10 <= VYOS_MAX_RULES {
            10
        } else {
            1
        };
        let _ = writeln!(out, "delete policy {kw} {name}");
        let head = format!("set policy {kw} {name} rule");
        if list.is_empty() {
            let _ = writeln!(out, "{head} 10 action deny");
            let _ = writeln!(out, "{head} 10 prefix {}", any_of(f));
            let _ = writeln!(out, "{head} 10 le {}", f.max_len());
        }
        for (i, r) in list.iter().enumerate() {
            let n = (i + 1) * step;
            let _ = writeln!(out, "{head} {n} action permit");
            let _ = writeln!(out, "{head} {n} prefix {}", r.prefix);
            if !r.is_exact() {
                if r.low > r.prefix.len() {
                    let _ = writeln!(out, "{head} {n} ge {}", r.low);
                }
                let _ = writeln!(out, "{head} {n} le {}", r.high);
            }
        }
    }
    Ok(out)
}

/// An OpenBGPD `origin-set NAME { P [maxlen H] source-as N … }`
/// (bgpd.conf(5)), one line per (range, origin), sorted. An origin-set entry
/// covers the lengths from the prefix's up to `maxlen`: a range starting
/// above the prefix's length is written from the prefix's length.
pub fn render_openbgpd_origin_set(name: &str, entries: &[(PrefixRange, Asn)]) -> String {
    let mut v: Vec<(PrefixRange, Asn)> = entries.to_vec();
    v.sort_unstable();
    v.dedup();
    let mut out = format!("origin-set {name} {{\n");
    for (r, asn) in &v {
        let _ = write!(out, "\t{}", r.prefix);
        if r.high > r.prefix.len() {
            let _ = write!(out, " maxlen {}", r.high);
        }
        let _ = writeln!(out, " source-as {}", asn.get());
    }
    out.push_str("}\n");
    out
}

/// ASPAs merged per customer: one per customer, its providers the union of
/// every pair's, sorted. AS0 (no provider) is dropped beside real
/// providers; a customer whose only provider is AS0 keeps an empty list.
pub fn merge_aspas(pairs: &[(Asn, Vec<Asn>)]) -> Vec<Aspa> {
    let mut by: BTreeMap<Asn, Vec<Asn>> = BTreeMap::new();
    for (c, ps) in pairs {
        by.entry(*c).or_default().extend(ps.iter().copied());
    }
    by.into_iter()
        .map(|(c, ps)| {
            let mut a = Aspa::new(c, ps);
            if a.providers.iter().any(|p| p.get() != 0) {
                a.providers.retain(|p| p.get() != 0);
            } else {
                a.providers.clear();
            }
            a
        })
        .collect()
}

/// BIRD 2.14+ / 3: an `aspa` table filled by a static protocol, one
/// `route aspa C providers P1, P2;` per customer (merged with
/// [`merge_aspas`]), `route aspa C transit;` for one without providers.
pub fn render_bird_aspa(table: &str, pairs: &[(Asn, Vec<Asn>)]) -> String {
    let mut out =
        format!("aspa table {table};\n\nprotocol static {{\n\taspa {{ table {table}; }};\n\n");
    for a in merge_aspas(pairs) {
        if a.providers.is_empty() {
            let _ = writeln!(out, "\troute aspa {} transit;", a.customer.get());
        } else {
            let ps: Vec<String> = a.providers.iter().map(|p| p.get().to_string()).collect();
            let _ = writeln!(
                out,
                "\troute aspa {} providers {};",
                a.customer.get(),
                ps.join(", ")
            );
        }
    }
    out.push_str("}\n");
    out
}

/// OpenBGPD `aspa-set { customer-as C provider-as { P, … } }` of the ASPAs
/// merged per customer (the writer of the VRP exports). A customer without
/// providers is written with `provider-as { 0 }`.
pub fn render_openbgpd_aspa(pairs: &[(Asn, Vec<Asn>)]) -> String {
    let aspas: Vec<Aspa> = merge_aspas(pairs)
        .into_iter()
        .map(|mut a| {
            if a.providers.is_empty() {
                a.providers.push(Asn::new(0));
            }
            a
        })
        .collect();
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_openbgpd_aspa_set(&mut buf, &aspas);
    String::from_utf8_lossy(&buf).into_owned()
}

fn lens(v: &[(u8, u8)]) -> String {
    v.iter()
        .map(|(l, h)| {
            if l == h {
                l.to_string()
            } else {
                format!("{l}-{h}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The audit of list `name` as text: sizes, missing, extra and changed
/// entries, then the routes accepted by one list only, per entry.
pub fn render_diff_text(name: &str, d: &FilterDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "prefix list {name}: router {} entries, expected {} (size change {:+}), {} unchanged",
        d.router_entries,
        d.expected_entries,
        d.size_change(),
        d.unchanged
    );
    let mut section = |title: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "{title} ({}):", items.len());
        for i in items {
            let _ = writeln!(out, "  {i}");
        }
    };
    section(
        "missing",
        d.missing.iter().map(ToString::to_string).collect(),
    );
    section("extra", d.extra.iter().map(ToString::to_string).collect());
    section(
        "changed",
        d.changed
            .iter()
            .map(|c| {
                format!(
                    "{}: router {}; expected {}",
                    c.prefix,
                    lens(&c.router),
                    lens(&c.expected)
                )
            })
            .collect(),
    );
    let gaps = |v: &[RouteGap]| -> Vec<String> {
        v.iter()
            .map(|g| format!("{}: {} route(s), e.g. {}", g.entry, g.routes, g.example))
            .collect()
    };
    section("routes accepted by the router only", gaps(&d.only_router));
    section(
        "routes accepted by the expected list only",
        gaps(&d.only_expected),
    );
    if d.is_empty() {
        out.push_str("the lists are the same\n");
    } else if d.is_equivalent() {
        out.push_str("the lists accept the same routes\n");
    }
    out
}

fn json_range(r: &PrefixRange) -> String {
    format!(
        "{{\"prefix\": {}, \"low\": {}, \"high\": {}}}",
        JsonStr(&r.prefix.to_string()),
        r.low,
        r.high
    )
}

fn json_list(items: impl Iterator<Item = String>) -> String {
    let v: Vec<String> = items.collect();
    if v.is_empty() {
        "[]".to_owned()
    } else {
        format!("[\n    {}\n  ]", v.join(",\n    "))
    }
}

/// The audit of list `name` as one JSON object: `list`, `router_entries`,
/// `expected_entries`, `size_change`, `unchanged`, `same`, `equivalent`,
/// `missing` and `extra` (`{prefix, low, high}`), `changed` (`{prefix,
/// router, expected}` with `[low, high]` pairs), `only_router` and
/// `only_expected` (`{entry, routes, example}`; `routes` a number, up to
/// 2^128 − 1).
pub fn render_diff_json(name: &str, d: &FilterDiff) -> String {
    let pairs = |v: &[(u8, u8)]| {
        let s: Vec<String> = v.iter().map(|(l, h)| format!("[{l}, {h}]")).collect();
        format!("[{}]", s.join(", "))
    };
    let gaps = |v: &[RouteGap]| {
        json_list(v.iter().map(|g| {
            format!(
                "{{\"entry\": {}, \"routes\": {}, \"example\": {}}}",
                json_range(&g.entry),
                g.routes,
                JsonStr(&g.example.to_string())
            )
        }))
    };
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"list\": {},", JsonStr(name));
    let _ = writeln!(out, "  \"router_entries\": {},", d.router_entries);
    let _ = writeln!(out, "  \"expected_entries\": {},", d.expected_entries);
    let _ = writeln!(out, "  \"size_change\": {},", d.size_change());
    let _ = writeln!(out, "  \"unchanged\": {},", d.unchanged);
    let _ = writeln!(out, "  \"same\": {},", d.is_empty());
    let _ = writeln!(out, "  \"equivalent\": {},", d.is_equivalent());
    let _ = writeln!(
        out,
        "  \"missing\": {},",
        json_list(d.missing.iter().map(json_range))
    );
    let _ = writeln!(
        out,
        "  \"extra\": {},",
        json_list(d.extra.iter().map(json_range))
    );
    let _ = writeln!(
        out,
        "  \"changed\": {},",
        json_list(d.changed.iter().map(|c| format!(
            "{{\"prefix\": {}, \"router\": {}, \"expected\": {}}}",
            JsonStr(&c.prefix.to_string()),
            pairs(&c.router),
            pairs(&c.expected)
        )))
    );
    let _ = writeln!(out, "  \"only_router\": {},", gaps(&d.only_router));
    let _ = writeln!(out, "  \"only_expected\": {}", gaps(&d.only_expected));
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::prefix_list::{parse_prefix_list, PrefixListFormat};
    use crate::parse::{load_bird, load_openbgpd, LoadOptions};
    use proptest::prelude::*;

    fn a(n: u32) -> Asn {
        Asn::new(n)
    }

    #[test]
    fn aspa_merged_per_customer_and_read_back() {
        let pairs = vec![
            (a(64500), vec![a(64502), a(64501)]),
            (a(64500), vec![a(64503), a(64501)]),
            (a(64510), vec![a(0)]),
            (a(64520), vec![a(0), a(64521)]),
        ];
        let bird = render_bird_aspa("ASPAS", &pairs);
        assert_eq!(
            bird,
            "aspa table ASPAS;\n\nprotocol static {\n\taspa { table ASPAS; };\n\n\troute aspa 64500 providers 64501, 64502, 64503;\n\troute aspa 64510 transit;\n\troute aspa 64520 providers 64521;\n}\n"
        );
        let bgpd = render_openbgpd_aspa(&pairs);
        assert_eq!(
            bgpd,
            "aspa-set {\n    customer-as 64500 provider-as { 64501, 64502, 64503 }\n    customer-as 64510 provider-as { 0 }\n    customer-as 64520 provider-as { 64521 }\n}\n"
        );
        let want = merge_aspas(&pairs);
        for loaded in [
            load_bird(bird.as_bytes(), &LoadOptions::default()).unwrap(),
            load_openbgpd(bgpd.as_bytes(), &LoadOptions::default()).unwrap(),
        ] {
            let got: Vec<(Asn, Vec<u32>)> = loaded
                .set
                .aspas
                .iter()
                .map(|x| {
                    (
                        x.customer,
                        x.providers
                            .iter()
                            .map(|p| p.get())
                            .filter(|p| *p != 0)
                            .collect(),
                    )
                })
                .collect();
            let want: Vec<(Asn, Vec<u32>)> = want
                .iter()
                .map(|x| (x.customer, x.providers.iter().map(|p| p.get()).collect()))
                .collect();
            assert_eq!(got, want);
        }
    }

    fn range() -> impl Strategy<Value = PrefixRange> {
        (
            any::<bool>(),
            any::<u128>(),
            0u8..=128,
            0u8..=128,
            0u8..=128,
        )
            .prop_map(|(v6, bits, len, x, y)| {
                let (fam, max) = if v6 {
                    (Family::V6, 128)
                } else {
                    (Family::V4, 32)
                };
                let len = len % (max + 1);
                let bits = if v6 {
                    bits
                } else {
                    bits & (u128::from(u32::MAX) << 96)
                };
                let p = crate::model::Prefix::from_bits_relaxed(fam, bits, len).unwrap();
                let span = max - len;
                let (a, b) = (x % (span + 1), y % (span + 1));
                PrefixRange::new(p, len + a.min(b), len + a.max(b)).unwrap()
            })
    }

    fn sorted(mut v: Vec<PrefixRange>) -> Vec<PrefixRange> {
        v.sort_unstable();
        v.dedup();
        v
    }

    proptest! {
        #[test]
        fn frr_and_vyos_read_back(v in proptest::collection::vec(range(), 0..20), v6 in any::<bool>()) {
            let fam = if v6 { Family::V6 } else { Family::V4 };
            for (text, format) in [
                (render_frr("L-1", fam, &v), PrefixListFormat::Frr),
                (render_vyos("L-1", fam, &v).unwrap(), PrefixListFormat::Vyos),
            ] {
                let sniffed = parse_prefix_list(text.as_bytes(), None).unwrap();
                let given = parse_prefix_list(text.as_bytes(), Some(format)).unwrap();
                prop_assert_eq!(&sniffed.lists, &given.lists);
                prop_assert_eq!(given.ranges_of("L-1"), sorted(v.clone()), "{}", text);
                prop_assert!(given.lists.iter().all(|l| l.name == "L-1"));
            }
        }

        #[test]
        fn origin_set_reads_back(v in proptest::collection::vec(range(), 0..20), asn in any::<u32>()) {
            let entries: Vec<(PrefixRange, Asn)> = v.iter().map(|r| (*r, Asn::new(asn))).collect();
            let text = render_openbgpd_origin_set("O", &entries);
            let got = parse_prefix_list(text.as_bytes(), None).unwrap();
            prop_assert_eq!(got.format, Some(PrefixListFormat::OpenBgpd));
            let want: Vec<PrefixRange> = v.iter().map(|r| PrefixRange::new(r.prefix, r.prefix.len(), r.high).unwrap()).collect();
            prop_assert_eq!(got.ranges_of("O"), sorted(want));
        }
    }

    #[test]
    fn vyos_rule_numbers_stay_in_range() {
        let many: Vec<PrefixRange> = (0..=VYOS_MAX_RULES as u32)
            .map(|i| {
                PrefixRange::exact(
                    crate::model::Prefix::from_bits(Family::V4, u128::from(i) << 104, 24).unwrap(),
                )
            })
            .collect();
        let e = render_vyos("X", Family::V4, &many).unwrap_err();
        assert_eq!((e.code(), e.got), ("too-many-entries", VYOS_MAX_RULES + 1));
        let text = render_vyos("X", Family::V4, many.get(..7000).unwrap()).unwrap();
        assert!(text.contains("rule 7000 prefix") && !text.contains("rule 7001 "));
        let back = parse_prefix_list(text.as_bytes(), None).unwrap();
        assert_eq!(back.ranges_of("X").len(), 7000);
    }

    #[test]
    fn empty_lists_deny_everything() {
        for fam in [Family::V4, Family::V6] {
            for (text, fmt) in [
                (render_frr("E", fam, &[]), PrefixListFormat::Frr),
                (render_vyos("E", fam, &[]).unwrap(), PrefixListFormat::Vyos),
            ] {
                let l = parse_prefix_list(text.as_bytes(), Some(fmt)).unwrap();
                assert_eq!(l.lists.len(), 1, "{text}");
                assert!(l.lists[0].ranges.is_empty());
                assert_eq!(l.lists[0].family, Some(fam));
            }
        }
    }
}
