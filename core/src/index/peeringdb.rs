//! PeeringDB objects by key: networks by ASN, contacts by network,
//! organisations by id.
//!
//! Built from one or more pages read by [`crate::parse::peeringdb`] (the
//! PeeringDB REST API's `net`, `poc` and `org` objects). Objects are
//! deduplicated by id (an object given again, in a later page, replaces the
//! earlier one) and kept sorted: networks by (ASN, id), contacts by
//! (network id, id), organisations by id, so every answer comes out in the
//! same order whatever the order of the pages.
//!
//! ```
//! use routeguard::index::peeringdb::PeeringDb;
//! use routeguard::parse::peeringdb::parse_page;
//! use routeguard::Asn;
//! let nets = parse_page(br#"{"data": [{"id": 3, "asn": 64500, "org_id": 2}]}"#).unwrap();
//! let pocs = parse_page(br#"{"data": [{"id": 7, "net_id": 3, "role": "NOC",
//!     "visible": "Public", "email": "noc@example.net"}]}"#).unwrap();
//! let db = PeeringDb::from_pages([nets, pocs]);
//! let net = db.net(Asn::new(64500)).unwrap();
//! assert_eq!(db.pocs_of(net).len(), 1);
//! assert!(db.has_operational_contact(Asn::new(64500)));
//! assert!(db.net(Asn::new(64501)).is_none());
//! ```

use crate::model::Asn;
use crate::parse::peeringdb::{IrrRef, Net, Org, PdbPage, Poc, Status};

/// PeeringDB networks, contacts and organisations, indexed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeeringDb {
    /// Sorted by (ASN, id), ids unique.
    nets: Vec<Net>,
    /// Sorted by (net id, id), ids unique.
    pocs: Vec<Poc>,
    /// Sorted by id, ids unique.
    orgs: Vec<Org>,
}

/// Collects pages, then [`PeeringDbBuilder::build`]s a [`PeeringDb`].
#[derive(Clone, Debug, Default)]
pub struct PeeringDbBuilder {
    nets: Vec<Net>,
    pocs: Vec<Poc>,
    orgs: Vec<Org>,
}

impl PeeringDbBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the objects of one page (later pages win over earlier ones
    /// for objects with the same id).
    pub fn add(&mut self, page: PdbPage) -> &mut Self {
        self.nets.extend(page.nets);
        self.pocs.extend(page.pocs);
        self.orgs.extend(page.orgs);
        self
    }

    /// Deduplicates by id (the last added wins) and sorts.
    pub fn build(self) -> PeeringDb {
        PeeringDb {
            nets: last_by_id(self.nets, |n| n.id, |n| (n.asn, n.id)),
            pocs: last_by_id(self.pocs, |p| p.id, |p| (p.net_id, p.id)),
            orgs: last_by_id(self.orgs, |o| o.id, |o| o.id),
        }
    }
}

/// Keeps the last object of each id, sorted by `key`.
fn last_by_id<T, K: Ord>(items: Vec<T>, id: impl Fn(&T) -> u64, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut indexed: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    // By id, the latest first; keep the first of each id.
    indexed.sort_by(|(i, a), (j, b)| id(a).cmp(&id(b)).then(j.cmp(i)));
    indexed.dedup_by(|(_, later), (_, kept)| id(later) == id(kept));
    let mut out: Vec<T> = indexed.into_iter().map(|(_, t)| t).collect();
    out.sort_by_key(|t| key(t));
    out
}

impl PeeringDb {
    /// A database of the objects of `pages`.
    pub fn from_pages(pages: impl IntoIterator<Item = PdbPage>) -> Self {
        let mut b = PeeringDbBuilder::new();
        for page in pages {
            b.add(page);
        }
        b.build()
    }

    /// Every network, by (ASN, id).
    pub fn nets(&self) -> &[Net] {
        &self.nets
    }

    /// Every contact, by (network id, id).
    pub fn pocs(&self) -> &[Poc] {
        &self.pocs
    }

