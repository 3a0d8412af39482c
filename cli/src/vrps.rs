//! `routeguard vrps convert` and `routeguard vrps stats`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use routeguard::parse::time::format_rfc3339;
use routeguard::{render, OutputFormat, VrpSet};
use serde::Serialize;

use crate::input::{display_name, Output};
use crate::load::{self, Items, LoadArgs};
use crate::progress::{self, Progress};

/// `routeguard vrps …`
#[derive(Subcommand, Debug)]
pub enum VrpsCommand {
    /// Convert a VRP file to another validator's export format.
    #[command(after_long_help = CONVERT_HELP)]
    Convert(ConvertArgs),
    /// Count the payloads of a VRP file.
    #[command(after_long_help = STATS_HELP)]
    Stats(StatsArgs),
}

const CONVERT_HELP: &str = "\
Output formats (--to):
  csv               Routinator csv: ASN,IP Prefix,Max Length,Trust Anchor
  json              Routinator json: roas, routerKeys, aspas
  rpki-client-json  rpki-client json: roas, bgpsec_keys, aspas
  openbgpd          OpenBGPD roa-set / aspa-set
  bird2             BIRD 2 `route P max N as A;`
  snapshot          routeguard's binary VRP snapshot: lossless, about a fifth of
                    the JSON, read back by every --vrps without parsing text
Formats without a place for ASPAs or router keys drop them.
An --output ending in .gz or .bz2 is compressed.

Exit status: 0 done; 2 bad arguments, unreadable or malformed input, write error.";

const STATS_HELP: &str = "\
Counts VRPs (total, unique by prefix/maxLength/ASN, IPv4, IPv6, AS0), VRPs per
trust anchor (`(none)` when the export names none), ASPAs and their provider
entries, router keys, and names the detected input format. --format json gives
{\"format\", \"vrps\", \"uniqueVrps\", \"ipv4\", \"ipv6\", \"as0\", \"trustAnchors\": {name: count},
 \"aspas\", \"aspaProviders\", \"routerKeys\", \"generated\", \"skipped\"}.

Exit status: 0 done; 2 bad arguments, unreadable or malformed input.";

/// Arguments of `vrps convert`.
#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The VRP file (any supported format, sniffed; .gz/.bz2 decompressed; `-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,

    /// Output format: csv, json, rpki-client-json, openbgpd, bird2, snapshot.
    #[arg(long, value_name = "FORMAT", value_parser = parse_output_format)]
    pub to: ExportFormat,

    /// Write here instead of stdout (.gz/.bz2 compress).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub load: LoadArgs,
}

/// Output format of `vrps stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// `name  value` lines.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `vrps stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// The VRP file (any supported format, sniffed; .gz/.bz2 decompressed; `-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,

    #[command(flatten)]
    pub load: LoadArgs,
}

/// What `vrps convert --to` and `rtr dump/sync --format` write: a
/// validator's export format, or a VRP snapshot (`render::snapshot`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// An export format of rpki-client or Routinator.
    Vrps(OutputFormat),
    /// routeguard's binary VRP snapshot.
    Snapshot,
}

impl ExportFormat {
    /// Writes `set` in this format.
    pub fn write<W: Write>(self, set: &VrpSet, out: &mut W) -> std::io::Result<()> {
        match self {
            ExportFormat::Vrps(f) => render::vrps::write_vrps(set, f, out),
            ExportFormat::Snapshot => out.write_all(&render::snapshot::encode(set)),
        }
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportFormat::Vrps(format) => format.fmt(f),
            ExportFormat::Snapshot => f.write_str("snapshot"),
        }
    }
}

pub fn parse_output_format(s: &str) -> Result<ExportFormat, String> {
    if s == "snapshot" {
        return Ok(ExportFormat::Snapshot);
    }
    OutputFormat::from_name(s)
        .map(ExportFormat::Vrps)
        .ok_or_else(|| {
            let names: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
            format!(
                "unknown output format {s:?} (expected one of: {}, snapshot)",
                names.join(", ")
            )
        })
}

/// Runs a `vrps` subcommand; returns the exit status.
pub fn run(cmd: &VrpsCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        VrpsCommand::Convert(args) => convert(args, progress, quiet),
        VrpsCommand::Stats(args) => stats(args, progress, quiet),
    }
}

/// Loads the VRP file (no index: converting and counting need none).
fn load_set(
    path: &std::path::Path,
    args: &LoadArgs,
    progress: &Progress,
    quiet: bool,
) -> Result<routeguard::dataset::Dataset> {
    load::build(
        load::vrp_builder(path, args).defer_indexes(),
        progress,
        quiet,
        &[(display_name(path), Items::Records)],
    )
}

