//! The RTR client state machine (RFC 8210 §6 protocol sequences, §7
//! version negotiation, §8 transport, §5.1 session ids;
//! draft-ietf-sidrops-8210bis for version 2), free of I/O.
//!
//! A [`Session`] lives across connections. [`Session::start`] (after each
//! connect) queues a Reset Query, or a Serial Query when the session holds a
//! `(session id, serial)` from an earlier End of Data. [`Session::feed`]
//! takes whatever the socket read, decodes the PDUs ([`super::pdu`]) and
//! returns [`Event`]s; bytes to send pile up in [`Session::take_output`].
//! Nothing is applied before End of Data: the payloads of one response
//! become one [`Delta`], and a connection that drops mid-response
//! ([`Session::close`]) discards it.
//!
//! Rules implemented here:
//! - Version negotiation (RFC 8210 §7): queries go out at version 2 (or
//!   the pinned [`SessionOptions::version`]). An Error Report with code 4
//!   (Unsupported Protocol Version) before any Cache Response gives
//!   [`Event::Downgrade`] to the version in its header, once; the caller
//!   reconnects and calls [`Session::start`] again. A Cache Response at a
//!   *lower* version is accepted and fixes the version (StayRTR
//!   `-protocol 1` downgrades silently). A higher version, or any other
//!   version once fixed, is an error with code 8 (Unexpected Protocol
//!   Version). Error Reports are read at any version.
//! - Session ids (RFC 8210 §5.1): a Cache Response answering a Serial
//!   Query, an End of Data or a Serial Notify with another session id than
//!   the one held is an error with code 0, and the held state is dropped
//!   (the next query is a Reset Query). An Error Report with code 0 in
//!   answer to a Serial Query (StayRTR's answer to a stale session id) gives
//!   [`Event::ResetRequired`]: the state is dropped and the caller
//!   reconnects for a reset.
//! - Serial Notify (RFC 8210 §5.2) when idle queues a Serial Query; during a
//!   response it is remembered and queried after End of Data. Cache Reset
//!   (§5.9) queues a Reset Query.
//! - Error Reports received (§5.11, §12): code 2 (No Data Available) is
//!   [`Event::NoData`]; the connection stays, query again after the retry
//!   timer ([`Session::query`]). Every other code is fatal
//!   ([`Event::Error`] with [`SessionError::Remote`]), and none is answered.
//! - Errors found here (malformed PDUs, PDUs out of sequence, wrong
//!   version or session) are [`Event::Error`]s; the matching Error Report,
//!   with the offending PDU encapsulated (cut to fit), is queued for
//!   sending, after which the caller closes the connection.
//! - ASPA layout ([`AspaLayout`]): with `Auto` the first ASPA PDU of a
//!   connection fixes the layout; a later PDU in the other layout is an
//!   error with code 0.
//! - Within one serial update, a record both announced and withdrawn
//!   cancels out (either order), and [`PayloadSet::apply`] applies
//!   withdrawals before announcements: StayRTR's "announce the new ASPA,
//!   then withdraw the old one" (the same customer and AFI) replaces it.
//!
//! Duplicate announcements (code 7) and withdrawals of unknown records
//! (code 6) depend on the data the caller holds, so they are checked where
//! the delta is applied, not here: [`PayloadSet::apply`] (the reference
//! store) returns an [`ApplyError`], and [`Session::reject`] queues its
//! Error Report and drops the state, so that the next connection resets.
//! A live store does the same with its own checks.
//!
//! ASPAs: draft-ietf-sidrops-8210bis-10 carries one PDU per (customer,
//! AFI); routeguard's [`Aspa`] has no AFI, so [`PayloadSet::aspas`]
//! merges them by customer (the union of the providers) and
//! [`PayloadSet::aspa_afi_conflicts`] lists customers whose two lists
//! differ.

use std::collections::{BTreeMap, BTreeSet};

pub use rpki::rtr::state::Serial;

use super::pdu::{
    aspa_layout_of, decode, layout_label, pdu_type, AspaAfi, AspaLayout, AspaWire, ErrorCode,
    ErrorReport, Pdu, PduError, RouteOrigin, RouterKeyPayload, Timers, HEADER_LEN, MAX_VERSION,
};
use crate::model::{Asn, Aspa, RouterKey, VrpSet};

/// How a session speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionOptions {
    /// Pin the protocol version (0, 1 or 2): no downgrade, and a Cache
    /// Response at another version is an error. `None` (default) starts at
    /// 2 and negotiates down (RFC 8210 §7).
    pub version: Option<u8>,
    /// Which ASPA PDU layout to read (default [`AspaLayout::Auto`]).
    pub aspa_layout: AspaLayout,
}

/// One ASPA record as an ASPA PDU carries it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AspaRecord {
    /// The customer AS.
    pub customer: Asn,
    /// The AFI of a draft-ietf-sidrops-8210bis-10 PDU; `None` for -14 and
    /// later, which have none.
    pub afi: Option<AspaAfi>,
    /// The providers in wire order.
    pub providers: Vec<Asn>,
}

impl AspaRecord {
    fn wire(&self) -> AspaWire {
        self.afi.map_or(AspaWire::Bis14, AspaWire::Bis10)
    }
}

