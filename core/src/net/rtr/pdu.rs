//! The RTR PDUs of RFC 8210 §5 (version 1), RFC 6810 §5 (version 0) and
//! draft-ietf-sidrops-8210bis (version 2: the ASPA PDU, type 11), decoded
//! from and encoded to bytes, synchronously and without I/O.
//!
//! Every PDU starts with the 8-byte header of RFC 8210 §5.1: version (u8),
//! type (u8), a 16-bit field (session id, flags + zero, error code or zero
//! by type) and the length of the whole PDU (u32, big-endian). [`decode`]
//! reads one PDU from the front of a buffer and says how many bytes it took,
//! or that it needs more bytes; a length beyond [`MAX_PDU_LEN`] fails at the
//! header, before anything is buffered. [`Pdu::encode`] writes any PDU.
//!
//! The ASPA PDU exists in two incompatible layouts (see [`AspaLayout`]):
//! draft-ietf-sidrops-8210bis-10 (sent by StayRTR 0.5.1: flags, AFI flags and
//! a provider count in the body) and -14 and later (sent by the `rpki`
//! crate's server: flags in the header, no AFI, no count). [`AspaLayout::Auto`]
//! tells them apart by the rule of `detect_aspa_layout`.
//!
//! Why not `rpki::rtr::pdu`: its readers are async (tokio) only, and its ASPA
//! reader knows the -14 layout only, so it reads StayRTR's -10 announcements
//! as withdrawals of a wrong customer without an error, and it rejects -14
//! withdrawals with an empty provider list. This codec is ours; the `rpki`
//! crate gives the error codes ([`ErrorCode`]) and is the reference peer in
//! the tests.

use std::fmt;

pub use rpki::rtr::pdu::ErrorCode;

use crate::model::{Asn, Family, Prefix};

/// The length of the PDU header (RFC 8210 §5.1).
pub const HEADER_LEN: usize = 8;
/// The longest PDU accepted or written: 65,535 bytes, the bound
/// draft-ietf-sidrops-8210bis sets (the `rpki` crate uses the same).
pub const MAX_PDU_LEN: u32 = 65_535;
/// The most providers one ASPA PDU may list (draft-ietf-sidrops-8210bis;
/// `rpki::rtr::pdu::ProviderAsns::MAX_COUNT`).
pub const MAX_PROVIDERS: usize = 16_380;
/// The longest Subject Public Key Info of a Router Key PDU accepted or
/// written (RFC 8210 §5.10); real BGPsec keys (P-256) take 91 bytes.
pub const MAX_SPKI_LEN: usize = 4_096;
/// The longest error text of an Error Report accepted or written (RFC 8210
/// §5.11); [`ErrorReport::new`] truncates longer text at a character
/// boundary.
pub const MAX_ERROR_TEXT_LEN: usize = 4_096;
/// The highest protocol version spoken (draft-ietf-sidrops-8210bis).
pub const MAX_VERSION: u8 = 2;

/// PDU type numbers (RFC 8210 §5, draft-ietf-sidrops-8210bis §5; type 5 is
/// reserved).
pub mod pdu_type {
    /// Serial Notify (RFC 8210 §5.2).
    pub const SERIAL_NOTIFY: u8 = 0;
    /// Serial Query (RFC 8210 §5.3).
    pub const SERIAL_QUERY: u8 = 1;
    /// Reset Query (RFC 8210 §5.4).
    pub const RESET_QUERY: u8 = 2;
    /// Cache Response (RFC 8210 §5.5).
    pub const CACHE_RESPONSE: u8 = 3;
    /// IPv4 Prefix (RFC 8210 §5.6).
    pub const IPV4_PREFIX: u8 = 4;
    /// IPv6 Prefix (RFC 8210 §5.7).
    pub const IPV6_PREFIX: u8 = 6;
    /// End of Data (RFC 8210 §5.8).
    pub const END_OF_DATA: u8 = 7;
    /// Cache Reset (RFC 8210 §5.9).
    pub const CACHE_RESET: u8 = 8;
    /// Router Key (RFC 8210 §5.10), version 1 and later.
    pub const ROUTER_KEY: u8 = 9;
    /// Error Report (RFC 8210 §5.11).
    pub const ERROR_REPORT: u8 = 10;
    /// ASPA (draft-ietf-sidrops-8210bis §5.12), version 2.
    pub const ASPA: u8 = 11;
}

/// The RTR timers of an End of Data PDU (RFC 8210 §6), in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timers {
    /// Poll interval: 1 to 86,400, default 3,600.
    pub refresh: u32,
    /// Wait after a failed query: 1 to 7,200, default 600.
    pub retry: u32,
    /// How long data stays usable without a successful update: 600 to
    /// 172,800, default 7,200.
    pub expire: u32,
}

impl Default for Timers {
    /// RFC 8210 §6's defaults (3,600 / 600 / 7,200), used for version 0,
    /// whose End of Data carries no timers.
    fn default() -> Self {
        Timers::from(rpki::rtr::payload::Timing::default())
    }
}

impl From<rpki::rtr::payload::Timing> for Timers {
    fn from(t: rpki::rtr::payload::Timing) -> Self {
        Timers {
            refresh: t.refresh,
            retry: t.retry,
            expire: t.expire,
        }
    }
}

