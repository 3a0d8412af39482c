//! `routeguard antispoof`: source address validation (BCP 38, RFC 2827;
//! BCP 84, RFC 3704) for single-homed customers, MANRS Action 2: render
//! strict uRPF or ingress ACLs per platform (core's `filter::antispoof`
//! and `render::antispoof`), or audit a router configuration for missing
//! or loose uRPF.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{ArgGroup, Args, Subcommand};
use routeguard::filter::antispoof::audit::audit;
use routeguard::filter::antispoof::{build_sav, Customer, PrefixSource, SavVendor};
use routeguard::model::Family;
use routeguard::parse::customers::parse_customers;
use routeguard::parse::device::{parse_device_config, ConfigDialect, DeviceConfig};
use routeguard::render::antispoof::{render_sav, SavOutput, SavRenderOptions};
use routeguard::Asn;

use crate::input::{display_name, Output};
use crate::load::{self, LoadArgs, RtrArgs};
use crate::progress::Progress;

/// The `antispoof` subcommands.
#[derive(Subcommand, Debug)]
pub enum AntispoofCommand {
    /// Print strict uRPF (--urpf) or ingress ACLs (--acl) for single-homed
    /// customers, from a customers file or from a customer's IRR route
    /// objects and ROAs.
    Render(RenderArgs),
    /// Audit a router configuration (Junos `set` form, or IOS-style text
    /// of IOS, IOS XE, IOS XR, EOS) for customer interfaces without strict
    /// uRPF. Exit 0 when every interface has it, 1 when one does not.
    Audit(AuditArgs),
}

const CUSTOMERS_HELP: &str = "\
Customers file: one line per interface, the interface name then its prefixes
(IPv4 and IPv6, no host bits), blank-separated; `#` starts a comment; an
interface on several lines gets all their prefixes; an interface with no
prefix gets ACLs that drop everything.
    xe-0/0/1.100  192.0.2.0/24 2001:db8:100::/48
    ge-0/0/2.0    203.0.113.0/24";

/// Arguments of `antispoof render`.
#[derive(Args, Debug)]
#[command(after_help = CUSTOMERS_HELP)]
#[command(group(ArgGroup::new("vrp_source").args(["vrps", "rtr"]).requires("asn")))]
pub struct RenderArgs {
    /// The customers file (`INTERFACE PREFIX…` lines; see below).
    #[arg(long, value_name = "FILE", required_unless_present = "asn")]
    customers: Option<PathBuf>,

    /// A customer's ASN: its prefixes are the route objects of the --irr
    /// dumps and the ROAs of --vrps with this origin.
    #[arg(long, value_name = "ASN", value_parser = parse_asn, requires = "interface")]
    asn: Option<Asn>,

    /// The interface facing the --asn customer.
    #[arg(long, value_name = "NAME", requires = "asn")]
    interface: Option<String>,

    /// RPSL dumps, `[SOURCE=]FILE`, for --asn.
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "asn")]
    irr: Vec<String>,

    /// VRPs in any format routeguard reads, for --asn (ROA prefixes).
    #[arg(long, value_name = "FILE", conflicts_with = "rtr")]
    vrps: Option<PathBuf>,

    #[command(flatten)]
    rtr: RtrArgs,

    /// The platform: ios (IOS, IOS XE), iosxr, junos, eos, sros (Nokia SR OS
    /// classic), linux (sysctl rp_filter and nftables).
    #[arg(long, value_parser = parse_vendor)]
    vendor: SavVendor,

    /// Strict unicast RPF on each interface.
    #[arg(long, conflicts_with = "acl", required_unless_present = "acl")]
    urpf: bool,

    /// An ingress ACL of the customer's prefixes on each interface.
    #[arg(long)]
    acl: bool,

    /// ACLs of the supernets only (covered prefixes dropped, adjacent
    /// halves merged): the same addresses, fewer lines.
    #[arg(long)]
    hyper_aggregate: bool,

    /// The start of the ACL, filter and prefix-list names.
    #[arg(long, value_name = "NAME", default_value = "SAV")]
    name: String,

    /// Nokia SR OS: the number of the first ip-filter/ipv6-filter.
    #[arg(long, value_name = "ID", default_value_t = 1000)]
    filter_id: u32,

    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    load: LoadArgs,
}

/// Arguments of `antispoof audit`.
#[derive(Args, Debug)]
pub struct AuditArgs {
    /// The router configuration (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    config: PathBuf,

    /// Its language: junos (set form) or ios (also iosxr, eos); guessed
    /// from the first statement when not given.
    #[arg(long, value_parser = parse_dialect)]
    vendor: Option<ConfigDialect>,

    /// The customer-facing interfaces that should have strict uRPF (Junos:
    /// `xe-0/0/1.100`, or `xe-0/0/1` for unit 0); default: every interface
    /// with IPv4 or IPv6 configured.
    #[arg(long, value_name = "NAME", num_args = 1..)]
    interfaces: Vec<String>,