/// Payload records of one kind of change (announced or withdrawn).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Payloads {
    /// Route origins (IPv4 and IPv6 Prefix PDUs), in arrival order.
    pub origins: Vec<RouteOrigin>,
    /// Router keys, in arrival order.
    pub router_keys: Vec<RouterKeyPayload>,
    /// ASPA records, in arrival order.
    pub aspas: Vec<AspaRecord>,
}

impl Payloads {
    /// The number of records.
    pub fn len(&self) -> usize {
        self.origins.len() + self.router_keys.len() + self.aspas.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One complete response, handed out at End of Data (RFC 8210 §6.1, §6.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delta {
    /// `true` for the answer to a Reset Query: `announce` is the whole data
    /// set and replaces what was held.
    pub reset: bool,
    /// The session id.
    pub session: u16,
    /// The serial the data has after this delta.
    pub serial: Serial,
    /// The protocol version spoken.
    pub version: u8,
    /// The timers (RFC 8210 §6; the defaults in version 0).
    pub timers: Timers,
    /// Records announced (for a serial update: net of records both
    /// announced and withdrawn in it).
    pub announce: Payloads,
    /// Records withdrawn (likewise).
    pub withdraw: Payloads,
}

/// What [`Session::feed`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// End of Data: apply this delta (atomically), then nothing else is
    /// due until the refresh timer ([`Session::query`]) or a Serial Notify.
    Update(Delta),
    /// Serial Notify (RFC 8210 §5.2). `queried`: a Serial Query is now in
    /// the output; otherwise one follows the current response.
    SerialNotify {
        /// The cache's session id.
        session: u16,
        /// The cache's serial.
        serial: u32,
        /// Whether a Serial Query was queued.
        queried: bool,
    },
    /// Cache Reset (RFC 8210 §5.9): a Reset Query is in the output; keep
    /// the held data until its End of Data.
    CacheReset,
    /// Error Report code 2, No Data Available: the cache has nothing yet.
    /// Not fatal; query again after the retry timer.
    NoData {
        /// The cache's text.
        text: String,
    },
    /// Error Report code 4 to our first query (RFC 8210 §7): reconnect and
    /// [`Session::start`] again, which queries at `to`.
    Downgrade {
        /// The version we spoke.
        from: u8,
        /// The cache's version.
        to: u8,
    },
    /// Error Report code 0 in answer to a Serial Query: the cache does not
    /// know our session (StayRTR after a restart). The held session and
    /// serial are dropped; reconnect and [`Session::start`] for a reset
    /// (the held data stays usable until it expires).
    ResetRequired {
        /// The cache's text.
        text: String,
    },
    /// A fatal error: the connection must be closed (after sending
    /// [`Session::take_output`], which holds our Error Report if we
    /// detected it). Any partial response is discarded.
    Error(SessionError),
}

/// A fatal session error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// A malformed PDU. Code `pdu`; the RTR code is the PDU error's.
    #[error(transparent)]
    Pdu(PduError),
    /// A PDU that does not fit where it came (RFC 8210 §6). Code
    /// `unexpected-pdu`; RTR code 0.
    #[error("RTR PDU (type {pdu_type}) at byte {offset} is not expected {when}")]
    UnexpectedPdu {
        /// Its type.
        pdu_type: u8,
        /// Its stream offset.
        offset: u64,
        /// The state it came in.
        when: &'static str,
    },
    /// Another version than the negotiated one, or a higher one than asked
    /// (RFC 8210 §7). Code `version-mismatch`; RTR code 8.
    #[error("RTR PDU at byte {offset} has version {got}, expected {expected}")]
    VersionMismatch {
        /// The session's version.
        expected: u8,
        /// The PDU's.
        got: u8,
        /// Its stream offset.
        offset: u64,
    },
    /// Another session id than the one held (RFC 8210 §5.1); the state is
    /// dropped. Code `session-mismatch`; RTR code 0.
    #[error("RTR PDU at byte {offset} has session id {got}, expected {expected}")]
    SessionMismatch {
        /// The held session id.
        expected: u16,
        /// The PDU's.
        got: u16,
        /// Its stream offset.
        offset: u64,
    },
    /// An ASPA PDU in another layout than the connection's first. Code
    /// `aspa-layout-mismatch`; RTR code 0.
    #[error("ASPA PDU at byte {offset} in the {got} layout after {fixed} ones")]
    AspaLayoutMismatch {
        /// The fixed layout.
        fixed: &'static str,
        /// This PDU's.
        got: &'static str,
        /// Its stream offset.
        offset: u64,
    },
    /// The cache sent a fatal Error Report. Code `remote`; not answered.
    #[error("RTR cache reported error {}: {text}", code.0)]
    Remote {
        /// Its code.
        code: ErrorCode,
        /// Its text.
        text: String,
    },
}

impl SessionError {
    /// A stable lowercase-hyphenated word for the variant: `pdu`,
    /// `unexpected-pdu`, `version-mismatch`, `session-mismatch`,
    /// `aspa-layout-mismatch`, `remote`.
    pub fn code(&self) -> &'static str {
        match self {
            SessionError::Pdu(_) => "pdu",
            SessionError::UnexpectedPdu { .. } => "unexpected-pdu",
            SessionError::VersionMismatch { .. } => "version-mismatch",
            SessionError::SessionMismatch { .. } => "session-mismatch",
            SessionError::AspaLayoutMismatch { .. } => "aspa-layout-mismatch",
            SessionError::Remote { .. } => "remote",
        }
    }

