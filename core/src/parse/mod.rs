//! Loaders: validator exports (bytes) → [`VrpSet`]. No I/O.
//!
//! Formats follow the validators that write them: rpki-client's JSON
//! (current `roas`/`aspas`/`bgpsec_keys`, the 2023 `provider_authorizations`
//! layout, the 2021 string-valued metadata), CSV, `openbgpd` and `bird`
//! outputs; Routinator's `json`, `jsonext`, `csv`, `csvcompat`, `csvext`,
//! `openbgpd`, `bird1`, `bird2` exports; the StayRTR/GoRTR/OctoRPKI
//! `rpki.json` and a bare JSON array of `{prefix, maxLength, asn}`. SLURM
//! (RFC 8416) is read by the next stage, [`crate::slurm`]: this stage
//! recognises a SLURM file ([`sniff`] says [`Format::Slurm`]) but does not
//! read it, and [`load`]/[`load_as`] return
//! [`ParseErrorKind::SlurmInput`] for one. [`crate::slurm::load`] loads any
//! export, Routinator's `slurm`/`slurm2` exports (SLURM files read as data)
//! included.
//!
//! Every loader works on the input slice without building a document tree,
//! reports the line of a bad record, and runs in [`Mode::Strict`] (the
//! default: the first bad record fails the load) or [`Mode::Lenient`] (bad
//! records are skipped and reported as [`Warning`]s). A bad record is one
//! whose values are wrong (a prefix with host bits, an ASN out of range, a
//! missing field, a value of the wrong type); broken syntax (malformed JSON,
//! an unterminated block or comment) and exceeded limits on structure are
//! fatal in both modes. Errors carry the 1-based line and column of the
//! record (JSON: of its opening `{`; CSV: of the bad field; text formats:
//! of the bad token), computed lazily from byte offsets.
//!
//! Explicit limits guard against hostile input: JSON nesting depth
//! ([`MAX_DEPTH`]), the length of one string or text record
//! ([`MAX_RECORD_LEN`]) and the providers of one ASPA ([`MAX_PROVIDERS`]);
//! exceeding one gives [`ParseErrorKind::Limit`]. No input makes a loader
//! panic.
//!
//! ```
//! use routeguard::parse::{self, Format, LoadOptions};
//! let text = b"roa-set {\n\t192.0.2.0/24 maxlen 25 source-as 64500 expires 1700000000\n}\n";
//! assert_eq!(parse::sniff(text), Some(Format::OpenBgpd));
//! let loaded = parse::load(text, &LoadOptions::default()).unwrap();
//! assert_eq!(loaded.set.vrps.len(), 1);
//! assert_eq!(loaded.set.vrps[0].max_length, 25);
//! ```

pub mod asrel;
pub mod bgp;
pub mod bogons;
mod csv;
pub mod customers;
pub mod device;
mod json;
pub mod mrt;
pub mod peeringdb;
pub mod prefix_list;
#[cfg(feature = "rpki-objects")]
pub mod rpki_object;
pub mod rpsl;
pub mod sav;
pub mod snapshot;
pub mod spoofer;
mod text;
pub mod time;

use std::fmt;
use std::sync::Arc;

use crate::diag::{LineIndex, Location, Mode};
use crate::model::{ModelError, VrpSet};

pub use csv::load_csv;
pub use json::load_json;
pub use text::{load_bird, load_openbgpd};

/// Deepest JSON nesting accepted.
pub const MAX_DEPTH: usize = 64;
/// Longest JSON string or text line accepted, in bytes.
pub const MAX_RECORD_LEN: usize = 1 << 20;
/// Most providers accepted in one ASPA (rpki-client's own cap).
pub const MAX_PROVIDERS: usize = 10_000;

/// Options for every loader.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Strict or lenient.
    pub mode: Mode,
    /// Most warnings kept in lenient mode (later ones are only counted).
    pub max_warnings: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            mode: Mode::Strict,
            max_warnings: 1000,
        }
    }
}

impl LoadOptions {
    /// Lenient options with the default warning cap.
    pub fn lenient() -> Self {
        LoadOptions {
            mode: Mode::Lenient,
            ..Self::default()
        }
    }
}

