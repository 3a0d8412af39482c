//! IRR resolution for filters, with IRRd's semantics whichever back end
//! answers: the local [`IrrDb`] ([`LocalResolver`]) or an IRRd server over
//! whois ([`WhoisResolver`], feature `net`).
//!
//! The interface is IRRd's own query language (the queries bgpq4 sends):
//! `!s` selects sources in order, `!s-lc` lists them, `!i` gives a set's
//! members (`,1`: recursively), `!a4`/`!a6` the prefixes originated by the
//! ASes of an as-set, `!g`/`!6` the prefixes of one origin. Each back end
//! answers a batch of [`Query`]s in order with IRRd's answer kinds
//! ([`Answer`]: data, `C`, `D`, `F`), so one expansion algorithm
//! ([`super::bgpq4::expand`]) runs unchanged over both. IRRd's rules, which
//! the local back end follows: a set resolves from the first source in the
//! `!s` order that has it; route objects are the union of the selected
//! sources; `mbrs-by-ref`/`member-of` are honoured; a route-set's ASN and
//! as-set members stand for their route objects (RFC 2622 §5.3).
//!
//! [`explain`] walks a set level by level and says why each ASN and prefix
//! is in the result: the chain of sets from the object asked for, and for
//! prefixes the origin (and, from the local database, the source).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use crate::index::irr::{IrrDb, SetLimits};
use crate::model::rpsl::Member;
use crate::model::{Asn, Family, Prefix};

/// One IRRd query.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Query {
    /// `!sA,B`: only these sources from now on, in this order.
    Sources(String),
    /// `!s-lc`: the sources selected now.
    SourceList,
    /// `!iNAME` (members as written) or `!iNAME,1` (recursive: ASNs of an
    /// as-set; prefixes with range operators of a route-set).
    Members {
        /// The set name (without a `SOURCE::` scope).
        set: String,
        /// `,1`.
        recursive: bool,
    },
    /// `!a4NAME` / `!a6NAME`: the prefixes originated by the set's ASes.
    SetPrefixes {
        /// The as-set.
        set: String,
        /// Which family.
        family: Family,
    },
    /// `!gasN` / `!6asN`: the prefixes of route(6) objects of one origin.
    Origin {
        /// The origin AS.
        asn: u32,
        /// Which family.
        family: Family,
    },
}

impl Query {
    /// The query as sent on the wire (without the newline), as bgpq4
    /// writes it.
    pub fn to_wire(&self) -> String {
        match self {
            Query::Sources(s) => format!("!s{s}"),
            Query::SourceList => "!s-lc".to_owned(),
            Query::Members { set, recursive } => {
                format!("!i{set}{}", if *recursive { ",1" } else { "" })
            }
            Query::SetPrefixes { set, family } => format!("!a{}{set}", fam_digit(*family)),
            Query::Origin { asn, family } => match family {
                Family::V4 => format!("!gas{asn}"),
                Family::V6 => format!("!6as{asn}"),
            },
        }
    }
}

fn fam_digit(f: Family) -> char {
    match f {
        Family::V4 => '4',
        Family::V6 => '6',
    }
}

/// IRRd's answer to one query.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Answer {
    /// `A…`: data (words separated by spaces, for the queries here).
    Data(String),
    /// `C`: success, no data.
    Empty,
    /// `D`: key not found (IRRd also says so for an empty set).
    NotFound,
    /// `F message`: the server's error, the message without `F `.
    Error(String),
    /// Data that are prefixes, already typed (the local database's `!a`,
    /// `!g` and `!6` answers: no text to print and read back).
    Prefixes(Vec<Prefix>),
}

impl Answer {
    /// The words of a data answer (none otherwise), as IRRd sends them.
    pub fn words(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self {
            Answer::Data(d) => Box::new(d.split_ascii_whitespace().map(Cow::Borrowed)),
            Answer::Prefixes(v) => Box::new(v.iter().map(|p| Cow::Owned(p.to_string()))),
            _ => Box::new(std::iter::empty()),
        }
    }

    /// The answer's first line as IRRd sends it (`A12`, `C`, `D`,
    /// `F message`), for messages that quote it.
    pub fn status_line(&self) -> String {
        match self {
            Answer::Data(d) => format!("A{}", d.len() + 1),
            Answer::Prefixes(_) => format!("A{}", self.words().map(|w| w.len() + 1).sum::<usize>()),
            Answer::Empty => "C".to_owned(),
            Answer::NotFound => "D".to_owned(),
            Answer::Error(m) => format!("F {m}"),
        }
    }
}

