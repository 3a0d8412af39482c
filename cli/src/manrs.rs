//! `routeguard manrs`: judge a network on the four MANRS actions from the
//! routes seen from outside and the registries (core's `manrs` stage), or
//! score every origin AS of a table as the MANRS Observatory does.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use routeguard::dataset::routes::RouteOptions;
use routeguard::dataset::Dataset;
use routeguard::manrs::{self, Operator, Options, RouteFilter, RouteTable, Rule, Thresholds};
use routeguard::parse::bgp::RouteLineOptions;
use routeguard::render::manrs::{
    remedy_files, render_observatory, render_report, ObservatoryFormat, ReportFormat,
};
use routeguard::Asn;

use crate::input::{display_name, is_stdin, Output};
use crate::irr::add_irr_files;
use crate::load::{self, input, LoadArgs, RtrArgs};
use crate::progress::{self, Progress};

/// The `manrs` subcommands.
#[derive(Subcommand, Debug)]
pub enum ManrsCommand {
    /// Judge an operator (its ASNs) on the four MANRS actions: findings with
    /// evidence and remedy, Observatory metrics, a readiness label per action.
    /// Exit 0 when every evaluated action conforms, 1 when one does not.
    Check(Box<CheckArgs>),
    /// One row per origin AS of a routing table: routes, M7IRR, M7RPKI, bogon
    /// counts and CAIDA's Action 1/4 conformance, as CSV or JSON.
    Observatory(Box<ObservatoryArgs>),
    /// List the rules, or print one rule's documentation (what it checks,
    /// why, the evidence it shows, the remedy).
    Rules(RulesArgs),
}

/// Data files shared by `check` and `observatory`.
#[derive(Args, Debug)]
pub struct DataArgs {
    /// BGP routes as seen from outside: `PREFIX PATH` lines, `bgpdump -m`
    /// lines (timestamped updates give durations and incidents), CAIDA
    /// prefix2as, or MRT RIB dumps and BGP4MP updates; compressed or not.
    /// Repeat or list several files; `-` reads standard input.
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    routes: Vec<PathBuf>,

    /// VRPs (and ASPAs) in any format routeguard reads.
    #[arg(long, value_name = "FILE", conflicts_with = "rtr")]
    vrps: Option<PathBuf>,

    #[command(flatten)]
    rtr: RtrArgs,

    /// RPSL dumps, `[SOURCE=]FILE`, in order of preference.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    irr: Vec<String>,

    /// CAIDA AS relationships (as-rel): who is whose customer, provider, peer.
    #[arg(long, value_name = "FILE")]
    asrel: Option<PathBuf>,

    /// Extra bogon prefix lists (one prefix per line).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    bogons: Vec<PathBuf>,

    /// Read prefixes with host bits set as their network (`--relaxed`).
    #[arg(long)]
    relaxed: bool,

    #[command(flatten)]
    load: LoadArgs,
}

