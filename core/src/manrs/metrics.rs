//! The MANRS Observatory's metrics, CAIDA's conformance tests, incidents,
//! and one score and readiness label per action.
//!
//! - **M7IRR**: registered own routes / own routes (IRR `valid` or
//!   `covered`: the 2018 Observatory code counts a more-specific of a
//!   registered prefix with the same origin as registered).
//! - **M7RPKI**: max(0, valid share − 10 × invalid share) of own routes;
//!   not-found counts 0.
//! - **M3 / M3C**: own / customer routes with a bogon prefix.
//! - **M4 / M4C**: routes through the operator whose AS right of it is a
//!   bogon ASN (the operator passed on a bogon ASN) / customer routes with
//!   a bogon ASN further right (the customer's).
//! - **M5**: from CAIDA Spoofer tests, `100 · 0.6^sqrt(2·raw)` with raw the
//!   number of prefixes that sent spoofed packets (fits the three published
//!   points, 0.5 → 60 %, 1 → 49 %, 2 → 36 %; an inference).
//! - **CAIDA** (Du et al., IMC 2022): Action 4, at least 90 % of own routes
//!   IRR-registered or RPKI valid; Action 1, no customer route RPKI invalid,
//!   or RPKI not-found and unregistered.
//! - **Incidents** (Observatory measurement framework): per rule and
//!   calendar month (UTC), the time spans of its findings are clipped to
//!   the month and those that overlap or touch merge into one incident
//!   (all findings weigh the same). An incident under 30 minutes scores
//!   0.5, under 24 hours 1, and n + 1 after n full days.
//!
//! Readiness labels: MANRS publishes no cut-offs for its Ready / Aspiring /
//! Lagging labels, so they are [`Thresholds`] with documented defaults.

use std::fmt;
use std::str::FromStr;

use super::context::{registered, Context};
use super::finding::{Finding, Subject};
use super::report::{ActionSummary, RuleOutcome};
use super::routes::{merge_spans, Span};
use super::rule::{Action, Rule, Severity};
use crate::model::UnknownWord;
use crate::parse::time::month_of;
use crate::validate::rov::RovState;

/// The metrics of one operator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    /// Distinct own routes.
    pub own_routes: usize,
    /// Distinct customer routes.
    pub customer_routes: usize,
    /// Own routes RPKI valid, invalid and not-found (with VRPs).
    pub rpki: Option<[usize; 3]>,
    /// Own routes registered in the IRR (with IRR data).
    pub irr_registered: Option<usize>,
    /// M7IRR, 0–1.
    pub m7irr: Option<f64>,
    /// M7RPKI, 0–1.
    pub m7rpki: Option<f64>,
    /// M3: own routes with a bogon prefix.
    pub m3: usize,
    /// M3C: customer routes with a bogon prefix.
    pub m3c: usize,
    /// M4: routes whose AS right of the operator is a bogon ASN.
    pub m4: usize,
    /// M4C: customer routes with a bogon ASN right of the customer.
    pub m4c: usize,
    /// M5, 0–100, when Spoofer results were given.
    pub m5: Option<f64>,
    /// Share of own routes IRR-registered or RPKI valid, 0–1.
    pub registered_or_valid: Option<f64>,
    /// CAIDA's Action 1 test (needs VRPs and customers).
    pub caida_action1: Option<bool>,
    /// CAIDA's Action 4 test (needs VRPs or IRR data).
    pub caida_action4: Option<bool>,
    /// Incidents per rule and month (timestamped routes only).
    pub incidents: Vec<Incidents>,
}

/// The incidents of one rule in one calendar month.
#[derive(Clone, Debug, PartialEq)]
pub struct Incidents {
    /// The rule.
    pub rule: Rule,
    /// `YYYY-MM`.
    pub month: String,
    /// Incidents (merged spans).
    pub count: usize,
    /// Their score (0.5 / 1 / n + 1 each).
    pub score: f64,
}

/// The Observatory's score of one incident lasting `secs` seconds.
pub fn incident_score(secs: i64) -> f64 {
    if secs < 30 * 60 {
        0.5
    } else if secs < 86_400 {
        1.0
    } else {
        (secs / 86_400) as f64 + 1.0
    }
}

