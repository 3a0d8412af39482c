//! The rules, one module each. A module's documentation says what the
//! rule checks, why (the MANRS action), the evidence a finding shows and
//! the remedy; [`Rule::doc`](super::Rule::doc) returns the same text.
//! Each rule returns its findings, or why it could not be evaluated.

pub mod as_set_missing_customer;
pub mod aut_num_no_policy;
pub mod customer_aspa_invalid;
pub mod customer_bogon;
pub mod customer_filter_mismatch;
pub mod customer_rpki_invalid;
pub mod customer_unregistered;
pub mod irr_missing;
pub mod no_aspa;
pub mod no_aut_num;
pub mod no_irr_contact;
pub mod no_peeringdb;
pub mod no_peeringdb_contact;
pub mod no_sav;
pub mod own_bogon;
pub mod own_rpki_invalid;
pub mod peeringdb_as_set_unresolved;
pub mod roa_loose_maxlength;
pub mod roa_missing;
pub mod route_leak;
pub mod spoofer_leak;

use std::fmt::Write as _;

use super::context::{Context, CustomerRoute, OwnRoute};
use super::finding::{Finding, Subject};
use super::routes::RouteEntry;
use super::rule::Rule;
use crate::index::irr::IrrDb;
use crate::index::RovIndex;
use crate::model::{AsPath, Asn, Prefix};
use crate::parse::time::format_rfc3339;
use crate::validate::irr::check_route_with;
use crate::validate::rov::validate_origin;

/// What a rule returns: its findings, or why it was not evaluated.
pub(crate) type RuleResult = Result<Vec<Finding>, String>;

/// Runs one rule.
pub(crate) fn run(rule: Rule, cx: &Context) -> RuleResult {
    match rule {
        Rule::OwnRpkiInvalid => own_rpki_invalid::check(cx),
        Rule::OwnBogon => own_bogon::check(cx),
        Rule::CustomerRpkiInvalid => customer_rpki_invalid::check(cx),
        Rule::CustomerUnregistered => customer_unregistered::check(cx),
        Rule::CustomerBogon => customer_bogon::check(cx),
        Rule::CustomerAspaInvalid => customer_aspa_invalid::check(cx),
        Rule::RouteLeak => route_leak::check(cx),
        Rule::CustomerFilterMismatch => customer_filter_mismatch::check(cx),
        Rule::SpooferLeak => spoofer_leak::check(cx),
        Rule::NoSav => no_sav::check(cx),
        Rule::NoPeeringdb => no_peeringdb::check(cx),
        Rule::NoPeeringdbContact => no_peeringdb_contact::check(cx),
        Rule::NoIrrContact => no_irr_contact::check(cx),
        Rule::PeeringdbAsSetUnresolved => peeringdb_as_set_unresolved::check(cx),
        Rule::IrrMissing => irr_missing::check(cx),
        Rule::RoaMissing => roa_missing::check(cx),
        Rule::NoAutNum => no_aut_num::check(cx),
        Rule::AutNumNoPolicy => aut_num_no_policy::check(cx),
        Rule::AsSetMissingCustomer => as_set_missing_customer::check(cx),
        Rule::RoaLooseMaxlength => roa_loose_maxlength::check(cx),
        Rule::NoAspa => no_aspa::check(cx),
    }
}

/// The customer as-set: the operator's `--as-set`, else the first set
/// named by the `irr_as_set` of its nets in PeeringDB.
pub(crate) fn customer_as_set(cx: &Context) -> Option<String> {
    if let Some(s) = &cx.op.as_set {
        return Some(s.clone());
    }
    peeringdb_as_set_unresolved::first_set_name(cx)
}

pub(crate) fn need_vrps<'a>(cx: &Context<'a>) -> Result<&'a RovIndex, String> {
    cx.ds
        .rov()
        .map(|a| &**a)
        .ok_or_else(|| "no VRPs given (--vrps)".to_owned())
}

pub(crate) fn need_irr<'a>(cx: &Context<'a>) -> Result<&'a IrrDb, String> {
    cx.ds
        .irr()
        .map(|a| &**a)
        .ok_or_else(|| "no IRR data given (--irr)".to_owned())
}

pub(crate) fn need_customers(cx: &Context) -> Result<(), String> {
    if cx.customers_known {
        Ok(())
    } else {
        Err("nothing says who the customers are (--asrel or --customer)".to_owned())
    }
}

