//! Source address validation rendered per platform (BCP 38, RFC 2827;
//! BCP 84, RFC 3704 §2.1 ingress ACLs and §2.2 strict uRPF): what
//! [`filter::antispoof`](crate::filter::antispoof) computed for each
//! customer interface, as configuration text a router accepts.
//!
//! | vendor | strict uRPF | ingress ACL |
//! |---|---|---|
//! | Cisco IOS / IOS XE | `ip verify unicast source reachable-via rx`, `ipv6 …` | `ip access-list extended` (`permit ip P WILDCARD any`), `ipv6 access-list`; `ip access-group … in`, `ipv6 traffic-filter … in` |
//! | Cisco IOS XR | `ipv4 verify unicast source reachable-via rx`, `ipv6 …` | `ipv4 access-list` / `ipv6 access-list` (`permit ipv4 P any`); `… access-group … ingress` |
//! | Junos | `set interfaces X unit N family inet rpf-check` (`inet6`) | `set firewall family inet filter` with `source-address`; `filter input` |
//! | Arista EOS | `ip verify unicast source reachable-via rx`, `ipv6 …` | `ip access-list` / `ipv6 access-list` (`permit ip P any`); `access-group … in` |
//! | Nokia SR OS (classic) | `urpf-check` / `mode strict` under the router interface and its `ipv6` | `match-list` prefix lists, `ip-filter` / `ipv6-filter` with `default-action drop`; `ingress filter ip` |
//! | Linux | `net.ipv4.conf.IF.rp_filter = 1`; IPv6: nftables `fib saddr . iif oif missing drop` | nftables interval sets, `ip saddr != @set drop` |
//!
//! Only the families the customer has prefixes in are configured (both when
//! it has none: then every packet it sends is spoofed, and the ACLs drop
//! everything). IPv6 ACLs also permit link-local sources (`fe80::/10`) so
//! that neighbour discovery keeps working. A customer's router that sends
//! from the interconnection subnet (BGP sessions, ICMP errors) needs that
//! subnet among its prefixes for the ACLs; strict uRPF accepts it as a
//! connected route.
//!
//! ```
//! use routeguard::filter::antispoof::{build_sav, Customer, PrefixSource, SavVendor};
//! use routeguard::render::antispoof::{render_sav, SavOutput, SavRenderOptions};
//! let p = |s: &str| s.parse().unwrap();
//! let sets = build_sav(&[Customer::new("Gi0/1", PrefixSource::Irr, [p("192.0.2.0/24")])]).unwrap();
//! let opts = SavRenderOptions::new(SavVendor::Ios, SavOutput::Acl);
//! let text = render_sav(&sets, &opts).unwrap();
//! assert!(text.contains(" permit ip 192.0.2.0 0.0.0.255 any\n deny ip any any\n"));
//! ```

use std::fmt::Write as _;

use crate::filter::antispoof::{
    check_interface, hyper_aggregate, AntispoofError, InterfaceSav, SavVendor,
};
use crate::model::{Family, Prefix};

/// What to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SavOutput {
    /// Strict unicast RPF on each interface.
    Urpf,
    /// An ingress ACL of the customer's prefixes on each interface.
    Acl,
}

/// How to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavRenderOptions {
    /// The platform.
    pub vendor: SavVendor,
    /// uRPF or ACLs.
    pub output: SavOutput,
    /// ACLs of the hyper-aggregated sets (supernets only) instead of the
    /// exact ones.
    pub hyper_aggregate: bool,
    /// The start of every ACL, filter and prefix-list name (default `SAV`).
    pub name: String,
    /// Nokia SR OS: the number of the first `ip-filter`/`ipv6-filter`
    /// (default 1000; each filter takes the next).
    pub first_filter_id: u32,
}