/// Incidents per calendar month of one set of spans.
pub fn monthly_incidents(spans: &[Span]) -> Vec<(String, usize, f64)> {
    // A span touches the month [start, end) when it overlaps it, or is an
    // instant inside it.
    let touches = |s: &Span, start: i64, end: i64| {
        s.start < end && (s.end > start || (s.start == s.end && s.start >= start))
    };
    let mut months: Vec<(i64, i64, i64, i64)> = Vec::new();
    for s in spans {
        let mut t = s.start;
        loop {
            let m = month_of(t);
            if !months.contains(&m) {
                months.push(m);
            }
            if m.3 >= s.end {
                break;
            }
            t = m.3;
        }
    }
    months.sort_unstable();
    months
        .into_iter()
        .map(|(y, m, start, end)| {
            let clipped: Vec<Span> = spans
                .iter()
                .filter(|s| touches(s, start, end))
                .map(|s| Span {
                    start: s.start.max(start),
                    end: s.end.min(end),
                })
                .collect();
            let merged = merge_spans(clipped);
            let score = merged.iter().map(|s| incident_score(s.duration())).sum();
            (format!("{y:04}-{m:02}"), merged.len(), score)
        })
        .collect()
}

/// A readiness label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Readiness {
    /// Below [`Thresholds::aspiring`].
    Lagging,
    /// At least [`Thresholds::aspiring`].
    Aspiring,
    /// At least [`Thresholds::ready`].
    Ready,
}

impl Readiness {
    /// `ready`, `aspiring`, `lagging`.
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::Ready => "ready",
            Readiness::Aspiring => "aspiring",
            Readiness::Lagging => "lagging",
        }
    }
}

impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Readiness {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        [Readiness::Ready, Readiness::Aspiring, Readiness::Lagging]
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownWord::new("readiness", s, "ready, aspiring, lagging"))
    }
}

/// Score cut-offs (0–100) of the readiness labels. MANRS publishes none.
/// Defaults: `ready` 90, the share CAIDA's Action 4 test asks of
/// originated prefixes (Du et al. 2022); `aspiring` 50, routeguard's
/// choice (half way).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// The lowest score labelled ready.
    pub ready: f64,
    /// The lowest score labelled aspiring.
    pub aspiring: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ready: 90.0,
            aspiring: 50.0,
        }
    }
}

impl Thresholds {
    /// The label of a score.
    pub fn label(&self, score: f64) -> Readiness {
        if score >= self.ready {
            Readiness::Ready
        } else if score >= self.aspiring {
            Readiness::Aspiring
        } else {
            Readiness::Lagging
        }
    }
}

/// M7RPKI of counts: max(0, valid share − 10 × invalid share).
pub fn m7rpki(valid: usize, invalid: usize, total: usize) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let (v, i, n) = (valid as f64, invalid as f64, total as f64);
    Some((v / n - 10.0 * i / n).max(0.0))
}

/// M5 of the number of prefixes that sent spoofed packets.
pub fn m5(raw: usize) -> f64 {
    100.0 * 0.6f64.powf((2.0 * raw as f64).sqrt())
}

