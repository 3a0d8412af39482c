//! Observatory mode: the metrics of every origin AS of a routing table at
//! once, as the MANRS Observatory publishes them monthly, plus CAIDA's
//! conformance tests.

use std::collections::HashMap;

use super::context::registered;
use super::metrics::m7rpki;
use super::routes::RouteTable;
use crate::dataset::Dataset;
use crate::index::asrel::Relation;
use crate::model::Asn;
use crate::validate::irr::{route_status, IrrStatus};
use crate::validate::rov::{origin_state, RovState};

/// The metrics of one origin AS.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObservatoryRow {
    /// The origin AS.
    pub asn: Asn,
    /// Distinct prefixes it originates.
    pub routes: usize,
    /// Its routes RPKI valid, invalid, not-found (with VRPs).
    pub rpki: Option<[usize; 3]>,
    /// M7RPKI, 0–1 (with VRPs).
    pub m7rpki: Option<f64>,
    /// Its routes registered in the IRR (with IRR data).
    pub irr_registered: Option<usize>,
    /// M7IRR, 0–1 (with IRR data).
    pub m7irr: Option<f64>,
    /// M3: its routes with a bogon prefix.
    pub m3: usize,
    /// M4: routes in whose path it passed on a bogon ASN (its right-hand
    /// neighbour is one).
    pub m4: usize,
    /// CAIDA Action 1: none of the routes it propagates from customers
    /// (AS relationships; needs paths) is RPKI invalid, or not-found and
    /// unregistered (with IRR data). `None` without VRPs, as-rel or paths.
    pub caida_action1: Option<bool>,
    /// CAIDA Action 4: at least 90 % of its routes IRR-registered or RPKI
    /// valid. `None` without VRPs and IRR data.
    pub caida_action4: Option<bool>,
}

#[derive(Default)]
struct Acc {
    prefixes: usize,
    rpki: [usize; 3],
    registered: usize,
    ok4: usize,
    m3: usize,
    m4: usize,
    customer_routes: usize,
    customer_bad: usize,
}

/// One row per origin AS of `routes`, sorted by ASN. Routes whose path
/// ends in an AS_SET (no origin) count for no AS.
pub fn observatory(ds: &Dataset, routes: &RouteTable) -> Vec<ObservatoryRow> {
    let rov = ds.rov();
    let irr = ds.irr();
    let rel = ds.relations();
    let bogons = ds.bogons();
    let mut acc: HashMap<Asn, Acc> = HashMap::new();
    let mut seq = Vec::new();
    let mut has_paths = false;
    for (prefix, origin, entry) in routes.iter() {
        let state = rov.map(|i| origin_state(i, &prefix, origin).0);
        let irr_status = irr.map(|db| match origin {
            Some(o) => route_status(db, &prefix, o),
            None => IrrStatus::NotFound,
        });
        if let Some(o) = origin {
            let a = acc.entry(o).or_default();
            a.prefixes += 1;
            match state {
                Some(RovState::Valid) => a.rpki[0] += 1,
                Some(RovState::Invalid) => a.rpki[1] += 1,
                Some(RovState::NotFound) => a.rpki[2] += 1,
                None => {}
            }
            let reg = irr_status.is_some_and(registered);
            a.registered += usize::from(reg);
            a.ok4 += usize::from(reg || state == Some(RovState::Valid));
            a.m3 += usize::from(bogons.is_bogon_prefix(&prefix));
        }
        let bad_customer = state == Some(RovState::Invalid)
            || (irr.is_some()
                && state == Some(RovState::NotFound)
                && !irr_status.is_some_and(registered));
        // Per AS in the paths: passed on a bogon ASN; propagated a
        // customer route. Each AS counts a route once.
        let mut m4_hits: Vec<Asn> = Vec::new();
        let mut cust_hits: Vec<Asn> = Vec::new();
        for path in &entry.paths {
            seq.clear();
            seq.extend(path.compressed_asns());
            has_paths |= seq.len() > 1;
            for w in seq.windows(2) {
                let [a, b] = w else { continue };
                if bogons.check_asn(*b).is_some() && !m4_hits.contains(a) {
                    m4_hits.push(*a);
                }
                if Some(*a) != origin
                    && rel.is_some_and(|r| r.relationship(*a, *b) == Some(Relation::Customer))
                    && !cust_hits.contains(a)
                {
                    cust_hits.push(*a);
                }
            }
        }
        for a in m4_hits {
            acc.entry(a).or_default().m4 += 1;
        }
        for a in cust_hits {
            let e = acc.entry(a).or_default();
            e.customer_routes += 1;
            e.customer_bad += usize::from(bad_customer);
        }
    }
    let action1 = rov.is_some() && rel.is_some() && has_paths;
    let mut rows: Vec<ObservatoryRow> = acc
        .into_iter()
        .filter(|(_, a)| a.prefixes > 0)
        .map(|(asn, a)| {
            let n = a.prefixes;
            ObservatoryRow {
                asn,
                routes: n,
                rpki: rov.map(|_| a.rpki),
                m7rpki: rov.and_then(|_| m7rpki(a.rpki[0], a.rpki[1], n)),
                irr_registered: irr.map(|_| a.registered),
                m7irr: irr.map(|_| a.registered as f64 / n as f64),
                m3: a.m3,
                m4: a.m4,
                caida_action1: action1.then_some(a.customer_bad == 0),
                caida_action4: (rov.is_some() || irr.is_some())
                    .then(|| a.ok4 as f64 / n as f64 >= 0.9),
            }
        })
        .collect();
    rows.sort_unstable_by_key(|r| r.asn);
    rows
}
