//! `routeguard aspa verify` (ASPA path verification of AS paths) and
//! `routeguard path check` (every check of every route: origin validation,
//! ASPA, bogons, route leaks).

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use routeguard::dataset::Dataset;
use routeguard::parse::bgp::{parse_route_line_with, RouteLineOptions};
use routeguard::parse::{ParseError, ParseErrorKind};
use routeguard::validate::aspa::{self, AspaOptions, Direction};
use routeguard::validate::bogon::{BogonFinding, BogonOptions};
use routeguard::validate::leak::{self};
use routeguard::validate::route::RouteVerdict;
use routeguard::{AsPath, Asn, AspaVerdict, LeakState, Prefix, Role, RovState};
use serde::Serialize;

use crate::fmt::{push_path, push_prefix};
use crate::input::{display_name, Output};
use crate::load::{self, input, Items, LoadArgs, RtrArgs};
use crate::progress::{self, Progress};

/// Longest input line accepted.
const MAX_LINE: usize = 1 << 20;
/// Most bad input lines reported one by one with `--lenient`.
const MAX_PRINTED_WARNINGS: u64 = load::MAX_PRINTED_WARNINGS as u64;

/// `routeguard aspa …`
#[derive(Subcommand, Debug)]
pub enum AspaCommand {
    /// Verify AS paths with ASPA (draft-ietf-sidrops-aspa-verification-28):
    /// one given as arguments, or one per line from stdin.
    Verify(VerifyArgs),
}

/// Arguments of `routeguard aspa verify`.
#[derive(Args, Debug)]
#[command(after_long_help = VERIFY_HELP)]
pub struct VerifyArgs {
    /// The ASPAs: any file the VRP loaders read (rpki-client or Routinator
    /// JSON `aspas`, openbgpd `aspa-set`, SLURM v2 `aspaAssertions`).
    #[arg(long, value_name = "FILE")]
    pub aspa: PathBuf,

    #[command(flatten)]
    pub load: LoadArgs,

    /// Where the routes came from: `upstream` (from a customer or a lateral
    /// peer, or an RS-client at a route server) or `downstream` (from a
    /// provider).
    #[arg(long, value_name = "D", value_parser = parse_direction)]
    pub direction: Direction,

    /// The AS the routes were received from: the path's leftmost AS must be
    /// it, or the path is invalid.
    #[arg(long, value_name = "ASN", value_parser = parse_asn)]
    pub neighbor: Option<Asn>,

    /// Our BGP role on the session (RFC 9234: provider, customer, peer, rs,
    /// rs-client). Only `rs-client` changes the check: a transparent route
    /// server does not prepend its AS, so --neighbor is not compared with
    /// the path's leftmost AS.
    #[arg(long, value_name = "ROLE", value_parser = parse_role)]
    pub role: Option<Role>,

    /// After each word, the ramps and the hop that decided.
    #[arg(long)]
    pub explain: bool,

    /// The AS path, leftmost the neighbour (`64500 64501 {64502,64503}`).
    /// Without it, paths are read from stdin, one per line.
    #[arg(value_name = "PATH", num_args = 0..)]
    pub path: Vec<String>,
}

const VERIFY_HELP: &str = "\
Input: an AS path, ASNs separated by spaces (64500 or AS64500 or asdot 1.10),
leftmost the neighbour, rightmost the origin; {a,b} is an AS_SET. Without PATH,
one path per line from stdin; lines starting with # are skipped; an empty line
is the empty path (invalid, as the draft says).

Output: one word per path, in order: valid, invalid or unknown. --explain adds,
after tabs, the length N of the prepend-compressed path with the ramps the
draft computes (N=3 max_up_ramp=2 min_up_ramp=2; downstream also
max_down_ramp, min_down_ramp), then why, naming the hop that decided:
  invalid<TAB>N=3 max_up_ramp=2 min_up_ramp=2<TAB>max_up_ramp 2 < path length 3 (hop AS64500 → AS64501: not-provider+)