/// Input formats the loaders understand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Any JSON layout: rpki-client (all generations), Routinator json/jsonext,
    /// StayRTR/GoRTR/OctoRPKI `rpki.json`, bare array of VRP objects.
    Json,
    /// CSV: Routinator csv/csvcompat/csvext, rpki-client csv.
    Csv,
    /// OpenBGPD `roa-set { … }` / `aspa-set { … }` (rpki-client and Routinator).
    OpenBgpd,
    /// BIRD `route P max N as A;` (bird2), `roa P max N as A;` (bird1), and
    /// rpki-client's `route aspa …` lines.
    Bird,
    /// A SLURM file read as data: its assertions become the payloads
    /// (Routinator's `slurm`/`slurm2` exports). Recognised here, read by
    /// [`crate::slurm::load`] and [`crate::slurm::load_as`]; this stage's
    /// loaders answer [`ParseErrorKind::SlurmInput`].
    Slurm,
    /// A VRP snapshot, routeguard's binary form of a loaded set
    /// ([`snapshot`]; written by [`crate::render::snapshot::encode`]).
    /// Recognised by its magic bytes; its errors are always fatal.
    Snapshot,
}

impl Format {
    /// Every format, in sniffing order.
    pub const ALL: [Format; 6] = [
        Format::Snapshot,
        Format::Json,
        Format::Csv,
        Format::OpenBgpd,
        Format::Bird,
        Format::Slurm,
    ];

    /// The short name used by the CLI and the bindings.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::OpenBgpd => "openbgpd",
            Format::Bird => "bird",
            Format::Slurm => "slurm",
            Format::Snapshot => "snapshot",
        }
    }

    /// Looks a format up by its short name (`json`, `csv`, `openbgpd`,
    /// `bird`, `bird1`, `bird2`, `slurm`, and validator-specific aliases).
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "json" | "jsonext" | "rpki-client-json" | "routinator-json" | "rpki.json"
            | "stayrtr" => Format::Json,
            "csv" | "csvcompat" | "csvext" | "rpki-client-csv" => Format::Csv,
            "openbgpd" => Format::OpenBgpd,
            "bird" | "bird1" | "bird2" => Format::Bird,
            "slurm" | "slurm2" => Format::Slurm,
            "snapshot" => Format::Snapshot,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What went wrong while loading a VRP export or another line format
/// (BGP tables, AS relationships, bogon lists). RPSL has its own
/// [`rpsl::RpslErrorKind`]; both locate errors with [`Location`].
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The format could not be recognised. Code `unknown-format`.
    #[error("unrecognised input format (expected JSON, CSV, openbgpd, bird or SLURM)")]
    UnknownFormat,
    /// Malformed JSON syntax. Code `invalid-json`.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A record lacks a required field. Code `missing-field`.
    #[error("missing field {0:?}")]
    MissingField(&'static str),
    /// A field holds a value of the wrong type or shape. Code
    /// `invalid-field`.
    #[error("invalid {field}: {message}")]
    InvalidField {
        /// The field name.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A prefix, ASN or max length was invalid. Its code is the
    /// [`ModelError`]'s (`invalid-prefix`, `host-bits-set`, …).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A text line does not follow the format. Code `syntax`.
    #[error("malformed line: {0}")]
    Syntax(String),
    /// The input is not valid UTF-8 where text is required. Code
    /// `invalid-utf8`.
    #[error("invalid UTF-8")]
    Utf8,
    /// An explicit limit was exceeded (nesting, record size, count). Code
    /// `limit`.
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// A SLURM file read as data was invalid (the message of the
    /// [`crate::slurm::SlurmError`]). Code `invalid-slurm`.
    #[error("invalid SLURM: {0}")]
    Slurm(String),
    /// The input is a SLURM file (RFC 8416; Routinator's `slurm`/`slurm2`
    /// exports), which this stage does not read: load it with
    /// [`crate::slurm::load`] (or [`crate::slurm::load_as`]), which reads
    /// SLURM files as data and every other export through this stage.
    /// Code `slurm-input`.
    #[error("SLURM input: load it with routeguard::slurm::load (the parse stage reads JSON, CSV, openbgpd and bird exports)")]
    SlurmInput,
    /// Reading the input failed (streaming readers). Code `read`.
    #[error("read error: {0}")]
    Io(String),
    /// Well-formed input of another kind than the reader expects (JSON
    /// that is not a PeeringDB page, a facts file or Spoofer results). Code
    /// `wrong-document`.
    #[error("not {expected}: found {found}")]
    WrongDocument {
        /// What the reader reads.
        expected: &'static str,
        /// What it found instead.
        found: String,
    },
    /// A VRP snapshot ([`snapshot`]) that is not one, of another version,
    /// or damaged; `offset` is the byte where reading failed. Code
    /// `invalid-snapshot`.
    #[error("invalid VRP snapshot at byte {offset}: {message}")]
    Snapshot {
        /// Byte offset into the snapshot.
        offset: usize,
        /// What is wrong there.
        message: String,
    },
}

impl ParseErrorKind {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant); a [`Model`](Self::Model) error gives its own code.
    pub fn code(&self) -> &'static str {
        match self {
            ParseErrorKind::UnknownFormat => "unknown-format",
            ParseErrorKind::Json(_) => "invalid-json",
            ParseErrorKind::MissingField(_) => "missing-field",
            ParseErrorKind::InvalidField { .. } => "invalid-field",
            ParseErrorKind::Model(e) => e.code(),
            ParseErrorKind::Syntax(_) => "syntax",
            ParseErrorKind::Utf8 => "invalid-utf8",
            ParseErrorKind::Limit(_) => "limit",
            ParseErrorKind::Slurm(_) => "invalid-slurm",
            ParseErrorKind::SlurmInput => "slurm-input",
            ParseErrorKind::Io(_) => "read",
            ParseErrorKind::WrongDocument { .. } => "wrong-document",
            ParseErrorKind::Snapshot { .. } => "invalid-snapshot",
        }
    }
}

