//! The crate-wide error: one variant per stage, each wrapping that stage's
//! `#[non_exhaustive]` error enum.

use crate::dataset::{InputError, LoadError};
use crate::filter::antispoof::AntispoofError;
use crate::filter::bgpq4::args::Bgpq4Error;
use crate::filter::bgpq4::expand::ExpandError;
use crate::filter::resolve::ResolveError;
use crate::filter::tree::TreeError;
use crate::index::irr::{IrrLoadError, IrrQueryError};
use crate::io::{IoError, UnknownCompression};
use crate::model::{ModelError, UnknownWord};
#[cfg(feature = "rtr")]
use crate::net::rtr::client::ClientError;
#[cfg(feature = "net")]
use crate::net::whois::WhoisError;
use crate::parse::mrt::MrtError;
#[cfg(feature = "rpki-objects")]
use crate::parse::rpki_object::ObjectError;
use crate::parse::rpsl::RpslError;
use crate::parse::ParseError;
use crate::slurm::SlurmError;

/// Any error routeguard returns.
///
/// [`kind`](Self::kind) names the stage that failed; [`code`](Self::code)
/// is the stable code of the inner error's variant.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model value (ASN, prefix, VRP, AS path) was invalid.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A VRP export (or another line format: BGP table, AS relationships,
    /// bogon list) could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// RPSL text (an IRR dump, a whois answer) could not be parsed.
    #[error(transparent)]
    Rpsl(#[from] RpslError),
    /// A SLURM file was invalid.
    #[error(transparent)]
    Slurm(#[from] SlurmError),
    /// An IRR database query failed (unknown set, not a set name).
    #[error(transparent)]
    IrrQuery(#[from] IrrQueryError),
    /// An IRR dump could not be read or parsed into an IRR database.
    #[error(transparent)]
    IrrLoad(#[from] IrrLoadError),
    /// An input could not be opened, read or decompressed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// An MRT file (RFC 6396) could not be read.
    #[error(transparent)]
    Mrt(#[from] MrtError),
    /// An RPKI signed object or certificate could not be decoded (feature
    /// `rpki-objects`); its kind is `parse`, or `io` when the file could
    /// not be read.
    #[cfg(feature = "rpki-objects")]
    #[error(transparent)]
    Object(#[from] ObjectError),
    /// A whois query failed (connect, timeout, protocol, server error).
    #[cfg(feature = "net")]
    #[error(transparent)]
    Whois(#[from] WhoisError),
    /// An RTR connection failed or ended (feature `rtr`): connect,
    /// timeout, the cache's Error Report, a malformed PDU, a rejected
    /// update. Kind `rtr`.
    #[cfg(feature = "rtr")]
    #[error(transparent)]
    Rtr(#[from] ClientError),
    /// One input of a [`Dataset`](crate::dataset::Dataset) failed: its name
    /// and the error (whose kind this error has).
    #[error(transparent)]
    Input(#[from] InputError),
    /// IRR resolution for filters (a server's failure, a size limit).
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    /// A bgpq4 command line bgpq4 refuses.
    #[error(transparent)]
    Bgpq4(#[from] Bgpq4Error),
    /// A bgpq4 expansion that stopped.
    #[error(transparent)]
    Expand(#[from] ExpandError),
    /// The prefix tree (a bad prefix word, size limits).
    #[error(transparent)]
    Tree(#[from] TreeError),
    /// Anti-spoofing input (interface names).
    #[error(transparent)]
    Antispoof(#[from] AntispoofError),
}

impl From<LoadError> for Error {
    /// The error itself, without the input's name (an [`InputError`]
    /// keeps the name).
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Io(e) => Error::Io(e),
            LoadError::Parse(e) => Error::Parse(e),
            LoadError::Rpsl(e) => Error::Rpsl(e),
            LoadError::Slurm(e) => Error::Slurm(e),
            LoadError::Mrt(e) => Error::Mrt(e),
            #[cfg(feature = "rtr")]
            LoadError::Rtr(e) => Error::Rtr(e),
        }
    }
}

impl From<UnknownWord> for Error {
    fn from(e: UnknownWord) -> Self {
        Error::Model(ModelError::UnknownWord(e))
    }
}

impl From<UnknownCompression> for Error {
    fn from(e: UnknownCompression) -> Self {
        UnknownWord::new("compression", &e.input, "none, gzip, bzip2, xz or zstd").into()
    }
}

impl Error {
    /// A short machine-readable kind, shared with the bindings
    /// (`model`, `parse`, `slurm`, `irr`, `io`, `whois`, `rtr`, `filter`): the stage that
    /// failed. RPSL errors are `parse` errors; an [`IrrLoadError`] is
    /// `parse` or `io` by its variant.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Model(_) => "model",
            Error::Parse(_) | Error::Rpsl(_) | Error::Mrt(_) => "parse",
            Error::IrrLoad(e) => e.kind(),
            #[cfg(feature = "rpki-objects")]
            Error::Object(e) => e.kind(),
            Error::Slurm(_) => "slurm",
            Error::IrrQuery(_) => "irr",
            Error::Io(_) => "io",
            #[cfg(feature = "net")]
            Error::Whois(_) => "whois",
            #[cfg(feature = "rtr")]
            Error::Rtr(_) => "rtr",
            Error::Input(e) => e.error.kind(),
            Error::Resolve(_)
            | Error::Bgpq4(_)
            | Error::Expand(_)
            | Error::Tree(_)
            | Error::Antispoof(_) => "filter",
        }
    }

    /// The stable code of the inner error's variant (`invalid-prefix`,
    /// `missing-attribute`, `set-not-found`, `open`, …): each stage's
    /// `code()`. Codes are unique within one stage's enum; together with
    /// [`kind`](Self::kind) they name the failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Model(e) => e.code(),
            Error::Parse(e) => e.code(),
            Error::Rpsl(e) => e.code(),
            Error::Slurm(e) => e.code(),
            Error::IrrQuery(e) => e.code(),
            Error::IrrLoad(e) => e.code(),
            Error::Io(e) => e.code(),
            Error::Mrt(e) => e.code(),
            #[cfg(feature = "rpki-objects")]
            Error::Object(e) => e.code(),
            #[cfg(feature = "net")]
            Error::Whois(e) => e.code(),
            #[cfg(feature = "rtr")]
            Error::Rtr(e) => e.code(),
            Error::Input(e) => e.code(),
            Error::Resolve(e) => e.code(),
            Error::Bgpq4(e) => e.code(),
            Error::Expand(e) => e.code(),
            Error::Tree(e) => e.code(),
            Error::Antispoof(e) => e.code(),
        }
    }
}
