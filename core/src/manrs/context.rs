//! What every rule needs to know, gathered once: the operator's own and
//! customer routes with their RPKI, IRR and bogon facts.

use std::collections::HashSet;

use super::report::Operator;
use super::routes::{RouteEntry, RouteTable};
use crate::dataset::Dataset;
use crate::index::asrel::Relation;
use crate::model::{collapse_prepends, AsPath, Asn, Prefix};
use crate::validate::irr::{route_status, IrrStatus};
use crate::validate::rov::{origin_state, RovState};

/// An own route: its origin is an operator ASN.
pub(crate) struct OwnRoute<'a> {
    pub prefix: Prefix,
    pub origin: Asn,
    pub entry: &'a RouteEntry,
    pub rov: Option<RovState>,
    pub irr: Option<IrrStatus>,
}

impl OwnRoute<'_> {
    /// IRR `valid` or `covered` (Observatory M7IRR, CAIDA Action 4).
    pub fn registered(&self) -> Option<bool> {
        self.irr.map(registered)
    }
}

/// Whether an IRR status counts as registered.
pub(crate) fn registered(s: IrrStatus) -> bool {
    matches!(s, IrrStatus::Valid | IrrStatus::Covered)
}

/// A customer route: a path holds an operator ASN whose right-hand
/// neighbour is its customer, and the origin is not the operator.
pub(crate) struct CustomerRoute<'a> {
    pub prefix: Prefix,
    pub origin: Option<Asn>,
    pub entry: &'a RouteEntry,
    /// The operator AS that has the customer.
    pub via: Asn,
    /// The customer: the operator's right-hand neighbour.
    pub customer: Asn,
    /// The path that shows it.
    pub path: &'a AsPath,
    /// The path's ASes right of the operator (customer first, origin
    /// last), prepends collapsed, confederation segments dropped; AS_SET
    /// members in place.
    pub right: Vec<Asn>,
    pub rov: Option<RovState>,
    pub irr: Option<IrrStatus>,
}

pub(crate) struct Context<'a> {
    pub ds: &'a Dataset,
    pub op: &'a Operator,
    pub routes: &'a RouteTable,
    pub own: Vec<OwnRoute<'a>>,
    pub customer: Vec<CustomerRoute<'a>>,
    /// Whether anything says who the customers are (as-rel or
    /// `--customer`).
    pub customers_known: bool,
    /// The customer as-set: the operator's, else its PeeringDB record's
    /// (set by `report::check` once the context exists).
    pub as_set: Option<String>,
}

impl<'a> Context<'a> {
    pub fn new(ds: &'a Dataset, op: &'a Operator, routes: &'a RouteTable) -> Self {
        let rov = ds.rov();
        let irr = ds.irr();
        let mut own = Vec::new();
        let mut customer = Vec::new();
        let mut seq = Vec::new();
        let cx_probe = Probe { ds, op };
        for (prefix, origin, entry) in routes.routes() {
            let rov_state = rov.map(|i| origin_state(i, &prefix, origin).0);
            let irr_of = |o: Option<Asn>| -> Option<IrrStatus> {
                let db = irr?;
                Some(match o {
                    Some(o) => route_status(db, &prefix, o),
                    None => IrrStatus::NotFound,
                })
            };
            if let Some(o) = origin.filter(|o| op.is_operator(*o)) {
                own.push(OwnRoute {
                    prefix,
                    origin: o,
                    entry,
                    rov: rov_state,
                    irr: irr_of(origin),
                });
                continue;
            }
            for path in &entry.paths {
                seq.clear();
                seq.extend(collapse_prepends(path.external_asns()));
                let Some(i) = seq.iter().position(|a| op.is_operator(*a)) else {
                    continue;
                };
                let (Some(&via), Some(&next)) = (seq.get(i), seq.get(i + 1)) else {
                    continue;
                };
                if op.is_operator(next)
                    || !cx_probe.is_customer(via, next)
                    || path_has_set_at(path, next)
                {
                    continue;
                }
                customer.push(CustomerRoute {
                    prefix,
                    origin,
                    entry,
                    via,
                    customer: next,
                    path,
                    right: seq.get(i + 1..).unwrap_or_default().to_vec(),
                    rov: rov_state,
                    irr: irr_of(origin),
                });
                break;
            }
        }
        Context {
            ds,
            op,
            routes,
            as_set: None,
            own,
            customer,
            customers_known: ds.relations().is_some() || !op.customers.is_empty(),
        }
    }

    /// What `b` is to `a` by the AS relationships.
    pub fn relation(&self, a: Asn, b: Asn) -> Option<Relation> {
        self.ds.relations()?.relationship(a, b)
    }

    /// The distinct customers seen as the operator's right-hand neighbour,
    /// sorted, with one route that shows each.
    pub fn customers_seen(&self) -> Vec<(Asn, &CustomerRoute<'a>)> {
        let mut seen = HashSet::new();
        let mut v: Vec<_> = self
            .customer
            .iter()
            .filter(|c| seen.insert(c.customer))
            .map(|c| (c.customer, c))
            .collect();
        v.sort_by_key(|(a, _)| *a);
        v
    }
}

struct Probe<'a> {
    ds: &'a Dataset,
    op: &'a Operator,
}

impl Probe<'_> {
    fn is_customer(&self, a: Asn, b: Asn) -> bool {
        self.op.customers.contains(&b)
            || self
                .ds
                .relations()
                .is_some_and(|r| r.relationship(a, b) == Some(Relation::Customer))
    }
}

/// Whether `asn` appears in the path only as a member of an AS_SET (then
/// it is no neighbour of anything).
fn path_has_set_at(path: &AsPath, asn: Asn) -> bool {
    !path.compressed_asns().any(|a| a == asn)
}
