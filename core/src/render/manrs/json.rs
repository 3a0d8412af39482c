//! The JSON report, schema [`SCHEMA`] (described key by key in
//! `schema.json`, [`JSON_SCHEMA`](super::JSON_SCHEMA)). Private mirror
//! structs fix the key order (the field order below) and write `null` for
//! every absent value, so the keys of an object are always the same.

use std::io::{self, Write};

use serde::Serialize;

use crate::manrs::{
    Finding, Incidents, Metrics, Remedies, Report, RuleOutcome, Span, Subject, SCHEMA,
};
use crate::model::Asn;
use crate::parse::time::format_rfc3339;

/// `"AS<n>"`.
fn asn(a: Asn) -> String {
    a.to_string()
}

fn asns(list: &[Asn]) -> Vec<String> {
    list.iter().map(|a| asn(*a)).collect()
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    operator: JsonOperator<'a>,
    conformant: bool,
    routes: JsonRoutes,
    actions: Vec<JsonAction<'a>>,
    findings: Vec<JsonFinding<'a>>,
    rules: Vec<JsonRule<'a>>,
    metrics: JsonMetrics<'a>,
    remedies: JsonRemedies<'a>,
}

#[derive(Serialize)]
struct JsonOperator<'a> {
    asns: Vec<String>,
    as_set: Option<&'a str>,
    customers: Vec<String>,
}

#[derive(Serialize)]
struct JsonRoutes {
    own: usize,
    customer: usize,
    seen: usize,
}

#[derive(Serialize)]
struct JsonCounts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct JsonAction<'a> {
    action: &'static str,
    number: u8,
    title: &'static str,
    required: bool,
    evaluated: bool,
    conformant: Option<bool>,
    score: Option<f64>,
    readiness: Option<&'static str>,
    basis: &'a str,
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonInterface<'a> {
    device: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonSpan {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    action: &'static str,
    severity: &'static str,
    prefix: Option<String>,
    max_length: Option<u8>,
    asn: Option<String>,
    subject: String,
    interface: Option<JsonInterface<'a>>,
    message: &'a str,
    evidence: &'a [String],
    remedy: &'a str,
    seen: Option<Vec<JsonSpan>>,
}

#[derive(Serialize)]
struct JsonRule<'a> {
    rule: &'static str,
    action: &'static str,
    severity: &'static str,
    evaluated: bool,
    findings: Option<usize>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRpki {
    valid: usize,
    invalid: usize,
    not_found: usize,
}

#[derive(Serialize)]
struct JsonIncidents<'a> {
    rule: &'static str,
    month: &'a str,
    count: usize,
    score: f64,
}

#[derive(Serialize)]
struct JsonMetrics<'a> {
    m7irr: Option<f64>,
    m7rpki: Option<f64>,
    m3: usize,
    m3c: usize,
    m4: usize,
    m4c: usize,
    m5: Option<f64>,
    own_routes: usize,
    customer_routes: usize,
    rpki: Option<JsonRpki>,
    irr_registered: Option<usize>,
    registered_or_valid: Option<f64>,
    caida_action1: Option<bool>,
    caida_action4: Option<bool>,
    incidents: Vec<JsonIncidents<'a>>,
}

#[derive(Serialize)]
struct JsonRouteObject {
    prefix: String,
    origin: String,
}

#[derive(Serialize)]
struct JsonRoa {
    prefix: String,
    max_length: u8,
    asn: String,
    rule: &'static str,
}

#[derive(Serialize)]
struct JsonVrp<'a> {
    prefix: String,
    max_length: u8,
    asn: String,
    ta: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonAutNum<'a> {
    asn: String,
    providers: Vec<String>,
    peers: Vec<String>,
    customers: Vec<String>,
    as_set: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRemedies<'a> {
    route_objects: Vec<JsonRouteObject>,
    roas: Vec<JsonRoa>,
    roas_to_replace: Vec<JsonVrp<'a>>,
    as_set: Option<&'a str>,
    as_set_members: Vec<String>,
    aut_nums: Vec<JsonAutNum<'a>>,
}

fn action(a: &crate::manrs::ActionSummary) -> JsonAction<'_> {
    let [error, warning, info] = a.counts;
    JsonAction {
        action: a.action.as_str(),
        number: a.action.number(),
        title: a.action.title(),
        required: a.action.required(),
        evaluated: a.evaluated,
        conformant: a.conformant,
        score: a.score,
        readiness: a.readiness.map(|r| r.as_str()),
        basis: &a.basis,
        counts: JsonCounts {
            error,
            warning,
            info,
        },
    }
}

