//! An in-memory IRR database: several RPSL sources (RFC 2622, RFC 4012)
//! loaded side by side and indexed for the queries IRRd answers.
//!
//! Storage: each kept object's bytes are copied once into an arena of
//! 16 MiB chunks; everything else is compact fixed-size records pointing
//! into it (an [`ObjId`] is a `u32`). Objects are re-parsed lazily when
//! asked for ([`IrrDb::object`], [`IrrDb::typed`]). Indexes:
//! - `route`/`route6` per family: a sorted array of (prefix, origin, object)
//!   with a bitmap of the prefix lengths present, so an exact lookup is one
//!   binary search, a covering lookup one per present length, and a
//!   more-specific lookup one contiguous range;
//! - routes by origin (IRRd `!g`/`!6`), aut-nums by AS;
//! - `as-set`/`route-set` by name and every other object by primary key
//!   (`nic-hdl` for persons and roles), through 64-bit hashes of the
//!   uppercased key, verified against the stored bytes on lookup;
//! - `member-of` references (for `mbrs-by-ref`).
//!
//! Sources: with an explicit source name every object of an input belongs
//! to it; otherwise each object's `source:` decides. Sources are ranked by
//! [`IrrDbBuilder::preference`] (default: order of first appearance); when a
//! set or aut-num exists in several sources, the most preferred wins (as
//! IRRd resolves set names in source order), and `SOURCE::NAME` restricts a
//! set name to one source.
//!
//! Set expansion follows IRRd's `!i` (members, non-recursive), `!i…,1`
//! (recursive, with cycle detection), `!a` (prefixes originated by the
//! ASes of an as-set) and route-set expansion with range operators
//! (RFC 2622 §5.2–5.3), `mbrs-by-ref`/`member-of` honoured: an object that
//! names a set in `member-of` joins it only when one of its `mnt-by` is in
//! the set's `mbrs-by-ref` (or that is `ANY`), within the set's source.
//!
//! ```
//! use routeguard::index::irr::IrrDbBuilder;
//! use routeguard::parse::rpsl::RpslOptions;
//! // Lenient, as mirrors load dumps (strict mode would want mnt-by too).
//! let mut b = IrrDbBuilder::new(RpslOptions::lenient());
//! b.add_text(b"route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n", None).unwrap();
//! let db = b.build();
//! let p = "192.0.2.128/25".parse().unwrap();
//! assert_eq!(db.routes_covering(&p).len(), 1);
//! ```

mod scan;
mod sets;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::Mode;
use crate::io::IoError;
use crate::model::prefix::mask;
use crate::model::rpsl::{ObjectClass, RpslObject, TypedObject};
use crate::model::{Asn, Family, Prefix};
use crate::parse::rpsl::RpslOptions;
use crate::parse::rpsl::{RpslError, RpslErrorKind};
use crate::util::search::gallop;

pub use sets::{ExpandedRouteSet, ExpandedSet, SetLimits};

use crate::parse::rpsl::lex;
use scan::{CLASS_AS_SET, CLASS_AUT_NUM, CLASS_OTHER, CLASS_ROUTE, CLASS_ROUTE6, CLASS_ROUTE_SET};

/// Bytes per arena chunk (objects never straddle chunks).
const CHUNK: usize = 16 << 20;
/// Most distinct sources.
pub const MAX_SOURCES: usize = 4096;

/// The id of an object in an [`IrrDb`] (its position in load order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ObjId(u32);

impl ObjId {
    /// The raw index.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Where an object's bytes are, and what it is.
#[derive(Clone, Copy, Debug)]
struct ObjRec {
    chunk: u32,
    off: u32,
    len: u32,
    line: u32,
    source: u16,
    class: u8,
}

/// A route index entry.
#[derive(Clone, Copy, Debug)]
struct REntry {
    key: u128,
    origin: u32,
    id: u32,
    source: u16,
    len: u8,
    /// Index of the first entry of the nearest covering prefix
    /// ([`NO_PARENT`] when none): the prefixes form a forest.
    parent: u32,
}

const NO_PARENT: u32 = u32::MAX;

/// Whether prefix (ak, al) covers (bk, bl).
#[inline]
fn covers(ak: u128, al: u8, bk: u128, bl: u8) -> bool {
    al <= bl && bk & mask(al) == ak
}

/// Sets the parent pointers of entries sorted by (key, len): one pass with
/// a stack of the open ancestors (preorder of the prefix trie).
fn link_parents(fam: &mut [REntry]) {
    let mut stack: Vec<(u128, u8, u32)> = Vec::new();
    let mut parent = NO_PARENT;
    for i in 0..fam.len() {
        let Some(&e) = fam.get(i) else { break };
        let new_run = i == 0
            || fam
                .get(i - 1)
                .is_none_or(|p| p.key != e.key || p.len != e.len);
        if new_run {
            while stack
                .last()
                .is_some_and(|&(k, l, _)| !covers(k, l, e.key, e.len))
            {
                stack.pop();
            }
            parent = stack.last().map_or(NO_PARENT, |&(_, _, s)| s);
            stack.push((e.key, e.len, u32::try_from(i).unwrap_or(NO_PARENT)));
        }
        if let Some(x) = fam.get_mut(i) {
            x.parent = parent;
        }
    }
}

/// A route object as the indexes see it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RouteRef {
    /// The object.
    pub id: ObjId,
    /// Its prefix.
    pub prefix: Prefix,
    /// Its origin.
    pub origin: Asn,
    /// Its source (uppercased).
    pub source: Arc<str>,
}

/// What one input contributed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceReport {
    /// Objects kept.
    pub objects: usize,
    /// Objects kept per class name.
    pub classes: BTreeMap<String, usize>,
    /// Objects skipped as bad (lenient mode).
    pub skipped: usize,
    /// Deleted objects skipped (`delete:` attribute, legacy `*xx` objects).
    pub deleted: usize,
    /// Warnings (at most the options' `max_warnings`).
    #[serde(serialize_with = "ser_warnings")]
    pub warnings: Vec<RpslError>,
}

fn ser_warnings<S: serde::Serializer>(w: &[RpslError], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(w.iter().map(|w| w.to_string()))
}

/// Totals of one source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceStats {
    /// Objects kept.
    pub objects: usize,
    /// Per class name.
    pub classes: BTreeMap<String, usize>,
}

