//! The expansion of bgpq4's objects (bgpq4 1.9 expander.c, `bgpq_expand`)
//! over a [`Resolver`]: the same queries in the same order, the same
//! reactions to each answer, the same messages.
//!
//! - As-sets: with neither `-L` nor `EXCEPT` nor a `SOURCE::` object, the
//!   server resolves them: `!a4`/`!a6` when it supports `!a` and a prefix
//!   list is wanted (the member ASNs are then never seen), else `!i…,1`.
//!   Otherwise the client walks them itself with `!i` (breadth first when
//!   pipelining, depth first with `-T`), skipping sets already expanding
//!   and `EXCEPT` objects, following member sets only while shallower than
//!   `-L`, and re-sending `!s` before each `!i` when `SOURCE::` is used.
//! - Route-sets (prefix lists, or `-w`): `!i…,1`, or `!i` within a source.
//! - Every ASN collected: `!gasN` / `!6asN`.
//! - Private ASNs (64496–65551, ≥ 4200000000; 1.16 adds 23456) are refused
//!   with `ERROR:Invalid AS number` unless `-p`.
//! - `-w` (1.16): ASNs whose `!g` answer is empty are dropped; in 1.9 the
//!   check never removes anything (its test is inverted).
//!
//! Sizes are bounded ([`SetLimits`]: sets walked, ASNs and prefixes kept),
//! with a typed error, where bgpq4 would grow without end.

use std::collections::{BTreeSet, HashSet};

use super::args::{asn_object, classify_object, ObjectKind};
use super::{Dialect, Expansion, Generation, Options};
use crate::filter::resolve::{selected_sources, Answer, Query, ResolveError, Resolver};
use crate::filter::tree::{object_exit_report, PrefixTree, TreeError};
use crate::index::irr::SetLimits;
use crate::model::Prefix;

/// Why an expansion stopped, with what bgpq4 would have printed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExpandError {
    /// bgpq4 exits here: its messages (standard error) and exit status.
    #[error("{}", stderr.trim_end())]
    Exit {
        /// What bgpq4 prints on standard error, newlines included.
        stderr: String,
        /// Its exit status.
        code: i32,
    },
    /// The resolver failed (connection, limits).
    #[error(transparent)]
    Resolve(#[from] ResolveError),
}

impl ExpandError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ExpandError::Exit { .. } => "bgpq4-exit",
            ExpandError::Resolve(e) => e.code(),
        }
    }

    /// The exit status a command line tool should end with.
    pub fn exit_code(&self) -> i32 {
        match self {
            ExpandError::Exit { code, .. } => *code,
            ExpandError::Resolve(_) => 1,
        }
    }
}

/// A finished expansion: the values to print, and what bgpq4 printed
/// along the way.
#[derive(Clone, Debug)]
pub struct Expanded {
    /// The ASNs and the prefix tree (before `-R`/`-r`/`-A`).
    pub expansion: Expansion,
    /// Lines bgpq4 writes to standard output before the filter (1.9 prints
    /// `Checking RS-…` for scoped route-sets).
    pub stdout: String,
    /// Messages bgpq4 writes to standard error (`ERROR:…` lines that do not
    /// stop it).
    pub stderr: String,
    /// Queries sent, for `-d` and for tests.
    pub queries: usize,
}

/// The set name without its `SOURCE::` scope (bgpq_get_asset).
fn bare(word: &str) -> &str {
    word.find("::")
        .map_or(word, |i| word.get(i + 2..).unwrap_or(""))
}

/// The `SOURCE` of `SOURCE::NAME`.
fn scope(word: &str) -> Option<&str> {
    word.find("::").map(|i| word.get(..i).unwrap_or(""))
}

/// What to do with an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Callback {
    None,
    /// ASNs of `!i…,1`.
    Macro,
    /// Members of `!i`, walked by the client; the request's depth.
    MacroLimit(u32),
    /// Prefixes (`!a`, `!g`, route-sets).
    Prefix,
    /// Prefixes of `!gasN` with `-w`: an empty answer invalidates the ASN.
    Origin(u32),
}

