//! The decoders (gzip per RFC 1952, bzip2, xz, Zstandard per RFC 8878)
//! behind one enum, the source wrapper that tells read failures from corrupt
//! data and reports progress, and the output cap.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use super::{Compression, IoError, Limits};

/// Progress is reported at most once per this many source bytes.
const REPORT_STEP: u64 = 256 << 10;

/// The payload of an error of the underlying source, so that a decoder's
/// error can be told apart from the source's (which the decoders pass on).
#[derive(Debug)]
pub(super) struct SourceFailure {
    kind: io::ErrorKind,
    os_code: Option<i32>,
    message: String,
}

impl std::fmt::Display for SourceFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceFailure {}

/// Marks an error of the source (`Interrupted` passes as it is: readers
/// retry it).
fn tag(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::Interrupted
        || e.get_ref()
            .is_some_and(|i| i.is::<SourceFailure>() || i.is::<IoError>())
    {
        return e;
    }
    let failure = SourceFailure {
        kind: e.kind(),
        os_code: e.raw_os_error(),
        message: e.to_string(),
    };
    io::Error::new(failure.kind, failure)
}

/// The typed error for an error that came out of a decoder or a [`Capped`]
/// reader of `compression` data from `path`.
pub(super) fn classify(e: io::Error, path: &Path, compression: Compression) -> IoError {
    let kind = e.kind();
    let os_code = e.raw_os_error();
    let message = e.to_string();
    if e.get_ref().is_some() {
        match e.into_inner().map(|inner| inner.downcast::<IoError>()) {
            Some(Ok(typed)) => return *typed,
            Some(Err(other)) => {
                if let Some(s) = other.downcast_ref::<SourceFailure>() {
                    return IoError::Read {
                        path: path.to_owned(),
                        kind: s.kind,
                        os_code: s.os_code,
                        message: s.message.clone(),
                    };
                }
            }
            None => {}
        }
    }
    match compression {
        Compression::None => IoError::Read {
            path: path.to_owned(),
            kind,
            os_code,
            message,
        },
        _ => IoError::Corrupt {
            path: path.to_owned(),
            compression,
            message,
        },
    }
}

/// The raw (compressed) input: tags its errors and reports how much of it
/// was consumed.
pub(super) struct Source<R, P: FnMut(u64, u64)> {
    inner: R,
    pos: u64,
    next_report: u64,
    total: u64,
    progress: P,
}

impl<R, P: FnMut(u64, u64)> Source<R, P> {
    /// `inner`, `total` bytes long (0 when unknown), reporting to `progress`.
    pub(super) fn new(inner: R, total: u64, progress: P) -> Self {
        Source {
            inner,
            pos: 0,
            next_report: REPORT_STEP,
            total,
            progress,
        }
    }

    fn advance(&mut self, n: usize) {
        self.pos = self
            .pos
            .saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        if self.pos >= self.next_report {
            self.next_report = self.pos.saturating_add(REPORT_STEP);
            (self.progress)(self.pos, self.total);
        }
    }

    /// Reports the final position.
    pub(super) fn finish(&mut self) {
        (self.progress)(self.pos, self.total);
    }
}

impl<R: Read, P: FnMut(u64, u64)> Read for Source<R, P> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).map_err(tag)?;
        self.advance(n);
        Ok(n)
    }
}

impl<R: BufRead, P: FnMut(u64, u64)> BufRead for Source<R, P> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf().map_err(tag)
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.advance(amt);
    }
}

