//! The routes a MANRS evaluation judges: distinct (prefix, origin) pairs as
//! seen from outside the operator, with the AS paths that carried them and,
//! from timestamped inputs (`bgpdump -m` lines, MRT BGP4MP updates), the
//! time spans during which they were announced.
//!
//! A span opens when a collector peer announces the route and closes when
//! that peer withdraws the prefix, announces it with another origin (an
//! implicit withdrawal, RFC 4271 §3.1), or when the input ends (at the
//! latest time seen). A route seen only in a RIB dump is a span of zero
//! length at the dump's time. Routes without a time (plain `PREFIX PATH`
//! lines) have no spans, and no incidents are computed from them.

use std::collections::HashMap;
use std::net::IpAddr;

use crate::dataset::routes::{read_routes, RouteOptions, RouteStats};
use crate::dataset::{Input, InputError};
use crate::model::{AsPath, Asn, Prefix};
use crate::parse::bgp::{RouteEvent, RouteEventKind};

/// At most this many distinct AS paths are kept per route (the evidence
/// needs a few; a route seen by hundreds of peers does not need them all).
pub const MAX_PATHS_PER_ROUTE: usize = 16;

/// A half-open time span `[start, end)` in Unix seconds (`start == end`
/// for a route seen at one instant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// When the route was first announced in this span.
    pub start: i64,
    /// When it was withdrawn (or the input ended).
    pub end: i64,
}

impl Span {
    /// Seconds between start and end.
    pub fn duration(&self) -> i64 {
        self.end.saturating_sub(self.start)
    }
}

/// One distinct route and what was seen of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RouteEntry {
    /// Distinct AS paths that carried it (at most
    /// [`MAX_PATHS_PER_ROUTE`], in the order first seen).
    pub paths: Vec<AsPath>,
    /// Time spans when it was announced, sorted (empty without times).
    pub spans: Vec<Span>,
    /// Announcements (and RIB entries) seen.
    pub announcements: u64,
}

/// Which routes a [`RouteTable`] keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RouteFilter {
    /// Every route (the observatory mode).
    #[default]
    All,
    /// Routes whose path holds one of these ASNs (the operator): its own
    /// routes and every route it carried. Sorted, deduplicated.
    Through(Vec<Asn>),
}

impl RouteFilter {
    /// The filter for an operator's ASNs.
    pub fn through(asns: &[Asn]) -> Self {
        let mut v = asns.to_vec();
        v.sort_unstable();
        v.dedup();
        RouteFilter::Through(v)
    }

    fn keeps(&self, path: &AsPath) -> bool {
        match self {
            RouteFilter::All => true,
            RouteFilter::Through(asns) => path.asns().any(|a| asns.binary_search(&a).is_ok()),
        }
    }
}

/// Who told us about a route: the collector peer (address and AS), when
/// the input says.
type PeerKey = (Option<IpAddr>, Option<Asn>);

/// Distinct (prefix, origin) routes with their paths and spans; see the
/// module docs.
///
/// ```
/// use routeguard::manrs::{RouteFilter, RouteTable};
/// use routeguard::{AsPath, Asn};
/// let mut t = RouteTable::new(RouteFilter::All);
/// let p = "192.0.2.0/24".parse().unwrap();
/// t.announce(p, &AsPath::parse("64500 64501").unwrap(), None, Some(100));
/// t.announce(p, &AsPath::parse("64502 64501").unwrap(), None, Some(130));
/// t.withdraw(p, None, Some(160));
/// let t = t.finish();
/// let e = t.get(&p, Some(Asn::new(64501))).unwrap();
/// assert_eq!(e.paths.len(), 2);
/// assert_eq!(e.spans.len(), 1);
/// assert_eq!((e.spans[0].start, e.spans[0].end), (100, 160));
/// ```
#[derive(Clone, Debug, Default)]
pub struct RouteTable {
    filter: RouteFilter,
    routes: HashMap<(Prefix, Option<Asn>), RouteEntry>,
    open: HashMap<(PeerKey, Prefix), (Option<Asn>, i64)>,
    first: Option<i64>,
    last: Option<i64>,
    events: u64,
}

