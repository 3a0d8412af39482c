//! Building a command's inputs through core's one [`DatasetBuilder`]: each
//! path argument (or `-` for standard input) becomes an [`Input`], the
//! progress bars follow the builder's steps, lenient mode's warnings are
//! printed from [`Dataset::warnings`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use clap::Args;
use indicatif::ProgressBar;
use routeguard::dataset::{Dataset, DatasetBuilder, Input, LoadError, Step};
use routeguard::net::rtr::client::ClientOptions;
use routeguard::{Format, Mode};

use crate::input::{display_name, is_stdin};
use crate::progress::{self, Progress};

/// Most warnings printed one by one per input in lenient mode; the rest
/// are counted.
pub const MAX_PRINTED_WARNINGS: usize = 10;

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

/// `--rtr HOST:PORT` and its options: the VRPs (and ASPAs, router keys)
/// from an RPKI-to-Router cache instead of a file. A command flattens it
/// beside its `--vrps FILE` (which says `conflicts_with = "rtr"`) and
/// hands both to [`add_vrps`]. The options conflict with `--vrps` too:
/// clap lets a `requires` go unmet when a conflicting argument is present.
#[derive(Args, Debug, Clone, Default)]
pub struct RtrArgs {
    /// Instead of --vrps, the VRPs and ASPAs of an RTR cache (HOST:PORT,
    /// port 323 when omitted), loaded once (RFC 8210 reset) when the
    /// command starts.
    #[arg(long = "rtr", id = "rtr", value_name = "HOST:PORT", value_parser = crate::rtr::parse_server)]
    pub server: Option<String>,

    /// RTR protocol version: 0, 1 or 2 (default: negotiated down from 2).
    #[arg(long, value_name = "N", requires = "rtr", conflicts_with = "vrps", value_parser = clap::value_parser!(u8).range(0..=2))]
    pub rtr_version: Option<u8>,

    /// Time allowed for the RTR connect [default: 10s].
    #[arg(long, value_name = "DURATION", requires = "rtr", conflicts_with = "vrps", value_parser = crate::rtr::parse_duration)]
    pub rtr_connect_timeout: Option<Duration>,

    /// The longest RTR silence while a response is due [default: 60s].
    #[arg(long, value_name = "DURATION", requires = "rtr", conflicts_with = "vrps", value_parser = crate::rtr::parse_duration)]
    pub rtr_timeout: Option<Duration>,
}

impl RtrArgs {
    /// The client options these arguments ask for.
    pub fn options(&self) -> ClientOptions {
        crate::rtr::client_options(self.rtr_version, self.rtr_connect_timeout, self.rtr_timeout)
    }
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

/// A path argument as an input: the file, or standard input for `-`.
pub fn input(path: &Path) -> Input {
    if is_stdin(path) {
        Input::reader(display_name(path), std::io::stdin())
    } else {
        Input::path(path)
    }
}

/// A builder with the options of [`LoadArgs`]: the mode, the VRP format,
/// the SLURM file. Warnings beyond those printed are only counted.
pub fn builder(args: &LoadArgs) -> DatasetBuilder {
    let mut b = Dataset::builder()
        .mode(if args.lenient {
            Mode::Lenient
        } else {
            Mode::Strict
        })
        .max_warnings(MAX_PRINTED_WARNINGS);
    if let Some(f) = args.input_format {
        b = b.vrp_format(f);
    }
    if let Some(s) = &args.slurm {
        b = b.slurm(input(s));
    }
    b
}

/// A builder for one VRP file with the options of [`LoadArgs`].
pub fn vrp_builder(path: &Path, args: &LoadArgs) -> DatasetBuilder {
    builder(args).vrps(input(path))
}

/// A builder for one full load of the RTR cache at `server` with the
/// options of [`LoadArgs`] (the SLURM file; the mode and VRP format do not
/// apply to RTR data).
pub fn rtr_builder(args: &LoadArgs, server: &str, options: ClientOptions) -> DatasetBuilder {
    builder(args).rtr(server, options)
}

/// The command's VRP source added to `b`: the `--rtr` cache when given,
/// else the `--vrps` file (noted in `counted` for its skipped records),
/// else nothing.
pub fn add_vrps(
    b: DatasetBuilder,
    vrps: Option<&Path>,
    rtr: &RtrArgs,
    counted: &mut Vec<(String, Items)>,
) -> DatasetBuilder {
    match (&rtr.server, vrps) {
        (Some(server), _) => b.rtr(server, rtr.options()),
        (None, Some(v)) => {
            counted.push((display_name(v), Items::Records));
            b.vrps(input(v))
        }
        (None, None) => b,
    }
}

/// What an input's skipped items are called in the count printed after
/// its warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Items {
    /// Records of a VRP-format file.
    Records,
    /// Objects of an RPSL dump.
    Objects,
}