pub(crate) fn compute(cx: &Context, findings: &[Finding], outcomes: &[RuleOutcome]) -> Metrics {
    let own = cx.own.len();
    let mut m = Metrics {
        own_routes: own,
        customer_routes: cx.customer.len(),
        ..Metrics::default()
    };
    if cx.ds.rov().is_some() {
        let mut c = [0usize; 3];
        for r in &cx.own {
            match r.rov {
                Some(RovState::Valid) => c[0] += 1,
                Some(RovState::Invalid) => c[1] += 1,
                _ => c[2] += 1,
            }
        }
        m.rpki = Some(c);
        m.m7rpki = m7rpki(c[0], c[1], own);
    }
    if cx.ds.irr().is_some() {
        let n = cx
            .own
            .iter()
            .filter(|r| r.registered() == Some(true))
            .count();
        m.irr_registered = Some(n);
        m.m7irr = (own > 0).then(|| n as f64 / own as f64);
    }
    if (cx.ds.rov().is_some() || cx.ds.irr().is_some()) && own > 0 {
        let ok = cx
            .own
            .iter()
            .filter(|r| r.registered() == Some(true) || r.rov == Some(RovState::Valid))
            .count();
        let share = ok as f64 / own as f64;
        m.registered_or_valid = Some(share);
        m.caida_action4 = Some(share >= 0.9);
    }
    if cx.ds.rov().is_some() && cx.customers_known {
        let irr = cx.ds.irr().is_some();
        m.caida_action1 = Some(!cx.customer.iter().any(|c| {
            c.rov == Some(RovState::Invalid)
                || (irr && c.rov == Some(RovState::NotFound) && !c.irr.is_some_and(registered))
        }));
    }
    let bogons = cx.ds.bogons();
    m.m3 = cx
        .own
        .iter()
        .filter(|r| bogons.is_bogon_prefix(&r.prefix))
        .count();
    m.m3c = cx
        .customer
        .iter()
        .filter(|c| bogons.is_bogon_prefix(&c.prefix))
        .count();
    m.m4c = cx
        .customer
        .iter()
        .filter(|c| {
            c.right
                .iter()
                .skip(1)
                .any(|a| bogons.check_asn(*a).is_some())
        })
        .count();
    let mut seq = Vec::new();
    for (_, _, entry) in cx.routes.routes() {
        let hit = entry.paths.iter().any(|p| {
            seq.clear();
            seq.extend(p.compressed_asns());
            seq.windows(2).any(
                |w| matches!(w, [a, b] if cx.op.is_operator(*a) && bogons.check_asn(*b).is_some()),
            )
        });
        m.m4 += usize::from(hit);
    }
    let spoofer_ran = outcomes
        .iter()
        .any(|o| o.rule == Rule::SpooferLeak && o.evaluated());
    if spoofer_ran {
        m.m5 = Some(m5(findings
            .iter()
            .filter(|f| f.rule == Rule::SpooferLeak)
            .count()));
    }
    for &rule in Rule::ALL {
        let spans: Vec<Span> = findings
            .iter()
            .filter(|f| f.rule == rule)
            .flat_map(|f| f.spans.iter().copied())
            .collect();
        if spans.is_empty() {
            continue;
        }
        for (month, count, score) in monthly_incidents(&spans) {
            m.incidents.push(Incidents {
                rule,
                month,
                count,
                score,
            });
        }
    }
    m
}

pub(crate) fn summarize(
    cx: &Context,
    findings: &[Finding],
    outcomes: &[RuleOutcome],
    m: &Metrics,
    t: &super::Thresholds,
) -> Vec<ActionSummary> {
    Action::ALL
        .into_iter()
        .map(|action| {
            let of_action: Vec<&Finding> = findings.iter().filter(|f| f.action() == action).collect();
            let evaluated = outcomes
                .iter()
                .any(|o| o.rule.action() == action && o.evaluated());
            let mut counts = [0usize; 3];
            for f in &of_action {
                let i = match f.severity() {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    _ => 2,
                };
                if let Some(c) = counts.get_mut(i) {
                    *c += 1;
                }
            }
            let errors = counts[0] > 0;
            let (conformant, score, basis) = if !evaluated {
                (None, None, "not evaluated: no rule of this action had its data".to_owned())
            } else {
                match action {
                    Action::Filtering => {
                        let judged = cx.own.len() + cx.customer.len();
                        let mut bad: Vec<&Subject> = of_action
                            .iter()
                            .filter(|f| f.severity() == Severity::Error)
                            .map(|f| &f.subject)
                            .collect();
                        bad.sort();
                        bad.dedup();
                        let score = (judged > 0).then(|| 100.0 * (1.0 - bad.len().min(judged) as f64 / judged as f64));
                        (
                            Some(!errors),
                            score,
                            format!("{} of {judged} own and customer routes with an error finding", bad.len()),
                        )
                    }
                    Action::AntiSpoofing => {
                        let score = m.m5.unwrap_or(if of_action.is_empty() { 100.0 } else { 0.0 });
                        (
                            Some(of_action.is_empty()),
                            Some(score),
                            if m.m5.is_some() {
                                "M5 from the Spoofer tests".to_owned()
                            } else {
                                "100 without findings, else 0".to_owned()
                            },
                        )
                    }
                    Action::Coordination => {
                        let ok = cx.op.asns.iter().filter(|&&a| has_contact(cx, findings, a)).count();
                        let n = cx.op.asns.len();
                        (
                            Some(ok == n),
                            Some(100.0 * ok as f64 / n.max(1) as f64),
                            format!("{ok} of {n} ASNs with a contact in PeeringDB or the IRR"),
                        )
                    }
                    Action::GlobalValidation => {
                        let parts: Vec<f64> = [m.m7irr, m.m7rpki].into_iter().flatten().collect();
                        let score = if parts.is_empty() {
                            Some(if errors { 0.0 } else { 100.0 })
                        } else {
                            Some(100.0 * parts.iter().sum::<f64>() / parts.len() as f64)
                        };
                        (
                            Some(!errors && m.caida_action4 != Some(false)),
                            score,
                            "mean of M7IRR and M7RPKI; conformant: no error finding and at least 90 % of own routes IRR-registered or RPKI valid".to_owned(),
                        )
                    }
                }
            };
            ActionSummary {
                action,
                evaluated,
                conformant,
                score,
                readiness: score.map(|s| t.label(s)),
                basis,
                counts,
            }
        })
        .collect()
}

