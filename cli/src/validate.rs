//! `routeguard validate`: RFC 6811 origin validation of one route given on
//! the command line, or of many routes read from standard input.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgGroup, Args, ValueEnum};
use routeguard::parse::bgp::{parse_origin_line, OriginLine, RouteLineOptions};
use routeguard::parse::{ParseError, ParseErrorKind};
use routeguard::{Asn, InvalidReason, Prefix, RovIndex, RovResult, RovState};
use serde::Serialize;

use crate::fmt::{push_asn, push_prefix};
use crate::input::{is_stdin, Output};
use crate::load::{self, LoadArgs, RtrArgs, MAX_PRINTED_WARNINGS};
use crate::progress::{self, Progress};
use routeguard::validate::rov::{origin_states, validate_origin};

/// A route to validate.
type Route = OriginLine;

/// Routes validated per batch when reading from a pipe or file.
const BATCH: usize = 16 * 1024;
/// Longest input line accepted (an AS path of 4096 ASes fits easily).
const MAX_LINE: usize = 1 << 20;
/// Width of the prefix column in text output.
const PREFIX_WIDTH: usize = 24;
/// Width of the origin column in text output (`AS4294967295`).
const ORIGIN_WIDTH: usize = 12;

/// Output formats of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// Aligned columns; a single query also lists the deciding VRPs.
    Text,
    /// `prefix,origin,state[,reason]`, one line per route, in input order.
    Csv,
    /// A JSON object (single query) or an array of objects (stdin).
    Json,
}

/// Arguments of `routeguard validate`.
#[derive(Args, Debug)]
#[command(after_long_help = VALIDATE_HELP)]
#[command(group(ArgGroup::new("vrp_source").args(["vrps", "rtr"]).required(true)))]
pub struct ValidateArgs {
    /// The VRP file (any supported format, sniffed; .gz and .bz2 are
    /// decompressed). `-` reads it from stdin (only with PREFIX ORIGIN).
    #[arg(long, value_name = "FILE", conflicts_with = "rtr")]
    pub vrps: Option<PathBuf>,

    #[command(flatten)]
    pub rtr: RtrArgs,

    #[command(flatten)]
    pub load: LoadArgs,

    /// Output format [default: text for a single query, csv for stdin].
    #[arg(long, value_enum)]
    pub format: Option<ResultFormat>,

    /// Print a header line first (csv and text).
    #[arg(long)]
    pub header: bool,

    /// Parse prefixes relaxed: clear host bits, read a bare address as a
    /// host route. The default is strict.
    #[arg(long)]
    pub relaxed: bool,

    /// Exit with status 1 when any route is invalid.
    #[arg(long)]
    pub fail_on_invalid: bool,

    /// The route's prefix. Without it, routes are read from stdin.
    #[arg(value_name = "PREFIX", requires = "origin")]
    pub prefix: Option<String>,

    /// The origin AS (64500, AS64500, 1.10), or an AS path whose origin is
    /// taken (quote AS_SETs: '{64500,64501}').
    #[arg(value_name = "ORIGIN", num_args = 1..)]
    pub origin: Vec<String>,
}

const VALIDATE_HELP: &str = "\
Input (stdin): one route per line, PREFIX and ORIGIN separated by spaces,
tabs and/or a comma; ORIGIN as 64500, AS64500 or asdot 1.10. More fields after
the prefix are read as an AS path (`192.0.2.0/24 64496 64500`; AS_SET as
`{64500,64501}`) and its origin taken per RFC 6811: a path ending in an AS_SET
has no origin, so a covered route is invalid. Blank lines and `#` comments are
skipped. A bad line is an error naming its line number (exit 2), or with
--lenient a warning on stderr, and the line is skipped.