impl From<Timers> for rpki::rtr::payload::Timing {
    fn from(t: Timers) -> Self {
        rpki::rtr::payload::Timing {
            refresh: t.refresh,
            retry: t.retry,
            expire: t.expire,
        }
    }
}

/// A route origin as the prefix PDUs carry it (RFC 8210 §5.6, §5.7):
/// prefix, max length, origin AS; compact beside [`crate::model::Vrp`]
/// (no trust anchor, expiry or provenance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RouteOrigin {
    /// The prefix (host bits cleared).
    pub prefix: Prefix,
    /// The max length, within `[prefix.len(), 32/128]`.
    pub max_length: u8,
    /// The origin AS.
    pub asn: Asn,
}

impl RouteOrigin {
    /// The same payload as a model VRP.
    pub fn to_vrp(&self) -> crate::model::Vrp {
        crate::model::Vrp {
            prefix: self.prefix,
            max_length: self.max_length,
            asn: self.asn,
            ta: None,
            expires: None,
            sources: None,
        }
    }
}

impl From<&crate::model::Vrp> for RouteOrigin {
    fn from(v: &crate::model::Vrp) -> Self {
        RouteOrigin {
            prefix: v.prefix,
            max_length: v.max_length,
            asn: v.asn,
        }
    }
}

/// A BGPsec router key as the Router Key PDU carries it (RFC 8210 §5.10).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RouterKeyPayload {
    /// The Subject Key Identifier (20 bytes).
    pub ski: [u8; 20],
    /// The AS the router speaks for.
    pub asn: Asn,
    /// The DER Subject Public Key Info, at most [`MAX_SPKI_LEN`] bytes.
    pub spki: Vec<u8>,
}

/// Which address family a draft-ietf-sidrops-8210bis-10 ASPA PDU applies
/// to (its AFI flags byte, bit 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AspaAfi {
    /// Bit 0 clear: IPv4.
    Ipv4,
    /// Bit 0 set: IPv6.
    Ipv6,
}

/// The wire layout of one ASPA PDU.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AspaWire {
    /// draft-ietf-sidrops-8210bis-10/-11 (StayRTR 0.5.1): header
    /// `2, 11, 0, length`, then flags u8, AFI flags u8, provider count u16,
    /// customer u32, providers; length = 16 + 4·count.
    Bis10(AspaAfi),
    /// draft-ietf-sidrops-8210bis-14 and later (the `rpki` crate ≥ 0.18.5):
    /// header `2, 11, flags, 0, length`, customer u32, providers; length =
    /// 12 + 4·n; an announcement replaces the customer's record, a
    /// withdrawal is by customer (usually with no providers).
    Bis14,
}

/// Which ASPA PDU layout to read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AspaLayout {
    /// Tell them apart per PDU (the session fixes the answer after the
    /// first ASPA PDU): header bytes 2–3 not zero is -14 (an announcement);
    /// length 12 is a -14 withdrawal; otherwise, when the length is
    /// `16 + 4·count` with the count from body bytes 2–3 and body bytes 0
    /// and 1 are each 0 or 1, -10; else -14 (a withdrawal carrying
    /// providers). The one ambiguity: a -14 withdrawal of a customer below
    /// AS 2^25 that carries exactly (customer mod 2^16) + 1 providers reads as -10;
    /// pin [`AspaLayout::Bis14`] for such a cache.
    #[default]
    Auto,
    /// Always draft-ietf-sidrops-8210bis-10.
    Bis10,
    /// Always draft-ietf-sidrops-8210bis-14 and later.
    Bis14,
}

/// One RTR PDU.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pdu {
    /// Serial Notify (type 0, RFC 8210 §5.2): the cache has new data.
    SerialNotify {
        /// Protocol version.
        version: u8,
        /// Session id.
        session: u16,
        /// The cache's new serial.
        serial: u32,
    },
    /// Serial Query (type 1, RFC 8210 §5.3): the changes since `serial`.
    SerialQuery {
        /// Protocol version.
        version: u8,
        /// Session id.
        session: u16,
        /// The router's serial.
        serial: u32,
    },
    /// Reset Query (type 2, RFC 8210 §5.4): everything.
    ResetQuery {
        /// Protocol version.
        version: u8,
    },
    /// Cache Response (type 3, RFC 8210 §5.5): payload PDUs follow.
    CacheResponse {
        /// Protocol version.
        version: u8,
        /// Session id.
        session: u16,
    },
    /// IPv4 Prefix (type 4, RFC 8210 §5.6) or IPv6 Prefix (type 6, §5.7),
    /// by the family of `origin.prefix`.
    Prefix {
        /// Protocol version.
        version: u8,
        /// Flags bit 0: announcement (1) or withdrawal (0).
        announce: bool,
        /// The route origin.
        origin: RouteOrigin,
    },
    /// End of Data (type 7, RFC 8210 §5.8): 12 bytes in version 0, 24 with
    /// the timers from version 1 on.
    EndOfData {
        /// Protocol version.
        version: u8,
        /// Session id.
        session: u16,
        /// The serial the data now has.
        serial: u32,
        /// The timers; `None` in version 0 (and only there).
        timers: Option<Timers>,
    },
    /// Cache Reset (type 8, RFC 8210 §5.9): the cache cannot answer the
    /// Serial Query; send a Reset Query.
    CacheReset {
        /// Protocol version.
        version: u8,
    },
    /// Router Key (type 9, RFC 8210 §5.10), version 1 and later.
    RouterKey {
        /// Protocol version.
        version: u8,
        /// Flags bit 0: announcement (1) or withdrawal (0).
        announce: bool,
        /// The key.
        key: RouterKeyPayload,
    },
    /// Error Report (type 10, RFC 8210 §5.11).
    ErrorReport(ErrorReport),
    /// ASPA (type 11, draft-ietf-sidrops-8210bis §5.12), version 2, in
    /// either layout.
    Aspa {
        /// Protocol version.
        version: u8,
        /// Flags bit 0: announcement (1) or withdrawal (0).
        announce: bool,
        /// The layout it came in (or goes out in), with the AFI of -10.
        wire: AspaWire,
        /// The customer AS.
        customer: Asn,
        /// The providers, in wire order, at most [`MAX_PROVIDERS`].
        providers: Vec<Asn>,
    },
}