/// Whether `asn` has a contact: a PeeringDB net without a contact finding,
/// or an aut-num without a contact finding.
fn has_contact(cx: &Context, findings: &[Finding], asn: crate::model::Asn) -> bool {
    let flagged = |rule: Rule| {
        findings
            .iter()
            .any(|f| f.rule == rule && f.asn == Some(asn))
    };
    let pdb = super::rules::peeringdb_net_exists(cx, asn) && !flagged(Rule::NoPeeringdbContact);
    let irr =
        cx.ds.irr().is_some_and(|db| db.aut_num(asn).is_some()) && !flagged(Rule::NoIrrContact);
    pdb || irr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observatory_examples() {
        // 29 min, 13 h and 25 h: 0.5 + 1 + 2 = 3.5 (measurement framework).
        let total: f64 = [29 * 60, 13 * 3600, 25 * 3600]
            .into_iter()
            .map(incident_score)
            .sum();
        assert_eq!(total, 3.5);
        assert_eq!(incident_score(30 * 60), 1.0);
        assert_eq!(incident_score(86_400), 2.0);
        assert_eq!(incident_score(86_399), 1.0);
        // Published M5 points.
        assert_eq!(m5(0), 100.0);
        assert!((m5(1) - 48.6).abs() < 0.5, "{}", m5(1));
        assert!((m5(2) - 36.0).abs() < 0.5, "{}", m5(2));
        assert_eq!(m7rpki(9, 1, 10), Some(0.0));
        assert_eq!(m7rpki(10, 0, 10), Some(1.0));
        assert!((m7rpki(95, 0, 100).unwrap() - 0.95).abs() < 1e-9);
    }

    #[test]
    fn incidents_merge_and_split_by_month() {
        // 2024-01-31 23:00 to 2024-02-01 01:00: one hour in each month.
        let jan31 = 1_706_742_000; // 2024-01-31T23:00:00Z
        let spans = vec![
            Span {
                start: jan31,
                end: jan31 + 7200,
            },
            // Touches the first: merges.
            Span {
                start: jan31 + 7200,
                end: jan31 + 7300,
            },
            // Far later in February, 10 minutes.
            Span {
                start: jan31 + 10 * 86_400,
                end: jan31 + 10 * 86_400 + 600,
            },
        ];
        let m = monthly_incidents(&spans);
        assert_eq!(
            m,
            vec![
                ("2024-01".to_owned(), 1, 1.0),
                ("2024-02".to_owned(), 2, 1.5)
            ]
        );
        // An instant (RIB) counts 0.5.
        assert_eq!(
            monthly_incidents(&[Span {
                start: jan31,
                end: jan31
            }]),
            vec![("2024-01".to_owned(), 1, 0.5)]
        );
    }
}
