//! The crate-wide error: one variant per stage, each wrapping that stage's
//! `#[non_exhaustive]` error enum.

use crate::model::ModelError;
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
}

impl Error {
    /// A short machine-readable kind, shared with the bindings
    /// (`model`, `parse`, `slurm`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Model(_) => "model",
            Error::Parse(_) => "parse",
            Error::Slurm(_) => "slurm",
        }
    }
}
