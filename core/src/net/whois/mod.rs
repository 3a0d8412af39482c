//! A client for IRRd's whois protocol (host only, feature `net`).
//!
//! Speaks the query language documented in IRRd's "Whois queries" guide
//! (<https://irrd.readthedocs.io/en/stable/users/queries/whois/>): the
//! IRRd-style `!` queries — `!!` multiple-command mode, `!n<name>` client
//! name, `!s<sources>` / `!s-lc` source selection, `!g` / `!6` prefixes of an
//! AS, `!i<set>[,1]` set members, `!a` / `!a4` / `!a6` prefixes of an as-set,
//! `!r<prefix>[,o|,l|,L|,M]` route search, `!j` serials, `!v` version,
//! `!m<class>,<key>` object lookup, `!t` timeout, `!q` quit — and the
//! RIPE-style flags of the RIPE Database Query Reference Manual
//! (`-i origin AS…`, `-T <class>`, `-K`, `-s <sources>`, `-r`, `-l`/`-L`/`-M`,
//! …). IRRd-style answers are framed `A<length>` + data + `C`, or one of
//! `C` (success, no data), `D` (not found), `E` (multiple copies, legacy)
//! and `F <message>` (error); RIPE-style answers are text ended by two
//! empty lines, or by the server closing the connection.
//!
//! A [`WhoisClient`] keeps one TCP connection in multiple-command mode (it
//! sends `!!` on connect), so queries can be pipelined: [`WhoisClient::pipeline`]
//! writes many queries at once and reads the answers in order. Every read is
//! bounded by [`WhoisOptions::read_timeout`] and every answer by
//! [`WhoisOptions::answer_timeout`] and [`WhoisOptions::max_answer_bytes`];
//! a length header beyond the cap fails before anything is allocated.
//!
//! ```no_run
//! use routeguard::net::whois::{WhoisClient, WhoisOptions, RouteSearch};
//! use routeguard::{Asn, Family};
//! let mut c = WhoisClient::connect("whois.radb.net:43", WhoisOptions::default())?;
//! c.sources(&["RADB"])?;
//! let v4 = c.prefixes_of(Asn::new(64500), Family::V4)?;
//! let members = c.set_members("AS-EXAMPLE", true)?;
//! let answers = c.pipeline(&["!gAS64500", "!6AS64500", "!iAS-EXAMPLE,1"])?;
//! let route = c.route_search(&"192.0.2.0/24".parse()?, RouteSearch::Exact)?;
//! let ripe = c.ripe("-K -T route -i origin AS64500")?;
//! println!("{} {} {} {}", v4.len(), members.len(), answers.len(), route.text());
//! println!("{}", ripe.text());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// The answer framing: a pure parser (no I/O). Not API: with the crate's
// internal `__testing` feature it is public (hidden) for routeguard's own
// tests and fuzz targets, which parse and render wire bytes directly.
#[cfg(feature = "__testing")]
#[doc(hidden)]
pub mod framing;
#[cfg(not(feature = "__testing"))]
mod framing;

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};

use super::tcp::ConnectFailure;
use std::time::{Duration, Instant};

pub use framing::{Answer, AnswerKind, DEFAULT_MAX_ANSWER_BYTES};

use framing::{parse_answer_limited, parse_ripe_answer, parse_ripe_answer_at_eof, QueryStyle};

use crate::model::rpsl::RpslObject;
use crate::model::{Asn, Family, Prefix};
use crate::parse::rpsl::RpslError;
use crate::parse::rpsl::RpslOptions;