/// A decoder for one compression over a buffered source (`Plain` passes
/// the source through).
pub(super) enum Decoder<R: BufRead> {
    /// Not compressed.
    Plain(R),
    /// gzip, concatenated members included.
    #[cfg(feature = "gzip")]
    Gzip(flate2::bufread::MultiGzDecoder<R>),
    /// bzip2, concatenated streams included.
    #[cfg(feature = "io")]
    Bzip2(bzip2::bufread::MultiBzDecoder<R>),
    /// xz, concatenated streams (and stream padding) included.
    #[cfg(feature = "io")]
    Xz(xz2::bufread::XzDecoder<R>),
    /// Zstandard, every frame (skippable ones skipped).
    #[cfg(feature = "io")]
    Zstd(zstd::stream::read::Decoder<'static, R>),
}

impl<R: BufRead> Decoder<R> {
    /// The decoder for `compression`, or [`IoError::Unsupported`] when this
    /// build has none.
    pub(super) fn new(compression: Compression, src: R, path: &Path) -> Result<Self, IoError> {
        let unsupported = || IoError::Unsupported {
            path: path.to_owned(),
            compression,
        };
        match compression {
            Compression::None => Ok(Decoder::Plain(src)),
            #[cfg(feature = "gzip")]
            Compression::Gzip => Ok(Decoder::Gzip(flate2::bufread::MultiGzDecoder::new(src))),
            #[cfg(feature = "io")]
            Compression::Bzip2 => Ok(Decoder::Bzip2(bzip2::bufread::MultiBzDecoder::new(src))),
            #[cfg(feature = "io")]
            Compression::Xz => {
                let stream = xz2::stream::Stream::new_stream_decoder(
                    super::XZ_MEMLIMIT,
                    xz2::stream::CONCATENATED,
                )
                .map_err(|e| IoError::Corrupt {
                    path: path.to_owned(),
                    compression,
                    message: e.to_string(),
                })?;
                Ok(Decoder::Xz(xz2::bufread::XzDecoder::new_stream(
                    src, stream,
                )))
            }
            #[cfg(feature = "io")]
            Compression::Zstd => zstd::stream::read::Decoder::with_buffer(src)
                .map(Decoder::Zstd)
                .map_err(|e| classify(e, path, compression)),
            #[allow(unreachable_patterns)]
            _ => Err(unsupported()),
        }
    }

    /// The source back.
    pub(super) fn into_source(self) -> R {
        match self {
            Decoder::Plain(r) => r,
            #[cfg(feature = "gzip")]
            Decoder::Gzip(d) => d.into_inner(),
            #[cfg(feature = "io")]
            Decoder::Bzip2(d) => d.into_inner(),
            #[cfg(feature = "io")]
            Decoder::Xz(d) => d.into_inner(),
            #[cfg(feature = "io")]
            Decoder::Zstd(d) => d.finish(),
        }
    }
}

impl<R: BufRead> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoder::Plain(r) => r.read(buf),
            #[cfg(feature = "gzip")]
            Decoder::Gzip(d) => d.read(buf),
            #[cfg(feature = "io")]
            Decoder::Bzip2(d) => d.read(buf),
            #[cfg(feature = "io")]
            Decoder::Xz(d) => d.read(buf),
            #[cfg(feature = "io")]
            Decoder::Zstd(d) => d.read(buf),
        }
    }
}

/// A reader that lets at most `limit` bytes through, turns every error
/// into a typed [`IoError`] (carried inside the [`io::Error`] it returns),
/// and keeps returning the first error once one happened.
pub(super) struct Capped<R> {
    inner: R,
    count: u64,
    limit: u64,
    path: PathBuf,
    compression: Compression,
    error: Option<IoError>,
}

impl<R> Capped<R> {
    pub(super) fn new(inner: R, path: &Path, compression: Compression, limits: &Limits) -> Self {
        Capped {
            inner,
            count: 0,
            limit: limits.max_output,
            path: path.to_owned(),
            compression,
            error: None,
        }
    }

    #[cfg(feature = "io")]
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    #[cfg(feature = "io")]
    pub(super) fn compression(&self) -> Compression {
        self.compression
    }

    pub(super) fn into_inner(self) -> R {
        self.inner
    }

    /// The error that stopped reading, if one did (reading keeps failing
    /// with it).
    #[cfg(feature = "io")]
    pub(super) fn error(&self) -> Option<&IoError> {
        self.error.as_ref()
    }

