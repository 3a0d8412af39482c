//! The Markdown report (CommonMark with GitHub tables), for tickets: the
//! verdict, a summary table per action, the metrics, the findings grouped
//! by action and rule (each with its evidence as a bullet list and its
//! remedy), the rules not evaluated with their reasons, and the remedy
//! artifacts in brief. Untrusted text is backslash-escaped; `|` and line
//! breaks cannot leave a table cell.

use std::io::{self, Write};

use super::escape::{md, score, yes_no};
use super::metric_rows;
use crate::manrs::{Action, Outcome, Report, Rule};

pub(super) fn write<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let asns: Vec<String> = r.operator.asns.iter().map(|a| a.to_string()).collect();
    writeln!(w, "# MANRS report: {}", asns.join(", "))?;
    writeln!(w)?;
    if let Some(s) = &r.as_set {
        writeln!(w, "Customer as-set: {}  ", md(s))?;
    }
    let [own, customer, seen] = r.routes;
    writeln!(
        w,
        "Routes judged: {own} own, {customer} customer ({seen} seen).  "
    )?;
    if r.conformant() {
        writeln!(w, "**Conformant**: every evaluated action conforms.")?;
    } else {
        let failing: Vec<String> = r
            .actions
            .iter()
            .filter(|a| a.conformant == Some(false))
            .map(|a| format!("{} ({})", a.action.number(), a.action.title()))
            .collect();
        let (noun, verb) = if failing.len() == 1 {
            ("action", "fails")
        } else {
            ("actions", "fail")
        };
        writeln!(
            w,
            "**Not conformant**: {noun} {} {verb}.",
            failing.join(", ")
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "| Action | Required | Score | Readiness | Conformant | Errors | Warnings | Info | Basis |"
    )?;
    writeln!(w, "|---|---|---:|---|---|---:|---:|---:|---|")?;
    for a in &r.actions {
        let [e, wa, i] = a.counts;
        writeln!(
            w,
            "| {} {} | {} | {} | {} | {} | {e} | {wa} | {i} | {} |",
            a.action.number(),
            a.action.title(),
            if a.action.required() { "yes" } else { "no" },
            score(a.score),
            a.readiness.map_or("-", |r| r.as_str()),
            if a.evaluated {
                yes_no(a.conformant)
            } else {
                "not evaluated"
            },
            md(&a.basis),
        )?;
    }
    writeln!(w)?;
    metrics(r, w)?;
    writeln!(w, "## Findings")?;
    writeln!(w)?;
    if r.findings.is_empty() {
        writeln!(w, "None.")?;
        writeln!(w)?;
    }
    for action in Action::ALL {
        if !r.findings.iter().any(|f| f.action() == action) {
            continue;
        }
        writeln!(w, "### Action {}: {}", action.number(), action.title())?;
        writeln!(w)?;
        for &rule in Rule::ALL.iter().filter(|r| r.action() == action) {
            let n = r.findings_of(rule).count();
            if n == 0 {
                continue;
            }
            writeln!(
                w,
                "#### `{rule}` ({}, {n}): {}",
                rule.severity(),
                md(rule.summary())
            )?;
            writeln!(w)?;
            for f in r.findings_of(rule) {
                writeln!(
                    w,
                    "- **{}**: {}",
                    md(&f.subject.to_string()),
                    md(&f.message)
                )?;
                for e in &f.evidence {
                    writeln!(w, "  - {}", md(e))?;
                }
                writeln!(w, "  - *Remedy*: {}", md(&f.remedy))?;
            }
            writeln!(w)?;
        }
    }
    let skipped: Vec<(Rule, &str)> = r
        .rules
        .iter()
        .filter_map(|o| match &o.outcome {
            Outcome::NotEvaluated { reason } => Some((o.rule, reason.as_str())),
            _ => None,
        })
        .collect();
    if !skipped.is_empty() {
        writeln!(w, "## Not evaluated")?;
        writeln!(w)?;
        writeln!(
            w,
            "These rules lacked their data; they are not passed, only not judged."
        )?;
        writeln!(w)?;
        for (rule, reason) in skipped {
            writeln!(w, "- `{rule}`: {}", md(reason))?;
        }
        writeln!(w)?;
    }
    remedies(r, w)
}

fn metrics<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let m = &r.metrics;
    writeln!(w, "## Metrics")?;
    writeln!(w)?;
    writeln!(w, "| Metric | Value |")?;
    writeln!(w, "|---|---:|")?;
    let rows = metric_rows(m);
    for (k, v) in rows {
        writeln!(w, "| {k} | {v} |")?;
    }
    writeln!(w)?;
    if !m.incidents.is_empty() {
        writeln!(w, "### Incidents")?;
        writeln!(w)?;
        writeln!(w, "| Month | Rule | Incidents | Score |")?;
        writeln!(w, "|---|---|---:|---:|")?;
        for i in &m.incidents {
            writeln!(
                w,
                "| {} | `{}` | {} | {} |",
                md(&i.month),
                i.rule,
                i.count,
                i.score
            )?;
        }
        writeln!(w)?;
    }
    Ok(())
}

fn remedies<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let rem = &r.remedies;
    if rem.is_empty() {
        return Ok(());
    }
    writeln!(w, "## Remedy artifacts")?;
    writeln!(w)?;
    if !rem.route_objects.is_empty() {
        let list: Vec<String> = rem
            .route_objects
            .iter()
            .map(|(p, o)| format!("{p} {o}"))
            .collect();
        writeln!(w, "- route objects to create: {}", list.join(", "))?;
    }
    if !rem.roas.is_empty() {
        let list: Vec<String> = rem
            .roas
            .iter()
            .map(|s| format!("{}-{} {}", s.prefix, s.max_length, s.asn))
            .collect();
        writeln!(w, "- ROAs to create: {}", list.join(", "))?;
    }
    if !rem.roas_to_replace.is_empty() {
        let list: Vec<String> = rem
            .roas_to_replace
            .iter()
            .map(|v| format!("{}-{} {}", v.prefix, v.max_length, v.asn))
            .collect();
        writeln!(w, "- ROAs to replace: {}", list.join(", "))?;
    }
    if !rem.as_set_members.is_empty() {
        let list: Vec<String> = rem.as_set_members.iter().map(|a| a.to_string()).collect();
        writeln!(
            w,
            "- members to add to {}: {}",
            rem.as_set
                .as_deref()
                .map_or_else(|| "the customer as-set".to_owned(), md),
            list.join(", ")
        )?;
    }
    for a in &rem.aut_nums {
        writeln!(w, "- aut-num {} to create or complete", a.asn)?;
    }
    writeln!(w)?;
    Ok(())
}
