#![doc = include_str!("spoofer_leak.md")]

use std::collections::BTreeMap;

use super::{list, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::{Finding, Rule, Subject};
use crate::model::{Asn, Prefix};
use crate::parse::time::format_rfc3339;

pub(crate) fn check(cx: &Context) -> RuleResult {
    let results = cx
        .ds
        .spoofer()
        .ok_or_else(|| "no CAIDA Spoofer results given (--spoofer)".to_owned())?;
    // Per client prefix of an operator ASN: (ASN, tests, spoofed tests, times).
    let mut by_prefix: BTreeMap<Prefix, (Asn, usize, usize, Vec<i64>)> = BTreeMap::new();
    let mut tests = 0usize;
    for &asn in &cx.op.asns {
        for t in results.of_asn(asn) {
            tests += 1;
            let Some(client) = t.client else { continue };
            let e = by_prefix.entry(client).or_insert((asn, 0, 0, Vec::new()));
            e.1 += 1;
            if t.spoofed() {
                e.2 += 1;
                if let Some(time) = t.time {
                    e.3.push(time);
                }
            }
        }
    }
    if tests == 0 {
        return Err("the Spoofer results hold no test from the operator's ASNs".to_owned());
    }
    Ok(by_prefix
        .into_iter()
        .filter(|(_, (_, _, spoofed, _))| *spoofed > 0)
        .map(|(prefix, (asn, n, spoofed, mut times))| {
            times.sort_unstable();
            let mut ev = vec![format!("{spoofed} of {n} Spoofer tests from {prefix} got a spoofed packet out")];
            if !times.is_empty() {
                ev.push(format!("when: {}", list(times.iter().map(|t| format_rfc3339(*t)))));
            }
            Finding {
                rule: Rule::SpooferLeak,
                subject: Subject::Prefix(prefix),
                asn: Some(asn),
                message: format!("spoofed packets left {asn} from {prefix}"),
                evidence: ev,
                remedy: format!(
                    "apply source address validation where {prefix} attaches (strict uRPF or an ACL), then run the Spoofer client again"
                ),
                spans: Vec::new(),
            }
        })
        .collect())
}