/// Why a resolver could not answer at all (a server's `F` answers are
/// [`Answer::Error`] instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The whois connection failed (connect, timeout, closed, protocol).
    #[error("IRRd: {0}")]
    Whois(String),
    /// An expansion outgrew a limit ([`SetLimits`]).
    #[error("{what} limit of {limit} exceeded expanding {object}")]
    TooLarge {
        /// What was counted (`sets`, `ASNs`, `prefixes`).
        what: &'static str,
        /// The limit that was hit: [`SetLimits::max_sets`] when `what`
        /// is `sets`, else [`SetLimits::max_results`] (or the caller's cap).
        limit: usize,
        /// The object being expanded.
        object: String,
    },
}

impl ResolveError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ResolveError::Whois(_) => "resolve-whois",
            ResolveError::TooLarge { .. } => "resolve-too-large",
        }
    }
}

/// Something that answers IRRd queries: the local database or a server.
pub trait Resolver {
    /// Answers queries in order, one [`Answer`] each (a server gets them
    /// pipelined). `!s` changes what the following queries see.
    fn resolve(&mut self, queries: &[Query]) -> Result<Vec<Answer>, ResolveError>;

    /// Whether `!a` works (IRRd 4 and the local database: yes).
    fn supports_set_prefixes(&mut self) -> Result<bool, ResolveError> {
        Ok(true)
    }

    /// Answers one query.
    fn resolve_one(&mut self, q: Query) -> Result<Answer, ResolveError> {
        self.resolve(std::slice::from_ref(&q))?
            .pop()
            .ok_or_else(|| ResolveError::Whois("no answer".into()))
    }
}

/// IRRd's answers computed from a local [`IrrDb`] (dumps loaded with
/// `--irr`). It holds a cheap clone of the database, so its `!s` selection
/// does not touch the caller's.
#[derive(Clone, Debug)]
pub struct LocalResolver {
    db: IrrDb,
    limits: SetLimits,
}

impl LocalResolver {
    /// A resolver over `db`, every source selected (IRRd's default), with
    /// the default [`SetLimits`].
    pub fn new(db: &IrrDb) -> Self {
        let mut db = db.clone();
        // Ignoring the result is right: `None` cannot fail.
        let _ = db.select_sources(None);
        LocalResolver {
            db,
            limits: SetLimits::default(),
        }
    }

    /// The same with explicit limits on each recursive expansion.
    pub fn with_limits(db: &IrrDb, limits: SetLimits) -> Self {
        let mut r = LocalResolver::new(db);
        r.limits = limits;
        r
    }

    /// The database as the current `!s` selection sees it.
    pub fn db(&self) -> &IrrDb {
        &self.db
    }

    fn answer(&mut self, q: &Query) -> Result<Answer, ResolveError> {
        Ok(match q {
            Query::Sources(list) => {
                let names: Vec<&str> = list.split(',').map(str::trim).collect();
                match self.db.select_sources(Some(&names)) {
                    Ok(()) => Answer::Empty,
                    Err(_) => {
                        Answer::Error("One or more selected sources are unavailable.".to_owned())
                    }
                }
            }
            Query::SourceList => {
                // IRRd joins the names with commas, in `!s` order.
                let v: Vec<String> = self.db.sources().iter().map(|s| s.to_string()).collect();
                words(vec![v.join(",")])
            }
            Query::Members { set, recursive } => self.members(set, *recursive)?,
            Query::SetPrefixes { set, family } => {
                let x = self
                    .db
                    .expand_as_set_with(set, &self.limits)
                    .map_err(|_| ())
                    .ok();
                match x {
                    None => Answer::NotFound,
                    Some(x) => {
                        self.check(x.limit_exceeded, x.sets_visited, "ASNs", set)?;
                        prefixes(self.db.origins_prefixes(&x.asns, *family))
                    }
                }
            }
            Query::Origin { asn, family } => {
                prefixes(self.db.origin_prefixes(Asn::new(*asn), *family))
            }
        })
    }