/// An Error Report (RFC 8210 §5.11): an error code, a copy of the erroneous
/// PDU (possibly truncated, possibly empty) and a diagnostic text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    /// Protocol version.
    pub version: u8,
    /// The error code (RFC 8210 §12, draft-ietf-sidrops-8210bis).
    pub code: ErrorCode,
    /// The erroneous PDU, whole or cut short.
    pub pdu: Vec<u8>,
    /// The diagnostic text (invalid UTF-8 received is replaced by U+FFFD).
    pub text: String,
}

impl ErrorReport {
    /// An Error Report encapsulating `pdu` and `text`, cut so that the whole
    /// PDU stays within [`MAX_PDU_LEN`]: the text to [`MAX_ERROR_TEXT_LEN`]
    /// bytes at a character boundary, then the encapsulated PDU to what is
    /// left.
    pub fn new(version: u8, code: ErrorCode, pdu: &[u8], text: &str) -> Self {
        let mut cut = text.len().min(MAX_ERROR_TEXT_LEN);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = text.get(..cut).unwrap_or_default();
        let room = MAX_PDU_LEN as usize - HEADER_LEN - 8 - text.len();
        ErrorReport {
            version,
            code,
            pdu: pdu.get(..pdu.len().min(room)).unwrap_or_default().to_vec(),
            text: text.to_string(),
        }
    }

    /// Whether the code is fatal: every code but 2, No Data Available (RFC
    /// 8210 §12).
    pub fn is_fatal(&self) -> bool {
        self.code != ErrorCode::NO_DATA_AVAILABLE
    }
}

impl Pdu {
    /// The version field.
    pub fn version(&self) -> u8 {
        match self {
            Pdu::SerialNotify { version, .. }
            | Pdu::SerialQuery { version, .. }
            | Pdu::ResetQuery { version }
            | Pdu::CacheResponse { version, .. }
            | Pdu::Prefix { version, .. }
            | Pdu::EndOfData { version, .. }
            | Pdu::CacheReset { version }
            | Pdu::RouterKey { version, .. }
            | Pdu::Aspa { version, .. } => *version,
            Pdu::ErrorReport(e) => e.version,
        }
    }

    /// The PDU type number ([`pdu_type`]).
    pub fn pdu_type(&self) -> u8 {
        match self {
            Pdu::SerialNotify { .. } => pdu_type::SERIAL_NOTIFY,
            Pdu::SerialQuery { .. } => pdu_type::SERIAL_QUERY,
            Pdu::ResetQuery { .. } => pdu_type::RESET_QUERY,
            Pdu::CacheResponse { .. } => pdu_type::CACHE_RESPONSE,
            Pdu::Prefix { origin, .. } if origin.prefix.is_ipv4() => pdu_type::IPV4_PREFIX,
            Pdu::Prefix { .. } => pdu_type::IPV6_PREFIX,
            Pdu::EndOfData { .. } => pdu_type::END_OF_DATA,
            Pdu::CacheReset { .. } => pdu_type::CACHE_RESET,
            Pdu::RouterKey { .. } => pdu_type::ROUTER_KEY,
            Pdu::ErrorReport(_) => pdu_type::ERROR_REPORT,
            Pdu::Aspa { .. } => pdu_type::ASPA,
        }
    }

    /// The encoded bytes (see [`Pdu::encode`]).
    pub fn to_bytes(&self) -> Result<Vec<u8>, PduError> {
        let mut out = Vec::new();
        self.encode(&mut out)?;
        Ok(out)
    }

