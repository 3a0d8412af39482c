#![doc = include_str!("customer_unregistered.md")]

use super::{
    customer_evidence, irr_evidence, need_customers, need_irr, need_routes, need_vrps,
    route_finding, RuleResult,
};
use crate::manrs::context::{registered, Context};
use crate::manrs::Rule;
use crate::validate::rov::RovState;

pub(crate) fn check(cx: &Context) -> RuleResult {
    need_vrps(cx)?;
    let db = need_irr(cx)?;
    need_customers(cx)?;
    need_routes(cx)?;
    Ok(cx
        .customer
        .iter()
        .filter(|c| c.rov == Some(RovState::NotFound) && !c.irr.is_some_and(registered))
        .map(|c| {
            let mut ev = customer_evidence(c);
            ev.push("RPKI: not-found".to_owned());
            ev.extend(irr_evidence(db, &c.prefix, c.origin));
            route_finding(
                Rule::CustomerUnregistered,
                c.prefix,
                c.origin,
                format!(
                    "{} propagates {} from its customer {} with neither a ROA nor a route object",
                    c.via, c.prefix, c.customer
                ),
                ev,
                format!(
                    "build the prefix filter of {} from its as-set's route objects and ROAs; ask it to register {}",
                    c.customer, c.prefix
                ),
                c.entry,
            )
        })
        .collect())
}