    /// Every organisation, by id.
    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }

    /// Whether there is no object at all.
    pub fn is_empty(&self) -> bool {
        self.nets.is_empty() && self.pocs.is_empty() && self.orgs.is_empty()
    }

    /// Every network of an ASN (PeeringDB keeps one; a merged set of pages
    /// may hold a deleted one beside it), by id.
    pub fn nets_of(&self, asn: Asn) -> &[Net] {
        let lo = self.nets.partition_point(|n| n.asn < asn);
        let hi = self.nets.partition_point(|n| n.asn <= asn);
        self.nets.get(lo..hi).unwrap_or(&[])
    }

    /// The network of an ASN: the first with status `ok`, else the first
    /// not deleted, else none.
    pub fn net(&self, asn: Asn) -> Option<&Net> {
        let nets = self.nets_of(asn);
        nets.iter()
            .find(|n| n.status == Status::Ok)
            .or_else(|| nets.iter().find(|n| n.status != Status::Deleted))
    }

    /// The network with an id.
    pub fn net_by_id(&self, id: u64) -> Option<&Net> {
        self.nets.iter().find(|n| n.id == id)
    }

    /// The contacts of a network, by id (every role and visibility).
    pub fn pocs_of(&self, net: &Net) -> &[Poc] {
        self.pocs_of_id(net.id)
    }

    /// The contacts of the network with id `net_id`, by id.
    pub fn pocs_of_id(&self, net_id: u64) -> &[Poc] {
        let lo = self.pocs.partition_point(|p| p.net_id < net_id);
        let hi = self.pocs.partition_point(|p| p.net_id <= net_id);
        self.pocs.get(lo..hi).unwrap_or(&[])
    }

    /// The contacts MANRS Action 3 asks for of a network: visible NOC or
    /// Technical contacts with a usable e-mail or phone
    /// ([`Poc::is_operational_contact`]), by id.
    pub fn operational_contacts<'a>(&'a self, net: &Net) -> impl Iterator<Item = &'a Poc> + 'a {
        self.pocs_of(net)
            .iter()
            .filter(|p| p.is_operational_contact())
    }

    /// Whether the ASN has a network with at least one operational contact.
    pub fn has_operational_contact(&self, asn: Asn) -> bool {
        self.net(asn)
            .is_some_and(|n| self.operational_contacts(n).next().is_some())
    }

    /// The organisation with an id.
    pub fn org(&self, id: u64) -> Option<&Org> {
        let i = self.orgs.binary_search_by_key(&id, |o| o.id).ok()?;
        self.orgs.get(i)
    }

    /// The organisation of a network.
    pub fn org_of(&self, net: &Net) -> Option<&Org> {
        self.org(net.org_id?)
    }

    /// The IRR references of the ASN's network's `irr_as_set`
    /// ([`crate::parse::peeringdb::parse_irr_as_set`]); empty when it has
    /// no network or the field is empty.
    pub fn irr_refs(&self, asn: Asn) -> Vec<IrrRef> {
        self.net(asn).map(Net::irr_refs).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::peeringdb::parse_page;

    #[test]
    fn merge_dedup_order() {
        let a = parse_page(
            br#"{"data": [
            {"id": 2, "asn": 64502, "name": "old", "status": "ok"},
            {"id": 1, "asn": 64501, "status": "ok"},
            {"id": 9, "asn": 64501, "status": "deleted"},
            {"id": 5, "net_id": 2, "role": "NOC", "email": "a@b.c", "visible": "Public"},
            {"id": 4, "net_id": 2, "role": "Policy", "email": "a@b.c", "visible": "Public"},
            {"id": 8, "name": "O2"}
        ]}"#,
        )
        .unwrap();
        let b = parse_page(
            br#"{"data": [{"id": 2, "asn": 64502, "name": "new", "org_id": 8},
            {"id": 3, "net_id": 1, "role": "Technical", "phone": "+1 555 0100", "visible": "Private"}]}"#,
        )
        .unwrap();
        let db = PeeringDb::from_pages([a.clone(), b.clone()]);
        let db2 = PeeringDb::from_pages([a, b]);
        assert_eq!(db, db2);
        let ids: Vec<u64> = db.nets().iter().map(|n| n.id).collect();
        assert_eq!(ids, [1, 9, 2]);
        let n2 = db.net(Asn::new(64502)).unwrap();
        assert_eq!(n2.name, "new");
        assert_eq!(db.org_of(n2).unwrap().name, "O2");
        assert_eq!(db.net(Asn::new(64501)).unwrap().id, 1);
        assert_eq!(db.nets_of(Asn::new(64501)).len(), 2);
        let pocs: Vec<u64> = db.pocs_of(n2).iter().map(|p| p.id).collect();
        assert_eq!(pocs, [4, 5]);
        assert!(db.has_operational_contact(Asn::new(64502)));
        assert!(!db.has_operational_contact(Asn::new(64501)), "private");
        assert!(!db.has_operational_contact(Asn::new(64503)));
        assert_eq!(db.operational_contacts(n2).count(), 1);
        assert!(db.net_by_id(9).is_some());
        assert!(db.org(7).is_none());
        assert!(db.irr_refs(Asn::new(64502)).is_empty());
    }
}
