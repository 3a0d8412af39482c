#![doc = include_str!("roa_missing.md")]

use super::{need_routes, need_vrps, own_evidence, route_finding, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::validate::rov::RovState;

pub(crate) fn check(cx: &Context) -> RuleResult {
    need_vrps(cx)?;
    need_routes(cx)?;
    Ok(cx
        .own
        .iter()
        .filter(|r| r.rov == Some(RovState::NotFound))
        // A bogon wants withdrawing, not registering (filtering/own-bogon).
        .filter(|r| !cx.ds.bogons().is_bogon_prefix(&r.prefix))
        .map(|r| {
            let mut ev = vec!["RPKI: not-found (no VRP covers the prefix)".to_owned()];
            ev.extend(own_evidence(r));
            route_finding(
                Rule::RoaMissing,
                r.prefix,
                Some(r.origin),
                format!("{} originates {}, which no ROA covers", r.origin, r.prefix),
                ev,
                format!(
                    "create a ROA {} maxLength {} for {}",
                    r.prefix,
                    r.prefix.len(),
                    r.origin
                ),
                r.entry,
            )
        })
        .collect())
}