/// A load error: what and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct ParseError {
    /// Where it happened.
    pub location: Location,
    /// What happened.
    pub kind: ParseErrorKind,
}

impl ParseError {
    /// Builds an error at a line (and optional column, 0 if unknown).
    pub fn at(line: usize, column: usize, kind: ParseErrorKind) -> Self {
        ParseError {
            location: Location { line, column },
            kind,
        }
    }

    /// The 1-based line, 0 when unknown.
    pub fn line(&self) -> usize {
        self.location.line
    }

    /// The kind's stable code ([`ParseErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// A record skipped in lenient mode.
pub type Warning = ParseError;

/// The result of a load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// The payloads.
    pub set: VrpSet,
    /// The detected (or requested) format; `None` only for an empty result.
    pub format: Option<Format>,
    /// Lenient mode's warnings, at most `max_warnings`: one per skipped
    /// record, and for SLURM also one per tolerated deviation from RFC 8416
    /// that skipped nothing (e.g. a missing `bgpsecFilters` member).
    pub warnings: Vec<Warning>,
    /// How many records were skipped in all.
    pub skipped: usize,
}

/// Guesses the format from the first bytes of the input.
///
/// Leading whitespace, a UTF-8 byte order mark and comment lines (`#`, `//`,
/// `/* … */`) are skipped; then `{`/`[` means JSON (or SLURM when a SLURM
/// key appears near the start), `roa-set`/`aspa-set` openbgpd, `route`,
/// `roa`, `define`, `roa4`, `roa6`, `aspa`, `protocol` bird, and a CSV
/// header (`ASN,…`, `"ASN",…`, `URI,…`) or a CSV record CSV. Returns `None`
/// for empty input and for anything else. A VRP snapshot is recognised by
/// its magic bytes before anything else.
pub fn sniff(input: &[u8]) -> Option<Format> {
    if snapshot::is_snapshot(input) {
        return Some(Format::Snapshot);
    }
    let rest = skip_preamble(input);
    let first = *rest.first()?;
    if first == b'{' || first == b'[' {
        let head = rest.get(..rest.len().min(64 * 1024)).unwrap_or(rest);
        if first == b'{' && is_slurm_head(head) {
            return Some(Format::Slurm);
        }
        return Some(Format::Json);
    }
    let line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    let line = rest.get(..line_end).unwrap_or(rest);
    let word_end = line
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
        .unwrap_or(line.len());
    let word = line.get(..word_end).unwrap_or(line);
    match word {
        b"roa-set" | b"aspa-set" => return Some(Format::OpenBgpd),
        b"route" | b"roa" | b"define" | b"roa4" | b"roa6" | b"aspa" | b"protocol" => {
            return Some(Format::Bird)
        }
        _ => {}
    }
    let upper: Vec<u8> = line
        .iter()
        .take(64)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if upper.starts_with(b"ASN,")
        || upper.starts_with(b"\"ASN\"")
        || upper.starts_with(b"URI,")
        || upper.starts_with(b"\"URI\"")
    {
        return Some(Format::Csv);
    }
    // A headerless CSV record: `AS64500,192.0.2.0/24,24…`.
    let fields: Vec<&[u8]> = line.split(|b| *b == b',').collect();
    if fields.len() >= 3 {
        let f0 = fields.first().map(|f| trim_quotes(f)).unwrap_or_default();
        let f1 = fields.get(1).map(|f| trim_quotes(f)).unwrap_or_default();
        if crate::model::Asn::parse_bytes(f0).is_ok() && f1.contains(&b'/') {
            return Some(Format::Csv);
        }
    }
    None
}

