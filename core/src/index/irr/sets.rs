//! Set expansion over an [`IrrDb`]: IRRd's `!i`, `!i…,1` and `!a`.

use std::collections::{BTreeSet, HashSet};

use super::scan::{
    self, LineKind, CLASS_AS_SET, CLASS_AUT_NUM, CLASS_ROUTE, CLASS_ROUTE6, CLASS_ROUTE_SET,
};
use super::{IrrDb, IrrQueryError, ObjId};
use crate::model::rpsl::{Member, RangeOp, SetName};
use crate::model::{Asn, Family, Prefix};

/// Bounds on one recursive expansion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetLimits {
    /// Deepest nesting followed (the top set is depth 0).
    pub max_depth: usize,
    /// Most sets visited.
    pub max_sets: usize,
    /// Most results (ASes or prefixes) collected.
    pub max_results: usize,
}

impl Default for SetLimits {
    fn default() -> Self {
        SetLimits {
            max_depth: 64,
            max_sets: 100_000,
            max_results: 10_000_000,
        }
    }
}

/// The result of a recursive as-set expansion (IRRd `!iAS-X,1`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpandedSet {
    /// The set asked for.
    pub name: String,
    /// Every AS reached, sorted, distinct.
    pub asns: Vec<Asn>,
    /// Referenced sets found in no source (as written, uppercased), sorted.
    pub missing_sets: Vec<String>,
    /// Some member sets were deeper than [`SetLimits::max_depth`].
    pub depth_exceeded: bool,
    /// [`SetLimits::max_sets`] or [`SetLimits::max_results`] stopped the walk.
    pub limit_exceeded: bool,
    /// Distinct sets visited (the top one included).
    pub sets_visited: usize,
}

/// The result of a recursive route-set expansion (IRRd `!iRS-X,1`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpandedRouteSet {
    /// The set asked for.
    pub name: String,
    /// Distinct (prefix, range operator) pairs, sorted by prefix.
    pub prefixes: Vec<(Prefix, RangeOp)>,
    /// Referenced sets found in no source, sorted.
    pub missing_sets: Vec<String>,
    /// Some member sets were deeper than the depth limit.
    pub depth_exceeded: bool,
    /// A size limit stopped the walk.
    pub limit_exceeded: bool,
    /// Distinct sets visited.
    pub sets_visited: usize,
}

impl ExpandedRouteSet {
    /// The prefixes as IRRd prints them (`192.0.2.0/24^+`).
    pub fn strings(&self) -> Vec<String> {
        self.prefixes
            .iter()
            .map(|(p, op)| format!("{p}{op}"))
            .collect()
    }
}

/// Whether a word looks like a set name (`AS-…`, `RS-…`, hierarchical
/// names with such a component, `SOURCE::` scoped ones).
pub(crate) fn looks_like_set(s: &str) -> bool {
    let bare = s.rsplit("::").next().unwrap_or(s);
    bare.split(':').any(|c| {
        let u = c.get(..3).map(str::to_ascii_uppercase);
        matches!(u.as_deref(), Some("AS-" | "RS-" | "FLT" | "RTR" | "PRN"))
    })
}

fn parse_op(s: &str) -> Option<RangeOp> {
    match s {
        "" => Some(RangeOp::None),
        "-" => Some(RangeOp::Minus),
        "+" => Some(RangeOp::Plus),
        _ => match s.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (a.parse::<u8>().ok()?, b.parse::<u8>().ok()?);
                (a <= b).then_some(RangeOp::Range(a, b))
            }
            None => s.parse::<u8>().ok().map(RangeOp::Length),
        },
    }
}

/// Parses one member word of a set as it stands in the object: a plain
/// AS number (most members) straight from the bytes, anything else through
/// [`parse_member_word`] (bytes that are not UTF-8 read lossily).
fn parse_member_bytes(w: &[u8]) -> Option<Member> {
    if let [b'A' | b'a', b'S' | b's', b'0'..=b'9', ..] = w {
        if let Ok(a) = Asn::parse_bytes(w) {
            return Some(Member::Asn(a));
        }
    }
    parse_member_word(&String::from_utf8_lossy(w))
}