/// Totals of a database, from [`IrrDb::stats`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IrrStats {
    /// Objects kept.
    pub objects: usize,
    /// Per class name.
    pub classes: BTreeMap<String, usize>,
    /// Objects skipped as bad while loading.
    pub errors: usize,
    /// Deleted objects skipped while loading.
    pub deleted: usize,
    /// Per source (by name).
    pub sources: BTreeMap<String, SourceStats>,
    /// IPv4 route objects indexed (duplicates within a source removed).
    pub routes_v4: usize,
    /// IPv6 route objects indexed.
    pub routes_v6: usize,
}

/// Errors of [`IrrDbBuilder::add_reader`]: a bad object (strict mode) or
/// an exceeded limit, or a failure to read the input.
///
/// [`code`](Self::code) is the inner error's code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IrrLoadError {
    /// A parse error (strict mode) or an exceeded limit. Its code is the
    /// [`RpslError`]'s (`syntax`, `unknown-class`, `limit`, …).
    #[error(transparent)]
    Rpsl(#[from] RpslError),
    /// Reading failed: the typed error of the file opener
    /// ([`crate::io::open_reader`]) when the reader is one of its
    /// streams, else [`IoError::Read`] of the reader. Its code is the
    /// [`IoError`]'s (`read`, `corrupt`, `too-large`, …).
    #[error(transparent)]
    Io(#[from] IoError),
}

impl IrrLoadError {
    /// The stable code of the inner error ([`RpslErrorKind::code`] or
    /// [`IoError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            IrrLoadError::Rpsl(e) => e.code(),
            IrrLoadError::Io(e) => e.code(),
        }
    }

    /// The kind of the error, as the crate [`Error`](crate::Error)'s:
    /// `parse` or `io`.
    pub fn kind(&self) -> &'static str {
        match self {
            IrrLoadError::Rpsl(_) => "parse",
            IrrLoadError::Io(_) => "io",
        }
    }
}

/// Errors of set queries.
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IrrQueryError {
    /// No set of that name (in that source). Code `set-not-found`.
    #[error("set not found: {0}")]
    SetNotFound(String),
    /// No source of that name was loaded. Code `unknown-source`.
    #[error("unknown source: {0}")]
    UnknownSource(String),
    /// The name is not a set name. Code `invalid-set-name`.
    #[error("not a set name: {0}")]
    InvalidName(String),
}

impl IrrQueryError {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant).
    pub fn code(&self) -> &'static str {
        match self {
            IrrQueryError::SetNotFound(_) => "set-not-found",
            IrrQueryError::UnknownSource(_) => "unknown-source",
            IrrQueryError::InvalidName(_) => "invalid-set-name",
        }
    }
}

/// Builds an [`IrrDb`] from one or more inputs.
#[derive(Debug)]
pub struct IrrDbBuilder {
    opts: RpslOptions,
    chunks: Vec<Vec<u8>>,
    objs: Vec<ObjRec>,
    v4: Vec<REntry>,
    v6: Vec<REntry>,
    aut_nums: Vec<(u32, u32)>,
    sets: Vec<(u64, u32)>,
    keys: Vec<(u64, u32)>,
    member_of: Vec<(u64, u32)>,
    sources: Vec<Arc<str>>,
    preference: Vec<String>,
    /// Per source: (class name, count).
    class_counts: Vec<ClassCounts>,
    /// Per class, for the input being added.
    input_counts: ClassCounts,
    errors: usize,
    deleted: usize,
}

impl IrrDbBuilder {
    /// A builder with these parse options (mode, warning cap, size limits).
    pub fn new(opts: RpslOptions) -> Self {
        IrrDbBuilder {
            opts,
            chunks: Vec::new(),
            objs: Vec::new(),
            v4: Vec::new(),
            v6: Vec::new(),
            aut_nums: Vec::new(),
            sets: Vec::new(),
            keys: Vec::new(),
            member_of: Vec::new(),
            sources: Vec::new(),
            preference: Vec::new(),
            class_counts: Vec::new(),
            input_counts: ClassCounts::default(),
            errors: 0,
            deleted: 0,
        }
    }

    /// Sets an explicit source order (most preferred first; names are
    /// matched case-insensitively). Sources not named rank after, in order
    /// of first appearance.
    pub fn preference(&mut self, order: &[&str]) -> &mut Self {
        self.preference = order.iter().map(|s| s.to_ascii_uppercase()).collect();
        self
    }

    /// Objects kept so far.
    pub fn len(&self) -> usize {
        self.objs.len()
    }

    /// Whether no object was kept yet.
    pub fn is_empty(&self) -> bool {
        self.objs.is_empty()
    }

    /// Starts an input: interns its forced source name, if any, and resets
    /// the per-input class counts.
    fn begin_input(&mut self, source: Option<&str>) -> Result<Option<u16>, RpslError> {
        self.input_counts = ClassCounts::default();
        source
            .map(|s| self.intern(s.trim().as_bytes(), 1))
            .transpose()
    }

    /// Adds a dump held in memory. With `source`, every object belongs to
    /// that source (uppercased); otherwise each object's `source:` decides
    /// (objects without one: an error in strict mode, skipped with a
    /// warning in lenient mode). Kept objects are copied.
    ///
    /// Objects are kept and skipped exactly as
    /// [`crate::parse::rpsl::parse_all`] keeps and skips them: strict mode
    /// is IRRd's strict validation, lenient mode its non-strict one (see
    /// the module docs of [`crate::parse::rpsl`]). On a strict mode error,
    /// the objects before it stay in the builder.
    pub fn add_text(
        &mut self,
        text: &[u8],
        source: Option<&str>,
    ) -> Result<SourceReport, RpslError> {
        let forced = self.begin_input(source)?;
        let mut report = SourceReport::default();
        let mut pos = 0usize;
        let mut line = 1usize;
        while pos < text.len() {
            // The lexer's rules: skipped lines, then one object.
            let (start, skipped) = lex::skip_between(text, pos);
            line += skipped;
            if start >= text.len() {
                break;
            }
            let (scanned, end) = scan::scan_at(text, start);
            let obj = text.get(start..end).unwrap_or(&[]);
            if lex::is_continuation(obj) {
                // The lexer's error, as `objects()` and the reader give it.
                self.bad(&mut report, lex::continuation_start(line))?;
            } else {
                self.add_object(obj, line, forced, &mut report, Some(scanned))?;
            }
            line += memchr::memchr_iter(b'\n', obj).count() + 1;
            pos = end + 1;
        }
        self.finish_report(&mut report);
        Ok(report)
    }

