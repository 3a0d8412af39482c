//! RPSL parsing: RFC 2622 (Routing Policy Specification Language) and
//! RFC 4012 (RPSLng: `mp-*` attributes, IPv6), with the RIPE, IRRd and dn42
//! schemas. No I/O beyond a caller-supplied [`std::io::BufRead`].
//!
//! Layers, from fast to rich:
//! - [`objects`]: a zero-copy lexer over a byte slice. Objects are split on
//!   blank (or whitespace-only) lines — except that a whitespace-only line
//!   starting with a space or a tab is an empty continuation line when a
//!   continuation line follows it (IRRd's `SAMPLE_FILTER_SET` relies on
//!   that); `%` lines and `#` whole-line comments
//!   between objects are skipped; attributes are `name: value` with
//!   continuation lines starting with a space, a tab or `+`; `#` starts an
//!   end-of-line comment; CRLF and a missing final newline are accepted;
//!   values that are not UTF-8 are decoded as Latin-1 (LACNIC dumps).
//!   [`RawAttribute::first_word`] gives index keys without allocating.
//!   [`objects_str`] is the same lexer over a `&str`: the input is known
//!   to be UTF-8, so no object's text is validated again.
//! - [`RpslReader`]: the same objects from a [`std::io::BufRead`], one at a
//!   time in a reused buffer, bounded by [`RpslOptions::max_object_bytes`].
//! - [`parse_all`]: every object of a dump as [`RpslObject`]s, validated
//!   in [`Mode::Strict`] (IRRd strict validation: the first bad object is an
//!   error with its line) or [`Mode::Lenient`] (bad objects are skipped and
//!   warned about; legacy `*xx` deleted objects are counted in
//!   [`ParsedRpsl::deleted`]).
//! - [`typed`]: the typed view of an object ([`TypedObject`]: routes,
//!   aut-nums, sets, maintainers, contacts, organisations, IRTs, address
//!   ranges), borrowing its texts from what it was made from
//!   ([`TypedObject::into_owned`] detaches it). [`typed_raw`] gives the same
//!   view straight from a [`RawObject`], and `objects_str(text).typed()`
//!   ([`Objects::typed`]) types a whole dump, each object in one pass (the
//!   fastest way: 1.6–2.6× the `rpsl-rs` crate's plain attribute split, see
//!   `benches/RESULTS.md`). An aut-num keeps its policy lines by kind and
//!   text; [`parse_policy_line`] (or [`parse_policy`]) reads one into terms
//!   (peer, afi, action, filter) when asked.
//!
//! What is a bad object (both modes): a syntax error (an attribute name
//! outside `[A-Za-z0-9_-]`, a line that is neither an attribute nor a
//! continuation), an unknown class, a missing, malformed (`+TEST$$$`) or
//! repeated `source:`, a missing or repeated primary-key attribute, a
//! typed class whose typed conversion fails (malformed primary key or
//! member), an exceeded limit. Strict mode adds IRRd's strict checks for
//! typed classes: every mandatory attribute present, single-valued
//! attributes not repeated, no unknown attribute. In lenient mode an
//! unknown attribute keeps the object and only adds a warning (IRRd's
//! non-strict mode validates attribute-name syntax, primary keys and
//! look-up fields, not unknown attributes). Input that is not RPSL (a PGP
//! signed message, ARIN's bulk-whois format) gives errors in strict mode
//! and warnings in lenient mode: its "objects" have no known class.
//!
//! ```
//! use routeguard::model::rpsl::TypedObject;
//! use routeguard::parse::rpsl::{self, RpslOptions};
//!
//! let dump = b"% comment\n\nroute:  192.0.2.0/24\norigin: AS64500 # ours\nmnt-by: M\nsource: TEST\n";
//! let parsed = rpsl::parse_all(dump, &RpslOptions::default()).unwrap();
//! assert_eq!(parsed.objects.len(), 1);
//! assert_eq!(parsed.objects[0].get("origin"), Some("AS64500"));
//! match rpsl::typed(&parsed.objects[0]).unwrap() {
//!     TypedObject::Route(r) => assert_eq!(r.prefix.to_string(), "192.0.2.0/24"),
//!     _ => unreachable!(),
//! }
//! // A whole dump, typed, borrowing from the text.
//! let text = "route: 192.0.2.0/24\norigin: AS64500\nmnt-by: A-MNT, B-MNT\nsource: test\n\n\
//!             aut-num: AS64500\nimport: from AS64501 accept ANY\nsource: TEST\n";
//! let typed: Vec<_> = rpsl::objects_str(text).typed().collect::<Result<_, _>>().unwrap();
//! let TypedObject::Route(r) = &typed[0] else { unreachable!() };
//! assert_eq!(r.mnt_by, ["A-MNT", "B-MNT"]);
//! assert_eq!(r.source, "TEST");
//! let TypedObject::AutNum(a) = &typed[1] else { unreachable!() };
//! let policy = rpsl::parse_policy_line(&a.policy[0]).unwrap();
//! assert_eq!(policy.terms[0].filter, "ANY");
//! // The lexer: zero-copy, for indexers.
//! let obj = rpsl::objects(dump).next().unwrap().unwrap();
//! assert_eq!(obj.line, 3);
//! let origin = obj.attributes().filter_map(Result::ok).find(|a| a.is("origin")).unwrap();
//! assert_eq!(origin.first_word(), b"AS64500");
//! ```