    /// Appends the wire form to `out`. Fails (appending nothing) for a
    /// version above [`MAX_VERSION`], a type the version does not have
    /// (Router Key before 1, ASPA before 2), an End of Data whose timers do
    /// not match its version (none in 0, some from 1), a -10 ASPA whose
    /// version is not 2, and anything beyond the limits ([`MAX_PROVIDERS`],
    /// [`MAX_SPKI_LEN`], [`MAX_ERROR_TEXT_LEN`], [`MAX_PDU_LEN`]).
    pub fn encode(&self, out: &mut Vec<u8>) -> Result<(), PduError> {
        let version = self.version();
        let ty = self.pdu_type();
        let fail = |kind| PduError {
            kind,
            offset: 0,
            pdu_type: Some(ty),
            version: Some(version),
            pdu: Vec::new(),
        };
        if version > MAX_VERSION {
            return Err(fail(PduErrorKind::UnsupportedVersion { version }));
        }
        if version < min_version(ty) {
            return Err(fail(PduErrorKind::TypeNotInVersion));
        }
        let start = out.len();
        let head = |out: &mut Vec<u8>, field: u16, len: usize| {
            out.push(version);
            out.push(ty);
            out.extend_from_slice(&field.to_be_bytes());
            // Lengths are checked against MAX_PDU_LEN before any header is
            // written.
            out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_be_bytes());
        };
        match self {
            // RFC 8210 §5.2, §5.3.
            Pdu::SerialNotify {
                session, serial, ..
            }
            | Pdu::SerialQuery {
                session, serial, ..
            } => {
                head(out, *session, 12);
                out.extend_from_slice(&serial.to_be_bytes());
            }
            // RFC 8210 §5.4, §5.9.
            Pdu::ResetQuery { .. } | Pdu::CacheReset { .. } => head(out, 0, 8),
            // RFC 8210 §5.5.
            Pdu::CacheResponse { session, .. } => head(out, *session, 8),
            // RFC 8210 §5.6 (IPv4, 20 bytes) and §5.7 (IPv6, 32 bytes).
            Pdu::Prefix {
                announce, origin, ..
            } => {
                let p = origin.prefix;
                let v4 = p.is_ipv4();
                head(out, 0, if v4 { 20 } else { 32 });
                out.extend_from_slice(&[u8::from(*announce), p.len(), origin.max_length, 0]);
                if v4 {
                    out.extend_from_slice(&((p.bits() >> 96) as u32).to_be_bytes());
                } else {
                    out.extend_from_slice(&p.bits().to_be_bytes());
                }
                out.extend_from_slice(&origin.asn.get().to_be_bytes());
            }
            // RFC 8210 §5.8; RFC 6810 §5.8 for version 0.
            Pdu::EndOfData {
                session,
                serial,
                timers,
                ..
            } => match (version, timers) {
                (0, None) => {
                    head(out, *session, 12);
                    out.extend_from_slice(&serial.to_be_bytes());
                }
                (1.., Some(t)) => {
                    head(out, *session, 24);
                    for v in [*serial, t.refresh, t.retry, t.expire] {
                        out.extend_from_slice(&v.to_be_bytes());
                    }
                }
                _ => return Err(fail(PduErrorKind::TypeNotInVersion)),
            },
            // RFC 8210 §5.10.
            Pdu::RouterKey { announce, key, .. } => {
                if key.spki.len() > MAX_SPKI_LEN {
                    return Err(fail(PduErrorKind::SpkiTooLong {
                        length: key.spki.len(),
                    }));
                }
                head(out, u16::from(*announce) << 8, 32 + key.spki.len());
                out.extend_from_slice(&key.ski);
                out.extend_from_slice(&key.asn.get().to_be_bytes());
                out.extend_from_slice(&key.spki);
            }
            // RFC 8210 §5.11.
            Pdu::ErrorReport(e) => {
                if e.text.len() > MAX_ERROR_TEXT_LEN {
                    return Err(fail(PduErrorKind::ErrorTextTooLong {
                        length: e.text.len(),
                    }));
                }
                let len = HEADER_LEN + 8 + e.pdu.len() + e.text.len();
                if len > MAX_PDU_LEN as usize {
                    return Err(fail(PduErrorKind::TooLong { length: len as u64 }));
                }
                head(out, e.code.0, len);
                out.extend_from_slice(&(e.pdu.len() as u32).to_be_bytes());
                out.extend_from_slice(&e.pdu);
                out.extend_from_slice(&(e.text.len() as u32).to_be_bytes());
                out.extend_from_slice(e.text.as_bytes());
            }
            // draft-ietf-sidrops-8210bis §5.12, in the layout asked for.
            Pdu::Aspa {
                announce,
                wire,
                customer,
                providers,
                ..
            } => {
                if providers.len() > MAX_PROVIDERS {
                    return Err(fail(PduErrorKind::TooManyProviders {
                        count: providers.len(),
                    }));
                }
                match wire {
                    AspaWire::Bis10(afi) => {
                        let len = 16 + 4 * providers.len();
                        if len > MAX_PDU_LEN as usize {
                            return Err(fail(PduErrorKind::TooLong { length: len as u64 }));
                        }
                        head(out, 0, len);
                        out.push(u8::from(*announce));
                        out.push(u8::from(*afi == AspaAfi::Ipv6));
                        out.extend_from_slice(&(providers.len() as u16).to_be_bytes());
                    }
                    AspaWire::Bis14 => {
                        head(out, u16::from(*announce) << 8, 12 + 4 * providers.len())
                    }
                }
                out.extend_from_slice(&customer.get().to_be_bytes());
                for p in providers {
                    out.extend_from_slice(&p.get().to_be_bytes());
                }
            }
        }
        debug_assert_eq!(be32(out, start + 4) as usize, out.len() - start);
        Ok(())
    }
}

