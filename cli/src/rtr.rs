//! `routeguard rtr dump` and `routeguard rtr sync`: the payloads of an
//! RPKI-to-Router cache (RFC 8210, RFC 6810, draft-ietf-sidrops-8210bis)
//! written in any export format `vrps convert` writes, once or kept
//! current; and the option parsers `--rtr HOST:PORT` shares with them.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use routeguard::dataset::Dataset;
use routeguard::net::rtr::client::{Client, ClientOptions, Notice};
use routeguard::VrpSet;

use crate::input::{display_name, with_default_port, write_atomic};
use crate::load::{self, LoadArgs};
use crate::progress::Progress;
use crate::vrps::{parse_output_format, ExportFormat};

/// The port of an RTR server given without one: IANA's `rpki-rtr` (RFC
/// 6810 §7).
pub const DEFAULT_PORT: u16 = 323;
/// The default connect timeout (core's).
pub const CONNECT_TIMEOUT: &str = "10s";
/// The default response timeout (core's).
pub const RESPONSE_TIMEOUT: &str = "60s";

/// `routeguard rtr …`
#[derive(Subcommand, Debug)]
pub enum RtrCommand {
    /// Load the cache's data once (a Reset Query) and write it.
    #[command(after_long_help = DUMP_HELP)]
    Dump(DumpArgs),
    /// Keep a file current with the cache's data: rewritten (atomically)
    /// after each update, until killed.
    #[command(after_long_help = SYNC_HELP)]
    Sync(SyncArgs),
}

/// The output formats part of the `rtr` subcommands' long help.
macro_rules! formats_help {
    () => {
        "\
Output formats (--format), as `vrps convert --to`:
  rpki-client-json  rpki-client json: roas, bgpsec_keys, aspas (the default)
  json              Routinator json: roas, routerKeys, aspas
  csv               Routinator csv: ASN,IP Prefix,Max Length,Trust Anchor
  openbgpd          OpenBGPD roa-set / aspa-set
  bird2             BIRD 2 `route P max N as A;`
RTR carries no trust anchor, expiry or build time: rpki-client JSON leaves
them out, the Routinator formats write the trust anchor as N/A. ASPAs come
with version 2 only, merged per customer; formats without a place for ASPAs
or router keys drop them. An output ending in .gz or .bz2 is compressed.
DURATION: a number of seconds, or with a unit: 500ms, 10s, 2m, 1h."
    };
}

const DUMP_HELP: &str = concat!(
    formats_help!(),
    "

Exit status: 0 done; 2 bad arguments, the cache cannot be reached or fails
(the message names rtr://SERVER), unreadable SLURM file, write error."
);

const SYNC_HELP: &str = concat!(
    formats_help!(),
    "

The file is written after the first full load and after every update (a
Serial Notify, the refresh timer), each time to a temporary file in the same
directory (.FILE.routeguard-tmp) that is then renamed over it: readers never
see half a file, and killing the process (SIGINT, SIGTERM) leaves the last
complete one (and at worst the temporary file, reused by the next run). Failures
(connect refused, timeouts, the cache hanging up or sending errors)
reconnect after a wait doubling from 1s to 60s (or the cache's retry
interval); the held data stays until it expires (the cache's expire
interval with no successful update), when an empty export is written. One
line per event on stderr unless --quiet:
  routeguard: rtr: connected to 192.0.2.1:323 (version 2)
  routeguard: rtr: reset: +1234 -0, session 7, serial 42; 1230 VRPs, 3 ASPAs, 1 router key -> FILE
  routeguard: rtr: serial update: +2 -1, session 7, serial 43; ...
  routeguard: rtr: disconnected from HOST:PORT: cannot connect to ...; retrying in 2s

Exit status: 0 after --updates N updates; 2 bad arguments, unreadable SLURM
file, the output cannot be written. Otherwise it runs until killed."
);

/// The cache and how to talk to it (`rtr dump`, `rtr sync`).
#[derive(Args, Debug, Clone)]
pub struct ServerArgs {
    /// The RTR cache, HOST:PORT (plain TCP; port 323 when omitted).
    #[arg(long, value_name = "HOST:PORT", value_parser = parse_server)]
    pub server: String,

    /// Protocol version: 0 (RFC 6810), 1 (RFC 8210) or 2
    /// (draft-ietf-sidrops-8210bis, with ASPA). By default negotiated down
    /// from 2.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=2))]
    pub version: Option<u8>,

    /// Time allowed for the TCP connect.
    #[arg(long, value_name = "DURATION", default_value = CONNECT_TIMEOUT, value_parser = parse_duration)]
    pub connect_timeout: Duration,

    /// The longest silence while a response is due.
    #[arg(long, value_name = "DURATION", default_value = RESPONSE_TIMEOUT, value_parser = parse_duration)]
    pub response_timeout: Duration,
}

impl ServerArgs {
    /// The client options these arguments ask for.
    pub fn options(&self) -> ClientOptions {
        client_options(
            self.version,
            Some(self.connect_timeout),
            Some(self.response_timeout),
        )
    }
}

/// Arguments of `rtr dump`.
#[derive(Args, Debug)]
pub struct DumpArgs {
    #[command(flatten)]
    pub server: ServerArgs,

    /// Output format: rpki-client-json, json, csv, openbgpd, bird2.
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "rpki-client-json", value_parser = parse_output_format)]
    pub format: ExportFormat,

    /// Write here instead of stdout (.gz/.bz2 compress).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Apply this SLURM file (RFC 8416 v1, or v2 with ASPA) to the
    /// cache's data: filters first, then assertions.
    #[arg(long, value_name = "FILE")]
    pub slurm: Option<PathBuf>,
}

