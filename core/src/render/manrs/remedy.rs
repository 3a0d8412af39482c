//! The remedy artifacts as named files, rendered in memory (core writes no
//! file; the CLI writes the list into `--remedy DIR`):
//!
//! - `route-objects.rpsl`: route/route6 objects (RFC 2622 §4, RFC 4012
//!   §2) with `origin`, `descr`, `mnt-by` [`MAINTAINER_PLACEHOLDER`] and
//!   `source` [`SOURCE_PLACEHOLDER`], under a comment saying what to edit;
//! - `roas.csv`: the ROAs to create (maxLength = prefix length, RFC 9319) in
//!   the Routinator / rpki-client CSV shape `ASN,IP Prefix,Max Length,Trust
//!   Anchor`, written by [`render::vrps`](crate::render::vrps);
//! - `roas.slurm.json`: the same ROAs as RFC 8416 `prefixAssertions`, to
//!   try them locally before they are published, written by
//!   [`render::slurm`](crate::render::slurm);
//! - `roas-to-replace.csv`: the ROAs (VRPs) with a loose maxLength that the
//!   suggested ones replace (RFC 9319), same CSV shape;
//! - `as-set-members.txt`: the customers to add to the customer as-set, one
//!   per line, and `as-set-members.rpsl`, the same as `members:` lines;
//! - `aut-num.rpsl`: aut-num skeletons with `import`/`export` and
//!   `mp-import`/`mp-export` (`afi any`) per provider, peer and customer;
//! - `README.txt`: what each file of the list is and what to edit.
//!
//! A list that is empty gives no file; no remedy at all gives no files.

use std::fmt::Write as _;

use crate::manrs::{AutNumSkeleton, Remedies};
use crate::model::{Asn, Family, Vrp, VrpSet};
use crate::render::slurm;
use crate::render::vrps::{write_vrps, OutputFormat};
use crate::slurm::{PrefixAssertion, Slurm};

/// The `mnt-by` written into RPSL objects: replace it by your maintainer.
pub const MAINTAINER_PLACEHOLDER: &str = "MAINT-CHANGE-ME";

/// The `source` (and other placeholders) written into RPSL objects:
/// replace it by your IRR database (RIPE, ARIN, RADB, …).
pub const SOURCE_PLACEHOLDER: &str = "CHANGE-ME";

/// RPSL attribute: name, colon, padded to column 16 (RIPE's layout).
fn attr(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{:<16}{value}", format!("{name}:"));
}

fn route_objects(rem: &Remedies) -> String {
    let mut o = String::new();
    o.push_str(
        "# Route objects to create (routeguard MANRS remedy, rule\n\
         # global-validation/irr-missing): one per route announced without one.\n\
         # Before submitting them to your IRR database:\n",
    );
    let _ = writeln!(
        o,
        "#   - replace {MAINTAINER_PLACEHOLDER} (mnt-by) by your maintainer;\n\
         #   - replace {SOURCE_PLACEHOLDER} (source) by the database: RIPE, ARIN, APNIC, RADB, ...;\n\
         #   - check descr; your database may ask for more (org, admin-c).\n\
         # Prefer the database of the RIR that allocated the prefix."
    );
    for (prefix, origin) in &rem.route_objects {
        o.push('\n');
        let class = if prefix.family() == Family::V6 {
            "route6"
        } else {
            "route"
        };
        attr(&mut o, class, &prefix.to_string());
        attr(&mut o, "descr", &format!("Announced by {origin}"));
        attr(&mut o, "origin", &origin.to_string());
        attr(&mut o, "mnt-by", MAINTAINER_PLACEHOLDER);
        attr(&mut o, "source", SOURCE_PLACEHOLDER);
    }
    o
}

fn csv(vrps: Vec<Vrp>) -> Vec<u8> {
    let set = VrpSet {
        vrps,
        ..VrpSet::default()
    };
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_vrps(&set, OutputFormat::RoutinatorCsv, &mut buf);
    buf
}

