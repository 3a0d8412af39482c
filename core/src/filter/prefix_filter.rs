//! Customer prefix filters with RPKI (MANRS Action 1: filters built from
//! IRR route objects and ROAs): the prefixes of ASNs, as-sets and
//! route-sets, each with the origins whose route objects gave it, checked
//! by RFC 6811 origin validation. Invalid (prefix, origin) pairs are
//! dropped or tagged; ROAs of the filter's ASNs can stand in for missing
//! route objects (as arouteserver's "ROAs as route objects" does).
//!
//! Expansion goes through a [`Resolver`], so the same filter comes from a
//! local dump or an IRRd server; unlike bgpq4's `!a` fast path it keeps
//! the origin of every prefix (`!i…,1` then `!g`/`!6` per ASN).

use std::collections::{BTreeMap, BTreeSet};

use crate::filter::resolve::{Answer, Query, ResolveError, Resolver};
use crate::index::RovIndex;
use crate::model::{Asn, Family, Prefix, PrefixRange, Vrp};
use crate::validate::rov::validate_origin;
use crate::RovState;

/// What to do with a (prefix, origin) that RPKI says is invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RpkiPolicy {
    /// Drop it (the prefix stays when another origin of it is not invalid).
    #[default]
    Drop,
    /// Keep it; its entry says `invalid`.
    Tag,
}

impl RpkiPolicy {
    /// `drop` or `tag`.
    pub fn as_str(self) -> &'static str {
        match self {
            RpkiPolicy::Drop => "drop",
            RpkiPolicy::Tag => "tag",
        }
    }
}

impl std::str::FromStr for RpkiPolicy {
    type Err = crate::model::UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "drop" => Ok(RpkiPolicy::Drop),
            "tag" => Ok(RpkiPolicy::Tag),
            _ => Err(crate::model::UnknownWord::new(
                "RPKI policy",
                s,
                "drop, tag",
            )),
        }
    }
}

/// What to build a filter from.
#[derive(Clone, Debug)]
pub struct FilterRequest<'a> {
    /// ASNs (`AS64500`), as-sets (`AS-FOO`, `AS1:AS-FOO`, `RIPE::AS-FOO`),
    /// route-sets (`RS-FOO`) and prefixes, as bgpq4 takes them.
    pub objects: Vec<String>,
    /// Which family.
    pub family: Family,
    /// IRR sources in order (`None`: what the resolver selects).
    pub sources: Option<Vec<String>>,
    /// Validated ROA payloads for origin validation (`None`: no RPKI).
    pub rov: Option<&'a RovIndex>,
    /// What to do with invalid pairs.
    pub policy: RpkiPolicy,
    /// ROAs whose ASN is in the filter: their prefixes (up to their max
    /// length) join the filter as if route objects existed.
    pub roas_as_routes: Option<&'a [Vrp]>,
    /// Prefixes longer than this are left out (`None`: the family's
    /// maximum), as bgpq4's `-m`.
    pub max_len: Option<u8>,
}

impl<'a> FilterRequest<'a> {
    /// A request for `objects` in `family`, everything else off.
    pub fn new(objects: Vec<String>, family: Family) -> Self {
        FilterRequest {
            objects,
            family,
            sources: None,
            rov: None,
            policy: RpkiPolicy::Drop,
            roas_as_routes: None,
            max_len: None,
        }
    }
}

/// Where an entry of a filter comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum EntrySource {
    /// A route(6) object of this origin.
    RouteObject,
    /// A route-set member (no origin).
    RouteSet,
    /// A prefix asked for directly.
    Given,
    /// A ROA used as a route object.
    Roa,
}

impl EntrySource {
    /// `route-object`, `route-set`, `given`, `roa`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntrySource::RouteObject => "route-object",
            EntrySource::RouteSet => "route-set",
            EntrySource::Given => "given",
            EntrySource::Roa => "roa",
        }
    }
}

/// One (prefix range, origin) of a filter with its RPKI state.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FilterEntry {
    /// The prefix and the lengths accepted under it.
    pub range: PrefixRange,
    /// The origin AS (`None` for route-set members and given prefixes).
    pub origin: Option<u32>,
    /// Where it came from.
    pub source: EntrySource,
    /// RFC 6811 state of (prefix, origin) when VRPs were given and there
    /// is an origin.
    pub rpki: Option<RovState>,
}

/// A built filter: what it accepts and what was left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrefixFilter {
    /// The family.
    pub family: Option<Family>,
    /// Kept entries, sorted.
    pub entries: Vec<FilterEntry>,
    /// Entries dropped as RPKI invalid.
    pub dropped: Vec<FilterEntry>,
    /// Every ASN of the objects (sorted).
    pub asns: Vec<u32>,
    /// Sets that no selected source has.
    pub missing_sets: Vec<String>,
}

impl PrefixFilter {
    /// The distinct ranges accepted (what a router list holds), sorted.
    pub fn ranges(&self) -> Vec<PrefixRange> {
        let set: BTreeSet<PrefixRange> = self.entries.iter().map(|e| e.range).collect();
        set.into_iter().collect()
    }
}