    /// The error for an expansion that a limit stopped: the sets limit
    /// when the walk visited more sets than it allows, else the results
    /// limit (`what`: `ASNs` or `prefixes`).
    fn check(
        &self,
        exceeded: bool,
        sets_visited: usize,
        what: &'static str,
        set: &str,
    ) -> Result<(), ResolveError> {
        if !exceeded {
            return Ok(());
        }
        let (what, limit) = if sets_visited > self.limits.max_sets {
            ("sets", self.limits.max_sets)
        } else {
            (what, self.limits.max_results)
        };
        Err(ResolveError::TooLarge {
            what,
            limit,
            object: set.to_owned(),
        })
    }

    fn members(&mut self, set: &str, recursive: bool) -> Result<Answer, ResolveError> {
        let Some(id) = self.db.set(set) else {
            return Ok(Answer::NotFound);
        };
        let is_route_set = self
            .db
            .class_of(id)
            .is_some_and(|c| c == crate::model::rpsl::ObjectClass::RouteSet);
        if !recursive {
            let m = self.db.set_members(set).unwrap_or_default();
            let mut v: Vec<String> = m.iter().filter_map(member_word).collect();
            v.sort_unstable();
            v.dedup();
            return Ok(words(v));
        }
        if is_route_set {
            let x = self
                .db
                .expand_route_set_with(set, &self.limits)
                .unwrap_or_default();
            self.check(x.limit_exceeded, x.sets_visited, "prefixes", set)?;
            let mut v = x.strings();
            v.sort_unstable();
            v.dedup();
            Ok(words(v))
        } else {
            let x = self
                .db
                .expand_as_set_with(set, &self.limits)
                .unwrap_or_default();
            self.check(x.limit_exceeded, x.sets_visited, "ASNs", set)?;
            Ok(words(
                x.asns.iter().map(|a| format!("AS{}", a.get())).collect(),
            ))
        }
    }
}

/// A member as IRRd prints it in a `!i` answer.
fn member_word(m: &Member) -> Option<String> {
    match m {
        Member::Any => None,
        Member::Set(..) => Some(m.to_string().to_ascii_uppercase()),
        _ => Some(m.to_string()),
    }
}

/// A data answer of these words, or `D` when there are none (IRRd answers
/// `D` for an empty set and for an origin without routes).
fn words(v: Vec<String>) -> Answer {
    if v.is_empty() {
        Answer::NotFound
    } else {
        Answer::Data(v.join(" "))
    }
}

/// A typed data answer of these prefixes, or `D` when there are none.
fn prefixes(v: Vec<Prefix>) -> Answer {
    if v.is_empty() {
        Answer::NotFound
    } else {
        Answer::Prefixes(v)
    }
}

impl Resolver for LocalResolver {
    fn resolve(&mut self, queries: &[Query]) -> Result<Vec<Answer>, ResolveError> {
        queries.iter().map(|q| self.answer(q)).collect()
    }
}

/// IRRd over whois: the queries pipelined on one connection (the existing
/// [`WhoisClient`](crate::net::whois::WhoisClient), with its timeouts and
/// answer size cap). Several hosts may be given: when one cannot be
/// reached, the next is tried.
#[cfg(feature = "net")]
pub struct WhoisResolver {
    client: crate::net::whois::WhoisClient,
}

#[cfg(feature = "net")]
impl WhoisResolver {
    /// Connects to the first host of `hosts` (`host:port`) that answers.
    pub fn connect(
        hosts: &[&str],
        opts: crate::net::whois::WhoisOptions,
    ) -> Result<Self, ResolveError> {
        let mut last = ResolveError::Whois("no host given".into());
        for h in hosts {
            match crate::net::whois::WhoisClient::connect(h, opts.clone()) {
                Ok(client) => return Ok(WhoisResolver { client }),
                Err(e) => last = ResolveError::Whois(format!("{h}: {e}")),
            }
        }
        Err(last)
    }

    /// The connection.
    pub fn client(&mut self) -> &mut crate::net::whois::WhoisClient {
        &mut self.client
    }
}

#[cfg(feature = "net")]
impl Resolver for WhoisResolver {
    fn resolve(&mut self, queries: &[Query]) -> Result<Vec<Answer>, ResolveError> {
        use crate::net::whois::AnswerKind;
        let wire: Vec<String> = queries.iter().map(Query::to_wire).collect();
        let refs: Vec<&str> = wire.iter().map(String::as_str).collect();
        let answers = self
            .client
            .pipeline(&refs)
            .map_err(|e| ResolveError::Whois(e.to_string()))?;
        Ok(answers
            .into_iter()
            .map(|a| match a.kind {
                AnswerKind::Data => Answer::Data(a.text().into_owned()),
                AnswerKind::Empty => Answer::Empty,
                AnswerKind::NotFound => Answer::NotFound,
                AnswerKind::Error(m) => Answer::Error(m),
                _ => Answer::Error("multiple copies of the key".into()),
            })
            .collect())
    }

