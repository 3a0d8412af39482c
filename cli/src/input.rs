//! Standard input and outputs: `-` as a path argument means standard input
//! (inputs themselves are read by core's `Dataset` builder, see
//! `crate::load`); outputs go to stdout or a file, compressed by the output
//! file's extension.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use routeguard::io::Compression;

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
}
