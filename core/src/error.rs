//! The crate-wide error: one variant per stage, each wrapping that stage's
//! `#[non_exhaustive]` error enum.

use crate::dataset::{InputError, LoadError};
use crate::index::irr::IrrQueryError;
use crate::io::{IoError, UnknownCompression};
use crate::model::{ModelError, UnknownWord};
#[cfg(feature = "net")]
use crate::net::whois::WhoisError;
use crate::parse::ParseError;
use crate::slurm::SlurmError;

/// Any error routeguard returns.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model value (ASN, prefix, VRP, AS path) was invalid.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// An input file or text could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A SLURM file was invalid.
    #[error(transparent)]
    Slurm(#[from] SlurmError),
    /// An IRR database query failed (unknown set, not a set name).
    #[error(transparent)]
    IrrQuery(#[from] IrrQueryError),
    /// An input could not be opened, read or decompressed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// A whois query failed (connect, timeout, protocol, server error).
    #[cfg(feature = "net")]
    #[error(transparent)]
    Whois(#[from] WhoisError),
    /// One input of a [`Dataset`](crate::dataset::Dataset) failed: its name
    /// and the error (whose kind this error has).
    #[error(transparent)]
    Input(#[from] InputError),
}

impl From<LoadError> for Error {
    /// The error itself, without the input's name (an [`InputError`]
    /// keeps the name).
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Io(e) => Error::Io(e),
            LoadError::Parse(e) => Error::Parse(e),
            LoadError::Slurm(e) => Error::Slurm(e),
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
    /// (`model`, `parse`, `slurm`, `irr`, `io`, `whois`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Model(_) => "model",
            Error::Parse(_) => "parse",
            Error::Slurm(_) => "slurm",
            Error::IrrQuery(_) => "irr",
            Error::Io(_) => "io",
            #[cfg(feature = "net")]
            Error::Whois(_) => "whois",
            Error::Input(e) => e.error.kind(),
        }
    }
}
