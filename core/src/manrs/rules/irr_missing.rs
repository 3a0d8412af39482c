#![doc = include_str!("irr_missing.md")]

use super::{irr_evidence, need_irr, need_routes, own_evidence, route_finding, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let db = need_irr(cx)?;
    need_routes(cx)?;
    Ok(cx
        .own
        .iter()
        .filter(|r| r.registered() == Some(false))
        // A bogon wants withdrawing, not registering (filtering/own-bogon).
        .filter(|r| !cx.ds.bogons().is_bogon_prefix(&r.prefix))
        .map(|r| {
            let mut ev = irr_evidence(db, &r.prefix, Some(r.origin));
            ev.extend(own_evidence(r));
            route_finding(
                Rule::IrrMissing,
                r.prefix,
                Some(r.origin),
                format!(
                    "{} originates {}, which has no route object with this origin",
                    r.origin, r.prefix
                ),
                ev,
                format!(
                    "create a {} object {} origin {} in your RIR's IRR",
                    if r.prefix.is_ipv4() {
                        "route"
                    } else {
                        "route6"
                    },
                    r.prefix,
                    r.origin
                ),
                r.entry,
            )
        })
        .collect())
}
