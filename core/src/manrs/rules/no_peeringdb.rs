#![doc = include_str!("no_peeringdb.md")]

use super::{asn_finding, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let pdb = cx
        .ds
        .peeringdb()
        .ok_or_else(|| "no PeeringDB data given (--peeringdb)".to_owned())?;
    Ok(cx
        .op
        .asns
        .iter()
        .filter(|&&a| pdb.net(a).is_none())
        .map(|&a| {
            asn_finding(
                Rule::NoPeeringdb,
                a,
                format!("{a} has no PeeringDB record"),
                vec![format!("PeeringDB nets searched: {}", pdb.nets().len())],
                format!("register {a} at peeringdb.com with its IRR as-set and a NOC contact"),
            )
        })
        .collect())
}
