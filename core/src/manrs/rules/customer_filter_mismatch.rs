#![doc = include_str!("customer_filter_mismatch.md")]

use super::{list, need_irr, RuleResult};
use crate::filter::diff::diff_ranges;
use crate::manrs::context::Context;
use crate::manrs::{Finding, Rule, Subject};
use crate::model::{Asn, Family, PrefixRange};

pub(crate) fn check(cx: &Context) -> RuleResult {
    if cx.op.router_filters.is_empty() {
        return Err("no prefix list taken from a router given (--router-filter)".to_owned());
    }
    let db = need_irr(cx)?;
    let mut out = Vec::new();
    for f in &cx.op.router_filters {
        let families: Vec<Family> = match f.list.family {
            Some(fam) => vec![fam],
            None => vec![Family::V4, Family::V6],
        };
        let mut expected: Vec<PrefixRange> = Vec::new();
        let mut unresolved = None;
        for fam in families {
            match db.set_prefixes(&f.customer, Some(fam)) {
                Ok(v) => expected.extend(v.into_iter().map(PrefixRange::exact)),
                Err(e) => unresolved = Some(e.to_string()),
            }
        }
        let d = diff_ranges(&f.list.ranges, &expected);
        if d.is_equivalent() {
            continue;
        }
        let customer_asn = Asn::parse(&f.customer).ok();
        let mut ev = vec![
            format!("customer {}", f.customer),
            format!(
                "router list: {} entries; expected from the IRR: {} entries (size change {:+})",
                d.router_entries,
                d.expected_entries,
                d.size_change()
            ),
        ];
        if let Some(e) = unresolved {
            ev.push(format!("IRR: {e}"));
        }
        if !d.missing.is_empty() {
            ev.push(format!("missing: {}", list(&d.missing)));
        }
        if !d.extra.is_empty() {
            ev.push(format!("extra: {}", list(&d.extra)));
        }
        if !d.changed.is_empty() {
            ev.push(format!(
                "changed: {}",
                list(d.changed.iter().map(|c| c.prefix))
            ));
        }
        if !d.only_router.is_empty() {
            ev.push(format!(
                "routes accepted beyond the IRR: {} ({})",
                d.routes_only_router(),
                list(
                    d.only_router
                        .iter()
                        .map(|g| format!("{} e.g. {}", g.entry, g.example))
                )
            ));
        }
        if !d.only_expected.is_empty() {
            ev.push(format!(
                "registered routes rejected: {} ({})",
                d.routes_only_expected(),
                list(d.only_expected.iter().map(|g| g.entry))
            ));
        }
        let how = match (d.only_router.is_empty(), d.only_expected.is_empty()) {
            (false, false) => "accepts routes the IRR does not support and rejects registered ones",
            (false, true) => "accepts routes the IRR does not support",
            _ => "rejects routes the customer registered",
        };
        let subject = Subject::PrefixList {
            device: f.device.clone(),
            name: f.list.name.clone(),
        };
        out.push(Finding {
            rule: Rule::CustomerFilterMismatch,
            message: format!("{subject} of customer {} {how}", f.customer),
            subject,
            asn: customer_asn.or_else(|| cx.op.asns.first().copied()),
            evidence: ev,
            remedy: format!(
                "regenerate {} from the IRR objects of {} and replace it on the router",
                f.list.name, f.customer
            ),
            spans: Vec::new(),
        });
    }
    Ok(out)
}
