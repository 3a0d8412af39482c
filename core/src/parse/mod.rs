//! Loaders: validator exports (bytes) → [`VrpSet`]. No I/O.
//!
//! Formats follow the validators that write them: rpki-client's JSON
//! (current `roas`/`aspas`/`bgpsec_keys`, the 2023 `provider_authorizations`
//! layout, the 2021 string-valued metadata), CSV, `openbgpd` and `bird`
//! outputs; Routinator's `json`, `jsonext`, `csv`, `csvcompat`, `csvext`,
//! `openbgpd`, `bird1`, `bird2`, `slurm` exports; the StayRTR/GoRTR/OctoRPKI
//! `rpki.json` and a bare JSON array of `{prefix, maxLength, asn}`. SLURM
//! files proper (RFC 8416) live in [`crate::slurm`].
//!
//! Every loader works on the input slice without building a document tree,
//! reports the line of a bad record, and runs in [`Mode::Strict`] (the
//! default: the first bad record fails the load) or [`Mode::Lenient`] (bad
//! records are skipped and reported as [`Warning`]s).
// TODO(helper): implement; signatures are fixed.

use std::fmt;

use crate::model::{ModelError, VrpSet};

/// How to treat a bad record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Fail on the first bad record (the default).
    #[default]
    Strict,
    /// Skip bad records and collect a warning for each.
    Lenient,
}

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
        LoadOptions { mode: Mode::Strict, max_warnings: 1000 }
    }
}

impl LoadOptions {
    /// Lenient options with the default warning cap.
    pub fn lenient() -> Self {
        LoadOptions { mode: Mode::Lenient, ..Self::default() }
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
    /// (Routinator's `slurm`/`slurm2` exports).
    Slurm,
}

impl Format {
    /// Every format, in sniffing order.
    pub const ALL: [Format; 5] = [Format::Json, Format::Csv, Format::OpenBgpd, Format::Bird, Format::Slurm];

    /// The short name used by the CLI and the bindings.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::OpenBgpd => "openbgpd",
            Format::Bird => "bird",
            Format::Slurm => "slurm",
        }
    }

    /// Looks a format up by its short name (`json`, `csv`, `openbgpd`,
    /// `bird`, `bird1`, `bird2`, `slurm`, and validator-specific aliases).
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "json" | "jsonext" | "rpki-client-json" | "routinator-json" | "rpki.json" | "stayrtr" => Format::Json,
            "csv" | "csvcompat" | "csvext" | "rpki-client-csv" => Format::Csv,
            "openbgpd" => Format::OpenBgpd,
            "bird" | "bird1" | "bird2" => Format::Bird,
            "slurm" | "slurm2" => Format::Slurm,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where in the input an error or warning is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str("input"),
            (l, 0) => write!(f, "line {l}"),
            (l, c) => write!(f, "line {l}, column {c}"),
        }
    }
}

/// What went wrong while loading.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The format could not be recognised.
    #[error("unrecognised input format (expected JSON, CSV, openbgpd, bird or SLURM)")]
    UnknownFormat,
    /// Malformed JSON syntax.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A record lacks a required field.
    #[error("missing field {0:?}")]
    MissingField(&'static str),
    /// A field holds a value of the wrong type or shape.
    #[error("invalid {field}: {message}")]
    InvalidField {
        /// The field name.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A prefix, ASN or max length was invalid.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A text line does not follow the format.
    #[error("malformed line: {0}")]
    Syntax(String),
    /// The input is not valid UTF-8 where text is required.
    #[error("invalid UTF-8")]
    Utf8,
    /// An explicit limit was exceeded (nesting, record size, count).
    #[error("limit exceeded: {0}")]
    Limit(String),
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
        ParseError { location: Location { line, column }, kind }
    }

    /// The 1-based line, 0 when unknown.
    pub fn line(&self) -> usize {
        self.location.line
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
    /// Warnings for skipped records (lenient mode), at most `max_warnings`.
    pub warnings: Vec<Warning>,
    /// How many records were skipped in all.
    pub skipped: usize,
}

/// Guesses the format from the first bytes of the input.
pub fn sniff(input: &[u8]) -> Option<Format> {
    let _ = input;
    todo!()
}

/// Loads any supported format, sniffing it first.
pub fn load(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let format = sniff(input).ok_or(ParseError::at(0, 0, ParseErrorKind::UnknownFormat))?;
    load_as(input, format, opts)
}

/// Loads a given format.
pub fn load_as(input: &[u8], format: Format, opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let _ = (input, format, opts);
    todo!()
}