/// Parses one member word of a set.
pub(crate) fn parse_member_word(w: &str) -> Option<Member> {
    let (base, op) = match w.split_once('^') {
        Some((b, o)) => (b, parse_op(o)?),
        None => (w, RangeOp::None),
    };
    if base.eq_ignore_ascii_case("ANY")
        || base.eq_ignore_ascii_case("AS-ANY")
        || base.eq_ignore_ascii_case("RS-ANY")
    {
        return Some(Member::Any);
    }
    if base.contains('/') {
        let p = Prefix::parse(base).ok()?;
        if let RangeOp::Length(n) | RangeOp::Range(n, _) = op {
            if n > p.family().max_len() {
                return None;
            }
        }
        return Some(Member::Prefix(p, op));
    }
    if let Ok(a) = Asn::parse(base) {
        return Some(if op == RangeOp::None {
            Member::Asn(a)
        } else {
            Member::AsnRange(a, op)
        });
    }
    if looks_like_set(base) {
        let (source, name) = match base.split_once("::") {
            Some((s, n)) => (Some(s.to_ascii_uppercase()), n),
            None => (None, base),
        };
        return Some(Member::Set(
            SetName {
                source,
                name: name.to_owned(),
            },
            op,
        ));
    }
    None
}

/// The items of the listed attributes of an object, continuation lines
/// included, each given to `each` (as written, not necessarily UTF-8) with
/// the index of its attribute name in `names`.
fn attr_items(obj: &[u8], names: &[&str], mut each: impl FnMut(usize, &[u8])) {
    let mut cur: Option<usize> = None;
    let mut push = |which: usize, v: &[u8]| {
        for item in scan::clean(v).split(|b| *b == b',' || b.is_ascii_whitespace()) {
            if !item.is_empty() {
                each(which, item);
            }
        }
    };
    for line in scan::lines(obj) {
        match scan::classify(line) {
            LineKind::Attr(name, value) => {
                cur = names
                    .iter()
                    .position(|n| n.as_bytes().eq_ignore_ascii_case(name));
                if let Some(w) = cur {
                    push(w, value);
                }
            }
            LineKind::Cont(rest) => {
                if let Some(w) = cur {
                    push(w, rest);
                }
            }
            LineKind::Comment | LineKind::Bad => {}
        }
    }
}

/// The upper-cased text of an item (lossy when it is not UTF-8).
fn upper(item: &[u8]) -> String {
    String::from_utf8_lossy(item).to_ascii_uppercase()
}

impl IrrDb {
    /// The members of a set object (`members`, `mp-members`), each given
    /// to `member` as it is read (unparseable words skipped); returns its
    /// `mbrs-by-ref` list, upper-cased.
    fn set_items(&self, id: ObjId, mut member: impl FnMut(Member)) -> Vec<String> {
        let mut mbrs_by_ref = Vec::new();
        if let Some(b) = self.object_bytes(id) {
            attr_items(
                b,
                &["members", "mp-members", "mbrs-by-ref"],
                |which, item| {
                    if which == 2 {
                        mbrs_by_ref.push(upper(item));
                    } else if let Some(m) = parse_member_bytes(item) {
                        member(m);
                    }
                },
            );
        }
        mbrs_by_ref
    }

    /// The `mnt-by` maintainers of an object, uppercased.
    fn mnt_by(&self, id: ObjId) -> Vec<String> {
        self.object_bytes(id)
            .map(|b| {
                let mut v = Vec::new();
                attr_items(b, &["mnt-by"], |_, m| v.push(upper(m)));
                v
            })
            .unwrap_or_default()
    }