/// Errors of the whois client.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WhoisError {
    /// The TCP connection could not be made (name resolution or connect).
    /// Code `connect`.
    #[error("cannot connect to {addr}: {message}")]
    Connect {
        /// The `host:port` given.
        addr: String,
        /// Why.
        message: String,
    },
    /// No answer within the configured time. Code `timeout`.
    #[error("whois {what} timed out after {after:?}")]
    Timeout {
        /// What timed out: `connect`, `read`, `answer` or `write`.
        what: &'static str,
        /// The timeout that expired.
        after: Duration,
    },
    /// A socket error. Code `io`.
    #[error("whois I/O error: {message}")]
    Io {
        /// The I/O error kind.
        kind: io::ErrorKind,
        /// The error text.
        message: String,
    },
    /// The server closed the connection before the answer was complete, or
    /// the connection is unusable after an earlier timeout or protocol error.
    /// Code `closed`.
    #[error("whois connection closed: {message}")]
    Closed {
        /// Details.
        message: String,
    },
    /// The server's bytes do not follow the protocol. Code `protocol`.
    #[error("whois protocol error: {message}")]
    Protocol {
        /// What was wrong.
        message: String,
    },
    /// An answer exceeded [`WhoisOptions::max_answer_bytes`]. Code
    /// `too-large`.
    #[error("whois answer larger than {limit} bytes")]
    TooLarge {
        /// The cap.
        limit: usize,
    },
    /// The server answered with an error (`F <message>` or `%% ERROR:`);
    /// returned by the typed helpers (raw queries return the [`Answer`]).
    /// Code `server`.
    #[error("whois server error: {0}")]
    Server(String),
    /// The RPSL text of an answer did not parse. Code `rpsl`.
    #[error("RPSL in whois answer: {0}")]
    Rpsl(RpslError),
    /// The query cannot be sent: empty, or holding a line break or NUL
    /// (which would smuggle in further queries), or a bad parameter. Code
    /// `invalid-query`.
    #[error("invalid whois query: {message}")]
    InvalidQuery {
        /// What was wrong.
        message: String,
    },
}

impl WhoisError {
    /// A stable lowercase-hyphenated word for the variant: `connect`,
    /// `timeout`, `io`, `closed`, `protocol`, `too-large`, `server`,
    /// `invalid-query`, `rpsl` (the same words as [`kind`](Self::kind)).
    pub fn code(&self) -> &'static str {
        self.kind()
    }

    /// A short machine-readable kind for the bindings: `connect`, `timeout`,
    /// `io`, `closed`, `protocol`, `too-large`, `server`, `invalid-query`, `rpsl`.
    pub fn kind(&self) -> &'static str {
        match self {
            WhoisError::Connect { .. } => "connect",
            WhoisError::Timeout { .. } => "timeout",
            WhoisError::Io { .. } => "io",
            WhoisError::Closed { .. } => "closed",
            WhoisError::Protocol { .. } => "protocol",
            WhoisError::TooLarge { .. } => "too-large",
            WhoisError::Server(_) => "server",
            WhoisError::InvalidQuery { .. } => "invalid-query",
            WhoisError::Rpsl(_) => "rpsl",
        }
    }

    fn io(e: &io::Error, what: &'static str, after: Duration) -> WhoisError {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                WhoisError::Timeout { what, after }
            }
            kind => WhoisError::Io {
                kind,
                message: e.to_string(),
            },
        }
    }

    fn invalid(message: impl Into<String>) -> WhoisError {
        WhoisError::InvalidQuery {
            message: message.into(),
        }
    }
}

/// The default [`WhoisOptions::idle_timeout`]: 5 minutes.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(300);

/// Connection settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhoisOptions {
    /// Time allowed for the TCP connect (per resolved address). Default 10 s.
    pub connect_timeout: Duration,
    /// Longest wait for any bytes while an answer is due (and for a write to
    /// make progress). Default 30 s.
    pub read_timeout: Duration,
    /// Longest time one answer may take in total, however slowly its bytes
    /// trickle in; `None` for no limit. Default 10 minutes.
    pub answer_timeout: Option<Duration>,
    /// Cap on the data of one answer. Default [`DEFAULT_MAX_ANSWER_BYTES`]
    /// (64 MiB).
    pub max_answer_bytes: usize,
    /// Sent as `!n<name>` after connecting, so server operators can tell
    /// clients apart; `None` sends nothing. Default `routeguard-<version>`.
    pub client_name: Option<String>,
    /// How long the server may keep this connection open while no query
    /// comes, sent as `!t<seconds>` after connecting (whole seconds,
    /// rounded up; IRRd accepts 1 to 1000 and closes idle connections after
    /// 30 s unless told otherwise). `None` sends nothing. Default 5 minutes:
    /// a connection kept between the batches of a longer job, or held in
    /// an interactive session, is not dropped after 30 s.
    pub idle_timeout: Option<Duration>,
}

impl Default for WhoisOptions {
    fn default() -> Self {
        WhoisOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            answer_timeout: Some(Duration::from_secs(600)),
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            client_name: Some(concat!("routeguard-", env!("CARGO_PKG_VERSION")).to_string()),
            idle_timeout: Some(DEFAULT_IDLE_TIMEOUT),
        }
    }
}

