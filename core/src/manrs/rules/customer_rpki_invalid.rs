#![doc = include_str!("customer_rpki_invalid.md")]

use super::{
    customer_evidence, need_customers, need_routes, need_vrps, route_finding, rov_evidence,
    RuleResult,
};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::validate::rov::RovState;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let rov = need_vrps(cx)?;
    need_customers(cx)?;
    need_routes(cx)?;
    Ok(cx
        .customer
        .iter()
        .filter(|c| c.rov == Some(RovState::Invalid))
        .map(|c| {
            let mut ev = customer_evidence(c);
            ev.extend(rov_evidence(rov, &c.prefix, c.origin));
            route_finding(
                Rule::CustomerRpkiInvalid,
                c.prefix,
                c.origin,
                format!(
                    "{} propagates {} from its customer {}, which is RPKI invalid",
                    c.via, c.prefix, c.customer
                ),
                ev,
                format!(
                    "reject RPKI invalid routes on the session with {} and filter it by its IRR as-set and ROAs",
                    c.customer
                ),
                c.entry,
            )
        })
        .collect())
}