Exit status: 0 done (whatever the verdicts); 2 bad arguments, unreadable or
malformed ASPA file, bad path (with its line number).";

fn parse_direction(s: &str) -> Result<Direction, String> {
    s.parse::<Direction>().map_err(|e| e.to_string())
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse::<Role>().map_err(|e| e.to_string())
}

fn parse_asn(s: &str) -> Result<Asn, String> {
    Asn::parse(s).map_err(|e| e.to_string())
}

/// Warns when the ASPA file `path` of `ds` holds no ASPA.
fn warn_no_aspas(ds: &Dataset, path: &Path, quiet: bool) {
    if !quiet && ds.aspas().is_none_or(|a| a.is_empty()) {
        eprintln!(
            "routeguard: warning: {}: no ASPAs in this file: every path is unknown",
            display_name(path)
        );
    }
}

/// Runs `routeguard aspa …`.
pub fn run_aspa(cmd: &AspaCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        AspaCommand::Verify(args) => verify(args, progress, quiet),
    }
}

fn verify(args: &VerifyArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    // A bad path on the command line fails before the (possibly long) load.
    let single = if args.path.is_empty() {
        None
    } else {
        Some(AsPath::parse(&args.path.join(" ")).map_err(|e| anyhow!("{e}"))?)
    };
    let ds = load::build(
        load::builder(&args.load).aspas(input(&args.aspa)),
        progress,
        quiet,
        &[(display_name(&args.aspa), Items::Records)],
    )?;
    warn_no_aspas(&ds, &args.aspa, quiet);
    let empty = routeguard::AspaSet::default();
    let set = ds.aspas().map_or(&empty, |a| &**a);
    let options = AspaOptions {
        neighbor: args.neighbor,
        role: args.role,
        ..AspaOptions::default()
    };
    let mut out = Output::open(None)?;
    let mut line_out = String::new();
    let mut judge = |path: &AsPath, out: &mut Output| -> Result<()> {
        line_out.clear();
        if args.explain {
            let r = aspa::verify(set, path, args.direction, &options);
            line_out.push_str(r.verdict.as_str());
            line_out.push('\t');
            line_out.push_str(&r.explanation.ramps());
            line_out.push('\t');
            line_out.push_str(&r.explanation.to_string());
        } else {
            let v = aspa::verdict(set, path, args.direction, &options);
            line_out.push_str(v.as_str());
        }
        line_out.push('\n');
        out.write_all(line_out.as_bytes())
            .context("cannot write output")
    };
    if let Some(path) = single {
        judge(&path, &mut out)?;
    } else {
        let interactive = io::stdin().is_terminal();
        let stdin = io::stdin();
        let mut reader = BufReader::with_capacity(1 << 20, stdin.lock());
        let mut line = Vec::with_capacity(256);
        let mut lineno: u64 = 0;
        while read_line(&mut reader, &mut line, lineno + 1)? {
            lineno += 1;
            let text = std::str::from_utf8(&line)
                .map_err(|_| anyhow!("<stdin>: line {lineno}: invalid UTF-8"))?;
            let text = text.trim_end_matches(['\n', '\r']);
            if text.trim_start().starts_with('#') {
                continue;
            }
            let path = AsPath::parse(text).map_err(|e| anyhow!("<stdin>: line {lineno}: {e}"))?;
            judge(&path, &mut out)?;
            if interactive {
                out.flush().context("cannot write output")?;
            }
        }
    }
    out.finish().context("cannot write output")?;
    Ok(0)
}

/// Reads one line (with its newline) into `line`; false at end of input.
fn read_line<R: BufRead>(reader: &mut R, line: &mut Vec<u8>, lineno: u64) -> Result<bool> {
    line.clear();
    let n = reader
        .take(MAX_LINE as u64 + 1)
        .read_until(b'\n', line)
        .context("cannot read stdin")?;
    if line.len() > MAX_LINE {
        bail!("<stdin>: line {lineno}: longer than {MAX_LINE} bytes");
    }
    Ok(n > 0)
}