fn span(s: &Span) -> JsonSpan {
    JsonSpan {
        start: format_rfc3339(s.start),
        end: format_rfc3339(s.end),
    }
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    let (max_length, interface) = match &f.subject {
        Subject::Vrp { max_length, .. } => (Some(*max_length), None),
        Subject::Interface { device, name } => (
            None,
            Some(JsonInterface {
                device: device.as_deref(),
                name,
            }),
        ),
        _ => (None, None),
    };
    JsonFinding {
        rule: f.rule.as_str(),
        action: f.action().as_str(),
        severity: f.severity().as_str(),
        prefix: f.prefix().map(|p| p.to_string()),
        max_length,
        asn: f.asn.map(asn),
        subject: f.subject.to_string(),
        interface,
        message: &f.message,
        evidence: &f.evidence,
        remedy: &f.remedy,
        seen: (!f.spans.is_empty()).then(|| f.spans.iter().map(span).collect()),
    }
}

fn rule(o: &RuleOutcome) -> JsonRule<'_> {
    let (findings, reason) = match &o.outcome {
        crate::manrs::Outcome::Evaluated { findings } => (Some(*findings), None),
        crate::manrs::Outcome::NotEvaluated { reason } => (None, Some(reason.as_str())),
    };
    JsonRule {
        rule: o.rule.as_str(),
        action: o.rule.action().as_str(),
        severity: o.rule.severity().as_str(),
        evaluated: o.evaluated(),
        findings,
        reason,
    }
}

fn incidents(i: &Incidents) -> JsonIncidents<'_> {
    JsonIncidents {
        rule: i.rule.as_str(),
        month: &i.month,
        count: i.count,
        score: i.score,
    }
}

fn metrics(m: &Metrics) -> JsonMetrics<'_> {
    JsonMetrics {
        m7irr: m.m7irr,
        m7rpki: m.m7rpki,
        m3: m.m3,
        m3c: m.m3c,
        m4: m.m4,
        m4c: m.m4c,
        m5: m.m5,
        own_routes: m.own_routes,
        customer_routes: m.customer_routes,
        rpki: m.rpki.map(|[valid, invalid, not_found]| JsonRpki {
            valid,
            invalid,
            not_found,
        }),
        irr_registered: m.irr_registered,
        registered_or_valid: m.registered_or_valid,
        caida_action1: m.caida_action1,
        caida_action4: m.caida_action4,
        incidents: m.incidents.iter().map(incidents).collect(),
    }
}

fn remedies(r: &Remedies) -> JsonRemedies<'_> {
    JsonRemedies {
        route_objects: r
            .route_objects
            .iter()
            .map(|(p, o)| JsonRouteObject {
                prefix: p.to_string(),
                origin: asn(*o),
            })
            .collect(),
        roas: r
            .roas
            .iter()
            .map(|s| JsonRoa {
                prefix: s.prefix.to_string(),
                max_length: s.max_length,
                asn: asn(s.asn),
                rule: s.rule.as_str(),
            })
            .collect(),
        roas_to_replace: r
            .roas_to_replace
            .iter()
            .map(|v| JsonVrp {
                prefix: v.prefix.to_string(),
                max_length: v.max_length,
                asn: asn(v.asn),
                ta: v.ta.as_deref(),
            })
            .collect(),
        as_set: r.as_set.as_deref(),
        as_set_members: asns(&r.as_set_members),
        aut_nums: r
            .aut_nums
            .iter()
            .map(|a| JsonAutNum {
                asn: asn(a.asn),
                providers: asns(&a.providers),
                peers: asns(&a.peers),
                customers: asns(&a.customers),
                as_set: a.as_set.as_deref(),
            })
            .collect(),
    }
}

/// Writes the report as pretty JSON (two-space indentation), then a
/// newline.
pub(super) fn write_report<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let [own, customer, seen] = r.routes;
    let doc = JsonReport {
        schema: SCHEMA,
        operator: JsonOperator {
            asns: asns(&r.operator.asns),
            as_set: r.as_set.as_deref(),
            customers: asns(&r.operator.customers),
        },
        conformant: r.conformant(),
        routes: JsonRoutes {
            own,
            customer,
            seen,
        },
        actions: r.actions.iter().map(action).collect(),
        findings: r.findings.iter().map(finding).collect(),
        rules: r.rules.iter().map(rule).collect(),
        metrics: metrics(&r.metrics),
        remedies: remedies(&r.remedies),
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::from)?;
    w.write_all(b"\n")
}