    /// Adds a dump read from `reader`, one object at a time: only kept
    /// objects are held (in the arena), never the whole input. Objects are
    /// split by the parser's [`crate::parse::rpsl::RpslReader`], so the
    /// same objects come out as from [`IrrDbBuilder::add_text`]; an object
    /// longer than `max_object_bytes` is an error in strict mode and skipped
    /// (without being buffered) in lenient mode.
    pub fn add_reader<R: BufRead>(
        &mut self,
        reader: R,
        source: Option<&str>,
    ) -> Result<SourceReport, IrrLoadError> {
        let forced = self.begin_input(source)?;
        let mut report = SourceReport::default();
        let mut rd = crate::parse::rpsl::RpslReader::new(reader, self.opts.clone());
        while let Some(item) = rd.next_raw() {
            match item {
                Ok((obj, line)) => self.add_object(obj, line, forced, &mut report, None)?,
                Err(e) if matches!(e.kind, RpslErrorKind::Io(_)) => {
                    return Err(match rd.take_io_error() {
                        Some(io) => IoError::from_io(io, Path::new("")).into(),
                        None => e.into(),
                    })
                }
                Err(e) => self.bad(&mut report, e)?,
            }
        }
        // Oversized objects the reader skipped itself (lenient mode).
        report.skipped += rd.skipped();
        self.errors += rd.skipped();
        for w in rd.warnings() {
            if report.warnings.len() < self.opts.max_warnings {
                report.warnings.push(w.clone());
            }
        }
        self.finish_report(&mut report);
        Ok(report)
    }

    /// Moves the per-input class counts into the report.
    fn finish_report(&mut self, report: &mut SourceReport) {
        for (name, c) in std::mem::take(&mut self.input_counts).entries() {
            *report.classes.entry(name).or_insert(0) += c;
        }
    }

    /// Interns a source name (uppercased).
    fn intern(&mut self, name: &[u8], line: usize) -> Result<u16, RpslError> {
        if let Some(i) = self
            .sources
            .iter()
            .position(|s| s.as_bytes().eq_ignore_ascii_case(name))
        {
            return u16::try_from(i).map_err(|_| too_many_sources(line));
        }
        if self.sources.len() >= MAX_SOURCES || name.is_empty() {
            return Err(too_many_sources(line));
        }
        let s = String::from_utf8_lossy(name).to_ascii_uppercase();
        self.sources.push(Arc::from(s));
        self.class_counts.push(ClassCounts::default());
        u16::try_from(self.sources.len() - 1).map_err(|_| too_many_sources(line))
    }

    /// Records a warning or fails, by mode.
    fn bad(&mut self, report: &mut SourceReport, err: RpslError) -> Result<(), RpslError> {
        if self.opts.mode == Mode::Strict {
            return Err(err);
        }
        report.skipped += 1;
        self.errors += 1;
        if report.warnings.len() < self.opts.max_warnings {
            report.warnings.push(err);
        }
        Ok(())
    }

    fn add_object(
        &mut self,
        obj: &[u8],
        line: usize,
        forced: Option<u16>,
        report: &mut SourceReport,
        scanned: Option<scan::Scanned>,
    ) -> Result<(), RpslError> {
        let obj = trim_nl(obj);
        if obj.len() > self.opts.max_object_bytes.max(1) {
            let e = RpslError::at(
                line,
                0,
                RpslErrorKind::Limit(format!(
                    "object longer than {} bytes",
                    self.opts.max_object_bytes
                )),
            );
            return self.bad(report, e);
        }
        let meta = match scanned.unwrap_or_else(|| scan::scan_object(obj)) {
            Ok(m) => m,
            Err((off, kind)) => return self.bad(report, RpslError::at(line + off, 0, kind)),
        };
        let raw = crate::parse::rpsl::RawObject::new(obj, line);
        if meta.deleted {
            if self.opts.mode == Mode::Strict {
                let name = String::from_utf8_lossy(raw.class_name()).into_owned();
                return Err(RpslError::at(line, 1, RpslErrorKind::DeletedObject(name)));
            }
            report.deleted += 1;
            self.deleted += 1;
            return Ok(());
        }
        // The object rules of `parse_all`: strict mode is IRRd's strict
        // validation of the whole object; lenient mode checks, beside what
        // the scan read for the indexes, the class and the `source:`.
        let checked = match self.opts.mode {
            Mode::Strict => raw
                .to_object()
                .and_then(|o| crate::parse::rpsl::validate(&o, Mode::Strict).map(|_| ())),
            Mode::Lenient => lenient_checks(&raw, &meta, forced.is_some()),
        };
        if let Err(e) = checked {
            return self.bad(report, e);
        }
        let source = match (forced, meta.source) {
            (Some(s), _) => s,
            (None, Some((start, len))) => {
                let name = obj.get(start..start + len).unwrap_or(&[]);
                self.intern(name, line)?
            }
            (None, None) => {
                let e = RpslError::at(line, 0, RpslErrorKind::MissingField("source"));
                return self.bad(report, e);
            }
        };
        let id = u32::try_from(self.objs.len()).map_err(|_| {
            RpslError::at(
                line,
                0,
                RpslErrorKind::Limit("more than 2^32 objects".into()),
            )
        })?;
        // Copy into the arena.
        let need_new = self
            .chunks
            .last()
            .is_none_or(|c| c.len() + obj.len() > c.capacity());
        if need_new {
            if let Some(last) = self.chunks.last_mut() {
                last.shrink_to_fit();
            }
            // Geometric growth up to CHUNK keeps small loads small.
            let held: usize = self.chunks.iter().map(Vec::len).sum();
            let cap = held.clamp(1 << 16, CHUNK).max(obj.len());
            self.chunks.push(Vec::with_capacity(cap));
        }
        let chunk_idx = self.chunks.len() - 1;
        let Some(chunk) = self.chunks.last_mut() else {
            return Ok(());
        };
        let off = chunk.len();
        chunk.extend_from_slice(obj);
        let to32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        self.objs.push(ObjRec {
            chunk: to32(chunk_idx),
            off: to32(off),
            len: to32(obj.len()),
            line: to32(line),
            source,
            class: meta.class,
        });
        match meta.class {
            CLASS_ROUTE | CLASS_ROUTE6 => {
                if let Some((p, o)) = meta.route {
                    let e = REntry {
                        key: p.bits(),
                        origin: o.get(),
                        id,
                        source,
                        len: p.len(),
                        parent: NO_PARENT,
                    };
                    if p.is_ipv6() {
                        self.v6.push(e);
                    } else {
                        self.v4.push(e);
                    }
                }
            }
            CLASS_AUT_NUM => {
                if let Some(a) = meta.asn {
                    self.aut_nums.push((a.get(), id));
                }
            }
            CLASS_AS_SET | CLASS_ROUTE_SET => self.sets.push((meta.key_hash, id)),
            _ => self.keys.push((meta.key_hash, id)),
        }
        for h in &meta.member_of {
            self.member_of.push((*h, id));
        }
        // Class counts.
        let class_name = obj
            .get(..memchr::memchr(b':', obj).unwrap_or(0))
            .unwrap_or(&[]);
        let counts = self
            .class_counts
            .get_mut(usize::from(source))
            .ok_or_else(|| too_many_sources(line))?;
        counts.bump(meta.class, class_name);
        self.input_counts.bump(meta.class, class_name);
        report.objects += 1;
        Ok(())
    }