mod error;
pub(crate) mod lex;
mod policy;
mod reader;
pub mod schema;
pub(crate) mod typed;

pub use error::{RpslError, RpslErrorKind};
pub use lex::{objects, objects_str, Objects, RawAttribute, RawAttributes, RawObject};
pub use policy::{parse_policy, parse_policy_line, MAX_POLICY_DEPTH};
pub use reader::RpslReader;
pub use typed::{parse_member, parse_set_name, typed, typed_raw, TypedObjects};

pub use crate::model::rpsl::{Policy, PolicyKind, PolicyLine, RpslObject, TypedObject};

use crate::diag::Mode;
use crate::model::rpsl::ObjectClass;

/// Options for [`parse_all`] and [`RpslReader`].
#[derive(Clone, Debug)]
pub struct RpslOptions {
    /// Strict (a bad object fails the load) or lenient (skipped, warned).
    pub mode: Mode,
    /// Most warnings kept (later ones are only counted).
    pub max_warnings: usize,
    /// Largest object accepted, in bytes (default 1 MiB).
    pub max_object_bytes: usize,
    /// Most attributes in one object (default 50,000).
    pub max_attributes: usize,
    /// Longest line accepted, in bytes (default 64 KiB).
    pub max_line_bytes: usize,
}

impl Default for RpslOptions {
    fn default() -> Self {
        RpslOptions {
            mode: Mode::Strict,
            max_warnings: 1000,
            max_object_bytes: 1 << 20,
            max_attributes: 50_000,
            max_line_bytes: 64 * 1024,
        }
    }
}

impl RpslOptions {
    /// Lenient options with the default limits.
    pub fn lenient() -> Self {
        RpslOptions {
            mode: Mode::Lenient,
            ..Self::default()
        }
    }
}

/// The result of [`parse_all`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedRpsl {
    /// The objects kept, in input order.
    pub objects: Vec<RpslObject>,
    /// Lenient mode's warnings (at most `max_warnings`): one per skipped
    /// object and one per unknown attribute of a kept object.
    pub warnings: Vec<RpslError>,
    /// Objects skipped as bad (lenient mode).
    pub skipped: usize,
    /// Legacy `*xx` deleted objects skipped (lenient mode).
    pub deleted: usize,
}

