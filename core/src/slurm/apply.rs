//! Applying a SLURM file to a payload set (RFC 8416 §4,
//! draft-ietf-sidrops-aspa-slurm §3). The rules are listed in the module
//! documentation of [`crate::slurm`].

use std::collections::{HashMap, HashSet};

use super::codec;
use super::Slurm;
use crate::model::{Asn, Aspa, Family, Prefix, RouterKey, VrpSet};
use crate::util::base64;

/// An SKI or key in a comparable form: its bytes when it decodes, else
/// its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Blob {
    Bytes(Vec<u8>),
    Text(String),
}

/// An SKI as a SLURM file writes it (base64url; other base64 tolerated).
fn slurm_ski_blob(s: &str) -> Blob {
    base64::decode(s).map_or_else(|| Blob::Text(s.to_owned()), |(b, _)| Blob::Bytes(b))
}

/// An SKI as a [`RouterKey`] holds it (hex, or base64).
fn ski_blob(s: &str) -> Blob {
    codec::export_ski_bytes(s).map_or_else(|| Blob::Text(s.to_owned()), Blob::Bytes)
}

fn key_blob(s: &str) -> Blob {
    codec::key_bytes(s).map_or_else(|| Blob::Text(s.to_owned()), Blob::Bytes)
}

/// Whether a SLURM SKI and an export's SKI name the same key identifier.
pub(super) fn same_ski(slurm: &str, export: &str) -> bool {
    slurm_ski_blob(slurm) == ski_blob(export)
}

/// What the prefix filters of one prefix say: drop every VRP under it, or
/// only those of these ASNs.
#[derive(Default)]
struct Under {
    any: bool,
    asns: HashSet<Asn>,
}

pub(super) fn apply_filters(slurm: &Slurm, set: &mut VrpSet) {
    if !slurm.prefix_filters.is_empty() {
        let mut asn_only: HashSet<Asn> = HashSet::new();
        let mut by_prefix: HashMap<Prefix, Under> = HashMap::new();
        for f in &slurm.prefix_filters {
            match (f.prefix, f.asn) {
                (None, Some(a)) => {
                    asn_only.insert(a);
                }
                (Some(p), a) => {
                    let u = by_prefix.entry(p).or_default();
                    match a {
                        None => u.any = true,
                        Some(a) => {
                            u.asns.insert(a);
                        }
                    }
                }
                (None, None) => {}
            }
        }
        // The filter prefix lengths present, per family: a VRP is looked up
        // once per length no longer than its own.
        let lengths = |fam: Family| {
            let mut l: Vec<u8> = by_prefix
                .keys()
                .filter(|p| p.family() == fam)
                .map(Prefix::len)
                .collect();
            l.sort_unstable();
            l.dedup();
            l
        };
        let (len4, len6) = (lengths(Family::V4), lengths(Family::V6));
        set.vrps.retain(|v| {
            if asn_only.contains(&v.asn) {
                return false;
            }
            let lens = if v.prefix.is_ipv4() { &len4 } else { &len6 };
            for &l in lens.iter().take_while(|&&l| l <= v.prefix.len()) {
                let covering = v.prefix.truncate(l).and_then(|p| by_prefix.get(&p));
                if let Some(u) = covering {
                    if u.any || u.asns.contains(&v.asn) {
                        return false;
                    }
                }
            }
            true
        });
    }

    if !slurm.bgpsec_filters.is_empty() {
        let filters: Vec<(Option<Asn>, Option<Blob>)> = slurm
            .bgpsec_filters
            .iter()
            .map(|f| (f.asn, f.ski.as_deref().map(slurm_ski_blob)))
            .collect();
        set.router_keys.retain(|k| {
            let ski = ski_blob(&k.ski);
            !filters.iter().any(|(asn, fski)| match (asn, fski) {
                (None, None) => false,
                (a, s) => a.is_none_or(|a| a == k.asn) && s.as_ref().is_none_or(|s| *s == ski),
            })
        });
    }

    if !slurm.aspa_filters.is_empty() {
        let customers: HashSet<Asn> = slurm.aspa_filters.iter().map(|f| f.customer).collect();
        set.aspas.retain(|a| !customers.contains(&a.customer));
    }
}

pub(super) fn add_assertions(slurm: &Slurm, set: &mut VrpSet) {
    if !slurm.prefix_assertions.is_empty() {
        let mut present: HashSet<(Prefix, u8, Asn)> = set.vrps.iter().map(|v| v.key()).collect();
        for a in &slurm.prefix_assertions {
            if let Ok(vrp) = a.to_vrp() {
                if present.insert(vrp.key()) {
                    set.vrps.push(vrp);
                }
            }
        }
    }

    if !slurm.bgpsec_assertions.is_empty() {
        let ident = |k: &RouterKey| (k.asn, ski_blob(&k.ski), key_blob(&k.public_key));
        let mut present: HashSet<(Asn, Blob, Blob)> = set.router_keys.iter().map(ident).collect();
        for a in &slurm.bgpsec_assertions {
            let key = a.to_router_key();
            if present.insert(ident(&key)) {
                set.router_keys.push(key);
            }
        }
    }

    if !slurm.aspa_assertions.is_empty() {
        merge_aspas(slurm, set);
    }
}

/// Adds the ASPA assertions, one ASPA per asserted customer (see the module
/// documentation of [`crate::slurm`] for the rule).
fn merge_aspas(slurm: &Slurm, set: &mut VrpSet) {
    // Asserted providers per customer, customers in file order.
    let mut order: Vec<Asn> = Vec::new();
    let mut asserted: HashMap<Asn, Vec<Asn>> = HashMap::new();
    for a in &slurm.aspa_assertions {
        let e = asserted.entry(a.customer).or_insert_with(|| {
            order.push(a.customer);
            Vec::new()
        });
        e.extend_from_slice(&a.providers);
    }
    let mut existing: HashMap<Asn, Vec<usize>> = HashMap::new();
    for (i, a) in set.aspas.iter().enumerate() {
        if asserted.contains_key(&a.customer) {
            existing.entry(a.customer).or_default().push(i);
        }
    }
    let mut replace: HashMap<usize, Aspa> = HashMap::new();
    let mut drop: HashSet<usize> = HashSet::new();
    let mut append: Vec<Aspa> = Vec::new();
    for customer in order {
        let mut providers = asserted.remove(&customer).unwrap_or_default();
        providers.sort_unstable();
        providers.dedup();
        let Some(idx) = existing.get(&customer) else {
            append.push(Aspa::new(customer, providers));
            continue;
        };
        let mut union: Vec<Asn> = idx
            .iter()
            .filter_map(|&i| set.aspas.get(i))
            .flat_map(|a| a.providers.iter().copied())
            .collect();
        union.sort_unstable();
        union.dedup();
        if providers.iter().all(|p| union.binary_search(p).is_ok()) {
            continue;
        }
        let expires = idx
            .iter()
            .filter_map(|&i| set.aspas.get(i).and_then(|a| a.expires))
            .min();
        union.extend(providers);
        let mut merged = Aspa::new(customer, union);
        merged.expires = expires;
        if let Some((&first, rest)) = idx.split_first() {
            replace.insert(first, merged);
            drop.extend(rest.iter().copied());
        }
    }
    if !replace.is_empty() {
        let old = std::mem::take(&mut set.aspas);
        set.aspas = old
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(i, a)| replace.remove(&i).unwrap_or(a))
            .collect();
    }
    set.aspas.extend(append);
}
