//! `routeguard bgpq4 [bgpq4's options] OBJECT…`: a drop-in for bgpq4 1.9.
//! The command line is bgpq4's (core's `filter::bgpq4::args`), the output
//! byte for byte bgpq4's for the same IRRd. Three long options are
//! routeguard's own and are taken out before bgpq4's parsing:
//!
//! - `--irr [SOURCE=]FILE` (repeatable): answer from local RPSL dumps
//!   instead of IRRd over whois (`-h` is then ignored);
//! - `--dialect 1.9|1.16`: which bgpq4 release's output to reproduce;
//! - `--explain`: print why each ASN and prefix is in the result instead
//!   of the filter.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;
use routeguard::dataset::Dataset;
use routeguard::filter::bgpq4::args::{parse_args, Command};
use routeguard::filter::bgpq4::{Dialect, Options};
use routeguard::filter::resolve::{explain, LocalResolver, Resolver, WhoisResolver};
use routeguard::index::irr::SetLimits;
use routeguard::net::whois::WhoisOptions;
use routeguard::render::filter::run_bgpq4;

use crate::irr::add_irr_files;
use crate::load;
use crate::progress::Progress;

/// `routeguard bgpq4`: everything after it, as bgpq4 takes it.
#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct Bgpq4Args {
    /// bgpq4's options and objects (see bgpq4(8)), plus --irr
    /// [SOURCE=]FILE, --dialect 1.9|1.16 and --explain.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    pub args: Vec<String>,
}

/// routeguard's own long options, taken out of the command line.
#[derive(Debug, Default)]
struct Extra {
    irr: Vec<String>,
    dialect: Option<Dialect>,
    explain: bool,
}

fn take_extra(args: &[String]) -> Result<(Extra, Vec<String>)> {
    let mut extra = Extra::default();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
            _ => (a.as_str(), None),
        };
        let mut value = |what: &str| -> Result<String> {
            match inline.clone().or_else(|| it.next().cloned()) {
                Some(v) => Ok(v),
                None => bail!("{what} needs a value"),
            }
        };
        match name {
            "--irr" => extra.irr.push(value("--irr")?),
            "--dialect" => {
                extra.dialect = Some(match value("--dialect")?.as_str() {
                    "1.9" => Dialect::V1_9,
                    "1.16" => Dialect::V1_16,
                    other => bail!("--dialect {other}: expected 1.9 or 1.16"),
                })
            }
            "--explain" => extra.explain = true,
            "--" => {
                rest.push(a.clone());
                rest.extend(it.by_ref().cloned());
            }
            _ => rest.push(a.clone()),
        }
    }
    Ok((extra, rest))
}

fn resolver(
    extra: &Extra,
    opts: &Options,
    progress: &Progress,
    quiet: bool,
) -> Result<Box<dyn Resolver>> {
    if extra.irr.is_empty() {
        let host = format!("{}:{}", opts.host, opts.port);
        return match WhoisResolver::connect(&[&host], WhoisOptions::default()) {
            Ok(r) => Ok(Box::new(r)),
            Err(e) => {
                // bgpq4 prints strerror's text: the last part of ours,
                // without Rust's "(os error N)".
                let text = e.to_string();
                let last = text.rsplit(": ").next().unwrap_or(&text);
                let last = last.split(" (os error").next().unwrap_or(last);
                eprintln!(
                    "ERROR:All attempts to connect {} failed, last error: {last}",
                    opts.host
                );
                std::process::exit(1);
            }
        };
    }
    let mut counted = Vec::new();
    let b = add_irr_files(Dataset::builder(), &extra.irr, false, &mut counted)?;
    let ds = load::build(b, progress, quiet, &counted)?;
    let Some(db) = ds.irr() else {
        bail!("--irr: no IRR objects loaded");
    };
    Ok(Box::new(LocalResolver::new(db)))
}

/// Runs `routeguard bgpq4`; the exit status is bgpq4's.
pub fn run(args: &Bgpq4Args, progress: &Progress, quiet: bool) -> Result<u8> {
    let (extra, argv) = take_extra(&args.args)?;
    let env = std::env::var("IRRD_SOURCES").ok();
    let mut opts = match parse_args(&argv, env.as_deref()) {
        Ok(Command::Run { options, stderr }) => {
            std::io::stderr().write_all(&stderr)?;
            options
        }
        Ok(Command::Version(text)) => {
            print!("{text}");
            return Ok(0);
        }
        Err(e) => {
            print!("{}", e.stdout());
            std::io::stderr().write_all(&e.stderr())?;
            return Ok(u8::try_from(e.exit_code().rem_euclid(256)).unwrap_or(1));
        }
    };
    if let Some(d) = extra.dialect {
        opts.dialect = d;
    }
    let mut r = resolver(&extra, &opts, progress, quiet)?;
    let limits = SetLimits {
        max_depth: opts
            .max_depth
            .map_or(SetLimits::default().max_depth, |d| d as usize),
        ..SetLimits::default()
    };
    let mut out = std::io::stdout().lock();
    if extra.explain {
        let sources: Option<Vec<&str>> = opts.sources.as_deref().map(|s| s.split(',').collect());
        for obj in &opts.objects {
            let e = explain(
                r.as_mut(),
                obj,
                opts.family,
                opts.max_depth,
                limits.max_sets,
                sources.as_deref(),
            )?;
            write!(out, "{e}")?;
        }
        return Ok(0);
    }
    let o = run_bgpq4(&opts, r.as_mut(), &limits)?;
    out.write_all(o.stdout.as_bytes())?;
    out.flush()?;
    eprint!("{}", o.stderr);
    Ok(u8::try_from(o.code.rem_euclid(256)).unwrap_or(1))
}