    /// Output format: text or json.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

fn parse_asn(s: &str) -> Result<Asn, String> {
    Asn::parse(s).map_err(|e| format!("{s:?} is not an ASN ({e})"))
}

fn parse_vendor(s: &str) -> Result<SavVendor, String> {
    s.parse().map_err(|e| format!("{e}"))
}

fn parse_dialect(s: &str) -> Result<ConfigDialect, String> {
    s.parse().map_err(|e| format!("{e}"))
}

/// Runs `routeguard antispoof …`.
pub fn run(cmd: &AntispoofCommand, progress: &Progress, quiet: bool) -> Result<u8> {
    match cmd {
        AntispoofCommand::Render(args) => render(args, progress, quiet),
        AntispoofCommand::Audit(args) => run_audit(args),
    }
}

/// A whole input file (decompressed), or standard input for `-`; at most
/// 1 GiB.
fn read(path: &Path) -> Result<Vec<u8>> {
    if crate::input::is_stdin(path) {
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut data)
            .context("cannot read standard input")?;
        return Ok(data);
    }
    routeguard::io::read(path, &routeguard::io::Limits::new(1 << 30))
        .with_context(|| format!("cannot read {}", display_name(path)))
}

fn render(args: &RenderArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let mut customers = Vec::new();
    if let Some(path) = &args.customers {
        let data = read(path)?;
        let lines = parse_customers(&data).with_context(|| display_name(path))?;
        for l in lines {
            customers.push(Customer::new(l.interface, PrefixSource::Manual, l.prefixes));
        }
    }
    if let (Some(asn), Some(interface)) = (args.asn, &args.interface) {
        if args.irr.is_empty() && args.vrps.is_none() && args.rtr.server.is_none() {
            bail!("--asn needs --irr or --vrps (or --rtr) to find the customer's prefixes");
        }
        let ds = load::vrps_and_irr(
            &args.load,
            args.vrps.as_deref(),
            &args.rtr,
            &args.irr,
            progress,
            quiet,
        )?;
        let mut c = Customer::new(interface.clone(), PrefixSource::Irr, []);
        if let Some(db) = ds.irr() {
            for f in [Family::V4, Family::V6] {
                c = with(c, PrefixSource::Irr, db.origin_prefixes(asn, f));
            }
        }
        if let Some(v) = ds.vrps() {
            let roas = v.vrps.iter().filter(|r| r.asn == asn).map(|r| r.prefix);
            c = with(c, PrefixSource::Rpki, roas.collect());
        }
        if c.prefixes.is_empty() && !quiet {
            eprintln!(
                "routeguard: warning: no route object or ROA of {asn} found: the ACL of {interface} drops everything"
            );
        }
        customers.push(c);
    }
    let sets = build_sav(&customers)?;
    let mut opts = SavRenderOptions::new(
        args.vendor,
        if args.acl {
            SavOutput::Acl
        } else {
            SavOutput::Urpf
        },
    );
    opts.hyper_aggregate = args.hyper_aggregate;
    opts.name.clone_from(&args.name);
    opts.first_filter_id = args.filter_id;
    let text = render_sav(&sets, &opts)?;
    let mut out = Output::open(args.output.as_deref())?;
    out.write_all(text.as_bytes())?;
    out.finish()?;
    Ok(0)
}

fn with(mut c: Customer, source: PrefixSource, prefixes: Vec<routeguard::Prefix>) -> Customer {
    c.prefixes.extend(
        prefixes
            .into_iter()
            .map(|prefix| routeguard::filter::antispoof::SourcePrefix { prefix, source }),
    );
    c
}

/// Reads a router configuration in `dialect` (guessed when `None`).
pub fn read_config(path: &Path, dialect: Option<ConfigDialect>) -> Result<DeviceConfig> {
    let data = read(path)?;
    let dialect = dialect
        .or_else(|| ConfigDialect::detect(&data))
        .unwrap_or(ConfigDialect::Ios);
    parse_device_config(&data, dialect).with_context(|| display_name(path))
}

fn run_audit(args: &AuditArgs) -> Result<u8> {
    let cfg = read_config(&args.config, args.vendor)?;
    let found = audit(&cfg, &args.interfaces);
    let mut out = std::io::stdout().lock();
    if args.format == "json" {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                serde_json::json!({
                    "interface": f.interface,
                    "family": f.family.map(|x| x.to_string()),
                    "problem": f.problem.code(),
                    "line": f.line,
                    "message": f.to_string(),
                })
            })
            .collect();
        let doc = serde_json::json!({
            "config": display_name(&args.config),
            "dialect": cfg.dialect.as_str(),
            "hostname": cfg.hostname,
            "findings": rows,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    } else {
        for f in &found {
            writeln!(out, "{f}")?;
        }
        if found.is_empty() {
            writeln!(out, "every interface audited has strict uRPF")?;
        }
    }
    out.flush()?;
    Ok(u8::from(!found.is_empty()))
}
