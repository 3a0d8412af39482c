#![doc = include_str!("customer_bogon.md")]

use super::{customer_evidence, need_customers, need_routes, route_finding, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    need_customers(cx)?;
    need_routes(cx)?;
    let bogons = cx.ds.bogons();
    let mut out = Vec::new();
    for c in &cx.customer {
        let prefix = bogons.check_prefix(&c.prefix);
        let mut asns: Vec<_> = c
            .right
            .iter()
            .filter_map(|a| bogons.check_asn(*a))
            .collect();
        asns.dedup();
        if prefix.is_none() && asns.is_empty() {
            continue;
        }
        let mut ev = customer_evidence(c);
        let mut what = Vec::new();
        if let Some(f) = &prefix {
            ev.push(f.to_string());
            what.push(format!("the bogon prefix {}", c.prefix));
        }
        for f in &asns {
            ev.push(f.to_string());
        }
        if !asns.is_empty() {
            what.push("a bogon ASN in its path".to_owned());
        }
        out.push(route_finding(
            Rule::CustomerBogon,
            c.prefix,
            c.origin,
            format!(
                "{} propagates from its customer {} {}",
                c.via,
                c.customer,
                what.join(" and ")
            ),
            ev,
            format!(
                "filter bogon prefixes and paths with bogon ASNs on the session with {}",
                c.customer
            ),
            c.entry,
        ));
    }
    Ok(out)
}