impl SavRenderOptions {
    /// Options for `vendor` and `output`, exact sets, names starting `SAV`.
    pub fn new(vendor: SavVendor, output: SavOutput) -> Self {
        SavRenderOptions {
            vendor,
            output,
            hyper_aggregate: false,
            name: "SAV".to_owned(),
            first_filter_id: 1000,
        }
    }
}

/// The link-local prefix every IPv6 ACL permits.
fn link_local() -> Option<Prefix> {
    Prefix::parse("fe80::/10").ok()
}

/// Renders `sets` for `opts` (interfaces in the order given).
pub fn render_sav(
    sets: &[InterfaceSav],
    opts: &SavRenderOptions,
) -> Result<String, AntispoofError> {
    check_name(&opts.name)?;
    for s in sets {
        check_interface(&s.interface)?;
    }
    let mut out = String::new();
    match (opts.vendor, opts.output) {
        (SavVendor::Ios, SavOutput::Urpf) => ios_urpf(&mut out, sets, "ip", " "),
        (SavVendor::Eos, SavOutput::Urpf) => ios_urpf(&mut out, sets, "ip", "   "),
        (SavVendor::IosXr, SavOutput::Urpf) => ios_urpf(&mut out, sets, "ipv4", " "),
        (SavVendor::Junos, SavOutput::Urpf) => junos_urpf(&mut out, sets),
        (SavVendor::SrOs, SavOutput::Urpf) => sros_urpf(&mut out, sets),
        (SavVendor::Linux, SavOutput::Urpf) => linux_urpf(&mut out, sets),
        (SavVendor::Ios, SavOutput::Acl) => ios_acl(&mut out, sets, opts),
        (SavVendor::IosXr, SavOutput::Acl) => seq_acl(&mut out, sets, opts, &XR_ACL),
        (SavVendor::Eos, SavOutput::Acl) => seq_acl(&mut out, sets, opts, &EOS_ACL),
        (SavVendor::Junos, SavOutput::Acl) => junos_acl(&mut out, sets, opts),
        (SavVendor::SrOs, SavOutput::Acl) => sros_acl(&mut out, sets, opts),
        (SavVendor::Linux, SavOutput::Acl) => linux_acl(&mut out, sets, opts),
    }
    Ok(out)
}

fn check_name(name: &str) -> Result<(), AntispoofError> {
    let ok = (1..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(AntispoofError::InvalidName(name.chars().take(40).collect()))
    }
}

/// The source prefixes an ACL of one family permits.
fn acl_prefixes(s: &InterfaceSav, family: Family, hyper: bool) -> Vec<Prefix> {
    let mut v = s.prefixes(family, hyper);
    if family == Family::V6 {
        v.extend(link_local());
        if hyper {
            v = hyper_aggregate(&v);
        } else {
            v.sort_unstable();
            v.dedup();
        }
    }
    v
}

/// `NAME-IFACE-V4`: `/` and `:` of the interface become `_`.
fn acl_name(opts: &SavRenderOptions, iface: &str, family: Family) -> String {
    let fam = match family {
        Family::V4 => "V4",
        Family::V6 => "V6",
    };
    let iface: String = iface
        .chars()
        .map(|c| if c == '/' || c == ':' { '_' } else { c })
        .collect();
    format!("{}-{iface}-{fam}", opts.name)
}

/// `ADDR WILDCARD`, or `host ADDR` for a /32 (IOS extended ACLs).
fn ios_v4_source(p: &Prefix) -> String {
    if p.len() == 32 {
        return format!("host {}", p.addr());
    }
    let wild = u32::MAX.checked_shr(u32::from(p.len())).unwrap_or(0);
    format!("{} {}", p.addr(), std::net::Ipv4Addr::from(wild))
}

/// Cisco IOS / IOS XE, Arista EOS and IOS XR uRPF: the same interface
/// block, only the IPv4 keyword and the indentation differ.
fn ios_urpf(out: &mut String, sets: &[InterfaceSav], v4: &str, indent: &str) {
    for s in sets {
        let _ = writeln!(out, "interface {}", s.interface);
        for f in s.families() {
            let kw = if f == Family::V4 { v4 } else { "ipv6" };
            let _ = writeln!(out, "{indent}{kw} verify unicast source reachable-via rx");
        }
        out.push_str("!\n");
    }
}

