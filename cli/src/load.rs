//! Loading a VRP file (any format, sniffed unless given) and applying SLURM.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::Args;
use routeguard::slurm::SlurmOptions;
use routeguard::{slurm, Format, LoadOptions, Loaded, Mode, Slurm};

use crate::input::{self, display_name};
use crate::progress::{self, Progress};

/// Most warnings printed one by one in lenient mode; the rest are counted.
const MAX_PRINTED_WARNINGS: usize = 10;

/// Options shared by every command that loads VRPs.
#[derive(Args, Debug, Clone, Default)]
pub struct LoadArgs {
    /// Apply this SLURM file (RFC 8416 v1, or v2 with ASPA) to the VRPs
    /// before use: filters first, then assertions.
    #[arg(long, value_name = "FILE")]
    pub slurm: Option<PathBuf>,

    /// Format of the VRP file instead of sniffing it: json (every JSON
    /// layout), csv, openbgpd, bird (bird1/bird2), slurm.
    #[arg(long, value_name = "FMT", value_parser = parse_format)]
    pub input_format: Option<Format>,

    /// Skip bad records (and, for validate, bad input lines) with a warning
    /// on stderr instead of failing on the first one.
    #[arg(long)]
    pub lenient: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown input format {s:?} (expected one of: {})",
            names.join(", ")
        )
    })
}

/// Reads, decompresses and parses a VRP file, then applies `--slurm`.
pub fn load_vrps(path: &Path, args: &LoadArgs, progress: &Progress, quiet: bool) -> Result<Loaded> {
    let name = display_name(path);
    let data = input::read_all(path, progress)?;
    let opts = if args.lenient {
        LoadOptions::lenient()
    } else {
        LoadOptions::default()
    };
    let bar = progress.step(data.len(), "parsing VRPs");
    let result = match args.input_format {
        Some(f) => slurm::load_as(&data, f, &opts),
        None => slurm::load(&data, &opts),
    };
    progress::done(bar);
    drop(data);
    let mut loaded = result.map_err(|e| anyhow!("{name}: {e}"))?;
    if !quiet {
        for w in loaded.warnings.iter().take(MAX_PRINTED_WARNINGS) {
            eprintln!("routeguard: warning: {name}: {w}");
        }
        if loaded.skipped > 0 {
            eprintln!(
                "routeguard: warning: {name}: skipped {} bad record(s)",
                loaded.skipped
            );
        }
    }
    if let Some(slurm_path) = &args.slurm {
        let slurm = load_slurm(slurm_path, opts.mode, progress, quiet)?;
        slurm.apply(&mut loaded.set);
    }
    Ok(loaded)
}

/// Reads and parses a SLURM file: strictly per RFC 8416, or in lenient mode
/// (`--lenient`) tolerating what real files do, with a warning for each.
pub fn load_slurm(path: &Path, mode: Mode, progress: &Progress, quiet: bool) -> Result<Slurm> {
    let name = display_name(path);
    let data = input::read_all(path, progress)?;
    let opts = SlurmOptions::with_mode(mode);
    let parsed = Slurm::parse_with(&data, &opts)
        .map_err(|e| anyhow!("{name}: {e}"))
        .context("cannot use SLURM file")?;
    if !quiet {
        for w in parsed.warnings.iter().take(MAX_PRINTED_WARNINGS) {
            eprintln!("routeguard: warning: {name}: {w}");
        }
    }
    Ok(parsed.slurm)
}
