#![doc = include_str!("no_peeringdb_contact.md")]

use super::{asn_finding, list, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let pdb = cx
        .ds
        .peeringdb()
        .ok_or_else(|| "no PeeringDB data given (--peeringdb)".to_owned())?;
    let mut out = Vec::new();
    for &a in &cx.op.asns {
        let Some(net) = pdb.net(a) else { continue };
        if pdb.operational_contacts(net).next().is_some() {
            continue;
        }
        let pocs = pdb.pocs_of(net);
        out.push(asn_finding(
            Rule::NoPeeringdbContact,
            a,
            format!("the PeeringDB record of {a} has no visible NOC or Technical contact with an e-mail or phone"),
            vec![
                format!("net {} ({}), id {}", net.name, a, net.id),
                format!(
                    "contacts: {}",
                    list(pocs.iter().map(|p| format!(
                        "{} ({}, {}{})",
                        p.role.as_str(),
                        p.visible.as_str(),
                        if p.has_email() { "e-mail" } else { "no e-mail" },
                        if p.has_phone() { ", phone" } else { "" }
                    )))
                ),
            ],
            "add a NOC contact with a role e-mail address and a phone number, visible to the public".to_owned(),
        ));
    }
    Ok(out)
}
