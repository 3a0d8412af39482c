#![doc = include_str!("no_aut_num.md")]

use super::{asn_finding, list, need_irr, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let db = need_irr(cx)?;
    Ok(cx
        .op
        .asns
        .iter()
        .filter(|&&a| db.aut_num(a).is_none())
        .map(|&a| {
            asn_finding(
                Rule::NoAutNum,
                a,
                format!("{a} has no aut-num object"),
                vec![format!("IRR sources searched: {}", list(db.sources()))],
                format!("create the aut-num {a} with import and export lines per neighbour (aut-num.rpsl)"),
            )
        })
        .collect())
}