struct Expander<'a> {
    opts: &'a Options,
    limits: SetLimits,
    asns: BTreeSet<u32>,
    tree: PrefixTree,
    already: HashSet<String>,
    stoplist: HashSet<String>,
    usesource: bool,
    default_sources: String,
    stdout: String,
    stderr: String,
    queries: usize,
    /// Depth first (`-T`): the current recursion depth.
    cdepth: u32,
    /// Prefixes of answers not yet in the tree.
    pending: Vec<Prefix>,
}

/// A prefix word that bgpq4's lenient reader and the strict one read
/// alike: no range, no IPv4 part with a leading zero (C reads `010` as
/// octal) or hex, no host bits.
fn canonical_prefix(word: &str) -> Option<Prefix> {
    if word.contains('^') {
        return None;
    }
    if !word.contains(':') {
        let b = word.as_bytes();
        let leading_zero = b.iter().enumerate().any(|(i, &c)| {
            c == b'0'
                && (i == 0 || matches!(b.get(i - 1), Some(b'.' | b'/')))
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        });
        if leading_zero {
            return None;
        }
    }
    Prefix::parse(word).ok()
}

fn prefix_generation(g: Generation) -> bool {
    matches!(
        g,
        Generation::PrefixList | Generation::ExtAcl | Generation::RouteFilterList
    )
}

impl<'a> Expander<'a> {
    /// bgpq_expander_add_as (1.16 also refuses AS23456).
    fn add_as(&mut self, word: &str) -> Result<bool, ResolveError> {
        let asn = match asn_object(word, self.opts.special_asns) {
            Ok(a) => a,
            Err(msg) => {
                self.stderr.push_str(&String::from_utf8_lossy(&msg));
                return Ok(false);
            }
        };
        if asn == 23456 && self.opts.dialect == Dialect::V1_16 && !self.opts.special_asns {
            self.stderr.push_str("ERROR:Invalid AS number: 23456\n");
            return Ok(false);
        }
        self.asns.insert(asn);
        if self.asns.len() > self.limits.max_results {
            return Err(ResolveError::TooLarge {
                what: "ASNs",
                limit: self.limits.max_results,
                object: word.to_owned(),
            });
        }
        Ok(true)
    }

    /// bgpq_expander_add_prefix for a well-formed prefix: kept (for one
    /// sorted insert at the end) when of the family and not longer than
    /// `-m` (`-m` at the family's maximum means no limit, as in bgpq4).
    fn keep(&mut self, p: Prefix) {
        if self.wanted(&p) {
            self.pending.push(p);
        }
    }

    fn wanted(&self, p: &Prefix) -> bool {
        let fmax = self.opts.family.max_len();
        let em = match self.opts.max_len {
            Some(m) if m != 0 && m < fmax => m,
            _ => fmax,
        };
        p.family() == self.opts.family && p.len() <= em
    }

    /// [`keep`](Self::keep) for a whole typed answer (the first one is
    /// taken over as it is, not copied).
    fn keep_all(&mut self, mut v: Vec<Prefix>) {
        if self.pending.is_empty() {
            v.retain(|p| self.wanted(p));
            self.pending = v;
        } else {
            for p in v {
                self.keep(p);
            }
        }
    }

    /// bgpq_expanded_prefix: one word of an answer (bgpq4 reports a bad
    /// one and goes on). A plain prefix in canonical form (what IRRd and
    /// the local database send) waits in `pending` for one sorted
    /// [`PrefixTree::insert_many`]; anything else takes bgpq4's word
    /// reader.
    fn add_answer_prefix(&mut self, word: &str) -> Result<(), ResolveError> {
        if let Some(p) = canonical_prefix(word) {
            self.keep(p);
            return Ok(());
        }
        match self.tree.insert_object(word, self.opts.max_len) {
            Ok(_) => Ok(()),
            Err(TreeError::BadObject { reports, .. }) => {
                self.stderr.push_str(&reports);
                Ok(())
            }
            Err(e) => Err(tree_limit(e, word)),
        }
    }