/// Arguments of `manrs check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The operator's ASNs (`64500`, `AS64500`); repeat for several.
    #[arg(long = "asn", value_name = "ASN", required = true, value_parser = parse_asn)]
    asns: Vec<Asn>,

    #[command(flatten)]
    data: DataArgs,

    /// PeeringDB API pages (`{"data": [...]}` of net, poc, org) or dumps.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    peeringdb: Vec<PathBuf>,

    /// The operator's customer as-set (default: the `irr_as_set` of its
    /// PeeringDB record).
    #[arg(long, value_name = "NAME")]
    as_set: Option<String>,

    /// Customers beyond the AS relationships; repeat for several.
    #[arg(long = "customer", value_name = "ASN", value_parser = parse_asn)]
    customers: Vec<Asn>,

    /// The anti-spoofing network-facts file (JSON: customer interfaces,
    /// single-homed or not, uRPF mode, ACL prefixes).
    #[arg(long, value_name = "FILE")]
    facts: Option<PathBuf>,

    /// A router configuration (Junos `set` form, or IOS-style text of IOS,
    /// IOS XE, IOS XR, EOS; the language is guessed), read for its uRPF
    /// settings: `FILE` or `FILE=IF1,IF2` naming its single-homed customer
    /// interfaces, which `anti-spoofing/no-sav` audits. The facts file's
    /// interfaces on a router of the same host name are judged by its
    /// configuration. Repeat for several routers.
    #[arg(long = "router-config", value_name = "FILE[=IF,…]")]
    router_configs: Vec<String>,

    /// A prefix list taken from a router, `CUSTOMER=FILE` (the customer an
    /// ASN or as-set whose route objects make the expected list; the list
    /// in any form routeguard renders, sniffed), which
    /// `filtering/customer-filter-mismatch` compares. Repeatable.
    #[arg(long = "router-filter", value_name = "CUSTOMER=FILE")]
    router_filters: Vec<String>,

    /// CAIDA Spoofer test results (API JSON or CSV).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    spoofer: Vec<PathBuf>,

    /// Report format.
    #[arg(long, default_value = "text", value_parser = parse_report_format)]
    format: ReportFormat,

    /// Write the report here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Write the remedy artifacts into this directory: route objects, ROAs
    /// (CSV and SLURM), as-set members, an aut-num skeleton.
    #[arg(long, value_name = "DIR")]
    remedy: Option<PathBuf>,

    /// Lowest action score (0–100) labelled ready.
    #[arg(long, value_name = "SCORE", default_value_t = Thresholds::default().ready)]
    ready: f64,

    /// Lowest action score (0–100) labelled aspiring.
    #[arg(long, value_name = "SCORE", default_value_t = Thresholds::default().aspiring)]
    aspiring: f64,
}

/// Arguments of `manrs observatory`.
#[derive(Args, Debug)]
pub struct ObservatoryArgs {
    #[command(flatten)]
    data: DataArgs,

    /// Output format.
    #[arg(long, default_value = "csv", value_parser = parse_observatory_format)]
    format: ObservatoryFormat,

    /// Write the rows here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Arguments of `manrs rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A rule ID (`filtering/own-rpki-invalid`): print its documentation.
    rule: Option<String>,
}

fn parse_asn(s: &str) -> Result<Asn, String> {
    Asn::parse(s).map_err(|e| format!("{s:?} is not an ASN ({e})"))
}

fn parse_report_format(s: &str) -> Result<ReportFormat, String> {
    s.parse().map_err(|e| format!("{e}"))
}

fn parse_observatory_format(s: &str) -> Result<ObservatoryFormat, String> {
    s.parse().map_err(|e| format!("{e}"))
}

/// Runs `routeguard manrs …`.
pub fn run(cmd: &ManrsCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        ManrsCommand::Check(args) => check(args, progress, quiet),
        ManrsCommand::Observatory(args) => observatory(args, progress, quiet),
        ManrsCommand::Rules(args) => rules(args),
    }
}

/// The dataset of the shared data arguments plus `extra` inputs.
fn dataset(
    data: &DataArgs,
    progress: &Progress,
    quiet: bool,
    extra: impl FnOnce(routeguard::dataset::DatasetBuilder) -> routeguard::dataset::DatasetBuilder,
) -> Result<Dataset> {
    let mut counted = Vec::new();
    let mut b = load::add_vrps(
        load::builder(&data.load),
        data.vrps.as_deref(),
        &data.rtr,
        &mut counted,
    );
    b = add_irr_files(b, &data.irr, false, &mut counted)?;
    if let Some(r) = &data.asrel {
        b = b.asrel(input(r));
    }
    for list in &data.bogons {
        b = b.bogons(input(list));
    }
    load::build(extra(b), progress, quiet, &counted)
}

/// Reads every `--routes` file into one table.
fn read_routes(data: &DataArgs, filter: RouteFilter, progress: &Progress) -> Result<RouteTable> {
    let mut table = RouteTable::new(filter);
    let opts = RouteOptions {
        lines: RouteLineOptions::new().relaxed(data.relaxed),
        ..RouteOptions::default()
    };
    let mut stdin_used = false;
    for path in &data.routes {
        if is_stdin(path) {
            if stdin_used {
                bail!("--routes -: standard input can be read only once");
            }
            stdin_used = true;
        }
        let bar = progress.counter(&format!("reading {}", display_name(path)));
        table.read(input(path), &opts)?;
        progress::done(bar);
    }
    Ok(table.finish())
}

