//! One entry that reads a route input of any kind into [`RouteEvent`]s:
//! `PREFIX PATH…` lines and `bgpdump -m` lines ([`crate::parse::bgp`]), and
//! MRT files (RFC 6396: RIB dumps and BGP4MP updates, read by
//! `parse::mrt::MrtReader` with the host-only feature `mrt`).
//!
//! [`read_routes`] undoes compression (gzip, bzip2, xz, zstd, recognised by
//! their magic bytes through [`crate::io`]), tells MRT from text by the
//! content ([`looks_like_mrt`]: a known MRT type and a sane length in the
//! first 12 bytes; anything else is text), and streams: a file or reader
//! is never held whole in memory. Each event goes to a callback in input
//! order; [`RouteStats`] counts lines or records, events and what gave no
//! event. Errors are [`InputError`]s naming the input and the line (text)
//! or the record number and byte offset (MRT). A build without the feature
//! `mrt` answers an MRT input with [`MrtErrorKind::NotBuilt`].
//!
//! ```
//! use routeguard::dataset::routes::{read_routes, RouteFormat, RouteOptions};
//! use routeguard::dataset::Input;
//! use routeguard::parse::bgp::RouteEventKind;
//! let text = "BGP4MP|1470931200|A|10.0.0.1|64496|192.0.2.0/24|64496 64500|IGP\n\
//!             BGP4MP|1470933000|W|10.0.0.1|64496|192.0.2.0/24\n";
//! let mut seen = Vec::new();
//! let stats = read_routes(Input::text("updates.txt", text), &RouteOptions::default(), |e| {
//!     seen.push((e.kind, e.timestamp))
//! })
//! .unwrap();
//! assert_eq!(stats.format, RouteFormat::Text);
//! assert_eq!((stats.lines, stats.events, stats.skipped), (2, 2, 0));
//! assert_eq!(
//!     seen,
//!     [(RouteEventKind::Announce, Some(1470931200)), (RouteEventKind::Withdraw, Some(1470933000))]
//! );
//! let err = read_routes(Input::text("bad.txt", "192.0.2.1/24 1\n"), &RouteOptions::default(), |_| {})
//!     .unwrap_err();
//! assert_eq!(err.line(), 1);
//! assert!(err.to_string().starts_with("bad.txt: line 1"));
//! ```

use std::fmt;
use std::io::{BufRead, Read};
use std::sync::Arc;

use super::builder::Stream;
use super::{Input, InputError};
use crate::diag::Mode;
use crate::io::Limits;
use crate::parse::bgp::{RouteEvent, RouteEventReader, RouteLineOptions};
use crate::parse::mrt::{looks_like_mrt, MrtError, MrtErrorKind};

/// What kind of route input was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RouteFormat {
    /// `PREFIX PATH…` or `bgpdump -m` lines. Shown as `text`.
    #[default]
    Text,
    /// An MRT file (RFC 6396). Shown as `mrt`.
    Mrt,
}

impl RouteFormat {
    /// `text` or `mrt`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RouteFormat::Text => "text",
            RouteFormat::Mrt => "mrt",
        }
    }
}

impl fmt::Display for RouteFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How [`read_routes`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RouteOptions {
    /// How text lines are read (relaxed prefixes or not).
    pub lines: RouteLineOptions,
    /// MRT: strict (the default: a record whose body does not parse fails
    /// the read) or lenient (such records skipped and counted). Text is
    /// always strict.
    pub mode: Mode,
    /// Limits on reading the input (the most bytes it may give,
    /// decompressed).
    pub limits: Limits,
}

/// What [`read_routes`] read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RouteStats {
    /// Text or MRT.
    pub format: RouteFormat,
    /// Text: lines read.
    pub lines: u64,
    /// MRT: records read.
    pub records: u64,
    /// Events given to the callback.
    pub events: u64,
    /// Lines (blank, comment, `STATE`) or records (state changes, OPEN,
    /// KEEPALIVE, peer tables, other types; in lenient mode, bad records)
    /// that gave no event.
    pub skipped: u64,
    /// MRT: BGP4MP state changes among the skipped records (a session that
    /// leaves Established withdraws its routes without an event saying so).
    pub state_changes: u64,
}