    fn sources_query(&self, word: &str) -> Query {
        Query::Sources(
            scope(word)
                .map(str::to_owned)
                .unwrap_or_else(|| self.default_sources.clone()),
        )
    }

    /// Sends a batch and runs the callbacks; callbacks may queue more
    /// (breadth first), which are sent in the following batch.
    fn run(
        &mut self,
        resolver: &mut dyn Resolver,
        mut batch: Vec<(Query, Callback)>,
    ) -> Result<(), ExpandError> {
        while !batch.is_empty() {
            let queries: Vec<Query> = batch.iter().map(|(q, _)| q.clone()).collect();
            self.queries += queries.len();
            if self.queries > self.limits.max_sets.saturating_mul(4) {
                return Err(ResolveError::TooLarge {
                    what: "queries",
                    limit: self.limits.max_sets.saturating_mul(4),
                    object: self.opts.objects.join(" "),
                }
                .into());
            }
            let answers = resolver.resolve(&queries)?;
            let mut next = Vec::new();
            for ((q, cb), a) in batch.into_iter().zip(answers) {
                self.react(&q, &cb, a, &mut next)?;
            }
            batch = next;
        }
        Ok(())
    }

    /// Depth first, one query at a time (`-T`).
    fn run_one(
        &mut self,
        resolver: &mut dyn Resolver,
        q: Query,
        cb: Callback,
    ) -> Result<(), ExpandError> {
        self.queries += 1;
        let a = resolver.resolve_one(q.clone())?;
        let mut next = Vec::new();
        self.react(&q, &cb, a, &mut next)?;
        // bgpq4 -T recurses into member sets one level deeper; the
        // request depth stays 0 there, the current depth counts.
        for (q, cb) in next {
            let cb = match cb {
                Callback::MacroLimit(_) => Callback::MacroLimit(0),
                other => other,
            };
            let deeper = matches!(cb, Callback::MacroLimit(_));
            if deeper {
                self.cdepth += 1;
            }
            let r = self.run_one(resolver, q, cb);
            if deeper {
                self.cdepth -= 1;
            }
            r?;
        }
        Ok(())
    }

    fn react(
        &mut self,
        q: &Query,
        cb: &Callback,
        a: Answer,
        next: &mut Vec<(Query, Callback)>,
    ) -> Result<(), ExpandError> {
        match a {
            Answer::Prefixes(v) if matches!(cb, Callback::Prefix | Callback::Origin(_)) => {
                self.keep_all(v);
            }
            Answer::Data(_) | Answer::Prefixes(_) => {
                let words: Vec<String> = a.words().map(|w| w.into_owned()).collect();
                for w in words {
                    match cb {
                        Callback::None => {}
                        Callback::Macro => {
                            self.add_as(&w)?;
                        }
                        Callback::MacroLimit(depth) => self.macro_limit(&w, *depth, q, next)?,
                        Callback::Prefix | Callback::Origin(_) => self.add_answer_prefix(&w)?,
                    }
                }
            }
            Answer::Empty | Answer::NotFound => {
                if let Callback::Origin(asn) = cb {
                    if self.opts.validate_asns && self.opts.dialect == Dialect::V1_16 {
                        self.asns.remove(asn);
                    }
                }
            }
            Answer::Error(m) => {
                self.stderr
                    .push_str(&format!("ERROR:Error expanding {}\n: F {m}\n", q.to_wire()));
            }
        }
        Ok(())
    }