/// Arguments of `rtr sync`.
#[derive(Args, Debug)]
pub struct SyncArgs {
    #[command(flatten)]
    pub server: ServerArgs,

    /// The file to keep current (.gz/.bz2 compress).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,

    /// Output format: rpki-client-json, json, csv, openbgpd, bird2.
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "rpki-client-json", value_parser = parse_output_format)]
    pub format: ExportFormat,

    /// Apply this SLURM file (RFC 8416 v1, or v2 with ASPA) to the
    /// cache's data after each update.
    #[arg(long, value_name = "FILE")]
    pub slurm: Option<PathBuf>,

    /// Empty the file when no update succeeded for this long, if that is
    /// sooner than the cache's expire interval (RFC 8210 §6, at least 10
    /// minutes), which applies otherwise.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub max_age: Option<Duration>,

    /// Exit (status 0) after writing the file this many times (the first
    /// full load counts); by default run until killed.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub updates: Option<u64>,
}

/// `HOST:PORT`, or `HOST` with port 323.
pub fn parse_server(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty server: expected HOST:PORT".into());
    }
    if s.contains(char::is_whitespace) || s.contains('/') {
        return Err(format!("{s:?} is not HOST:PORT"));
    }
    Ok(with_default_port(s, DEFAULT_PORT))
}

/// A duration: seconds (`30`, `1.5`) or a number with a unit (`500ms`,
/// `10s`, `2m`, `1h`); more than zero.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let scale = match unit.trim() {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => {
            return Err(format!(
                "{s:?}: expected seconds or a number with ms, s, m or h"
            ))
        }
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected seconds or a number with ms, s, m or h"))?;
    let d = Duration::try_from_secs_f64(n * scale).map_err(|e| format!("{s:?}: {e}"))?;
    if d.is_zero() {
        return Err(format!("{s:?}: must be more than zero"));
    }
    Ok(d)
}

/// Client options: `version` pinned or negotiated, the timeouts given or
/// core's defaults.
pub fn client_options(
    version: Option<u8>,
    connect: Option<Duration>,
    response: Option<Duration>,
) -> ClientOptions {
    let mut o = ClientOptions::default().version(version);
    if let Some(t) = connect {
        o = o.connect_timeout(t);
    }
    if let Some(t) = response {
        o = o.response_timeout(t);
    }
    o
}

/// Runs an `rtr` subcommand; returns the exit status.
pub fn run(cmd: &RtrCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        RtrCommand::Dump(args) => dump(args, progress, quiet),
        RtrCommand::Sync(args) => sync(args, progress, quiet),
    }
}

/// The load options of a command that has only `--slurm`.
fn slurm_only(slurm: Option<&Path>) -> LoadArgs {
    LoadArgs {
        slurm: slurm.map(Path::to_path_buf),
        ..LoadArgs::default()
    }
}

fn dump(args: &DumpArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let b = load::rtr_builder(
        &slurm_only(args.slurm.as_deref()),
        &args.server.server,
        args.server.options(),
    );
    let ds = load::build(b.defer_indexes(), progress, quiet, &[])?;
    crate::vrps::write_export(&ds, args.format, args.output.as_deref(), progress)?;
    Ok(0)
}

/// `1 router key`, `2 router keys`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Writes the set to `path`, whole.
fn write_set(path: &Path, set: &VrpSet, format: ExportFormat) -> Result<()> {
    write_atomic(path, |w| format.write(set, w))
}

fn sync(args: &SyncArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let out = &args.output;
    // Fail before connecting when the file can never be written.
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: no directory {}",
            display_name(out),
            dir.display()
        );
    }
    if out.is_dir() {
        bail!("cannot write {}: a directory", display_name(out));
    }
    // The SLURM file, applied to each update by `with_payloads`.
    let base = load::build(
        load::builder(&slurm_only(args.slurm.as_deref())).defer_indexes(),
        progress,
        quiet,
        &[],
    )?;
    let server = &args.server.server;
    let mut client = Client::new(server, args.server.options().max_age(args.max_age));
    let mut sync = Sync {
        args,
        base: &base,
        quiet,
        written: 0,
        failed: None,
        bare: None,
    };
    client.run(|notice| sync.on(notice))?;
    match sync.failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// The state of `rtr sync` between the client's notices.