    /// The RTR error code we report for it; `None` for [`SessionError::Remote`]
    /// (an Error Report is never answered, RFC 8210 §5.11).
    pub fn error_code(&self) -> Option<ErrorCode> {
        match self {
            SessionError::Pdu(e) => Some(e.error_code()),
            SessionError::VersionMismatch { .. } => Some(ErrorCode::UNEXPECTED_PROTOCOL_VERSION),
            SessionError::Remote { .. } => None,
            _ => Some(ErrorCode::CORRUPT_DATA),
        }
    }
}

/// A delta that does not fit the data held (RFC 8210 §5.6: codes 6 and 7).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApplyError {
    /// Announcement of a record already held. Code `duplicate-announcement`;
    /// RTR code 7.
    #[error("duplicate announcement of {0}")]
    DuplicateAnnouncement(Record),
    /// Withdrawal of a record not held. Code `unknown-withdrawal`; RTR code 6.
    #[error("withdrawal of unknown record {0}")]
    UnknownWithdrawal(Record),
}

impl ApplyError {
    /// A stable code: `duplicate-announcement` or `unknown-withdrawal`.
    pub fn code(&self) -> &'static str {
        match self {
            ApplyError::DuplicateAnnouncement(_) => "duplicate-announcement",
            ApplyError::UnknownWithdrawal(_) => "unknown-withdrawal",
        }
    }

    /// The RTR error code: 7 or 6.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            ApplyError::DuplicateAnnouncement(_) => ErrorCode::DUPLICATE_ANNOUNCEMENT_RECEIVED,
            ApplyError::UnknownWithdrawal(_) => ErrorCode::WITHDRAWAL_OF_UNKNOWN_RECORD,
        }
    }

    /// The offending PDU, rebuilt at `version`.
    pub fn pdu(&self, version: u8) -> Pdu {
        match self {
            ApplyError::DuplicateAnnouncement(r) => r.to_pdu(version, true),
            ApplyError::UnknownWithdrawal(r) => r.to_pdu(version, false),
        }
    }
}

/// One payload record of any kind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Record {
    /// A route origin.
    Origin(RouteOrigin),
    /// A router key.
    RouterKey(RouterKeyPayload),
    /// An ASPA record.
    Aspa(AspaRecord),
}

impl Record {
    fn to_pdu(&self, version: u8, announce: bool) -> Pdu {
        match self {
            Record::Origin(o) => Pdu::Prefix {
                version,
                announce,
                origin: *o,
            },
            Record::RouterKey(k) => Pdu::RouterKey {
                version,
                announce,
                key: k.clone(),
            },
            Record::Aspa(a) => Pdu::Aspa {
                version,
                announce,
                wire: a.wire(),
                customer: a.customer,
                providers: a.providers.clone(),
            },
        }
    }
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Record::Origin(o) => write!(f, "{}-{} {}", o.prefix, o.max_length, o.asn),
            Record::RouterKey(k) => write!(f, "router key of {}", k.asn),
            Record::Aspa(a) => write!(f, "ASPA of {}", a.customer),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Not started, or stopped by a fatal error: waiting for `start`.
    Closed,
    /// No query outstanding.
    Idle,
    /// A query sent, no Cache Response yet.
    Awaiting { reset: bool },
    /// Payloads of a response are coming.
    Receiving { reset: bool, session: u16 },
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::Closed => "before start",
            Phase::Idle => "with no query outstanding",
            Phase::Awaiting { .. } => "before the Cache Response",
            Phase::Receiving { .. } => "within a response",
        }
    }
}

/// What [`Session::close`] dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    /// A response was under way; its payloads were discarded.
    pub update: bool,
    /// Bytes of an incomplete PDU left in the buffer.
    pub partial_bytes: usize,
}

/// The I/O-free RTR client session (see the module doc).
#[derive(Clone, Debug)]
pub struct Session {
    options: SessionOptions,
    version: u8,
    negotiated: bool,
    downgraded: bool,
    state: Option<(u16, Serial)>,
    timers: Timers,
    phase: Phase,
    notify_pending: bool,
    aspa_fixed: Option<AspaLayout>,
    input: Vec<u8>,
    cursor: usize,
    stream_pos: u64,
    output: Vec<u8>,
    announce: Payloads,
    withdraw: Payloads,
}

impl Session {
    /// A session with no data yet (its first query is a Reset Query).
    pub fn new(options: SessionOptions) -> Session {
        let version = options.version.unwrap_or(MAX_VERSION).min(MAX_VERSION);
        Session {
            options,
            version,
            negotiated: false,
            downgraded: false,
            state: None,
            timers: Timers::default(),
            phase: Phase::Closed,
            notify_pending: false,
            aspa_fixed: None,
            input: Vec::new(),
            cursor: 0,
            stream_pos: 0,
            output: Vec::new(),
            announce: Payloads::default(),
            withdraw: Payloads::default(),
        }
    }

