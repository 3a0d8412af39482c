//! The answer framing of IRRd's whois protocol, as a pure parser (no I/O).
//!
//! IRRd-style (`!`) answers are one of
//!
//! * `A<length>\n<length bytes of data>C\n` — data; the length counts bytes
//!   and includes the data's final newline,
//! * `C\n` — success without data,
//! * `D\n` — key not found,
//! * `E\n` — multiple copies of a key (legacy IRRd; IRRd 4 never sends it),
//! * `F <message>\n` — an error.
//!
//! RIPE-style answers are text ended by two empty lines (`\n\n\n`): RPSL
//! objects separated by one empty line, `%  No entries found …` or
//! `%% ERROR: …`. Servers that are not IRRd may instead end a RIPE-style
//! answer by closing the connection; see [`parse_ripe_answer_at_eof`].

use std::borrow::Cow;

use super::WhoisError;
use crate::parse::rpsl::RpslError;
use crate::parse::rpsl::{parse_all, ParsedRpsl, RpslOptions};

/// Default cap on the data of one answer: 64 MiB.
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 64 * 1024 * 1024;

/// Longest header or `F` message line accepted (bytes, newline excluded).
pub const MAX_LINE_LEN: usize = 64 * 1024;

/// How a server answers a query, decided by the query's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QueryStyle {
    /// An IRRd-style `!` query: answered with `A`/`C`/`D`/`E`/`F` framing.
    Irrd,
    /// A RIPE-style query (anything not starting with `!`): answered with
    /// text ending in two empty lines.
    Ripe,
    /// `!!` (multiple-command mode): the server sends nothing back.
    NoAnswer,
    /// `!q`: the server closes the connection without an answer.
    Quit,
}

impl QueryStyle {
    /// The style of `query` (leading and trailing whitespace ignored, as the
    /// server does). `-V <agent> !…` is IRRd-style, as in IRRd 4.
    pub fn of(query: &str) -> QueryStyle {
        let q = query.trim();
        if q == "!!" {
            return QueryStyle::NoAnswer;
        }
        if q.eq_ignore_ascii_case("!q") {
            return QueryStyle::Quit;
        }
        if q.starts_with('!') {
            return QueryStyle::Irrd;
        }
        if let Some(rest) = q.strip_prefix("-V ") {
            let mut parts = rest.splitn(2, ' ');
            let _agent = parts.next();
            if parts.next().is_some_and(|r| r.starts_with('!')) {
                return QueryStyle::Irrd;
            }
        }
        QueryStyle::Ripe
    }

    /// Whether the server sends an answer to a query of this style.
    pub fn expects_answer(self) -> bool {
        matches!(self, QueryStyle::Irrd | QueryStyle::Ripe)
    }
}

/// What kind of answer a server gave.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AnswerKind {
    /// Data follows (`A<len>`, or a RIPE-style answer with objects).
    Data,
    /// Success without data (`C`).
    Empty,
    /// Key not found (`D`, or RIPE-style `%  No entries found`).
    NotFound,
    /// Multiple copies of the key (`E`, legacy IRRd only).
    MultipleCopies,
    /// The server reported an error (`F <message>`, or RIPE-style
    /// `%% ERROR: <message>`); the message, without the prefix.
    Error(String),
}

/// One answer from a whois server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Answer {
    /// What kind of answer it is.
    pub kind: AnswerKind,
    /// The data: for `A` answers exactly the counted bytes (with the final
    /// newline); for RIPE-style answers the text without the two closing
    /// empty lines; empty otherwise.
    pub data: Vec<u8>,
}

impl Answer {
    /// An answer without data.
    pub fn new(kind: AnswerKind) -> Answer {
        Answer {
            kind,
            data: Vec::new(),
        }
    }

    /// A data answer.
    pub fn data(data: Vec<u8>) -> Answer {
        Answer {
            kind: AnswerKind::Data,
            data,
        }
    }

