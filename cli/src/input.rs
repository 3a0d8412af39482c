//! Reading input files through `routeguard::io` (plain, gzip, bzip2, xz or
//! zstd, recognised by their magic bytes whatever the file is called), from
//! a path or `-` for standard input, with a progress bar on stderr for large
//! files when stderr is a terminal; writing outputs, compressed by the
//! output file's extension.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use indicatif::ProgressBar;
use routeguard::io::{Compression, Input, Limits};

use crate::progress::Progress;

/// The name standard input goes by in messages.
const STDIN: &str = "<stdin>";

/// A human name for a path argument (`<stdin>` for `-`).
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        STDIN.to_owned()
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
/// A plain file is read in one call into an allocation of its exact size
/// (no buffering layer, no second copy); a compressed one is read the same
/// way and decompressed from memory, with a progress bar over the
/// compressed bytes when that is worth showing.
pub fn read_all(path: &Path, progress: &Progress) -> Result<Vec<u8>> {
    let limits = Limits::default();
    if is_stdin(path) {
        let stdin = io::stdin();
        return Ok(routeguard::io::read_from(
            stdin.lock(),
            Path::new(STDIN),
            &limits,
        )?);
    }
    let short = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display_name(path));
    let mut bar: Option<Option<ProgressBar>> = None;
    let out = routeguard::io::read_with_progress(path, &limits, &mut |done, total| {
        let b = bar.get_or_insert_with(|| progress.bytes(total, &format!("decompressing {short}")));
        if let Some(b) = b {
            b.set_position(done);
        }
    });
    if let Some(Some(b)) = bar {
        b.finish_and_clear();
    }
    Ok(out?)
}

/// Opens an input for streaming (decompressed on the fly): for inputs too
/// large to hold twice, such as IRR dumps of several gigabytes. A progress
/// bar (`msg`) follows the bytes read from the file, compressed or not.
/// Returns the reader and the bar to clear when done.
pub fn open_stream(
    path: &Path,
    progress: &Progress,
    msg: &str,
) -> Result<(Input, Option<ProgressBar>)> {
    let limits = Limits::default();
    if is_stdin(path) {
        let input = routeguard::io::open_reader(io::stdin(), Path::new(STDIN), &limits)?;
        return Ok((input, None));
    }
    // The size is only for the bar: a failure to read it shows none.
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = progress.bytes(size, msg);
    let input = match &bar {
        Some(b) => {
            let b = b.clone();
            routeguard::io::open_with_progress(path, &limits, move |done, _| b.set_position(done))
        }
        None => routeguard::io::open(path, &limits),
    }?;
    Ok((input, bar))
}

/// The compression an output file's extension asks for (`.gz`, `.bz2`).
fn output_compression(path: &Path) -> Compression {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gz" | "gzip") => Compression::Gzip,
        Some("bz2" | "bzip2") => Compression::Bzip2,
        _ => Compression::None,
    }
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
        let (base, compression): (Box<dyn Write>, Compression) = match path {
            Some(p) if !is_stdin(p) => {
                let f =
                    File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
                (
                    Box::new(io::BufWriter::with_capacity(1 << 16, f)),
                    output_compression(p),
                )
            }
            _ => (
                Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
                Compression::None,
            ),
        };
        let inner = match compression {
            Compression::Gzip => Sink::Gzip(flate2::write::GzEncoder::new(
                base,
                flate2::Compression::default(),
            )),
            Compression::Bzip2 => Sink::Bzip2(bzip2::write::BzEncoder::new(
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
    fn outputs_compress_by_extension() {
        assert_eq!(
            output_compression(Path::new("a.json.bz2")),
            Compression::Bzip2
        );
        assert_eq!(output_compression(Path::new("a.GZ")), Compression::Gzip);
        assert_eq!(output_compression(Path::new("a.json")), Compression::None);
        assert_eq!(output_compression(Path::new("a.xz")), Compression::None);
    }

    #[test]
    fn inputs_decompress_by_content() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("routeguard-cli-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"hello")?;
        // gzip data under a name that says JSON.
        let p = dir.join("vrps.json");
        std::fs::write(&p, enc.finish()?)?;
        let off = Progress::detect(true);
        assert_eq!(read_all(&p, &off)?, b"hello");
        let (mut input, bar) = open_stream(&p, &off, "loading")?;
        assert!(bar.is_none());
        let mut out = String::new();
        io::Read::read_to_string(&mut input, &mut out)?;
        assert_eq!(out, "hello");
        // Plain data under a name that says gzip.
        let q = dir.join("plain.gz");
        std::fs::write(&q, b"plain")?;
        assert_eq!(read_all(&q, &off)?, b"plain");
        // Corrupt data: the path and what is wrong.
        std::fs::write(&q, b"\x1f\x8bnot really")?;
        let e = read_all(&q, &off).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{}: invalid gzip data", q.display())),
            "{e}"
        );
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
