//! Opening input files (VRP exports, SLURM files, IRR dumps, ASPA files,
//! AS relationships, bogon lists): plain, gzip, bzip2 or xz, by extension.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use routeguard::parse::{ParseError, ParseErrorKind};

use crate::vrpset::LoadError;

/// A buffered reader over the decompressed file: `.gz`, `.bz2` and `.xz`
/// are decompressed (multi-member streams included), anything else is read
/// as it is.
pub(crate) fn open(path: &Path) -> Result<Box<dyn BufRead + Send>, LoadError> {
    let f = File::open(path).map_err(|e| LoadError::Io(path.to_owned(), e))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    Ok(match ext.as_deref() {
        Some("gz") => Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
            BufReader::new(f),
        ))),
        Some("bz2") => Box::new(BufReader::new(bzip2::read::MultiBzDecoder::new(
            BufReader::new(f),
        ))),
        Some("xz") => Box::new(BufReader::new(xz2::bufread::XzDecoder::new_multi_decoder(
            BufReader::new(f),
        ))),
        _ => Box::new(BufReader::with_capacity(1 << 16, f)),
    })
}

/// The whole decompressed file.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    let mut out = Vec::new();
    open(path)?
        .read_to_end(&mut out)
        .map_err(|e| LoadError::Io(path.to_owned(), e))?;
    Ok(out)
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
