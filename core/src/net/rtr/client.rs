//! A blocking RTR client over plain TCP (RFC 8210 §9 transport, §6
//! protocol sequences and timers, §7 version negotiation): it drives a
//! [`Session`] on a `std::net::TcpStream`, applies every End of Data to a
//! [`PayloadSet`] all or nothing, and reconnects with backoff.
//!
//! [`Client::run`] loops until the caller's callback breaks or a
//! [`StopHandle`] stops it, reporting each step as a [`Notice`]:
//! - **Connect**: each resolved address in turn, within
//!   [`ClientOptions::connect_timeout`]; a Reset Query, or a Serial Query
//!   when the client holds a session and serial.
//! - **Updates**: one [`Notice::Updated`] per End of Data, after the delta
//!   applied; the payloads are never seen half-applied. A delta that does
//!   not apply (a duplicate announcement, a withdrawal of an unknown
//!   record: RFC 8210 §5.6) sends the Error Report (code 7 or 6), drops
//!   the session state and reconnects for a reset; the held payloads stay.
//! - **Timers** (from End of Data, clamped to RFC 8210 §6's ranges;
//!   version 0's defaults): a Serial Query when the refresh interval ends
//!   with no Serial Notify; after No Data Available, a query after the
//!   retry interval; when no update succeeded for the expire interval
//!   (connected or not) the payloads are dropped ([`Notice::Expired`]).
//! - **Failures** (connect refused or timed out, the cache hanging up,
//!   a silent cache while a response is due, a malformed PDU, an Error
//!   Report): [`Notice::Disconnected`] with the error, then a wait that
//!   doubles from [`ClientOptions::backoff_min`] to
//!   [`ClientOptions::backoff_max`] (capped by the cache's retry interval
//!   once known) and resets after an update. A version downgrade (Error
//!   Report code 4 to the first query) and a stale session (code 0 to a
//!   Serial Query) reconnect at once; a Serial Query answered by a
//!   hang-up without a byte (StayRTR's other answer to a stale session)
//!   makes the next connection reset too.
//!
//! ```no_run
//! use std::ops::ControlFlow;
//! use routeguard::net::rtr::client::{Client, ClientOptions, Notice};
//! let mut client = Client::new("rtr.example.net:323", ClientOptions::default());
//! // One full load, then stop (`routeguard rtr dump`).
//! let mut loaded = None;
//! client.run(|n| match n {
//!     Notice::Updated { payloads, .. } => {
//!         loaded = Some(payloads.to_vrp_set());
//!         ControlFlow::Break(())
//!     }
//!     // Give up on the first failure instead of retrying.
//!     Notice::Disconnected { .. } => ControlFlow::Break(()),
//!     _ => ControlFlow::Continue(()),
//! })?;
//! println!("{} VRPs", loaded.map_or(0, |s| s.vrps.len()));
//! # Ok::<(), routeguard::net::rtr::client::ClientError>(())
//! ```

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::ops::ControlFlow;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::pdu::Timers;
use super::session::{ApplyError, Delta, Event, PayloadSet, Session, SessionError, SessionOptions};
use crate::net::tcp::{self, ConnectFailure};

/// How a [`Client`] connects and waits.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientOptions {
    /// Version pinning and ASPA layout (default: negotiate down from 2,
    /// either ASPA layout).
    pub session: SessionOptions,
    /// Time allowed for each TCP connect (default 10 s).
    pub connect_timeout: Duration,
    /// The longest silence while a response is due, and the write timeout
    /// (default 60 s).
    pub response_timeout: Duration,
    /// The first wait after a failure (default 1 s).
    pub backoff_min: Duration,
    /// The longest wait after failures (default 60 s; the cache's retry
    /// interval when that is shorter).
    pub backoff_max: Duration,
    /// Drop the data after this long without a successful update when
    /// that is sooner than the cache's expire interval (default `None`:
    /// the cache's, at least 600 s by RFC 8210 §6). For operators whose
    /// policy allows less staleness.
    pub max_age: Option<Duration>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            session: SessionOptions::default(),
            connect_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(60),
            backoff_min: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
            max_age: None,
        }
    }
}

