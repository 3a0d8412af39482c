#![doc = include_str!("roa_loose_maxlength.md")]

use super::{list, need_routes, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::{Finding, Rule, Subject};

/// How many prefixes a VRP of length `len` and maxLength `max` authorises
/// (saturating).
fn authorised(len: u8, max: u8) -> u128 {
    (len..=max).fold(0u128, |acc, l| {
        let n = 1u128.checked_shl(u32::from(l - len)).unwrap_or(u128::MAX);
        acc.saturating_add(n)
    })
}

pub(crate) fn check(cx: &Context) -> RuleResult {
    let vrps = cx
        .ds
        .vrps()
        .ok_or_else(|| "no VRPs given (--vrps)".to_owned())?;
    need_routes(cx)?;
    let mut out = Vec::new();
    for v in vrps.vrps.iter().filter(|v| cx.op.is_operator(v.asn)) {
        if v.max_length <= v.prefix.len() {
            continue;
        }
        let mut announced: Vec<_> = cx
            .own
            .iter()
            .filter(|r| {
                r.origin == v.asn && v.prefix.covers(&r.prefix) && r.prefix.len() <= v.max_length
            })
            .map(|r| r.prefix)
            .collect();
        announced.sort_unstable();
        announced.dedup();
        let total = authorised(v.prefix.len(), v.max_length);
        if announced.len() as u128 >= total {
            continue;
        }
        let remedy = if announced.is_empty() {
            format!(
                "set maxLength {} on the ROA {} for {} (nothing under it is announced)",
                v.prefix.len(),
                v.prefix,
                v.asn
            )
        } else {
            format!(
                "replace it with one ROA per announced prefix, maxLength = its length: {}",
                list(announced.iter().map(|p| format!("{p}-{}", p.len())))
            )
        };
        out.push(Finding {
            rule: Rule::RoaLooseMaxlength,
            subject: Subject::Vrp {
                prefix: v.prefix,
                max_length: v.max_length,
                asn: v.asn,
            },
            asn: Some(v.asn),
            message: format!(
                "the VRP {}-{} {} authorises more-specifics that {} does not announce",
                v.prefix, v.max_length, v.asn, v.asn
            ),
            evidence: vec![
                format!(
                    "authorises {} prefixes (lengths {} to {})",
                    if total == u128::MAX {
                        "2^128 or more".to_owned()
                    } else {
                        total.to_string()
                    },
                    v.prefix.len(),
                    v.max_length
                ),
                format!(
                    "announced by {}: {} ({})",
                    v.asn,
                    announced.len(),
                    list(&announced)
                ),
            ],
            remedy,
            spans: Vec::new(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn authorised_counts() {
        assert_eq!(super::authorised(24, 24), 1);
        assert_eq!(super::authorised(22, 24), 7);
        assert_eq!(super::authorised(0, 128), u128::MAX);
    }
}