/// Builds the dataset with progress on stderr, then prints its warnings
/// (unless `quiet`): per input at most [`MAX_PRINTED_WARNINGS`], then how
/// many of `counted`'s items were skipped in all.
pub fn build(
    builder: DatasetBuilder,
    progress: &Progress,
    quiet: bool,
    counted: &[(String, Items)],
) -> Result<Dataset> {
    let ds = with_progress(builder, progress).build().map_err(|e| {
        let slurm = matches!(e.error, LoadError::Slurm(_));
        let err = anyhow::Error::new(e);
        if slurm {
            err.context("cannot use SLURM file")
        } else {
            err
        }
    })?;
    if !quiet {
        print_warnings(&ds, counted);
    }
    Ok(ds)
}

fn print_warnings(ds: &Dataset, counted: &[(String, Items)]) {
    let mut names: Vec<&str> = Vec::new();
    for w in ds.warnings() {
        if !names.contains(&&*w.input) {
            names.push(&w.input);
        }
    }
    for (name, _) in counted {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    for name in names {
        for w in ds
            .warnings()
            .iter()
            .filter(|w| &*w.input == name)
            .take(MAX_PRINTED_WARNINGS)
        {
            eprintln!("routeguard: warning: {name}: {}", w.warning);
        }
        let skipped = ds.skipped(name);
        let items = counted.iter().find(|(n, _)| n == name).map(|(_, i)| *i);
        match items {
            Some(items) if skipped > 0 => eprintln!(
                "routeguard: warning: {name}: skipped {skipped} bad {}(s)",
                match items {
                    Items::Records => "record",
                    Items::Objects => "object",
                }
            ),
            _ => {}
        }
    }
}

/// Spinners on stderr following the builder's steps (when stderr is a
/// terminal and the inputs are large enough to take a noticeable time).
fn with_progress(builder: DatasetBuilder, progress: &Progress) -> DatasetBuilder {
    if !progress.enabled() {
        return builder;
    }
    let progress = *progress;
    let mut bar: Option<ProgressBar> = None;
    let mut largest = 0usize;
    builder.on_progress(move |p| {
        progress::done(bar.take());
        if p.done {
            return;
        }
        if p.what.starts_with("rtr://") {
            // Network time, whatever the size: always worth a spinner.
            bar = progress.step(usize::MAX, &format!("loading {}", p.what));
            return;
        }
        let short = p.what.rsplit(['/', '\\']).next().unwrap_or(p.what);
        let size = p.bytes.unwrap_or_else(|| {
            std::fs::metadata(p.what).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX))
        });
        let (msg, work) = match p.step {
            Step::Read => (format!("reading {short}"), size),
            Step::Parse => (format!("parsing {short}"), size),
            Step::Index => (format!("indexing {}", p.what), largest),
            _ => (p.what.to_owned(), size),
        };
        largest = largest.max(size);
        bar = progress.step(work, &msg);
    })
}

/// A dataset of an optional VRP file (or RTR cache) and `--irr
/// [SOURCE=]FILE` dumps, with the options of [`LoadArgs`] (the subcommands
/// that need only these two).
pub fn vrps_and_irr(
    args: &LoadArgs,
    vrps: Option<&Path>,
    rtr: &RtrArgs,
    irr: &[String],
    progress: &Progress,
    quiet: bool,
) -> Result<Dataset> {
    let mut counted = Vec::new();
    let mut b = add_vrps(builder(args), vrps, rtr, &mut counted);
    b = crate::irr::add_irr_files(b, irr, false, &mut counted)?;
    build(b, progress, quiet, &counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn inputs_decompress_by_content() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("routeguard-cli-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let csv = "ASN,IP Prefix,Max Length,Trust Anchor\nAS1,10.0.0.0/8,8,x\n";
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(csv.as_bytes())?;
        // gzip data under a name that says JSON.
        let p = dir.join("vrps.json");
        std::fs::write(&p, enc.finish()?)?;
        let off = Progress::detect(true);
        let ds = build(vrp_builder(&p, &LoadArgs::default()), &off, true, &[])?;
        assert_eq!(ds.vrps().map(|s| s.vrps.len()), Some(1));
        // Plain data under a name that says gzip.
        let q = dir.join("plain.gz");
        std::fs::write(&q, csv)?;
        let ds = build(vrp_builder(&q, &LoadArgs::default()), &off, true, &[])?;
        assert_eq!(ds.vrps().map(|s| s.vrps.len()), Some(1));
        // Corrupt data: the path and what is wrong.
        std::fs::write(&q, b"\x1f\x8bnot really")?;
        let e = build(vrp_builder(&q, &LoadArgs::default()), &off, true, &[])
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(&format!("{}: invalid gzip data", q.display())),
            "{e}"
        );
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