/// The dataset and the route table, loaded side by side on two threads
/// (each is single-threaded; the VRP file's decompression and the route
/// reading overlap). The dataset's error wins when both fail.
fn load_both(
    data: &DataArgs,
    filter: RouteFilter,
    progress: &Progress,
    quiet: bool,
    extra: impl FnOnce(routeguard::dataset::DatasetBuilder) -> routeguard::dataset::DatasetBuilder,
) -> Result<(Dataset, RouteTable)> {
    std::thread::scope(|s| {
        // Progress of the routes on the main thread's bars only when the
        // dataset shows none (one spinner at a time).
        let quiet_progress = Progress::detect(true);
        let routes = s.spawn(move || read_routes(data, filter, &quiet_progress));
        let ds = dataset(data, progress, quiet, extra);
        let routes = routes
            .join()
            .map_err(|_| anyhow::anyhow!("internal error: the route reader stopped"))?;
        Ok((ds?, routes?))
    })
}

fn check(args: &CheckArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    if !(0.0..=100.0).contains(&args.ready) || !(0.0..=args.ready).contains(&args.aspiring) {
        bail!("--ready and --aspiring are scores from 0 to 100, aspiring ≤ ready");
    }
    let mut op =
        Operator::new(args.asns.iter().copied()).with_customers(args.customers.iter().copied());
    if let Some(s) = &args.as_set {
        op = op.with_as_set(s.clone());
    }
    for arg in &args.router_configs {
        let (path, ifs) = match arg.split_once('=') {
            Some((p, l)) => (
                p,
                l.split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            None => (arg.as_str(), Vec::new()),
        };
        let cfg = crate::antispoof::read_config(Path::new(path), None)?;
        op = op.with_router(manrs::RouterConfig::new(cfg, ifs));
    }
    for arg in &args.router_filters {
        let Some((customer, path)) = arg.split_once('=') else {
            bail!("--router-filter {arg}: expected CUSTOMER=FILE");
        };
        let text = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
        op = op
            .with_router_filters(&text, None, customer, None)
            .with_context(|| path.to_owned())?;
    }
    let (ds, routes) = load_both(
        &args.data,
        RouteFilter::through(&op.asns),
        progress,
        quiet,
        |mut b| {
            for p in &args.peeringdb {
                b = b.peeringdb(input(p));
            }
            if let Some(f) = &args.facts {
                b = b.sav_facts(input(f));
            }
            for s in &args.spoofer {
                b = b.spoofer(input(s));
            }
            b
        },
    )?;
    let opts = Options {
        thresholds: Thresholds {
            ready: args.ready,
            aspiring: args.aspiring,
        },
    };
    let report = manrs::check(&ds, &op, &routes, &opts)?;
    if let Some(dir) = &args.remedy {
        write_remedies(dir, &report.remedies)?;
    }
    let mut out = Output::open(args.output.as_deref())?;
    render_report(&report, args.format, &mut out)?;
    out.finish()?;
    Ok(if report.conformant() { 0 } else { 1 })
}

fn write_remedies(dir: &Path, remedies: &manrs::Remedies) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, bytes) in remedy_files(remedies) {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn observatory(args: &ObservatoryArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let (ds, routes) = load_both(&args.data, RouteFilter::All, progress, quiet, |b| b)?;
    let rows = manrs::observatory(&ds, &routes);
    let mut out = Output::open(args.output.as_deref())?;
    render_observatory(&rows, args.format, &mut out)?;
    out.finish()?;
    Ok(0)
}

fn rules(args: &RulesArgs) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match &args.rule {
        Some(id) => {
            let rule: Rule = id.parse()?;
            writeln!(
                out,
                "{} ({}, {})\n",
                rule,
                rule.action().title(),
                rule.severity()
            )?;
            writeln!(out, "{}", rule.doc())?;
        }
        None => {
            for &rule in Rule::ALL {
                writeln!(
                    out,
                    "{:<45} {:<8} {}",
                    rule.as_str(),
                    rule.severity().as_str(),
                    rule.summary()
                )?;
            }
        }
    }
    Ok(0)
}