    fn supports_set_prefixes(&mut self) -> Result<bool, ResolveError> {
        let a = self
            .client
            .query("!a")
            .map_err(|e| ResolveError::Whois(e.to_string()))?;
        Ok(matches!(a.kind, crate::net::whois::AnswerKind::Error(ref m)
            if m.starts_with("Missing required set name for A query")))
    }
}

/// The sources selected now, as IRRd's `!s-lc` lists them (`A,B`, in
/// `!s` order): what to send back with `!s` after a query scoped to one
/// source. `Ok(Err(answer))` when the answer is not data (an IRRd that
/// does not know `!s-lc`).
pub fn selected_sources(
    resolver: &mut dyn Resolver,
) -> Result<Result<String, Answer>, ResolveError> {
    Ok(match resolver.resolve_one(Query::SourceList)? {
        Answer::Data(d) => Ok(d.trim().to_owned()),
        other => Err(other),
    })
}

/// Why one ASN is in an expansion: the chain of sets from the object asked
/// for down to the set that lists it (empty when it was asked for itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsnReason {
    /// The ASN.
    pub asn: u32,
    /// Sets from the top object to the one naming this ASN.
    pub path: Vec<String>,
}

/// Why one prefix is in an expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixReason {
    /// The prefix, with a range operator when a route-set gave one
    /// (`192.0.2.0/24^+`).
    pub prefix: String,
    /// The origin whose route object gave it (`None` for a route-set's
    /// prefix member or a prefix asked for directly).
    pub origin: Option<u32>,
    /// The sets leading to it (as for [`AsnReason::path`]).
    pub path: Vec<String>,
    /// The sources holding the route object(s), when known (the local
    /// database knows; whois does not say).
    pub sources: Vec<String>,
}

/// The answer of [`explain`]: every ASN and prefix of an object's
/// expansion with the reason it is there, plus what could not be resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// The object explained.
    pub object: String,
    /// The ASNs reached (sorted), each with its first (shortest) set path.
    pub asns: Vec<AsnReason>,
    /// The prefixes (sorted by prefix text), each with its origin and path.
    pub prefixes: Vec<PrefixReason>,
    /// Sets named somewhere but found in no selected source.
    pub missing_sets: Vec<String>,
    /// Sets met again on a path (loops), as `A -> B` edges.
    pub loops: Vec<String>,
    /// Sets not followed because of the depth limit.
    pub too_deep: Vec<String>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.object)?;
        for a in &self.asns {
            writeln!(f, "  AS{}  via {}", a.asn, path_text(&self.object, &a.path))?;
        }
        for p in &self.prefixes {
            let origin = p
                .origin
                .map(|o| format!("  origin AS{o}"))
                .unwrap_or_default();
            let src = if p.sources.is_empty() {
                String::new()
            } else {
                format!("  source {}", p.sources.join(","))
            };
            writeln!(
                f,
                "  {}{origin}{src}  via {}",
                p.prefix,
                path_text(&self.object, &p.path)
            )?;
        }
        for m in &self.missing_sets {
            writeln!(f, "  missing set {m}")?;
        }
        for l in &self.loops {
            writeln!(f, "  loop {l}")?;
        }
        for d in &self.too_deep {
            writeln!(f, "  not followed (depth limit) {d}")?;
        }
        Ok(())
    }
}

fn path_text(object: &str, path: &[String]) -> String {
    if path.is_empty() {
        object.to_owned()
    } else {
        path.join(" > ")
    }
}