/// The lowest version with PDU type `ty`.
fn min_version(ty: u8) -> u8 {
    match ty {
        pdu_type::ROUTER_KEY => 1,
        pdu_type::ASPA => 2,
        _ => 0,
    }
}

/// A decoding (or encoding) error: what, where, and the PDU to send back in
/// an Error Report ([`PduError::error_code`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("RTR PDU{} at byte {offset}: {kind}", Ty(*pdu_type))]
pub struct PduError {
    /// What went wrong.
    pub kind: PduErrorKind,
    /// The byte offset of the PDU's first byte (in the buffer given to
    /// [`decode`]; the session adds the stream position).
    pub offset: u64,
    /// The PDU type, once the header was read.
    pub pdu_type: Option<u8>,
    /// The PDU version, once the header was read.
    pub version: Option<u8>,
    /// The erroneous PDU as far as it is known (the header alone for a
    /// bad length), for the Error Report; at most [`MAX_PDU_LEN`] bytes.
    pub pdu: Vec<u8>,
}

struct Ty(Option<u8>);

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(t) => write!(f, " (type {t})"),
            None => Ok(()),
        }
    }
}

impl PduError {
    /// The kind's stable code ([`PduErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The RTR error code to report ([`PduErrorKind::error_code`]).
    pub fn error_code(&self) -> ErrorCode {
        self.kind.error_code()
    }

    /// The Error Report to send for this error, at `version` (the session's;
    /// RFC 8210 §5.11: the erroneous PDU encapsulated, cut to fit).
    pub fn error_report(&self, version: u8) -> ErrorReport {
        ErrorReport::new(
            version,
            self.error_code(),
            &self.pdu,
            &self.kind.to_string(),
        )
    }
}

/// What was wrong with a PDU.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PduErrorKind {
    /// The length field is below the smallest PDU (8) or not the size of
    /// its fixed-size type. Code `bad-length`; RTR code 0.
    #[error("length {length} is not valid for this PDU type")]
    BadLength {
        /// The length field.
        length: u32,
    },
    /// The length field is beyond [`MAX_PDU_LEN`]. Code `too-long`; RTR
    /// code 0.
    #[error("length {length} exceeds the limit of {MAX_PDU_LEN} bytes")]
    TooLong {
        /// The length.
        length: u64,
    },
    /// A version above [`MAX_VERSION`]. Code `unsupported-version`; RTR
    /// code 4 (Unsupported Protocol Version).
    #[error("protocol version {version} is not supported")]
    UnsupportedVersion {
        /// The version field.
        version: u8,
    },
    /// An unknown PDU type (5 is reserved; above 11). Code
    /// `unsupported-type`; RTR code 5 (Unsupported PDU Type).
    #[error("unsupported PDU type")]
    UnsupportedType,
    /// A PDU type its version does not have (Router Key in version 0, ASPA
    /// before version 2). Code `type-not-in-version`; RTR code 5.
    #[error("PDU type not defined in this protocol version")]
    TypeNotInVersion,
    /// A field that RFC 8210 §5 requires to be zero is not. Code
    /// `reserved-not-zero`; RTR code 0.
    #[error("reserved field {field} is not zero")]
    ReservedNotZero {
        /// The field.
        field: &'static str,
    },
    /// A prefix length beyond 32/128, or a max length outside
    /// `[prefix length, 32/128]` (RFC 8210 §5.6). Code `bad-prefix`; RTR code 0.
    #[error("prefix length {len} / max length {max_len} out of range")]
    BadPrefix {
        /// The prefix length.
        len: u8,
        /// The max length.
        max_len: u8,
    },
    /// A Router Key's SPKI longer than [`MAX_SPKI_LEN`]. Code
    /// `spki-too-long`; RTR code 0.
    #[error("router key SPKI of {length} bytes exceeds {MAX_SPKI_LEN}")]
    SpkiTooLong {
        /// Its length.
        length: usize,
    },
    /// An Error Report's encapsulated PDU or text length does not fit its
    /// PDU length (RFC 8210 §5.11). Code `bad-error-report`; RTR code 0.
    #[error("error report lengths do not add up: {detail}")]
    BadErrorReport {
        /// Which length.
        detail: &'static str,
    },
    /// An Error Report text longer than [`MAX_ERROR_TEXT_LEN`]. Code
    /// `error-text-too-long`; RTR code 0.
    #[error("error report text of {length} bytes exceeds {MAX_ERROR_TEXT_LEN}")]
    ErrorTextTooLong {
        /// Its length.
        length: usize,
    },
    /// An ASPA PDU with more than [`MAX_PROVIDERS`] providers. Code
    /// `too-many-providers`; RTR code 9 (ASPA Provider List Error).
    #[error("{count} ASPA providers exceed {MAX_PROVIDERS}")]
    TooManyProviders {
        /// The count.
        count: usize,
    },
    /// An ASPA PDU whose length does not match its layout (-10: 16 + 4 ×
    /// count; -14: 12 + 4·n), or whose flag bytes are not valid for it.
    /// Code `bad-aspa`; RTR code 9.
    #[error("ASPA PDU does not fit the {layout} layout")]
    BadAspa {
        /// `draft-ietf-sidrops-8210bis-10` or `-14`.
        layout: &'static str,
    },
    /// An ASPA PDU in the other layout than the one this session fixed.
    /// Code `aspa-layout-mismatch`; RTR code 0.
    #[error("ASPA PDU in the {got} layout after {fixed} ones")]
    AspaLayoutMismatch {
        /// The session's layout.
        fixed: &'static str,
        /// This PDU's.
        got: &'static str,
    },
}