fn roa_vrps(rem: &Remedies) -> Vec<Vrp> {
    rem.roas
        .iter()
        .filter_map(|s| Vrp::new(s.prefix, s.max_length, s.asn).ok())
        .collect()
}

fn roas_slurm(rem: &Remedies) -> String {
    let s = Slurm {
        version: 1,
        prefix_assertions: rem
            .roas
            .iter()
            .map(|s| PrefixAssertion {
                prefix: s.prefix,
                asn: s.asn,
                max_length: Some(s.max_length),
                comment: Some(format!("routeguard MANRS remedy ({})", s.rule)),
            })
            .collect(),
        ..Slurm::default()
    };
    slurm::to_json(&s)
}

fn as_set_name(rem: &Remedies) -> &str {
    rem.as_set.as_deref().unwrap_or("AS-CHANGE-ME")
}

fn as_set_members_txt(rem: &Remedies) -> String {
    rem.as_set_members
        .iter()
        .map(|a| format!("{a}\n"))
        .collect()
}

fn as_set_members_rpsl(rem: &Remedies) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Members to add to as-set {} (routeguard MANRS remedy, rule\n\
         # global-validation/as-set-missing-customer). A snippet, not a whole\n\
         # object: add the members: lines to the object in your IRR database and\n\
         # keep its other attributes and members.\n",
        as_set_name(rem)
    );
    attr(&mut o, "as-set", as_set_name(rem));
    for a in &rem.as_set_members {
        attr(&mut o, "members", &a.to_string());
    }
    o
}

/// What the AS announces to providers and peers: its customer as-set, or
/// itself and its customers.
fn cone(a: &AutNumSkeleton) -> String {
    if let Some(s) = &a.as_set {
        return s.clone();
    }
    std::iter::once(a.asn)
        .chain(a.customers.iter().copied())
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(" OR ")
}

fn policy(
    o: &mut String,
    heading: &str,
    peers: &[Asn],
    accept: impl Fn(Asn) -> String,
    announce: &str,
) {
    if peers.is_empty() {
        return;
    }
    let _ = writeln!(o, "# {heading}");
    for p in peers {
        attr(o, "import", &format!("from {p} accept {}", accept(*p)));
        attr(o, "export", &format!("to {p} announce {announce}"));
        attr(
            o,
            "mp-import",
            &format!("afi any from {p} accept {}", accept(*p)),
        );
        attr(
            o,
            "mp-export",
            &format!("afi any to {p} announce {announce}"),
        );
    }
}

fn aut_nums(rem: &Remedies) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# aut-num skeletons (routeguard MANRS remedy, rules global-validation/no-aut-num\n\
         # and global-validation/aut-num-no-policy): routing policy per neighbour,\n\
         # from the AS relationships given. Before submitting:\n\
         #   - check every neighbour and its role; add the ones missing;\n\
         #   - replace the peers' and customers' accept ASN by their as-set where they have one;\n\
         #   - fill in as-name, admin-c, tech-c, replace {MAINTAINER_PLACEHOLDER} (mnt-by) and\n\
         #     {SOURCE_PLACEHOLDER} (source, and the other placeholders);\n\
         #   - when the aut-num exists, merge the policy lines into it instead."
    );
    for a in &rem.aut_nums {
        o.push('\n');
        let cone = cone(a);
        attr(&mut o, "aut-num", &a.asn.to_string());
        attr(&mut o, "as-name", SOURCE_PLACEHOLDER);
        if a.providers.is_empty() && a.peers.is_empty() && a.customers.is_empty() {
            o.push_str("# no neighbours known: give the AS relationships (--asrel)\n");
        }
        policy(
            &mut o,
            "providers: all routes in, our customer cone out",
            &a.providers,
            |_| "ANY".to_owned(),
            &cone,
        );
        policy(
            &mut o,
            "peers: their routes in, our customer cone out",
            &a.peers,
            |p| p.to_string(),
            &cone,
        );
        policy(
            &mut o,
            "customers: their routes in, all routes out",
            &a.customers,
            |p| p.to_string(),
            "ANY",
        );
        attr(&mut o, "admin-c", SOURCE_PLACEHOLDER);
        attr(&mut o, "tech-c", SOURCE_PLACEHOLDER);
        attr(&mut o, "mnt-by", MAINTAINER_PLACEHOLDER);
        attr(&mut o, "source", SOURCE_PLACEHOLDER);
    }
    o
}