impl ClientOptions {
    /// Pins the protocol version (0, 1 or 2): no downgrade.
    #[must_use]
    pub fn version(mut self, version: Option<u8>) -> Self {
        self.session.version = version;
        self
    }

    /// Sets the connect timeout.
    #[must_use]
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// Sets the response (and write) timeout.
    #[must_use]
    pub fn response_timeout(mut self, t: Duration) -> Self {
        self.response_timeout = t;
        self
    }

    /// Sets the longest the data is used without a successful update
    /// ([`ClientOptions::max_age`]).
    #[must_use]
    pub fn max_age(mut self, age: Option<Duration>) -> Self {
        self.max_age = age;
        self
    }

    /// Sets the backoff range after failures.
    #[must_use]
    pub fn backoff(mut self, min: Duration, max: Duration) -> Self {
        self.backoff_min = min;
        self.backoff_max = max.max(min);
        self
    }
}

/// Why a connection ended.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The server could not be reached (name resolution, connect refused).
    /// Code `connect`.
    #[error("cannot connect to {server}: {message}")]
    Connect {
        /// The `host:port` given.
        server: String,
        /// Why.
        message: String,
    },
    /// Nothing within the configured time. Code `timeout`.
    #[error("RTR {what} timed out after {after:?}")]
    Timeout {
        /// `connect`, `response` or `write`.
        what: &'static str,
        /// The timeout that expired.
        after: Duration,
    },
    /// A socket error. Code `io`.
    #[error("RTR I/O error: {message}")]
    Io {
        /// The I/O error kind.
        kind: io::ErrorKind,
        /// The error text.
        message: String,
    },
    /// The cache closed the connection. Code `closed`.
    #[error("the RTR cache closed the connection{}", if *.during_response { " during a response" } else { "" })]
    Closed {
        /// Whether a response was under way (its payloads were discarded).
        during_response: bool,
    },
    /// The session failed: a malformed or unexpected PDU (an Error Report
    /// was sent), or the cache's Error Report. Code: the session error's.
    #[error(transparent)]
    Session(SessionError),
    /// An update did not apply (RFC 8210 §5.6; an Error Report was sent
    /// and the next connection resets). Code: the apply error's.
    #[error("RTR update rejected: {0}")]
    Apply(ApplyError),
}

impl ClientError {
    /// A stable lowercase-hyphenated word for the variant: `connect`,
    /// `timeout`, `io`, `closed`, or the inner [`SessionError::code`] /
    /// [`ApplyError::code`].
    pub fn code(&self) -> &'static str {
        match self {
            ClientError::Connect { .. } => "connect",
            ClientError::Timeout { .. } => "timeout",
            ClientError::Io { .. } => "io",
            ClientError::Closed { .. } => "closed",
            ClientError::Session(e) => e.code(),
            ClientError::Apply(e) => e.code(),
        }
    }

    fn io(e: &io::Error, what: &'static str, after: Duration) -> ClientError {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                ClientError::Timeout { what, after }
            }
            kind => ClientError::Io {
                kind,
                message: e.to_string(),
            },
        }
    }
}

/// What [`Client::run`] reports to its callback.
#[derive(Debug)]
#[non_exhaustive]
pub enum Notice<'a> {
    /// A connection is up and the first query sent.
    Connected {
        /// The address connected to.
        peer: SocketAddr,
        /// The version queried at.
        version: u8,
    },
    /// An End of Data applied: `payloads` is the whole current data.
    Updated {
        /// The response (reset or serial update) just applied.
        delta: &'a Delta,
        /// Everything held now.
        payloads: &'a PayloadSet,
    },
    /// The cache has no data yet (Error Report code 2); a query follows
    /// after the retry interval.
    NoData {
        /// The cache's text.
        text: &'a str,
    },
    /// No update succeeded for the expire interval: the payloads were
    /// dropped (and the session state, so that the next query resets).
    Expired,
    /// The connection failed or ended; the next attempt follows after
    /// `retry_in` (breaking here makes [`Client::run`] return `error`).
    Disconnected {
        /// Why.
        error: &'a ClientError,
        /// The wait before the next connect.
        retry_in: Duration,
    },
}

/// The state a [`StopHandle`] shares with its client.
#[derive(Debug, Default)]
struct Stop {
    stopped: Mutex<bool>,
    wake: Condvar,
    stream: Mutex<Option<TcpStream>>,
}