/// `routeguard path …`
#[derive(Subcommand, Debug)]
pub enum PathCommand {
    /// Check routes read from stdin with every check the given data allows:
    /// origin validation (--vrps), ASPA (--aspa), bogons (always), route
    /// leaks (--asrel).
    Check(CheckArgs),
}

/// Output formats of `path check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `prefix,path,rov,aspa,bogon,leak`, one line per route.
    Csv,
    /// An array of objects, with the bogon entry and the leaks found.
    Json,
}

/// Arguments of `routeguard path check`.
#[derive(Args, Debug)]
#[command(after_long_help = CHECK_HELP)]
pub struct CheckArgs {
    /// VRPs for origin validation (any VRP format; .gz/.bz2/.xz read).
    #[arg(long, value_name = "FILE", conflicts_with = "rtr")]
    pub vrps: Option<PathBuf>,

    #[command(flatten)]
    pub rtr: RtrArgs,

    /// ASPAs for path verification (any format with ASPAs; may be the
    /// same file as --vrps).
    #[arg(long, value_name = "FILE")]
    pub aspa: Option<PathBuf>,

    /// CAIDA AS relationships (`as-rel`, serial-1 or serial-2) for route
    /// leak detection.
    #[arg(long, value_name = "FILE")]
    pub asrel: Option<PathBuf>,

    /// ASPA direction: upstream (routes from customers or lateral peers, the
    /// default) or downstream (routes from providers).
    #[arg(long, value_name = "D", value_parser = parse_direction, default_value = "upstream")]
    pub direction: Direction,

    /// The AS receiving the routes: the leak check then also judges the last
    /// hop (needs its relationship to the neighbour).
    #[arg(long, value_name = "ASN", value_parser = parse_asn)]
    pub receiver: Option<Asn>,

    /// Extra bogon prefix lists (Team Cymru format: one prefix per line,
    /// `#` comments), added to the built-in IANA registries. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub bogons: Vec<PathBuf>,

    /// IPv4 prefixes longer than this are too specific.
    #[arg(long, value_name = "LEN", default_value_t = BogonOptions::default().max_v4_len)]
    pub max_v4_len: u8,

    /// IPv6 prefixes longer than this are too specific.
    #[arg(long, value_name = "LEN", default_value_t = BogonOptions::default().max_v6_len)]
    pub max_v6_len: u8,

    /// AS paths longer than this (RFC 4271 length, prepends counted) are
    /// long paths; 0 turns the check off.
    #[arg(long, value_name = "N")]
    pub max_path_len: Option<usize>,

    /// Accept default routes (0.0.0.0/0, ::/0).
    #[arg(long)]
    pub allow_default: bool,

    #[command(flatten)]
    pub load: LoadArgs,

    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: CheckFormat,

    /// Print a header line first (csv).
    #[arg(long)]
    pub header: bool,

    /// Print load and check times to stderr.
    #[arg(long)]
    pub timings: bool,
}

const CHECK_HELP: &str = "\
Input (stdin), one route per line, either
  PREFIX PATH...      192.0.2.0/24 64496 64497 {64500,64501}
  a bgpdump -m line   TABLE_DUMP2|1277970000|B|202.249.2.169|2497|1.0.0.0/24|2497 15169|IGP|...
Withdrawals and state lines of bgpdump are skipped, as are blank lines and #
comments. For bgpdump lines the peer AS is the neighbour: ASPA checks that it
is the path's leftmost AS.

Output (csv), one line per route in input order:
  prefix,path,rov,aspa,bogon,leak
  rov    valid | invalid | not-found          (--vrps or --rtr)
  aspa   valid | invalid | unknown            (--aspa)
  bogon  ok | bogon-prefix | bogon-asn | too-specific | default-route | long-path
         (the first reason, in that order; always checked)
  leak   ok | leak | unknown                  (--asrel)
  -      the data for the column was not given
The path is written with spaces (AS_SET as {a,b}, the field then quoted).
json: an array of {prefix, path, rov, aspa, bogon, leak} with bogon null or
{reason, list, entry} and leaks [{leaker, type, learnedFrom, sentTo}].