    /// The data as text (invalid UTF-8 replaced), without the final newline.
    pub fn text(&self) -> Cow<'_, str> {
        let d = self.data.strip_suffix(b"\n").unwrap_or(&self.data);
        String::from_utf8_lossy(d)
    }

    /// Whether the answer carries data.
    pub fn is_data(&self) -> bool {
        self.kind == AnswerKind::Data
    }

    /// The data parsed as RPSL objects with [`parse_all`] (for `!m`, `!r`
    /// and RIPE-style answers); an answer without data gives no objects.
    pub fn objects(&self, opts: &RpslOptions) -> Result<ParsedRpsl, RpslError> {
        if self.kind != AnswerKind::Data {
            return Ok(ParsedRpsl::default());
        }
        parse_all(&self.data, opts)
    }

    /// `Err(WhoisError::Server(message))` for an error answer, else `Ok(self)`.
    pub fn into_result(self) -> Result<Answer, WhoisError> {
        match self.kind {
            AnswerKind::Error(m) => Err(WhoisError::Server(m)),
            _ => Ok(self),
        }
    }

    /// The answer as IRRd sends it for an IRRd-style query (the inverse of
    /// [`parse_answer`]). Tests and fuzz targets only (fake servers).
    #[cfg(any(test, feature = "__testing"))]
    #[doc(hidden)]
    pub fn to_irrd_wire(&self) -> Vec<u8> {
        match &self.kind {
            AnswerKind::Data => {
                let mut out = format!("A{}\n", self.data.len()).into_bytes();
                out.extend_from_slice(&self.data);
                out.extend_from_slice(b"C\n");
                out
            }
            AnswerKind::Empty => b"C\n".to_vec(),
            AnswerKind::NotFound => b"D\n".to_vec(),
            AnswerKind::MultipleCopies => b"E\n".to_vec(),
            AnswerKind::Error(m) => format!("F {m}\n").into_bytes(),
        }
    }

    /// The answer as IRRd sends it for a RIPE-style query (the inverse of
    /// [`parse_ripe_answer`]). Tests and fuzz targets only (fake servers).
    #[cfg(any(test, feature = "__testing"))]
    #[doc(hidden)]
    pub fn to_ripe_wire(&self) -> Vec<u8> {
        let mut out = match &self.kind {
            AnswerKind::Data => self.data.clone(),
            AnswerKind::Empty | AnswerKind::NotFound | AnswerKind::MultipleCopies => {
                NO_ENTRIES.to_vec()
            }
            AnswerKind::Error(m) => format!("{RIPE_ERROR}{m}").into_bytes(),
        };
        out.extend_from_slice(b"\n\n\n");
        out
    }
}

const NO_ENTRIES: &[u8] = b"%  No entries found for the selected source(s).";
const RIPE_ERROR: &str = "%% ERROR: ";

fn protocol(message: impl Into<String>) -> WhoisError {
    WhoisError::Protocol {
        message: message.into(),
    }
}

/// A short printable excerpt of bytes for error messages.
fn excerpt(b: &[u8]) -> String {
    let cut = b.get(..b.len().min(40)).unwrap_or(b);
    format!("{:?}", String::from_utf8_lossy(cut))
}

/// The first line of `buf` (without `\n`) and the bytes consumed with it;
/// `None` when no newline yet. Errors when a line exceeds [`MAX_LINE_LEN`].
fn line(buf: &[u8]) -> Result<Option<(&[u8], usize)>, WhoisError> {
    match memchr::memchr(b'\n', buf) {
        Some(i) if i > MAX_LINE_LEN => Err(protocol(format!(
            "answer line longer than {MAX_LINE_LEN} bytes"
        ))),
        Some(i) => Ok(buf.get(..i).map(|l| (l, i + 1))),
        None if buf.len() > MAX_LINE_LEN => Err(protocol(format!(
            "answer line longer than {MAX_LINE_LEN} bytes"
        ))),
        None => Ok(None),
    }
}

/// Parses one IRRd-style answer at the start of `buf`, with the default cap
/// [`DEFAULT_MAX_ANSWER_BYTES`] on its data.
///
/// Returns `Ok(None)` when `buf` holds only the beginning of an answer (read
/// more and call again), or the answer and the number of bytes it took
/// (examples: the test `parse_answer_examples`). The client uses
/// [`parse_answer_limited`]; this wrapper exists for tests and fuzz targets.
#[cfg(any(test, feature = "__testing"))]
pub fn parse_answer(buf: &[u8]) -> Result<Option<(Answer, usize)>, WhoisError> {
    parse_answer_limited(buf, DEFAULT_MAX_ANSWER_BYTES)
}