impl RouteTable {
    /// An empty table keeping the routes `filter` selects.
    pub fn new(filter: RouteFilter) -> Self {
        RouteTable {
            filter,
            ..RouteTable::default()
        }
    }

    fn see_time(&mut self, t: i64) {
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        self.last = Some(self.last.map_or(t, |l| l.max(t)));
    }

    /// Records an announcement (or a RIB entry) of `prefix` with `path`,
    /// from collector peer `peer` (address), at time `time`.
    pub fn announce(
        &mut self,
        prefix: Prefix,
        path: &AsPath,
        peer: Option<(IpAddr, Asn)>,
        time: Option<i64>,
    ) {
        self.events += 1;
        let origin = path.origin();
        let keep = self.filter.keeps(path);
        if let Some(t) = time {
            self.see_time(t);
            let key = (peer.map(|p| p.0), peer.map(|p| p.1));
            // An announcement replaces what this peer said of the prefix.
            match self.open.get(&(key, prefix)).copied() {
                Some((old, _)) if old == origin => {}
                old => {
                    if let Some((old, start)) = old {
                        self.close(prefix, old, start, t);
                    }
                    if keep {
                        self.open.insert((key, prefix), (origin, t));
                    } else {
                        self.open.remove(&(key, prefix));
                    }
                }
            }
        }
        if keep {
            self.record(prefix, origin, path);
        }
    }

    fn record(&mut self, prefix: Prefix, origin: Option<Asn>, path: &AsPath) {
        let e = self.routes.entry((prefix, origin)).or_default();
        e.announcements += 1;
        if e.paths.len() < MAX_PATHS_PER_ROUTE && !e.paths.contains(path) {
            e.paths.push(path.clone());
        }
    }

    fn close(&mut self, prefix: Prefix, origin: Option<Asn>, start: i64, end: i64) {
        if let Some(e) = self.routes.get_mut(&(prefix, origin)) {
            e.spans.push(Span {
                start,
                end: end.max(start),
            });
        }
    }

    /// Records a withdrawal of `prefix` by collector peer `peer` at `time`.
    pub fn withdraw(&mut self, prefix: Prefix, peer: Option<(IpAddr, Asn)>, time: Option<i64>) {
        self.events += 1;
        let Some(t) = time else { return };
        self.see_time(t);
        let key = (peer.map(|p| p.0), peer.map(|p| p.1));
        if let Some((origin, start)) = self.open.remove(&(key, prefix)) {
            self.close(prefix, origin, start, t);
        }
    }

    /// Records one event: a table entry or announcement, or a withdrawal.
    pub fn add(&mut self, e: &RouteEvent) {
        let peer = e.peer_ip.zip(e.peer_as);
        match e.kind {
            RouteEventKind::Withdraw => self.withdraw(e.prefix, peer, e.timestamp),
            _ => self.announce(e.prefix, &e.path, peer, e.timestamp),
        }
    }

    /// Reads a route input of any kind (`PREFIX PATH` lines, `bgpdump -m`
    /// lines, CAIDA prefix2as, MRT; compressed or not:
    /// [`read_routes`]) into the table.
    pub fn read(&mut self, input: Input, opts: &RouteOptions) -> Result<RouteStats, InputError> {
        read_routes(input, opts, |e| self.add(&e))
    }

    /// Closes the spans still open at the latest time seen, merges each
    /// route's overlapping spans, and returns the table ready to judge.
    pub fn finish(mut self) -> RouteTable {
        if let Some(end) = self.last {
            let open: Vec<_> = self.open.drain().collect();
            for ((_, prefix), (origin, start)) in open {
                self.close(prefix, origin, start, end);
            }
        }
        for e in self.routes.values_mut() {
            e.spans = merge_spans(std::mem::take(&mut e.spans));
        }
        self
    }

    /// The route `(prefix, origin)`, if seen.
    pub fn get(&self, prefix: &Prefix, origin: Option<Asn>) -> Option<&RouteEntry> {
        self.routes.get(&(*prefix, origin))
    }