/// Reads a route input of any kind (see the [module documentation](self)),
/// calling `each` with every event in input order.
pub fn read_routes(
    input: Input,
    opts: &RouteOptions,
    mut each: impl FnMut(RouteEvent),
) -> Result<RouteStats, InputError> {
    let text_only = input.is_text();
    let (name, stream) = input.open(&opts.limits)?;
    match stream {
        Stream::Bytes(data) => {
            if !text_only && looks_like_mrt(&data) {
                read_mrt(&name, &data[..], opts, &mut each)
            } else {
                read_text(&name, &data[..], opts, &mut each)
            }
        }
        #[cfg(feature = "io")]
        Stream::Reader(mut reader) => {
            let head = read_head(&mut reader).map_err(|e| {
                InputError::new(
                    name.clone(),
                    crate::io::IoError::from_io(e, name.as_ref().as_ref()),
                )
            })?;
            let is_mrt = looks_like_mrt(&head);
            let chained = std::io::Cursor::new(head).chain(reader);
            let mut buffered = std::io::BufReader::with_capacity(64 << 10, chained);
            // The typed error that stopped the reader, if one did (the
            // parsers keep only the message of a read error).
            let io_error = |b: &Buffered| b.get_ref().get_ref().1.error().cloned();
            if is_mrt {
                read_mrt(&name, &mut buffered, opts, &mut each).map_err(|e| {
                    match io_error(&buffered) {
                        Some(io) => InputError::new(name.clone(), io),
                        None => e,
                    }
                })
            } else {
                read_text(&name, &mut buffered, opts, &mut each).map_err(|e| {
                    match io_error(&buffered) {
                        Some(io) => InputError::new(name.clone(), io),
                        None => e,
                    }
                })
            }
        }
    }
}

/// A decompressing reader behind the head read to sniff it.
#[cfg(feature = "io")]
type Buffered = std::io::BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, crate::io::Input>>;

/// The first 12 bytes (fewer at the end of the input) of a reader.
#[cfg(feature = "io")]
fn read_head(reader: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(12);
    reader.take(12).read_to_end(&mut head)?;
    Ok(head)
}

fn read_text(
    name: &Arc<str>,
    input: impl BufRead,
    opts: &RouteOptions,
    each: &mut impl FnMut(RouteEvent),
) -> Result<RouteStats, InputError> {
    let mut reader = RouteEventReader::new(input, &opts.lines);
    let mut stats = RouteStats::default();
    for event in reader.by_ref() {
        let event = event.map_err(|e| InputError::new(name.clone(), e))?;
        stats.events += 1;
        each(event);
    }
    stats.lines = reader.lines_read() as u64;
    stats.skipped = stats.lines.saturating_sub(stats.events);
    Ok(stats)
}

#[cfg(feature = "mrt")]
fn read_mrt(
    name: &Arc<str>,
    input: impl Read,
    opts: &RouteOptions,
    each: &mut impl FnMut(RouteEvent),
) -> Result<RouteStats, InputError> {
    let mrt_opts = crate::parse::mrt::MrtOptions { mode: opts.mode };
    let mut reader = crate::parse::mrt::MrtReader::with_options(input, &mrt_opts);
    let mut events = 0u64;
    for event in reader.by_ref() {
        let event = event.map_err(|e| InputError::new(name.clone(), e))?;
        events += 1;
        each(event);
    }
    let s = reader.stats();
    Ok(RouteStats {
        format: RouteFormat::Mrt,
        lines: 0,
        records: s.records,
        events,
        skipped: s.state_changes + s.other_records + s.bad_records,
        state_changes: s.state_changes,
    })
}

#[cfg(not(feature = "mrt"))]
fn read_mrt(
    name: &Arc<str>,
    _input: impl Read,
    _opts: &RouteOptions,
    _each: &mut impl FnMut(RouteEvent),
) -> Result<RouteStats, InputError> {
    Err(not_built(name))
}

/// The error of an MRT input in a build without the feature `mrt`.
#[cfg_attr(feature = "mrt", allow(dead_code))]
fn not_built(name: &Arc<str>) -> InputError {
    InputError::new(
        name.clone(),
        MrtError {
            record: 0,
            offset: 0,
            kind: MrtErrorKind::NotBuilt,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrt_without_the_feature_is_a_typed_error() {
        let e = not_built(&Arc::from("rib.mrt"));
        assert_eq!(e.code(), "mrt-not-built");
        assert_eq!(e.error.kind(), "parse");
        let msg = e.to_string();
        assert!(
            msg.starts_with("rib.mrt: the input is an MRT file"),
            "{msg}"
        );
        assert!(msg.contains("lacks the feature `mrt`"), "{msg}");
        // Text given as text is never sniffed for MRT.
        let mut n = 0;
        let head = "\0\0\0\x01\0\x0c\0\x01\0\0\0\x10 192.0.2.0/24 1\n";
        let err = read_routes(Input::text("t", head), &RouteOptions::default(), |_| n += 1);
        assert_eq!(err.unwrap_err().line(), 1);
        assert_eq!(RouteFormat::Mrt.to_string(), "mrt");
        assert_eq!(RouteFormat::Text.as_str(), "text");
    }
}
