//! Opening inputs: the one place that recognises and undoes compression.
//!
//! Every input routeguard loads (validator exports, SLURM files, IRR dumps,
//! AS relationships, bogon lists) may come compressed: gzip (RFC 1952, over
//! DEFLATE, RFC 1951), bzip2, xz (the `.xz` file format 1.2.0 of the Tukaani
//! project, LZMA2) or Zstandard (RFC 8878). The compression is recognised by
//! the first bytes of the data, never by a file name ([`Compression::detect`]):
//! a gzip file named `vrps.json` loads like one named `vrps.json.gz`.
//! Concatenated members (gzip), streams (bzip2, xz) and frames (zstd) are read
//! one after the other, as `gzip -d`, `bzip2 -d`, `xz -d` and `zstd -d` do.
//!
//! Untrusted input cannot exhaust memory: at most [`Limits::max_output`] bytes
//! come out (16 GiB by default on 64-bit targets), past which
//! [`IoError::TooLarge`] is returned. The decoders' own memory is bounded too:
//! zstd frames may use windows up to 128 MiB (the `zstd -d` default), xz
//! streams up to 1 GiB of decoder memory ([`XZ_MEMLIMIT`]); beyond that the
//! input is refused as [`IoError::Corrupt`].
//!
//! This part builds everywhere (`wasm32-unknown-unknown` included):
//! [`Compression`], [`Limits`], [`IoError`] and [`decompress`] over bytes in
//! memory, which undoes gzip with feature `gzip` (pure Rust, builds for
//! wasm32) and every compression with feature `io`. The host-only feature
//! `io` adds the file opener: `read` (a whole file, decompressed), `open`
//! (a streaming [`BufRead`](std::io::BufRead), `Input`, for inputs too
//! large to hold, such as IRR dumps), and the same over any reader
//! (`read_from`, `open_reader`) for standard input or sockets, which the
//! caller opens.
//!
//! ```
//! use routeguard::io::{decompress, Compression, Limits};
//! assert_eq!(Compression::detect(b"\x1f\x8b\x08\x00"), Compression::Gzip);
//! assert_eq!(Compression::detect(b"{\"roas\": []}"), Compression::None);
//! // Plain bytes come back as they are, without a copy.
//! let plain = decompress(b"AS64500,192.0.2.0/24,24", &Limits::default()).unwrap();
//! assert_eq!(&plain[..], b"AS64500,192.0.2.0/24,24");
//! ```

mod decode;
#[cfg(feature = "io")]
mod open;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[cfg(feature = "io")]
pub use open::{open, open_reader, open_with_progress, read, read_from, read_with_progress, Input};

/// The most memory an xz stream's decoder may ask for (1 GiB): streams
/// compressed with larger dictionaries are refused as [`IoError::Corrupt`].
/// `xz -9` needs 65 MiB.
pub const XZ_MEMLIMIT: u64 = 1 << 30;

/// How an input is compressed, recognised by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Compression {
    /// Not compressed (no known magic number).
    None,
    /// gzip (RFC 1952): `1f 8b`.
    Gzip,
    /// bzip2: `BZh` and a block size digit `1`–`9`.
    Bzip2,
    /// xz: `fd 37 7a 58 5a 00` (`\xfd7zXZ\0`).
    Xz,
    /// Zstandard (RFC 8878): a frame `28 b5 2f fd`, or a skippable frame
    /// `5?  2a 4d 18` as `pzstd` writes first.
    Zstd,
}

impl Compression {
    /// Every compression, `None` first.
    pub const ALL: [Compression; 5] = [
        Compression::None,
        Compression::Gzip,
        Compression::Bzip2,
        Compression::Xz,
        Compression::Zstd,
    ];

    /// How many leading bytes [`detect`](Self::detect) looks at, at most.
    pub const MAGIC_LEN: usize = 6;