Output, one result per route in input order:
  csv   prefix,origin,state[,reason]  e.g. 192.0.2.0/24,AS64500,invalid,length
        (origin empty when the AS path yields none; reason only for invalid;
        header `prefix,origin,state,reason` with --header)
  text  aligned columns; a single query also lists the covering VRPs
  json  {\"prefix\": \"192.0.2.0/24\", \"origin\": \"AS64500\" | null,
         \"state\": \"valid\" | \"invalid\" | \"not-found\",
         \"reason\": \"as\" | \"length\" | null,
         \"covering\": [{\"prefix\": \"192.0.2.0/24\", \"maxLength\": 24,
                       \"asn\": \"AS64500\", \"ta\": \"ripe\" | null}]}
        one object for a single query, an array of them for stdin.
        covering: the matching VRPs when valid, every covering VRP when invalid.
state: valid (a covering VRP has this origin and allows this length), invalid
(covered, none matches; reason `as`: no covering VRP has this origin, `length`:
one has it but the prefix is longer than its max length), not-found (no VRP
covers the prefix). AS0 VRPs cover but never match.

Exit status: 0 done; 1 some route is invalid and --fail-on-invalid was given;
2 bad arguments, unreadable or malformed VRP/SLURM file, an --rtr cache that
cannot be reached or fails, bad input line.";

/// Counts per state.
#[derive(Debug, Default)]
struct Tally {
    invalid: u64,
}

/// Runs the command; returns the exit status.
pub fn run(args: &ValidateArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let single = args.prefix.is_some();
    if !single && args.vrps.as_deref().is_some_and(is_stdin) {
        bail!("--vrps - reads the VRPs from stdin, which then cannot carry routes: give PREFIX ORIGIN");
    }
    let opts = RouteLineOptions::new().relaxed(args.relaxed);
    // Check a single query before the (possibly long) load.
    let query = match &args.prefix {
        Some(prefix) => {
            let line = format!("{prefix} {}", args.origin.join(" "));
            match parse_origin_line(&line, &opts) {
                Ok(Some(route)) => Some(route),
                Ok(None) => bail!("empty route {line:?}"),
                Err(e) => bail!("{e}"),
            }
        }
        None => None,
    };
    // Routes from stdin are read while the VRPs load.
    let reader = match query {
        Some(_) => None,
        None => Some(spawn_reader(opts, args.load.lenient, quiet)),
    };
    let mut counted = Vec::new();
    let b = load::add_vrps(
        load::builder(&args.load),
        args.vrps.as_deref(),
        &args.rtr,
        &mut counted,
    );
    let ds = load::build(b, progress, quiet, &counted)?;
    let Some(index) = ds.rov() else {
        bail!("internal error: no VRPs loaded");
    };

    let format = args.format.unwrap_or(if single {
        ResultFormat::Text
    } else {
        ResultFormat::Csv
    });
    let mut out = Output::open(None)?;
    let mut tally = Tally::default();
    match (query, reader) {
        (Some(route), _) => single_query(index, route, format, args.header, &mut out, &mut tally)?,
        (None, Some(reader)) => bulk(
            index,
            reader,
            format,
            args.header,
            progress,
            quiet,
            &mut out,
            &mut tally,
        )?,
        (None, None) => bail!("internal error: no route input"),
    }
    out.finish().context("cannot write output")?;
    Ok(if args.fail_on_invalid && tally.invalid > 0 {
        1
    } else {
        0
    })
}

fn single_query(
    index: &RovIndex,
    route: Route,
    format: ResultFormat,
    header: bool,
    out: &mut Output,
    tally: &mut Tally,
) -> Result<()> {
    let result = validate_origin(index, &route.prefix, route.origin);
    if result.state == RovState::Invalid {
        tally.invalid += 1;
    }
    let mut buf = Vec::new();
    match format {
        ResultFormat::Csv => {
            if header {
                buf.extend_from_slice(CSV_HEADER);
            }
            push_csv(
                &mut buf,
                &route.prefix,
                route.origin,
                result.state,
                result.reason,
            );
        }
        ResultFormat::Text => {
            if header {
                push_text_header(&mut buf);
            }
            push_text(
                &mut buf,
                &route.prefix,
                route.origin,
                result.state,
                result.reason,
            );
            push_text_covering(&mut buf, &result);
        }
        ResultFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &JsonResult::new(&route, &result))?;
            buf.push(b'\n');
        }
    }
    out.write_all(&buf).context("cannot write output")
}