Exit status: 0 done; 2 bad arguments, unreadable or malformed data file, bad
route line (with its line number; --lenient skips it with a warning).";

fn bogon_options(args: &CheckArgs) -> BogonOptions {
    let mut options = BogonOptions {
        max_v4_len: args.max_v4_len,
        max_v6_len: args.max_v6_len,
        allow_default: args.allow_default,
        ..BogonOptions::default()
    };
    if let Some(n) = args.max_path_len {
        options.max_path_len = (n > 0).then_some(n);
    }
    options
}

/// Every data file of `path check` in one dataset: the VRPs, the ASPAs (of
/// the VRP file when `--aspa` names it, else of their own file, else none),
/// the AS relationships and the bogon lists.
fn load_check_data(args: &CheckArgs, progress: &Progress, quiet: bool) -> Result<Dataset> {
    let mut counted = Vec::new();
    let mut b = load::add_vrps(
        load::builder(&args.load).bogon_options(bogon_options(args)),
        args.vrps.as_deref(),
        &args.rtr,
        &mut counted,
    );
    let own_aspas = match &args.aspa {
        Some(a) if Some(a) == args.vrps.as_ref() => None,
        Some(a) => {
            b = b.aspas(input(a));
            counted.push((display_name(a), Items::Records));
            Some(a)
        }
        None => {
            b = b.vrp_aspas(false);
            None
        }
    };
    if let Some(r) = &args.asrel {
        b = b.asrel(input(r));
    }
    for list in &args.bogons {
        b = b.bogons(input(list));
    }
    let ds = load::build(b, progress, quiet, &counted)?;
    if let Some(a) = own_aspas {
        warn_no_aspas(&ds, a, quiet);
    }
    Ok(ds)
}

/// Runs `routeguard path …`.
pub fn run_path(cmd: &PathCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        PathCommand::Check(args) => check(args, progress, quiet),
    }
}

fn check(args: &CheckArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let started = Instant::now();
    let ds = load_check_data(args, progress, quiet)?;
    let checker = ds.checker(args.direction).with_receiver(args.receiver);
    let relations = ds.relations();
    let opts = RouteLineOptions::new();
    let loaded_at = Instant::now();

    let interactive = io::stdin().is_terminal();
    let stdin = io::stdin();
    let mut reader = BufReader::with_capacity(1 << 20, stdin.lock());
    let mut out = Output::open(None)?;
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut line = Vec::with_capacity(512);
    let mut lineno: u64 = 0;
    let mut skipped: u64 = 0;
    let mut routes: u64 = 0;
    let bar = progress.counter("checking routes");
    match args.format {
        CheckFormat::Csv if args.header => {
            buf.extend_from_slice(b"prefix,path,rov,aspa,bogon,leak\n")
        }
        CheckFormat::Json => buf.push(b'['),
        CheckFormat::Csv => {}
    }
    while read_line(&mut reader, &mut line, lineno + 1)? {
        lineno += 1;
        let parsed = match std::str::from_utf8(&line) {
            Ok(text) => parse_route_line_with(text, &opts),
            Err(_) => Err(ParseErrorKind::Utf8),
        };
        let route = match parsed {
            Ok(Some(route)) => route,
            Ok(None) => continue,
            Err(kind) => {
                let e = ParseError::at(usize::try_from(lineno).unwrap_or(usize::MAX), 0, kind);
                if args.load.lenient {
                    skipped += 1;
                    if !quiet && skipped <= MAX_PRINTED_WARNINGS {
                        eprintln!("routeguard: warning: <stdin>: {e}");
                    }
                    continue;
                }
                out.write_all(&buf).context("cannot write output")?;
                out.finish().context("cannot write output")?;
                bail!("<stdin>: {e}");
            }
        };
        let verdict = checker.check_from(&route.prefix, &route.path, route.peer_as);
        match args.format {
            CheckFormat::Csv => push_csv(&mut buf, &route.prefix, &route.path, &verdict),
            CheckFormat::Json => {
                if routes > 0 {
                    buf.push(b',');
                }
                buf.extend_from_slice(b"\n  ");
                // The leaks themselves only where the check found one.
                let leaks = match (relations, verdict.leak) {
                    (Some(rel), Some(LeakState::Leak)) => {
                        leak::detect_leaks(rel, &route.path, args.receiver).leaks
                    }
                    _ => Vec::new(),
                };
                let row = JsonRoute::new(&route.prefix, &route.path, &verdict, &leaks);
                serde_json::to_writer(&mut buf, &row)?;
            }
        }
        routes += 1;
        if let Some(b) = &bar {
            b.inc(1);
        }
        if interactive || buf.len() >= 1 << 16 {
            out.write_all(&buf).context("cannot write output")?;
            buf.clear();
            if interactive {
                out.flush().context("cannot write output")?;
            }
        }
    }
    if args.format == CheckFormat::Json {
        buf.extend_from_slice(if routes > 0 { b"\n]\n" } else { b"]\n" });
    }
    out.write_all(&buf).context("cannot write output")?;
    out.finish().context("cannot write output")?;
    progress::done(bar);
    if !quiet && skipped > 0 {
        eprintln!("routeguard: warning: <stdin>: skipped {skipped} bad line(s)");
    }
    if args.timings {
        let done = Instant::now();
        let pass = done.duration_since(loaded_at).as_secs_f64();
        eprintln!(
            "routeguard: timings: load {:.3} s; {routes} routes checked in {:.3} s ({:.0} routes/s)",
            loaded_at.duration_since(started).as_secs_f64(),
            pass,
            routes as f64 / pass.max(1e-9)
        );
    }
    Ok(0)
}

