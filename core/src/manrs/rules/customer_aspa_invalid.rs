#![doc = include_str!("customer_aspa_invalid.md")]

use super::{customer_evidence, need_customers, need_routes, route_finding, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::validate::aspa::{verify_asns, AspaVerdict, Direction};

pub(crate) fn check(cx: &Context) -> RuleResult {
    let set = cx
        .ds
        .aspas()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| "no ASPAs given (a VRP file with ASPAs, --vrps)".to_owned())?;
    need_customers(cx)?;
    need_routes(cx)?;
    let mut out = Vec::new();
    for c in &cx.customer {
        // A path with an AS_SET cannot be ordered (draft §5.4 makes it
        // invalid); only the ordered part is judged, so skip such paths.
        if c.path.has_set() {
            continue;
        }
        if verify_asns(set, &c.right, Direction::Upstream) != AspaVerdict::Invalid {
            continue;
        }
        let mut ev = customer_evidence(c);
        ev.push(format!(
            "path received from {}: {}",
            c.customer,
            c.right
                .iter()
                .map(|a| a.get().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        ));
        ev.push("ASPA upstream verification: invalid".to_owned());
        out.push(route_finding(
            Rule::CustomerAspaInvalid,
            c.prefix,
            c.origin,
            format!(
                "{} accepted from its customer {} a path for {} that ASPA verification finds invalid",
                c.via, c.customer, c.prefix
            ),
            ev,
            format!("verify ASPA (or filter by as-path) on the session with {}", c.customer),
            c.entry,
        ));
    }
    Ok(out)
}
