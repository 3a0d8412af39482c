//! Prefix-list printers of bgpq4 (printer.c of bgpq4 1.9, and 1.16 where
//! [`Dialect::V1_16`] asks for it): prefix lists for every vendor, the
//! extended forms of `-E` (Cisco extended ACL, Junos route-filter,
//! OpenBGPD prefix-set, Nokia ip-prefix-list, SR Linux ACL), Junos
//! route-filter-lists (`-z`) and user formats (`-F`), byte for byte,
//! empty lists included.
//!
//! Each printer walks [`PrefixTree::entries`](crate::filter::tree::PrefixTree::entries)
//! (bgpq4's order: a node, its chained ranges, its left then right
//! subtree; glue skipped) and writes addresses as glibc's `inet_ntop` does
//! ([`format_addr`]).

use std::fmt::Write as _;

use crate::filter::bgpq4::{Dialect, Expansion, Options, Vendor};
use crate::filter::tree::{
    format_addr, push_decimal, push_prefix, AddrText, PrefixTree, TreeEntry,
};
use crate::model::Family;
use crate::util::par;

/// From how many nodes [`each_entry`] prints the two halves of a tree at
/// once.
const PAR_MIN: usize = 16_384;

/// Writes `line` of every entry of `tree` in order. `line` must not
/// depend on what came before: a large tree laid out in preorder is
/// printed in two halves at once (`util::par`), the second into a buffer
/// of its own appended after the first.
fn each_entry(out: &mut String, tree: &PrefixTree, line: impl Fn(&mut String, &TreeEntry) + Sync) {
    let par_min = if par::available() {
        PAR_MIN
    } else {
        usize::MAX
    };
    each_entry_from(out, tree, par_min, line);
}

/// [`each_entry`], in halves from `par_min` nodes (tests lower it).
fn each_entry_from(
    out: &mut String,
    tree: &PrefixTree,
    par_min: usize,
    line: impl Fn(&mut String, &TreeEntry) + Sync,
) {
    let halves = (tree.node_count() >= par_min)
        .then(|| tree.entry_halves())
        .flatten();
    let Some((a, b)) = halves else {
        for e in tree.entries() {
            line(out, &e);
        }
        return;
    };
    let room = out.capacity().saturating_sub(out.len()) / 2;
    let line = &line;
    let ((), tail) = par::join(
        || a.for_each(|e| line(out, &e)),
        || {
            let mut s = String::with_capacity(room);
            b.for_each(|e| line(&mut s, &e));
            s
        },
    );
    out.push_str(&tail);
}

/// An entry's address as bgpq4 prints it.
fn addr(e: &TreeEntry) -> AddrText {
    AddrText::addr(e.prefix.family(), e.prefix.bits())
}

/// An entry's `addr/len` as bgpq4 prints it.
fn pfx(e: &TreeEntry) -> AddrText {
    AddrText::prefix(e.prefix.family(), e.prefix.bits(), e.prefix.len())
}

/// A length in decimal, without `fmt` (printers write one per line).
fn push_len(out: &mut String, n: u8) {
    push_decimal(out, u32::from(n));
}

/// `ip` or `ipv6`.
fn ip_word(f: Family) -> &'static str {
    match f {
        Family::V4 => "ip",
        Family::V6 => "ipv6",
    }
}

/// The default route of a family as bgpq4 writes it in empty lists.
fn default_route(f: Family) -> &'static str {
    match f {
        Family::V4 => "0.0.0.0/0",
        Family::V6 => "::/0",
    }
}

/// The lengths a user format prints as `%a`/`%A`, Nokia as a range and
/// BIRD in braces: the aggregate's own when `low` passes the length,
/// else from the prefix length.
fn low_or_len(e: &TreeEntry) -> u8 {
    if e.low > e.prefix.len() {
        e.low
    } else {
        e.prefix.len()
    }
}