impl Stop {
    fn is_set(&self) -> bool {
        *self.stopped.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sleeps up to `d`; returns early (true) when stopped.
    fn sleep(&self, d: Duration) -> bool {
        let end = Instant::now() + d;
        let mut stopped = self.stopped.lock().unwrap_or_else(PoisonError::into_inner);
        while !*stopped {
            let now = Instant::now();
            if now >= end {
                return false;
            }
            stopped = self
                .wake
                .wait_timeout(stopped, end - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    fn hold(&self, stream: Option<TcpStream>) {
        *self.stream.lock().unwrap_or_else(PoisonError::into_inner) = stream;
    }
}

/// Stops a running [`Client::run`] from another thread: the wait or read
/// under way ends at once and `run` returns `Ok(())`.
#[derive(Clone, Debug)]
pub struct StopHandle(Arc<Stop>);

impl StopHandle {
    /// Stops the client (idempotent).
    pub fn stop(&self) {
        *self
            .0
            .stopped
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = true;
        self.0.wake.notify_all();
        if let Some(s) = &*self.0.stream.lock().unwrap_or_else(PoisonError::into_inner) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

/// How a connection ended without an error.
enum Ended {
    /// The callback broke, or the client was stopped.
    Break,
    /// Reconnect at once (downgrade, stale session).
    Reconnect,
}

/// RFC 8210 §6's ranges (a cache's zero refresh must not make us spin).
fn clamp(t: Timers) -> Timers {
    Timers {
        refresh: t.refresh.clamp(1, 86_400),
        retry: t.retry.clamp(1, 7_200),
        expire: t.expire.clamp(600, 172_800),
    }
}

fn secs(s: u32) -> Duration {
    Duration::from_secs(u64::from(s))
}

/// A blocking RTR client (see the module doc).
#[derive(Debug)]
pub struct Client {
    server: String,
    options: ClientOptions,
    session: Session,
    payloads: PayloadSet,
    stop: Arc<Stop>,
    /// When the last update applied (the expire clock).
    updated_at: Option<Instant>,
    /// Consecutive failures (the backoff exponent).
    failures: u32,
    /// When to poll while idle (refresh after End of Data, retry after No
    /// Data); `None` while a response is due.
    poll_at: Option<Instant>,
}

impl Client {
    /// A client of the cache at `server` (`host:port`) holding no data.
    pub fn new(server: &str, options: ClientOptions) -> Client {
        Client {
            server: server.to_owned(),
            session: Session::new(options.session),
            options,
            payloads: PayloadSet::new(),
            stop: Arc::new(Stop::default()),
            updated_at: None,
            failures: 0,
            poll_at: None,
        }
    }

    /// Connects to `server`, loads the cache's data once (a Reset Query
    /// and its End of Data, after version negotiation), and returns the
    /// client holding it ([`Client::payloads`], [`Client::state`]); the
    /// first failure is the error (no retry). [`Client::run`] on the
    /// result follows the cache from there with Serial Queries.
    pub fn fetch(server: &str, options: ClientOptions) -> Result<Client, ClientError> {
        let mut client = Client::new(server, options);
        client.run(|n| match n {
            Notice::Updated { .. } | Notice::Disconnected { .. } => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })?;
        Ok(client)
    }

    /// The protocol version spoken (negotiated once a response came).
    pub fn version(&self) -> u8 {
        self.session.version()
    }

    /// A handle that stops [`Client::run`] from another thread.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.stop))
    }

    /// The payloads held now.
    pub fn payloads(&self) -> &PayloadSet {
        &self.payloads
    }

    /// The session state (`(session id, serial)`) of the data held.
    pub fn state(&self) -> Option<(u16, super::session::Serial)> {
        self.session.state()
    }

    /// The timers in force (from the last End of Data, clamped; RFC 8210
    /// §6's defaults before one).
    pub fn timers(&self) -> Timers {
        clamp(self.session.timers())
    }

    /// Runs until `on` breaks or the client is stopped, reconnecting after
    /// failures. Returns `Ok(())` on a break or stop, except that breaking
    /// on [`Notice::Disconnected`] returns its error.
    pub fn run<F>(&mut self, mut on: F) -> Result<(), ClientError>
    where
        F: FnMut(Notice<'_>) -> ControlFlow<()>,
    {
        loop {
            if self.stop.is_set() {
                return Ok(());
            }
            let result = match tcp::connect(&self.server, self.options.connect_timeout) {
                Ok((stream, peer)) => {
                    let r = self.converse(&stream, peer, &mut on);
                    self.stop.hold(None);
                    let _ = stream.shutdown(Shutdown::Both);
                    self.session.close();
                    r
                }
                Err(ConnectFailure::Timeout) => Err(ClientError::Timeout {
                    what: "connect",
                    after: self.options.connect_timeout,
                }),
                Err(ConnectFailure::Failed(message)) => Err(ClientError::Connect {
                    server: self.server.clone(),
                    message,
                }),
            };
            match result {
                Ok(Ended::Break) => return Ok(()),
                Ok(Ended::Reconnect) => continue,
                Err(_) if self.stop.is_set() => return Ok(()),
                Err(error) => {
                    let retry_in = self.backoff();
                    self.failures = self.failures.saturating_add(1);
                    let flow = on(Notice::Disconnected {
                        error: &error,
                        retry_in,
                    });
                    if flow.is_break() {
                        return Err(error);
                    }
                    if self.wait(retry_in, &mut on).is_break() {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// The wait after the current failure count.
    fn backoff(&self) -> Duration {
        let cap = self
            .options
            .backoff_max
            .min(secs(self.timers().retry))
            .max(self.options.backoff_min);
        let factor = 1u32.checked_shl(self.failures.min(16)).unwrap_or(u32::MAX);
        self.options
            .backoff_min
            .checked_mul(factor)
            .map_or(cap, |d| d.min(cap))
    }

    /// When the held data expires, if any is held.
    fn expires_at(&self) -> Option<Instant> {
        let expire = secs(self.timers().expire);
        let age = self.options.max_age.map_or(expire, |a| a.min(expire));
        self.updated_at.map(|t| t + age)
    }

    /// Drops the data if it has expired; reports it.
    fn check_expiry<F>(&mut self, on: &mut F) -> ControlFlow<()>
    where
        F: FnMut(Notice<'_>) -> ControlFlow<()>,
    {
        match self.expires_at() {
            Some(t) if Instant::now() >= t => {
                self.payloads = PayloadSet::new();
                self.updated_at = None;
                self.session = Session::new(self.options.session);
                on(Notice::Expired)
            }
            _ => ControlFlow::Continue(()),
        }
    }

    /// Sleeps `d` between connections, waking for expiry and stop.
    fn wait<F>(&mut self, d: Duration, on: &mut F) -> ControlFlow<()>
    where
        F: FnMut(Notice<'_>) -> ControlFlow<()>,
    {
        let end = Instant::now() + d;
        loop {
            let now = Instant::now();
            let until = self.expires_at().map_or(end, |t| t.min(end));
            if self.stop.sleep(until.saturating_duration_since(now)) {
                return ControlFlow::Break(());
            }
            self.check_expiry(on)?;
            if Instant::now() >= end {
                return ControlFlow::Continue(());
            }
        }
    }

    fn send(&mut self, mut stream: &TcpStream) -> Result<(), ClientError> {
        let out = self.session.take_output();
        if out.is_empty() {
            return Ok(());
        }
        stream
            .write_all(&out)
            .map_err(|e| ClientError::io(&e, "write", self.options.response_timeout))
    }

    /// One connection, from the first query to its end.
    fn converse<F>(
        &mut self,
        stream: &TcpStream,
        peer: SocketAddr,
        on: &mut F,
    ) -> Result<Ended, ClientError>
    where
        F: FnMut(Notice<'_>) -> ControlFlow<()>,
    {
        let io_err = |e: io::Error| ClientError::io(&e, "write", Duration::ZERO);
        stream.set_nodelay(true).map_err(io_err)?;
        let write_timeout = self.options.response_timeout.max(Duration::from_millis(1));
        stream
            .set_write_timeout(Some(write_timeout))
            .map_err(io_err)?;
        self.stop.hold(stream.try_clone().ok());
        if self.stop.is_set() {
            return Ok(Ended::Break);
        }
        // A Serial Query answered by a hang-up with no byte at all is how
        // StayRTR 0.5.1 often refuses a session it does not know (after a
        // restart); otherwise it sends Error Report code 0. Either way the
        // next connection resets.
        let serial_query = self.session.state().is_some();
        let mut answered = false;
        self.session.start();
        self.send(stream)?;
        if on(Notice::Connected {
            peer,
            version: self.session.version(),
        })
        .is_break()
        {
            return Ok(Ended::Break);
        }
        let mut buf = vec![0u8; 1 << 16];
        let mut heard = Instant::now();
        self.poll_at = None;
        loop {
            let now = Instant::now();
            let deadline = if self.session.busy() {
                heard + self.options.response_timeout
            } else {
                let refresh = secs(self.timers().refresh);
                let p = *self.poll_at.get_or_insert(now + refresh);
                self.expires_at().map_or(p, |e| e.min(p))
            };
            let wait = deadline
                .saturating_duration_since(now)
                .max(Duration::from_millis(1));
            stream.set_read_timeout(Some(wait)).map_err(io_err)?;
            let mut reader = stream;
            match reader.read(&mut buf) {
                Ok(0) => {
                    if serial_query && !answered {
                        self.session = Session::new(self.options.session);
                    }
                    return Err(ClientError::Closed {
                        during_response: self.session.busy(),
                    });
                }
                Ok(n) => {
                    answered = true;
                    heard = Instant::now();
                    let events = self.session.feed(buf.get(..n).unwrap_or_default());
                    for ev in events {
                        if let Some(end) = self.on_event(ev, stream, on)? {
                            return Ok(end);
                        }
                    }
                    self.send(stream)?;
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    if self.session.busy() {
                        if Instant::now() >= heard + self.options.response_timeout {
                            return Err(ClientError::Timeout {
                                what: "response",
                                after: self.options.response_timeout,
                            });
                        }
                        continue;
                    }
                    let held = self.updated_at.is_some();
                    if self.check_expiry(on).is_break() {
                        return Ok(Ended::Break);
                    }
                    if held && self.updated_at.is_none() {
                        // Expired: the session was dropped with the data;
                        // a new connection starts over with a Reset Query.
                        return Ok(Ended::Reconnect);
                    }
                    let now = Instant::now();
                    if self.poll_at.is_none_or(|p| now >= p) && self.session.query() {
                        heard = now;
                        self.poll_at = None;
                        self.send(stream)?;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    if self.stop.is_set() {
                        return Ok(Ended::Break);
                    }
                    return Err(ClientError::io(&e, "read", self.options.response_timeout));
                }
            }
        }
    }
    /// Acts on one session event; `Some` ends the connection.
    fn on_event<F>(
        &mut self,
        ev: Event,
        stream: &TcpStream,
        on: &mut F,
    ) -> Result<Option<Ended>, ClientError>
    where
        F: FnMut(Notice<'_>) -> ControlFlow<()>,
    {
        match ev {
            Event::Update(delta) => {
                if let Err(e) = self.payloads.apply(&delta) {
                    self.session.reject(&e);
                    // The Error Report goes out best effort: the
                    // connection ends either way.
                    let _ = self.send(stream);
                    return Err(ClientError::Apply(e));
                }
                let now = Instant::now();
                self.updated_at = Some(now);
                self.failures = 0;
                self.poll_at = Some(now + secs(self.timers().refresh));
                let flow = on(Notice::Updated {
                    delta: &delta,
                    payloads: &self.payloads,
                });
                Ok(flow.is_break().then_some(Ended::Break))
            }
            Event::NoData { text } => {
                self.poll_at = Some(Instant::now() + secs(self.timers().retry));
                let flow = on(Notice::NoData { text: &text });
                Ok(flow.is_break().then_some(Ended::Break))
            }
            Event::Downgrade { .. } | Event::ResetRequired { .. } => Ok(Some(Ended::Reconnect)),
            Event::Error(e) => {
                let _ = self.send(stream);
                Err(ClientError::Session(e))
            }
            // Serial Notify and Cache Reset queue a query (sent after the
            // events); anything newer needs nothing here.
            _ => Ok(None),
        }
    }
}