fn ios_acl(out: &mut String, sets: &[InterfaceSav], opts: &SavRenderOptions) {
    for s in sets {
        let fams = s.families();
        for &f in &fams {
            let name = acl_name(opts, &s.interface, f);
            let list = acl_prefixes(s, f, opts.hyper_aggregate);
            match f {
                Family::V4 => {
                    let _ = writeln!(out, "no ip access-list extended {name}");
                    let _ = writeln!(out, "ip access-list extended {name}");
                    for p in &list {
                        let _ = writeln!(out, " permit ip {} any", ios_v4_source(p));
                    }
                    out.push_str(" deny ip any any\n!\n");
                }
                Family::V6 => {
                    let _ = writeln!(out, "no ipv6 access-list {name}");
                    let _ = writeln!(out, "ipv6 access-list {name}");
                    for p in &list {
                        if p.len() == 128 {
                            let _ = writeln!(out, " permit ipv6 host {} any", p.addr());
                        } else {
                            let _ = writeln!(out, " permit ipv6 {p} any");
                        }
                    }
                    out.push_str(" deny ipv6 any any\n!\n");
                }
            }
        }
        let _ = writeln!(out, "interface {}", s.interface);
        for &f in &fams {
            let name = acl_name(opts, &s.interface, f);
            match f {
                Family::V4 => {
                    let _ = writeln!(out, " ip access-group {name} in");
                }
                Family::V6 => {
                    let _ = writeln!(out, " ipv6 traffic-filter {name} in");
                }
            }
        }
        out.push_str("!\n");
    }
}

/// How a sequenced ACL reads on IOS XR and Arista EOS: the same lists
/// (`10 permit …`, `N deny … any any`) and the same interface block; the
/// IPv4 keyword, the indentation and the direction word differ.
struct SeqAcl {
    /// The IPv4 address family word (`ipv4`, `ip`); IPv6 is `ipv6`.
    v4: &'static str,
    /// The indentation of lines inside a block.
    indent: &'static str,
    /// The direction word of `access-group NAME …`.
    ingress: &'static str,
}

const XR_ACL: SeqAcl = SeqAcl {
    v4: "ipv4",
    indent: " ",
    ingress: "ingress",
};

const EOS_ACL: SeqAcl = SeqAcl {
    v4: "ip",
    indent: "   ",
    ingress: "in",
};

fn seq_acl(out: &mut String, sets: &[InterfaceSav], opts: &SavRenderOptions, style: &SeqAcl) {
    let SeqAcl { indent, .. } = style;
    let afi = |f: Family| if f == Family::V4 { style.v4 } else { "ipv6" };
    for s in sets {
        let fams = s.families();
        for &f in &fams {
            let name = acl_name(opts, &s.interface, f);
            let afi = afi(f);
            let _ = writeln!(out, "no {afi} access-list {name}");
            let _ = writeln!(out, "{afi} access-list {name}");
            let mut seq = 10u64;
            for p in acl_prefixes(s, f, opts.hyper_aggregate) {
                let _ = writeln!(out, "{indent}{seq} permit {afi} {p} any");
                seq += 10;
            }
            let _ = writeln!(out, "{indent}{seq} deny {afi} any any");
            out.push_str("!\n");
        }
        let _ = writeln!(out, "interface {}", s.interface);
        for &f in &fams {
            let _ = writeln!(
                out,
                "{indent}{} access-group {} {}",
                afi(f),
                acl_name(opts, &s.interface, f),
                style.ingress
            );
        }
        out.push_str("!\n");
    }
}