/// `bgpq4_print_prefixlist`: the prefix list of `opts.vendor`.
pub fn print_prefix_list(out: &mut String, opts: &Options, exp: &Expansion) {
    let tree = &exp.tree;
    let fam = tree.family();
    let name = opts.name.as_str();
    let ip = ip_word(fam);
    let empty = tree.is_empty();
    match opts.vendor {
        Vendor::Juniper => {
            let _ = write!(out, "policy-options {{\nreplace:\n prefix-list {name} {{\n");
            // The Junos prefix-list printer writes nodes only, never their
            // chained ranges.
            each_entry(out, tree, |out, e| {
                if e.son == 0 {
                    let _ = writeln!(out, "    {};", pfx(e));
                }
            });
            out.push_str(" }\n}\n");
        }
        Vendor::Cisco => {
            let _ = writeln!(out, "no {ip} prefix-list {name}");
            if empty {
                let _ = writeln!(out, "! generated prefix-list {name} is empty");
                let _ = writeln!(
                    out,
                    "{ip} prefix-list {name}{} deny {}",
                    if opts.sequence { " seq 1" } else { "" },
                    default_route(fam)
                );
                return;
            }
            let head = format!("{ip} prefix-list {name}");
            out.reserve(tree.node_count() * (head.len() + 24));
            let permit = |out: &mut String, e: &TreeEntry| {
                out.push_str(" permit ");
                push_prefix(out, fam, e.prefix.bits(), e.prefix.len());
                write_ge_le(out, e, " ge ", " le ");
                out.push('\n');
            };
            if !opts.sequence {
                each_entry(out, tree, |out, e| {
                    out.push_str(&head);
                    permit(out, e);
                });
                return;
            }
            // Entries are at most the tree's node budget (< 2^32).
            for (seq, e) in (1u32..).zip(tree.entries()) {
                out.push_str(&head);
                out.push_str(" seq ");
                push_decimal(out, seq);
                permit(out, &e);
            }
        }
        Vendor::CiscoXr => {
            let _ = write!(out, "no prefix-set {name}\nprefix-set {name}\n");
            for (k, e) in tree.entries().enumerate() {
                out.push_str(if k > 0 { ",\n " } else { " " });
                out.push_str(&pfx(&e));
                write_ge_le(out, &e, " ge ", " le ");
            }
            out.push_str("\nend-set\n");
        }
        Vendor::Json => {
            let _ = write!(out, "{{ \"{name}\": [");
            for (k, e) in tree.entries().enumerate() {
                let comma = if k > 0 { "," } else { "" };
                let p = format!("{}\\/{}", addr(&e), e.prefix.len());
                if !e.aggregate {
                    let _ = write!(
                        out,
                        "{comma}\n    {{ \"prefix\": \"{p}\", \"exact\": true }}"
                    );
                } else if e.low > e.prefix.len() {
                    let _ = write!(
                        out,
                        "{comma}\n    {{ \"prefix\": \"{p}\", \"exact\": false,\n      \"greater-equal\": {}, \"less-equal\": {} }}",
                        e.low, e.high
                    );
                } else {
                    let _ = write!(
                        out,
                        "{comma}\n    {{ \"prefix\": \"{p}\", \"exact\": false, \"less-equal\": {} }}",
                        e.high
                    );
                }
            }
            out.push_str("\n] }\n");
        }
        Vendor::Bird => {
            if empty {
                return;
            }
            let _ = write!(out, "{name} = [");
            for (k, e) in tree.entries().enumerate() {
                let comma = if k > 0 { "," } else { "" };
                let _ = write!(out, "{comma}\n    {}", pfx(&e));
                if e.aggregate {
                    let _ = write!(out, "{{{},{}}}", low_or_len(&e), e.high);
                }
            }
            out.push_str("\n];\n");
        }
        Vendor::OpenBgpd => {
            if empty {
                let _ = writeln!(
                    out,
                    "# generated prefix-list {name} (AS {}) is empty",
                    opts.asn
                );
                if opts.asn == 0 {
                    out.push_str(
                        "# use -a <asn> to generate \"deny from ASN <asn>\" instead of this list\n",
                    );
                }
            }
            if !empty || opts.asn == 0 {
                let named = name != "NN";
                if named {
                    let _ = write!(out, "{name}=\"");
                }
                out.push_str("prefix { ");
                openbgpd_entries(out, exp);
                out.push_str("\n\t}");
                if named {
                    out.push('"');
                }
                out.push('\n');
            } else {
                let _ = writeln!(out, "deny from AS {}", opts.asn);
            }
        }
        Vendor::Format => print_format(out, opts, exp),
        Vendor::Nokia => {
            let _ = write!(
                out,
                "configure router policy-options\nbegin\nno prefix-list \"{name}\"\nprefix-list \"{name}\"\n"
            );
            each_entry(out, tree, |out, e| {
                if e.aggregate {
                    let _ = writeln!(
                        out,
                        "    prefix {} prefix-length-range {}-{}",
                        pfx(e),
                        low_or_len(e),
                        e.high
                    );
                } else {
                    let _ = writeln!(out, "    prefix {} exact", pfx(e));
                }
            });
            out.push_str("exit\ncommit\n");
        }
        Vendor::NokiaMd => {
            let _ = write!(
                out,
                "/configure policy-options\ndelete prefix-list \"{name}\"\nprefix-list \"{name}\" {{\n"
            );
            each_entry(out, tree, |out, e| {
                let p = pfx(e);
                if !e.aggregate {
                    let _ = write!(out, "    prefix {p} type exact {{\n    }}\n");
                } else if e.low > e.prefix.len() {
                    let _ = write!(
                        out,
                        "    prefix {p} type range {{\n        start-length {}\n        end-length {}\n    }}\n",
                        e.low, e.high
                    );
                } else {
                    let _ = write!(
                        out,
                        "    prefix {p} type through {{\n        through-length {}\n    }}\n",
                        e.high
                    );
                }
            });
            out.push_str("}\n");
        }
        Vendor::SrLinux => {
            let _ = write!(
                out,
                "/routing-policy\ndelete prefix-set \"{name}\"\nprefix-set \"{name}\" {{\n"
            );
            each_entry(out, tree, |out, e| {
                if e.aggregate {
                    let _ = writeln!(
                        out,
                        "    prefix {} mask-length-range {}..{} {{ }}",
                        pfx(e),
                        e.low.max(e.prefix.len()),
                        e.high
                    );
                } else {
                    let _ = writeln!(out, "    prefix {} mask-length-range exact {{ }}", pfx(e));
                }
            });
            out.push_str("}\n");
        }
        Vendor::Huawei => {
            let _ = writeln!(out, "undo ip {ip}-prefix {name}");
            if empty {
                let _ = writeln!(
                    out,
                    "ip {ip}-prefix {name}{} deny {}",
                    if opts.sequence { " seq 1" } else { "" },
                    default_route(fam)
                );
                return;
            }
            each_entry(out, tree, |out, e| {
                let _ = write!(
                    out,
                    "ip {ip}-prefix {name} permit {} {}",
                    addr(e),
                    e.prefix.len()
                );
                write_ge_le(out, e, " greater-equal ", " less-equal ");
                out.push('\n');
            });
        }
        Vendor::HuaweiXpl => {
            let _ = write!(
                out,
                "no xpl {ip}-prefix-list {name}\nxpl {ip}-prefix-list {name}\n"
            );
            for (k, e) in tree.entries().enumerate() {
                out.push_str(if k > 0 { ",\n " } else { " " });
                let _ = write!(out, " {} {}", addr(&e), e.prefix.len());
                write_ge_le(out, &e, " ge ", " le ");
            }
            out.push_str("\nend-list\n");
        }
        Vendor::Mikrotik6 | Vendor::Mikrotik7 => {
            if empty {
                let _ = writeln!(out, "# generated prefix-list {name} is empty");
                return;
            }
            let v = match fam {
                Family::V4 => "V4",
                Family::V6 => "V6",
            };
            let v16 = opts.dialect == Dialect::V1_16;
            each_entry(out, tree, |out, e| {
                let p = pfx(e);
                match (opts.vendor == Vendor::Mikrotik7, e.aggregate) {
                    (false, true) => {
                        let _ = writeln!(
                            out,
                            "/routing filter add action=accept chain=\"{name}-{v}\" prefix={p} prefix-length={}-{}",
                            e.low, e.high
                        );
                    }
                    (false, false) => {
                        let _ = writeln!(
                            out,
                            "/routing filter add action=accept chain=\"{name}-{v}\" prefix={p}"
                        );
                    }
                    (true, true) => {
                        let _ = writeln!(
                            out,
                            "/routing filter rule add chain=\"{name}-{v}\"{}rule=\"if (dst in {p} && dst-len in {}-{}) {{accept}}\"",
                            if v16 { " " } else { "  " },
                            e.low,
                            e.high
                        );
                    }
                    (true, false) => {
                        let _ = writeln!(
                            out,
                            "/routing filter rule add chain=\"{name}-{v}\" rule=\"if (dst{}{p}) {{accept}}\"",
                            if v16 { "==" } else { "=" }
                        );
                    }
                }
            });
        }
        Vendor::Arista => {
            let seq = i64::from(opts.sequence);
            let _ = writeln!(out, "no {ip} prefix-list {name}");
            if empty {
                let _ = write!(
                    out,
                    "! generated prefix-list {name} is empty\n{ip} prefix-list {name}\n   seq {seq} deny {}\n",
                    default_route(fam)
                );
                return;
            }
            let _ = writeln!(out, "{ip} prefix-list {name}");
            let lead = match opts.dialect {
                Dialect::V1_16 => "   ",
                _ => "    ",
            };
            for (seq, e) in (seq..).zip(tree.entries()) {
                let _ = write!(out, "{lead}seq {seq} permit {}", pfx(&e));
                write_ge_le(out, &e, " ge ", " le ");
                out.push('\n');
            }
        }
        // Vendors added later print nothing here.
        #[allow(unreachable_patterns)]
        _ => {}
    }
}