struct Sync<'a> {
    args: &'a SyncArgs,
    /// The SLURM file, applied to each update by `with_payloads`.
    base: &'a Dataset,
    quiet: bool,
    /// Updates written so far.
    written: u64,
    /// The write that failed, which stops the client.
    failed: Option<anyhow::Error>,
    /// The version of a connection that got no further: the client
    /// reconnects at once, with no notice, after a version downgrade or
    /// when the cache does not know the session held.
    bare: Option<u8>,
}

impl Sync<'_> {
    fn log(&self, msg: &str) {
        if !self.quiet {
            eprintln!("routeguard: rtr: {msg}");
        }
    }

    /// One line per notice; the file rewritten after each update, and
    /// emptied of the cache's data when it expires.
    fn on(&mut self, notice: Notice<'_>) -> ControlFlow<()> {
        let prev = self.bare.take();
        match notice {
            Notice::Connected { peer, version } => {
                let why = match prev {
                    Some(v) if version < v => format!(", the cache refused version {v}"),
                    Some(_) => ", for a full reset: the cache did not know the session".to_owned(),
                    None => String::new(),
                };
                self.log(&format!("connected to {peer} (version {version}{why})"));
                self.bare = Some(version);
            }
            Notice::Updated { delta, payloads } => {
                let Some(set) = self.write(payloads.to_vrp_set()) else {
                    return ControlFlow::Break(());
                };
                self.log(&format!(
                    "{}: +{} -{}, session {}, serial {}; {}, {}, {} -> {}",
                    if delta.reset {
                        "reset"
                    } else {
                        "serial update"
                    },
                    delta.announce.len(),
                    delta.withdraw.len(),
                    delta.session,
                    delta.serial,
                    count(set.vrps.len(), "VRP"),
                    count(set.aspas.len(), "ASPA"),
                    count(set.router_keys.len(), "router key"),
                    display_name(&self.args.output),
                ));
                self.written += 1;
                if self.args.updates.is_some_and(|n| self.written >= n) {
                    return ControlFlow::Break(());
                }
            }
            Notice::NoData { text } => {
                self.log(&format!("the cache has no data yet ({text:?})"));
            }
            Notice::Expired => {
                // RFC 8210 §6: expired data must not be used any more.
                if self.write(VrpSet::default()).is_none() {
                    return ControlFlow::Break(());
                }
                self.log(&format!(
                    "the data expired (no update within the expire interval or --max-age); \
                     wrote {} without the cache's data",
                    display_name(&self.args.output)
                ));
            }
            Notice::Disconnected { error, retry_in } => {
                self.log(&format!(
                    "disconnected from {}: {error}; retrying in {retry_in:?}",
                    self.args.server.server
                ));
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }

    /// Writes `payloads` after SLURM; the set written, or `None` after
    /// keeping the error.
    fn write(&mut self, payloads: VrpSet) -> Option<Arc<VrpSet>> {
        let ds = self.base.with_payloads(payloads);
        let set = ds.vrps().cloned().unwrap_or_default();
        match write_set(&self.args.output, &set, self.args.format) {
            Ok(()) => Some(set),
            Err(e) => {
                self.failed = Some(e);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let ok = |s: &str| parse_duration(s).unwrap();
        assert_eq!(ok("30"), Duration::from_secs(30));
        assert_eq!(ok("1.5"), Duration::from_millis(1500));
        assert_eq!(ok("500ms"), Duration::from_millis(500));
        assert_eq!(ok("10s"), Duration::from_secs(10));
        assert_eq!(ok(" 2m "), Duration::from_secs(120));
        assert_eq!(ok("2min"), Duration::from_secs(120));
        assert_eq!(ok("1h"), Duration::from_secs(3600));
        for bad in [
            "", "s", "0", "0s", "-1", "1.2.3", "10 sec", "1d", "inf", "nan", "1e3",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
        assert!(parse_duration("0s").unwrap_err().contains("more than zero"));
    }

    #[test]
    fn servers() {
        assert_eq!(parse_server("127.0.0.1:8282").unwrap(), "127.0.0.1:8282");
        assert_eq!(
            parse_server("rtr.example.net").unwrap(),
            "rtr.example.net:323"
        );
        assert_eq!(parse_server("::1").unwrap(), "[::1]:323");
        assert_eq!(parse_server("[::1]:8282").unwrap(), "[::1]:8282");
        assert!(parse_server("").is_err());
        assert!(parse_server("rtr://host:323").is_err());
        assert!(parse_server("a b:323").is_err());
    }

    #[test]
    fn options() {
        let o = client_options(Some(1), Some(Duration::from_secs(3)), None);
        assert_eq!(o.session.version, Some(1));
        assert_eq!(o.connect_timeout, Duration::from_secs(3));
        assert_eq!(
            o.response_timeout,
            ClientOptions::default().response_timeout
        );
        let d = client_options(None, None, None);
        assert_eq!(d, ClientOptions::default());
        // The defaults shown in --help are core's.
        assert_eq!(parse_duration(CONNECT_TIMEOUT).unwrap(), d.connect_timeout);
        assert_eq!(
            parse_duration(RESPONSE_TIMEOUT).unwrap(),
            d.response_timeout
        );
    }
}