/// Parses and validates every object of a dump.
///
/// Strict mode fails on the first bad object (see the module docs for what
/// is bad); lenient mode skips bad objects, with a warning each.
pub fn parse_all(text: &[u8], opts: &RpslOptions) -> Result<ParsedRpsl, RpslError> {
    let mut state = Loader::new(opts.clone());
    let mut objects_out = Vec::new();
    for item in objects(text) {
        let obj = match item {
            Ok(raw) => state.process(&raw)?,
            Err(e) => {
                state.bad(e)?;
                None
            }
        };
        if let Some(o) = obj {
            objects_out.push(o);
        }
    }
    Ok(ParsedRpsl {
        objects: objects_out,
        warnings: state.warnings,
        skipped: state.skipped,
        deleted: state.deleted,
    })
}

/// Per-object validation state shared by [`parse_all`] and [`RpslReader`].
#[derive(Debug)]
pub(crate) struct Loader {
    pub(crate) opts: RpslOptions,
    pub(crate) warnings: Vec<RpslError>,
    pub(crate) skipped: usize,
    pub(crate) deleted: usize,
}

impl Loader {
    pub(crate) fn new(opts: RpslOptions) -> Self {
        Loader {
            opts,
            warnings: Vec::new(),
            skipped: 0,
            deleted: 0,
        }
    }

    fn warn(&mut self, w: RpslError) {
        if self.warnings.len() < self.opts.max_warnings {
            self.warnings.push(w);
        }
    }

    /// A bad object: the error in strict mode, a skip and a warning in
    /// lenient mode.
    pub(crate) fn bad(&mut self, e: RpslError) -> Result<(), RpslError> {
        match self.opts.mode {
            Mode::Strict => Err(e),
            Mode::Lenient => {
                self.skipped += 1;
                self.warn(e);
                Ok(())
            }
        }
    }

    /// Converts and validates one raw object; `Ok(None)` when it is skipped.
    pub(crate) fn process(&mut self, raw: &RawObject<'_>) -> Result<Option<RpslObject>, RpslError> {
        match self.check(raw) {
            Ok(o) => Ok(o),
            Err(e) => {
                self.bad(e)?;
                Ok(None)
            }
        }
    }

    fn check(&mut self, raw: &RawObject<'_>) -> Result<Option<RpslObject>, RpslError> {
        let opts = &self.opts;
        if raw.text.len() > opts.max_object_bytes {
            return Err(RpslError::at(
                raw.line,
                0,
                RpslErrorKind::Limit(format!(
                    "object of {} bytes exceeds max_object_bytes {}",
                    raw.text.len(),
                    opts.max_object_bytes
                )),
            ));
        }
        if raw.is_deleted() {
            let name = String::from_utf8_lossy(raw.class_name()).into_owned();
            let e = RpslError::at(raw.line, 1, RpslErrorKind::DeletedObject(name));
            return match opts.mode {
                Mode::Strict => Err(e),
                Mode::Lenient => {
                    self.deleted += 1;
                    Ok(None)
                }
            };
        }
        let mut attributes = Vec::new();
        let mut it = raw.attributes();
        let mut err = None;
        while let Some(a) = it.next_attr(&mut err) {
            if attributes.len() >= opts.max_attributes {
                return Err(RpslError::at(
                    a.line,
                    0,
                    RpslErrorKind::Limit(format!(
                        "more than max_attributes {} attributes",
                        opts.max_attributes
                    )),
                ));
            }
            if a.value.len() + a.name.len() + 1 > opts.max_line_bytes {
                for (k, l) in a.value.split(|b| *b == b'\n').enumerate() {
                    let line = a.line + k;
                    if l.len() + a.name.len() + 1 > opts.max_line_bytes {
                        return Err(RpslError::at(
                            line,
                            0,
                            RpslErrorKind::Limit(format!(
                                "line longer than max_line_bytes {}",
                                opts.max_line_bytes
                            )),
                        ));
                    }
                }
            }
            attributes.push(a.to_attribute());
        }
        if let Some(e) = err {
            return Err(e);
        }
        if attributes.is_empty() {
            return Err(RpslError::at(
                raw.line,
                1,
                RpslErrorKind::Syntax("empty object".into()),
            ));
        }
        let obj = RpslObject {
            attributes,
            line: raw.line,
        };
        let warnings = validate(&obj, opts.mode)?;
        for w in warnings {
            self.warn(w);
        }
        Ok(Some(obj))
    }
}