/// The `!r` route search variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RouteSearch {
    /// `!r<prefix>`: route objects with exactly this prefix.
    Exact,
    /// `!r<prefix>,o`: the origins of those objects (space separated).
    ExactOrigins,
    /// `!r<prefix>,l`: one level less specific, exact match excluded.
    OneLess,
    /// `!r<prefix>,L`: all less specific, exact match included.
    AllLess,
    /// `!r<prefix>,M`: all more specific, exact match excluded.
    AllMore,
}

impl RouteSearch {
    /// The option suffix of the `!r` query (`""`, `",o"`, `",l"`, …).
    pub fn suffix(self) -> &'static str {
        match self {
            RouteSearch::Exact => "",
            RouteSearch::ExactOrigins => ",o",
            RouteSearch::OneLess => ",l",
            RouteSearch::AllLess => ",L",
            RouteSearch::AllMore => ",M",
        }
    }
}

/// One line of a `!j` answer: the serial range of a source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SourceSerials {
    /// The source name (upper case).
    pub source: String,
    /// `Y`: the server keeps a journal and can be mirrored; `N`: not;
    /// `None` for `X` (the source is unknown to the server).
    pub mirrorable: Option<bool>,
    /// The serial range `oldest-newest`, when the server has serials.
    pub range: Option<(u64, u64)>,
    /// The serial of the last export, when given.
    pub last_export: Option<u64>,
}

/// Parses the text of a `!j` answer (lines `SOURCE:Y|N|X:oldest-newest[:last]`).
pub fn parse_serials(text: &str) -> Result<Vec<SourceSerials>, WhoisError> {
    let bad = |l: &str| WhoisError::Protocol {
        message: format!("bad !j line {l:?}"),
    };
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut f = line.split(':');
        let source = f.next().unwrap_or_default().to_string();
        let mirrorable = match f.next() {
            Some("Y") => Some(true),
            Some("N") => Some(false),
            Some("X") => None,
            _ => return Err(bad(line)),
        };
        let mut s = SourceSerials {
            source,
            mirrorable,
            range: None,
            last_export: None,
        };
        if mirrorable.is_some() {
            match f.next() {
                Some("-") | None => {}
                Some(r) => {
                    let (a, b) = r.split_once('-').ok_or_else(|| bad(line))?;
                    let a = a.parse().map_err(|_| bad(line))?;
                    let b = b.parse().map_err(|_| bad(line))?;
                    s.range = Some((a, b));
                }
            }
            if let Some(l) = f.next() {
                s.last_export = Some(l.parse().map_err(|_| bad(line))?);
            }
        }
        out.push(s);
    }
    Ok(out)
}

/// Checks that a query can be sent as one line.
fn check_query(q: &str) -> Result<(), WhoisError> {
    if q.trim().is_empty() {
        return Err(WhoisError::invalid("empty query"));
    }
    if q.bytes().any(|b| b == b'\n' || b == b'\r' || b == 0) {
        return Err(WhoisError::invalid(format!(
            "query holds a line break or NUL: {q:?}"
        )));
    }
    Ok(())
}

/// The `!t<seconds>` query for an idle timeout: whole seconds, a fraction
/// rounded up; less than one second cannot be said and is refused (the
/// upper bound is the server's to judge: IRRd 4 answers `F` above 1000).
fn idle_timeout_query(t: Duration) -> Result<String, WhoisError> {
    let secs = t.as_secs() + u64::from(t.subsec_nanos() > 0);
    if t < Duration::from_secs(1) {
        return Err(WhoisError::invalid(format!(
            "idle timeout {t:?} is below one second"
        )));
    }
    Ok(format!("!t{secs}"))
}

/// Checks a name or key used inside a `!` query: no whitespace, no comma.
fn check_param(what: &str, p: &str) -> Result<(), WhoisError> {
    if p.is_empty()
        || p.chars()
            .any(|c| c.is_whitespace() || c == ',' || c == '\0')
    {
        return Err(WhoisError::invalid(format!("bad {what} {p:?}")));
    }
    Ok(())
}

/// Queries written at once by [`WhoisClient::pipeline`] before their answers
/// are read (bounded so neither side's socket buffers can fill up and
/// deadlock both).
const PIPELINE_BATCH_QUERIES: usize = 200;
const PIPELINE_BATCH_BYTES: usize = 16 * 1024;
const READ_CHUNK: usize = 64 * 1024;

