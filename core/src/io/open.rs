//! The host-only file opener (feature `io`): a path or any reader in,
//! decompressed bytes out (gzip RFC 1952, bzip2, xz, Zstandard RFC 8878),
//! whole or streaming, within [`Limits`].

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};
use std::path::Path;

use super::decode::{self, classify, Capped, Decoder, Source};
use super::{Compression, IoError, Limits};

/// Buffer size of the streaming reader (each side of a decoder).
const BUF: usize = 1 << 20;

/// Reads the first [`Compression::MAGIC_LEN`] bytes (fewer at the end of
/// the input), however the reader hands them out.
fn read_head<R: Read>(reader: &mut R) -> io::Result<Vec<u8>> {
    let mut head = [0u8; Compression::MAGIC_LEN];
    let mut n = 0;
    while let Some(rest) = head.get_mut(n..) {
        if rest.is_empty() {
            break;
        }
        match reader.read(rest) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(head.get(..n).unwrap_or_default().to_vec())
}

/// The size of a regular file (`None` for a pipe, a device, …).
fn file_len(file: &File) -> Option<u64> {
    file.metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
}

fn too_large(path: &Path, compression: Compression, limits: &Limits) -> IoError {
    IoError::TooLarge {
        path: path.to_owned(),
        compression,
        limit: limits.max_output,
    }
}

/// Reads a whole file, decompressed (see [`read_with_progress`]).
///
/// ```no_run
/// let json = routeguard::io::read("vrps.json.bz2".as_ref(), &Default::default())?;
/// # Ok::<(), routeguard::io::IoError>(())
/// ```
pub fn read(path: &Path, limits: &Limits) -> Result<Vec<u8>, IoError> {
    read_with_progress(path, limits, &mut |_, _| {})
}

/// Reads a whole file, decompressed, calling `progress(done, total)` with
/// the compressed bytes consumed so far and the file's size while a
/// compressed file is decompressed.
///
/// A regular file is read in one call into an allocation of its exact size
/// (a plain file is returned as that very buffer); a compressed one is
/// then decompressed from memory. A file larger than the output cap, or
/// of unknown size (a pipe), is decompressed as it is read instead.
pub fn read_with_progress(
    path: &Path,
    limits: &Limits,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<u8>, IoError> {
    let mut file = File::open(path).map_err(|e| IoError::open(path, &e))?;
    let len = file_len(&file);
    let Some(size) = len
        .filter(|&l| l <= limits.max_output)
        .and_then(|l| usize::try_from(l).ok())
    else {
        return read_stream(file, path, len, limits, progress);
    };
    let mut raw = Vec::new();
    raw.try_reserve_exact(size).map_err(|e| IoError::Read {
        path: path.to_owned(),
        kind: io::ErrorKind::OutOfMemory,
        os_code: None,
        message: e.to_string(),
    })?;
    file.read_to_end(&mut raw)
        .map_err(|e| IoError::read(path, &e))?;
    match Compression::detect(&raw) {
        Compression::None => {
            // The file may have grown since its size was read.
            if u64::try_from(raw.len()).unwrap_or(u64::MAX) > limits.max_output {
                return Err(too_large(path, Compression::None, limits));
            }
            Ok(raw)
        }
        kind => decode::slice(&raw, kind, path, limits, progress),
    }
}

/// Reads everything from any reader (standard input, a socket),
/// decompressed; `name` names it in errors (`<stdin>`).
pub fn read_from<R: Read>(reader: R, name: &Path, limits: &Limits) -> Result<Vec<u8>, IoError> {
    read_stream(reader, name, None, limits, &mut |_, _| {})
}

fn read_stream<R: Read>(
    mut reader: R,
    path: &Path,
    len: Option<u64>,
    limits: &Limits,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<u8>, IoError> {
    let head = read_head(&mut reader).map_err(|e| IoError::read(path, &e))?;
    let kind = Compression::detect(&head);
    let total = len.unwrap_or(0);
    if kind == Compression::None && total > limits.max_output {
        return Err(too_large(path, kind, limits));
    }
    let src = Source::new(
        BufReader::with_capacity(BUF, Cursor::new(head).chain(reader)),
        total,
        progress,
    );
    let mut capped = Capped::new(Decoder::new(kind, src, path)?, path, kind, limits);
    let mut out = Vec::new();
    let hint = usize::try_from(total).unwrap_or(usize::MAX);
    // A guess: when it cannot be had, the vector grows as usual.
    let _ = out.try_reserve(decode::guess_output(kind, hint, limits));
    capped
        .read_to_end(&mut out)
        .map_err(|e| classify(e, path, kind))?;
    capped.into_inner().into_source().finish();
    Ok(out)
}

/// What an [`Input`] reads from: the raw bytes, the first ones read ahead
/// to recognise the compression.
type Raw = Source<
    BufReader<Chain<Cursor<Vec<u8>>, Box<dyn Read + Send>>>,
    Box<dyn FnMut(u64, u64) + Send>,
>;

enum Inner {
    Plain(Box<Capped<Raw>>),
    Decoded(Box<BufReader<Capped<Decoder<Raw>>>>),
}

/// A streaming input, decompressed as it is read: for inputs too large to
/// hold, such as IRR dumps of several gigabytes. Made by [`open`],
/// [`open_with_progress`] and [`open_reader`].
///
/// Its errors are [`std::io::Error`]s carrying the typed [`IoError`]
/// ([`IoError::from_io`] gets it back); after one, reading keeps failing
/// with it and [`error`](Self::error) returns it, for a caller whose parser
/// kept only the message.
pub struct Input {
    inner: Inner,
    len: Option<u64>,
}

impl Input {
    fn capped_path(&self) -> &Path {
        match &self.inner {
            Inner::Plain(c) => c.path(),
            Inner::Decoded(b) => b.get_ref().path(),
        }
    }

    /// The path given (or the reader's name).
    pub fn path(&self) -> &Path {
        self.capped_path()
    }

    /// The compression recognised.
    pub fn compression(&self) -> Compression {
        match &self.inner {
            Inner::Plain(c) => c.compression(),
            Inner::Decoded(b) => b.get_ref().compression(),
        }
    }

    /// The size of the file on disk (compressed), when it is a regular file.
    pub fn source_len(&self) -> Option<u64> {
        self.len
    }

    /// The error that stopped reading, if one did.
    pub fn error(&self) -> Option<&IoError> {
        match &self.inner {
            Inner::Plain(c) => c.error(),
            Inner::Decoded(b) => b.get_ref().error(),
        }
    }
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Input")
            .field("path", &self.path())
            .field("compression", &self.compression())
            .field("source_len", &self.len)
            .finish_non_exhaustive()
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Plain(c) => c.read(buf),
            Inner::Decoded(b) => b.read(buf),
        }
    }
}

impl BufRead for Input {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match &mut self.inner {
            Inner::Plain(c) => c.fill_buf(),
            Inner::Decoded(b) => b.fill_buf(),
        }
    }

    fn consume(&mut self, amt: usize) {
        match &mut self.inner {
            Inner::Plain(c) => c.consume(amt),
            Inner::Decoded(b) => b.consume(amt),
        }
    }
}