    /// bgpq_expanded_macro_limit: one member of a set walked by the client.
    fn macro_limit(
        &mut self,
        word: &str,
        depth: u32,
        q: &Query,
        next: &mut Vec<(Query, Callback)>,
    ) -> Result<(), ExpandError> {
        let upper3 = word.get(..3).map(str::to_ascii_uppercase);
        let key = word.to_ascii_uppercase();
        if upper3.as_deref() == Some("AS-") || word.contains('-') || word.contains(':') {
            if self.already.contains(&key) || self.stoplist.contains(&key) {
                return Ok(());
            }
            let deep_ok = match self.opts.max_depth {
                None => true,
                Some(max) => self.cdepth + 1 < max && depth + 1 < max,
            };
            if !deep_ok {
                return Ok(());
            }
            self.already.insert(key);
            if self.already.len() > self.limits.max_sets {
                return Err(ResolveError::TooLarge {
                    what: "sets",
                    limit: self.limits.max_sets,
                    object: word.to_owned(),
                }
                .into());
            }
            if self.usesource {
                next.push((self.sources_query(word), Callback::None));
            }
            next.push((
                Query::Members {
                    set: bare(word).to_owned(),
                    recursive: false,
                },
                Callback::MacroLimit(depth + 1),
            ));
        } else if word.get(..2).is_some_and(|h| h.eq_ignore_ascii_case("AS")) {
            if self.stoplist.contains(&key) {
                return Ok(());
            }
            self.add_as(word)?;
        } else if word.eq_ignore_ascii_case("ANY") {
            return Ok(());
        } else {
            self.stderr.push_str(&format!(
                "ERROR:unexpected object '{word}' in expanded_macro_limit (in response to {}\n)\n",
                q.to_wire()
            ));
        }
        Ok(())
    }
}

/// A tree limit as the resolver's size error.
fn tree_limit(e: TreeError, word: &str) -> ResolveError {
    let limit = match e {
        TreeError::TooManyNodes { limit } | TreeError::RangeTooLarge { limit, .. } => limit,
        _ => 0,
    };
    ResolveError::TooLarge {
        what: "prefixes",
        limit,
        object: word.to_owned(),
    }
}

fn exit(stderr: String) -> ExpandError {
    ExpandError::Exit { stderr, code: 1 }
}