/// A whois connection in IRRd multiple-command mode.
#[derive(Debug)]
pub struct WhoisClient {
    stream: TcpStream,
    peer: SocketAddr,
    opts: WhoisOptions,
    buf: Vec<u8>,
    /// Set when the byte stream can no longer be trusted to be in step.
    broken: Option<String>,
}

impl WhoisClient {
    /// Connects to `addr` (`host:port`), switches the server to
    /// multiple-command mode (`!!`) and, if set, sends the client name
    /// (`!n`) and the idle timeout (`!t`), both in one round trip. A server
    /// refusing either fails the connect with [`WhoisError::Server`].
    pub fn connect(addr: &str, opts: WhoisOptions) -> Result<WhoisClient, WhoisError> {
        let mut setup = Vec::new();
        if let Some(name) = &opts.client_name {
            check_param("client name", name)?;
            setup.push(format!("!n{name}"));
        }
        if let Some(t) = opts.idle_timeout {
            setup.push(idle_timeout_query(t)?);
        }
        let conn_err = |message: String| WhoisError::Connect {
            addr: addr.to_string(),
            message,
        };
        let (stream, peer) = match super::tcp::connect(addr, opts.connect_timeout) {
            Ok(c) => c,
            Err(ConnectFailure::Timeout) => {
                return Err(WhoisError::Timeout {
                    what: "connect",
                    after: opts.connect_timeout,
                })
            }
            Err(ConnectFailure::Failed(message)) => return Err(conn_err(message)),
        };
        let io = |e: io::Error| WhoisError::io(&e, "write", opts.read_timeout);
        stream.set_nodelay(true).map_err(io)?;
        stream
            .set_write_timeout(Some(opts.read_timeout.max(Duration::from_millis(1))))
            .map_err(io)?;
        let mut c = WhoisClient {
            stream,
            peer,
            opts,
            buf: Vec::new(),
            broken: None,
        };
        c.write(b"!!\n")?;
        let setup: Vec<&str> = setup.iter().map(String::as_str).collect();
        for a in c.pipeline(&setup)? {
            a.into_result()?;
        }
        Ok(c)
    }

    /// The server's address.
    pub fn peer_addr(&self) -> SocketAddr {
        self.peer
    }

    /// The options in use.
    pub fn options(&self) -> &WhoisOptions {
        &self.opts
    }