/// The Cisco-style tail of an entry: nothing when exact, `ge L le H` when
/// its range starts past the length, else `le H`.
fn write_ge_le(out: &mut String, e: &TreeEntry, ge: &str, le: &str) {
    if !e.aggregate {
        return;
    }
    if e.low > e.prefix.len() {
        out.push_str(ge);
        push_len(out, e.low);
    }
    out.push_str(le);
    push_len(out, e.high);
}

/// OpenBGPD's entries (prefix list and prefix-set alike).
fn openbgpd_entries(out: &mut String, exp: &Expansion) {
    for e in exp.tree.entries() {
        let p = pfx(&e);
        if !e.aggregate {
            let _ = write!(out, "\n\t{p}");
        } else if e.low == e.high {
            let _ = write!(out, "\n\t{p} prefixlen = {}", e.high);
        } else {
            let _ = write!(out, "\n\t{p} prefixlen {} - {}", low_or_len(&e), e.high);
        }
    }
}

/// The Junos route-filter lines, with or without the `route-filter `
/// keyword.
fn junos_filters(out: &mut String, exp: &Expansion, keyword: &str) {
    for e in exp.tree.entries() {
        let p = pfx(&e);
        if !e.aggregate {
            let _ = writeln!(out, "    {keyword}{p} exact;");
        } else if e.low > e.prefix.len() {
            let _ = writeln!(
                out,
                "    {keyword}{p} prefix-length-range /{}-/{};",
                e.low, e.high
            );
        } else {
            let _ = writeln!(out, "    {keyword}{p} upto /{};", e.high);
        }
    }
}