/// Expands the objects of `opts` as bgpq4 1.9 does over `resolver` (see
/// the module docs), before `-R`/`-r`/`-A`: the caller applies those
/// ([`PrefixTree`]'s methods) and prints. Objects that bgpq4 refuses before
/// connecting (a bad prefix, a prefix of the other family or longer than
/// `-m`) give [`ExpandError::Exit`] with its message.
pub fn expand(
    opts: &Options,
    resolver: &mut dyn Resolver,
    limits: &SetLimits,
) -> Result<Expanded, ExpandError> {
    let mut ex = Expander {
        opts,
        limits: *limits,
        asns: BTreeSet::new(),
        tree: PrefixTree::new(opts.family),
        already: HashSet::new(),
        stoplist: opts.except.iter().map(|s| s.to_ascii_uppercase()).collect(),
        usesource: false,
        default_sources: String::new(),
        stdout: String::new(),
        stderr: String::new(),
        queries: 0,
        cdepth: 0,
        pending: Vec::new(),
    };
    let mut macros: Vec<String> = Vec::new();
    let mut rsets: Vec<String> = Vec::new();
    for word in &opts.objects {
        if word.contains("::") {
            ex.usesource = true;
        }
        match classify_object(word) {
            ObjectKind::AsSet => macros.push(word.clone()),
            ObjectKind::RouteSet => rsets.push(word.clone()),
            ObjectKind::Asn => {
                ex.add_as(word)?;
            }
            ObjectKind::Prefix | ObjectKind::Range => {
                match ex.tree.insert_object(word, opts.max_len) {
                    Ok(true) => {}
                    Ok(false) => {
                        let mut msg = std::mem::take(&mut ex.stderr);
                        msg.push_str(&object_exit_report(word));
                        return Err(exit(msg));
                    }
                    Err(TreeError::BadObject {
                        reports,
                        exit_report,
                        ..
                    }) => {
                        let mut msg = std::mem::take(&mut ex.stderr);
                        msg.push_str(&reports);
                        msg.push_str(&exit_report);
                        return Err(exit(msg));
                    }
                    Err(e) => return Err(tree_limit(e, word).into()),
                }
            }
            _ => {}
        }
    }

    let aquery = if prefix_generation(opts.generation) && !macros.is_empty() {
        resolver.supports_set_prefixes()?
    } else {
        false
    };
    let given = opts.sources.as_deref().filter(|s| !s.is_empty());
    ex.default_sources = match given {
        Some(s) => s.to_owned(),
        None => match selected_sources(resolver)? {
            Ok(list) => list,
            Err(other) => {
                return Err(exit(format!(
                    "ERROR:Invalid response '{}\n': !s-lc\n\n",
                    other.status_line()
                )))
            }
        },
    };
    ex.queries += 1;
    if let Some(s) = given {
        match resolver.resolve_one(Query::Sources(s.to_owned()))? {
            Answer::Empty => {}
            other => {
                let mut msg = std::mem::take(&mut ex.stderr);
                msg.push_str(&format!(
                    "ERROR:Invalid source(s) '{s}': {}\n\n",
                    other.status_line()
                ));
                return Err(exit(msg));
            }
        }
    }
    let pipelining = opts.pipelining;

    let mut batch: Vec<(Query, Callback)> = Vec::new();
    for m in &macros {
        let set = bare(m).to_owned();
        if opts.max_depth.is_none() && ex.stoplist.is_empty() {
            if ex.usesource {
                batch.push((ex.sources_query(m), Callback::None));
                batch.push((
                    Query::Members {
                        set,
                        recursive: false,
                    },
                    Callback::MacroLimit(0),
                ));
            } else if aquery {
                batch.push((
                    Query::SetPrefixes {
                        set,
                        family: opts.family,
                    },
                    Callback::Prefix,
                ));
            } else {
                batch.push((
                    Query::Members {
                        set,
                        recursive: true,
                    },
                    Callback::Macro,
                ));
            }
        } else {
            ex.already.insert(set.to_ascii_uppercase());
            batch.push((
                Query::Members {
                    set,
                    recursive: false,
                },
                Callback::MacroLimit(0),
            ));
        }
    }
    batch.push((Query::Sources(ex.default_sources.clone()), Callback::None));
    flush(&mut ex, resolver, batch, pipelining)?;

    if prefix_generation(opts.generation) || opts.validate_asns {
        let mut batch: Vec<(Query, Callback)> = Vec::new();
        for rs in &rsets {
            let set = bare(rs).to_owned();
            if ex.usesource {
                if pipelining && opts.dialect == Dialect::V1_9 {
                    ex.stdout.push_str(&format!("Checking {set}\n"));
                }
                batch.push((ex.sources_query(rs), Callback::None));
                batch.push((
                    Query::Members {
                        set,
                        recursive: false,
                    },
                    Callback::Prefix,
                ));
            } else {
                batch.push((Query::Sources(ex.default_sources.clone()), Callback::None));
                batch.push((
                    Query::Members {
                        set,
                        recursive: true,
                    },
                    Callback::Prefix,
                ));
            }
        }
        for asn in ex.asns.clone() {
            batch.push((
                Query::Origin {
                    asn,
                    family: opts.family,
                },
                Callback::Origin(asn),
            ));
        }
        flush(&mut ex, resolver, batch, pipelining)?;
    }
    let pending = std::mem::take(&mut ex.pending);
    ex.tree
        .insert_many(pending)
        .map_err(|e| tree_limit(e, "answers"))?;
    Ok(Expanded {
        expansion: Expansion {
            asns: ex.asns,
            tree: ex.tree,
        },
        stdout: ex.stdout,
        stderr: ex.stderr,
        queries: ex.queries,
    })
}

fn flush(
    ex: &mut Expander<'_>,
    resolver: &mut dyn Resolver,
    batch: Vec<(Query, Callback)>,
    pipelining: bool,
) -> Result<(), ExpandError> {
    if pipelining {
        ex.run(resolver, batch)
    } else {
        for (q, cb) in batch {
            ex.run_one(resolver, q, cb)?;
        }
        Ok(())
    }
}