/// What the stdin reader thread hands over, in input order.
enum Item {
    /// Parsed routes.
    Batch(Vec<(Prefix, Option<Asn>)>),
    /// A bad line (strict mode) or a read error; nothing follows.
    Failed(anyhow::Error),
    /// End of input, with the number of bad lines skipped (lenient mode).
    Done { skipped: u64 },
}

/// Batches buffered between the reader thread and validation: while the VRPs
/// load, up to this many batches of routes are read ahead.
const READ_AHEAD: usize = 32;

/// Starts reading and parsing routes from stdin on a thread, so that reading
/// (and whatever produces stdin) overlaps loading the VRPs and validating.
fn spawn_reader(opts: RouteLineOptions, lenient: bool, quiet: bool) -> (Receiver<Item>, bool) {
    let interactive = io::stdin().is_terminal();
    let (tx, rx) = sync_channel(READ_AHEAD);
    std::thread::spawn(move || read_routes(&tx, interactive, &opts, lenient, quiet));
    (rx, interactive)
}

fn read_routes(
    tx: &SyncSender<Item>,
    interactive: bool,
    opts: &RouteLineOptions,
    lenient: bool,
    quiet: bool,
) {
    let batch_size = if interactive { 1 } else { BATCH };
    let stdin = io::stdin();
    let mut reader = BufReader::with_capacity(1 << 20, stdin.lock());
    let mut line = Vec::with_capacity(256);
    let mut lineno: u64 = 0;
    let mut skipped: u64 = 0;
    let mut batch = Vec::with_capacity(batch_size);
    let failure = loop {
        line.clear();
        let n = match (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
        {
            Ok(n) => n,
            Err(e) => break Some(anyhow::Error::new(e).context("cannot read routes from stdin")),
        };
        if n == 0 {
            break None;
        }
        lineno += 1;
        if line.len() > MAX_LINE {
            // Not a route line; stop rather than buffer an unbounded line.
            break Some(anyhow!(
                "<stdin>: line {lineno}: longer than {MAX_LINE} bytes"
            ));
        }
        let parsed = match std::str::from_utf8(&line) {
            Ok(text) => parse_origin_line(text, opts),
            Err(_) => Err(ParseErrorKind::Utf8),
        };
        match parsed {
            Ok(Some(route)) => batch.push((route.prefix, route.origin)),
            Ok(None) => {}
            Err(kind) => {
                let e = ParseError::at(usize::try_from(lineno).unwrap_or(usize::MAX), 0, kind);
                if !lenient {
                    break Some(anyhow!("<stdin>: {e}"));
                }
                skipped += 1;
                if !quiet && skipped <= MAX_PRINTED_WARNINGS as u64 {
                    eprintln!("routeguard: warning: <stdin>: {e}");
                }
            }
        }
        if batch.len() >= batch_size {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
            if tx.send(Item::Batch(full)).is_err() {
                return; // the consumer is gone
            }
        }
    };
    // Routes before a bad line are still validated and written.
    if !batch.is_empty() && tx.send(Item::Batch(batch)).is_err() {
        return;
    }
    let _ = tx.send(match failure {
        Some(e) => Item::Failed(e),
        None => Item::Done { skipped },
    });
}

#[allow(clippy::too_many_arguments)]
fn bulk(
    index: &RovIndex,
    (rx, interactive): (Receiver<Item>, bool),
    format: ResultFormat,
    header: bool,
    progress: &Progress,
    quiet: bool,
    out: &mut Output,
    tally: &mut Tally,
) -> Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(if interactive { 256 } else { BATCH * 40 });
    let mut emitted: u64 = 0;
    let bar = progress.counter("validating routes");
    match format {
        ResultFormat::Csv if header => buf.extend_from_slice(CSV_HEADER),
        ResultFormat::Text if header => push_text_header(&mut buf),
        ResultFormat::Json => buf.push(b'['),
        _ => {}
    }
    let ending = loop {
        let Ok(item) = rx.recv() else {
            break Err(anyhow!("internal error: the route reader stopped"));
        };
        match item {
            Item::Batch(batch) => {
                emit(index, &batch, format, &mut emitted, &mut buf, tally)?;
                out.write_all(&buf).context("cannot write output")?;
                buf.clear();
                if interactive {
                    out.flush().context("cannot write output")?;
                }
                if let Some(b) = &bar {
                    b.set_position(emitted);
                }
            }
            Item::Failed(e) => break Err(e),
            Item::Done { skipped } => break Ok(skipped),
        }
    };
    progress::done(bar);
    match ending {
        Ok(skipped) => {
            if format == ResultFormat::Json {
                buf.extend_from_slice(if emitted == 0 { b"]\n" } else { b"\n]\n" });
            }
            out.write_all(&buf).context("cannot write output")?;
            if skipped > 0 && !quiet {
                eprintln!("routeguard: warning: <stdin>: skipped {skipped} bad line(s)");
            }
            Ok(())
        }
        Err(e) => {
            // What was validated before the failure is written first.
            out.write_all(&buf).context("cannot write output")?;
            out.flush().context("cannot write output")?;
            Err(e)
        }
    }
}