    /// Builds the indexes.
    pub fn build(self) -> IrrDb {
        let IrrDbBuilder {
            chunks: mut arena,
            mut objs,
            mut v4,
            mut v6,
            mut aut_nums,
            mut sets,
            mut keys,
            mut member_of,
            sources,
            preference,
            class_counts,
            errors,
            deleted,
            ..
        } = self;
        if let Some(last) = arena.last_mut() {
            last.shrink_to_fit();
        }
        // Source ranks: listed ones first, then first appearance.
        let mut order: Vec<u16> = Vec::with_capacity(sources.len());
        for p in &preference {
            if let Some(i) = sources.iter().position(|s| **s == **p) {
                if let Ok(i) = u16::try_from(i) {
                    if !order.contains(&i) {
                        order.push(i);
                    }
                }
            }
        }
        for i in 0..sources.len() {
            if let Ok(i) = u16::try_from(i) {
                if !order.contains(&i) {
                    order.push(i);
                }
            }
        }
        let mut rank = vec![0u16; sources.len()];
        for (r, s) in order.iter().enumerate() {
            if let Some(slot) = rank.get_mut(usize::from(*s)) {
                *slot = u16::try_from(r).unwrap_or(u16::MAX);
            }
        }
        let src_of = |id: u32| objs.get(id as usize).map_or(0, |o| o.source);
        let rank_of = |id: u32| {
            rank.get(usize::from(src_of(id)))
                .copied()
                .unwrap_or(u16::MAX)
        };
        let rank_src = |s: u16| rank.get(usize::from(s)).copied().unwrap_or(u16::MAX);
        for fam in [&mut v4, &mut v6] {
            fam.sort_unstable_by_key(|e| {
                (
                    e.key,
                    e.len,
                    e.origin,
                    rank_src(e.source),
                    std::cmp::Reverse(e.id),
                )
            });
            // The same route twice in one source: the later one wins.
            fam.dedup_by(|b, a| {
                a.key == b.key && a.len == b.len && a.origin == b.origin && a.source == b.source
            });
            fam.shrink_to_fit();
            link_parents(fam);
        }
        let mut by_origin: Vec<(u32, u32)> = Vec::with_capacity(v4.len() + v6.len());
        for (i, e) in v4.iter().enumerate() {
            by_origin.push((e.origin, u32::try_from(i).unwrap_or(u32::MAX)));
        }
        for (i, e) in v6.iter().enumerate() {
            by_origin.push((e.origin, u32::try_from(i).unwrap_or(u32::MAX) | V6_TAG));
        }
        by_origin.sort_unstable();
        // Sort by key alone (no look-up per comparison), then order each
        // run of equal keys (usually one element) by source preference.
        aut_nums.sort_unstable();
        order_runs(&mut aut_nums, &rank_of);
        aut_nums.shrink_to_fit();
        sets.sort_unstable();
        order_runs(&mut sets, &rank_of);
        sets.shrink_to_fit();
        keys.sort_unstable();
        order_runs(&mut keys, &rank_of);
        keys.shrink_to_fit();
        member_of.sort_unstable();
        member_of.shrink_to_fit();
        objs.shrink_to_fit();

        let mut stats = IrrStats {
            errors,
            deleted,
            routes_v4: v4.len(),
            routes_v6: v6.len(),
            ..IrrStats::default()
        };
        for (s, counts) in sources.iter().zip(class_counts) {
            let mut ss = SourceStats::default();
            for (name, c) in counts.entries() {
                ss.objects += c;
                stats.objects += c;
                *stats.classes.entry(name.clone()).or_insert(0) += c;
                *ss.classes.entry(name).or_insert(0) += c;
            }
            stats.sources.insert(s.to_string(), ss);
        }
        IrrDb {
            inner: Arc::new(DbInner {
                arena,
                objs,
                sources,
                rank,
                order,
                v4,
                v6,
                by_origin,
                aut_nums,
                sets,
                keys,
                member_of,
                stats,
            }),
            selected: Vec::new(),
            selected_rank: Vec::new(),
        }
    }
}

/// Orders every run of equal keys by (source rank, latest object first).
fn order_runs<K: PartialEq + Copy>(v: &mut [(K, u32)], rank_of: &impl Fn(u32) -> u16) {
    let mut i = 0;
    while i < v.len() {
        let Some(&(k, _)) = v.get(i) else { break };
        let n = v
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|(x, _)| *x == k).count())
            .max(1);
        if n > 1 {
            if let Some(run) = v.get_mut(i..i + n) {
                run.sort_by_key(|(_, id)| (rank_of(*id), std::cmp::Reverse(*id)));
            }
        }
        i += n;
    }
}

/// Objects per class: typed classes by code, others by name.
#[derive(Clone, Debug, Default)]
struct ClassCounts {
    typed: [usize; 12],
    other: Vec<(String, usize)>,
}

impl ClassCounts {
    /// Counts one object (no allocation once a class was seen).
    fn bump(&mut self, code: u8, class: &[u8]) {
        if let Some(c) = self.typed.get_mut(usize::from(code)) {
            *c += 1;
            return;
        }
        match self
            .other
            .iter_mut()
            .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(class))
        {
            Some((_, c)) => *c += 1,
            None => self
                .other
                .push((String::from_utf8_lossy(class).to_ascii_lowercase(), 1)),
        }
    }

    /// (class name, count) for every class seen.
    fn entries(self) -> impl Iterator<Item = (String, usize)> {
        ObjectClass::TYPED
            .iter()
            .zip(self.typed)
            .filter(|(_, c)| *c > 0)
            .map(|(k, c)| (k.name().to_owned(), c))
            .chain(self.other)
    }
}