    fn check_usable(&self) -> Result<(), WhoisError> {
        match &self.broken {
            Some(why) => Err(WhoisError::Closed {
                message: format!("connection unusable after an earlier error: {why}"),
            }),
            None => Ok(()),
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), WhoisError> {
        let after = self.opts.read_timeout;
        let r = self
            .stream
            .write_all(bytes)
            .and_then(|()| self.stream.flush());
        if let Err(e) = r {
            let e = WhoisError::io(&e, "write", after);
            self.broken = Some(e.to_string());
            return Err(e);
        }
        Ok(())
    }

    /// Sends one raw query (IRRd `!` style or RIPE style) and reads its
    /// answer. Error answers are returned as [`AnswerKind::Error`], not as
    /// `Err`. `!!` and `!q` get no answer: for them an [`AnswerKind::Empty`]
    /// answer is returned without reading (after `!q` the server closes).
    pub fn query(&mut self, q: &str) -> Result<Answer, WhoisError> {
        let mut v = self.pipeline(&[q])?;
        v.pop().ok_or_else(|| WhoisError::Protocol {
            message: "no answer".into(),
        })
    }

    /// Writes several queries in one go and reads their answers in order
    /// (one [`Answer`] per query; see [`WhoisClient::query`]). Long lists are
    /// sent in batches so the socket buffers cannot deadlock.
    pub fn pipeline(&mut self, queries: &[&str]) -> Result<Vec<Answer>, WhoisError> {
        self.check_usable()?;
        for q in queries {
            check_query(q)?;
        }
        let mut out = Vec::with_capacity(queries.len());
        let mut rest = queries;
        while !rest.is_empty() {
            let mut n = 0;
            let mut bytes = Vec::new();
            for q in rest.iter().take(PIPELINE_BATCH_QUERIES) {
                if n > 0 && bytes.len() + q.len() > PIPELINE_BATCH_BYTES {
                    break;
                }
                bytes.extend_from_slice(q.trim().as_bytes());
                bytes.push(b'\n');
                n += 1;
            }
            let (batch, tail) = rest.split_at(n.min(rest.len()));
            rest = tail;
            self.write(&bytes)?;
            for q in batch {
                let style = QueryStyle::of(q);
                if style.expects_answer() {
                    out.push(self.read_answer(style)?);
                } else {
                    if style == QueryStyle::Quit {
                        self.broken = Some("!q sent".into());
                    }
                    out.push(Answer::new(AnswerKind::Empty));
                }
            }
        }
        Ok(out)
    }

    /// Reads one answer of the given style from the connection.
    fn read_answer(&mut self, style: QueryStyle) -> Result<Answer, WhoisError> {
        let r = self.read_answer_inner(style);
        if let Err(e) = &r {
            self.broken = Some(e.to_string());
        }
        r
    }

    fn read_answer_inner(&mut self, style: QueryStyle) -> Result<Answer, WhoisError> {
        let max = self.opts.max_answer_bytes;
        let start = Instant::now();
        let mut chunk = vec![0u8; READ_CHUNK];
        // RIPE-style: where the search for the terminator resumes.
        let mut scanned = 0usize;
        loop {
            let parsed = match style {
                QueryStyle::Ripe => {
                    let from = scanned.saturating_sub(2);
                    let hay = self.buf.get(from..).unwrap_or_default();
                    match memchr::memmem::find(hay, b"\n\n\n") {
                        Some(i) => parse_ripe_answer(
                            self.buf.get(..from + i + 3).unwrap_or_default(),
                            max,
                        )?,
                        None => {
                            scanned = self.buf.len();
                            if self.buf.len() > max.saturating_add(3) {
                                return Err(WhoisError::TooLarge { limit: max });
                            }
                            None
                        }
                    }
                }
                _ => parse_answer_limited(&self.buf, max)?,
            };
            if let Some((answer, used)) = parsed {
                self.buf.drain(..used.min(self.buf.len()));
                return Ok(answer);
            }
            let mut wait = self.opts.read_timeout;
            let mut what = "read";
            if let Some(total) = self.opts.answer_timeout {
                let left = total.saturating_sub(start.elapsed());
                if left.is_zero() {
                    return Err(WhoisError::Timeout {
                        what: "answer",
                        after: total,
                    });
                }
                if left < wait {
                    wait = left;
                    what = "answer";
                }
            }
            let after = if what == "read" {
                self.opts.read_timeout
            } else {
                self.opts.answer_timeout.unwrap_or(wait)
            };
            self.stream
                .set_read_timeout(Some(wait.max(Duration::from_millis(1))))
                .map_err(|e| WhoisError::io(&e, what, after))?;
            let n = loop {
                match self.stream.read(&mut chunk) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(WhoisError::io(&e, what, after)),
                }
            };
            if n == 0 {
                if style == QueryStyle::Ripe && !self.buf.is_empty() {
                    let a = parse_ripe_answer_at_eof(&self.buf, max)?;
                    self.buf.clear();
                    self.broken = Some("server closed the connection".into());
                    return Ok(a);
                }
                return Err(WhoisError::Closed {
                    message: format!(
                        "server closed the connection with {} bytes of an unfinished answer",
                        self.buf.len()
                    ),
                });
            }
            self.buf
                .extend_from_slice(chunk.get(..n).unwrap_or_default());
        }
    }

    /// A typed query: sends `q`, turns error answers into `Err`.
    fn checked(&mut self, q: &str) -> Result<Answer, WhoisError> {
        let a = self.query(q)?.into_result()?;
        if a.kind == AnswerKind::MultipleCopies {
            return Err(WhoisError::Server("multiple copies of the key (E)".into()));
        }
        Ok(a)
    }

    /// `!g<asn>` (IPv4) or `!6<asn>` (IPv6): the prefixes of route(6)
    /// objects with this origin, sorted and de-duplicated. An AS without
    /// routes gives an empty list.
    pub fn prefixes_of(&mut self, asn: Asn, family: Family) -> Result<Vec<Prefix>, WhoisError> {
        let cmd = match family {
            Family::V4 => 'g',
            Family::V6 => '6',
        };
        let a = self.checked(&format!("!{cmd}{asn}"))?;
        parse_prefix_list(&a)
    }