/// Parses one IRRd-style answer at the start of `buf` (`Ok(None)`: only its
/// beginning is there yet), with an explicit cap on the data length: an `A`
/// header announcing more than `max_data` bytes is [`WhoisError::TooLarge`]
/// at once, before any data arrives.
pub fn parse_answer_limited(
    buf: &[u8],
    max_data: usize,
) -> Result<Option<(Answer, usize)>, WhoisError> {
    let Some(&first) = buf.first() else {
        return Ok(None);
    };
    match first {
        b'A' => {
            // A header longer than 21 digits cannot be a valid length.
            let Some((head, used)) = line(buf)? else {
                if buf.len() > 22 {
                    return Err(protocol(format!("bad A header {}", excerpt(buf))));
                }
                return Ok(None);
            };
            let digits = head.get(1..).unwrap_or_default();
            if digits.is_empty() || digits.len() > 20 || !digits.iter().all(u8::is_ascii_digit) {
                return Err(protocol(format!("bad A header {}", excerpt(head))));
            }
            let mut len: u64 = 0;
            for d in digits {
                len = len
                    .checked_mul(10)
                    .and_then(|l| l.checked_add(u64::from(d - b'0')))
                    .ok_or_else(|| protocol("A length overflows"))?;
            }
            let len = match usize::try_from(len) {
                Ok(l) if l <= max_data => l,
                _ => return Err(WhoisError::TooLarge { limit: max_data }),
            };
            let rest = buf.get(used..).unwrap_or_default();
            if rest.len() < len.saturating_add(2) {
                // Detect a bad trailer as soon as its bytes are there.
                if let Some(t) = rest.get(len..) {
                    if !b"C\n".starts_with(t) {
                        return Err(bad_trailer(t));
                    }
                }
                return Ok(None);
            }
            let (data, tail) = rest.split_at(len);
            if tail.get(..2) != Some(b"C\n".as_slice()) {
                return Err(bad_trailer(tail));
            }
            Ok(Some((Answer::data(data.to_vec()), used + len + 2)))
        }
        b'C' | b'D' | b'E' => {
            let Some(&second) = buf.get(1) else {
                return Ok(None);
            };
            if second != b'\n' {
                return Err(protocol(format!("bad answer line {}", excerpt(buf))));
            }
            let kind = match first {
                b'C' => AnswerKind::Empty,
                b'D' => AnswerKind::NotFound,
                _ => AnswerKind::MultipleCopies,
            };
            Ok(Some((Answer::new(kind), 2)))
        }
        b'F' => {
            let Some((l, used)) = line(buf)? else {
                return Ok(None);
            };
            let msg = l.get(1..).unwrap_or_default();
            let msg = msg.strip_prefix(b" ").unwrap_or(msg);
            let msg = String::from_utf8_lossy(msg).into_owned();
            Ok(Some((Answer::new(AnswerKind::Error(msg)), used)))
        }
        _ => Err(protocol(format!(
            "answer starts with {}, expected A, C, D, E or F",
            excerpt(buf)
        ))),
    }
}

fn bad_trailer(t: &[u8]) -> WhoisError {
    protocol(format!(
        "A answer data not followed by \"C\\n\" but {}",
        excerpt(t)
    ))
}

/// Classifies the text of a complete RIPE-style answer (terminator removed).
fn ripe_answer(text: &[u8]) -> Answer {
    let trimmed = text.strip_suffix(b"\n").unwrap_or(text);
    if trimmed == NO_ENTRIES {
        return Answer::new(AnswerKind::NotFound);
    }
    if let Some(m) = trimmed.strip_prefix(RIPE_ERROR.as_bytes()) {
        if memchr::memchr(b'\n', m).is_none() {
            return Answer::new(AnswerKind::Error(String::from_utf8_lossy(m).into_owned()));
        }
    }
    Answer::data(text.to_vec())
}

/// Parses one RIPE-style answer at the start of `buf` as IRRd frames it: the
/// text up to the first two empty lines (`\n\n\n`). `Ok(None)` means more
/// bytes are needed; more than `max_data` bytes without the end is
/// [`WhoisError::TooLarge`].
///
/// `%  No entries found …` becomes [`AnswerKind::NotFound`] and
/// `%% ERROR: <message>` becomes [`AnswerKind::Error`].
pub fn parse_ripe_answer(
    buf: &[u8],
    max_data: usize,
) -> Result<Option<(Answer, usize)>, WhoisError> {
    match memchr::memmem::find(buf, b"\n\n\n") {
        Some(i) if i > max_data => Err(WhoisError::TooLarge { limit: max_data }),
        Some(i) => Ok(buf.get(..i).map(|t| (ripe_answer(t), i + 3))),
        None if buf.len() > max_data.saturating_add(3) => {
            Err(WhoisError::TooLarge { limit: max_data })
        }
        None => Ok(None),
    }
}