fn trim_quotes(f: &[u8]) -> &[u8] {
    let f = f.strip_suffix(b"\r").unwrap_or(f);
    f.strip_prefix(b"\"")
        .and_then(|f| f.strip_suffix(b"\""))
        .unwrap_or(f)
}

/// Whether the head of a JSON document has one of SLURM's top-level member
/// names in key position: preceded (past whitespace) by `{` or `,` and
/// followed by `:`. Text inside a string value cannot look like that, since
/// an unescaped quote would end the string.
fn is_slurm_head(head: &[u8]) -> bool {
    let is_key_at = |at: usize, needle_len: usize| {
        let before = head.get(..at).unwrap_or_default();
        let prev = before.iter().rev().find(|b| !b.is_ascii_whitespace());
        let after = head.get(at + needle_len..).unwrap_or_default();
        let next = after.iter().find(|b| !b.is_ascii_whitespace());
        matches!(prev, Some(b'{' | b',')) && next == Some(&b':')
    };
    [
        &b"\"slurmVersion\""[..],
        b"\"validationOutputFilters\"",
        b"\"locallyAddedAssertions\"",
    ]
    .iter()
    .any(|needle| memchr::memmem::find_iter(head, needle).any(|at| is_key_at(at, needle.len())))
}

/// Skips a BOM, whitespace and comment lines.
fn skip_preamble(input: &[u8]) -> &[u8] {
    let mut rest = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    loop {
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest = rest.get(start..).unwrap_or_default();
        if rest.starts_with(b"#") || rest.starts_with(b"//") {
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            rest = rest.get(end..).unwrap_or_default();
        } else if rest.starts_with(b"/*") {
            match memchr::memmem::find(rest, b"*/") {
                Some(end) => rest = rest.get(end + 2..).unwrap_or_default(),
                None => return &[],
            }
        } else {
            return rest;
        }
    }
}

/// The bytes as UTF-8 text, for the loaders that take `&str` (bogon lists,
/// RPSL text); invalid UTF-8 is a [`ParseErrorKind::Utf8`] error at the line
/// where it starts.
///
/// ```
/// let e = routeguard::parse::utf8_text(b"192.0.2.0/24\n\xff\n").unwrap_err();
/// assert_eq!(e.line(), 2);
/// ```
pub fn utf8_text(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        ParseError::at(line, 0, ParseErrorKind::Utf8)
    })
}

/// Loads a JSON, CSV, openbgpd or bird export, sniffing its format first.
///
/// Input that holds nothing but whitespace and comments loads as an empty
/// set with `format: None` (an empty Routinator `bird`/`none` export). A
/// SLURM file gives [`ParseErrorKind::SlurmInput`]: [`crate::slurm::load`]
/// loads every export, SLURM included.
pub fn load(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    if skip_preamble(input).is_empty() {
        return Ok(Loaded::default());
    }
    let format = sniff(input).ok_or(ParseError::at(0, 0, ParseErrorKind::UnknownFormat))?;
    load_as(input, format, opts)
}

