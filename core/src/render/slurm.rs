//! SLURM files: a [`Slurm`] → SLURM JSON (RFC 8416 §3, version 2 per
//! draft-ietf-sidrops-aspa-slurm §2), two-space indentation, members in RFC
//! order.
//!
//! ```
//! use routeguard::{render, Slurm};
//! let slurm = Slurm::parse(br#"{"slurmVersion": 1,
//!   "validationOutputFilters": {"prefixFilters": [], "bgpsecFilters": []},
//!   "locallyAddedAssertions": {"prefixAssertions": [], "bgpsecAssertions": []}}"#).unwrap();
//! let json = render::slurm::to_json(&slurm);
//! assert!(json.starts_with("{\n  \"slurmVersion\": 1,"));
//! assert_eq!(Slurm::parse(json.as_bytes()).unwrap(), slurm);
//! ```

use std::fmt::Write as _;

use super::json::quote;
use crate::slurm::Slurm;

/// Writes one entry as an object of `members` (name, JSON text), at the
/// indentation of a list item.
fn object(out: &mut String, members: &[(&str, String)]) {
    out.push_str("      {\n");
    for (i, (name, value)) in members.iter().enumerate() {
        let comma = if i + 1 < members.len() { "," } else { "" };
        let _ = writeln!(out, "        {}: {value}{comma}", quote(name));
    }
    out.push_str("      }");
}

/// Writes `"name": [ … ]` with one object per entry.
fn list<T>(
    out: &mut String,
    name: &str,
    items: &[T],
    last: bool,
    entry: impl Fn(&T) -> Vec<(&'static str, String)>,
) {
    let _ = write!(out, "    {}: [", quote(name));
    if items.is_empty() {
        out.push(']');
    } else {
        out.push('\n');
        for (i, item) in items.iter().enumerate() {
            object(out, &entry(item));
            out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
        }
        out.push_str("    ]");
    }
    out.push_str(if last { "\n" } else { ",\n" });
}

fn comment(members: &mut Vec<(&'static str, String)>, c: &Option<String>) {
    if let Some(c) = c {
        members.push(("comment", quote(c)));
    }
}

/// Writes a SLURM file as JSON (two-space indentation, members in RFC
/// order). The version written is 2 when `version` is 2 or any ASPA filter
/// or assertion is present, else 1; a v1 file has no ASPA members. Whatever
/// [`Slurm::parse`] accepted parses back to an equal value.
pub fn to_json(s: &Slurm) -> String {
    let v2 = s.version >= 2 || !s.aspa_filters.is_empty() || !s.aspa_assertions.is_empty();
    let mut out = String::with_capacity(256);
    let _ = writeln!(out, "{{\n  \"slurmVersion\": {},", if v2 { 2 } else { 1 });
    out.push_str("  \"validationOutputFilters\": {\n");
    list(&mut out, "prefixFilters", &s.prefix_filters, false, |f| {
        let mut m = Vec::new();
        if let Some(p) = f.prefix {
            m.push(("prefix", quote(&p.to_string())));
        }
        if let Some(a) = f.asn {
            m.push(("asn", a.get().to_string()));
        }
        comment(&mut m, &f.comment);
        m
    });
    list(&mut out, "bgpsecFilters", &s.bgpsec_filters, !v2, |f| {
        let mut m = Vec::new();
        if let Some(a) = f.asn {
            m.push(("asn", a.get().to_string()));
        }
        if let Some(k) = &f.ski {
            m.push(("SKI", quote(k)));
        }
        comment(&mut m, &f.comment);
        m
    });
    if v2 {
        list(&mut out, "aspaFilters", &s.aspa_filters, true, |f| {
            let mut m = vec![("customerAsn", f.customer.get().to_string())];
            comment(&mut m, &f.comment);
            m
        });
    }
    out.push_str("  },\n  \"locallyAddedAssertions\": {\n");
    list(
        &mut out,
        "prefixAssertions",
        &s.prefix_assertions,
        false,
        |a| {
            let mut m = vec![
                ("asn", a.asn.get().to_string()),
                ("prefix", quote(&a.prefix.to_string())),
            ];
            if let Some(ml) = a.max_length {
                m.push(("maxPrefixLength", ml.to_string()));
            }
            comment(&mut m, &a.comment);
            m
        },
    );
    list(
        &mut out,
        "bgpsecAssertions",
        &s.bgpsec_assertions,
        !v2,
        |a| {
            let mut m = vec![
                ("asn", a.asn.get().to_string()),
                ("SKI", quote(&a.ski)),
                ("routerPublicKey", quote(&a.public_key)),
            ];
            comment(&mut m, &a.comment);
            m
        },
    );
    if v2 {
        list(&mut out, "aspaAssertions", &s.aspa_assertions, true, |a| {
            let mut sorted = a.providers.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let providers: Vec<String> = sorted.iter().map(|p| p.get().to_string()).collect();
            let mut m = vec![
                ("customerAsn", a.customer.get().to_string()),
                ("providerAsns", format!("[{}]", providers.join(", "))),
            ];
            comment(&mut m, &a.comment);
            m
        });
    }
    out.push_str("  }\n}\n");
    out
}
