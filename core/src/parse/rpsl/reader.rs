//! The streaming reader: objects from a [`BufRead`] in a reused buffer.

use std::io::BufRead;

use super::lex::is_blank;

/// The UTF-8 byte order mark (skipped at the start of the input).
const BOM: &[u8] = b"\xef\xbb\xbf";
use super::{Loader, RawObject, RpslOptions};
use crate::diag::Mode;
use crate::model::rpsl::RpslObject;
use crate::parse::rpsl::{RpslError, RpslErrorKind};

/// Reads RPSL objects from a [`BufRead`] without holding the whole input:
/// one object at a time in an internal buffer, at most
/// [`RpslOptions::max_object_bytes`] long. An oversized object is an error
/// in strict mode and skipped with a warning in lenient mode; its bytes past
/// the limit are read and dropped, never buffered.
///
/// [`RpslReader::next_raw`] yields exactly the objects (bytes and lines)
/// that [`super::objects`] yields on the same input;
/// [`RpslReader::next_object`] validates them as [`super::parse_all`] does.
#[derive(Debug)]
pub struct RpslReader<R: BufRead> {
    src: R,
    buf: Vec<u8>,
    line_buf: Vec<u8>,
    /// A line read but not yet used (it starts the next object).
    pending: Option<LineInfo>,
    /// The line number of the next line to read.
    line: usize,
    started: bool,
    state: Loader,
    /// The error behind the last [`RpslErrorKind::Io`] error, until taken.
    io_error: Option<std::io::Error>,
}

/// One line read into the line buffer.
#[derive(Clone, Copy, Debug, Default)]
struct LineInfo {
    /// Its 1-based line number.
    line: usize,
    /// Whether bytes past the object limit were dropped.
    overflow: bool,
    /// Whether the whole line is whitespace.
    blank: bool,
    /// Its first byte.
    first: Option<u8>,
}

impl<R: BufRead> RpslReader<R> {
    /// A reader over `src`.
    pub fn new(src: R, opts: RpslOptions) -> Self {
        RpslReader {
            src,
            buf: Vec::new(),
            line_buf: Vec::new(),
            pending: None,
            line: 1,
            started: false,
            state: Loader::new(opts),
            io_error: None,
        }
    }

    /// The [`std::io::Error`] behind the last [`RpslErrorKind::Io`] error
    /// (whose message is its text), once: for callers that want the typed
    /// error back (e.g. [`crate::io::IoError::from_io`] recovers the file
    /// opener's).
    pub fn take_io_error(&mut self) -> Option<std::io::Error> {
        self.io_error.take()
    }

    /// Warnings collected so far (lenient mode).
    pub fn warnings(&self) -> &[RpslError] {
        &self.state.warnings
    }

    /// Objects skipped so far (lenient mode; oversized ones included).
    pub fn skipped(&self) -> usize {
        self.state.skipped
    }

    /// Legacy deleted objects skipped so far (lenient mode).
    pub fn deleted(&self) -> usize {
        self.state.deleted
    }

    /// Reads one line (without `\n`) into the line buffer, dropping bytes
    /// past the object limit; `None` at the end of the input.
    fn next_line(&mut self) -> Result<Option<LineInfo>, RpslError> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        self.line_buf.clear();
        let limit = self.state.opts.max_object_bytes;
        // The first line has room for a byte order mark (removed below).
        let first_line = !self.started;
        let cap = if first_line {
            limit.saturating_add(BOM.len())
        } else {
            limit
        };
        // Leading bytes of the first line that match the byte order mark
        // (not counted when deciding whether the line is blank).
        let mut bom_seen = 0usize;
        let mut bom_matching = first_line;
        let mut any = false;
        let mut info = LineInfo {
            line: self.line,
            blank: true,
            ..LineInfo::default()
        };
        loop {
            let chunk = match self.src.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let error = RpslError::at(self.line, 0, RpslErrorKind::Io(e.to_string()));
                    self.io_error = Some(e);
                    return Err(error);
                }
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            let part = chunk.get(..take).unwrap_or_default();
            if info.first.is_none() {
                info.first = part.first().copied();
            }
            let mut rest = part;
            if bom_matching {
                while let (Some(a), Some(b)) = (rest.first(), BOM.get(bom_seen)) {
                    if a != b {
                        break;
                    }
                    rest = rest.get(1..).unwrap_or_default();
                    bom_seen += 1;
                }
                bom_matching = rest.is_empty() && bom_seen < BOM.len();
            }
            info.blank = info.blank && is_blank(rest);
            let room = cap.saturating_sub(self.line_buf.len());
            if part.len() > room {
                info.overflow = true;
                self.line_buf
                    .extend_from_slice(part.get(..room).unwrap_or_default());
            } else {
                self.line_buf.extend_from_slice(part);
            }
            self.src.consume(if done { take + 1 } else { take });
            if done {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if first_line {
            self.started = true;
            if bom_seen == BOM.len() && self.line_buf.starts_with(BOM) {
                self.line_buf.drain(..BOM.len());
                info.first = self.line_buf.first().copied();
            } else {
                // A partial mark is not whitespace.
                if bom_seen > 0 {
                    info.blank = false;
                }
                if self.line_buf.len() > limit {
                    info.overflow = true;
                    self.line_buf.truncate(limit);
                }
            }
        }
        self.line += 1;
        Ok(Some(info))
    }

