#![doc = include_str!("as_set_missing_customer.md")]

use super::{asn_finding, customer_evidence, need_customers, need_irr, need_routes, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let db = need_irr(cx)?;
    let name = cx
        .as_set
        .clone()
        .ok_or_else(|| "no customer as-set (--as-set, or an irr_as_set in PeeringDB)".to_owned())?;
    need_customers(cx)?;
    need_routes(cx)?;
    let set = db
        .expand_as_set(&name)
        .map_err(|_| format!("the as-set {name} is not in the IRR data given"))?;
    let mut out = Vec::new();
    for (customer, route) in cx.customers_seen() {
        if set.asns.binary_search(&customer).is_ok() {
            continue;
        }
        let mut ev = vec![format!(
            "{name} holds {} ASes ({} sets visited{})",
            set.asns.len(),
            set.sets_visited,
            if set.missing_sets.is_empty() {
                String::new()
            } else {
                format!("; missing sets: {}", super::list(&set.missing_sets))
            }
        )];
        ev.push(format!(
            "a route from it: {} {}",
            route.prefix,
            route
                .origin
                .map_or_else(|| "(AS_SET)".to_owned(), |o| o.to_string())
        ));
        ev.extend(customer_evidence(route));
        out.push(asn_finding(
            Rule::AsSetMissingCustomer,
            customer,
            format!("the customer {customer} of {} is not in {name}", route.via),
            ev,
            format!("add {customer} (or its own as-set) to the members of {name}"),
        ));
    }
    Ok(out)
}