/// The RIPE-style answer in `buf` when the server closed the connection
/// before sending two empty lines (servers that answer one query per
/// connection do so); trailing newlines are dropped.
pub fn parse_ripe_answer_at_eof(buf: &[u8], max_data: usize) -> Result<Answer, WhoisError> {
    let mut t = buf;
    while let Some(s) = t.strip_suffix(b"\n") {
        t = s;
    }
    if t.len() > max_data {
        return Err(WhoisError::TooLarge { limit: max_data });
    }
    Ok(ripe_answer(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(b: &[u8]) -> (Answer, usize) {
        parse_answer(b).unwrap().unwrap()
    }

    /// Formerly the doctest of `parse_answer` (a hidden, test-only item now).
    #[test]
    fn parse_answer_examples() {
        let (a, used) = parse_answer(b"A4\nAS1\nC\nD\n").unwrap().unwrap();
        assert_eq!(
            (&a.kind, a.text().as_ref(), used),
            (&AnswerKind::Data, "AS1", 9)
        );
        assert_eq!(parse_answer(b"A4\nAS").unwrap(), None);
        assert!(parse_answer(b"X\n").is_err());
    }

    #[test]
    fn each_kind() {
        let (a, n) = one(b"A22\nIRRd -- version 4.5.4\nC\n");
        assert_eq!(a.kind, AnswerKind::Data);
        assert_eq!(a.text(), "IRRd -- version 4.5.4");
        assert_eq!(n, 28);
        assert_eq!(one(b"C\nxyz"), (Answer::new(AnswerKind::Empty), 2));
        assert_eq!(one(b"D\n"), (Answer::new(AnswerKind::NotFound), 2));
        assert_eq!(one(b"E\n"), (Answer::new(AnswerKind::MultipleCopies), 2));
        let (f, n) = one(b"F Invalid route search option: m\nC\n");
        assert_eq!(
            f.kind,
            AnswerKind::Error("Invalid route search option: m".into())
        );
        assert_eq!(n, 33);
        assert_eq!(one(b"F\n").0.kind, AnswerKind::Error(String::new()));
    }

    #[test]
    fn length_counts_bytes_not_chars() {
        let text = "descr: Zürich\n";
        let wire = format!("A{}\n{text}C\n", text.len());
        let (a, n) = one(wire.as_bytes());
        assert_eq!(a.text(), "descr: Zürich");
        assert_eq!(n, wire.len());
    }

    #[test]
    fn incomplete_needs_more() {
        for b in [
            &b""[..],
            b"A",
            b"A12",
            b"A3\nab",
            b"A3\nabc",
            b"A3\nabcC",
            b"C",
            b"F oops",
        ] {
            assert_eq!(parse_answer(b).unwrap(), None, "{b:?}");
        }
    }

    #[test]
    fn malformed_is_protocol_error() {
        for b in [
            &b"X\n"[..],
            b"%% Access denied",
            b"A\n",
            b"Ax\n",
            b"A-3\nabc",
            b"A3\nabcD\n",
            b"A3\nabc\n",
            b"A3\nabcX",
            b"A3\nabcCC",
            b"Cx",
            b"DD",
            b"A123456789012345678901\n",
            b"A99999999999999999999\n",
            b"A1234567890123456789012345",
        ] {
            let e = parse_answer(b);
            assert!(
                matches!(
                    e,
                    Err(WhoisError::Protocol { .. } | WhoisError::TooLarge { .. })
                ),
                "{b:?}: {e:?}"
            );
        }
        assert!(matches!(
            parse_answer(b"A99999999999999999999\n"),
            Err(WhoisError::Protocol { .. })
        ));
    }

    #[test]
    fn long_lines_are_capped() {
        let mut f = b"F ".to_vec();
        f.resize(MAX_LINE_LEN + 10, b'x');
        assert!(matches!(parse_answer(&f), Err(WhoisError::Protocol { .. })));
    }

    #[test]
    fn cap_before_data() {
        assert_eq!(
            parse_answer(b"A999999999\n"),
            Err(WhoisError::TooLarge {
                limit: DEFAULT_MAX_ANSWER_BYTES
            })
        );
        assert_eq!(
            parse_answer_limited(b"A11\n", 10),
            Err(WhoisError::TooLarge { limit: 10 })
        );
        assert!(parse_answer_limited(b"A10\n", 10).unwrap().is_none());
    }

    #[test]
    fn ripe_framing() {
        let wire = b"as-set: AS-X\nsource: T\n\nas-set: AS-Y\nsource: T\n\n\nC\n";
        let (a, n) = parse_ripe_answer(wire, 1000).unwrap().unwrap();
        assert_eq!(a.kind, AnswerKind::Data);
        assert_eq!(
            a.data,
            b"as-set: AS-X\nsource: T\n\nas-set: AS-Y\nsource: T"
        );
        assert_eq!(n, wire.len() - 2);
        let (a, _) = parse_ripe_answer(
            b"%  No entries found for the selected source(s).\n\n\n",
            1000,
        )
        .unwrap()
        .unwrap();
        assert_eq!(a.kind, AnswerKind::NotFound);
        let (a, _) = parse_ripe_answer(b"%% ERROR: bad flag\n\n\n", 1000)
            .unwrap()
            .unwrap();
        assert_eq!(a.kind, AnswerKind::Error("bad flag".into()));
        assert_eq!(parse_ripe_answer(b"x\n\n", 1000).unwrap(), None);
        assert_eq!(
            parse_ripe_answer(b"xxxxxxxx", 4),
            Err(WhoisError::TooLarge { limit: 4 })
        );
        assert_eq!(
            parse_ripe_answer_at_eof(b"route: x\n\n", 100).unwrap().data,
            b"route: x"
        );
    }

    #[test]
    fn query_styles() {
        assert_eq!(QueryStyle::of("!!"), QueryStyle::NoAnswer);
        assert_eq!(QueryStyle::of(" !Q "), QueryStyle::Quit);
        assert_eq!(QueryStyle::of("!gAS1"), QueryStyle::Irrd);
        assert_eq!(QueryStyle::of("-V rg !gAS1"), QueryStyle::Irrd);
        assert_eq!(QueryStyle::of("-V rg -r AS1"), QueryStyle::Ripe);
        assert_eq!(QueryStyle::of("-s X -T as-set AS-A"), QueryStyle::Ripe);
    }

    fn arb_answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200).prop_map(Answer::data),
            Just(Answer::new(AnswerKind::Empty)),
            Just(Answer::new(AnswerKind::NotFound)),
            Just(Answer::new(AnswerKind::MultipleCopies)),
            "[^\n\r]{0,50}".prop_map(|m| {
                // A leading space is eaten by the `F <message>` separator.
                Answer::new(AnswerKind::Error(m.trim_start_matches(' ').to_string()))
            }),
        ]
    }

    /// Slow reference: parse the whole concatenation by feeding byte ranges
    /// split at arbitrary points and only accepting an answer once complete.
    fn parse_incrementally(wire: &[u8], cuts: &[usize]) -> Vec<Answer> {
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (wire.len() + 1)).collect();
        cuts.push(wire.len());
        cuts.sort_unstable();
        let mut buf = Vec::new();
        let mut fed = 0;
        let mut out = Vec::new();
        for c in cuts {
            buf.extend_from_slice(&wire[fed..c]);
            fed = c;
            while let Some((a, n)) = parse_answer(&buf).unwrap() {
                out.push(a);
                buf.drain(..n);
            }
        }
        assert!(buf.is_empty(), "left over: {buf:?}");
        out
    }

    proptest! {
        #[test]
        fn render_split_parse(answers in proptest::collection::vec(arb_answer(), 0..8),
                              cuts in proptest::collection::vec(any::<usize>(), 0..10)) {
            let wire: Vec<u8> = answers.iter().flat_map(Answer::to_irrd_wire).collect();
            prop_assert_eq!(parse_incrementally(&wire, &cuts), answers);
        }

        #[test]
        fn ripe_render_parse(objs in proptest::collection::vec("[a-z]{1,8}: [ -~]{0,20}", 1..6)) {
            let text = objs.join("\n\n");
            let a = Answer::data(text.clone().into_bytes());
            let wire = a.to_ripe_wire();
            for cut in 0..wire.len() {
                prop_assert_eq!(parse_ripe_answer(&wire[..cut], 1 << 20).unwrap(), None);
            }
            let (b, n) = parse_ripe_answer(&wire, 1 << 20).unwrap().unwrap();
            prop_assert_eq!(n, wire.len());
            prop_assert_eq!(b, a);
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = parse_answer(&bytes);
            let _ = parse_answer_limited(&bytes, 5);
            let _ = parse_ripe_answer(&bytes, 5);
        }
    }
}