    /// `!i<set>` or `!i<set>,1` (recursive): the members of an as-set or
    /// route-set as the server prints them (ASNs, set names, prefixes with
    /// range operators), sorted and de-duplicated. A missing or empty set
    /// gives an empty list (IRRd answers `D` for both).
    pub fn set_members(&mut self, name: &str, recursive: bool) -> Result<Vec<String>, WhoisError> {
        check_param("set name", name)?;
        let q = format!("!i{name}{}", if recursive { ",1" } else { "" });
        let a = self.checked(&q)?;
        let mut v: Vec<String> = a.text().split_whitespace().map(str::to_string).collect();
        v.sort_unstable();
        v.dedup();
        Ok(v)
    }

    /// `!a<set>` (both families), `!a4<set>` or `!a6<set>`: the prefixes
    /// originated by the members of an as-set, resolved recursively by the
    /// server; sorted and de-duplicated.
    pub fn set_prefixes(
        &mut self,
        name: &str,
        family: Option<Family>,
    ) -> Result<Vec<Prefix>, WhoisError> {
        check_param("set name", name)?;
        let f = match family {
            None => "",
            Some(Family::V4) => "4",
            Some(Family::V6) => "6",
        };
        let a = self.checked(&format!("!a{f}{name}"))?;
        parse_prefix_list(&a)
    }

    /// `!r<prefix>[,o|,l|,L|,M]`: route search. The answer holds RPSL object
    /// text (or origins for [`RouteSearch::ExactOrigins`]); no match is
    /// [`AnswerKind::NotFound`].
    pub fn route_search(
        &mut self,
        prefix: &Prefix,
        how: RouteSearch,
    ) -> Result<Answer, WhoisError> {
        self.checked(&format!("!r{prefix}{}", how.suffix()))
    }

