//! MRT routing information export files (RFC 6396) read as route events,
//! through the bgpkit-parser crate; the reader is host only (feature `mrt`).
//!
//! `MrtReader` (feature `mrt`) streams the records of a decompressed MRT file from any
//! [`Read`](std::io::Read), one record in memory at a time, and yields one
//! [`RouteEvent`](crate::parse::bgp::RouteEvent) per prefix:
//!
//! - `TABLE_DUMP` (RFC 6396 §4.2) and `TABLE_DUMP_V2` `RIB_IPV4_*` /
//!   `RIB_IPV6_*` entries (§4.3, peers from the `PEER_INDEX_TABLE`) are
//!   [`RouteEventKind::Rib`](crate::parse::bgp::RouteEventKind::Rib) events;
//! - `BGP4MP` / `BGP4MP_ET` (§4.4, §3) UPDATE messages give a
//!   [`RouteEventKind::Withdraw`](crate::parse::bgp::RouteEventKind::Withdraw) per withdrawn route (withdrawn routes and
//!   MP_UNREACH_NLRI, RFC 4760), then an [`RouteEventKind::Announce`](crate::parse::bgp::RouteEventKind::Announce) per
//!   announced one (NLRI and MP_REACH_NLRI), unicast and multicast SAFIs,
//!   IPv4 and IPv6; 2- and 4-byte ASNs, AS4_PATH merged into AS_PATH as
//!   RFC 6793 §4.2.3 says.
//!
//! The AS path keeps its segment types (AS_SEQUENCE, AS_SET, RFC 5065
//! confederation segments) as [`Segment`](crate::model::Segment)s, written the way the text
//! readers read bgpdump's notation: empty segments dropped, adjacent
//! AS_SEQUENCE segments joined (a path longer than 255 ASes comes in several).
//! Prefixes are read as the wire's length says: bits past it, which RFC 4271
//! §4.3 calls irrelevant, are cleared. The time of an event is its record's
//! (the dump's time for RIB entries, as `bgpdump -m` prints it).
//!
//! Records that carry no route are counted, not events ([`MrtStats`]):
//! BGP4MP state changes (a session going down withdraws its routes
//! implicitly; [`MrtStats::state_changes`] counts them), OPEN, KEEPALIVE and
//! NOTIFICATION messages, peer index and geo peer tables, `RIB_GENERIC`
//! entries, and the other MRT types (OSPF, IS-IS, the deprecated ones),
//! whose bodies are not parsed.
//!
//! A file cut short, a header of no MRT type, or a body that does not parse
//! is an [`MrtError`] naming the 1-based record number and the byte offset
//! of the record in the decompressed stream. In [`Mode::Lenient`] a record
//! whose body does not parse (its framing intact) is skipped and counted
//! ([`MrtStats::bad_records`]); a cut or unframeable file stops the reading
//! in both modes. Limits: a record body is at most [`MAX_RECORD_BODY`] bytes
//! (bgpkit-parser's own cap), a path at most
//! [`crate::model::MAX_AS_PATH_LEN`] ASes.
//!
//! No input panics the reader: bgpkit-parser is fuzzed through it (the
//! `mrt` fuzz target); besides, each body is parsed under
//! [`std::panic::catch_unwind`], so that a panic inside the crate, should
//! a future version have one, becomes [`MrtErrorKind::Corrupt`] (with
//! `panic = "abort"` that guard cannot help).
//!
//! ```
//! use routeguard::parse::mrt::MrtReader;
//! use routeguard::parse::bgp::RouteEventKind;
//! // One TABLE_DUMP (v1) IPv4 record: 192.0.2.0/24 via 64496 64500.
//! let mut rec = vec![0, 0, 0, 100, 0, 12, 0, 1, 0, 0, 0, 0];
//! let mut body = vec![0, 0, 0, 1, 192, 0, 2, 0, 24, 1, 0, 0, 0, 50];
//! body.extend([10, 0, 0, 1, 0xfb, 0xf0]); // peer 10.0.0.1, AS 64496
//! let attrs = [0x40, 2, 6, 2, 2, 0xfb, 0xf0, 0xfb, 0xf4]; // AS_PATH
//! body.extend((attrs.len() as u16).to_be_bytes());
//! body.extend(attrs);
//! rec[8..12].copy_from_slice(&(body.len() as u32).to_be_bytes());
//! rec.extend(body);
//! let mut reader = MrtReader::new(&rec[..]);
//! let e = reader.next().unwrap().unwrap();
//! assert_eq!(e.kind, RouteEventKind::Rib);
//! assert_eq!(e.prefix.to_string(), "192.0.2.0/24");
//! assert_eq!(e.path.to_string(), "64496 64500");
//! assert_eq!(e.timestamp, Some(100));
//! assert!(reader.next().is_none());
//! assert_eq!(reader.stats().records, 1);
//! // Cut short: an error naming the record and its offset.
//! let err = MrtReader::new(&rec[..20]).next().unwrap().unwrap_err();
//! assert_eq!((err.record, err.offset), (1, 0));
//! assert_eq!(err.code(), "truncated");
//! ```