fn too_many_sources(line: usize) -> RpslError {
    RpslError::at(
        line,
        0,
        RpslErrorKind::Limit(format!(
            "empty source name or more than {MAX_SOURCES} sources"
        )),
    )
}

fn trim_nl(b: &[u8]) -> &[u8] {
    let mut b = b;
    while let [rest @ .., b'\n' | b'\r'] = b {
        b = rest;
    }
    b
}

const V6_TAG: u32 = 1 << 31;

/// An in-memory IRR database; see the module docs. Immutable and
/// `Send + Sync`; a clone is cheap (the indexes are shared), so a clone
/// can carry its own source selection ([`IrrDb::select_sources`]).
#[derive(Clone, Debug)]
pub struct IrrDb {
    inner: Arc<DbInner>,
    /// Per source index: queries see it (all when empty).
    selected: Vec<bool>,
    /// Per source index: its rank in the last [`IrrDb::select_sources`]
    /// list (empty: the loaded preference decides).
    selected_rank: Vec<u16>,
}

/// The shared, immutable part of an [`IrrDb`].
#[derive(Debug)]
struct DbInner {
    arena: Vec<Vec<u8>>,
    objs: Vec<ObjRec>,
    sources: Vec<Arc<str>>,
    /// Rank per source index (0 = most preferred).
    rank: Vec<u16>,
    /// Source indices, most preferred first.
    order: Vec<u16>,
    v4: Vec<REntry>,
    v6: Vec<REntry>,
    by_origin: Vec<(u32, u32)>,
    aut_nums: Vec<(u32, u32)>,
    sets: Vec<(u64, u32)>,
    keys: Vec<(u64, u32)>,
    member_of: Vec<(u64, u32)>,
    stats: IrrStats,
}

/// What [`IrrDb::lookup`] understood its key as.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LookupKey {
    /// A prefix: exact route objects.
    Prefix(Prefix),
    /// An AS: its aut-num objects.
    Asn(Asn),
    /// A set name (possibly `SOURCE::` scoped).
    Set(String),
    /// Any other primary key.
    Key(String),
}

impl IrrDb {
    /// Number of objects.
    pub fn len(&self) -> usize {
        self.inner.objs.len()
    }

    /// Whether the database is empty.
    pub fn is_empty(&self) -> bool {
        self.inner.objs.is_empty()
    }

    /// Totals per class and per source, as loaded (not affected by
    /// [`IrrDb::select_sources`]).
    pub fn stats(&self) -> &IrrStats {
        &self.inner.stats
    }

    /// The sources queries see ([`IrrDb::select_sources`]), most
    /// preferred first: in the order of the selection when there is one.
    pub fn sources(&self) -> Vec<Arc<str>> {
        let mut v: Vec<u16> = self
            .inner
            .order
            .iter()
            .copied()
            .filter(|i| self.selected.get(usize::from(*i)).copied().unwrap_or(true))
            .collect();
        if !self.selected_rank.is_empty() {
            v.sort_by_key(|i| self.selected_rank.get(usize::from(*i)).copied());
        }
        v.iter()
            .filter_map(|i| self.inner.sources.get(usize::from(*i)).cloned())
            .collect()
    }

    /// Every loaded source, most preferred first.
    pub fn all_sources(&self) -> Vec<Arc<str>> {
        self.inner
            .order
            .iter()
            .filter_map(|i| self.inner.sources.get(usize::from(*i)).cloned())
            .collect()
    }

    /// Restricts every query to some sources (names case-insensitive), like
    /// IRRd's `!s` and bgpq4's `-S`; `None` restores all. A set in a source
    /// not selected is then missing, as it is for IRRd, and a set found in
    /// several selected sources resolves from the first of them in this
    /// list (IRRd's rule), not by the loaded preference.
    pub fn select_sources(&mut self, sources: Option<&[&str]>) -> Result<(), IrrQueryError> {
        let Some(names) = sources else {
            self.selected.clear();
            self.selected_rank.clear();
            return Ok(());
        };
        let mut sel = vec![false; self.inner.sources.len()];
        let mut rank = vec![u16::MAX; self.inner.sources.len()];
        for (k, n) in names.iter().enumerate() {
            let i = self
                .inner
                .sources
                .iter()
                .position(|s| s.eq_ignore_ascii_case(n.trim()))
                .ok_or_else(|| IrrQueryError::UnknownSource((*n).to_owned()))?;
            if let Some(x) = sel.get_mut(i) {
                *x = true;
            }
            if let Some(r) = rank.get_mut(i) {
                *r = (*r).min(u16::try_from(k).unwrap_or(u16::MAX));
            }
        }
        self.selected = sel;
        self.selected_rank = rank;
        Ok(())
    }

    /// Whether queries see the objects of source index `source` (the
    /// route entries carry it: no look-up of the object).
    #[inline]
    fn source_on(&self, source: u16) -> bool {
        self.selected.is_empty()
            || self
                .selected
                .get(usize::from(source))
                .copied()
                .unwrap_or(false)
    }

    /// Whether queries see object `id`.
    #[inline]
    fn on(&self, id: u32) -> bool {
        self.selected.is_empty()
            || self
                .inner
                .objs
                .get(id as usize)
                .and_then(|o| self.selected.get(usize::from(o.source)))
                .copied()
                .unwrap_or(false)
    }