    fn room(&self) -> u64 {
        self.limit.saturating_sub(self.count)
    }

    fn too_large(&self) -> IoError {
        IoError::TooLarge {
            path: self.path.clone(),
            compression: self.compression,
            limit: self.limit,
        }
    }
}

/// Records `e` (typed) as the error that stopped `error`'s reader and
/// returns it as an [`io::Error`]; `Interrupted` passes untouched.
fn fail(error: &mut Option<IoError>, typed: IoError) -> io::Error {
    *error = Some(typed.clone());
    typed.into()
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(e) = &self.error {
            return Err(e.clone().into());
        }
        if buf.is_empty() {
            return Ok(0);
        }
        let room = self.room();
        let result = if room == 0 {
            // At the cap: anything more is too much.
            let mut probe = [0u8; 1];
            match self.inner.read(&mut probe) {
                Ok(0) => Ok(0),
                Ok(_) => {
                    let typed = self.too_large();
                    return Err(fail(&mut self.error, typed));
                }
                Err(e) => Err(e),
            }
        } else {
            let want = usize::try_from(room).map_or(buf.len(), |r| r.min(buf.len()));
            let part = match buf.get_mut(..want) {
                Some(p) => p,
                None => buf,
            };
            self.inner.read(part)
        };
        match result {
            Ok(n) => {
                self.count = self
                    .count
                    .saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                let typed = classify(e, &self.path, self.compression);
                Err(fail(&mut self.error, typed))
            }
        }
    }
}

impl<R: BufRead> BufRead for Capped<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let room = self.room();
        let Capped {
            inner,
            error,
            path,
            compression,
            limit,
            ..
        } = self;
        if let Some(e) = error {
            return Err(e.clone().into());
        }
        match inner.fill_buf() {
            Ok([]) => Ok(&[]),
            Ok(_) if room == 0 => {
                let typed = IoError::TooLarge {
                    path: path.clone(),
                    compression: *compression,
                    limit: *limit,
                };
                Err(fail(error, typed))
            }
            Ok(buf) => {
                let want = usize::try_from(room).map_or(buf.len(), |r| r.min(buf.len()));
                Ok(buf.get(..want).unwrap_or(buf))
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                let typed = classify(e, path, *compression);
                Err(fail(error, typed))
            }
        }
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.count = self
            .count
            .saturating_add(u64::try_from(amt).unwrap_or(u64::MAX));
    }
}

/// The output to reserve for decompressing `len` bytes of `compression`:
/// a guess at the ratio, within the cap.
pub(super) fn guess_output(compression: Compression, len: usize, limits: &Limits) -> usize {
    let factor = match compression {
        Compression::None => 1,
        Compression::Gzip => 4,
        Compression::Bzip2 | Compression::Xz | Compression::Zstd => 8,
    };
    let cap = usize::try_from(limits.max_output).unwrap_or(usize::MAX);
    len.saturating_mul(factor).min(cap)
}

/// The decompressed size a gzip stream's trailer states (RFC 1952 §2.3.1
/// ISIZE, the size modulo 2^32, of the last member), when it is plausible:
/// at least the input's size and at most DEFLATE's best ratio (1032:1) of
/// it. Reserving it up front saves the doubling that growing costs, which
/// in a WebAssembly memory (it never shrinks) stays for good.
fn gzip_size(data: &[u8]) -> Option<usize> {
    let trailer: [u8; 4] = data.get(data.len().checked_sub(4)?..)?.try_into().ok()?;
    let size = usize::try_from(u32::from_le_bytes(trailer)).ok()?;
    (size >= data.len() && size / 1032 <= data.len()).then_some(size)
}

/// The most output read (and zero-filled beforehand) at a time by
/// [`read_to_end`].
const READ_CHUNK: usize = 256 << 10;

