//! `routeguard irr`: IRR dumps (RPSL, RFC 2622) loaded offline — statistics,
//! route checks against route objects, object lookups — and IRRd's whois
//! protocol online.

use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use routeguard::dataset::{Dataset, DatasetBuilder};
use routeguard::index::irr::{IrrDb, LookupKey, ObjId, RouteRef};
use routeguard::parse::bgp::{parse_origin_line, RouteLineOptions};
use routeguard::parse::{ParseError, ParseErrorKind};
use routeguard::validate::irr::{check_route_with, CheckOptions, IrrCheck};
use routeguard::{Asn, Mode, Prefix};
use serde::Serialize;

use crate::fmt::{push_asn, push_prefix};
use crate::input::{display_name, is_stdin, Output};
use crate::load::{self, input, Items, RtrArgs, MAX_PRINTED_WARNINGS};
use crate::progress::Progress;
/// Longest route input line accepted.
const MAX_LINE: usize = 1 << 20;

/// The `irr` subcommands.
#[derive(Subcommand, Debug)]
pub enum IrrCommand {
    /// Count the objects of IRR dumps per class, and the bad ones skipped.
    Stats(StatsArgs),
    /// Check routes against route objects: one given as PREFIX ORIGIN, or
    /// many read from stdin.
    Check(CheckArgs),
    /// Show the objects for a key: an AS, a set name, a prefix or any
    /// primary key (mntner, nic-hdl, organisation…).
    Show(ShowArgs),
    /// Send queries to an IRRd whois server (`!` or RIPE-style) and print
    /// the answers.
    Whois(WhoisArgs),
}

/// The IRR files of a command.
#[derive(Args, Debug, Clone)]
pub struct IrrFiles {
    /// An RPSL dump (plain, .gz or .bz2; `-` for stdin). `SOURCE=PATH`
    /// loads every object of PATH under SOURCE; a bare PATH takes each
    /// object's `source:`. Repeat the option or list several files; their
    /// order is the order of preference of the sources.
    #[arg(long = "irr", value_name = "FILE", num_args = 1.., required = true)]
    pub irr: Vec<String>,

    /// Fail on the first bad object (IRRd's strict validation) instead of
    /// skipping and counting bad objects.
    #[arg(long)]
    pub strict: bool,
}

/// Output formats of `irr stats` and `irr show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InfoFormat {
    /// Human-readable.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `irr stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    files: IrrFiles,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: InfoFormat,
}

/// Output formats of `irr check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Aligned columns; a single query also lists sources, objects, advice.
    Text,
    /// `prefix,origin,status[,rpki]`, one line per route, in input order.
    Csv,
    /// A JSON object (single query) or an array of objects (stdin).
    Json,
}

/// Arguments of `irr check`.
#[derive(Args, Debug)]
#[command(after_long_help = CHECK_HELP)]
pub struct CheckArgs {
    #[command(flatten)]
    files: IrrFiles,

    /// Also validate each route with RPKI (RFC 6811) against this VRP file
    /// (any supported format).
    #[arg(long, value_name = "FILE", conflicts_with = "rtr")]
    vrps: Option<PathBuf>,

    #[command(flatten)]
    rtr: RtrArgs,

    /// The RIR registry expected to hold the routes (RIPE, ARIN, APNIC,
    /// AFRINIC, LACNIC), for the advice; by default the registry of the
    /// most specific covering object from an RIR.
    #[arg(long, value_name = "SOURCE")]
    rir: Option<String>,

    /// Output format [default: text for a single query, csv for stdin].
    #[arg(long, value_enum)]
    format: Option<CheckFormat>,

    /// Print a header line first (csv and text).
    #[arg(long)]
    header: bool,

    /// Skip bad route input lines with a warning instead of failing.
    #[arg(long)]
    lenient_input: bool,

    /// The route's prefix. Without it, routes are read from stdin.
    #[arg(value_name = "PREFIX", requires = "origin")]
    prefix: Option<String>,

    /// The origin AS (64500, AS64500, 1.10), or an AS path whose origin is
    /// taken.
    #[arg(value_name = "ORIGIN", num_args = 1..)]
    origin: Vec<String>,
}

