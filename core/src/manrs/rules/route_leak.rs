#![doc = include_str!("route_leak.md")]

use super::{need_routes, route_finding, seen_evidence, RuleResult};
use crate::manrs::context::Context;
use crate::manrs::Rule;
use crate::validate::leak::LeakType;

pub(crate) fn check(cx: &Context) -> RuleResult {
    if cx.ds.relations().is_none() {
        return Err("no AS relationships given (--asrel)".to_owned());
    }
    need_routes(cx)?;
    let mut out = Vec::new();
    let mut seq = Vec::new();
    for (prefix, origin, entry) in cx.routes.routes() {
        'paths: for path in &entry.paths {
            seq.clear();
            seq.extend(path.compressed_asns());
            for (i, &me) in seq.iter().enumerate() {
                if !cx.op.is_operator(me) || i == 0 {
                    continue;
                }
                let (Some(&sent_to), Some(&learned_from)) = (seq.get(i - 1), seq.get(i + 1)) else {
                    continue;
                };
                let (Some(l), Some(s)) = (cx.relation(me, learned_from), cx.relation(me, sent_to))
                else {
                    continue;
                };
                let Some(kind) = LeakType::classify(l, s) else {
                    continue;
                };
                let mut ev = seen_evidence(entry, Some(path));
                ev.push(format!(
                    "{me} learned it from {learned_from}, its {}",
                    l.as_str()
                ));
                ev.push(format!("{me} sent it to {sent_to}, its {}", s.as_str()));
                ev.push(format!(
                    "RFC 7908 type {} ({})",
                    kind.number(),
                    kind.as_str()
                ));
                out.push(route_finding(
                    Rule::RouteLeak,
                    prefix,
                    origin,
                    format!(
                        "{me} passed {prefix} from its {} {learned_from} to its {} {sent_to}",
                        l.as_str(),
                        s.as_str()
                    ),
                    ev,
                    format!(
                        "export to {sent_to} only own and customer routes (tag routes on import by the neighbour's role, RFC 9234)"
                    ),
                    entry,
                ));
                break 'paths;
            }
        }
    }
    Ok(out)
}