impl PduErrorKind {
    /// A stable lowercase-hyphenated word for the variant (see each
    /// variant).
    pub fn code(&self) -> &'static str {
        match self {
            PduErrorKind::BadLength { .. } => "bad-length",
            PduErrorKind::TooLong { .. } => "too-long",
            PduErrorKind::UnsupportedVersion { .. } => "unsupported-version",
            PduErrorKind::UnsupportedType => "unsupported-type",
            PduErrorKind::TypeNotInVersion => "type-not-in-version",
            PduErrorKind::ReservedNotZero { .. } => "reserved-not-zero",
            PduErrorKind::BadPrefix { .. } => "bad-prefix",
            PduErrorKind::SpkiTooLong { .. } => "spki-too-long",
            PduErrorKind::BadErrorReport { .. } => "bad-error-report",
            PduErrorKind::ErrorTextTooLong { .. } => "error-text-too-long",
            PduErrorKind::TooManyProviders { .. } => "too-many-providers",
            PduErrorKind::BadAspa { .. } => "bad-aspa",
            PduErrorKind::AspaLayoutMismatch { .. } => "aspa-layout-mismatch",
        }
    }

    /// The RTR error code to send for it (RFC 8210 §12,
    /// draft-ietf-sidrops-8210bis).
    pub fn error_code(&self) -> ErrorCode {
        match self {
            PduErrorKind::UnsupportedVersion { .. } => ErrorCode::UNSUPPORTED_PROTOCOL_VERSION,
            PduErrorKind::UnsupportedType | PduErrorKind::TypeNotInVersion => {
                ErrorCode::UNSUPPORTED_PDU_TYPE
            }
            PduErrorKind::TooManyProviders { .. } | PduErrorKind::BadAspa { .. } => {
                ErrorCode::ASPA_PROVIDER_LIST_ERROR
            }
            _ => ErrorCode::CORRUPT_DATA,
        }
    }
}

fn layout_name(w: AspaWire) -> &'static str {
    match w {
        AspaWire::Bis10(_) => "draft-ietf-sidrops-8210bis-10",
        AspaWire::Bis14 => "draft-ietf-sidrops-8210bis-14",
    }
}

impl AspaLayout {
    /// The layout one known wire form implies.
    pub fn of(wire: AspaWire) -> AspaLayout {
        match wire {
            AspaWire::Bis10(_) => AspaLayout::Bis10,
            AspaWire::Bis14 => AspaLayout::Bis14,
        }
    }
}

fn be16(b: &[u8], at: usize) -> u16 {
    match b.get(at..at + 2) {
        Some(&[x, y]) => u16::from_be_bytes([x, y]),
        _ => 0,
    }
}

fn be32(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(&[w, x, y, z]) => u32::from_be_bytes([w, x, y, z]),
        _ => 0,
    }
}

/// The layout of one complete ASPA PDU `pdu` by [`AspaLayout::Auto`]'s rule
/// (`pdu` holds at least the header).
fn detect_aspa_layout(pdu: &[u8]) -> AspaLayout {
    let len = pdu.len();
    if be16(pdu, 2) != 0 || len == 12 {
        return AspaLayout::Bis14;
    }
    let body = pdu.get(HEADER_LEN..).unwrap_or_default();
    match body {
        [flags @ (0 | 1), afi @ (0 | 1), ..]
            if len >= 16 && len == 16 + 4 * usize::from(be16(body, 2)) =>
        {
            let _ = (flags, afi);
            AspaLayout::Bis10
        }
        _ => AspaLayout::Bis14,
    }
}