/// A 32-bit value as `inet_ntoa` prints it.
fn quad(v: u32) -> String {
    std::net::Ipv4Addr::from(v).to_string()
}

/// One line of bgpq4's Cisco extended ACL, with the x86-64 arithmetic of
/// its C code (shift counts taken modulo the operand width), so that even
/// the IPv6 lines 1.9 writes for Arista (`-e -6 -E`) come out the same.
fn cisco_acl_line(out: &mut String, e: &TreeEntry) {
    let len = u32::from(e.prefix.len());
    let first32 = (e.prefix.bits() >> 96) as u32;
    if !e.aggregate {
        let netmask = if len == 32 {
            0
        } else {
            u32::MAX << (32u32.wrapping_sub(len) & 31)
        };
        let _ = writeln!(out, " permit ip host {} host {}", addr(e), quad(netmask));
        return;
    }
    let ones: u64 = 0xffff_ffff;
    let (low, high) = (u32::from(e.low), u32::from(e.high));
    let wild2 = if high == 32 { 0 } else { ones >> (high & 63) };
    let wildaddr = ((ones >> (len & 63)) & !wild2) as u32;
    let mask = if low == 32 {
        u32::MAX
    } else {
        (ones & (ones << (32u32.wrapping_sub(low) & 63))) as u32
    };
    let wildmask = ((ones >> (low & 63)) & !wild2) as u32;
    if wildaddr != 0 {
        let _ = write!(out, " permit ip {} {} ", quad(first32), quad(wildaddr));
    } else {
        let _ = write!(out, " permit ip host {} ", quad(first32));
    }
    if wildmask != 0 {
        let _ = writeln!(out, "{} {}", quad(mask), quad(wildmask));
    } else {
        let _ = writeln!(out, "host {}", quad(mask));
    }
}