    /// A session that already holds data of `(session id, serial)` (kept
    /// from an earlier connection or process): its first query is a Serial
    /// Query.
    pub fn with_state(options: SessionOptions, session: u16, serial: Serial) -> Session {
        let mut s = Session::new(options);
        s.state = Some((session, serial));
        s
    }

    /// The version queries go out at (the negotiated one once known).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Whether the version is fixed by a Cache Response.
    pub fn negotiated(&self) -> bool {
        self.negotiated
    }

    /// The `(session id, serial)` of the data applied so far.
    pub fn state(&self) -> Option<(u16, Serial)> {
        self.state
    }

    /// The timers of the last End of Data (the defaults before one).
    pub fn timers(&self) -> Timers {
        self.timers
    }

    /// Whether a query is outstanding (a response is due).
    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Awaiting { .. } | Phase::Receiving { .. })
    }

    /// Whether the session is stopped (before [`Session::start`] or after
    /// a fatal error or downgrade).
    pub fn is_closed(&self) -> bool {
        self.phase == Phase::Closed
    }

    /// A new connection: clears the input buffer and any partial response,
    /// and queues a Serial Query if the session holds a state, else a Reset
    /// Query (RFC 8210 §6.1, §6.2), each as one write.
    pub fn start(&mut self) {
        self.drop_connection();
        self.output.clear();
        self.aspa_fixed = None;
        self.phase = Phase::Idle;
        self.send_query();
    }

    /// The connection is gone (EOF, error, or the caller closed it): a
    /// partial response is discarded, and the session waits for
    /// [`Session::start`]. The held state stays.
    pub fn close(&mut self) -> Dropped {
        let dropped = Dropped {
            update: matches!(self.phase, Phase::Receiving { .. }),
            partial_bytes: self.input.len() - self.cursor,
        };
        self.drop_connection();
        self.phase = Phase::Closed;
        dropped
    }

    /// Polls (the refresh timer ran out, or a retry after No Data): queues
    /// a Serial or Reset Query if none is outstanding. Returns whether one
    /// was queued.
    pub fn query(&mut self) -> bool {
        if self.phase != Phase::Idle {
            return false;
        }
        self.send_query();
        true
    }

    /// The bytes to send, taken out of the session (empty when nothing is
    /// due).
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.output)
    }

    /// Reports a delta that did not apply ([`PayloadSet::apply`] or a live
    /// store's own check): queues the Error Report (code 6 or 7, the
    /// offending PDU encapsulated), drops the held state so that the next
    /// connection resets, and stops the session.
    pub fn reject(&mut self, error: &ApplyError) {
        let pdu = error.pdu(self.version).to_bytes().unwrap_or_default();
        self.send_error(error.error_code(), &pdu, &error.to_string());
        self.state = None;
        self.drop_connection();
        self.phase = Phase::Closed;
    }

    /// Takes bytes read from the connection and returns what they caused.
    /// After an [`Event::Error`], [`Event::Downgrade`] or
    /// [`Event::ResetRequired`] the session ignores further bytes until
    /// [`Session::start`].
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        if self.phase == Phase::Closed {
            return events;
        }
        self.input.extend_from_slice(bytes);
        while self.phase != Phase::Closed {
            match self.next_pdu() {
                Ok(None) => break,
                Ok(Some((pdu, raw_len))) => {
                    let start = self.cursor;
                    self.cursor += raw_len;
                    let offset = self.stream_pos + start as u64;
                    let r = self.handle(pdu, start, raw_len, offset);
                    if let Some(e) = r {
                        events.push(e);
                    }
                }
                Err((e, pdu)) => {
                    events.push(self.fail(e, &pdu));
                }
            }
        }
        // Keep the buffer small: drop the consumed front.
        if self.cursor > 0 && (self.cursor == self.input.len() || self.cursor > 1 << 16) {
            self.input.drain(..self.cursor);
            self.stream_pos += self.cursor as u64;
            self.cursor = 0;
        }
        events
    }

    /// Handles one decoded PDU, bypassing the byte layer (for tests and
    /// fuzzing of the sequence rules; the version and layout checks of
    /// [`Session::feed`] apply to bytes only).
    pub fn handle_pdu(&mut self, pdu: Pdu) -> Option<Event> {
        if self.phase == Phase::Closed {
            return None;
        }
        let raw = pdu.to_bytes().unwrap_or_default();
        let start = self.input.len();
        self.input.extend_from_slice(&raw);
        let offset = self.stream_pos + start as u64;
        let ev = self.handle(pdu, start, raw.len(), offset);
        self.input.truncate(start);
        ev
    }

    fn raw(&self, start: usize, len: usize) -> &[u8] {
        self.input.get(start..start + len).unwrap_or_default()
    }

    fn drop_connection(&mut self) {
        self.input.clear();
        self.cursor = 0;
        self.stream_pos = 0;
        self.announce = Payloads::default();
        self.withdraw = Payloads::default();
        self.notify_pending = false;
    }

    fn send_query(&mut self) {
        let (pdu, reset) = match self.state {
            Some((session, serial)) => (
                Pdu::SerialQuery {
                    version: self.version,
                    session,
                    serial: serial.0,
                },
                false,
            ),
            None => (
                Pdu::ResetQuery {
                    version: self.version,
                },
                true,
            ),
        };
        // Queries at versions 0–2 always encode.
        let _ = pdu.encode(&mut self.output);
        self.phase = Phase::Awaiting { reset };
    }

    fn send_error(&mut self, code: ErrorCode, pdu: &[u8], text: &str) {
        let report = Pdu::ErrorReport(ErrorReport::new(self.version, code, pdu, text));
        // `ErrorReport::new` cuts to fit, so this encodes.
        let _ = report.encode(&mut self.output);
    }

    /// Stops with a fatal error we found: queues its Error Report (with
    /// `pdu` encapsulated) unless it is the cache's own report.
    fn fail(&mut self, error: SessionError, pdu: &[u8]) -> Event {
        if let Some(code) = error.error_code() {
            self.send_error(code, pdu, &error.to_string());
        }
        if matches!(error, SessionError::SessionMismatch { .. }) {
            self.state = None;
        }
        self.drop_connection();
        self.phase = Phase::Closed;
        Event::Error(error)
    }

    /// A session id other than the one of the data held (RFC 8210 §5.1).
    fn foreign_session(&self, got: u16, offset: u64) -> Option<SessionError> {
        let (held, _) = self.state?;
        (held != got).then_some(SessionError::SessionMismatch {
            expected: held,
            got,
            offset,
        })
    }

    /// `fail`, encapsulating the PDU at `start..start+len` of the input.
    fn fail_at(&mut self, error: SessionError, start: usize, len: usize) -> Event {
        let pdu = self.raw(start, len).to_vec();
        self.fail(error, &pdu)
    }

    /// Decodes the next PDU of the buffer, after the version check that
    /// needs only the header.
    fn next_pdu(&self) -> Result<Option<(Pdu, usize)>, Failed> {
        let buf = self.input.get(self.cursor..).unwrap_or_default();
        let offset = self.stream_pos + self.cursor as u64;
        let [v, ty, ..] = *buf else {
            return Ok(None);
        };
        if buf.len() < HEADER_LEN {
            return Ok(None);
        }
        // RFC 8210 §7: after negotiation every PDU but an Error Report has
        // the session's version; before it, none may be higher than asked,
        // and only a Cache Response, Cache Reset or Serial Notify lower.
        let lower_ok = matches!(
            ty,
            pdu_type::CACHE_RESPONSE | pdu_type::CACHE_RESET | pdu_type::SERIAL_NOTIFY
        ) && self.options.version.is_none();
        let version_ok = ty == pdu_type::ERROR_REPORT
            || v == self.version
            || (!self.negotiated && v < self.version && lower_ok);
        if !version_ok {
            let err = SessionError::VersionMismatch {
                expected: self.version,
                got: v,
                offset,
            };
            // The header alone is encapsulated: the body may not be here
            // yet, and the report must not depend on how the bytes came.
            return Err((err, buf.get(..HEADER_LEN).unwrap_or_default().to_vec()));
        }
        let layout = match (self.options.aspa_layout, self.aspa_fixed) {
            (AspaLayout::Auto, Some(fixed)) => {
                // Check the detected layout against the fixed one first.
                if let Some(total) = complete_len(buf) {
                    let pdu = buf.get(..total).unwrap_or_default();
                    if let Some(got) = aspa_layout_of(pdu) {
                        if got != fixed {
                            let err = SessionError::AspaLayoutMismatch {
                                fixed: layout_label(fixed),
                                got: layout_label(got),
                                offset,
                            };
                            return Err((err, pdu.to_vec()));
                        }
                    }
                }
                fixed
            }
            (layout, _) => layout,
        };
        decode(buf, layout).map_err(|mut e| {
            e.offset += offset;
            let pdu = std::mem::take(&mut e.pdu);
            e.pdu = pdu.clone();
            (SessionError::Pdu(e), pdu)
        })
    }

    fn handle(&mut self, pdu: Pdu, start: usize, len: usize, offset: u64) -> Option<Event> {
        let unexpected = |s: &Session, ty: u8| SessionError::UnexpectedPdu {
            pdu_type: ty,
            offset,
            when: s.phase.name(),
        };
        if let Pdu::ErrorReport(report) = pdu {
            return Some(self.remote_error(report));
        }
        match (self.phase, pdu) {
            (Phase::Closed, _) => None,
            (
                phase,
                Pdu::SerialNotify {
                    session, serial, ..
                },
            ) => {
                if let Some(err) = self.foreign_session(session, offset) {
                    return Some(self.fail_at(err, start, len));
                }
                let queried = phase == Phase::Idle && self.state.is_some();
                if queried {
                    self.send_query();
                } else if self.state.is_some() {
                    self.notify_pending = true;
                }
                Some(Event::SerialNotify {
                    session,
                    serial,
                    queried,
                })
            }
            (Phase::Awaiting { reset }, Pdu::CacheResponse { version, session }) => {
                if let Some(err) = self.foreign_session(session, offset).filter(|_| !reset) {
                    return Some(self.fail_at(err, start, len));
                }
                self.version = version;
                self.negotiated = true;
                self.announce = Payloads::default();
                self.withdraw = Payloads::default();
                self.phase = Phase::Receiving { reset, session };
                None
            }
            (Phase::Awaiting { reset: false }, Pdu::CacheReset { version }) => {
                self.version = version;
                self.output.clear();
                self.state = None;
                self.send_query();
                Some(Event::CacheReset)
            }
            (
                Phase::Receiving { .. },
                Pdu::Prefix {
                    announce, origin, ..
                },
            ) => {
                let to = if announce {
                    &mut self.announce
                } else {
                    &mut self.withdraw
                };
                to.origins.push(origin);
                None
            }
            (Phase::Receiving { .. }, Pdu::RouterKey { announce, key, .. }) => {
                let to = if announce {
                    &mut self.announce
                } else {
                    &mut self.withdraw
                };
                to.router_keys.push(key);
                None
            }
            (
                Phase::Receiving { .. },
                Pdu::Aspa {
                    announce,
                    wire,
                    customer,
                    providers,
                    ..
                },
            ) => {
                if self.aspa_fixed.is_none() {
                    self.aspa_fixed = Some(AspaLayout::of(wire));
                }
                let record = AspaRecord {
                    customer,
                    afi: match wire {
                        AspaWire::Bis10(afi) => Some(afi),
                        AspaWire::Bis14 => None,
                    },
                    providers,
                };
                let to = if announce {
                    &mut self.announce
                } else {
                    &mut self.withdraw
                };
                to.aspas.push(record);
                None
            }
            (
                Phase::Receiving { reset, session },
                Pdu::EndOfData {
                    session: got,
                    serial,
                    timers,
                    ..
                },
            ) => {
                if got != session {
                    let err = SessionError::SessionMismatch {
                        expected: session,
                        got,
                        offset,
                    };
                    return Some(self.fail_at(err, start, len));
                }
                let mut announce = std::mem::take(&mut self.announce);
                let mut withdraw = std::mem::take(&mut self.withdraw);
                if !reset {
                    cancel(&mut announce, &mut withdraw);
                }
                self.timers = timers.unwrap_or_default();
                self.state = Some((session, Serial(serial)));
                self.phase = Phase::Idle;
                if std::mem::take(&mut self.notify_pending) {
                    self.send_query();
                }
                Some(Event::Update(Delta {
                    reset,
                    session,
                    serial: Serial(serial),
                    version: self.version,
                    timers: self.timers,
                    announce,
                    withdraw,
                }))
            }
            (_, pdu) => {
                let err = unexpected(self, pdu.pdu_type());
                Some(self.fail_at(err, start, len))
            }
        }
    }

    /// An Error Report from the cache (RFC 8210 §5.11, §7, §12).
    fn remote_error(&mut self, report: ErrorReport) -> Event {
        let code = report.code;
        if code == ErrorCode::NO_DATA_AVAILABLE {
            // Not fatal; the response (if any) is over.
            self.announce = Payloads::default();
            self.withdraw = Payloads::default();
            self.phase = Phase::Idle;
            return Event::NoData { text: report.text };
        }
        let first_query = !self.negotiated && matches!(self.phase, Phase::Awaiting { .. });
        let can_downgrade = code == ErrorCode::UNSUPPORTED_PROTOCOL_VERSION
            && first_query
            && !self.downgraded
            && self.options.version.is_none()
            && report.version < self.version;
        let event = if can_downgrade {
            let from = self.version;
            self.version = report.version;
            self.downgraded = true;
            Event::Downgrade {
                from,
                to: report.version,
            }
        } else if code == ErrorCode::CORRUPT_DATA
            && self.phase == (Phase::Awaiting { reset: false })
        {
            self.state = None;
            Event::ResetRequired { text: report.text }
        } else {
            Event::Error(SessionError::Remote {
                code,
                text: report.text,
            })
        };
        self.drop_connection();
        self.phase = Phase::Closed;
        event
    }
}

