//! `routeguard filter`: customer prefix filters for people (long options),
//! beyond what bgpq4 does: the origin of every prefix, RPKI-invalid pairs
//! dropped (`--vrps`) or tagged (`--rpki-tag`), ROAs as route objects
//! (`--roa-as-route`), FRR/VyOS/origin-set/JSON output, `--explain`, and
//! `--diff` against the list a router holds.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{ArgGroup, Args};
use routeguard::filter::diff::diff_ranges;
use routeguard::filter::prefix_filter::{build_prefix_filter, FilterRequest, RpkiPolicy};
use routeguard::filter::resolve::{explain, LocalResolver, Resolver, WhoisResolver};
use routeguard::index::irr::SetLimits;
use routeguard::net::whois::WhoisOptions;
use routeguard::parse::prefix_list::{parse_prefix_list, PrefixListFormat};
use routeguard::render::filter::extra::{
    render_bird_aspa, render_diff_json, render_diff_text, render_openbgpd_aspa,
};
use routeguard::render::filter::list::{render_prefix_filter, FilterFormat};
use routeguard::{Asn, Family};

use crate::input::{display_name, Output};
use crate::load::{self, LoadArgs, RtrArgs};
use crate::progress::Progress;

/// `routeguard filter` options.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("vrp_source").args(["vrps", "rtr"])))]
pub struct FilterArgs {
    /// ASNs (AS64500), as-sets (AS-FOO, AS1:AS-FOO, RIPE::AS-FOO),
    /// route-sets (RS-FOO) and prefixes.
    #[arg(required = true, value_name = "OBJECT")]
    pub objects: Vec<String>,

    /// IPv6 instead of IPv4.
    #[arg(short = '6', long = "ipv6")]
    pub ipv6: bool,

    /// Local RPSL dumps, `[SOURCE=]FILE` (repeatable; compressed or not).
    #[arg(long, value_name = "[SOURCE=]FILE")]
    pub irr: Vec<String>,

    /// IRRd servers, `HOST[:PORT]` (repeatable: the next is tried when one
    /// cannot be reached). Used when no --irr is given.
    #[arg(long, value_name = "HOST[:PORT]")]
    pub whois: Vec<String>,

    /// IRR sources in order (comma separated), as bgpq4's -S.
    #[arg(long, short = 'S', value_name = "A,B")]
    pub sources: Option<String>,

    /// Validated ROA payloads: RPKI-invalid (prefix, origin) pairs are
    /// dropped (or tagged with --rpki-tag).
    #[arg(long, value_name = "FILE", conflicts_with = "rtr")]
    pub vrps: Option<PathBuf>,

    #[command(flatten)]
    pub rtr: RtrArgs,

    /// Keep RPKI-invalid pairs, marked invalid (JSON shows it).
    #[arg(long, requires = "vrp_source")]
    pub rpki_tag: bool,

    /// ROAs of the filter's ASNs stand in for missing route objects (up to
    /// their max length).
    #[arg(long, requires = "vrp_source")]
    pub roa_as_route: bool,

    /// Output: ios, ios-xr, junos, bird, openbgpd, eos, routeros6,
    /// routeros7, sros, sros-mdcli, srlinux, huawei, huawei-xpl, frr, vyos,
    /// origin-set, json.
    #[arg(long, short = 'f', default_value = "ios", value_parser = parse_format)]
    pub format: FilterFormat,

    /// Instead of prefixes, the ASPAs (from --vrps or --rtr) of the
    /// filter's ASNs, merged per customer: `bird` (BIRD 2.14+ `route aspa`
    /// lines of a static protocol) or `openbgpd` (`aspa-set`).
    #[arg(long, value_name = "FMT", requires = "vrp_source", value_parser = ["bird", "openbgpd"])]
    pub aspa: Option<String>,

    /// The list's name.
    #[arg(long, short = 'l', default_value = "NN")]
    pub name: String,

    /// Aggregate as bgpq4's -A (lossless).
    #[arg(long, short = 'A')]
    pub aggregate: bool,

    /// Leave out prefixes longer than this (bgpq4's -m).
    #[arg(long, short = 'm', value_name = "LEN")]
    pub max_len: Option<u8>,

    /// Print why each ASN and prefix is in the filter (text, or JSON with
    /// --format json) instead of the filter.
    #[arg(long)]
    pub explain: bool,

    /// Compare with the prefix list a router holds (any form routeguard
    /// renders); exit 1 when they accept different routes.
    #[arg(long, value_name = "FILE")]
    pub diff: Option<PathBuf>,

    /// The form of the --diff file (sniffed when not given).
    #[arg(long, value_name = "FMT", requires = "diff")]
    pub diff_format: Option<PrefixListFormat>,

    /// Compare with the list of this name only (both families) when the
    /// --diff file holds several, as a router's whole configuration does.
    #[arg(long, value_name = "NAME", requires = "diff")]
    pub diff_list: Option<String>,