/// Decodes the PDU at the front of `buf`.
///
/// Returns `Ok(None)` while `buf` holds less than the whole PDU (a header
/// with a length beyond [`MAX_PDU_LEN`] or below 8 fails at once, so the
/// caller never buffers more than [`MAX_PDU_LEN`] bytes), or the PDU and the
/// bytes it took. ASPA PDUs are read in `aspa`'s layout; with
/// [`AspaLayout::Auto`] each is detected on its own (the session fixes the
/// layout per connection). Error offsets are 0-based in `buf`; the error
/// carries the PDU bytes for the Error Report.
pub fn decode(buf: &[u8], aspa: AspaLayout) -> Result<Option<(Pdu, usize)>, PduError> {
    let Some(header) = buf.get(..HEADER_LEN) else {
        return Ok(None);
    };
    let version = header.first().copied().unwrap_or_default();
    let ty = header.get(1).copied().unwrap_or_default();
    let field = be16(header, 2);
    let length = be32(header, 4);
    let err = |kind, pdu: &[u8]| PduError {
        kind,
        offset: 0,
        pdu_type: Some(ty),
        version: Some(version),
        pdu: pdu.to_vec(),
    };
    if length > MAX_PDU_LEN {
        return Err(err(
            PduErrorKind::TooLong {
                length: u64::from(length),
            },
            header,
        ));
    }
    let len = length as usize;
    if len < HEADER_LEN {
        return Err(err(PduErrorKind::BadLength { length }, header));
    }
    // RFC 8210 §7: a version we do not speak is reported as such before
    // anything else (the type may mean something else in it).
    if version > MAX_VERSION {
        return Err(err(PduErrorKind::UnsupportedVersion { version }, header));
    }
    if !matches!(ty, 0..=4 | 6..=11) {
        return Err(err(PduErrorKind::UnsupportedType, header));
    }
    // Fixed-size types are checked on their header, before waiting for the
    // body; the variable ones on their minimum.
    let size_ok = match ty {
        pdu_type::SERIAL_NOTIFY | pdu_type::SERIAL_QUERY => len == 12,
        pdu_type::RESET_QUERY | pdu_type::CACHE_RESPONSE | pdu_type::CACHE_RESET => len == 8,
        pdu_type::IPV4_PREFIX => len == 20,
        pdu_type::IPV6_PREFIX => len == 32,
        pdu_type::END_OF_DATA => len == if version == 0 { 12 } else { 24 },
        pdu_type::ROUTER_KEY => len >= 32,
        pdu_type::ERROR_REPORT => len >= 16,
        _ => len >= 12,
    };
    if !size_ok {
        return Err(err(PduErrorKind::BadLength { length }, header));
    }
    let Some(pdu) = buf.get(..len) else {
        return Ok(None);
    };
    if version < min_version(ty) {
        return Err(err(PduErrorKind::TypeNotInVersion, pdu));
    }
    let zero = |field_value: u16, name: &'static str| {
        if field_value == 0 {
            Ok(())
        } else {
            Err(err(PduErrorKind::ReservedNotZero { field: name }, pdu))
        }
    };
    let body = pdu.get(HEADER_LEN..).unwrap_or_default();
    let decoded = match ty {
        // RFC 8210 §5.2.
        pdu_type::SERIAL_NOTIFY => Pdu::SerialNotify {
            version,
            session: field,
            serial: be32(body, 0),
        },
        // RFC 8210 §5.3.
        pdu_type::SERIAL_QUERY => Pdu::SerialQuery {
            version,
            session: field,
            serial: be32(body, 0),
        },
        // RFC 8210 §5.4: the 16-bit field is zero.
        pdu_type::RESET_QUERY => {
            zero(field, "reset query zero")?;
            Pdu::ResetQuery { version }
        }
        // RFC 8210 §5.5.
        pdu_type::CACHE_RESPONSE => Pdu::CacheResponse {
            version,
            session: field,
        },
        // RFC 8210 §5.6 / §5.7: zero header field, flags, prefix length,
        // max length, zero byte, prefix, ASN.
        pdu_type::IPV4_PREFIX | pdu_type::IPV6_PREFIX => {
            zero(field, "prefix header zero")?;
            let [flags, plen, max_len, reserved, ..] = *body else {
                return Err(err(PduErrorKind::BadLength { length }, pdu));
            };
            zero(u16::from(reserved), "prefix zero byte")?;
            let v4 = ty == pdu_type::IPV4_PREFIX;
            let (bits, asn_at) = if v4 {
                (u128::from(be32(body, 4)) << 96, 8)
            } else {
                let hi = u128::from(be32(body, 4)) << 96
                    | u128::from(be32(body, 8)) << 64
                    | u128::from(be32(body, 12)) << 32
                    | u128::from(be32(body, 16));
                (hi, 20)
            };
            let max = if v4 { 32 } else { 128 };
            if plen > max || max_len < plen || max_len > max {
                return Err(err(PduErrorKind::BadPrefix { len: plen, max_len }, pdu));
            }
            let family = if v4 { Family::V4 } else { Family::V6 };
            let prefix = Prefix::from_bits_relaxed(family, bits, plen)
                .map_err(|_| err(PduErrorKind::BadPrefix { len: plen, max_len }, pdu))?;
            Pdu::Prefix {
                version,
                announce: flags & 1 == 1,
                origin: RouteOrigin {
                    prefix,
                    max_length: max_len,
                    asn: Asn::new(be32(body, asn_at)),
                },
            }
        }
        // RFC 8210 §5.8 (version 0: RFC 6810 §5.8, serial only).
        pdu_type::END_OF_DATA => Pdu::EndOfData {
            version,
            session: field,
            serial: be32(body, 0),
            timers: (version > 0).then(|| Timers {
                refresh: be32(body, 4),
                retry: be32(body, 8),
                expire: be32(body, 12),
            }),
        },
        // RFC 8210 §5.9.
        pdu_type::CACHE_RESET => {
            zero(field, "cache reset zero")?;
            Pdu::CacheReset { version }
        }
        // RFC 8210 §5.10: flags byte, zero byte, SKI, ASN, SPKI.
        pdu_type::ROUTER_KEY => {
            zero(field & 0xff, "router key zero byte")?;
            let spki = body.get(24..).unwrap_or_default();
            if spki.len() > MAX_SPKI_LEN {
                return Err(err(PduErrorKind::SpkiTooLong { length: spki.len() }, pdu));
            }
            let mut ski = [0u8; 20];
            ski.copy_from_slice(body.get(..20).unwrap_or(&[0; 20]));
            Pdu::RouterKey {
                version,
                announce: (field >> 8) & 1 == 1,
                key: RouterKeyPayload {
                    ski,
                    asn: Asn::new(be32(body, 20)),
                    spki: spki.to_vec(),
                },
            }
        }
        // RFC 8210 §5.11: code, encapsulated PDU length + PDU, text length +
        // text; both lengths must add up to the PDU length exactly.
        pdu_type::ERROR_REPORT => {
            let bad = |detail| err(PduErrorKind::BadErrorReport { detail }, pdu);
            let inner_len = be32(body, 0) as usize;
            let Some(inner) = body.get(4..).and_then(|r| r.get(..inner_len)) else {
                return Err(bad("encapsulated PDU length beyond the PDU"));
            };
            let after = 4 + inner_len;
            let Some(text_len_bytes) = body.get(after..after + 4) else {
                return Err(bad("no room for the text length"));
            };
            let text_len = be32(text_len_bytes, 0) as usize;
            let Some(text) = body.get(after + 4..).filter(|t| t.len() == text_len) else {
                return Err(bad("text length does not end the PDU"));
            };
            if text.len() > MAX_ERROR_TEXT_LEN {
                return Err(err(
                    PduErrorKind::ErrorTextTooLong { length: text.len() },
                    pdu,
                ));
            }
            Pdu::ErrorReport(ErrorReport {
                version,
                code: ErrorCode(field),
                pdu: inner.to_vec(),
                text: String::from_utf8_lossy(text).into_owned(),
            })
        }
        // draft-ietf-sidrops-8210bis §5.12, in either layout.
        _ => decode_aspa(pdu, aspa).map_err(|kind| err(kind, pdu))?,
    };
    Ok(Some((decoded, len)))
}