/// A fatal error and the PDU bytes to encapsulate in its Error Report.
type Failed = (SessionError, Vec<u8>);

/// The length of the PDU at the front of `buf` when it is all there.
fn complete_len(buf: &[u8]) -> Option<usize> {
    let len = match buf.get(4..8) {
        Some(&[a, b, c, d]) => u32::from_be_bytes([a, b, c, d]) as usize,
        _ => return None,
    };
    (buf.len() >= len && len >= HEADER_LEN).then_some(len)
}

/// Removes the records both announced and withdrawn in one serial update
/// (each pair once): the net effect is nothing either way.
fn cancel(announce: &mut Payloads, withdraw: &mut Payloads) {
    fn pairs<T: Ord + Clone>(a: &mut Vec<T>, w: &mut Vec<T>) {
        if a.is_empty() || w.is_empty() {
            return;
        }
        let mut counts: BTreeMap<T, usize> = BTreeMap::new();
        for x in w.iter() {
            *counts.entry(x.clone()).or_default() += 1;
        }
        let mut hit: BTreeMap<T, usize> = BTreeMap::new();
        a.retain(|x| match counts.get_mut(x) {
            Some(n) if *n > 0 => {
                *n -= 1;
                *hit.entry(x.clone()).or_default() += 1;
                false
            }
            _ => true,
        });
        w.retain(|x| match hit.get_mut(x) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
    }
    pairs(&mut announce.origins, &mut withdraw.origins);
    pairs(&mut announce.router_keys, &mut withdraw.router_keys);
    pairs(&mut announce.aspas, &mut withdraw.aspas);
}

/// `items` sorted, or the first of them in arrival order that is `bad` or
/// repeats an earlier one.
fn sorted_distinct<T: Ord + Copy>(items: &[T], bad: impl Fn(&T) -> bool) -> Result<Vec<T>, T> {
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    let mut repeated: Vec<T> = sorted
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a == b => Some(*a),
            _ => None,
        })
        .collect();
    repeated.dedup();
    let mut seen = BTreeSet::new();
    for it in items {
        if bad(it) || (repeated.binary_search(it).is_ok() && !seen.insert(*it)) {
            return Err(*it);
        }
    }
    Ok(sorted)
}

