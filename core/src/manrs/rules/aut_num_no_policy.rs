#![doc = include_str!("aut_num_no_policy.md")]

use super::{asn_finding, need_irr, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::model::rpsl::{PolicyKind, TypedObject};

/// Import and export lines of the aut-num of `asn`: `None` without one.
pub(crate) fn policy_counts(
    db: &crate::index::irr::IrrDb,
    asn: crate::model::Asn,
) -> Option<(usize, usize, String)> {
    let id = db.aut_num(asn)?;
    let source = db.source_of(id).map(|s| s.to_string()).unwrap_or_default();
    let Some(Ok(TypedObject::AutNum(a))) = db.typed(id) else {
        return Some((0, 0, source));
    };
    let imports = a
        .policy
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                PolicyKind::Import | PolicyKind::MpImport | PolicyKind::ImportVia
            )
        })
        .count();
    let exports = a
        .policy
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                PolicyKind::Export | PolicyKind::MpExport | PolicyKind::ExportVia
            )
        })
        .count();
    Some((imports, exports, source))
}

pub(crate) fn check(cx: &Context) -> RuleResult {
    let db = need_irr(cx)?;
    let mut out = Vec::new();
    for &a in &cx.op.asns {
        let Some((imports, exports, source)) = policy_counts(db, a) else {
            continue;
        };
        if imports > 0 && exports > 0 {
            continue;
        }
        let missing = match (imports, exports) {
            (0, 0) => "no import and no export",
            (0, _) => "no import",
            _ => "no export",
        };
        out.push(asn_finding(
            Rule::AutNumNoPolicy,
            a,
            format!("the aut-num of {a} documents {missing}"),
            vec![
                format!("aut-num {a} in {source}"),
                format!("import/mp-import lines: {imports}; export/mp-export lines: {exports}"),
            ],
            "add import and export lines per neighbour (aut-num.rpsl of the remedy artifacts)"
                .to_owned(),
        ));
    }
    Ok(out)
}
