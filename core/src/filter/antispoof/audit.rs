//! The audit of parsed router configurations (`parse::device`) for source
//! address validation (BCP 84, RFC 3704 §2.2: strict uRPF on single-homed
//! customer interfaces; MANRS Action 2): which customer-facing interfaces
//! lack uRPF, or have only a loose (or feasible-path) one.
//!
//! ```
//! use routeguard::filter::antispoof::audit::{audit, AuditProblem};
//! use routeguard::parse::device::{parse_device_config, ConfigDialect};
//! let cfg = parse_device_config(
//!     b"interface Gi0/1\n ip address 192.0.2.1 255.255.255.252\n ip verify unicast source reachable-via any\n",
//!     ConfigDialect::Ios,
//! ).unwrap();
//! let found = audit(&cfg, &["Gi0/1".to_owned(), "Gi0/2".to_owned()]);
//! assert_eq!(found.len(), 2);
//! assert!(matches!(found[0].problem, AuditProblem::NotStrict(_)));
//! assert_eq!(found[0].line, Some(3));
//! assert_eq!(found[1].problem, AuditProblem::NotFound);
//! ```

use std::fmt;

use crate::model::Family;
use crate::parse::device::{DeviceConfig, InterfaceConfig};
use crate::parse::sav::UrpfMode;

/// What is wrong with an interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AuditProblem {
    /// The interface is not in the configuration.
    NotFound,
    /// Neither IPv4 nor IPv6 is configured on it.
    NoAddressFamily,
    /// The family has no uRPF.
    Missing,
    /// The family's uRPF is not strict (loose, or feasible-path).
    NotStrict(UrpfMode),
}

impl AuditProblem {
    /// A stable code: `interface-not-found`, `no-address-family`,
    /// `urpf-missing`, `urpf-not-strict`.
    pub fn code(self) -> &'static str {
        match self {
            AuditProblem::NotFound => "interface-not-found",
            AuditProblem::NoAddressFamily => "no-address-family",
            AuditProblem::Missing => "urpf-missing",
            AuditProblem::NotStrict(_) => "urpf-not-strict",
        }
    }
}

/// One problem of one interface.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AuditFinding {
    /// The interface as the configuration names it (as asked when it is
    /// not found).
    pub interface: String,
    /// The family concerned (`None` for the whole interface).
    pub family: Option<Family>,
    /// What is wrong.
    pub problem: AuditProblem,
    /// The configuration line that shows it: the uRPF statement or the
    /// family's first line; the interface's first line for
    /// [`AuditProblem::NoAddressFamily`]; `None` when not found.
    pub line: Option<usize>,
}

impl fmt::Display for AuditFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fam = match self.family {
            Some(Family::V4) => " IPv4",
            Some(Family::V6) => " IPv6",
            None => "",
        };
        match self.problem {
            AuditProblem::NotFound => {
                write!(f, "{}: not in the configuration", self.interface)
            }
            AuditProblem::NoAddressFamily => write!(
                f,
                "{}: no IPv4 or IPv6 configured (line {})",
                self.interface,
                self.line.unwrap_or(0)
            ),
            AuditProblem::Missing => write!(
                f,
                "{}:{fam} has no uRPF (line {})",
                self.interface,
                self.line.unwrap_or(0)
            ),
            AuditProblem::NotStrict(m) => write!(
                f,
                "{}:{fam} uRPF is {m}, not strict (line {})",
                self.interface,
                self.line.unwrap_or(0)
            ),
        }
    }
}

/// Audits `interfaces` of `config` (names as [`DeviceConfig::find`] reads
/// them; when empty, every interface with IPv4 or IPv6 configured): one
/// finding per configured family without strict uRPF, per interface
/// missing from the configuration and per interface with no address
/// family. Sorted by interface, then family.
pub fn audit(config: &DeviceConfig, interfaces: &[String]) -> Vec<AuditFinding> {
    let mut out = Vec::new();
    if interfaces.is_empty() {
        for i in config
            .interfaces
            .iter()
            .filter(|i| i.ipv4.is_some() || i.ipv6.is_some())
        {
            audit_one(i, &mut out);
        }
    } else {
        let mut seen = std::collections::BTreeSet::new();
        for name in interfaces {
            match config.find(name) {
                Some(i) => {
                    if seen.insert(i.name.as_str()) {
                        audit_one(i, &mut out);
                    }
                }
                None => out.push(AuditFinding {
                    interface: name.clone(),
                    family: None,
                    problem: AuditProblem::NotFound,
                    line: None,
                }),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The findings of one configured interface.
pub fn audit_interface(i: &InterfaceConfig) -> Vec<AuditFinding> {
    let mut out = Vec::new();
    audit_one(i, &mut out);
    out
}

fn audit_one(i: &InterfaceConfig, out: &mut Vec<AuditFinding>) {
    if i.ipv4.is_none() && i.ipv6.is_none() {
        out.push(AuditFinding {
            interface: i.name.clone(),
            family: None,
            problem: AuditProblem::NoAddressFamily,
            line: Some(i.line),
        });
        return;
    }
    for family in [Family::V4, Family::V6] {
        let Some(fc) = i.family(family) else {
            continue;
        };
        let problem = match fc.urpf {
            UrpfMode::Strict => continue,
            UrpfMode::None => AuditProblem::Missing,
            m => AuditProblem::NotStrict(m),
        };
        out.push(AuditFinding {
            interface: i.name.clone(),
            family: Some(family),
            problem,
            line: Some(fc.line),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::device::{parse_device_config, ConfigDialect};

    #[test]
    fn junos_audit() {
        let cfg = parse_device_config(
            b"set interfaces xe-0/0/1 unit 0 family inet rpf-check\n\
set interfaces xe-0/0/1 unit 0 family inet6 address 2001:db8::1/64\n\
set interfaces xe-0/0/2 unit 5 family inet rpf-check mode loose\n\
set interfaces xe-0/0/3 unit 0 family mpls\n\
set interfaces lo0 unit 0 family inet address 10.0.0.1/32\n",
            ConfigDialect::Junos,
        )
        .unwrap();
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let f = audit(
            &cfg,
            &names(&["xe-0/0/1", "xe-0/0/2.5", "xe-0/0/3", "xe-9/9/9"]),
        );
        let got: Vec<String> = f.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            got,
            [
                "xe-0/0/1.0: IPv6 has no uRPF (line 2)",
                "xe-0/0/2.5: IPv4 uRPF is loose, not strict (line 3)",
                "xe-0/0/3.0: no IPv4 or IPv6 configured (line 4)",
                "xe-9/9/9: not in the configuration",
            ]
        );
        assert_eq!(f[1].problem.code(), "urpf-not-strict");
        // No list: every interface with a family.
        let all = audit(&cfg, &[]);
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].interface, "lo0.0");
    }
}