/// Removes from sorted `v` the items of sorted `gone`, in place.
fn remove_sorted<T: Ord>(v: &mut Vec<T>, gone: &[T]) {
    if gone.is_empty() {
        return;
    }
    let mut g = gone.iter().peekable();
    v.retain(|x| {
        while g.next_if(|y| *y < x).is_some() {}
        g.next_if(|y| *y == x).is_none()
    });
}

/// Merges sorted `add` into sorted `v` in place: from the back, each block
/// of `v` greater than the next item moves up once.
fn merge_sorted<T: Ord + Copy>(v: &mut Vec<T>, add: &[T]) {
    let mut end = v.len();
    v.extend_from_slice(add);
    for (j, x) in add.iter().enumerate().rev() {
        let p = v.get(..end).map_or(0, |old| old.partition_point(|o| o < x));
        v.copy_within(p..end, p + j + 1);
        if let Some(slot) = v.get_mut(p + j) {
            *slot = *x;
        }
        end = p;
    }
}

/// A plain store of RTR payloads that applies [`Delta`]s with the checks
/// of RFC 8210 §5.6 (duplicate announcement, withdrawal of an unknown
/// record): the reference for live stores, and enough for a one-shot dump.
///
/// Route origins, hundreds of thousands of them, sit in one sorted array:
/// a serial update is checked by binary search and merged in place
/// (`O(n + m log n)` moves, no allocation once the array has room), and
/// reading them all is a slice walk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PayloadSet {
    /// Sorted, distinct.
    origins: Vec<RouteOrigin>,
    router_keys: BTreeSet<RouterKeyPayload>,
    /// ASPA records by (customer, AFI of -10 or `None` for -14).
    aspas: BTreeMap<(Asn, Option<AspaAfi>), Vec<Asn>>,
}