fn convert(args: &ConvertArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let ds = load_set(&args.input, &args.load, progress, quiet)?;
    write_export(&ds, args.to, args.output.as_deref(), progress)?;
    Ok(0)
}

/// Writes the dataset's payloads (none when it has no VRPs) as `format`
/// to `output` or stdout: `vrps convert` and `rtr dump`.
pub fn write_export(
    ds: &routeguard::dataset::Dataset,
    format: ExportFormat,
    output: Option<&std::path::Path>,
    progress: &Progress,
) -> Result<()> {
    let empty = VrpSet::default();
    let set = ds.vrps().map_or(&empty, |s| &**s);
    let mut out = Output::open(output)?;
    let bar = progress.step(
        set.vrps.len().saturating_mul(40),
        &format!("writing {format}"),
    );
    let written = format.write(set, &mut out);
    progress::done(bar);
    written.context("cannot write output")?;
    out.finish().context("cannot write output")
}

/// Counts reported by `vrps stats`.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    format: Option<&'static str>,
    vrps: usize,
    unique_vrps: usize,
    ipv4: usize,
    ipv6: usize,
    as0: usize,
    trust_anchors: BTreeMap<String, usize>,
    aspas: usize,
    aspa_providers: usize,
    router_keys: usize,
    generated: Option<i64>,
    skipped: usize,
}

impl Stats {
    fn of(set: &VrpSet) -> Self {
        let mut trust_anchors: BTreeMap<String, usize> = BTreeMap::new();
        let (mut ipv4, mut as0) = (0, 0);
        let mut last_ta: Option<(&str, usize)> = None;
        for v in &set.vrps {
            ipv4 += usize::from(v.prefix.is_ipv4());
            as0 += usize::from(v.asn.is_zero());
            let ta = v.ta.as_deref().unwrap_or("(none)");
            // Runs of the same TA are common; count them before touching the map.
            match &mut last_ta {
                Some((name, n)) if *name == ta => *n += 1,
                _ => {
                    if let Some((name, n)) = last_ta.take() {
                        *trust_anchors.entry(name.to_owned()).or_default() += n;
                    }
                    last_ta = Some((ta, 1));
                }
            }
        }
        if let Some((name, n)) = last_ta {
            *trust_anchors.entry(name.to_owned()).or_default() += n;
        }
        let mut keys: Vec<_> = set.vrps.iter().map(|v| v.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        Stats {
            format: None,
            vrps: set.vrps.len(),
            unique_vrps: keys.len(),
            ipv4,
            ipv6: set.vrps.len() - ipv4,
            as0,
            trust_anchors,
            aspas: set.aspas.len(),
            aspa_providers: set.aspas.iter().map(|a| a.providers.len()).sum(),
            router_keys: set.router_keys.len(),
            generated: set.generated,
            skipped: 0,
        }
    }

    fn write_text(&self, buf: &mut Vec<u8>) -> std::io::Result<()> {
        writeln!(buf, "format          {}", self.format.unwrap_or("(empty)"))?;
        writeln!(buf, "vrps            {}", self.vrps)?;
        writeln!(buf, "  unique        {}", self.unique_vrps)?;
        writeln!(buf, "  ipv4          {}", self.ipv4)?;
        writeln!(buf, "  ipv6          {}", self.ipv6)?;
        writeln!(buf, "  as0           {}", self.as0)?;
        writeln!(buf, "trust anchors   {}", self.trust_anchors.len())?;
        for (ta, n) in &self.trust_anchors {
            writeln!(buf, "  {ta:<13} {n}")?;
        }
        writeln!(buf, "aspas           {}", self.aspas)?;
        writeln!(buf, "  providers     {}", self.aspa_providers)?;
        writeln!(buf, "router keys     {}", self.router_keys)?;
        if let Some(g) = self.generated {
            writeln!(buf, "generated       {} ({g})", format_rfc3339(g))?;
        }
        if self.skipped > 0 {
            writeln!(buf, "skipped         {}", self.skipped)?;
        }
        Ok(())
    }
}

fn stats(args: &StatsArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let ds = load_set(&args.input, &args.load, progress, quiet)?;
    let empty = VrpSet::default();
    let mut stats = Stats::of(ds.vrps().map_or(&empty, |s| &**s));
    stats.format = ds.vrp_format().map(|f| f.name());
    stats.skipped = ds.skipped(&display_name(&args.input));
    let mut buf = Vec::new();
    match args.format {
        StatsFormat::Text => stats.write_text(&mut buf)?,
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &stats)?;
            buf.push(b'\n');
        }
    }
    let mut out = Output::open(None)?;
    out.write_all(&buf).context("cannot write output")?;
    out.finish().context("cannot write output")?;
    Ok(0)
}