fn emit(
    index: &RovIndex,
    batch: &[(Prefix, Option<Asn>)],
    format: ResultFormat,
    emitted: &mut u64,
    buf: &mut Vec<u8>,
    tally: &mut Tally,
) -> Result<()> {
    match format {
        ResultFormat::Csv | ResultFormat::Text => {
            let states = origin_states(index, batch);
            for ((prefix, origin), (state, reason)) in batch.iter().zip(states) {
                if state == RovState::Invalid {
                    tally.invalid += 1;
                }
                if format == ResultFormat::Csv {
                    push_csv(buf, prefix, *origin, state, reason);
                } else {
                    push_text(buf, prefix, *origin, state, reason);
                }
            }
        }
        ResultFormat::Json => {
            for (prefix, origin) in batch {
                let result = validate_origin(index, prefix, *origin);
                if result.state == RovState::Invalid {
                    tally.invalid += 1;
                }
                buf.extend_from_slice(if *emitted == 0 { b"\n" } else { b",\n" });
                let route = Route {
                    prefix: *prefix,
                    origin: *origin,
                };
                serde_json::to_writer(&mut *buf, &JsonResult::new(&route, &result))?;
                *emitted += 1;
            }
            return Ok(());
        }
    }
    *emitted += batch.len() as u64;
    Ok(())
}

const CSV_HEADER: &[u8] = b"prefix,origin,state,reason\n";

fn push_csv(
    buf: &mut Vec<u8>,
    prefix: &Prefix,
    origin: Option<Asn>,
    state: RovState,
    reason: Option<InvalidReason>,
) {
    push_prefix(buf, prefix);
    buf.push(b',');
    if let Some(o) = origin {
        push_asn(buf, o);
    }
    buf.push(b',');
    buf.extend_from_slice(state.as_str().as_bytes());
    if let Some(r) = reason {
        buf.push(b',');
        buf.extend_from_slice(r.as_str().as_bytes());
    }
    buf.push(b'\n');
}

fn pad(buf: &mut Vec<u8>, start: usize, width: usize) {
    let used = buf.len() - start;
    buf.resize(buf.len() + width.saturating_sub(used) + 1, b' ');
}

fn push_text_header(buf: &mut Vec<u8>) {
    let start = buf.len();
    buf.extend_from_slice(b"PREFIX");
    pad(buf, start, PREFIX_WIDTH);
    let start = buf.len();
    buf.extend_from_slice(b"ORIGIN");
    pad(buf, start, ORIGIN_WIDTH);
    buf.extend_from_slice(b"STATE\n");
}