impl PayloadSet {
    /// An empty set.
    pub fn new() -> PayloadSet {
        PayloadSet::default()
    }

    /// Applies `delta` all or nothing: a reset replaces everything;
    /// withdrawals go before announcements. Fails, changing nothing, on the
    /// first withdrawal of a record not held (or withdrawn twice) and the
    /// first announcement of a record held and not withdrawn (or announced
    /// twice). A -14 ASPA announcement replaces the customer's record; -10
    /// ones are keyed by (customer, AFI), and their withdrawals need the
    /// key only (StayRTR sends the old providers).
    pub fn apply(&mut self, delta: &Delta) -> Result<(), ApplyError> {
        let empty = PayloadSet::new();
        let base = if delta.reset { &empty } else { &*self };
        // Check everything first.
        let holds = |o: &RouteOrigin| base.origins.binary_search(o).is_ok();
        let gone_o = sorted_distinct(&delta.withdraw.origins, |o| !holds(o))
            .map_err(|o| ApplyError::UnknownWithdrawal(Record::Origin(o)))?;
        let new_o = sorted_distinct(&delta.announce.origins, |o| {
            holds(o) && gone_o.binary_search(o).is_err()
        })
        .map_err(|o| ApplyError::DuplicateAnnouncement(Record::Origin(o)))?;
        let mut gone_k = BTreeSet::new();
        for k in &delta.withdraw.router_keys {
            if !base.router_keys.contains(k) || !gone_k.insert(k) {
                return Err(ApplyError::UnknownWithdrawal(Record::RouterKey(k.clone())));
            }
        }
        let mut new_k = BTreeSet::new();
        for k in &delta.announce.router_keys {
            let held = base.router_keys.contains(k) && !gone_k.contains(k);
            if held || !new_k.insert(k) {
                return Err(ApplyError::DuplicateAnnouncement(Record::RouterKey(
                    k.clone(),
                )));
            }
        }
        let mut gone_a = BTreeSet::new();
        for a in &delta.withdraw.aspas {
            let key = (a.customer, a.afi);
            if !base.aspas.contains_key(&key) || !gone_a.insert(key) {
                return Err(ApplyError::UnknownWithdrawal(Record::Aspa(a.clone())));
            }
        }
        let mut new_a = BTreeSet::new();
        for a in &delta.announce.aspas {
            let key = (a.customer, a.afi);
            let held = base.aspas.contains_key(&key) && !gone_a.contains(&key);
            // A -14 announcement replaces; a -10 one must be new.
            if a.afi.is_some() && (held || !new_a.insert(key)) {
                return Err(ApplyError::DuplicateAnnouncement(Record::Aspa(a.clone())));
            }
        }
        // Then apply.
        if delta.reset {
            *self = PayloadSet::new();
        }
        remove_sorted(&mut self.origins, &gone_o);
        for k in &delta.withdraw.router_keys {
            self.router_keys.remove(k);
        }
        for a in &delta.withdraw.aspas {
            self.aspas.remove(&(a.customer, a.afi));
        }
        if self.origins.is_empty() {
            self.origins = new_o;
        } else {
            merge_sorted(&mut self.origins, &new_o);
        }
        self.router_keys
            .extend(delta.announce.router_keys.iter().cloned());
        for a in &delta.announce.aspas {
            self.aspas.insert((a.customer, a.afi), a.providers.clone());
        }
        Ok(())
    }