    /// The compression of data starting with `head` (its first
    /// [`MAGIC_LEN`](Self::MAGIC_LEN) bytes or more; fewer are fine at the
    /// end of an input). Only magic numbers count, never a file name.
    pub const fn detect(head: &[u8]) -> Compression {
        match head {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [b'B', b'Z', b'h', b'1'..=b'9', ..] => Compression::Bzip2,
            [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Compression::Xz,
            [0x28, 0xb5, 0x2f, 0xfd, ..] | [0x50..=0x5f, 0x2a, 0x4d, 0x18, ..] => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The word: `none`, `gzip`, `bzip2`, `xz`, `zstd`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
            Compression::Zstd => "zstd",
        }
    }

    /// Whether this build can decompress it: always for `None`; gzip with
    /// feature `gzip` (or `io`); the others with feature `io`.
    pub const fn is_supported(self) -> bool {
        match self {
            Compression::None => true,
            Compression::Gzip => cfg!(feature = "gzip"),
            Compression::Bzip2 | Compression::Xz | Compression::Zstd => cfg!(feature = "io"),
        }
    }

    /// The command that undoes it (`gzip -d`, …), for messages.
    const fn tool(self) -> &'static str {
        match self {
            Compression::None => "cat",
            Compression::Gzip => "gzip -d",
            Compression::Bzip2 => "bzip2 -d",
            Compression::Xz => "xz -d",
            Compression::Zstd => "zstd -d",
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Compression {
    type Err = UnknownCompression;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Compression::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownCompression {
                input: s.to_owned(),
            })
    }
}

/// A word that names no [`Compression`] (the error of its `FromStr`); it
/// converts into the crate [`Error`](crate::Error) as a model error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown compression {input:?} (expected none, gzip, bzip2, xz or zstd)")]
pub struct UnknownCompression {
    /// The text given.
    pub input: String,
}

/// Limits on what opening an input may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The most bytes that may come out (decompressed, or read as they are):
    /// more is [`IoError::TooLarge`].
    pub max_output: u64,
}

impl Limits {
    /// The default [`max_output`](Self::max_output): 16 GiB on 64-bit
    /// targets, 1 GiB on 32-bit ones (wasm32 has 4 GiB of memory in all).
    pub const DEFAULT_MAX_OUTPUT: u64 = if usize::BITS >= 64 { 16 << 30 } else { 1 << 30 };

    /// Limits with this output cap.
    pub const fn new(max_output: u64) -> Limits {
        Limits { max_output }
    }

    /// The same limits with another output cap.
    #[must_use]
    pub const fn with_max_output(mut self, max_output: u64) -> Limits {
        self.max_output = max_output;
        self
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::new(Limits::DEFAULT_MAX_OUTPUT)
    }
}

/// Why an input could not be opened or read.
///
/// Each message names the path (when there is one): `cannot open vrps.json:
/// No such file or directory (os error 2)`. [`code`](Self::code) is a stable
/// word for each variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IoError {
    /// The file could not be opened (missing, no permission, …).
    #[error("cannot open {}: {message}", path.display())]
    Open {
        /// The path given.
        path: PathBuf,
        /// The operating system's error kind.
        kind: std::io::ErrorKind,
        /// The OS error number (`errno`), when there is one.
        os_code: Option<i32>,
        /// The error text.
        message: String,
    },
    /// Reading failed after the input was opened (a directory, an I/O
    /// error, a broken pipe).
    #[error("cannot read {}: {message}", path.display())]
    Read {
        /// The path given (or the caller's name for a reader).
        path: PathBuf,
        /// The operating system's error kind.
        kind: std::io::ErrorKind,
        /// The OS error number (`errno`), when there is one.
        os_code: Option<i32>,
        /// The error text.
        message: String,
    },
    /// The compressed data is corrupt or truncated.
    #[error("{}invalid {compression} data: {message}", Prefix(path))]
    Corrupt {
        /// The path given (empty for bytes in memory).
        path: PathBuf,
        /// The compression recognised.
        compression: Compression,
        /// What the decoder said.
        message: String,
    },
    /// More than [`Limits::max_output`] bytes would come out.
    #[error(
        "{}{} is larger than the limit of {limit} bytes{}",
        Prefix(path),
        if matches!(compression, Compression::None) { "input" } else { "decompressed input" },
        Via(*compression)
    )]
    TooLarge {
        /// The path given (empty for bytes in memory).
        path: PathBuf,
        /// The compression recognised.
        compression: Compression,
        /// The cap that was reached.
        limit: u64,
    },
    /// The input is compressed in a way this build cannot undo (in
    /// WebAssembly: bzip2, xz and zstd).
    #[error(
        "{}input is {compression}-compressed; this build cannot decompress {compression}: decompress it first ({})",
        Prefix(path),
        compression.tool()
    )]
    Unsupported {
        /// The path given (empty for bytes in memory).
        path: PathBuf,
        /// The compression recognised.
        compression: Compression,
    },
}

/// `PATH: ` before a message, or nothing when the path is empty.
struct Prefix<'a>(&'a Path);

impl fmt::Display for Prefix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.as_os_str().is_empty() {
            Ok(())
        } else {
            write!(f, "{}: ", self.0.display())
        }
    }
}