const CHECK_HELP: &str = "\
Input (stdin): one route per line, PREFIX ORIGIN as for `routeguard validate`
(an AS path after the prefix gives its origin; blank lines and # comments are
skipped). A bad line is an error naming its line (exit 2), or with
--lenient-input a warning, and the line is skipped.

Status, over all sources and per source:
  valid           a route object for exactly this prefix has this origin
  covered         no exact one with this origin, but a less-specific route
                  object with this origin covers the prefix
  invalid-origin  route objects cover the prefix, none with this origin
  not-found       no route object covers the prefix
A route whose AS path ends in an AS_SET has no origin: invalid-origin when
covered, not-found otherwise.

Output, one result per route in input order:
  csv   prefix,origin,status  e.g. 192.0.2.0/24,AS64500,valid
        with --vrps (or --rtr) a fourth column: the RPKI state (valid, invalid,
        not-found); header with --header
  text  aligned columns; a single query also lists the status per source,
        the covering route objects and IRR Explorer-style advice
  json  {\"prefix\", \"origin\", \"status\", \"sources\": {\"RIPE\": \"valid\", …},
         \"objects\": [{\"prefix\", \"origin\", \"source\"}], \"advice\":
         [{\"level\", \"code\", \"message\"}], \"rpki\": state | null}
        one object for a single query, an array for stdin.

Exit status: 0 done; 2 bad arguments, unreadable IRR/VRP file (or a bad
object with --strict), bad input line.";

/// Arguments of `irr show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    #[command(flatten)]
    files: IrrFiles,
    /// Output format: the objects as RPSL text, or JSON.
    #[arg(long, value_enum, default_value = "text")]
    format: InfoFormat,
    /// An AS (AS64500), a set name (AS-FOO, RS-BAR, AS65000:AS-CUST,
    /// RIPE::AS-FOO), a prefix, or another primary key.
    #[arg(value_name = "KEY")]
    key: Option<String>,
}

/// Arguments of `irr whois`.
#[derive(Args, Debug)]
#[command(after_long_help = WHOIS_HELP)]
pub struct WhoisArgs {
    /// The server, HOST:PORT (port 43 when omitted).
    #[arg(long, value_name = "HOST:PORT")]
    host: String,
    /// Connect and read timeout in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Largest answer accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_answer_bytes: usize,
    /// How long the server may keep the connection open between queries,
    /// sent as IRRd `!t` on connect (IRRd accepts 1 to 1000); 0 sends
    /// nothing (the server's default, 30 s for IRRd).
    #[arg(long, value_name = "SECONDS", default_value_t = routeguard::net::whois::DEFAULT_IDLE_TIMEOUT.as_secs())]
    idle_timeout: u64,
    /// Queries, sent pipelined on one connection: IRRd `!` queries (!gAS65001,
    /// !iAS-FOO,1, !r192.0.2.0/24,L …) or RIPE-style ones ('-i origin
    /// AS65001', '-s RIPE -T as-set AS-FOO').
    #[arg(
        value_name = "QUERY",
        required = true,
        allow_hyphen_values = true,
        trailing_var_arg = true
    )]
    queries: Vec<String>,
}

const WHOIS_HELP: &str = "\
Each answer's data is printed as the server sends it, without the IRRd
framing (A<len> … C). Answers without data print nothing; a server error
(F) is printed on stderr.

Exit status: 0 every answer had data; 1 some answer had none (C: empty,
D: key not found); 2 a server error (F), a connection or protocol error, or
bad arguments.";

/// Runs an `irr` subcommand; returns the exit status.
pub fn run(cmd: &IrrCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        IrrCommand::Stats(args) => stats(args, progress, quiet),
        IrrCommand::Check(args) => check(args, progress, quiet),
        IrrCommand::Show(args) => show(args, progress, quiet),
        IrrCommand::Whois(args) => whois(args),
    }
}

/// One `--irr` argument: an optional forced source and a path.
fn split_source(arg: &str) -> (Option<&str>, &Path) {
    if let Some((src, path)) = arg.split_once('=') {
        let is_name = !src.is_empty()
            && src
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        // A file whose name really contains '=' still loads as a path.
        if is_name && !Path::new(arg).exists() {
            return (Some(src), Path::new(path));
        }
    }
    (None, Path::new(arg))
}