    /// Write here instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub load: LoadArgs,
}

fn parse_format(s: &str) -> Result<FilterFormat, String> {
    s.parse()
        .map_err(|e: routeguard::model::UnknownWord| e.to_string())
}

/// Runs `routeguard filter`: 0, or 1 when --diff finds a difference.
pub fn run(args: &FilterArgs, progress: &Progress, quiet: bool) -> Result<u8> {
    let family = if args.ipv6 { Family::V6 } else { Family::V4 };
    let ds = if args.irr.is_empty() && args.vrps.is_none() && args.rtr.server.is_none() {
        None
    } else {
        Some(load::vrps_and_irr(
            &args.load,
            args.vrps.as_deref(),
            &args.rtr,
            &args.irr,
            progress,
            quiet,
        )?)
    };
    let mut resolver: Box<dyn Resolver> = match ds.as_ref().and_then(|d| d.irr()) {
        Some(db) => Box::new(LocalResolver::new(db)),
        None => {
            if args.whois.is_empty() {
                bail!("give --irr [SOURCE=]FILE (local dumps) or --whois HOST[:PORT] (IRRd)");
            }
            let hosts: Vec<String> = args
                .whois
                .iter()
                .map(|h| {
                    if h.contains(':') {
                        h.clone()
                    } else {
                        format!("{h}:43")
                    }
                })
                .collect();
            let refs: Vec<&str> = hosts.iter().map(String::as_str).collect();
            Box::new(WhoisResolver::connect(&refs, WhoisOptions::default())?)
        }
    };
    let sources: Option<Vec<String>> = args
        .sources
        .as_ref()
        .map(|s| s.split(',').map(|x| x.trim().to_owned()).collect());
    let mut out = Output::open(args.output.as_deref())?;
    if args.explain {
        let refs: Option<Vec<&str>> = sources
            .as_ref()
            .map(|v| v.iter().map(String::as_str).collect());
        let mut all = Vec::new();
        for obj in &args.objects {
            all.push(explain(
                resolver.as_mut(),
                obj,
                family,
                None,
                SetLimits::default().max_sets,
                refs.as_deref(),
            )?);
        }
        if args.format == FilterFormat::Json {
            out.write_all(
                routeguard::render::filter::list::render_explanations_json(&all).as_bytes(),
            )?;
        } else {
            for e in &all {
                write!(out, "{e}")?;
            }
        }
        out.finish()?;
        return Ok(0);
    }
    let mut req = FilterRequest::new(args.objects.clone(), family);
    req.sources = sources;
    req.max_len = args.max_len;
    req.rov = ds.as_ref().and_then(|d| d.rov()).map(|r| &**r);
    req.policy = if args.rpki_tag {
        RpkiPolicy::Tag
    } else {
        RpkiPolicy::Drop
    };
    let vrps = ds.as_ref().and_then(|d| d.vrps());
    if args.roa_as_route {
        req.roas_as_routes = vrps.map(|v| v.vrps.as_slice());
    }
    let filter = build_prefix_filter(resolver.as_mut(), &req)?;
    if let Some(kind) = &args.aspa {
        let pairs: Vec<(Asn, Vec<Asn>)> = ds
            .as_ref()
            .and_then(|d| d.aspas())
            .map(|set| {
                set.iter()
                    .filter(|(c, _)| filter.asns.binary_search(&c.get()).is_ok())
                    .map(|(c, p)| (c, p.to_vec()))
                    .collect()
            })
            .unwrap_or_default();
        let body = if kind == "bird" {
            render_bird_aspa(&args.name, &pairs)
        } else {
            render_openbgpd_aspa(&pairs)
        };
        out.write_all(body.as_bytes())?;
        out.finish()?;
        return Ok(0);
    }
    if !quiet {
        for m in &filter.missing_sets {
            eprintln!("routeguard: warning: set {m} not found in the selected sources");
        }
        if !filter.dropped.is_empty() {
            eprintln!(
                "routeguard: {} RPKI-invalid (prefix, origin) pairs dropped",
                filter.dropped.len()
            );
        }
    }
    if let Some(path) = &args.diff {
        let text =
            std::fs::read(path).with_context(|| format!("cannot read {}", display_name(path)))?;
        let lists =
            parse_prefix_list(&text, args.diff_format).with_context(|| display_name(path))?;
        let router = lists
            .select(args.diff_list.as_deref())
            .with_context(|| display_name(path))?;
        let d = diff_ranges(&router, &filter.ranges());
        let body = if args.format == FilterFormat::Json {
            render_diff_json(&args.name, &d)
        } else {
            render_diff_text(&args.name, &d)
        };
        out.write_all(body.as_bytes())?;
        out.finish()?;
        return Ok(u8::from(!d.is_equivalent()));
    }
    let body = render_prefix_filter(&filter, args.format, &args.name, args.aggregate)?;
    out.write_all(body.as_bytes())?;
    out.finish()?;
    Ok(0)
}