use crate::diag::Mode;
use crate::io::IoError;
use crate::model::{ModelError, MAX_AS_PATH_LEN};

#[cfg(feature = "mrt")]
mod reader;
#[cfg(feature = "mrt")]
pub use reader::MrtReader;

/// The longest record body read (16 MiB, bgpkit-parser's cap): a longer
/// declared length is [`MrtErrorKind::TooLarge`].
pub const MAX_RECORD_BODY: u32 = 16 << 20;

/// How an MRT file is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MrtOptions {
    /// Strict (the default: the first record whose body does not parse
    /// fails the read) or lenient (such records skipped and counted in
    /// [`MrtStats::bad_records`]). A file cut short fails in both.
    pub mode: Mode,
}

/// What an `MrtReader` has read so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MrtStats {
    /// Records read (framed), the failing one included.
    pub records: u64,
    /// Events yielded or queued.
    pub events: u64,
    /// BGP4MP state changes (a session that leaves Established withdraws
    /// every route of the peer; no event says so).
    pub state_changes: u64,
    /// Records of no route: OPEN, KEEPALIVE, NOTIFICATION, ROUTE-REFRESH,
    /// UPDATEs of no unicast or multicast route (End-of-RIB), peer index
    /// and geo peer tables, `RIB_GENERIC`, other MRT types.
    pub other_records: u64,
    /// Records skipped in lenient mode because their body did not parse.
    pub bad_records: u64,
    /// Bytes read (decompressed).
    pub bytes: u64,
}

/// What went wrong in an MRT file. [`code`](Self::code) is a stable word
/// per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MrtErrorKind {
    /// The input ends inside the record (a file cut short). Code
    /// `truncated`.
    #[error("the input ends inside the record (cut short?): {0}")]
    Truncated(String),
    /// The record's header names no MRT type, or its body does not parse.
    /// Code `corrupt-record`.
    #[error("corrupt MRT record: {0}")]
    Corrupt(String),
    /// The record declares a body longer than [`MAX_RECORD_BODY`]. Code
    /// `record-too-large`.
    #[error("record body of {length} bytes is longer than the limit of {MAX_RECORD_BODY}")]
    TooLarge {
        /// The declared length.
        length: u32,
    },
    /// A `TABLE_DUMP_V2` RIB entry came before any `PEER_INDEX_TABLE`.
    /// Code `missing-peer-table`.
    #[error("TABLE_DUMP_V2 RIB entry before any PEER_INDEX_TABLE")]
    MissingPeerTable,
    /// A `TABLE_DUMP_V2` RIB entry names a peer index its table lacks. Code
    /// `unknown-peer`.
    #[error("RIB entry of peer index {0}, which the PEER_INDEX_TABLE lacks")]
    UnknownPeer(u16),
    /// A prefix length out of range for its family. Its code is the
    /// [`ModelError`]'s.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// An AS path longer than [`MAX_AS_PATH_LEN`] ASes. Code
    /// `path-too-long`.
    #[error("AS path of more than {MAX_AS_PATH_LEN} ASes")]
    PathTooLong,
    /// Reading the underlying input failed (its typed error: a
    /// decompression error, an I/O error). Its code is the [`IoError`]'s.
    #[error(transparent)]
    Io(IoError),
    /// The input is MRT, and this build of routeguard was made without the
    /// feature `mrt` (as in WebAssembly). Code `mrt-not-built`.
    #[error("the input is an MRT file (RFC 6396), and this build of routeguard cannot read MRT (it lacks the feature `mrt`): convert it to text with `bgpdump -m` first")]
    NotBuilt,
}