/// Removes the last `n` values of a greedy `--irr FILE...` list when they
/// are not files (the positional arguments that followed the files); at
/// least one file stays.
fn take_trailing(irr: &mut Vec<String>, n: usize) -> Vec<String> {
    if n == 0 || irr.len() <= n || irr.iter().rev().take(n).any(|v| Path::new(v).exists()) {
        return Vec::new();
    }
    irr.split_off(irr.len() - n)
}

/// Adds every `--irr` file to `b` (streamed when the dataset is built),
/// in order of preference; `--strict` fails on the first bad object.
fn add_irr(
    b: DatasetBuilder,
    files: &IrrFiles,
    counted: &mut Vec<(String, load::Items)>,
) -> Result<DatasetBuilder> {
    add_irr_files(b, &files.irr, files.strict, counted)
}

/// Adds `--irr [SOURCE=]FILE` arguments to `b`, in order of preference;
/// `strict` fails on the first bad object.
pub fn add_irr_files(
    mut b: DatasetBuilder,
    irr: &[String],
    strict: bool,
    counted: &mut Vec<(String, load::Items)>,
) -> Result<DatasetBuilder> {
    let mut stdin_used = false;
    for arg in irr {
        let (source, path) = split_source(arg);
        if is_stdin(path) {
            if stdin_used {
                bail!("--irr -: standard input can be read only once");
            }
            stdin_used = true;
        }
        counted.push((display_name(path), Items::Objects));
        b = b.irr(source, input(path));
    }
    Ok(b.irr_mode(if strict { Mode::Strict } else { Mode::Lenient }))
}

/// Loads the `--irr` files (and the VRPs of `vrps`) into one dataset.
fn load_db(
    files: &IrrFiles,
    vrps: Option<&Path>,
    rtr: &RtrArgs,
    progress: &Progress,
    quiet: bool,
) -> Result<Dataset> {
    let mut counted = Vec::new();
    let b = add_irr(
        Dataset::builder().max_warnings(MAX_PRINTED_WARNINGS),
        files,
        &mut counted,
    )?;
    let b = load::add_vrps(b, vrps, rtr, &mut counted).vrp_aspas(false);
    load::build(b, progress, quiet, &counted)
}

/// The IRR database of a dataset built with `--irr` files.
fn irr_of(ds: &Dataset) -> Result<&IrrDb> {
    ds.irr()
        .map(|db| &**db)
        .ok_or_else(|| anyhow!("internal error: no IRR database"))
}

#[derive(Serialize)]
struct StatsJson<'a> {
    objects: usize,
    classes: &'a std::collections::BTreeMap<String, usize>,
    errors: usize,
}