pub(crate) fn need_routes(cx: &Context) -> Result<(), String> {
    if cx.routes.is_empty() {
        Err("no route of the operator's ASNs in the routes given (--routes)".to_owned())
    } else {
        Ok(())
    }
}

/// A finding about a route.
pub(crate) fn route_finding(
    rule: Rule,
    prefix: Prefix,
    origin: Option<Asn>,
    message: String,
    evidence: Vec<String>,
    remedy: String,
    entry: &RouteEntry,
) -> Finding {
    Finding {
        rule,
        subject: Subject::Route { prefix, origin },
        asn: origin,
        message,
        evidence,
        remedy,
        spans: entry.spans.clone(),
    }
}

/// A finding about an AS.
pub(crate) fn asn_finding(
    rule: Rule,
    asn: Asn,
    message: String,
    evidence: Vec<String>,
    remedy: String,
) -> Finding {
    Finding {
        rule,
        subject: Subject::Asn(asn),
        asn: Some(asn),
        message,
        evidence,
        remedy,
        spans: Vec::new(),
    }
}

/// At most this many items are listed in one evidence line.
pub(crate) const LIST: usize = 8;

/// Items joined by ", ", the first [`LIST`] of them, with the count of the rest.
pub(crate) fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let mut out = String::new();
    let mut n = 0usize;
    for it in items {
        if n < LIST {
            if n > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{it}");
        }
        n += 1;
    }
    if n > LIST {
        let _ = write!(out, " and {} more", n - LIST);
    }
    if n == 0 {
        out.push_str("none");
    }
    out
}

/// Evidence of RFC 6811 validation: state, reason, covering VRPs.
pub(crate) fn rov_evidence(index: &RovIndex, prefix: &Prefix, origin: Option<Asn>) -> Vec<String> {
    let r = validate_origin(index, prefix, origin);
    let mut v = vec![match r.reason {
        Some(reason) => format!("RPKI: {} ({})", r.state.as_str(), reason.as_str()),
        None => format!("RPKI: {}", r.state.as_str()),
    }];
    if !r.covering.is_empty() {
        v.push(format!(
            "covering VRPs: {}",
            list(
                r.covering
                    .iter()
                    .map(|c| format!("{}-{} {}", c.prefix, c.max_length, c.asn))
            )
        ));
    }
    v
}

/// Evidence of the IRR: status and covering route objects.
pub(crate) fn irr_evidence(db: &IrrDb, prefix: &Prefix, origin: Option<Asn>) -> Vec<String> {
    let c = check_route_with(db, prefix, origin, &Default::default());
    let mut v = vec![format!("IRR: {}", c.status.name())];
    if !c.covering.is_empty() {
        v.push(format!(
            "route objects covering it: {}",
            list(
                c.covering
                    .iter()
                    .map(|r| format!("{} {} ({})", r.prefix, r.origin, r.source))
            )
        ));
    }
    v
}

/// Evidence of how a route was seen: a path, the announcements, the spans.
pub(crate) fn seen_evidence(entry: &RouteEntry, path: Option<&AsPath>) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(p) = path.or(entry.paths.first()) {
        v.push(format!("AS path: {p}"));
    }
    if let (Some(first), Some(last)) = (entry.spans.first(), entry.spans.last()) {
        let secs: i64 = entry.spans.iter().map(|s| s.duration()).sum();
        v.push(format!(
            "seen {} to {} ({} span(s), {} s announced)",
            format_rfc3339(first.start),
            format_rfc3339(last.end),
            entry.spans.len(),
            secs
        ));
    }
    v
}

/// The common evidence of an own route: how it was seen.
pub(crate) fn own_evidence(r: &OwnRoute) -> Vec<String> {
    seen_evidence(r.entry, None)
}

/// The common evidence of a customer route: the customer, the path.
pub(crate) fn customer_evidence(c: &CustomerRoute) -> Vec<String> {
    let mut v = vec![format!("customer {} of {}", c.customer, c.via)];
    v.extend(seen_evidence(c.entry, Some(c.path)));
    v
}

/// Whether PeeringDB data was given and has a net for `asn`.
pub(crate) fn peeringdb_net_exists(cx: &Context, asn: Asn) -> bool {
    cx.ds.peeringdb().is_some_and(|p| p.net(asn).is_some())
}
