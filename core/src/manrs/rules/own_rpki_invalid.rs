#![doc = include_str!("own_rpki_invalid.md")]

use super::{need_routes, need_vrps, own_evidence, route_finding, rov_evidence, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::validate::rov::RovState;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let rov = need_vrps(cx)?;
    need_routes(cx)?;
    Ok(cx
        .own
        .iter()
        .filter(|r| r.rov == Some(RovState::Invalid))
        .map(|r| {
            let mut ev = rov_evidence(rov, &r.prefix, Some(r.origin));
            ev.extend(own_evidence(r));
            route_finding(
                Rule::OwnRpkiInvalid,
                r.prefix,
                Some(r.origin),
                format!(
                    "{} originates {}, which is RPKI invalid",
                    r.origin, r.prefix
                ),
                ev,
                format!(
                    "create a ROA {} maxLength {} for {}, or stop announcing it",
                    r.prefix,
                    r.prefix.len(),
                    r.origin
                ),
                r.entry,
            )
        })
        .collect())
}