    /// Bytes held on the heap (capacities of every allocation).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let arena: usize = self.inner.arena.iter().map(Vec::capacity).sum();
        let stats: usize = self
            .inner
            .stats
            .sources
            .values()
            .map(|s| s.classes.len() * 64)
            .sum::<usize>()
            + self.inner.stats.classes.len() * 64;
        arena
            + self.inner.arena.capacity() * size_of::<Vec<u8>>()
            + self.inner.objs.capacity() * size_of::<ObjRec>()
            + self
                .inner
                .sources
                .iter()
                .map(|s| s.len() + 16)
                .sum::<usize>()
            + self.inner.sources.capacity() * size_of::<Arc<str>>()
            + (self.inner.rank.capacity() + self.inner.order.capacity()) * 2
            + (self.inner.v4.capacity() + self.inner.v6.capacity()) * size_of::<REntry>()
            + (self.inner.by_origin.capacity() + self.inner.aut_nums.capacity()) * 8
            + (self.inner.sets.capacity()
                + self.inner.keys.capacity()
                + self.inner.member_of.capacity())
                * 16
            + stats
            + self.selected.capacity()
    }

    fn rec(&self, id: ObjId) -> Option<&ObjRec> {
        self.inner.objs.get(id.0 as usize)
    }

    /// The stored bytes of an object (its lines as loaded).
    pub fn object_bytes(&self, id: ObjId) -> Option<&[u8]> {
        let r = self.rec(id)?;
        let c = self.inner.arena.get(r.chunk as usize)?;
        c.get(r.off as usize..r.off as usize + r.len as usize)
    }

    /// The stored text of an object (lossily decoded).
    pub fn object_text(&self, id: ObjId) -> Option<String> {
        self.object_bytes(id)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// The object, parsed again from its stored bytes.
    pub fn object(&self, id: ObjId) -> Option<RpslObject> {
        let line = self.rec(id)?.line as usize;
        Some(scan::to_object(self.object_bytes(id)?, line))
    }

    /// The typed view of an object (parsed again).
    pub fn typed(&self, id: ObjId) -> Option<Result<TypedObject<'static>, RpslError>> {
        let obj = self.object(id)?;
        Some(crate::parse::rpsl::typed(&obj).map(TypedObject::into_owned))
    }

    /// The source of an object.
    pub fn source_of(&self, id: ObjId) -> Option<&Arc<str>> {
        self.inner.sources.get(usize::from(self.rec(id)?.source))
    }

    /// The class of an object.
    pub fn class_of(&self, id: ObjId) -> Option<ObjectClass> {
        let c = self.rec(id)?.class;
        Some(
            ObjectClass::TYPED
                .get(usize::from(c))
                .copied()
                .unwrap_or(ObjectClass::Other),
        )
    }

    /// The 1-based line where the object started in its input.
    pub fn line_of(&self, id: ObjId) -> Option<usize> {
        Some(self.rec(id)?.line as usize)
    }

    #[inline]
    fn fam(&self, family: Family) -> &[REntry] {
        match family {
            Family::V4 => &self.inner.v4,
            Family::V6 => &self.inner.v6,
        }
    }

    fn route_ref(&self, family: Family, e: &REntry) -> Option<RouteRef> {
        if !self.on(e.id) {
            return None;
        }
        let prefix = Prefix::from_bits_relaxed(family, e.key, e.len).ok()?;
        Some(RouteRef {
            id: ObjId(e.id),
            prefix,
            origin: Asn::new(e.origin),
            source: self.source_of(ObjId(e.id))?.clone(),
        })
    }

    /// Entries of exactly (key, len).
    fn exact_range(fam: &[REntry], key: u128, len: u8) -> &[REntry] {
        let lo = fam.partition_point(|e| (e.key, e.len) < (key, len));
        let rest = fam.get(lo..).unwrap_or(&[]);
        let n = rest
            .iter()
            .take_while(|e| e.key == key && e.len == len)
            .count();
        rest.get(..n).unwrap_or(&[])
    }

    /// Route objects for exactly this prefix (all origins, all sources;
    /// ordered by origin, then source preference).
    pub fn routes_exact(&self, prefix: &Prefix) -> Vec<RouteRef> {
        let fam = self.fam(prefix.family());
        Self::exact_range(fam, prefix.bits(), prefix.len())
            .iter()
            .filter_map(|e| self.route_ref(prefix.family(), e))
            .collect()
    }

    /// Calls `f` on every entry covering `prefix` (less-specific or equal),
    /// least specific first.
    #[inline]
    fn for_covering(&self, prefix: &Prefix, mut f: impl FnMut(&REntry)) {
        let fam = self.fam(prefix.family());
        let (key, len) = (prefix.bits(), prefix.len());
        // The last entry at or before the prefix in preorder: the deepest
        // covering prefix is it or one of its ancestors.
        let pos = fam.partition_point(|e| (e.key, e.len) <= (key, len));
        let Some(last) = pos.checked_sub(1) else {
            return;
        };
        let mut at = fam.get(last).map(|e| {
            // Start of its run.
            let run = fam
                .get(..=last)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take_while(|x| x.key == e.key && x.len == e.len)
                .count();
            last + 1 - run
        });
        let mut steps = 0usize;
        while let Some(i) = at {
            let Some(e) = fam.get(i) else { break };
            steps += 1;
            if steps > 256 {
                break;
            }
            if covers(e.key, e.len, key, len) {
                for x in fam
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|x| x.key == e.key && x.len == e.len)
                {
                    f(x);
                }
            }
            at = (e.parent != NO_PARENT).then_some(e.parent as usize);
        }
    }

    /// Calls `f(length, origin)` for every route covering `prefix`.
    #[inline]
    pub(crate) fn for_covering_entries(&self, prefix: &Prefix, mut f: impl FnMut(u8, u32)) {
        self.for_covering(prefix, |e| {
            if self.on(e.id) {
                f(e.len, e.origin);
            }
        });
    }

    /// Every indexed route object (IPv4 then IPv6, in prefix order).
    pub fn all_routes(&self) -> impl Iterator<Item = RouteRef> + '_ {
        self.inner
            .v4
            .iter()
            .filter_map(|e| self.route_ref(Family::V4, e))
            .chain(
                self.inner
                    .v6
                    .iter()
                    .filter_map(|e| self.route_ref(Family::V6, e)),
            )
    }

    /// Route objects whose prefix covers this one (less-specific or equal),
    /// least specific first.
    pub fn routes_covering(&self, prefix: &Prefix) -> Vec<RouteRef> {
        let mut out = Vec::new();
        self.for_covering(prefix, |e| {
            if let Some(r) = self.route_ref(prefix.family(), e) {
                out.push(r);
            }
        });
        // Deepest first → least specific first, keeping each prefix's
        // (origin, source preference) order.
        out.reverse();
        let mut i = 0;
        while i < out.len() {
            let p = out.get(i).map(|r| r.prefix);
            let n = out
                .get(i..)
                .map_or(1, |r| r.iter().take_while(|x| Some(x.prefix) == p).count())
                .max(1);
            if let Some(run) = out.get_mut(i..i + n) {
                run.reverse();
            }
            i += n;
        }
        out
    }

    /// Route objects strictly more specific than this prefix, in address
    /// order.
    pub fn routes_more_specific(&self, prefix: &Prefix) -> Vec<RouteRef> {
        let fam = self.fam(prefix.family());
        let Some(next) = prefix.len().checked_add(1) else {
            return Vec::new();
        };
        if next > prefix.family().max_len() {
            return Vec::new();
        }
        let start = prefix.bits();
        let end = start | !mask(prefix.len());
        let lo = fam.partition_point(|e| (e.key, e.len) < (start, next));
        let hi = fam.partition_point(|e| e.key <= end);
        fam.get(lo..hi.max(lo))
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| self.route_ref(prefix.family(), e))
            .collect()
    }

    /// Route objects originated by `asn` (both families).
    pub fn routes_by_origin(&self, asn: Asn) -> Vec<RouteRef> {
        Self::hashed(&self.inner.by_origin, asn.get())
            .iter()
            .filter_map(|(_, pos)| {
                if pos & V6_TAG != 0 {
                    let e = self.inner.v6.get((pos & !V6_TAG) as usize)?;
                    self.route_ref(Family::V6, e)
                } else {
                    let e = self.inner.v4.get(*pos as usize)?;
                    self.route_ref(Family::V4, e)
                }
            })
            .collect()
    }

    /// The distinct prefixes originated by `asn` in one family, sorted:
    /// IRRd `!g` (IPv4) and `!6` (IPv6).
    pub fn origin_prefixes(&self, asn: Asn, family: Family) -> Vec<Prefix> {
        self.origins_prefixes(&[asn], family)
    }

    /// The distinct prefixes originated by any of `asns` in one family,
    /// sorted: IRRd `!a4`/`!a6` once the as-set is expanded to its ASes
    /// (sorted `asns` are found in one pass over the origin index).
    pub fn origins_prefixes(&self, asns: &[Asn], family: Family) -> Vec<Prefix> {
        // Positions in the family's table, which is sorted by prefix:
        // ordering positions orders prefixes, with no comparison of
        // prefixes at all.
        let want_v6 = family == Family::V6;
        let table = self.fam(family);
        let index = &self.inner.by_origin;
        let sorted = asns.is_sorted();
        let mut from = 0usize;
        let mut pos: Vec<u32> = Vec::new();
        for a in asns {
            let a = a.get();
            let (lo, hi) = if sorted {
                // Gallop from where the last AS ended: the next one is
                // usually close.
                let rest = index.get(from..).unwrap_or(&[]);
                let lo = from + gallop(rest, |(x, _)| *x < a);
                let run = index.get(lo..).unwrap_or(&[]);
                (lo, lo + gallop(run, |(x, _)| *x == a))
            } else {
                (
                    index.partition_point(|(x, _)| *x < a),
                    index.partition_point(|(x, _)| *x <= a),
                )
            };
            from = hi;
            for &(_, p) in index.get(lo..hi).unwrap_or(&[]) {
                if (p & V6_TAG != 0) != want_v6 {
                    continue;
                }
                // The source is checked in table order below (here it
                // would be a cache miss per route).
                pos.push(p & !V6_TAG);
            }
        }
        if pos.len().saturating_mul(16) >= table.len() {
            // Many: a bitmap over the table, read in order.
            let mut bitmap = vec![0u64; table.len().div_ceil(64)];
            for &p in &pos {
                if let Some(w) = bitmap.get_mut(p as usize / 64) {
                    *w |= 1 << (p % 64);
                }
            }
            pos.clear();
            for (k, &w) in bitmap.iter().enumerate() {
                let mut w = w;
                while w != 0 {
                    pos.push((k * 64) as u32 + w.trailing_zeros());
                    w &= w - 1;
                }
            }
        } else {
            pos.sort_unstable();
        }
        let mut out: Vec<Prefix> = Vec::with_capacity(pos.len());
        for p in pos {
            let Some(e) = table.get(p as usize).filter(|e| self.source_on(e.source)) else {
                continue;
            };
            let prefix = Prefix::from_bits_clamped(family, e.key, e.len);
            // Equal prefixes (other origins, other sources) are neighbours.
            if out.last() != Some(&prefix) {
                out.push(prefix);
            }
        }
        out
    }

    /// The aut-num of an AS from the most preferred source that has one.
    pub fn aut_num(&self, asn: Asn) -> Option<ObjId> {
        self.aut_nums_all(asn).into_iter().next()
    }

    /// Every aut-num of an AS, most preferred source first.
    pub fn aut_nums_all(&self, asn: Asn) -> Vec<ObjId> {
        Self::hashed(&self.inner.aut_nums, asn.get())
            .iter()
            .filter(|(_, id)| self.on(*id))
            .map(|(_, id)| ObjId(*id))
            .collect()
    }

    /// The entries under one key (a hash or an AS) of a sorted (key, id)
    /// index, most preferred first.
    fn hashed<K: Ord + Copy>(index: &[(K, u32)], h: K) -> &[(K, u32)] {
        let lo = index.partition_point(|(x, _)| *x < h);
        let hi = index.partition_point(|(x, _)| *x <= h);
        index.get(lo..hi).unwrap_or(&[])
    }

    /// Every set object of a name (`SOURCE::NAME` restricts the source),
    /// most preferred source first.
    pub fn sets_all(&self, name: &str) -> Vec<ObjId> {
        let name = name.trim();
        let (scope, bare) = match name.find("::") {
            Some(i) => (
                Some(name.get(..i).unwrap_or("")),
                name.get(i + 2..).unwrap_or(""),
            ),
            None => (None, name),
        };
        let want = bare.to_ascii_uppercase();
        let h = scan::set_hash(bare.as_bytes());
        let mut out = Self::hashed(&self.inner.sets, h)
            .iter()
            .filter(|(_, id)| self.on(*id))
            .map(|(_, id)| ObjId(*id))
            .filter(|id| {
                scope.is_none_or(|s| {
                    self.source_of(*id)
                        .is_some_and(|x| x.eq_ignore_ascii_case(s))
                })
            })
            .filter(|id| {
                self.object_bytes(*id)
                    .is_some_and(|b| scan::primary_key(b).2 == want)
            })
            .collect::<Vec<_>>();
        if !self.selected_rank.is_empty() {
            // Stable: within a source the loaded order stays.
            out.sort_by_key(|id| {
                self.rec(*id)
                    .and_then(|r| self.selected_rank.get(usize::from(r.source)))
                    .copied()
                    .unwrap_or(u16::MAX)
            });
        }
        out
    }

    /// The set object of a name (`AS-FOO`, `AS65000:AS-BAR`, `RS-X`,
    /// `RIPE::AS-FOO`), from the most preferred source that has it.
    pub fn set(&self, name: &str) -> Option<ObjId> {
        self.sets_all(name).into_iter().next()
    }

    /// Objects of a class by primary key (case-insensitive; whitespace
    /// ignored; persons and roles by `nic-hdl`; routes by `PREFIXASN`
    /// like IRRd's `!m`), most preferred source first.
    pub fn object_by_key(&self, class: &str, key: &str) -> Vec<ObjId> {
        let code = scan::class_code(class.as_bytes());
        let want: String = key
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        match code {
            CLASS_ROUTE | CLASS_ROUTE6 => {
                // PREFIXORIGIN, as in `!mroute,192.0.2.0/24AS65001`.
                let upper = want.clone();
                let Some(i) = upper.rfind("AS") else {
                    return Vec::new();
                };
                let (p, o) = upper.split_at(i);
                let (Ok(p), Ok(o)) = (Prefix::parse(p), Asn::parse(o)) else {
                    return Vec::new();
                };
                self.routes_exact(&p)
                    .into_iter()
                    .filter(|r| r.origin == o)
                    .map(|r| r.id)
                    .collect()
            }
            CLASS_AUT_NUM => Asn::parse(&want)
                .map(|a| self.aut_nums_all(a))
                .unwrap_or_default(),
            CLASS_AS_SET | CLASS_ROUTE_SET => self
                .sets_all(key)
                .into_iter()
                .filter(|id| {
                    self.inner
                        .objs
                        .get(id.0 as usize)
                        .is_some_and(|o| o.class == code)
                })
                .collect(),
            _ => {
                let h = scan::key_hash(want.as_bytes());
                Self::hashed(&self.inner.keys, h)
                    .iter()
                    .filter(|(_, id)| self.on(*id))
                    .map(|(_, id)| ObjId(*id))
                    .filter(|id| {
                        self.object_bytes(*id).is_some_and(|b| {
                            let (c, cname, k) = scan::primary_key(b);
                            k == want
                                && (c == code
                                    && (code != CLASS_OTHER || cname.eq_ignore_ascii_case(class)))
                        })
                    })
                    .collect()
            }
        }
    }

    /// Objects of any class except routes, aut-nums and sets by primary key.
    fn any_by_key(&self, key: &str) -> Vec<ObjId> {
        let want: String = key
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let h = scan::key_hash(want.as_bytes());
        Self::hashed(&self.inner.keys, h)
            .iter()
            .filter(|(_, id)| self.on(*id))
            .map(|(_, id)| ObjId(*id))
            .filter(|id| {
                self.object_bytes(*id)
                    .is_some_and(|b| scan::primary_key(b).2 == want)
            })
            .collect()
    }

    /// Interprets a key (a prefix, an AS, a set name or any other primary
    /// key) and returns the matching objects: exact route objects, aut-nums,
    /// set objects (all sources) or objects by primary key.
    pub fn lookup(&self, key: &str) -> (LookupKey, Vec<ObjId>) {
        let k = key.trim();
        if k.contains('/') {
            if let Ok(p) = Prefix::parse_relaxed(k) {
                return (
                    LookupKey::Prefix(p),
                    self.routes_exact(&p).into_iter().map(|r| r.id).collect(),
                );
            }
        }
        if let Ok(a) = Asn::parse(k) {
            return (LookupKey::Asn(a), self.aut_nums_all(a));
        }
        let sets = self.sets_all(k);
        if !sets.is_empty() || sets::looks_like_set(k) {
            return (LookupKey::Set(k.to_owned()), sets);
        }
        if let Ok(p) = Prefix::parse_relaxed(k) {
            return (
                LookupKey::Prefix(p),
                self.routes_exact(&p).into_iter().map(|r| r.id).collect(),
            );
        }
        (LookupKey::Key(k.to_owned()), self.any_by_key(k))
    }

    /// Objects naming a set (by hash of the bare name) in `member-of`.
    fn member_of_refs(&self, name: &str) -> impl Iterator<Item = ObjId> + '_ {
        let h = scan::set_hash(name.as_bytes());
        Self::hashed(&self.inner.member_of, h)
            .iter()
            .filter(|(_, id)| self.on(*id))
            .map(|(_, id)| ObjId(*id))
    }
}