    /// `!r<prefix>,o`: the origin ASes of route objects for exactly this
    /// prefix, sorted and de-duplicated.
    pub fn route_origins(&mut self, prefix: &Prefix) -> Result<Vec<Asn>, WhoisError> {
        let a = self.route_search(prefix, RouteSearch::ExactOrigins)?;
        let mut v = a
            .text()
            .split_whitespace()
            .map(|t| {
                Asn::parse(t).map_err(|e| WhoisError::Protocol {
                    message: format!("bad origin {t:?} in !r answer: {e}"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        v.sort_unstable();
        v.dedup();
        Ok(v)
    }

    /// `!r<prefix>[,l|,L|,M]` with the answer parsed as RPSL (leniently:
    /// attributes IRRd adds, such as `rpki-ov-state`, do not fail it). No
    /// match gives an empty list. [`RouteSearch::ExactOrigins`] answers with
    /// ASNs, not objects, and is refused.
    pub fn route_objects(
        &mut self,
        prefix: &Prefix,
        how: RouteSearch,
    ) -> Result<Vec<RpslObject>, WhoisError> {
        if how == RouteSearch::ExactOrigins {
            return Err(WhoisError::invalid(
                "route_objects with ExactOrigins; use route_origins",
            ));
        }
        let a = self.route_search(prefix, how)?;
        Ok(a.objects(&RpslOptions::lenient())
            .map_err(WhoisError::Rpsl)?
            .objects)
    }

    /// [`WhoisClient::object`] parsed as RPSL (leniently); `None` when not
    /// found.
    pub fn object_parsed(
        &mut self,
        class: &str,
        key: &str,
    ) -> Result<Option<RpslObject>, WhoisError> {
        let a = self.object(class, key)?;
        let parsed = a
            .objects(&RpslOptions::lenient())
            .map_err(WhoisError::Rpsl)?;
        Ok(parsed.objects.into_iter().next())
    }

    /// `!s<a>,<b>,…`: restricts the following queries on this connection to
    /// these sources (in this order of preference).
    pub fn sources(&mut self, sources: &[&str]) -> Result<(), WhoisError> {
        if sources.is_empty() {
            return Err(WhoisError::invalid("no sources"));
        }
        for s in sources {
            check_param("source", s)?;
        }
        self.checked(&format!("!s{}", sources.join(",")))?;
        Ok(())
    }

    /// `!s-lc`: the sources currently queried.
    pub fn source_list(&mut self) -> Result<Vec<String>, WhoisError> {
        let a = self.checked("!s-lc")?;
        Ok(a.text()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// `!j<a>,<b>,…` (or `!j-*` for an empty list: every source): serial
    /// ranges per source.
    pub fn serials(&mut self, sources: &[&str]) -> Result<Vec<SourceSerials>, WhoisError> {
        for s in sources {
            check_param("source", s)?;
        }
        let q = if sources.is_empty() {
            "!j-*".to_string()
        } else {
            format!("!j{}", sources.join(","))
        };
        let a = self.checked(&q)?;
        parse_serials(&a.text())
    }

    /// `!v`: the server's version line, e.g. `IRRd -- version 4.5.4`.
    pub fn version(&mut self) -> Result<String, WhoisError> {
        Ok(self.checked("!v")?.text().into_owned())
    }

    /// `!m<class>,<key>`: one object by class and primary key (a route's key
    /// is prefix and origin, e.g. `192.0.2.0/24AS65001`). Not found is
    /// [`AnswerKind::NotFound`].
    pub fn object(&mut self, class: &str, key: &str) -> Result<Answer, WhoisError> {
        check_param("object class", class)?;
        if key.is_empty() || key.chars().any(|c| c == '\n' || c == '\r' || c == '\0') {
            return Err(WhoisError::invalid(format!("bad key {key:?}")));
        }
        self.checked(&format!("!m{class},{key}"))
    }

    /// `!t<seconds>`: sets the server's idle timeout for this connection
    /// (IRRd accepts 1 to 1000; see [`WhoisOptions::idle_timeout`] to send
    /// it on connect).
    pub fn set_server_timeout(&mut self, seconds: u16) -> Result<(), WhoisError> {
        self.checked(&idle_timeout_query(Duration::from_secs(seconds.into()))?)?;
        Ok(())
    }

    /// A RIPE-style query such as `-s RADB -K -T route -i origin AS64500`.
    /// `%  No entries found` is [`AnswerKind::NotFound`]; `%% ERROR:` is
    /// [`AnswerKind::Error`].
    pub fn ripe(&mut self, query: &str) -> Result<Answer, WhoisError> {
        if QueryStyle::of(query) != QueryStyle::Ripe {
            return Err(WhoisError::invalid(format!(
                "not a RIPE-style query: {query:?}"
            )));
        }
        self.query(query)
    }

    /// Sends `!q` and closes the connection.
    pub fn quit(mut self) -> Result<(), WhoisError> {
        if self.broken.is_none() {
            self.write(b"!q\n")?;
        }
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
        Ok(())
    }
}

/// Space-separated prefixes of a `!g`/`!6`/`!a` answer, sorted, unique.
fn parse_prefix_list(a: &Answer) -> Result<Vec<Prefix>, WhoisError> {
    let text = a.text();
    let mut v = text
        .split_whitespace()
        .map(|t| {
            Prefix::parse(t).map_err(|e| WhoisError::Protocol {
                message: format!("bad prefix {t:?} in answer: {e}"),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    v.sort_unstable();
    v.dedup();
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_lines() {
        let v = parse_serials("TESTDB:N:-\nRADB:Y:0-42:40\nFOO:X:Database unknown").unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].mirrorable, Some(false));
        assert_eq!(v[0].range, None);
        assert_eq!(v[1].range, Some((0, 42)));
        assert_eq!(v[1].last_export, Some(40));
        assert_eq!(v[2].mirrorable, None);
        assert!(parse_serials("X:Q:1").is_err());
        assert!(parse_serials("X:Y:1-a").is_err());
    }

    #[test]
    fn idle_timeout_queries() {
        let q = |ms| idle_timeout_query(Duration::from_millis(ms));
        assert_eq!(q(300_000).unwrap(), "!t300");
        assert_eq!(q(1_000).unwrap(), "!t1");
        assert_eq!(q(1_500).unwrap(), "!t2");
        assert_eq!(q(999).unwrap_err().kind(), "invalid-query");
        assert_eq!(q(0).unwrap_err().kind(), "invalid-query");
    }

    #[test]
    fn query_checks() {
        assert!(check_query("!gAS1\n!gAS2").is_err());
        assert!(check_query("  ").is_err());
        assert!(check_query("!gAS1").is_ok());
        assert!(check_param("set", "AS-A,1").is_err());
        assert!(check_param("set", "AS-A").is_ok());
    }

    #[test]
    fn route_search_suffixes() {
        assert_eq!(RouteSearch::AllMore.suffix(), ",M");
        assert_eq!(RouteSearch::Exact.suffix(), "");
    }
}