/// Explains an object's expansion (an as-set, a route-set, an ASN) for one
/// family: a breadth-first walk with non-recursive `!i`, so every ASN and
/// prefix gets its shortest chain of sets; then `!g`/`!6` per ASN. Sets
/// deeper than `max_depth` (the top set is depth 1, as bgpq4's `-L`) are
/// listed, not followed; `max_sets` bounds the walk. For `SOURCE::NAME`
/// the top set comes from that source alone; its members and the queries
/// after it see the selection from before: `sources`, or else what `!s-lc`
/// listed before the walk.
pub fn explain(
    resolver: &mut dyn Resolver,
    object: &str,
    family: Family,
    max_depth: Option<u32>,
    max_sets: usize,
    sources: Option<&[&str]>,
) -> Result<Explanation, ResolveError> {
    let mut out = Explanation {
        object: object.to_owned(),
        ..Explanation::default()
    };
    let (scope, bare) = match object.split_once("::") {
        Some((s, b)) => (Some(s.to_owned()), b.to_owned()),
        None => (None, object.to_owned()),
    };
    let given_sources = sources.map(|s| s.join(","));
    let mut asn_paths: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    // (prefix word, origin) -> path
    let mut pfx: BTreeMap<(String, Option<u32>), Vec<String>> = BTreeMap::new();
    if let Ok(a) = Asn::parse(&bare) {
        asn_paths.insert(a.get(), Vec::new());
    } else if bare.contains('/') {
        pfx.insert((bare.clone(), None), Vec::new());
    } else {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut queue: VecDeque<(String, Vec<String>)> = VecDeque::new();
        seen.insert(bare.to_ascii_uppercase());
        queue.push_back((bare.clone(), vec![bare.to_ascii_uppercase()]));
        // A `SOURCE::` scope holds for the top set only: its members, and
        // whatever the caller asks next, see the selection from before (the
        // `-S` list, or what `!s-lc` says is selected now).
        let restore = match (&scope, &given_sources) {
            (None, _) => None,
            (Some(_), Some(s)) => Some(s.clone()),
            (Some(_), None) => Some(selected_sources(resolver)?.map_err(|a| {
                ResolveError::Whois(format!("unexpected answer to !s-lc: {}", a.status_line()))
            })?),
        }
        .filter(|s| !s.is_empty());
        let mut scoped = false;
        let mut first = true;
        while let Some((set, path)) = queue.pop_front() {
            if seen.len() > max_sets {
                return Err(ResolveError::TooLarge {
                    what: "sets",
                    limit: max_sets,
                    object: object.to_owned(),
                });
            }
            let mut qs = Vec::new();
            if first {
                if let Some(s) = scope.clone().or_else(|| given_sources.clone()) {
                    qs.push(Query::Sources(s));
                    scoped = scope.is_some();
                }
            } else if scoped {
                if let Some(s) = restore.clone() {
                    qs.push(Query::Sources(s));
                }
                scoped = false;
            }
            first = false;
            let n = qs.len();
            qs.push(Query::Members {
                set: set.clone(),
                recursive: false,
            });
            let mut ans = resolver.resolve(&qs)?;
            let a = ans.drain(n..).next().unwrap_or(Answer::NotFound);
            if matches!(a, Answer::NotFound | Answer::Error(_)) {
                out.missing_sets.push(set.to_ascii_uppercase());
                continue;
            }
            for w in a.words() {
                let w: &str = &w;
                let u = w.to_ascii_uppercase();
                if let Ok(asn) = Asn::parse(&u) {
                    asn_paths.entry(asn.get()).or_insert_with(|| path.clone());
                } else if u.contains('/') {
                    if Prefix::parse(u.split('^').next().unwrap_or(""))
                        .is_ok_and(|p| p.family() == family)
                    {
                        pfx.entry((w.to_owned(), None))
                            .or_insert_with(|| path.clone());
                    }
                } else if u == "ANY" {
                    continue;
                } else if path.contains(&u) {
                    out.loops.push(format!(
                        "{} -> {u}",
                        path.last().cloned().unwrap_or_default()
                    ));
                } else if seen.contains(&u) {
                    continue;
                } else if max_depth.is_some_and(|d| path.len() as u64 >= u64::from(d)) {
                    out.too_deep.push(u);
                } else {
                    seen.insert(u.clone());
                    let mut p = path.clone();
                    p.push(u.clone());
                    queue.push_back((u, p));
                }
            }
        }
        if let (true, Some(s)) = (scoped, restore) {
            resolver.resolve(&[Query::Sources(s)])?;
        }
    }
    // Origins: one pipelined batch.
    let asns: Vec<u32> = asn_paths.keys().copied().collect();
    let qs: Vec<Query> = asns
        .iter()
        .map(|a| Query::Origin { asn: *a, family })
        .collect();
    let answers = resolver.resolve(&qs)?;
    for (asn, a) in asns.iter().zip(answers) {
        let path = asn_paths.get(asn).cloned().unwrap_or_default();
        for w in a.words() {
            pfx.entry((w.into_owned(), Some(*asn)))
                .or_insert_with(|| path.clone());
        }
    }
    out.asns = asn_paths
        .into_iter()
        .map(|(asn, path)| AsnReason { asn, path })
        .collect();
    out.prefixes = pfx
        .into_iter()
        .map(|((prefix, origin), path)| PrefixReason {
            prefix,
            origin,
            path,
            sources: Vec::new(),
        })
        .collect();
    for v in [&mut out.missing_sets, &mut out.loops, &mut out.too_deep] {
        v.sort();
        v.dedup();
    }
    Ok(out)
}

