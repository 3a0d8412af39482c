//! RPSL load errors (RFC 2622, RFC 4012): what is wrong with an object of
//! an RPSL dump or whois answer, and where ([`Location`], shared with the
//! VRP-export loaders' [`crate::parse::ParseError`]).
//!
//! RPSL has its own error type because its failures are about objects,
//! classes and attributes, which no VRP export has; the few failures both
//! kinds of input share (malformed text, invalid UTF-8, an exceeded limit,
//! a read error, a bad value) are variants of each enum with the same
//! message and [`code`](RpslErrorKind::code), so a caller matches one flat
//! enum rather than a nested shared one.

use crate::diag::Location;
use crate::model::ModelError;

/// What is wrong with an RPSL object (or the input around it).
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RpslErrorKind {
    /// A line that is neither an attribute nor a continuation, an empty
    /// object, a malformed policy expression. Code `syntax`.
    #[error("malformed line: {0}")]
    Syntax(String),
    /// The text is not valid UTF-8 where text is required. Code
    /// `invalid-utf8`.
    #[error("invalid UTF-8")]
    Utf8,
    /// An explicit limit was exceeded (object size, attributes, line
    /// length, policy terms, sources, objects). Code `limit`.
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// Reading the input failed (streaming readers). Code `read`.
    #[error("read error: {0}")]
    Io(String),
    /// An object lacks an attribute the index needs (`source` when no
    /// source was forced, a route's `origin`). Code `missing-field`.
    #[error("missing field {0:?}")]
    MissingField(&'static str),
    /// An attribute's value is malformed (a primary key, a set member, a
    /// `source`). Code `invalid-field`.
    #[error("invalid {field}: {message}")]
    InvalidField {
        /// The attribute name.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A prefix or ASN in an attribute was invalid. Its code is the
    /// [`ModelError`]'s (`invalid-prefix`, `invalid-asn`, …).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// An object of a class that is not known. Code `unknown-class`.
    #[error("unknown object class {0:?}")]
    UnknownClass(String),
    /// A legacy deleted object (`*xxte:`, `*xxset:`), an artifact of old
    /// RADB/JPIRR dumps. Code `deleted-object`.
    #[error("legacy deleted object {0:?} (IRRd legacy artifact)")]
    DeletedObject(String),
    /// An object lacks a mandatory attribute. Code `missing-attribute`.
    #[error("{class} object lacks mandatory attribute {attribute:?}")]
    MissingAttribute {
        /// The object class.
        class: String,
        /// The missing attribute.
        attribute: &'static str,
    },
    /// A single-valued attribute appears more than once. Code
    /// `repeated-attribute`.
    #[error("{class} object has attribute {attribute:?} more than once")]
    RepeatedAttribute {
        /// The object class.
        class: String,
        /// The repeated attribute.
        attribute: String,
    },
    /// An attribute the class does not define (strict mode). Code
    /// `unknown-attribute`.
    #[error("{class} object has unknown attribute {attribute:?}")]
    UnknownAttribute {
        /// The object class.
        class: String,
        /// The unknown attribute.
        attribute: String,
    },
}

impl RpslErrorKind {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant); a [`Model`](Self::Model) error gives its own code.
    pub fn code(&self) -> &'static str {
        match self {
            RpslErrorKind::Syntax(_) => "syntax",
            RpslErrorKind::Utf8 => "invalid-utf8",
            RpslErrorKind::Limit(_) => "limit",
            RpslErrorKind::Io(_) => "read",
            RpslErrorKind::MissingField(_) => "missing-field",
            RpslErrorKind::InvalidField { .. } => "invalid-field",
            RpslErrorKind::Model(e) => e.code(),
            RpslErrorKind::UnknownClass(_) => "unknown-class",
            RpslErrorKind::DeletedObject(_) => "deleted-object",
            RpslErrorKind::MissingAttribute { .. } => "missing-attribute",
            RpslErrorKind::RepeatedAttribute { .. } => "repeated-attribute",
            RpslErrorKind::UnknownAttribute { .. } => "unknown-attribute",
        }
    }
}

/// An RPSL error: what and where. Its message is `LOCATION: KIND`
/// (`line 3, column 1: route object lacks mandatory attribute "origin"`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct RpslError {
    /// Where it happened.
    pub location: Location,
    /// What happened.
    pub kind: RpslErrorKind,
}

impl RpslError {
    /// Builds an error at a line (and optional column, 0 if unknown).
    pub fn at(line: usize, column: usize, kind: RpslErrorKind) -> Self {
        RpslError {
            location: Location { line, column },
            kind,
        }
    }

    /// The 1-based line, 0 when unknown.
    pub fn line(&self) -> usize {
        self.location.line
    }

    /// The kind's stable code ([`RpslErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}
