//! `routeguard`: RPKI route origin validation (RFC 6811), VRP export
//! conversion, IRR checks, ASPA path verification and whole-route checks
//! (bogons, leaks) from the command line, on top of the `routeguard` crate.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod antispoof;
mod bgpq4;
mod decode;
mod filter;
mod fmt;
mod input;
mod irr;
mod load;
mod manrs;
mod path;
mod progress;
mod rtr;
mod validate;
mod vrps;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::progress::Progress;

/// Exit status for errors: bad arguments (clap uses it too), unreadable or
/// malformed input, failed output.
const EXIT_ERROR: u8 = 2;
/// Exit status when routeguard itself failed (a bug: please report it).
const EXIT_INTERNAL: u8 = 3;

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  validate --fail-on-invalid: at least one route is invalid;
     manrs check: an evaluated MANRS action does not conform;
     antispoof audit: an interface lacks strict uRPF
  2  error: bad arguments, unreadable or malformed input (VRP file, SLURM file,
     route line), an RTR cache (--rtr, rtr dump) that cannot be reached or
     fails (`rtr://HOST:PORT: what`), or output that cannot be written; one
     line on stderr:
     `routeguard: error: FILE: line N: what`; decode: a FILE could not be read
     or decoded (one such line each; the other files are still printed)
  3  internal error (a bug in routeguard)
Input files ending in .gz, .bz2 or .xz (or starting with their magic bytes) are
decompressed. Progress bars appear on stderr for large inputs when stderr is a
terminal (not with --quiet).";

/// Routing security checks: RPKI origin validation, VRP conversion, IRR, ASPA, bogons, leaks.
#[derive(Parser, Debug)]
#[command(name = "routeguard", version, about, after_help = EXIT_CODES)]
struct Cli {
    /// No progress bars and no warnings on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate route origins (RFC 6811) against a VRP file or an RTR cache:
    /// one route given as PREFIX ORIGIN, or many read from stdin.
    Validate(validate::ValidateArgs),
    /// Work with VRP files: convert between formats, count payloads.
    #[command(subcommand)]
    Vrps(vrps::VrpsCommand),
    /// RPKI-to-Router (RFC 8210): dump a cache's data in any VRP export
    /// format, or keep a file current with it.
    #[command(subcommand)]
    Rtr(rtr::RtrCommand),
    /// Internet Routing Registries: load RPSL dumps, check routes against
    /// route objects, show objects, query IRRd whois servers.
    #[command(subcommand)]
    Irr(irr::IrrCommand),
    /// ASPA path verification (draft-ietf-sidrops-aspa-verification-28).
    #[command(subcommand)]
    Aspa(path::AspaCommand),
    /// Whole-route checks: origin validation, ASPA, bogons and route leaks.
    #[command(subcommand)]
    Path(path::PathCommand),
    /// MANRS: judge a network on the four MANRS actions (findings, metrics,
    /// remedies), or score every origin AS of a table (observatory).
    #[command(subcommand)]
    Manrs(Box<manrs::ManrsCommand>),
    /// A drop-in for bgpq4 1.9: its options and objects, its output byte for
    /// byte, from IRRd over whois or from local dumps (--irr [SOURCE=]FILE);
    /// also --dialect 1.9|1.16 and --explain.
    Bgpq4(bgpq4::Bgpq4Args),
    /// Customer prefix filters for people: origins kept, RPKI-invalid pairs
    /// dropped or tagged (--vrps), ROAs as route objects, FRR/VyOS/JSON and
    /// every bgpq4 vendor form, --explain, --diff against a router's list.
    Filter(Box<filter::FilterArgs>),
    /// Anti-spoofing (MANRS Action 2): render strict uRPF or ingress ACLs
    /// for single-homed customers, or audit a router configuration.
    #[command(subcommand)]
    Antispoof(Box<antispoof::AntispoofCommand>),
    /// Decode RPKI objects (.roa, .asa, .cer): the ROA's prefixes or the
    /// ASPA's providers, the signer's resources and validity. Decoded, not
    /// validated: no signature or chain is checked.
    Decode(decode::DecodeArgs),
}

fn run(cli: &Cli) -> anyhow::Result<u8> {
    let progress = Progress::detect(cli.quiet);
    match &cli.command {
        Command::Validate(args) => validate::run(args, &progress, cli.quiet),
        Command::Vrps(cmd) => vrps::run(cmd, &progress, cli.quiet),
        Command::Rtr(cmd) => rtr::run(cmd, &progress, cli.quiet),
        Command::Irr(cmd) => irr::run(cmd, &progress, cli.quiet),
        Command::Aspa(cmd) => path::run_aspa(cmd, &progress, cli.quiet),
        Command::Path(cmd) => path::run_path(cmd, &progress, cli.quiet),
        Command::Manrs(cmd) => manrs::run(cmd, &progress, cli.quiet),
        Command::Bgpq4(args) => bgpq4::run(args, &progress, cli.quiet),
        Command::Filter(args) => filter::run(args, &progress, cli.quiet),
        Command::Antispoof(cmd) => antispoof::run(cmd, &progress, cli.quiet),
        Command::Decode(args) => decode::run(args),
    }
}

/// Whether the error is a closed stdout (`routeguard … | head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line.
fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace(['\n', '\r'], " ")
}

fn main() -> ExitCode {
    // Clap prints its own usage errors and exits with 2 (0 for --help).
    let cli = Cli::parse();
    // A panic would be a bug; report it on one line, without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "routeguard: error: internal error: {}{at}",
            msg.replace('\n', " ")
        );
    }));
    match std::panic::catch_unwind(|| run(&cli)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(err)) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Ok(Err(err)) => {
            eprintln!("routeguard: error: {}", one_line(&err));
            ExitCode::from(EXIT_ERROR)
        }
        Err(_) => ExitCode::from(EXIT_INTERNAL),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn errors_fit_one_line() {
        let e = anyhow::anyhow!("inner\nsecond").context("outer");
        assert_eq!(one_line(&e), "outer: inner second");
    }
}
