#![doc = include_str!("no_sav.md")]

use super::{list, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::{Finding, Rule, Subject};
use crate::parse::sav::UrpfMode;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let facts = cx
        .ds
        .sav_facts()
        .ok_or_else(|| "no network-facts file given (--facts)".to_owned())?;
    let mut out = Vec::new();
    for i in facts.interfaces.iter().filter(|i| i.single_homed) {
        if i.urpf == UrpfMode::Strict {
            continue;
        }
        let acl_ok = match i.acl_covers_prefixes() {
            Some(ok) => ok,
            None => !i.acl.is_empty(),
        };
        if acl_ok {
            continue;
        }
        let mut ev = vec![
            format!("single-homed, uRPF {}", i.urpf.as_str()),
            format!("ACL: {}", list(&i.acl)),
        ];
        if let Some(p) = &i.prefixes {
            ev.push(format!("customer prefixes: {}", list(p)));
        }
        if let Some(a) = i.customer_asn {
            ev.push(format!("customer {a}"));
        }
        out.push(Finding {
            rule: Rule::NoSav,
            subject: Subject::Interface {
                device: i.device.clone(),
                name: i.name.clone(),
            },
            asn: i.customer_asn.or_else(|| cx.op.asns.first().copied()),
            message: format!(
                "the single-homed customer interface {} has neither strict uRPF nor an ACL of the customer's prefixes",
                i.label()
            ),
            evidence: ev,
            remedy: format!("configure strict uRPF on {} (or an ingress ACL of the customer's prefixes)", i.label()),
            spans: Vec::new(),
        });
    }
    Ok(out)
}