/// Lenient mode's checks beyond the scan (as `parse_all` makes them): a
/// known class, a well-formed primary key for address ranges (the one key
/// the scan does not read), and one well-formed `source:` unless the source
/// is forced. Cheap: only the first line is parsed again.
fn lenient_checks(
    raw: &crate::parse::rpsl::RawObject<'_>,
    meta: &scan::Meta,
    forced: bool,
) -> Result<(), RpslError> {
    let name = raw.class_name();
    let class = || String::from_utf8_lossy(name).to_ascii_lowercase();
    // The scan's class codes are all known classes.
    if meta.class == CLASS_OTHER && !crate::parse::rpsl::schema::is_known_class(&class()) {
        return Err(RpslError::at(
            raw.line,
            1,
            RpslErrorKind::UnknownClass(class()),
        ));
    }
    if name.eq_ignore_ascii_case(b"inetnum") || name.eq_ignore_ascii_case(b"inet6num") {
        if let Some(first) = raw.attributes().next() {
            let key = crate::model::rpsl::RpslObject {
                attributes: vec![first?.to_attribute()],
                line: raw.line,
            };
            crate::parse::rpsl::typed::check_primary_key(&key)?;
        }
    }
    if forced {
        return Ok(());
    }
    if let Some(off) = meta.repeated_source {
        return Err(RpslError::at(
            raw.line + off,
            1,
            RpslErrorKind::RepeatedAttribute {
                class: class(),
                attribute: "source".into(),
            },
        ));
    }
    if let Some((start, len)) = meta.source {
        let word = raw.text.get(start..start + len).unwrap_or(&[]);
        if !word
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        {
            return Err(RpslError::at(
                raw.line,
                1,
                RpslErrorKind::InvalidField {
                    field: "source",
                    message: format!("malformed source {:?}", String::from_utf8_lossy(word)),
                },
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
