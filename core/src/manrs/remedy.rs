//! The fix, as data: route objects, ROAs (maxLength = prefix length, as
//! RFC 9319 advises), as-set members and aut-num skeletons to create.
//! `render::manrs` writes them as RPSL, CSV and SLURM files.

use super::context::Context;
use super::finding::{Finding, Subject};
use super::rule::Rule;
use crate::model::{Asn, Prefix, Vrp};

/// A ROA to create.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoaSuggestion {
    /// The prefix.
    pub prefix: Prefix,
    /// Its maxLength (the prefix length).
    pub max_length: u8,
    /// The origin to authorise.
    pub asn: Asn,
    /// The rule whose finding asks for it.
    pub rule: Rule,
}

/// An aut-num to create or complete: its neighbours by role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AutNumSkeleton {
    /// The AS.
    pub asn: Asn,
    /// Its providers (AS relationships).
    pub providers: Vec<Asn>,
    /// Its peers (AS relationships).
    pub peers: Vec<Asn>,
    /// Its customers (AS relationships, `--customer`, customer routes).
    pub customers: Vec<Asn>,
    /// The customer as-set to export, if known.
    pub as_set: Option<String>,
}

/// Everything to create or change, from the findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remedies {
    /// route/route6 objects to create: (prefix, origin), sorted.
    pub route_objects: Vec<(Prefix, Asn)>,
    /// ROAs to create, sorted.
    pub roas: Vec<RoaSuggestion>,
    /// VRPs (ROAs) to replace by the suggested ones: loose maxLength.
    pub roas_to_replace: Vec<Vrp>,
    /// The customer as-set, when known.
    pub as_set: Option<String>,
    /// ASNs to add to it, sorted.
    pub as_set_members: Vec<Asn>,
    /// aut-nums to create or complete.
    pub aut_nums: Vec<AutNumSkeleton>,
}

impl Remedies {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.route_objects.is_empty()
            && self.roas.is_empty()
            && self.roas_to_replace.is_empty()
            && self.as_set_members.is_empty()
            && self.aut_nums.is_empty()
    }
}

pub(crate) fn plan(cx: &Context, findings: &[Finding]) -> Remedies {
    let as_set = cx.as_set.as_deref();
    let mut r = Remedies {
        as_set: as_set.map(str::to_owned),
        ..Remedies::default()
    };
    let mut autnum_asns = Vec::new();
    for f in findings {
        match (f.rule, &f.subject) {
            (
                Rule::IrrMissing,
                Subject::Route {
                    prefix,
                    origin: Some(o),
                },
            ) => r.route_objects.push((*prefix, *o)),
            (
                Rule::RoaMissing | Rule::OwnRpkiInvalid,
                Subject::Route {
                    prefix,
                    origin: Some(o),
                },
            ) => r.roas.push(RoaSuggestion {
                prefix: *prefix,
                max_length: prefix.len(),
                asn: *o,
                rule: f.rule,
            }),
            (
                Rule::RoaLooseMaxlength,
                Subject::Vrp {
                    prefix,
                    max_length,
                    asn,
                },
            ) => {
                if let Some(v) = cx.ds.vrps().and_then(|s| {
                    s.vrps.iter().find(|v| {
                        v.prefix == *prefix && v.max_length == *max_length && v.asn == *asn
                    })
                }) {
                    r.roas_to_replace.push(v.clone());
                }
                for own in cx.own.iter().filter(|o| {
                    o.origin == *asn && prefix.covers(&o.prefix) && o.prefix.len() <= *max_length
                }) {
                    r.roas.push(RoaSuggestion {
                        prefix: own.prefix,
                        max_length: own.prefix.len(),
                        asn: *asn,
                        rule: f.rule,
                    });
                }
            }
            (Rule::AsSetMissingCustomer, Subject::Asn(a)) => r.as_set_members.push(*a),
            (Rule::NoAutNum | Rule::AutNumNoPolicy, Subject::Asn(a)) => autnum_asns.push(*a),
            _ => {}
        }
    }
    r.route_objects.sort_unstable();
    r.route_objects.dedup();
    r.roas.sort_unstable();
    r.roas
        .dedup_by(|a, b| (a.prefix, a.max_length, a.asn) == (b.prefix, b.max_length, b.asn));
    r.roas_to_replace
        .sort_by_key(|v| (v.prefix, v.max_length, v.asn));
    r.as_set_members.sort_unstable();
    r.as_set_members.dedup();
    autnum_asns.sort_unstable();
    autnum_asns.dedup();
    for asn in autnum_asns {
        let rel = cx.ds.relations();
        let mut customers: Vec<Asn> = rel
            .map(|r| r.customers_of(asn).to_vec())
            .unwrap_or_default();
        customers.extend(cx.op.customers.iter().copied());
        customers.extend(
            cx.customer
                .iter()
                .filter(|c| c.via == asn)
                .map(|c| c.customer),
        );
        customers.sort_unstable();
        customers.dedup();
        r.aut_nums.push(AutNumSkeleton {
            asn,
            providers: rel
                .map(|r| r.providers_of(asn).to_vec())
                .unwrap_or_default(),
            peers: rel.map(|r| r.peers_of(asn).to_vec()).unwrap_or_default(),
            customers,
            as_set: as_set.map(str::to_owned),
        });
    }
    r
}