fn push_text(
    buf: &mut Vec<u8>,
    prefix: &Prefix,
    origin: Option<Asn>,
    state: RovState,
    reason: Option<InvalidReason>,
) {
    let start = buf.len();
    push_prefix(buf, prefix);
    pad(buf, start, PREFIX_WIDTH);
    let start = buf.len();
    match origin {
        Some(o) => push_asn(buf, o),
        None => buf.extend_from_slice(b"(none)"),
    }
    pad(buf, start, ORIGIN_WIDTH);
    buf.extend_from_slice(state.as_str().as_bytes());
    if let Some(r) = reason {
        buf.extend_from_slice(b" (");
        buf.extend_from_slice(r.as_str().as_bytes());
        buf.push(b')');
    }
    buf.push(b'\n');
}

fn push_text_covering(buf: &mut Vec<u8>, result: &RovResult) {
    let what = match (result.state, result.reason) {
        (RovState::Valid, _) => "matching VRPs",
        (RovState::Invalid, Some(InvalidReason::Length)) => {
            "covering VRPs (one has this origin, but the prefix is longer than its max length)"
        }
        (RovState::Invalid, _) => "covering VRPs (none has this origin)",
        (RovState::NotFound, _) => {
            buf.extend_from_slice(b"  no VRP covers this prefix\n");
            return;
        }
    };
    buf.extend_from_slice(b"  ");
    buf.extend_from_slice(what.as_bytes());
    buf.extend_from_slice(b":\n");
    for v in &result.covering {
        buf.extend_from_slice(b"    ");
        let start = buf.len();
        push_prefix(buf, &v.prefix);
        buf.extend_from_slice(b" max ");
        crate::fmt::push_u32(buf, u32::from(v.max_length));
        pad(buf, start, PREFIX_WIDTH + 7);
        let start = buf.len();
        push_asn(buf, v.asn);
        if let Some(ta) = &v.ta {
            pad(buf, start, ORIGIN_WIDTH);
            buf.extend_from_slice(b"ta ");
            buf.extend_from_slice(ta.as_bytes());
        }
        buf.push(b'\n');
    }
}

/// The JSON form of one result (see the help text for the schema).
#[derive(Serialize)]
struct JsonResult<'a> {
    prefix: String,
    origin: Option<String>,
    state: &'static str,
    reason: Option<&'static str>,
    covering: Vec<JsonVrp<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonVrp<'a> {
    prefix: String,
    max_length: u8,
    asn: String,
    ta: Option<&'a str>,
}

impl<'a> JsonResult<'a> {
    fn new(route: &Route, result: &'a RovResult) -> Self {
        JsonResult {
            prefix: route.prefix.to_string(),
            origin: route.origin.map(|o| o.to_string()),
            state: result.state.as_str(),
            reason: result.reason.map(InvalidReason::as_str),
            covering: result
                .covering
                .iter()
                .map(|v| JsonVrp {
                    prefix: v.prefix.to_string(),
                    max_length: v.max_length,
                    asn: v.asn.to_string(),
                    ta: v.ta.as_deref(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines() -> Result<()> {
        let p = Prefix::parse("192.0.2.0/24")?;
        let mut buf = Vec::new();
        push_csv(
            &mut buf,
            &p,
            Some(Asn::new(64500)),
            RovState::Invalid,
            Some(InvalidReason::Length),
        );
        push_csv(&mut buf, &p, Some(Asn::new(1)), RovState::Valid, None);
        push_csv(&mut buf, &p, None, RovState::NotFound, None);
        assert_eq!(
            String::from_utf8(buf)?,
            "192.0.2.0/24,AS64500,invalid,length\n192.0.2.0/24,AS1,valid\n192.0.2.0/24,,not-found\n"
        );
        Ok(())
    }

    #[test]
    fn text_lines_align() -> Result<()> {
        let mut buf = Vec::new();
        push_text_header(&mut buf);
        push_text(
            &mut buf,
            &Prefix::parse("10.0.0.0/8")?,
            Some(Asn::new(1)),
            RovState::Valid,
            None,
        );
        let text = String::from_utf8(buf)?;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let col = |l: &str| l.find("valid").or_else(|| l.find("STATE"));
        assert_eq!(
            lines.first().and_then(|l| col(l)),
            lines.get(1).and_then(|l| col(l))
        );
        Ok(())
    }
}