    /// Every route, sorted by prefix, then origin.
    pub fn routes(&self) -> Vec<(Prefix, Option<Asn>, &RouteEntry)> {
        let mut v: Vec<_> = self.routes.iter().map(|(k, e)| (k.0, k.1, e)).collect();
        v.sort_unstable_by_key(|r| (r.0, r.1));
        v
    }

    /// Every route in no particular order (cheaper than [`RouteTable::routes`]
    /// for a caller that aggregates).
    pub fn iter(&self) -> impl Iterator<Item = (Prefix, Option<Asn>, &RouteEntry)> + '_ {
        self.routes.iter().map(|(k, e)| (k.0, k.1, e))
    }

    /// The number of distinct routes kept.
    pub fn len(&self) -> usize {
        self.routes.len()
    }

    /// Whether no route was kept.
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    /// Announcements and withdrawals given.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// The earliest and latest time seen, when the input had times.
    pub fn period(&self) -> Option<Span> {
        Some(Span {
            start: self.first?,
            end: self.last?,
        })
    }

    /// The filter the table was built with.
    pub fn filter(&self) -> &RouteFilter {
        &self.filter
    }
}

/// Sorts spans and merges those that overlap or touch.
pub fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Prefix {
        s.parse().unwrap()
    }

    #[test]
    fn implicit_withdrawal_closes_the_old_origin() {
        let mut t = RouteTable::new(RouteFilter::All);
        let peer = Some(("192.0.2.1".parse().unwrap(), Asn::new(1)));
        t.announce(
            p("10.0.0.0/8"),
            &AsPath::parse("1 2").unwrap(),
            peer,
            Some(10),
        );
        t.announce(
            p("10.0.0.0/8"),
            &AsPath::parse("1 3").unwrap(),
            peer,
            Some(40),
        );
        t.withdraw(p("10.0.0.0/8"), peer, Some(100));
        t.announce(
            p("10.0.0.0/8"),
            &AsPath::parse("1 3").unwrap(),
            peer,
            Some(200),
        );
        t.announce(
            p("11.0.0.0/8"),
            &AsPath::parse("1 3").unwrap(),
            peer,
            Some(250),
        );
        let t = t.finish();
        let two = t.get(&p("10.0.0.0/8"), Some(Asn::new(2))).unwrap();
        assert_eq!(two.spans, vec![Span { start: 10, end: 40 }]);
        let three = t.get(&p("10.0.0.0/8"), Some(Asn::new(3))).unwrap();
        // Re-announced at 200, open until the end of input (250).
        assert_eq!(
            three.spans,
            vec![
                Span {
                    start: 40,
                    end: 100
                },
                Span {
                    start: 200,
                    end: 250
                }
            ]
        );
        assert_eq!(
            t.period(),
            Some(Span {
                start: 10,
                end: 250
            })
        );
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn filter_keeps_routes_through_the_operator() {
        let mut t = RouteTable::new(RouteFilter::through(&[Asn::new(5)]));
        t.announce(
            p("10.0.0.0/8"),
            &AsPath::parse("1 5 2").unwrap(),
            None,
            None,
        );
        t.announce(p("11.0.0.0/8"), &AsPath::parse("1 2").unwrap(), None, None);
        let t = t.finish();
        assert_eq!(t.len(), 1);
        assert!(t
            .get(&p("10.0.0.0/8"), Some(Asn::new(2)))
            .unwrap()
            .spans
            .is_empty());
    }

    fn covered(spans: &[Span], t: i64) -> bool {
        spans.iter().any(|s| s.start <= t && t <= s.end)
    }

    proptest! {
        #[test]
        fn merge_matches_pointwise_cover(raw in proptest::collection::vec((0i64..60, 0i64..20), 0..12)) {
            let spans: Vec<Span> = raw.iter().map(|&(s, d)| Span { start: s, end: s + d }).collect();
            let merged = merge_spans(spans.clone());
            for w in merged.windows(2) {
                prop_assert!(w[0].end < w[1].start);
            }
            for t in 0..90 {
                prop_assert_eq!(covered(&spans, t), covered(&merged, t));
            }
        }
    }
}