/// ` (gzip)` after a size message, or nothing for plain input.
struct Via(Compression);

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Compression::None => Ok(()),
            c => write!(f, " ({c})"),
        }
    }
}

impl IoError {
    /// A short stable code: `open`, `read`, `corrupt`, `too-large`,
    /// `unsupported`.
    pub fn code(&self) -> &'static str {
        match self {
            IoError::Open { .. } => "open",
            IoError::Read { .. } => "read",
            IoError::Corrupt { .. } => "corrupt",
            IoError::TooLarge { .. } => "too-large",
            IoError::Unsupported { .. } => "unsupported",
        }
    }

    /// The path the error is about (empty for bytes in memory).
    pub fn path(&self) -> &Path {
        match self {
            IoError::Open { path, .. }
            | IoError::Read { path, .. }
            | IoError::Corrupt { path, .. }
            | IoError::TooLarge { path, .. }
            | IoError::Unsupported { path, .. } => path,
        }
    }

    /// The OS error number of an open or read failure.
    pub fn os_code(&self) -> Option<i32> {
        match self {
            IoError::Open { os_code, .. } | IoError::Read { os_code, .. } => *os_code,
            _ => None,
        }
    }

    /// The typed error behind an [`std::io::Error`] returned while reading
    /// an `Input` (which carries it), or else a [`IoError::Read`] of
    /// `path`. For code that gets the reader's errors back from a parser.
    pub fn from_io(error: std::io::Error, path: &Path) -> IoError {
        decode::classify(error, path, Compression::None)
    }

    /// `Open` from the error of opening `path`.
    #[cfg(feature = "io")]
    pub(crate) fn open(path: &Path, e: &std::io::Error) -> IoError {
        IoError::Open {
            path: path.to_owned(),
            kind: e.kind(),
            os_code: e.raw_os_error(),
            message: e.to_string(),
        }
    }

    /// `Read` from the error of reading `path`.
    #[cfg(feature = "io")]
    pub(crate) fn read(path: &Path, e: &std::io::Error) -> IoError {
        IoError::Read {
            path: path.to_owned(),
            kind: e.kind(),
            os_code: e.raw_os_error(),
            message: e.to_string(),
        }
    }

    /// The [`std::io::ErrorKind`] this error travels as inside an
    /// [`std::io::Error`].
    fn io_kind(&self) -> std::io::ErrorKind {
        use std::io::ErrorKind;
        match self {
            IoError::Open { kind, .. } | IoError::Read { kind, .. } => *kind,
            IoError::Corrupt { .. } => ErrorKind::InvalidData,
            IoError::TooLarge { .. } => ErrorKind::FileTooLarge,
            IoError::Unsupported { .. } => ErrorKind::Unsupported,
        }
    }
}

impl From<IoError> for std::io::Error {
    /// An [`std::io::Error`] carrying the typed error (recovered by
    /// [`IoError::from_io`]).
    fn from(e: IoError) -> Self {
        std::io::Error::new(e.io_kind(), e)
    }
}