/// Loads a given format. [`Format::Slurm`], and a JSON document with a
/// top-level SLURM member, give [`ParseErrorKind::SlurmInput`] (see
/// [`crate::slurm::load_as`]).
pub fn load_as(input: &[u8], format: Format, opts: &LoadOptions) -> Result<Loaded, ParseError> {
    match format {
        Format::Json => load_json(input, opts),
        Format::Csv => load_csv(input, opts),
        Format::OpenBgpd => load_openbgpd(input, opts),
        Format::Bird => load_bird(input, opts),
        Format::Slurm => Err(ParseError::at(0, 0, ParseErrorKind::SlurmInput)),
        Format::Snapshot => Ok(Loaded {
            set: snapshot::decode(input)?,
            format: Some(Format::Snapshot),
            warnings: Vec::new(),
            skipped: 0,
        }),
    }
}

/// Shared state of a load: options, warnings, the skipped count and the
/// trust-anchor interner.
pub(crate) struct Ctx<'a> {
    pub(crate) input: &'a [u8],
    pub(crate) opts: &'a LoadOptions,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) skipped: usize,
    pub(crate) lines: LineIndex,
    pub(crate) tas: Interner,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(input: &'a [u8], opts: &'a LoadOptions) -> Self {
        Ctx {
            input,
            opts,
            warnings: Vec::new(),
            skipped: 0,
            lines: LineIndex::default(),
            tas: Interner::default(),
        }
    }

    /// An error at a byte offset.
    pub(crate) fn error_at(&mut self, offset: usize, kind: ParseErrorKind) -> ParseError {
        ParseError {
            location: self.lines.locate(self.input, offset),
            kind,
        }
    }

    /// A bad record at a byte offset: an error in strict mode, a warning
    /// (and a skip) in lenient mode.
    pub(crate) fn bad_record(
        &mut self,
        offset: usize,
        kind: ParseErrorKind,
    ) -> Result<(), ParseError> {
        match self.opts.mode {
            Mode::Strict => Err(self.error_at(offset, kind)),
            Mode::Lenient => {
                self.skipped += 1;
                if self.warnings.len() < self.opts.max_warnings {
                    let w = self.error_at(offset, kind);
                    self.warnings.push(w);
                }
                Ok(())
            }
        }
    }

    /// A bad record at a known line and column.
    pub(crate) fn bad_record_at(
        &mut self,
        location: Location,
        kind: ParseErrorKind,
    ) -> Result<(), ParseError> {
        match self.opts.mode {
            Mode::Strict => Err(ParseError { location, kind }),
            Mode::Lenient => {
                self.skipped += 1;
                if self.warnings.len() < self.opts.max_warnings {
                    self.warnings.push(ParseError { location, kind });
                }
                Ok(())
            }
        }
    }

    pub(crate) fn finish(self, set: VrpSet, format: Format) -> Loaded {
        Loaded {
            set,
            format: Some(format),
            warnings: self.warnings,
            skipped: self.skipped,
        }
    }
}

/// One `Arc<str>` per distinct trust-anchor name.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    names: Vec<Arc<str>>,
    last: usize,
}

impl Interner {
    /// The shared name; `N/A` and the empty string (Routinator's and
    /// others' "unknown") give `None`.
    pub(crate) fn get(&mut self, name: &str) -> Option<Arc<str>> {
        if let Some(n) = self.names.get(self.last) {
            if &**n == name {
                return Some(n.clone());
            }
        }
        if name.is_empty() || name == "N/A" {
            return None;
        }
        if let Some(i) = self.names.iter().position(|n| &**n == name) {
            self.last = i;
            return self.names.get(i).cloned();
        }
        let n: Arc<str> = Arc::from(name);
        self.last = self.names.len();
        self.names.push(n.clone());
        Some(n)
    }
}