/// `bgpq4_print_eacl` (`-E`): Junos route-filter policy term, Cisco and
/// Arista extended ACL, OpenBGPD prefix-set, Nokia ip-prefix-lists, SR
/// Linux ACL filter. Other vendors print nothing (bgpq4 refuses them).
pub fn print_eacl(out: &mut String, opts: &Options, exp: &Expansion) {
    let tree = &exp.tree;
    let fam = tree.family();
    let name = opts.name.as_str();
    let ip = ip_word(fam);
    let empty = tree.is_empty();
    match opts.vendor {
        Vendor::Juniper => {
            let term = name.split_once('/');
            match term {
                Some((policy, term)) => {
                    let _ = write!(
                        out,
                        "policy-options {{\n policy-statement {policy} {{\n  term {term} {{\nreplace:\n   from {{\n"
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "policy-options {{\n policy-statement {name} {{ \nreplace:\n  from {{\n"
                    );
                }
            }
            if let Some(m) = &opts.match_ {
                let _ = writeln!(out, "    {m};");
            }
            if empty {
                let _ = writeln!(
                    out,
                    "    route-filter {}/0 orlonger reject;",
                    format_addr(fam, 0)
                );
            } else {
                junos_filters(out, exp, "route-filter ");
            }
            out.push_str(if term.is_some() {
                "   }\n  }\n }\n}\n"
            } else {
                "  }\n }\n}\n"
            });
        }
        Vendor::Cisco | Vendor::Arista => {
            let _ = writeln!(out, "no ip access-list extended {name}");
            if empty {
                let _ = write!(
                    out,
                    "! generated access-list {name} is empty\nip access-list extended {name} deny any any\n"
                );
                return;
            }
            let _ = writeln!(out, "ip access-list extended {name}");
            for e in tree.entries() {
                cisco_acl_line(out, &e);
            }
        }
        Vendor::OpenBgpd => {
            let _ = write!(out, "prefix-set {name} {{");
            openbgpd_entries(out, exp);
            out.push_str("\n}\n");
        }
        Vendor::Nokia => {
            let _ = write!(
                out,
                "configure filter match-list\nno {ip}-prefix-list \"{name}\"\n{ip}-prefix-list \"{name}\" create\n"
            );
            if empty {
                let _ = writeln!(out, "# generated ip-prefix-list {name} is empty");
            }
            for e in tree.entries() {
                let _ = writeln!(out, "    prefix {}", pfx(&e));
            }
            out.push_str("exit\n");
        }
        Vendor::NokiaMd => {
            let _ = write!(
                out,
                "/configure filter match-list\ndelete {ip}-prefix-list \"{name}\"\n{ip}-prefix-list \"{name}\" {{\n"
            );
            if empty {
                let _ = writeln!(out, "# generated {ip}-prefix-list {name} is empty");
            }
            for e in tree.entries() {
                let _ = writeln!(out, "    prefix {} {{ }}", pfx(&e));
            }
            out.push_str("}\n");
        }
        Vendor::SrLinux => {
            let v = match fam {
                Family::V4 => '4',
                Family::V6 => '6',
            };
            let _ = write!(
                out,
                "/acl \ndelete ipv{v}-filter \"{name}\"\nipv{v}-filter \"{name}\" {{\n"
            );
            if empty {
                let _ = writeln!(out, "# generated ipv{v}-filter '{name}' is empty");
            }
            for (k, e) in tree.entries().enumerate() {
                let _ = write!(
                    out,
                    " entry {} {{\n  action {{ accept {{ }} }}\n  match {{ source-ip {{ prefix {} }} }} }}\n",
                    10 * (k + 1),
                    pfx(&e)
                );
            }
            out.push_str("}\n");
        }
        _ => {}
    }
}