    /// The route origins, sorted.
    pub fn origins(&self) -> impl Iterator<Item = &RouteOrigin> + Clone + '_ {
        self.origins.iter()
    }

    /// The route origins as one sorted slice.
    pub fn origin_slice(&self) -> &[RouteOrigin] {
        &self.origins
    }

    /// The router keys, sorted.
    pub fn router_keys(&self) -> impl Iterator<Item = &RouterKeyPayload> + '_ {
        self.router_keys.iter()
    }

    /// The ASPA records as received, by (customer, AFI).
    pub fn aspa_records(&self) -> impl Iterator<Item = AspaRecord> + '_ {
        self.aspas
            .iter()
            .map(|((customer, afi), providers)| AspaRecord {
                customer: *customer,
                afi: *afi,
                providers: providers.clone(),
            })
    }

    /// The number of route origins.
    pub fn origin_count(&self) -> usize {
        self.origins.len()
    }

    /// ASPAs without AFI, one per customer: the union of the providers of
    /// all its records (-10 IPv4, -10 IPv6, -14), sorted.
    pub fn aspas(&self) -> Vec<Aspa> {
        let mut by: BTreeMap<Asn, Vec<Asn>> = BTreeMap::new();
        for ((customer, _), providers) in &self.aspas {
            by.entry(*customer)
                .or_default()
                .extend(providers.iter().copied());
        }
        by.into_iter().map(|(c, p)| Aspa::new(c, p)).collect()
    }

    /// The payloads as a [`VrpSet`], the form every check takes: route
    /// origins as VRPs, router keys with the SKI in upper-case hex and the
    /// SPKI in standard base64 (as rpki-client's JSON writes them), ASPAs
    /// merged per customer ([`PayloadSet::aspas`]); sorted, with no trust
    /// anchor, expiry or generation time (RTR carries none).
    pub fn to_vrp_set(&self) -> VrpSet {
        use std::fmt::Write as _;
        let router_keys = self
            .router_keys
            .iter()
            .map(|k| RouterKey {
                asn: k.asn,
                ski: k.ski.iter().fold(String::with_capacity(40), |mut s, b| {
                    let _ = write!(s, "{b:02X}");
                    s
                }),
                public_key: crate::util::base64::encode_std(&k.spki),
                ta: None,
                expires: None,
            })
            .collect();
        VrpSet {
            vrps: self.origins.iter().map(RouteOrigin::to_vrp).collect(),
            aspas: self.aspas(),
            router_keys,
            generated: None,
        }
    }

    /// Customers with both a -10 IPv4 and IPv6 record whose provider sets
    /// differ (merged by [`PayloadSet::aspas`]; worth a warning).
    pub fn aspa_afi_conflicts(&self) -> Vec<Asn> {
        let set = |v: &Vec<Asn>| v.iter().copied().collect::<BTreeSet<_>>();
        self.aspas
            .iter()
            .filter_map(|((c, afi), p4)| {
                let p6 = self.aspas.get(&(*c, Some(AspaAfi::Ipv6)))?;
                (*afi == Some(AspaAfi::Ipv4) && set(p4) != set(p6)).then_some(*c)
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod store_tests {
    use super::{merge_sorted, remove_sorted, sorted_distinct};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        /// The in-place merge and removal against a `BTreeSet`.
        #[test]
        fn merge_and_remove_match_a_set(
            old in proptest::collection::btree_set(0u16..400, 0..120),
            add in proptest::collection::btree_set(0u16..400, 0..60),
            gone in proptest::collection::btree_set(0u16..400, 0..60),
        ) {
            let gone: Vec<u16> = gone.intersection(&old).copied().collect();
            let add: Vec<u16> = add.difference(&old).copied().collect();
            let mut v: Vec<u16> = old.iter().copied().collect();
            remove_sorted(&mut v, &gone);
            merge_sorted(&mut v, &add);
            let mut model = old.clone();
            for g in &gone { model.remove(g); }
            model.extend(add.iter().copied());
            prop_assert_eq!(v, model.into_iter().collect::<Vec<_>>());
        }

        /// The first bad or repeated item in arrival order, as a scan with
        /// a set of those seen finds it.
        #[test]
        fn sorted_distinct_finds_the_first_offender(
            items in proptest::collection::vec(0u8..40, 0..40),
            bad in proptest::collection::btree_set(0u8..40, 0..4),
        ) {
            let mut seen = BTreeSet::new();
            let want = items.iter().copied().find(|i| bad.contains(i) || !seen.insert(*i));
            match sorted_distinct(&items, |i| bad.contains(i)) {
                Ok(sorted) => {
                    prop_assert_eq!(want, None);
                    let mut s = items.clone();
                    s.sort_unstable();
                    prop_assert_eq!(sorted, s);
                }
                Err(first) => prop_assert_eq!(Some(first), want),
            }
        }
    }
}