    /// Appends the line buffer to the object buffer, or marks overflow.
    fn append_line(&mut self, info: &LineInfo, overflow: &mut bool) {
        if *overflow {
            return;
        }
        let sep = usize::from(!self.buf.is_empty());
        if info.overflow
            || self.buf.len() + sep + self.line_buf.len() > self.state.opts.max_object_bytes
        {
            *overflow = true;
            return;
        }
        if sep == 1 {
            self.buf.push(b'\n');
        }
        self.buf.extend_from_slice(&self.line_buf);
    }

    /// Reads the next object into the buffer; returns its line.
    fn fill_next(&mut self) -> Option<Result<usize, RpslError>> {
        loop {
            match self.fill_one() {
                Ok(Some(r)) => return Some(r),
                Ok(None) => return None,
                Err(()) => continue,
            }
        }
    }

    /// One object; `Err(())` when an oversized object was skipped.
    #[allow(clippy::type_complexity)]
    fn fill_one(&mut self) -> Result<Option<Result<usize, RpslError>>, ()> {
        // Skip lines between objects.
        let first = loop {
            match self.next_line() {
                Err(e) => return Ok(Some(Err(e))),
                Ok(None) => return Ok(None),
                Ok(Some(info)) => {
                    let skipped = info.blank || matches!(info.first, Some(b'%' | b'#'));
                    if !skipped {
                        break info;
                    }
                }
            }
        };
        self.buf.clear();
        let mut overflow = false;
        self.append_line(&first, &mut overflow);
        let start_line = first.line;
        let starts_with_continuation = matches!(first.first, Some(b' ' | b'\t' | b'+'));
        // A run of whitespace-only lines starting with a space or a tab:
        // the buffer length and overflow state before it.
        let mut run: Option<(usize, bool)> = None;
        loop {
            let info = match self.next_line() {
                Err(e) => return Ok(Some(Err(e))),
                Ok(None) => {
                    if let Some((l, o)) = run {
                        self.buf.truncate(l);
                        overflow = o;
                    }
                    break;
                }
                Ok(Some(info)) => info,
            };
            let ws_cont = info.blank && matches!(info.first, Some(b' ' | b'\t'));
            let cont = !info.blank && matches!(info.first, Some(b' ' | b'\t' | b'+'));
            if info.blank && !ws_cont {
                if let Some((l, o)) = run {
                    self.buf.truncate(l);
                    overflow = o;
                }
                break;
            }
            if ws_cont {
                if run.is_none() {
                    run = Some((self.buf.len(), overflow));
                }
                self.append_line(&info, &mut overflow);
                continue;
            }
            if let Some((l, o)) = run {
                if !cont {
                    // The run ended the object; this line is read again.
                    self.buf.truncate(l);
                    overflow = o;
                    self.pending = Some(info);
                    break;
                }
            }
            run = None;
            self.append_line(&info, &mut overflow);
        }
        if starts_with_continuation {
            return Ok(Some(Err(super::lex::continuation_start(start_line))));
        }
        if overflow {
            let e = RpslError::at(
                start_line,
                0,
                RpslErrorKind::Limit(format!(
                    "object exceeds max_object_bytes {}",
                    self.state.opts.max_object_bytes
                )),
            );
            return match self.state.opts.mode {
                Mode::Strict => Ok(Some(Err(e))),
                Mode::Lenient => {
                    self.state.skipped += 1;
                    if self.state.warnings.len() < self.state.opts.max_warnings {
                        self.state.warnings.push(e);
                    }
                    Err(())
                }
            };
        }
        Ok(Some(Ok(start_line)))
    }

    /// The next object's bytes (as [`RawObject::text`]) and 1-based line.
    pub fn next_raw(&mut self) -> Option<Result<(&[u8], usize), RpslError>> {
        match self.fill_next()? {
            Ok(line) => Some(Ok((&self.buf, line))),
            Err(e) => Some(Err(e)),
        }
    }

    /// The next valid object; in lenient mode bad objects are skipped (see
    /// [`RpslReader::warnings`]).
    pub fn next_object(&mut self) -> Option<Result<RpslObject, RpslError>> {
        loop {
            let line = match self.fill_next()? {
                Ok(line) => line,
                Err(e) => match self.state.bad(e) {
                    Ok(()) => continue,
                    Err(e) => return Some(Err(e)),
                },
            };
            let raw = RawObject::new(&self.buf, line);
            match self.state.process(&raw) {
                Ok(Some(o)) => return Some(Ok(o)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