/// Appends one CSV row: `prefix,path,rov,aspa,bogon,leak`.
fn push_csv(buf: &mut Vec<u8>, prefix: &Prefix, path: &AsPath, v: &RouteVerdict) {
    push_prefix(buf, prefix);
    buf.push(b',');
    let start = buf.len();
    push_path(buf, path);
    if buf.get(start..).is_some_and(|s| s.contains(&b',')) {
        buf.insert(start, b'"');
        buf.push(b'"');
    }
    for word in [
        v.rov.map_or("-", RovState::as_str),
        v.aspa.map_or("-", AspaVerdict::as_str),
        v.bogon_word(),
        v.leak.map_or("-", LeakState::as_str),
    ] {
        buf.push(b',');
        buf.extend_from_slice(word.as_bytes());
    }
    buf.push(b'\n');
}

#[derive(Serialize)]
struct JsonBogon<'a> {
    reason: &'static str,
    list: &'a str,
    entry: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLeak {
    leaker: String,
    #[serde(rename = "type")]
    kind: u8,
    learned_from: String,
    sent_to: String,
}

#[derive(Serialize)]
struct JsonRoute<'a> {
    prefix: String,
    path: String,
    rov: Option<&'static str>,
    aspa: Option<&'static str>,
    bogon: Option<JsonBogon<'a>>,
    leak: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    leaks: Vec<JsonLeak>,
}

impl<'a> JsonRoute<'a> {
    fn new(prefix: &Prefix, path: &AsPath, v: &'a RouteVerdict, leaks: &[leak::Leak]) -> Self {
        JsonRoute {
            prefix: prefix.to_string(),
            path: path.to_string(),
            rov: v.rov.map(|s| s.as_str()),
            aspa: v.aspa.map(|s| s.as_str()),
            bogon: v.bogon.as_ref().map(|f: &BogonFinding| JsonBogon {
                reason: f.kind.as_str(),
                list: &f.list,
                entry: &f.entry,
            }),
            leak: v.leak.map(|s| s.as_str()),
            leaks: leaks
                .iter()
                .map(|l| JsonLeak {
                    leaker: l.leaker.to_string(),
                    kind: l.kind.number(),
                    learned_from: l.learned_from.to_string(),
                    sent_to: l.sent_to.to_string(),
                })
                .collect(),
        }
    }
}
