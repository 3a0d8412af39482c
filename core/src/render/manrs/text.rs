//! The compact terminal report (the CLI's default): a verdict line, one
//! line per action, the key metrics, then one line per finding with its
//! evidence and remedy indented beneath, then the rules not evaluated and
//! why. Untrusted text has its control characters made visible.

use std::io::{self, Write};

use super::escape::{count, line, percent, score, yes_no};
use crate::manrs::{Outcome, Report};

pub(super) fn write<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let asns: Vec<String> = r.operator.asns.iter().map(|a| a.to_string()).collect();
    write!(w, "MANRS check {}", asns.join(" "))?;
    if let Some(s) = &r.as_set {
        write!(w, " (as-set {})", line(s))?;
    }
    let verdict = if r.conformant() {
        "conformant"
    } else {
        "NOT CONFORMANT"
    };
    writeln!(w, ": {verdict}")?;
    let [own, customer, seen] = r.routes;
    writeln!(
        w,
        "routes: {own} own, {customer} customer, {seen} seen; {}",
        count(r.findings.len(), "finding")
    )?;
    writeln!(w)?;
    for a in &r.actions {
        let name = format!("{} {}", a.action.number(), a.action.title());
        if !a.evaluated {
            writeln!(w, "  {name:<20} not evaluated")?;
            continue;
        }
        let conf = match a.conformant {
            Some(true) => "conformant",
            Some(false) => "NOT conformant",
            None => "-",
        };
        let [e, wa, i] = a.counts;
        writeln!(
            w,
            "  {name:<20} {:>5}  {:<8}  {conf:<14}  {}, {}, {}",
            score(a.score),
            a.readiness.map_or("-", |r| r.as_str()),
            count(e, "error"),
            count(wa, "warning"),
            count(i, "info"),
        )?;
    }
    let m = &r.metrics;
    writeln!(w)?;
    write!(
        w,
        "metrics: M7IRR {}, M7RPKI {}",
        percent(m.m7irr),
        percent(m.m7rpki)
    )?;
    if let Some([v, i, n]) = m.rpki {
        write!(w, " (valid {v}, invalid {i}, not-found {n})")?;
    }
    write!(
        w,
        ", M3 {}, M3C {}, M4 {}, M4C {}",
        m.m3, m.m3c, m.m4, m.m4c
    )?;
    if let Some(m5) = m.m5 {
        write!(w, ", M5 {m5:.1}")?;
    }
    writeln!(
        w,
        ", CAIDA action 1 {}, action 4 {}",
        yes_no(m.caida_action1),
        yes_no(m.caida_action4)
    )?;
    for i in &m.incidents {
        writeln!(
            w,
            "incidents: {} {}: {} scoring {}",
            i.month,
            i.rule,
            count(i.count, "incident"),
            i.score
        )?;
    }
    if !r.findings.is_empty() {
        writeln!(w)?;
        writeln!(w, "findings:")?;
    }
    for f in &r.findings {
        writeln!(
            w,
            "  {:<7} {} {}: {}",
            f.severity().as_str(),
            f.rule,
            line(&f.subject.to_string()),
            line(&f.message)
        )?;
        for e in &f.evidence {
            writeln!(w, "      - {}", line(e))?;
        }
        writeln!(w, "      remedy: {}", line(&f.remedy))?;
    }
    let skipped: Vec<(&str, &str)> = r
        .rules
        .iter()
        .filter_map(|o| match &o.outcome {
            Outcome::NotEvaluated { reason } => Some((o.rule.as_str(), reason.as_str())),
            _ => None,
        })
        .collect();
    if !skipped.is_empty() {
        writeln!(w)?;
        writeln!(w, "not evaluated:")?;
        for (rule, reason) in skipped {
            writeln!(w, "  {rule}: {}", line(reason))?;
        }
    }
    Ok(())
}