fn parse_range_word(w: &str, family: Family) -> Option<PrefixRange> {
    let (p, op) = match w.split_once('^') {
        Some((p, op)) => (p, Some(op)),
        None => (w, None),
    };
    let p = Prefix::parse(p).ok()?;
    if p.family() != family {
        return None;
    }
    let len = p.len();
    let max = family.max_len();
    let (lo, hi) = match op {
        None => (len, len),
        Some("+") => (len, max),
        Some("-") => (len.checked_add(1)?, max),
        Some(r) => match r.split_once('-') {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None => {
                let n: u8 = r.parse().ok()?;
                (n, n)
            }
        },
    };
    PrefixRange::new(p, lo, hi)
}

/// Builds a filter (see the module docs). Route-set members keep their
/// range operators; route objects are exact; a ROA gives its prefix up to
/// its max length.
pub fn build_prefix_filter(
    resolver: &mut dyn Resolver,
    req: &FilterRequest<'_>,
) -> Result<PrefixFilter, ResolveError> {
    let fam = req.family;
    let max_len = req.max_len.unwrap_or_else(|| fam.max_len());
    let mut asns: BTreeSet<u32> = BTreeSet::new();
    let mut entries: BTreeSet<FilterEntry> = BTreeSet::new();
    let mut missing = BTreeSet::new();
    let sources = req.sources.as_ref().map(|s| s.join(","));
    if let Some(s) = &sources {
        if let Answer::Error(m) = resolver.resolve_one(Query::Sources(s.clone()))? {
            return Err(ResolveError::Whois(format!("sources {s}: {m}")));
        }
    }
    let mut push = |range: PrefixRange, origin: Option<u32>, source: EntrySource| {
        if range.prefix.len() <= max_len {
            entries.insert(FilterEntry {
                range,
                origin,
                source,
                rpki: None,
            });
        }
    };
    for obj in &req.objects {
        let (scope, bare) = match obj.split_once("::") {
            Some((s, b)) => (Some(s), b),
            None => (None, obj.as_str()),
        };
        if let Ok(a) = Asn::parse(bare) {
            asns.insert(a.get());
            continue;
        }
        if bare.contains('/') {
            if let Some(r) = parse_range_word(bare, fam) {
                push(r, None, EntrySource::Given);
            }
            continue;
        }
        let mut qs = Vec::new();
        if let Some(s) = scope {
            qs.push(Query::Sources(s.to_owned()));
        }
        let n = qs.len();
        qs.push(Query::Members {
            set: bare.to_owned(),
            recursive: true,
        });
        if scope.is_some() {
            qs.push(Query::Sources(sources.clone().unwrap_or_default()));
        }
        let answers = resolver.resolve(&qs)?;
        let Some(a) = answers.get(n) else { continue };
        if matches!(a, Answer::NotFound | Answer::Error(_)) {
            missing.insert(bare.to_ascii_uppercase());
        }
        for w in a.words() {
            let w: &str = &w;
            if let Ok(asn) = Asn::parse(w) {
                asns.insert(asn.get());
            } else if let Some(r) = parse_range_word(w, fam) {
                push(r, None, EntrySource::RouteSet);
            }
        }
    }
    let list: Vec<u32> = asns.iter().copied().collect();
    let qs: Vec<Query> = list
        .iter()
        .map(|a| Query::Origin {
            asn: *a,
            family: fam,
        })
        .collect();
    let answers = resolver.resolve(&qs)?;
    for (asn, a) in list.iter().zip(&answers) {
        let typed: Vec<Prefix> = match a {
            Answer::Prefixes(v) => v.clone(),
            _ => a.words().filter_map(|w| Prefix::parse(&w).ok()).collect(),
        };
        for p in typed {
            if p.family() == fam {
                push(PrefixRange::exact(p), Some(*asn), EntrySource::RouteObject);
            }
        }
    }
    if let Some(vrps) = req.roas_as_routes {
        for v in vrps {
            if v.prefix.family() == fam && asns.contains(&v.asn.get()) {
                if let Some(r) = PrefixRange::new(v.prefix, v.prefix.len(), v.max_length) {
                    push(r, Some(v.asn.get()), EntrySource::Roa);
                }
            }
        }
    }
    let mut out = PrefixFilter {
        family: Some(fam),
        asns: list,
        missing_sets: missing.into_iter().collect(),
        ..PrefixFilter::default()
    };
    // A prefix given by a ROA and a route object of the same origin once.
    let mut by_key: BTreeMap<(PrefixRange, Option<u32>), FilterEntry> = BTreeMap::new();
    for e in entries {
        by_key.entry((e.range, e.origin)).or_insert(e);
    }
    for (_, mut e) in by_key {
        if let (Some(index), Some(origin)) = (req.rov, e.origin) {
            let state = validate_origin(index, &e.range.prefix, Some(Asn::new(origin))).state;
            e.rpki = Some(state);
            if state == RovState::Invalid && req.policy == RpkiPolicy::Drop {
                out.dropped.push(e);
                continue;
            }
        }
        out.entries.push(e);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_words() {
        let r = |w| parse_range_word(w, Family::V4).map(|r| (r.low, r.high));
        assert_eq!(r("10.0.0.0/8"), Some((8, 8)));
        assert_eq!(r("10.0.0.0/8^+"), Some((8, 32)));
        assert_eq!(r("10.0.0.0/8^-"), Some((9, 32)));
        assert_eq!(r("10.0.0.0/8^16"), Some((16, 16)));
        assert_eq!(r("10.0.0.0/8^16-24"), Some((16, 24)));
        assert_eq!(r("10.0.0.0/8^4"), None);
        assert_eq!(r("2001:db8::/32"), None);
    }
}
