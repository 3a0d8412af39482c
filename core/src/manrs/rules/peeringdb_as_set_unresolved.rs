#![doc = include_str!("peeringdb_as_set_unresolved.md")]

use super::{asn_finding, need_irr, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::parse::peeringdb::IrrRefKind;

/// The first as-set named by the `irr_as_set` of an operator ASN's net.
pub(crate) fn first_set_name(cx: &Context) -> Option<String> {
    let pdb = cx.ds.peeringdb()?;
    cx.op.asns.iter().find_map(|&a| {
        pdb.irr_refs(a)
            .into_iter()
            .find(|r| r.kind == IrrRefKind::AsSet)
            .map(|r| r.qualified())
    })
}

pub(crate) fn check(cx: &Context) -> RuleResult {
    let pdb = cx
        .ds
        .peeringdb()
        .ok_or_else(|| "no PeeringDB data given (--peeringdb)".to_owned())?;
    let db = need_irr(cx)?;
    let mut out = Vec::new();
    for &a in &cx.op.asns {
        let Some(net) = pdb.net(a) else { continue };
        let refs = net.irr_refs();
        let missing: Vec<String> = refs
            .iter()
            .filter(|r| match r.kind {
                IrrRefKind::AutNum(asn) => db.aut_num(asn).is_none(),
                IrrRefKind::Invalid => true,
                _ => db.set(&r.qualified()).is_none(),
            })
            .map(|r| r.qualified())
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(asn_finding(
            Rule::PeeringdbAsSetUnresolved,
            a,
            format!(
                "the irr_as_set of {a} in PeeringDB names {} absent from the IRR data",
                missing.join(", ")
            ),
            vec![
                format!("irr_as_set: {:?}", net.irr_as_set),
                format!("IRR sources searched: {}", super::list(db.sources())),
            ],
            format!(
                "create {} in an IRR registry, or correct irr_as_set in PeeringDB",
                missing.join(", ")
            ),
        ));
    }
    Ok(out)
}
