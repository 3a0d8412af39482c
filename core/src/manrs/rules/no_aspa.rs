#![doc = include_str!("no_aspa.md")]

use super::{asn_finding, list, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let set = cx.ds.aspas().filter(|s| !s.is_empty()).ok_or_else(|| {
        "the RPKI data given holds no ASPA at all (its format may not carry them)".to_owned()
    })?;
    let mut out = Vec::new();
    for &a in &cx.op.asns {
        if set.providers(a).is_some() {
            continue;
        }
        let mut ev = vec![format!("ASPAs in the data: {}", set.len())];
        if let Some(rel) = cx.ds.relations() {
            ev.push(format!(
                "providers of {a} by the AS relationships: {}",
                list(rel.providers_of(a))
            ));
        }
        out.push(asn_finding(
            Rule::NoAspa,
            a,
            format!("{a} publishes no ASPA"),
            ev,
            format!("publish an ASPA for {a} listing each of its providers"),
        ));
    }
    Ok(out)
}