fn stats(args: &StatsArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let ds = load_db(&args.files, None, &RtrArgs::default(), progress, quiet)?;
    let db = irr_of(&ds)?;
    let s = db.stats();
    let mut out = Output::open(None)?;
    match args.format {
        InfoFormat::Json => {
            let json = StatsJson {
                objects: s.objects,
                classes: &s.classes,
                errors: s.errors,
            };
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        InfoFormat::Text => {
            writeln!(out, "objects  {}", s.objects)?;
            writeln!(out, "errors   {}", s.errors)?;
            writeln!(out, "deleted  {}", s.deleted)?;
            writeln!(out, "routes   {} IPv4, {} IPv6", s.routes_v4, s.routes_v6)?;
            writeln!(out, "classes")?;
            for (class, n) in &s.classes {
                writeln!(out, "  {class:<16} {n}")?;
            }
            writeln!(out, "sources (in order of preference)")?;
            for src in db.sources() {
                let n = s.sources.get(&*src).map_or(0, |x| x.objects);
                writeln!(out, "  {src:<16} {n}")?;
            }
        }
    }
    out.finish().context("cannot write output")?;
    Ok(0)
}

/// A route to check: the origin is `None` when its AS path ends in an AS_SET.
type Query = (Prefix, Option<Asn>);

fn check(args: &CheckArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let mut files = args.files.clone();
    let mut positional: Option<Vec<String>> = args.prefix.as_ref().map(|p| {
        std::iter::once(p.clone())
            .chain(args.origin.iter().cloned())
            .collect()
    });
    if positional.is_none() {
        // `--irr a.db b.db 192.0.2.0/24 AS64500`: the route was taken as files.
        let n = files.irr.len();
        if let Some(at) = (1..n).find(|&i| {
            files
                .irr
                .get(i)
                .is_some_and(|v| !Path::new(v).exists() && Prefix::parse_relaxed(v).is_ok())
                && files.irr.get(i + 1..).is_some_and(|rest| {
                    !rest.is_empty() && rest.iter().all(|v| !Path::new(v).exists())
                })
        }) {
            positional = Some(take_trailing(&mut files.irr, n - at));
        }
    }
    let single = match &positional {
        Some(words) => {
            let line = words.join(" ");
            match parse_origin_line(&line, &RouteLineOptions::new()) {
                Ok(Some(route)) => Some((route.prefix, route.origin)),
                Ok(None) => bail!("empty route {line:?}"),
                Err(e) => bail!("{e}"),
            }
        }
        None => None,
    };
    if single.is_none() && files.irr.iter().any(|a| is_stdin(split_source(a).1)) {
        bail!(
            "--irr - reads a dump from stdin, which then cannot carry routes: give PREFIX ORIGIN"
        );
    }
    let ds = load_db(&files, args.vrps.as_deref(), &args.rtr, progress, quiet)?;
    let db = irr_of(&ds)?;
    let rov = ds.rov();
    let opts = CheckOptions {
        expected_rir: args.rir.as_deref(),
        rov: rov.map(|r| &**r),
    };
    let format = args.format.unwrap_or(if single.is_some() {
        CheckFormat::Text
    } else {
        CheckFormat::Csv
    });
    let mut out = Output::open(None)?;
    let mut w = Writer {
        format,
        rpki: rov.is_some(),
        first: true,
        single: single.is_some(),
        buf: Vec::with_capacity(1 << 16),
    };
    w.start(args.header);
    match single {
        Some(q) => w.push(db, &opts, q)?,
        None => {
            let stdin = io::stdin();
            let mut reader = BufReader::with_capacity(1 << 20, stdin.lock());
            let mut line = Vec::with_capacity(256);
            let mut lineno = 0u64;
            let mut skipped = 0u64;
            let route_opts = RouteLineOptions::new();
            loop {
                line.clear();
                let n = io::Read::take(&mut reader, MAX_LINE as u64 + 1)
                    .read_until(b'\n', &mut line)
                    .context("cannot read routes from stdin")?;
                if n == 0 {
                    break;
                }
                lineno += 1;
                if line.len() > MAX_LINE {
                    bail!("<stdin>: line {lineno}: longer than {MAX_LINE} bytes");
                }
                let parsed = std::str::from_utf8(&line)
                    .map_err(|_| ParseErrorKind::Utf8)
                    .and_then(|t| parse_origin_line(t, &route_opts));
                match parsed {
                    Ok(Some(route)) => w.push(db, &opts, (route.prefix, route.origin))?,
                    Ok(None) => {}
                    Err(kind) => {
                        let e =
                            ParseError::at(usize::try_from(lineno).unwrap_or(usize::MAX), 0, kind);
                        if args.lenient_input {
                            skipped += 1;
                            if !quiet && skipped <= MAX_PRINTED_WARNINGS as u64 {
                                eprintln!("routeguard: warning: <stdin>: {e}");
                            }
                        } else {
                            // Results before the bad line still go out.
                            w.finish_into(&mut out)?;
                            out.finish().context("cannot write output")?;
                            bail!("<stdin>: {e}");
                        }
                    }
                }
                if w.buf.len() >= 1 << 16 {
                    out.write_all(&w.buf).context("cannot write output")?;
                    w.buf.clear();
                }
            }
            if !quiet && skipped > 0 {
                eprintln!("routeguard: warning: <stdin>: skipped {skipped} bad line(s)");
            }
        }
    }
    w.finish_into(&mut out)?;
    out.finish().context("cannot write output")?;
    Ok(0)
}

#[derive(Serialize)]
struct RouteJson {
    prefix: String,
    origin: String,
    source: String,
}

impl RouteJson {
    fn new(r: &RouteRef) -> Self {
        RouteJson {
            prefix: r.prefix.to_string(),
            origin: r.origin.to_string(),
            source: r.source.to_string(),
        }
    }
}

#[derive(Serialize)]
struct AdviceJson {
    level: &'static str,
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct CheckJson {
    prefix: String,
    origin: Option<String>,
    status: &'static str,
    sources: serde_json::Map<String, serde_json::Value>,
    objects: Vec<RouteJson>,
    advice: Vec<AdviceJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rpki: Option<Option<&'static str>>,
}

/// Formats results as they come.
struct Writer {
    format: CheckFormat,
    rpki: bool,
    first: bool,
    single: bool,
    buf: Vec<u8>,
}

const PREFIX_WIDTH: usize = 24;
const ORIGIN_WIDTH: usize = 12;
const STATUS_WIDTH: usize = 15;

impl Writer {
    fn start(&mut self, header: bool) {
        match self.format {
            CheckFormat::Csv if header => {
                self.buf.extend_from_slice(if self.rpki {
                    b"prefix,origin,status,rpki\n".as_slice()
                } else {
                    b"prefix,origin,status\n".as_slice()
                });
            }
            CheckFormat::Text if header => {
                let mut h = format!(
                    "{:<PREFIX_WIDTH$} {:<ORIGIN_WIDTH$} {}",
                    "PREFIX", "ORIGIN", "STATUS"
                );
                if self.rpki {
                    h = format!(
                        "{h:<w$} RPKI",
                        w = PREFIX_WIDTH + ORIGIN_WIDTH + STATUS_WIDTH + 2
                    );
                }
                self.buf.extend_from_slice(h.trim_end().as_bytes());
                self.buf.push(b'\n');
            }
            CheckFormat::Json if !self.single => self.buf.push(b'['),
            _ => {}
        }
    }

    fn push(&mut self, db: &IrrDb, opts: &CheckOptions<'_>, (prefix, origin): Query) -> Result<()> {
        let check = check_route_with(db, &prefix, origin, opts);
        let (status, rpki) = (check.status, check.rpki);
        match self.format {
            CheckFormat::Csv => {
                push_prefix(&mut self.buf, &prefix);
                self.buf.push(b',');
                if let Some(a) = origin {
                    push_asn(&mut self.buf, a);
                }
                self.buf.push(b',');
                self.buf.extend_from_slice(status.name().as_bytes());
                if self.rpki {
                    self.buf.push(b',');
                    self.buf
                        .extend_from_slice(rpki.map_or("", |s| s.as_str()).as_bytes());
                }
                self.buf.push(b'\n');
            }
            CheckFormat::Text => {
                let origin_text = origin.map_or_else(|| "-".to_owned(), |a| a.to_string());
                let mut line = format!(
                    "{:<PREFIX_WIDTH$} {:<ORIGIN_WIDTH$} {}",
                    prefix.to_string(),
                    origin_text,
                    status.name()
                );
                if self.rpki {
                    line = format!(
                        "{line:<w$} {}",
                        rpki.map_or("-", |s| s.as_str()),
                        w = PREFIX_WIDTH + ORIGIN_WIDTH + STATUS_WIDTH + 2
                    );
                }
                self.buf.extend_from_slice(line.as_bytes());
                self.buf.push(b'\n');
                if self.single {
                    self.push_details(&check);
                }
            }
            CheckFormat::Json => {
                let mut sources = serde_json::Map::new();
                for (src, st) in &check.per_source {
                    sources.insert(src.to_string(), st.name().into());
                }
                let json = CheckJson {
                    prefix: prefix.to_string(),
                    origin: origin.map(|a| a.to_string()),
                    status: status.name(),
                    sources,
                    objects: check.covering.iter().map(RouteJson::new).collect(),
                    advice: check
                        .advice
                        .iter()
                        .map(|a| AdviceJson {
                            level: a.level().name(),
                            code: a.code(),
                            message: a.to_string(),
                        })
                        .collect(),
                    rpki: self.rpki.then(|| rpki.map(|s| s.as_str())),
                };
                if self.single {
                    serde_json::to_writer_pretty(&mut self.buf, &json)?;
                    self.buf.push(b'\n');
                } else {
                    if !self.first {
                        self.buf.push(b',');
                    }
                    self.buf.push(b'\n');
                    serde_json::to_writer(&mut self.buf, &json)?;
                }
            }
        }
        self.first = false;
        Ok(())
    }

    /// The per-source statuses, covering objects and advice of a single query.
    fn push_details(&mut self, check: &IrrCheck) {
        let mut s = String::from("sources:\n");
        for (src, st) in &check.per_source {
            s.push_str(&format!("  {src:<16} {}\n", st.name()));
        }
        if check.covering.is_empty() {
            s.push_str("route objects: none cover the prefix\n");
        } else {
            s.push_str("route objects (least specific first):\n");
            for r in &check.covering {
                s.push_str(&format!(
                    "  {:<PREFIX_WIDTH$} {:<ORIGIN_WIDTH$} {}\n",
                    r.prefix.to_string(),
                    r.origin.to_string(),
                    r.source
                ));
            }
        }
        if !check.advice.is_empty() {
            s.push_str("advice:\n");
            for a in &check.advice {
                s.push_str(&format!("  {:<7} {a}\n", a.level().name()));
            }
        }
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn finish_into(&mut self, out: &mut Output) -> Result<()> {
        if self.format == CheckFormat::Json && !self.single {
            if !self.first {
                self.buf.push(b'\n');
            }
            self.buf.extend_from_slice(b"]\n");
            // Only once, even after an error path already finished.
            self.single = true;
        }
        out.write_all(&self.buf).context("cannot write output")?;
        self.buf.clear();
        Ok(())
    }
}

#[derive(Serialize)]
struct ObjectJson {
    source: String,
    class: String,
    key: String,
    line: usize,
    attributes: Vec<(String, String)>,
}

fn object_json(db: &IrrDb, id: ObjId) -> Option<ObjectJson> {
    let obj = db.object(id)?;
    Some(ObjectJson {
        source: db.source_of(id).map(|s| s.to_string()).unwrap_or_default(),
        class: obj.class_name().to_owned(),
        key: obj.key().to_owned(),
        line: db.line_of(id).unwrap_or(0),
        attributes: obj
            .attributes
            .into_iter()
            .map(|a| (a.name, a.value))
            .collect(),
    })
}

fn show(args: &ShowArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let mut files = args.files.clone();
    let key = match &args.key {
        Some(k) => k.clone(),
        None => match take_trailing(&mut files.irr, 1).as_slice() {
            [k] => k.clone(),
            _ => bail!("missing KEY: give an AS, a set name or a prefix after the IRR files"),
        },
    };
    let ds = load_db(&files, None, &RtrArgs::default(), progress, quiet)?;
    let db = irr_of(&ds)?;
    let (kind, ids) = db.lookup(&key);
    let mut out = Output::open(None)?;
    match args.format {
        InfoFormat::Json => {
            let objects: Vec<ObjectJson> =
                ids.iter().filter_map(|id| object_json(db, *id)).collect();
            let mut json = serde_json::Map::new();
            json.insert("key".into(), key.clone().into());
            json.insert("objects".into(), serde_json::to_value(objects)?);
            match &kind {
                LookupKey::Asn(a) => {
                    let routes: Vec<RouteJson> =
                        db.routes_by_origin(*a).iter().map(RouteJson::new).collect();
                    json.insert("routes".into(), serde_json::to_value(routes)?);
                }
                LookupKey::Set(name) => {
                    if let Ok(x) = db.expand_as_set(name) {
                        json.insert(
                            "asns".into(),
                            x.asns.iter().map(|a| a.to_string()).collect(),
                        );
                    }
                }
                LookupKey::Prefix(p) => {
                    let routes: Vec<RouteJson> =
                        db.routes_covering(p).iter().map(RouteJson::new).collect();
                    json.insert("covering".into(), serde_json::to_value(routes)?);
                }
                _ => {}
            }
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        InfoFormat::Text => {
            for id in &ids {
                let src = db.source_of(*id).map(|s| s.to_string()).unwrap_or_default();
                let line = db.line_of(*id).unwrap_or(0);
                writeln!(out, "% {src}, line {line}")?;
                if let Some(text) = db.object_text(*id) {
                    out.write_all(text.trim_end().as_bytes())?;
                    writeln!(out)?;
                }
                writeln!(out)?;
            }
            match &kind {
                LookupKey::Asn(a) => {
                    let routes = db.routes_by_origin(*a);
                    writeln!(out, "% {} route object(s) with origin {a}", routes.len())?;
                    for r in routes {
                        writeln!(
                            out,
                            "%   {:<PREFIX_WIDTH$} {}",
                            r.prefix.to_string(),
                            r.source
                        )?;
                    }
                }
                LookupKey::Set(name) if !ids.is_empty() => {
                    if let Ok(x) = db.expand_as_set(name) {
                        if !x.asns.is_empty() {
                            let list: Vec<String> = x.asns.iter().map(|a| a.to_string()).collect();
                            writeln!(
                                out,
                                "% {} AS(es) after recursive expansion: {}",
                                list.len(),
                                list.join(" ")
                            )?;
                        }
                    }
                }
                LookupKey::Prefix(p) => {
                    let less: Vec<RouteRef> = db
                        .routes_covering(p)
                        .into_iter()
                        .filter(|r| r.prefix != *p)
                        .collect();
                    if !less.is_empty() {
                        writeln!(out, "% less-specific route objects:")?;
                        for r in less {
                            writeln!(
                                out,
                                "%   {:<PREFIX_WIDTH$} {:<ORIGIN_WIDTH$} {}",
                                r.prefix.to_string(),
                                r.origin.to_string(),
                                r.source
                            )?;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out.finish().context("cannot write output")?;
    let found = !ids.is_empty()
        || matches!(&kind, LookupKey::Asn(a) if !db.routes_by_origin(*a).is_empty())
        || matches!(&kind, LookupKey::Prefix(p) if !db.routes_covering(p).is_empty());
    if !found {
        if !quiet {
            eprintln!("routeguard: no objects for {key:?}");
        }
        return Ok(1);
    }
    Ok(0)
}

fn whois(args: &WhoisArgs) -> Result<u8> {
    use routeguard::net::whois::{AnswerKind, WhoisClient, WhoisOptions};
    use std::time::Duration;
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let timeout = Duration::from_secs_f64(args.timeout);
    let addr = whois_addr(&args.host);
    let opts = WhoisOptions {
        connect_timeout: timeout,
        read_timeout: timeout,
        max_answer_bytes: args.max_answer_bytes,
        idle_timeout: (args.idle_timeout > 0).then(|| Duration::from_secs(args.idle_timeout)),
        ..WhoisOptions::default()
    };
    let mut client = WhoisClient::connect(&addr, opts)?;
    let queries: Vec<&str> = args.queries.iter().map(String::as_str).collect();
    let answers = client.pipeline(&queries)?;
    let mut out = Output::open(None)?;
    let mut code = 0u8;
    for (q, a) in queries.iter().zip(&answers) {
        match &a.kind {
            AnswerKind::Data => {
                out.write_all(&a.data)?;
                if !a.data.ends_with(b"\n") {
                    out.write_all(b"\n")?;
                }
            }
            AnswerKind::Error(msg) => {
                eprintln!("routeguard: {q}: server error: {msg}");
                code = 2;
            }
            _ => code = code.max(1),
        }
    }
    out.finish().context("cannot write output")?;
    let _ = client.quit();
    Ok(code)
}

/// `HOST:PORT` as given, or `HOST` with the whois port 43 (IPv6 literals in
/// brackets: `[2001:db8::1]:43`; a bare IPv6 address gets brackets).
fn whois_addr(host: &str) -> String {
    crate::input::with_default_port(host, 43)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whois_addresses() {
        assert_eq!(whois_addr("127.0.0.1:8043"), "127.0.0.1:8043");
        assert_eq!(whois_addr("whois.radb.net"), "whois.radb.net:43");
        assert_eq!(whois_addr("rr.ntt.net:4343"), "rr.ntt.net:4343");
        assert_eq!(whois_addr("2001:db8::1"), "[2001:db8::1]:43");
        assert_eq!(whois_addr("[2001:db8::1]:4343"), "[2001:db8::1]:4343");
    }

    #[test]
    fn irr_arguments() {
        assert_eq!(
            split_source("RIPE=ripe.db"),
            (Some("RIPE"), Path::new("ripe.db"))
        );
        assert_eq!(split_source("ripe.db"), (None, Path::new("ripe.db")));
        assert_eq!(split_source("=x"), (None, Path::new("=x")));
        assert_eq!(split_source("a b=c"), (None, Path::new("a b=c")));
    }
}
