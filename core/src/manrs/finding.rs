//! Findings: one rule firing for one subject, with its evidence and remedy.

use std::fmt;

use super::routes::Span;
use super::rule::{Action, Rule, Severity};
use crate::model::{Asn, Prefix};

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Subject {
    /// A route: a prefix and its origin (`None` when the path ends in an
    /// AS_SET).
    Route {
        /// The prefix.
        prefix: Prefix,
        /// The origin AS.
        origin: Option<Asn>,
    },
    /// A prefix (a Spoofer client prefix).
    Prefix(Prefix),
    /// An AS.
    Asn(Asn),
    /// A customer-facing interface of the network-facts file.
    Interface {
        /// The device, when given.
        device: Option<String>,
        /// The interface name.
        name: String,
    },
    /// A VRP.
    Vrp {
        /// The ROA prefix.
        prefix: Prefix,
        /// Its maxLength.
        max_length: u8,
        /// The authorised origin.
        asn: Asn,
    },
    /// A prefix list taken from a router (`filtering/customer-filter-mismatch`).
    PrefixList {
        /// The router, when given.
        device: Option<String>,
        /// The list's name.
        name: String,
    },
}

impl Subject {
    /// The prefix of a route, prefix or VRP subject.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            Subject::Route { prefix, .. }
            | Subject::Prefix(prefix)
            | Subject::Vrp { prefix, .. } => Some(*prefix),
            Subject::Asn(_) | Subject::Interface { .. } | Subject::PrefixList { .. } => None,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Route {
                prefix,
                origin: Some(o),
            } => write!(f, "{prefix} {o}"),
            Subject::Route {
                prefix,
                origin: None,
            } => write!(f, "{prefix} (AS_SET origin)"),
            Subject::Prefix(p) => write!(f, "{p}"),
            Subject::Asn(a) => write!(f, "{a}"),
            Subject::Interface {
                device: Some(d),
                name,
            } => write!(f, "{d} {name}"),
            Subject::Interface { device: None, name } => f.write_str(name),
            Subject::Vrp {
                prefix,
                max_length,
                asn,
            } => write!(f, "{prefix}-{max_length} {asn}"),
            Subject::PrefixList {
                device: Some(d),
                name,
            } => write!(f, "{d} prefix list {name}"),
            Subject::PrefixList { device: None, name } => write!(f, "prefix list {name}"),
        }
    }
}

/// One rule firing for one subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// What it is about.
    pub subject: Subject,
    /// The AS the finding concerns: a route's origin, a VRP's ASN, else the
    /// operator AS (or customer) the finding is about.
    pub asn: Option<Asn>,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The facts that made the rule fire, one per line.
    pub evidence: Vec<String>,
    /// What to do about it, for this subject.
    pub remedy: String,
    /// When the subject was seen (routes from timestamped inputs).
    pub spans: Vec<Span>,
}

impl Finding {
    /// The rule's action.
    pub fn action(&self) -> Action {
        self.rule.action()
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The subject's prefix, when it has one.
    pub fn prefix(&self) -> Option<Prefix> {
        self.subject.prefix()
    }

    pub(crate) fn sort_key(&self) -> (Rule, &Subject) {
        (self.rule, &self.subject)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}] {}: {}",
            self.severity(),
            self.rule,
            self.subject,
            self.message
        )
    }
}