fn readme(files: &[(&'static str, Vec<u8>)], rem: &Remedies) -> String {
    let mut o = String::from(
        "routeguard MANRS remedy artifacts\n\
         =================================\n\n\
         What to create or change so that the findings of the MANRS check go away.\n\
         Review everything before you submit it: these are suggestions made from\n\
         the routes seen and the data given, not from your intentions.\n\n",
    );
    for (name, _) in files {
        let about = match *name {
            "route-objects.rpsl" => format!(
                "{} route/route6 object(s) for routes announced without one. Replace\n\
                 {MAINTAINER_PLACEHOLDER} and {SOURCE_PLACEHOLDER}, then submit them to your IRR database.",
                rem.route_objects.len()
            ),
            "roas.csv" => format!(
                "{} ROA(s) to create in your RIR's RPKI portal, maxLength equal to the prefix\n\
                 length (RFC 9319). CSV as Routinator and rpki-client write it; the\n\
                 Trust Anchor column is N/A: the RIR that holds the prefix issues it.",
                rem.roas.len()
            ),
            "roas.slurm.json" => "The same ROAs as RFC 8416 SLURM prefixAssertions: load them into your\n\
                 validator to see the effect before the ROAs are published; remove\n\
                 them once the ROAs are."
                .to_owned(),
            "roas-to-replace.csv" => format!(
                "{} ROA(s) whose maxLength authorises prefixes not announced (RFC 9319):\n\
                 replace each by the ROAs of roas.csv for the prefixes really announced.",
                rem.roas_to_replace.len()
            ),
            "as-set-members.txt" => format!(
                "{} customer ASN(s) to add to the as-set {}, one per line.",
                rem.as_set_members.len(),
                as_set_name(rem)
            ),
            "as-set-members.rpsl" => {
                "The same as members: lines of the as-set, to paste into the object.".to_owned()
            }
            "aut-num.rpsl" => format!(
                "{} aut-num skeleton(s): import/export and mp-import/mp-export (afi any)\n\
                 per provider, peer and customer. Check the neighbours, fill in the\n\
                 placeholders, merge into an existing aut-num.",
                rem.aut_nums.len()
            ),
            _ => String::new(),
        };
        let _ = writeln!(o, "{name}\n    {}\n", about.replace('\n', "\n    "));
    }
    o
}

/// The remedy artifacts as `(file name, bytes)` pairs, `README.txt` first
/// and then in the order of the module documentation; only the files that
/// have content. No remedy gives an empty list.
pub fn remedy_files(remedies: &Remedies) -> Vec<(&'static str, Vec<u8>)> {
    let rem = remedies;
    let mut files: Vec<(&'static str, Vec<u8>)> = Vec::new();
    if !rem.route_objects.is_empty() {
        files.push(("route-objects.rpsl", route_objects(rem).into_bytes()));
    }
    if !rem.roas.is_empty() {
        files.push(("roas.csv", csv(roa_vrps(rem))));
        files.push(("roas.slurm.json", roas_slurm(rem).into_bytes()));
    }
    if !rem.roas_to_replace.is_empty() {
        files.push(("roas-to-replace.csv", csv(rem.roas_to_replace.clone())));
    }
    if !rem.as_set_members.is_empty() {
        files.push(("as-set-members.txt", as_set_members_txt(rem).into_bytes()));
        files.push(("as-set-members.rpsl", as_set_members_rpsl(rem).into_bytes()));
    }
    if !rem.aut_nums.is_empty() {
        files.push(("aut-num.rpsl", aut_nums(rem).into_bytes()));
    }
    if !files.is_empty() {
        let readme = readme(&files, rem);
        files.insert(0, ("README.txt", readme.into_bytes()));
    }
    files
}