/// Undoes the compression of `data` (recognised by its first bytes):
/// plain data comes back borrowed, as it is; compressed data decompressed,
/// concatenated members, streams and frames included.
///
/// Which compressions this build undoes is [`Compression::is_supported`];
/// the others are [`IoError::Unsupported`] (`input is xz-compressed; …`).
/// Errors carry no path: the data came from memory.
pub fn decompress<'a>(data: &'a [u8], limits: &Limits) -> Result<Cow<'a, [u8]>, IoError> {
    match Compression::detect(data) {
        Compression::None => {
            if u64::try_from(data.len()).unwrap_or(u64::MAX) > limits.max_output {
                return Err(IoError::TooLarge {
                    path: PathBuf::new(),
                    compression: Compression::None,
                    limit: limits.max_output,
                });
            }
            Ok(Cow::Borrowed(data))
        }
        kind => decode::slice(data, kind, Path::new(""), limits, &mut |_, _| {}).map(Cow::Owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_magic_bytes_only() {
        assert_eq!(Compression::detect(&[0x1f, 0x8b]), Compression::Gzip);
        assert_eq!(Compression::detect(b"BZh91AY&SY"), Compression::Bzip2);
        assert_eq!(Compression::detect(b"BZh1"), Compression::Bzip2);
        assert_eq!(Compression::detect(b"BZh0"), Compression::None);
        assert_eq!(Compression::detect(b"BZhx"), Compression::None);
        assert_eq!(Compression::detect(b"BZh"), Compression::None);
        assert_eq!(
            Compression::detect(b"\xfd7zXZ\x00\x00\x04"),
            Compression::Xz
        );
        assert_eq!(Compression::detect(b"\xfd7zXZ\x01"), Compression::None);
        assert_eq!(Compression::detect(b"\xfd7zXZ"), Compression::None);
        assert_eq!(
            Compression::detect(&[0x28, 0xb5, 0x2f, 0xfd, 0x04]),
            Compression::Zstd
        );
        assert_eq!(
            Compression::detect(&[0x5e, 0x2a, 0x4d, 0x18]),
            Compression::Zstd
        );
        assert_eq!(
            Compression::detect(&[0x60, 0x2a, 0x4d, 0x18]),
            Compression::None
        );
        assert_eq!(Compression::detect(b"{\"roas\""), Compression::None);
        assert_eq!(Compression::detect(b""), Compression::None);
        assert_eq!(Compression::detect(&[0x1f]), Compression::None);
    }

    #[test]
    fn words_round_trip() {
        for c in Compression::ALL {
            assert_eq!(c.as_str().parse::<Compression>(), Ok(c));
            assert_eq!(c.to_string(), c.as_str());
        }
        assert_eq!(" GZIP ".parse::<Compression>(), Ok(Compression::Gzip));
        let e = "lz4".parse::<Compression>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown compression \"lz4\" (expected none, gzip, bzip2, xz or zstd)"
        );
    }

    #[test]
    fn messages_name_the_path_when_there_is_one() {
        let e = IoError::Unsupported {
            path: PathBuf::new(),
            compression: Compression::Xz,
        };
        assert_eq!(
            e.to_string(),
            "input is xz-compressed; this build cannot decompress xz: decompress it first (xz -d)"
        );
        assert_eq!(e.code(), "unsupported");
        let e = IoError::TooLarge {
            path: PathBuf::from("a.json"),
            compression: Compression::Gzip,
            limit: 10,
        };
        assert_eq!(
            e.to_string(),
            "a.json: decompressed input is larger than the limit of 10 bytes (gzip)"
        );
        let e = IoError::TooLarge {
            path: PathBuf::from("a.json"),
            compression: Compression::None,
            limit: 10,
        };
        assert_eq!(
            e.to_string(),
            "a.json: input is larger than the limit of 10 bytes"
        );
        let e = IoError::Corrupt {
            path: PathBuf::from("x.gz"),
            compression: Compression::Gzip,
            message: "bad".into(),
        };
        assert_eq!(e.to_string(), "x.gz: invalid gzip data: bad");
        assert_eq!(e.code(), "corrupt");
        assert_eq!(e.path(), Path::new("x.gz"));
    }

    #[test]
    fn typed_error_survives_a_trip_through_std_io_error() {
        let e = IoError::TooLarge {
            path: PathBuf::from("a"),
            compression: Compression::Zstd,
            limit: 1,
        };
        let io: std::io::Error = e.clone().into();
        assert_eq!(io.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(IoError::from_io(io, Path::new("other")), e);
        let plain = std::io::Error::from_raw_os_error(5);
        let back = IoError::from_io(plain, Path::new("p"));
        assert_eq!(back.code(), "read");
        assert_eq!(back.os_code(), Some(5));
        assert_eq!(back.path(), Path::new("p"));
    }

    #[test]
    fn plain_bytes_are_borrowed_and_capped() {
        let data = b"hello";
        assert!(matches!(
            decompress(data, &Limits::default()),
            Ok(Cow::Borrowed(b)) if b == data
        ));
        assert!(matches!(
            decompress(b"", &Limits::default()),
            Ok(Cow::Borrowed(b""))
        ));
        assert_eq!(decompress(data, &Limits::new(5)).map(|c| c.len()), Ok(5));
        let e = decompress(data, &Limits::new(4)).unwrap_err();
        assert_eq!(e.code(), "too-large");
    }

    #[test]
    fn support_follows_features() {
        assert!(Compression::None.is_supported());
        assert_eq!(Compression::Gzip.is_supported(), cfg!(feature = "gzip"));
        assert_eq!(Compression::Xz.is_supported(), cfg!(feature = "io"));
        if !cfg!(feature = "io") {
            let e = decompress(b"\xfd7zXZ\x00rest", &Limits::default()).unwrap_err();
            assert_eq!(
                e,
                IoError::Unsupported {
                    path: PathBuf::new(),
                    compression: Compression::Xz
                }
            );
        }
    }
}