/// [`explain`] over the local database, with the source of every route
/// object filled in.
pub fn explain_local(
    db: &IrrDb,
    object: &str,
    family: Family,
    max_depth: Option<u32>,
    sources: Option<&[&str]>,
) -> Result<Explanation, ResolveError> {
    let mut r = LocalResolver::new(db);
    let mut e = explain(
        &mut r,
        object,
        family,
        max_depth,
        SetLimits::default().max_sets,
        sources,
    )?;
    let mut view = db.clone();
    if let Some(s) = sources {
        // Unknown names already made the walk find nothing.
        let _ = view.select_sources(Some(s));
    }
    for p in &mut e.prefixes {
        let (Some(origin), Ok(prefix)) = (p.origin, Prefix::parse(&p.prefix)) else {
            continue;
        };
        let mut srcs: Vec<String> = view
            .routes_exact(&prefix)
            .into_iter()
            .filter(|r| r.origin.get() == origin)
            .map(|r| r.source.to_string())
            .collect();
        srcs.sort();
        srcs.dedup();
        p.sources = srcs;
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::irr::IrrDbBuilder;
    use crate::parse::rpsl::RpslOptions;

    fn db(text: &str) -> IrrDb {
        let mut b = IrrDbBuilder::new(RpslOptions::lenient());
        b.add_text(text.as_bytes(), Some("TEST")).unwrap();
        b.build()
    }

    fn too_large(db: &IrrDb, limits: SetLimits, q: Query) -> (&'static str, usize) {
        match LocalResolver::with_limits(db, limits).resolve_one(q) {
            Err(ResolveError::TooLarge { what, limit, .. }) => (what, limit),
            other => panic!("{other:?}"),
        }
    }

    /// The error names the limit that stopped the walk, not the smaller
    /// of the two.
    #[test]
    fn too_large_reports_the_limit_hit() {
        // A chain of four sets: the sets limit (3) is hit, not the
        // results limit (2, smaller).
        let chain = db(
            "as-set: AS-A\nmembers: AS-B\n\nas-set: AS-B\nmembers: AS-C\n\n\
             as-set: AS-C\nmembers: AS-D\n\nas-set: AS-D\nmembers: AS65001\n",
        );
        let sets = SetLimits {
            max_depth: 64,
            max_sets: 3,
            max_results: 2,
        };
        let members = |set: &str| Query::Members {
            set: set.to_owned(),
            recursive: true,
        };
        assert_eq!(too_large(&chain, sets, members("AS-A")), ("sets", 3));
        let v4 = Query::SetPrefixes {
            set: "AS-A".to_owned(),
            family: Family::V4,
        };
        assert_eq!(too_large(&chain, sets, v4), ("sets", 3));
        // Six ASNs, then a second set: the results limit (5) is hit, not
        // the sets limit (4, smaller).
        let wide = db(
            "as-set: AS-W\nmembers: AS1, AS2, AS3, AS4, AS5, AS6, AS-X\n\n\
             as-set: AS-X\nmembers: AS7\n\n\
             route-set: RS-W\nmembers: 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, RS-X\n\n\
             route-set: RS-X\nmembers: 10.0.4.0/24\n",
        );
        let results = SetLimits {
            max_depth: 64,
            max_sets: 4,
            max_results: 5,
        };
        assert_eq!(too_large(&wide, results, members("AS-W")), ("ASNs", 5));
        let results = SetLimits {
            max_results: 2,
            ..results
        };
        assert_eq!(too_large(&wide, results, members("RS-W")), ("prefixes", 2));
        let e = ResolveError::TooLarge {
            what: "sets",
            limit: 3,
            object: "AS-A".into(),
        };
        assert_eq!(e.to_string(), "sets limit of 3 exceeded expanding AS-A");
        assert_eq!(e.code(), "resolve-too-large");
    }
}
