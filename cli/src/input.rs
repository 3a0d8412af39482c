//! Reading input files: plain, gzip, bzip2 or xz (recognised by extension or by
//! magic bytes), from a path or `-` for standard input, with a progress bar
//! on stderr for large files when stderr is a terminal.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::progress::Progress;

/// Compression of an input, decided by extension first, then magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (RFC 1952), `.gz`.
    Gzip,
    /// bzip2, `.bz2`.
    Bzip2,
    /// xz (LZMA2), `.xz` (CAIDA's AS relationship files).
    Xz,
}

impl Compression {
    /// From the file name's extension, when it names one.
    pub fn from_path(path: &Path) -> Option<Compression> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("gz" | "gzip") => Some(Compression::Gzip),
            Some("bz2" | "bzip2") => Some(Compression::Bzip2),
            Some("xz") => Some(Compression::Xz),
            _ => None,
        }
    }

    /// From the first bytes of the stream.
    pub fn sniff(head: &[u8]) -> Compression {
        match head {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [b'B', b'Z', b'h', b'1'..=b'9', ..] => Compression::Bzip2,
            [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Compression::Xz,
            _ => Compression::None,
        }
    }
}

/// A human name for a path argument (`<stdin>` for `-`).
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Whether the argument means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a whole input (decompressed) into memory.
///
/// A plain file is read in one call into an allocation of its exact size (no
/// buffering layer, no second copy); a compressed one is read the same way
/// and decompressed from memory, with a progress bar over the compressed
/// bytes when that is worth showing.
pub fn read_all(path: &Path, progress: &Progress) -> Result<Vec<u8>> {
    let name = display_name(path);
    if is_stdin(path) {
        let stdin = io::stdin();
        let reader = BufReader::with_capacity(1 << 16, stdin.lock());
        return decode(reader, None, 0).with_context(|| format!("cannot read {name}"));
    }
    let raw = std::fs::read(path).with_context(|| format!("cannot open {name}"))?;
    let kind = Compression::from_path(path).unwrap_or_else(|| Compression::sniff(&raw));
    if kind == Compression::None {
        return Ok(raw);
    }
    let short = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let size = u64::try_from(raw.len()).unwrap_or(u64::MAX);
    let bar = progress.bytes(size, &format!("decompressing {short}"));
    let reader: Box<dyn Read + '_> = match &bar {
        Some(b) => Box::new(b.wrap_read(&raw[..])),
        None => Box::new(&raw[..]),
    };
    let out = decode(BufReader::new(reader), Some(kind), raw.len())
        .with_context(|| format!("cannot read {name}"));
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out
}

fn decode<R: BufRead>(
    mut reader: R,
    by_name: Option<Compression>,
    size_hint: usize,
) -> Result<Vec<u8>> {
    let kind = match by_name {
        Some(k) => k,
        None => Compression::sniff(reader.fill_buf()?),
    };
    let mut out = Vec::new();
    match kind {
        Compression::None => {
            out.reserve(size_hint);
            reader.read_to_end(&mut out)?;
        }
        Compression::Gzip => {
            out.reserve(size_hint.saturating_mul(4));
            flate2::bufread::MultiGzDecoder::new(reader)
                .read_to_end(&mut out)
                .context("invalid gzip data")?;
        }
        Compression::Bzip2 => {
            out.reserve(size_hint.saturating_mul(8));
            bzip2::bufread::MultiBzDecoder::new(reader)
                .read_to_end(&mut out)
                .context("invalid bzip2 data")?;
        }
        Compression::Xz => {
            out.reserve(size_hint.saturating_mul(8));
            xz2::bufread::XzDecoder::new_multi_decoder(reader)
                .read_to_end(&mut out)
                .context("invalid xz data")?;
        }
    }
    Ok(out)
}