/// `xe-0/0/1.100` → (`xe-0/0/1`, `100`); no unit means unit 0.
fn junos_unit(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((ifd, unit)) if !unit.is_empty() && unit.bytes().all(|b| b.is_ascii_digit()) => {
            (ifd, unit)
        }
        _ => (name, "0"),
    }
}

fn junos_family(f: Family) -> &'static str {
    match f {
        Family::V4 => "inet",
        Family::V6 => "inet6",
    }
}

fn junos_urpf(out: &mut String, sets: &[InterfaceSav]) {
    for s in sets {
        let (ifd, unit) = junos_unit(&s.interface);
        for f in s.families() {
            let _ = writeln!(
                out,
                "set interfaces {ifd} unit {unit} family {} rpf-check",
                junos_family(f)
            );
        }
    }
}

fn junos_acl(out: &mut String, sets: &[InterfaceSav], opts: &SavRenderOptions) {
    for s in sets {
        let (ifd, unit) = junos_unit(&s.interface);
        for f in s.families() {
            let fam = junos_family(f);
            let name = acl_name(opts, &s.interface, f);
            let base = format!("set firewall family {fam} filter {name}");
            let _ = writeln!(out, "delete firewall family {fam} filter {name}");
            let list = acl_prefixes(s, f, opts.hyper_aggregate);
            for p in &list {
                let _ = writeln!(out, "{base} term customer from source-address {p}");
            }
            if !list.is_empty() {
                let _ = writeln!(out, "{base} term customer then accept");
            }
            let _ = writeln!(out, "{base} term spoofed then discard");
            let _ = writeln!(
                out,
                "set interfaces {ifd} unit {unit} family {fam} filter input {name}"
            );
        }
    }
}

fn sros_urpf(out: &mut String, sets: &[InterfaceSav]) {
    for s in sets {
        let _ = writeln!(out, "configure router interface \"{}\"", s.interface);
        for f in s.families() {
            match f {
                Family::V4 => out.push_str("    urpf-check\n        mode strict\n    exit\n"),
                Family::V6 => out.push_str(
                    "    ipv6\n        urpf-check\n            mode strict\n        exit\n    exit\n",
                ),
            }
        }
        out.push_str("exit\n");
    }
}

fn sros_acl(out: &mut String, sets: &[InterfaceSav], opts: &SavRenderOptions) {
    let mut id = u64::from(opts.first_filter_id);
    for s in sets {
        let mut applied = Vec::new();
        for f in s.families() {
            let name = acl_name(opts, &s.interface, f);
            let (pl, filt, kw) = match f {
                Family::V4 => ("ip-prefix-list", "ip-filter", "ip"),
                Family::V6 => ("ipv6-prefix-list", "ipv6-filter", "ipv6"),
            };
            let list = acl_prefixes(s, f, opts.hyper_aggregate);
            if !list.is_empty() {
                out.push_str("configure filter match-list\n");
                let _ = writeln!(out, "    no {pl} \"{name}\"");
                let _ = writeln!(out, "    {pl} \"{name}\" create");
                for p in &list {
                    let _ = writeln!(out, "        prefix {p}");
                }
                out.push_str("    exit\nexit\n");
            }
            let _ = writeln!(out, "configure filter {filt} {id} create");
            let _ = writeln!(out, "    filter-name \"{name}\"");
            out.push_str("    default-action drop\n");
            if !list.is_empty() {
                let _ = writeln!(
                    out,
                    "    entry 10 create\n        match\n            src-ip {pl} \"{name}\"\n        exit\n        action forward\n    exit"
                );
            }
            out.push_str("exit\n");
            applied.push((kw, id));
            id += 1;
        }
        let _ = writeln!(out, "configure router interface \"{}\"", s.interface);
        out.push_str("    ingress\n");
        for (kw, id) in applied {
            let _ = writeln!(out, "        filter {kw} {id}");
        }
        out.push_str("    exit\nexit\n");
    }
}

/// A sysctl key component: the kernel's sysctl names use `/` for a `.`
/// inside an interface name (`eth0.100` → `eth0/100`).
fn sysctl_ifname(name: &str) -> String {
    name.replace('.', "/")
}