/// Validates one object (see the module docs). Returns lenient mode's
/// warnings (unknown attributes, repeated single-valued attributes other
/// than the class attribute and `source`) when the object is kept.
///
/// Strict mode runs the full typed conversion of typed classes; lenient
/// mode only checks their primary key (as IRRd's non-strict mode does), so
/// an object with, say, a malformed member is kept and only
/// [`typed`] on it fails.
pub fn validate(obj: &RpslObject, mode: Mode) -> Result<Vec<RpslError>, RpslError> {
    let class = obj.class_name();
    if !schema::is_known_class(class) {
        return Err(RpslError::at(
            obj.line,
            1,
            RpslErrorKind::UnknownClass(class.to_owned()),
        ));
    }
    // source: present, once, well formed.
    let mut source_line = None;
    for a in obj.attributes.iter().filter(|a| a.name == "source") {
        if source_line.is_some() {
            return Err(RpslError::at(
                a.line,
                1,
                RpslErrorKind::RepeatedAttribute {
                    class: class.to_owned(),
                    attribute: "source".into(),
                },
            ));
        }
        source_line = Some(a.line);
        let word = a.value.split_whitespace().next().unwrap_or("");
        if word.is_empty()
            || !word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(RpslError::at(
                a.line,
                1,
                RpslErrorKind::InvalidField {
                    field: "source",
                    message: format!("malformed source {:?}", a.value),
                },
            ));
        }
    }
    if source_line.is_none() {
        return Err(RpslError::at(
            obj.line,
            1,
            RpslErrorKind::MissingAttribute {
                class: class.to_owned(),
                attribute: "source",
            },
        ));
    }
    let mut warnings = Vec::new();
    if let Some(s) = schema::schema(class) {
        let strict = mode == Mode::Strict;
        let must: &[&'static str] = if strict { s.mandatory } else { s.key };
        for m in must {
            if !obj.attributes.iter().any(|a| a.name == *m) {
                return Err(RpslError::at(
                    obj.line,
                    1,
                    RpslErrorKind::MissingAttribute {
                        class: class.to_owned(),
                        attribute: m,
                    },
                ));
            }
        }
        for m in s
            .single
            .iter()
            .chain(s.key.iter().filter(|k| !s.single.contains(k)))
        {
            if let Some(a) = obj.attributes.iter().filter(|a| a.name == *m).nth(1) {
                let e = RpslError::at(
                    a.line,
                    1,
                    RpslErrorKind::RepeatedAttribute {
                        class: class.to_owned(),
                        attribute: (*m).to_owned(),
                    },
                );
                // Lenient: only a repeated class attribute is fatal; other
                // repeats (dn42's multi-origin routes) keep the object with
                // a warning, and the typed view takes the first value.
                if strict || *m == class {
                    return Err(e);
                }
                warnings.push(e);
            }
        }
        for a in &obj.attributes {
            if !s.knows(&a.name) {
                let e = RpslError::at(
                    a.line,
                    1,
                    RpslErrorKind::UnknownAttribute {
                        class: class.to_owned(),
                        attribute: a.name.clone(),
                    },
                );
                if strict {
                    return Err(e);
                }
                warnings.push(e);
            }
        }
        if obj.class() != ObjectClass::Other {
            if strict {
                typed(obj)?;
            } else {
                typed::check_primary_key(obj)?;
            }
        }
    }
    Ok(warnings)
}
