#![doc = include_str!("no_sav.md")]

use std::collections::BTreeSet;

use super::{list, RuleResult};
use crate::filter::antispoof::audit::{audit, AuditFinding, AuditProblem};
use crate::manrs::context::Context;
use crate::manrs::report::RouterConfig;
use crate::manrs::{Finding, Rule, Subject};
use crate::model::Family;
use crate::parse::device::InterfaceConfig;
use crate::parse::sav::{SavInterface, UrpfMode};

pub(crate) fn check(cx: &Context) -> RuleResult {
    let facts = cx.ds.sav_facts();
    let routers = &cx.op.routers;
    if facts.is_none() && routers.is_empty() {
        return Err(
            "no network-facts file (--facts) or router configuration (--router-config) given"
                .to_owned(),
        );
    }
    let mut out = Vec::new();
    // (router index, interface name in its configuration) already judged.
    let mut judged: BTreeSet<(usize, String)> = BTreeSet::new();
    for i in facts
        .iter()
        .flat_map(|f| f.interfaces.iter())
        .filter(|i| i.single_homed)
    {
        let configured =
            router_of(routers, i).and_then(|(n, r)| r.config.find(&i.name).map(|ic| (n, r, ic)));
        let (urpf, from_config) = match configured {
            Some((n, r, ic)) => {
                judged.insert((n, ic.name.clone()));
                (configured_mode(ic), Some(config_evidence(r, ic)))
            }
            None => (i.urpf, None),
        };
        if urpf == UrpfMode::Strict {
            continue;
        }
        let acl_ok = match i.acl_covers_prefixes() {
            Some(ok) => ok,
            None => !i.acl.is_empty(),
        };
        if acl_ok {
            continue;
        }
        let mut ev = vec![match &from_config {
            Some(e) => format!("single-homed, {e}"),
            None => format!("single-homed, uRPF {}", i.urpf.as_str()),
        }];
        ev.push(format!("ACL: {}", list(&i.acl)));
        if let Some(p) = &i.prefixes {
            ev.push(format!("customer prefixes: {}", list(p)));
        }
        if let Some(a) = i.customer_asn {
            ev.push(format!("customer {a}"));
        }
        out.push(finding(
            cx,
            i.device.clone(),
            i.name.clone(),
            i.customer_asn,
            ev,
            true,
        ));
    }
    for (n, r) in routers.iter().enumerate() {
        for name in &r.customer_interfaces {
            let found = audit(&r.config, std::slice::from_ref(name));
            let key = r
                .config
                .find(name)
                .map_or_else(|| name.clone(), |ic| ic.name.clone());
            if !judged.insert((n, key.clone())) || found.is_empty() {
                continue;
            }
            let mut ev = vec!["single-homed customer interface (--router-config)".to_owned()];
            ev.extend(found.iter().map(|f| audit_evidence(r, f)));
            out.push(finding(
                cx,
                r.name().map(str::to_owned),
                key,
                None,
                ev,
                false,
            ));
        }
    }
    Ok(out)
}

/// The router whose configuration speaks for a facts interface: the one
/// named like its `device`; with no device, the only router given.
fn router_of<'a>(
    routers: &'a [RouterConfig],
    i: &SavInterface,
) -> Option<(usize, &'a RouterConfig)> {
    match &i.device {
        Some(d) => routers
            .iter()
            .enumerate()
            .find(|(_, r)| r.name() == Some(d.as_str())),
        None if routers.len() == 1 => routers.first().map(|r| (0, r)),
        None => None,
    }
}

/// Strict only when every configured family is strict (and one is).
fn configured_mode(ic: &InterfaceConfig) -> UrpfMode {
    let fams: Vec<UrpfMode> = [ic.ipv4, ic.ipv6]
        .iter()
        .flatten()
        .map(|f| f.urpf)
        .collect();
    if fams.is_empty() {
        return UrpfMode::None;
    }
    if fams.iter().all(|m| *m == UrpfMode::Strict) {
        UrpfMode::Strict
    } else if fams.contains(&UrpfMode::None) {
        UrpfMode::None
    } else {
        fams.into_iter()
            .find(|m| *m != UrpfMode::Strict)
            .unwrap_or(UrpfMode::None)
    }
}

fn family_word(f: Family) -> &'static str {
    match f {
        Family::V4 => "IPv4",
        Family::V6 => "IPv6",
    }
}

/// `uRPF from the configuration of edge1: IPv4 strict (line 5), IPv6 none (line 7)`.
fn config_evidence(r: &RouterConfig, ic: &InterfaceConfig) -> String {
    let fams: Vec<String> = [Family::V4, Family::V6]
        .into_iter()
        .filter_map(|f| {
            ic.family(f)
                .map(|c| format!("{} {} (line {})", family_word(f), c.urpf, c.line))
        })
        .collect();
    let of = r.name().map(|n| format!(" of {n}")).unwrap_or_default();
    if fams.is_empty() {
        format!(
            "uRPF from the configuration{of}: no IPv4 or IPv6 configured (line {})",
            ic.line
        )
    } else {
        format!("uRPF from the configuration{of}: {}", fams.join(", "))
    }
}

fn audit_evidence(r: &RouterConfig, f: &AuditFinding) -> String {
    let of = r.name().map(|n| format!(" of {n}")).unwrap_or_default();
    match f.problem {
        AuditProblem::NotFound => format!("not in the configuration{of}"),
        _ => format!("configuration{of}: {f}"),
    }
}

fn finding(
    cx: &Context,
    device: Option<String>,
    name: String,
    customer: Option<crate::model::Asn>,
    evidence: Vec<String>,
    acl_known: bool,
) -> Finding {
    let label = match &device {
        Some(d) => format!("{d} {name}"),
        None => name.clone(),
    };
    let message = if acl_known {
        format!("the single-homed customer interface {label} has neither strict uRPF nor an ACL of the customer's prefixes")
    } else {
        format!("the single-homed customer interface {label} has no strict uRPF")
    };
    Finding {
        rule: Rule::NoSav,
        subject: Subject::Interface { device, name },
        asn: customer.or_else(|| cx.op.asns.first().copied()),
        message,
        evidence,
        remedy: format!(
            "configure strict uRPF on {label} (`routeguard antispoof render --urpf` prints it per vendor) or an ingress ACL of the customer's prefixes (`--acl`)"
        ),
        spans: Vec::new(),
    }
}
