//! Opening input files (VRP exports, SLURM files, IRR dumps, ASPA files,
//! AS relationships, bogon lists) through `routeguard::io`: plain, gzip,
//! bzip2, xz or zstd, recognised by content whatever the file is called.

use std::path::Path;

use routeguard::io::{self, Input, Limits};
use routeguard::parse::{ParseError, ParseErrorKind};

use crate::vrpset::LoadError;

/// A streaming reader over the decompressed file.
pub(crate) fn open(path: &Path) -> Result<Input, LoadError> {
    Ok(io::open(path, &Limits::default()).map_err(routeguard::Error::from)?)
}

/// The whole decompressed file.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    Ok(io::read(path, &Limits::default()).map_err(routeguard::Error::from)?)
}

/// The error a parser reports for `input`: the typed read or decompression
/// error that stopped the input when there is one (a parser keeps only its
/// text), else the parser's own.
pub(crate) fn input_error(input: &Input, parse: impl Into<routeguard::Error>) -> LoadError {
    match input.error() {
        Some(e) => LoadError::Core(e.clone().into()),
        None => LoadError::Core(parse.into()),
    }
}

/// The bytes as UTF-8 text; invalid UTF-8 is a `ParseError` at the line
/// where it starts.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        ParseError::at(line, 0, ParseErrorKind::Utf8)
    })
}