/// Opens an input for streaming (decompressed on the fly): for inputs too
/// large to hold twice, such as IRR dumps of several gigabytes. Returns the
/// reader and the on-disk size (0 for stdin) for a progress bar.
pub fn open_stream(path: &Path) -> Result<(Box<dyn BufRead>, u64)> {
    let name = display_name(path);
    let (mut base, size): (Box<dyn BufRead>, u64) = if is_stdin(path) {
        (Box::new(BufReader::with_capacity(1 << 20, io::stdin())), 0)
    } else {
        let f = File::open(path).with_context(|| format!("cannot open {name}"))?;
        let size = f.metadata().map(|m| m.len()).unwrap_or(0);
        (Box::new(BufReader::with_capacity(1 << 20, f)), size)
    };
    let kind = match Compression::from_path(path) {
        Some(k) => k,
        None => Compression::sniff(
            base.fill_buf()
                .with_context(|| format!("cannot read {name}"))?,
        ),
    };
    Ok(match kind {
        Compression::None => (base, size),
        Compression::Gzip => (
            Box::new(BufReader::with_capacity(
                1 << 20,
                flate2::bufread::MultiGzDecoder::new(base),
            )),
            size,
        ),
        Compression::Bzip2 => (
            Box::new(BufReader::with_capacity(
                1 << 20,
                bzip2::bufread::MultiBzDecoder::new(base),
            )),
            size,
        ),
        Compression::Xz => (
            Box::new(BufReader::with_capacity(
                1 << 20,
                xz2::bufread::XzDecoder::new_multi_decoder(base),
            )),
            size,
        ),
    })
}

/// An output sink: stdout or a file, compressed by extension (`.gz`, `.bz2`).
pub struct Output {
    inner: Sink,
}

enum Sink {
    Plain(Box<dyn Write>),
    Gzip(flate2::write::GzEncoder<Box<dyn Write>>),
    Bzip2(bzip2::write::BzEncoder<Box<dyn Write>>),
}

impl Output {
    /// Opens `path` (or stdout when `None` or `-`).
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let (base, compression): (Box<dyn Write>, Option<Compression>) = match path {
            Some(p) if !is_stdin(p) => {
                let f =
                    File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
                (
                    Box::new(io::BufWriter::with_capacity(1 << 16, f)),
                    Compression::from_path(p),
                )
            }
            _ => (
                Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
                None,
            ),
        };
        let inner = match compression {
            Some(Compression::Gzip) => Sink::Gzip(flate2::write::GzEncoder::new(
                base,
                flate2::Compression::default(),
            )),
            Some(Compression::Bzip2) => Sink::Bzip2(bzip2::write::BzEncoder::new(
                base,
                bzip2::Compression::default(),
            )),
            _ => Sink::Plain(base),
        };
        Ok(Output { inner })
    }

    /// Finishes compression and flushes everything.
    pub fn finish(self) -> io::Result<()> {
        let mut base = match self.inner {
            Sink::Plain(w) => w,
            Sink::Gzip(w) => w.finish()?,
            Sink::Bzip2(w) => w.finish()?,
        };
        base.flush()
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
            Sink::Bzip2(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            Sink::Plain(w) => w.write_all(buf),
            Sink::Gzip(w) => w.write_all(buf),
            Sink::Bzip2(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
            Sink::Bzip2(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(Compression::sniff(b"BZh91AY"), Compression::Bzip2);
        assert_eq!(Compression::sniff(b"BZhx"), Compression::None);
        assert_eq!(Compression::sniff(b"{\"roas\""), Compression::None);
        assert_eq!(Compression::sniff(b""), Compression::None);
    }

    #[test]
    fn by_extension() {
        assert_eq!(
            Compression::from_path(Path::new("a.json.bz2")),
            Some(Compression::Bzip2)
        );
        assert_eq!(
            Compression::from_path(Path::new("a.GZ")),
            Some(Compression::Gzip)
        );
        assert_eq!(Compression::from_path(Path::new("a.json")), None);
    }

    #[test]
    fn decodes_gzip_by_magic() -> Result<()> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"hello")?;
        let gz = enc.finish()?;
        assert_eq!(decode(&gz[..], None, 0)?, b"hello");
        assert_eq!(decode(&b"plain"[..], None, 0)?, b"plain");
        assert!(decode(&b"plain"[..], Some(Compression::Gzip), 0).is_err());
        Ok(())
    }
}
