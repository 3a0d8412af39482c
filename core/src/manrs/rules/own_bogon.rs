#![doc = include_str!("own_bogon.md")]

use super::{need_routes, own_evidence, route_finding, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    need_routes(cx)?;
    let bogons = cx.ds.bogons();
    Ok(cx
        .own
        .iter()
        .filter_map(|r| {
            let f = bogons.check_prefix(&r.prefix)?;
            let mut ev = vec![f.to_string()];
            ev.extend(own_evidence(r));
            Some(route_finding(
                Rule::OwnBogon,
                r.prefix,
                Some(r.origin),
                format!("{} originates the bogon prefix {}", r.origin, r.prefix),
                ev,
                format!("filter {} on every eBGP export", r.prefix),
                r.entry,
            ))
        })
        .collect())
}