/// `bgpq4_print_route_filter_list` (`-z`): the Junos route-filter-list;
/// other vendors print nothing (bgpq4 refuses them).
pub fn print_route_filter_list(out: &mut String, opts: &Options, exp: &Expansion) {
    if opts.vendor != Vendor::Juniper {
        return;
    }
    let fam = exp.tree.family();
    let _ = write!(
        out,
        "policy-options {{\nreplace:\n  route-filter-list {} {{\n",
        opts.name
    );
    if exp.tree.is_empty() {
        let _ = writeln!(out, "    {}/0 orlonger reject;", format_addr(fam, 0));
    } else {
        junos_filters(out, exp, "");
    }
    out.push_str("  }\n}\n");
}

/// The user format (`-F`): every entry through the format, then a newline
/// unless the format ends with `\n` (as written, backslash and `n`).
fn print_format(out: &mut String, opts: &Options, exp: &Expansion) {
    let fmt = opts.format.as_deref().unwrap_or("");
    for e in exp.tree.entries() {
        let (low, high) = if e.aggregate {
            (low_or_len(&e), e.high)
        } else {
            (e.prefix.len(), e.prefix.len())
        };
        format_entry(out, fmt, &opts.name, &e, low, high);
    }
    if !fmt.ends_with("\\n") {
        out.push('\n');
    }
}

/// One entry through a user format (`sx_prefix_snprintf_fmt`). An unknown
/// `%` directive ends the entry there (bgpq4 reports it on standard error).
fn format_entry(out: &mut String, fmt: &str, name: &str, e: &TreeEntry, low: u8, high: u8) {
    let fam = e.prefix.family();
    let m = u128::MAX
        .checked_shl(128 - u32::from(e.prefix.len()))
        .unwrap_or(0);
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('n' | 'r') => out.push_str(&addr(e)),
                Some('l') => {
                    let _ = write!(out, "{}", e.prefix.len());
                }
                Some('a') => {
                    let _ = write!(out, "{low}");
                }
                Some('A') => {
                    let _ = write!(out, "{high}");
                }
                Some('%') => out.push('%'),
                Some('N') => out.push_str(name),
                Some('m') => out.push_str(&format_addr(fam, m)),
                Some('i') => out.push_str(&format_addr(fam, !m)),
                _ => return,
            },
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                // bgpq4 writes the string's terminating NUL and reads on
                // past it; stop after the NUL.
                None => {
                    out.push('\0');
                    return;
                }
            },
            other => out.push(other),
        }
    }
}