/// Opens a file for streaming, decompressed as it is read.
///
/// ```no_run
/// use std::io::BufRead;
/// let input = routeguard::io::open("ripe.db.gz".as_ref(), &Default::default())?;
/// for line in input.lines() {
///     let _ = line?;
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open(path: &Path, limits: &Limits) -> Result<Input, IoError> {
    open_with_progress(path, limits, |_, _| {})
}

/// [`open`], calling `progress(done, total)` as the file's bytes are
/// consumed (compressed bytes for a compressed file; `total` is the file's
/// size, 0 when unknown).
pub fn open_with_progress(
    path: &Path,
    limits: &Limits,
    progress: impl FnMut(u64, u64) + Send + 'static,
) -> Result<Input, IoError> {
    let file = File::open(path).map_err(|e| IoError::open(path, &e))?;
    let len = file_len(&file);
    input(Box::new(file), path, len, limits, Box::new(progress))
}

/// Streams any reader (standard input, a socket), decompressed as it is
/// read; `name` names it in errors (`<stdin>`).
pub fn open_reader<R: Read + Send + 'static>(
    reader: R,
    name: &Path,
    limits: &Limits,
) -> Result<Input, IoError> {
    input(Box::new(reader), name, None, limits, Box::new(|_, _| {}))
}

fn input(
    mut reader: Box<dyn Read + Send>,
    path: &Path,
    len: Option<u64>,
    limits: &Limits,
    progress: Box<dyn FnMut(u64, u64) + Send>,
) -> Result<Input, IoError> {
    let head = read_head(&mut reader).map_err(|e| IoError::read(path, &e))?;
    let kind = Compression::detect(&head);
    if kind == Compression::None && len.is_some_and(|l| l > limits.max_output) {
        return Err(too_large(path, kind, limits));
    }
    let src: Raw = Source::new(
        BufReader::with_capacity(BUF, Cursor::new(head).chain(reader)),
        len.unwrap_or(0),
        progress,
    );
    let inner = match kind {
        Compression::None => Inner::Plain(Box::new(Capped::new(src, path, kind, limits))),
        _ => Inner::Decoded(Box::new(BufReader::with_capacity(
            BUF,
            Capped::new(Decoder::new(kind, src, path)?, path, kind, limits),
        ))),
    };
    Ok(Input { inner, len })
}