fn decode_aspa(pdu: &[u8], aspa: AspaLayout) -> Result<Pdu, PduErrorKind> {
    let layout = match aspa {
        AspaLayout::Auto => detect_aspa_layout(pdu),
        fixed => fixed,
    };
    let version = pdu.first().copied().unwrap_or_default();
    let field = be16(pdu, 2);
    let body = pdu.get(HEADER_LEN..).unwrap_or_default();
    let providers_of = |list: &[u8]| -> Result<Vec<Asn>, PduErrorKind> {
        let count = list.len() / 4;
        if count > MAX_PROVIDERS {
            return Err(PduErrorKind::TooManyProviders { count });
        }
        Ok(list.chunks_exact(4).map(|c| Asn::new(be32(c, 0))).collect())
    };
    if layout == AspaLayout::Bis10 {
        let bad = PduErrorKind::BadAspa {
            layout: layout_name(AspaWire::Bis10(AspaAfi::Ipv4)),
        };
        let [flags, afi, ..] = *body else {
            return Err(bad);
        };
        let count = usize::from(be16(body, 2));
        if field != 0 || flags > 1 || afi > 1 || pdu.len() != 16 + 4 * count {
            return Err(bad);
        }
        Ok(Pdu::Aspa {
            version,
            announce: flags == 1,
            wire: AspaWire::Bis10(if afi == 1 {
                AspaAfi::Ipv6
            } else {
                AspaAfi::Ipv4
            }),
            customer: Asn::new(be32(body, 4)),
            providers: providers_of(body.get(8..).unwrap_or_default())?,
        })
    } else {
        // Header byte 2 holds the flags, byte 3 is zero.
        if field & 0xff != 0 || pdu.len().saturating_sub(12) % 4 != 0 {
            return Err(PduErrorKind::BadAspa {
                layout: layout_name(AspaWire::Bis14),
            });
        }
        Ok(Pdu::Aspa {
            version,
            announce: field >> 8 == 1,
            wire: AspaWire::Bis14,
            customer: Asn::new(be32(body, 0)),
            providers: providers_of(body.get(4..).unwrap_or_default())?,
        })
    }
}

/// The ASPA layout a complete ASPA PDU's bytes show by
/// [`AspaLayout::Auto`]'s rule; `None` for other PDU types. The session uses
/// it to fix the layout on the first ASPA PDU and to catch a later mismatch.
pub fn aspa_layout_of(pdu: &[u8]) -> Option<AspaLayout> {
    (pdu.get(1) == Some(&pdu_type::ASPA) && pdu.len() >= HEADER_LEN)
        .then(|| detect_aspa_layout(pdu))
}

pub(crate) fn layout_label(l: AspaLayout) -> &'static str {
    match l {
        AspaLayout::Bis10 => layout_name(AspaWire::Bis10(AspaAfi::Ipv4)),
        AspaLayout::Bis14 => layout_name(AspaWire::Bis14),
        AspaLayout::Auto => "auto",
    }
}