    /// Objects of the given classes that joined set `set_id` (named `name`)
    /// through `member-of`, allowed by its `mbrs-by-ref`, in its source.
    fn by_ref_members(
        &self,
        set_id: ObjId,
        name: &str,
        mbrs: &[String],
        classes: &[u8],
    ) -> Vec<ObjId> {
        if mbrs.is_empty() {
            return Vec::new();
        }
        let any = mbrs.iter().any(|m| m == "ANY");
        let src = self.rec(set_id).map(|r| r.source);
        let want = name.to_ascii_uppercase();
        self.member_of_refs(name)
            .filter(|id| {
                self.rec(*id)
                    .is_some_and(|r| Some(r.source) == src && classes.contains(&r.class))
            })
            .filter(|id| {
                // Verify the name (the index holds hashes).
                self.object_bytes(*id).is_some_and(|b| {
                    let mut named = false;
                    attr_items(b, &["member-of"], |_, m| {
                        named |= scan::strip_scope(m).eq_ignore_ascii_case(want.as_bytes());
                    });
                    named
                })
            })
            .filter(|id| any || self.mnt_by(*id).iter().any(|m| mbrs.contains(m)))
            .collect()
    }

    /// The direct members of a set (IRRd `!iNAME`): `members` and
    /// `mp-members` as written, plus for as-sets the ASes and for
    /// route-sets the prefixes of objects that joined by `mbrs-by-ref`.
    pub fn set_members(&self, name: &str) -> Result<Vec<Member>, IrrQueryError> {
        let id = self
            .set(name)
            .ok_or_else(|| IrrQueryError::SetNotFound(name.to_owned()))?;
        let mut out = Vec::new();
        let mbrs_by_ref = self.set_items(id, |m| out.push(m));
        let bare = bare_name(name);
        let class = self.rec(id).map_or(0, |r| r.class);
        let classes: &[u8] = if class == CLASS_AS_SET {
            &[CLASS_AUT_NUM]
        } else {
            &[CLASS_ROUTE, CLASS_ROUTE6]
        };
        for m in self.by_ref_members(id, bare, &mbrs_by_ref, classes) {
            match self.rec(m).map(|r| r.class) {
                Some(CLASS_AUT_NUM) => {
                    if let Some(a) = self.object_bytes(m).and_then(aut_num_asn) {
                        out.push(Member::Asn(a));
                    }
                }
                _ => {
                    if let Some(p) = self.route_prefix(m) {
                        out.push(Member::Prefix(p, RangeOp::None));
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        out.retain(|m| seen.insert(m.clone()));
        Ok(out)
    }

    fn route_prefix(&self, id: ObjId) -> Option<Prefix> {
        let b = self.object_bytes(id)?;
        let meta = scan::scan_object(b).ok()?;
        meta.route.map(|(p, _)| p)
    }

    /// Expands an as-set recursively with the default [`SetLimits`]
    /// (IRRd `!iAS-X,1`).
    pub fn expand_as_set(&self, name: &str) -> Result<ExpandedSet, IrrQueryError> {
        self.expand_as_set_with(name, &SetLimits::default())
    }

    /// Expands an as-set recursively: member ASes, member sets (cycles are
    /// visited once), ASes of aut-nums that joined by `mbrs-by-ref`.
    pub fn expand_as_set_with(
        &self,
        name: &str,
        limits: &SetLimits,
    ) -> Result<ExpandedSet, IrrQueryError> {
        let top = self
            .set(name)
            .ok_or_else(|| IrrQueryError::SetNotFound(name.to_owned()))?;
        let mut out = ExpandedSet {
            name: name.to_owned(),
            ..ExpandedSet::default()
        };
        // A list (cheaper than a set for tens of thousands of members),
        // sorted and deduplicated at the end, and on the way when it has
        // doubled since and is past the limit (checked before each set is
        // read: at most twice the limit plus one set's members is held,
        // and the limit is checked in amortised linear time).
        let mut asns: Vec<u32> = Vec::new();
        let mut unique = 0usize;
        let mut over = |asns: &mut Vec<u32>| {
            if asns.len() > limits.max_results && asns.len() >= unique.saturating_mul(2) {
                asns.sort_unstable();
                asns.dedup();
                unique = asns.len();
                return unique > limits.max_results;
            }
            false
        };
        let mut missing: BTreeSet<String> = BTreeSet::new();
        let mut visited: HashSet<String> = HashSet::new();
        let mut stack: Vec<(Option<ObjId>, String, usize)> =
            vec![(Some(top), name.trim().to_ascii_uppercase(), 0)];
        while let Some((id, key, depth)) = stack.pop() {
            if depth > limits.max_depth {
                out.depth_exceeded = true;
                continue;
            }
            if !visited.insert(key.clone()) {
                continue;
            }
            if visited.len() > limits.max_sets || over(&mut asns) {
                out.limit_exceeded = true;
                break;
            }
            let Some(id) = id.or_else(|| self.set(&key)) else {
                missing.insert(key);
                continue;
            };
            if self.rec(id).map(|r| r.class) != Some(CLASS_AS_SET) {
                continue;
            }
            let mbrs_by_ref = self.set_items(id, |m| match m {
                Member::Asn(a) | Member::AsnRange(a, _) => {
                    asns.push(a.get());
                }
                Member::Set(s, _) => {
                    stack.push((None, s.to_string().to_ascii_uppercase(), depth + 1));
                }
                _ => {}
            });
            for m in self.by_ref_members(id, bare_name(&key), &mbrs_by_ref, &[CLASS_AUT_NUM]) {
                if let Some(a) = self.object_bytes(m).and_then(aut_num_asn) {
                    asns.push(a.get());
                }
            }
        }
        out.sets_visited = visited.len();
        asns.sort_unstable();
        asns.dedup();
        if asns.len() > limits.max_results {
            out.limit_exceeded = true;
        }
        out.asns = asns.into_iter().map(Asn::new).collect();
        out.missing_sets = missing.into_iter().collect();
        Ok(out)
    }

    /// Prefixes originated by the ASes of an as-set (IRRd `!a`, `!a4`,
    /// `!a6`): distinct, sorted. A bare AS number is accepted as a set of
    /// one.
    pub fn set_prefixes(
        &self,
        name: &str,
        family: Option<Family>,
    ) -> Result<Vec<Prefix>, IrrQueryError> {
        let asns = match Asn::parse(name.trim()) {
            Ok(a) => vec![a],
            Err(_) => self.expand_as_set(name)?.asns,
        };
        let mut out: Vec<Prefix> = Vec::new();
        for f in [Family::V4, Family::V6] {
            if family.is_none_or(|x| x == f) {
                out.extend(self.origins_prefixes(&asns, f));
            }
        }
        Ok(out)
    }

    /// Expands a route-set recursively with the default limits (IRRd
    /// `!iRS-X,1`): prefix members with their range operators, the route
    /// objects of member ASes and as-sets, nested route-sets, and route
    /// objects that joined by `mbrs-by-ref`. An operator on a member set
    /// applies to each of its prefixes, replacing theirs (RFC 2622 §5.2).
    pub fn expand_route_set(&self, name: &str) -> Result<ExpandedRouteSet, IrrQueryError> {
        self.expand_route_set_with(name, &SetLimits::default())
    }

    /// [`IrrDb::expand_route_set`] with explicit limits.
    pub fn expand_route_set_with(
        &self,
        name: &str,
        limits: &SetLimits,
    ) -> Result<ExpandedRouteSet, IrrQueryError> {
        let top = self
            .set(name)
            .ok_or_else(|| IrrQueryError::SetNotFound(name.to_owned()))?;
        let mut out = ExpandedRouteSet {
            name: name.to_owned(),
            ..ExpandedRouteSet::default()
        };
        let mut seen: HashSet<(Prefix, RangeOp)> = HashSet::new();
        let mut missing: BTreeSet<String> = BTreeSet::new();
        let mut visited: HashSet<(String, RangeOp)> = HashSet::new();
        let mut stack: Vec<(Option<ObjId>, String, usize, RangeOp)> = vec![(
            Some(top),
            name.trim().to_ascii_uppercase(),
            0,
            RangeOp::None,
        )];
        let compose = |outer: RangeOp, inner: RangeOp| {
            if outer == RangeOp::None {
                inner
            } else {
                outer
            }
        };
        while let Some((id, key, depth, outer)) = stack.pop() {
            if depth > limits.max_depth {
                out.depth_exceeded = true;
                continue;
            }
            if !visited.insert((key.clone(), outer)) {
                continue;
            }
            if visited.len() > limits.max_sets || seen.len() > limits.max_results {
                out.limit_exceeded = true;
                break;
            }
            let Some(id) = id.or_else(|| self.set(&key)) else {
                missing.insert(key);
                continue;
            };
            let class = self.rec(id).map(|r| r.class);
            if class == Some(CLASS_AS_SET) {
                // An as-set inside a route-set: the routes of its ASes.
                match self.expand_as_set_with(&key, limits) {
                    Ok(x) => {
                        out.depth_exceeded |= x.depth_exceeded;
                        missing.extend(x.missing_sets);
                        for a in x.asns {
                            for r in self.routes_by_origin(a) {
                                seen.insert((r.prefix, outer));
                            }
                        }
                    }
                    Err(_) => {
                        missing.insert(key);
                    }
                }
                continue;
            }
            if class != Some(CLASS_ROUTE_SET) {
                continue;
            }
            let mbrs_by_ref = self.set_items(id, |m| match m {
                Member::Prefix(p, op) => {
                    seen.insert((p, compose(outer, op)));
                }
                Member::Asn(a) => {
                    for r in self.routes_by_origin(a) {
                        seen.insert((r.prefix, outer));
                    }
                }
                Member::AsnRange(a, op) => {
                    let op = compose(outer, op);
                    for r in self.routes_by_origin(a) {
                        seen.insert((r.prefix, op));
                    }
                }
                Member::Set(s, op) => {
                    stack.push((
                        None,
                        s.to_string().to_ascii_uppercase(),
                        depth + 1,
                        compose(outer, op),
                    ));
                }
                Member::Any => {}
            });
            for m in self.by_ref_members(
                id,
                bare_name(&key),
                &mbrs_by_ref,
                &[CLASS_ROUTE, CLASS_ROUTE6],
            ) {
                if let Some(p) = self.route_prefix(m) {
                    seen.insert((p, outer));
                }
            }
        }
        out.sets_visited = visited.len();
        let mut v: Vec<(Prefix, RangeOp)> = seen.into_iter().collect();
        v.sort_by_cached_key(|(p, op)| (*p, op.to_string()));
        out.prefixes = v;
        out.missing_sets = missing.into_iter().collect();
        Ok(out)
    }
}

fn bare_name(name: &str) -> &str {
    let n = name.trim();
    match n.find("::") {
        Some(i) => n.get(i + 2..).unwrap_or(n),
        None => n,
    }
}

fn aut_num_asn(b: &[u8]) -> Option<Asn> {
    scan::scan_object(b).ok()?.asn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_words() {
        assert_eq!(
            parse_member_word("AS65001"),
            Some(Member::Asn(Asn::new(65001)))
        );
        assert_eq!(
            parse_member_word("192.0.2.0/24^16-24"),
            Some(Member::Prefix(
                "192.0.2.0/24".parse().unwrap(),
                RangeOp::Range(16, 24)
            ))
        );
        assert!(
            matches!(parse_member_word("TESTDB::AS-X^+"), Some(Member::Set(s, RangeOp::Plus)) if s.source.as_deref() == Some("TESTDB"))
        );
        assert!(matches!(
            parse_member_word("AS65000:AS-CUST"),
            Some(Member::Set(..))
        ));
        assert_eq!(parse_member_word("as-any"), Some(Member::Any));
        assert_eq!(parse_member_word("192.0.2.0/24^40"), None);
        assert_eq!(parse_member_word("junk"), None);
    }
}