fn linux_urpf(out: &mut String, sets: &[InterfaceSav]) {
    out.push_str(
        "#!/bin/sh\n# Strict reverse-path filtering (RFC 3704) for single-homed customers.\n",
    );
    out.push_str("# The kernel applies the higher of conf.all and conf.IF: keep\n# net.ipv4.conf.all.rp_filter at 0 or 1.\nset -e\n");
    let mut any_v6 = false;
    for s in sets {
        for f in s.families() {
            match f {
                Family::V4 => {
                    let _ = writeln!(
                        out,
                        "sysctl -w net.ipv4.conf.{}.rp_filter=1",
                        sysctl_ifname(&s.interface)
                    );
                }
                Family::V6 => any_v6 = true,
            }
        }
    }
    if any_v6 {
        out.push_str("nft -f - <<'EOF'\n");
        out.push_str(&render_nft_urpf(sets));
        out.push_str("EOF\n");
    }
}

/// The nftables part of the Linux uRPF output: a table `ip6 routeguard_urpf`
/// that drops IPv6 packets without a reverse path through the interface
/// they came in on (`fib saddr . iif oif missing drop`), for the
/// interfaces whose customers have IPv6 prefixes (or none at all).
pub fn render_nft_urpf(sets: &[InterfaceSav]) -> String {
    let mut out = String::new();
    out.push_str("table ip6 routeguard_urpf\ndelete table ip6 routeguard_urpf\n");
    out.push_str("table ip6 routeguard_urpf {\n\tchain prerouting {\n\t\ttype filter hook prerouting priority raw; policy accept;\n");
    for s in sets
        .iter()
        .filter(|s| s.families().contains(&Family::V6) && check_interface(&s.interface).is_ok())
    {
        let _ = writeln!(
            out,
            "\t\tiifname \"{}\" fib saddr . iif oif missing drop",
            s.interface
        );
    }
    out.push_str("\t}\n}\n");
    out
}

fn linux_acl(out: &mut String, sets: &[InterfaceSav], opts: &SavRenderOptions) {
    let table = opts.name.to_ascii_lowercase().replace('-', "_");
    let _ = writeln!(
        out,
        "table inet {table}\ndelete table inet {table}\ntable inet {table} {{"
    );
    let mut rules = String::new();
    for (n, s) in sets.iter().enumerate() {
        for f in s.families() {
            let (ty, sel, suffix) = match f {
                Family::V4 => ("ipv4_addr", "ip", "v4"),
                Family::V6 => ("ipv6_addr", "ip6", "v6"),
            };
            let list = acl_prefixes(s, f, opts.hyper_aggregate);
            if list.is_empty() {
                let _ = writeln!(
                    rules,
                    "\t\tiifname \"{}\" meta nfproto {} drop",
                    s.interface,
                    if f == Family::V4 { "ipv4" } else { "ipv6" }
                );
                continue;
            }
            let set = format!("if{n}_{suffix}");
            let _ = writeln!(out, "\t# {}", s.interface);
            let _ = writeln!(
                out,
                "\tset {set} {{\n\t\ttype {ty}\n\t\tflags interval\n\t\tauto-merge\n\t\telements = {{"
            );
            let last = list.len().saturating_sub(1);
            for (i, p) in list.iter().enumerate() {
                let sep = if i == last { "" } else { "," };
                let _ = writeln!(out, "\t\t\t{p}{sep}");
            }
            out.push_str("\t\t}\n\t}\n");
            let _ = writeln!(
                rules,
                "\t\tiifname \"{}\" {sel} saddr != @{set} drop",
                s.interface
            );
        }
    }
    out.push_str(
        "\tchain prerouting {\n\t\ttype filter hook prerouting priority raw; policy accept;\n",
    );
    out.push_str(&rules);
    out.push_str("\t}\n}\n");
}
