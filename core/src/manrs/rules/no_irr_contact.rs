#![doc = include_str!("no_irr_contact.md")]

use super::{asn_finding, need_irr, RuleResult};
use crate::index::irr::IrrDb;
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::model::rpsl::TypedObject;
use crate::model::Asn;

/// What each `admin-c`/`tech-c` handle of the aut-num of `asn` resolves
/// to, and whether one is a role or person with an e-mail. `None` without
/// an aut-num.
pub(crate) fn contacts(db: &IrrDb, asn: Asn) -> Option<(bool, Vec<String>)> {
    let id = db.aut_num(asn)?;
    let Some(Ok(TypedObject::AutNum(a))) = db.typed(id) else {
        return Some((false, vec!["the aut-num could not be read".to_owned()]));
    };
    let mut handles: Vec<String> = a
        .admin_c
        .iter()
        .chain(a.tech_c.iter())
        .map(str::to_owned)
        .collect();
    handles.sort();
    handles.dedup();
    let mut ok = false;
    let mut lines = Vec::new();
    for h in &handles {
        let mut found = None;
        for class in ["role", "person"] {
            for oid in db.object_by_key(class, h) {
                if let Some(Ok(TypedObject::Contact(c))) = db.typed(oid) {
                    let has = !c.email.is_empty();
                    found = Some(format!(
                        "{h}: {class} {}, {}",
                        c.name,
                        if has { "with e-mail" } else { "without e-mail" }
                    ));
                    ok |= has;
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        lines.push(found.unwrap_or_else(|| format!("{h}: no role or person object in the data")));
    }
    if handles.is_empty() {
        lines.push("no admin-c or tech-c".to_owned());
    }
    Some((ok, lines))
}

pub(crate) fn check(cx: &Context) -> RuleResult {
    let db = need_irr(cx)?;
    let mut out = Vec::new();
    for &a in &cx.op.asns {
        let Some((ok, lines)) = contacts(db, a) else {
            continue;
        };
        if ok {
            continue;
        }
        let source = db
            .aut_num(a)
            .and_then(|id| db.source_of(id))
            .map(|s| s.to_string())
            .unwrap_or_default();
        let mut ev = vec![format!("aut-num {a} in {source}")];
        ev.extend(lines);
        out.push(asn_finding(
            Rule::NoIrrContact,
            a,
            format!("no contact of the aut-num of {a} has an e-mail address"),
            ev,
            format!(
                "point admin-c and tech-c of {a} at a role object with the NOC's e-mail and phone"
            ),
        ));
    }
    Ok(out)
}
