//! Standard input and outputs: `-` as a path argument means standard input
//! (inputs themselves are read by core's `Dataset` builder, see
//! `crate::load`); outputs go to stdout or a file, compressed by the output
//! file's extension.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
        Ok(match path {
            Some(p) if !is_stdin(p) => {
                let f =
                    File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
                Output::new(
                    Box::new(io::BufWriter::with_capacity(1 << 16, f)),
                    output_compression(p),
                )
            }
            _ => Output::new(
                Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
                Compression::None,
            ),
        })
    }

    /// An output over `base`, compressed as asked.
    fn new(base: Box<dyn Write>, compression: Compression) -> Output {
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
        Output { inner }
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

/// The temporary file [`write_atomic`] writes `path` through: hidden, in
/// the same directory (a rename across file systems is not atomic).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.routeguard-tmp"))
}

/// Replaces the file at `path` whole: `write` fills a temporary file in
/// the same directory (compressed by `path`'s extension, like
/// [`Output::open`]), which is flushed to disk and renamed over `path`.
/// A reader sees the old file or the new one, never part of one; after a
/// failure the old file stays and the temporary one is removed.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut Output) -> io::Result<()>) -> Result<()> {
    let tmp = temp_path(path);
    let result = (|| -> Result<()> {
        let file =
            File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let base = file
            .try_clone()
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut out = Output::new(
            Box::new(io::BufWriter::with_capacity(1 << 16, base)),
            output_compression(path),
        );
        write(&mut out)
            .and_then(|()| out.finish())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, path)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `HOST:PORT` as given, or `HOST` with `port` (IPv6 literals in brackets:
/// `[2001:db8::1]:323`; a bare IPv6 address gets brackets).
pub fn with_default_port(host: &str, port: u16) -> String {
    let h = host.trim();
    if h.parse::<std::net::SocketAddr>().is_ok() {
        return h.to_owned();
    }
    if h.parse::<std::net::Ipv6Addr>().is_ok() {
        return format!("[{h}]:{port}");
    }
    match h.rsplit_once(':') {
        Some((name, p)) if !name.contains(':') && p.parse::<u16>().is_ok() => h.to_owned(),
        _ => format!("{h}:{port}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ports() {
        assert_eq!(with_default_port("127.0.0.1:8282", 323), "127.0.0.1:8282");
        assert_eq!(
            with_default_port(" rtr.example.net ", 323),
            "rtr.example.net:323"
        );
        assert_eq!(
            with_default_port("rtr.example.net:8323", 323),
            "rtr.example.net:8323"
        );
        assert_eq!(with_default_port("2001:db8::1", 323), "[2001:db8::1]:323");
        assert_eq!(
            with_default_port("[2001:db8::1]:8282", 323),
            "[2001:db8::1]:8282"
        );
    }

    #[test]
    fn atomic_writes_replace_the_file_whole() -> Result<()> {
        let dir =
            std::env::temp_dir().join(format!("routeguard-cli-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let p = dir.join("out.json");
        std::fs::write(&p, "old")?;
        write_atomic(&p, |w| w.write_all(b"new"))?;
        assert_eq!(std::fs::read_to_string(&p)?, "new");
        // A failed write leaves the old file and no temporary one.
        let e = write_atomic(&p, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(format!("{e:#}").contains("disk full"), "{e:#}");
        assert_eq!(std::fs::read_to_string(&p)?, "new");
        assert!(!temp_path(&p).exists());
        // Compressed by the final name's extension.
        let gz = dir.join("out.csv.gz");
        write_atomic(&gz, |w| w.write_all(b"a,b\n"))?;
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(File::open(&gz)?),
            &mut text,
        )?;
        assert_eq!(text, "a,b\n");
        // A directory that does not exist.
        assert!(write_atomic(&dir.join("no/such/dir.json"), |_| Ok(())).is_err());
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

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