/// Reads `reader` to its end into `out`, like [`Read::read_to_end`] but
/// never zero-filling more than [`READ_CHUNK`] bytes ahead of the data (the
/// standard one doubles its reads, and what it zero-fills ahead of a
/// decoder that fills every read stays resident).
pub(super) fn read_to_end<R: Read>(reader: &mut R, out: &mut Vec<u8>) -> io::Result<()> {
    // `out` holds the data, then zeros not yet read into (each byte is
    // zeroed once, at most one chunk ahead).
    let mut filled = out.len();
    let result = loop {
        if filled == out.capacity() {
            // The room reserved is used up: probe before growing, so that an
            // exact reservation (a gzip trailer's size) is not doubled by the
            // read that finds the end.
            let mut probe = [0u8; 64];
            match reader.read(&mut probe) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    out.extend_from_slice(probe.get(..n).unwrap_or(&probe));
                    filled = out.len();
                    continue;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => break Err(e),
            }
        }
        if out.len().saturating_sub(filled) < READ_CHUNK / 4 {
            // Within the reserved room when there is some, else grow.
            let room = out.capacity().saturating_sub(filled);
            let step = if room > 0 {
                room.min(READ_CHUNK)
            } else {
                READ_CHUNK
            };
            out.resize(filled.saturating_add(step), 0);
        }
        let result = match out.get_mut(filled..) {
            Some(spare) => reader.read(spare),
            None => Ok(0),
        };
        match result {
            Ok(0) => break Ok(()),
            Ok(n) => filled = filled.saturating_add(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    out.truncate(filled);
    result
}

/// Decompresses `compression` data held in memory (`data`, from `path`),
/// reporting the compressed bytes consumed to `progress`.
pub(super) fn slice(
    data: &[u8],
    compression: Compression,
    path: &Path,
    limits: &Limits,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<u8>, IoError> {
    let total = u64::try_from(data.len()).unwrap_or(u64::MAX);
    let src = Source::new(data, total, progress);
    let mut capped = Capped::new(
        Decoder::new(compression, src, path)?,
        path,
        compression,
        limits,
    );
    let mut out = Vec::new();
    // A guess: when it cannot be had, the vector grows as usual.
    let guess = match (compression, gzip_size(data)) {
        (Compression::Gzip, Some(size)) => {
            size.min(usize::try_from(limits.max_output).unwrap_or(usize::MAX))
        }
        _ => guess_output(compression, data.len(), limits),
    };
    let _ = out.try_reserve(guess);
    if let Err(e) = read_to_end(&mut capped, &mut out) {
        return Err(classify(e, path, compression));
    }
    capped.into_inner().into_source().finish();
    Ok(out)
}

#[cfg(all(test, feature = "gzip"))]
mod tests {
    use std::io::Write;

    use super::{gzip_size, read_to_end};

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).expect("in memory");
        e.finish().expect("in memory")
    }

    #[test]
    fn gzip_trailer_gives_the_size_when_plausible() {
        let text = "AS64500,192.0.2.0/24,24,ripe\n".repeat(5000);
        assert_eq!(gzip_size(&gzip(text.as_bytes())), Some(text.len()));
        // Smaller than the input, or beyond DEFLATE's ratio: not believed.
        let mut small = gzip(b"x");
        assert_eq!(gzip_size(&small), None);
        let n = small.len();
        small[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(gzip_size(&small), None);
        assert_eq!(gzip_size(b"abc"), None);
    }

    #[test]
    fn an_exact_reservation_is_not_outgrown() {
        for n in [0, 1, 63, 64, 65, 300_000, 1 << 20] {
            let data: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            let mut out = Vec::with_capacity(n);
            read_to_end(&mut &data[..], &mut out).expect("in memory");
            assert_eq!(out, data);
            assert_eq!(out.capacity(), n, "{n}");
            // Without a reservation it grows as it must.
            let mut grown = Vec::new();
            read_to_end(&mut &data[..], &mut grown).expect("in memory");
            assert_eq!(grown, data);
        }
    }
}