/// Parses a prefix strictly, with a fast path for canonical IPv4 text.
#[inline]
pub(crate) fn parse_prefix(s: &str) -> Result<crate::model::Prefix, ModelError> {
    crate::model::Prefix::parse(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interner_shares() {
        let mut i = Interner::default();
        let a = i.get("ripe").unwrap();
        let b = i.get("arin").unwrap();
        let c = i.get("ripe").unwrap();
        assert!(Arc::ptr_eq(&a, &c) && !Arc::ptr_eq(&a, &b));
        assert_eq!(i.get("N/A"), None);
        assert_eq!(i.get(""), None);
    }

    #[test]
    fn sniffs() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"  \n"), None);
        assert_eq!(sniff(b"{\"roas\": []}"), Some(Format::Json));
        assert_eq!(sniff(b"[]"), Some(Format::Json));
        assert_eq!(sniff(b"{\n  \"slurmVersion\": 1}"), Some(Format::Slurm));
        assert_eq!(
            sniff(b"ASN,IP Prefix,Max Length,Trust Anchor\n"),
            Some(Format::Csv)
        );
        assert_eq!(sniff(b"\"ASN\",\"IP Prefix\"\n"), Some(Format::Csv));
        assert_eq!(sniff(b"URI,ASN,IP Prefix\n"), Some(Format::Csv));
        assert_eq!(sniff(b"AS1,192.0.2.0/24,24\n"), Some(Format::Csv));
        assert_eq!(sniff(b"# Generated\nroa-set {\n}"), Some(Format::OpenBgpd));
        assert_eq!(
            sniff(b"/*\n * x\n */\naspa-set {\n}"),
            Some(Format::OpenBgpd)
        );
        assert_eq!(
            sniff(b"route 192.0.2.0/24 max 24 as 1;"),
            Some(Format::Bird)
        );
        assert_eq!(sniff(b"roa 192.0.2.0/24 max 24 as 1;"), Some(Format::Bird));
        assert_eq!(
            sniff(b"# For BIRD 2.16+\n#\n\ndefine force_roa_table_update = 1;"),
            Some(Format::Bird)
        );
        assert_eq!(sniff(b"hello world"), None);
        // SLURM member names inside string values are not SLURM keys.
        assert_eq!(
            sniff(br#"{"roas":[{"asn":"AS1","prefix":"10.0.0.0/8","maxLength":8,"ta":"x\"slurmVersion"}]}"#),
            Some(Format::Json)
        );
        assert_eq!(
            sniff(br#"{"metadata": {}, "ta": "\"locallyAddedAssertions\": "}"#),
            Some(Format::Json)
        );
        assert_eq!(
            sniff(b"{ \"validationOutputFilters\" : {}, \"slurmVersion\":1 }"),
            Some(Format::Slurm)
        );
    }
}

#[cfg(test)]
mod fuzz_tests {
    use super::*;
    use proptest::prelude::*;

    const SEEDS: [&str; 5] = [
        "{\"metadata\":{\"generated\":1},\"roas\":[{\"asn\":\"AS1\",\"prefix\":\"10.0.0.0/8\",\"maxLength\":8,\"ta\":\"x\"}],\"aspas\":[{\"customer_asid\":1,\"providers\":[2,{\"provider_asid\":3}]}],\"provider_authorizations\":{\"ipv4\":[{\"customer_asid\":1,\"providers\":[2]}]},\"bgpsec_keys\":[{\"asn\":1,\"ski\":\"A\",\"pubkey\":\"B\"}],\"roas2\":[{\"source\":[{\"validity\":{\"notBefore\":\"x\"}}]}]}",
        "ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS1,10.0.0.0/8,8,ripe,1\n\"AS2\",\"2001:db8::/32\",\"48\",\"N/A\",\"\"\n",
        "# c\nroa-set {\n\t10.0.0.0/8 maxlen 9 source-as 1 expires 2\n}\naspa-set {\n\tcustomer-as 1 expires 2 provider-as { 2 allow inet, 3 }\n}\n",
        "/* c */ protocol static { roa4 { table T; }; route 10.0.0.0/8 max 8 as 1; route aspa 1 providers 2, 3; }\n",
        "[{\"prefix\":\"10.0.0.0/8\",\"maxLength\":8,\"asn\":\"1\"}]",
    ];

    proptest! {
        /// Mutated valid inputs and random bytes never make a loader panic.
        #[test]
        fn loaders_never_panic(seed in 0usize..5, cuts in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 0..6), tail in proptest::collection::vec(any::<u8>(), 0..16)) {
            let mut input = SEEDS[seed].as_bytes().to_vec();
            for (at, byte) in cuts {
                let i = at.index(input.len());
                input[i] = byte;
            }
            input.extend_from_slice(&tail);
            for opts in [LoadOptions::default(), LoadOptions::lenient()] {
                for f in [Format::Json, Format::Csv, Format::OpenBgpd, Format::Bird] {
                    let _ = load_as(&input, f, &opts);
                }
                let _ = sniff(&input);
                let truncated = &input[..input.len() / 2];
                let _ = load_as(truncated, Format::Json, &opts);
            }
        }
    }
}