impl MrtErrorKind {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant).
    pub fn code(&self) -> &'static str {
        match self {
            MrtErrorKind::Truncated(_) => "truncated",
            MrtErrorKind::Corrupt(_) => "corrupt-record",
            MrtErrorKind::TooLarge { .. } => "record-too-large",
            MrtErrorKind::PathTooLong => "path-too-long",
            MrtErrorKind::MissingPeerTable => "missing-peer-table",
            MrtErrorKind::UnknownPeer(_) => "unknown-peer",
            MrtErrorKind::Model(e) => e.code(),
            MrtErrorKind::Io(e) => e.code(),
            MrtErrorKind::NotBuilt => "mrt-not-built",
        }
    }
}

/// An MRT error and where: the 1-based record number and the byte offset
/// of the record's first byte in the (decompressed) input. Shown as
/// `MRT record 2 at byte 140: …` (without the place when `record` is 0, as
/// for [`MrtErrorKind::NotBuilt`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{kind}", Place(*record, *offset))]
pub struct MrtError {
    /// The 1-based record number.
    pub record: u64,
    /// The byte offset of the record's header.
    pub offset: u64,
    /// What went wrong.
    pub kind: MrtErrorKind,
}

/// `MRT record R at byte O: `, or nothing for record 0.
struct Place(u64, u64);

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place(0, _) => Ok(()),
            Place(record, offset) => write!(f, "MRT record {record} at byte {offset}: "),
        }
    }
}

impl MrtError {
    /// The kind's stable code ([`MrtErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// MRT types (RFC 6396 §4 and the IANA registry) that [`looks_like_mrt`]
/// accepts: OSPFv2 (11), TABLE_DUMP (12), TABLE_DUMP_V2 (13), BGP4MP (16),
/// BGP4MP_ET (17), ISIS (32), ISIS_ET (33), OSPFv3 (48), OSPFv3_ET (49).
const KNOWN_TYPES: [u16; 9] = [11, 12, 13, 16, 17, 32, 33, 48, 49];

/// Whether `head` (the first bytes of a decompressed input, at least 12)
/// starts with a plausible MRT common header (RFC 6396 §2): a known type,
/// and a body length within [`MAX_RECORD_BODY`] (at least 4 for the `_ET`
/// types, whose microseconds it counts). The type alone rules text out:
/// its high byte (the input's fifth) is 0, a byte text does not hold. The
/// timestamp may be any 32-bit value (RFC 6396 sets no range), so it is
/// not looked at. Fewer than 12 bytes are never MRT.
///
/// ```
/// use routeguard::parse::mrt::looks_like_mrt;
/// assert!(looks_like_mrt(&[0x57, 0xac, 0xa0, 0x00, 0, 16, 0, 4, 0, 0, 0, 60]));
/// assert!(!looks_like_mrt(b"TABLE_DUMP2|1277971199|B|202.249.2.169|2497|"));
/// assert!(!looks_like_mrt(b"192.0.2.0/24 64500\n"));
/// ```
pub fn looks_like_mrt(head: &[u8]) -> bool {
    let [_, _, _, _, t0, t1, _, _, l0, l1, l2, l3, ..] = *head else {
        return false;
    };
    let typ = u16::from_be_bytes([t0, t1]);
    let len = u32::from_be_bytes([l0, l1, l2, l3]);
    let min = if matches!(typ, 17 | 33 | 49) { 4 } else { 0 };
    KNOWN_TYPES.contains(&typ) && (min..=MAX_RECORD_BODY).contains(&len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_headers() {
        let mut h = vec![0x3d, 0x3c, 0x9d, 0x3f, 0, 12, 0, 1, 0, 0, 0, 40];
        assert!(looks_like_mrt(&h));
        h[5] = 14;
        assert!(!looks_like_mrt(&h));
        h[5] = 17;
        h[11] = 3;
        assert!(!looks_like_mrt(&h), "ET with a length under 4");
        h[11] = 4;
        assert!(looks_like_mrt(&h));
        h[8] = 0x01;
        h[9] = 0x00;
        h[11] = 1;
        assert!(!looks_like_mrt(&h), "body over the cap");
        assert!(!looks_like_mrt(&h[..11]));
        assert!(!looks_like_mrt(b""));
        for text in [
            &b"BGP4MP|1470931200|A|37.49.236.123|198290|192.140.252.0/22|1"[..],
            b"# routes\n192.0.2.0/24 1\n",
            b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        ] {
            assert!(!looks_like_mrt(text), "{text:?}");
        }
        assert_eq!(MrtErrorKind::NotBuilt.code(), "mrt-not-built");
    }
}
