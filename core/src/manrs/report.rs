//! The evaluation's entry point and its result.

use super::context::Context;
use super::finding::Finding;
use super::metrics::{self, Metrics, Readiness, Thresholds};
use super::remedy::{self, Remedies};
use super::routes::RouteTable;
use super::rule::{Action, Rule};
use super::rules;
use super::ManrsError;
use crate::dataset::Dataset;
use crate::model::Asn;
use crate::parse::device::DeviceConfig;
use crate::parse::prefix_list::{parse_prefix_list, PrefixList, PrefixListFormat};
use crate::parse::ParseError;

/// The version of the report's shape; the JSON report's `schema`. A new
/// key is no new version; a key removed or changed in meaning is.
pub const SCHEMA: &str = "routeguard-manrs/1";

/// The network judged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operator {
    /// Its ASNs (`--asn`, repeatable), sorted, deduplicated.
    pub asns: Vec<Asn>,
    /// Its customer as-set (`--as-set`); when `None`, the PeeringDB
    /// `irr_as_set` of its net is used.
    pub as_set: Option<String>,
    /// Customers beyond the AS relationships (`--customer`), sorted.
    pub customers: Vec<Asn>,
    /// Router configurations read for their uRPF settings
    /// (`--router-config`), used by `anti-spoofing/no-sav`.
    pub routers: Vec<RouterConfig>,
    /// Prefix lists taken from the operator's routers, each with the
    /// customer it filters (`filtering/customer-filter-mismatch`).
    pub router_filters: Vec<RouterFilter>,
}

/// One router's parsed configuration and its single-homed customer
/// interfaces, for `anti-spoofing/no-sav`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouterConfig {
    /// The router's name; `None`: the configuration's host name.
    pub device: Option<String>,
    /// The parsed configuration ([`crate::parse::device`]).
    pub config: DeviceConfig,
    /// Interfaces facing single-homed customers, which should have strict
    /// uRPF. The facts file's single-homed interfaces on this router are
    /// judged too.
    pub customer_interfaces: Vec<String>,
}

impl RouterConfig {
    /// A router from its configuration and customer interfaces.
    pub fn new(
        config: DeviceConfig,
        customer_interfaces: impl IntoIterator<Item = String>,
    ) -> Self {
        RouterConfig {
            device: None,
            config,
            customer_interfaces: customer_interfaces.into_iter().collect(),
        }
    }

    /// Names the router.
    pub fn with_device(mut self, device: impl Into<String>) -> Self {
        self.device = Some(device.into());
        self
    }

    /// The router's name: [`device`](Self::device), else the
    /// configuration's host name.
    pub fn name(&self) -> Option<&str> {
        self.device.as_deref().or(self.config.hostname.as_deref())
    }
}

/// A prefix list taken from a router and the customer it should admit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouterFilter {
    /// The customer: an ASN (`AS64500`) or an as-set whose route objects
    /// make the expected list.
    pub customer: String,
    /// The router, when known.
    pub device: Option<String>,
    /// The list as read.
    pub list: PrefixList,
}

impl Operator {
    /// An operator with these ASNs.
    pub fn new(asns: impl IntoIterator<Item = Asn>) -> Self {
        let mut asns: Vec<Asn> = asns.into_iter().collect();
        asns.sort_unstable();
        asns.dedup();
        Operator {
            asns,
            ..Operator::default()
        }
    }

    /// Names the customer as-set.
    pub fn with_as_set(mut self, name: impl Into<String>) -> Self {
        self.as_set = Some(name.into());
        self
    }

    /// Adds customers.
    pub fn with_customers(mut self, customers: impl IntoIterator<Item = Asn>) -> Self {
        self.customers.extend(customers);
        self.customers.sort_unstable();
        self.customers.dedup();
        self
    }

    /// Adds a router configuration.
    pub fn with_router(mut self, router: RouterConfig) -> Self {
        self.routers.push(router);
        self
    }

    /// Adds every list of a router's prefix-list text (in `format`, or
    /// sniffed) as filters of `customer` (an ASN or an as-set) on `device`.
    pub fn with_router_filters(
        mut self,
        text: &[u8],
        format: Option<PrefixListFormat>,
        customer: &str,
        device: Option<&str>,
    ) -> Result<Self, ParseError> {
        let lists = parse_prefix_list(text, format)?;
        self.router_filters
            .extend(lists.lists.into_iter().map(|list| RouterFilter {
                customer: customer.trim().to_owned(),
                device: device.map(str::to_owned),
                list,
            }));
        Ok(self)
    }

    /// Whether `asn` is one of the operator's.
    pub fn is_operator(&self, asn: Asn) -> bool {
        self.asns.binary_search(&asn).is_ok()
    }
}

/// How to evaluate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Score thresholds of the readiness labels.
    pub thresholds: Thresholds,
}

/// What became of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The rule ran; this many findings.
    Evaluated {
        /// Its findings.
        findings: usize,
    },
    /// The data the rule needs was not given.
    NotEvaluated {
        /// What is missing, and how to give it.
        reason: String,
    },
}

/// A rule and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleOutcome {
    /// The rule.
    pub rule: Rule,
    /// Its outcome.
    pub outcome: Outcome,
}

impl RuleOutcome {
    /// Whether the rule ran.
    pub fn evaluated(&self) -> bool {
        matches!(self.outcome, Outcome::Evaluated { .. })
    }
}

/// One action's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionSummary {
    /// The action.
    pub action: Action,
    /// Whether any of its rules ran.
    pub evaluated: bool,
    /// Whether the operator conforms (see [`Report::actions`]); `None`
    /// when not evaluated.
    pub conformant: Option<bool>,
    /// A score, 0–100; `None` when not evaluated.
    pub score: Option<f64>,
    /// The readiness label of the score.
    pub readiness: Option<Readiness>,
    /// How the score was computed, for people.
    pub basis: String,
    /// Findings of the action by severity: errors, warnings, infos.
    pub counts: [usize; 3],
}

/// The result of [`check`].
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The operator judged.
    pub operator: Operator,
    /// The customer as-set used (given, or PeeringDB's), if any.
    pub as_set: Option<String>,
    /// Every finding, sorted by rule, then subject.
    pub findings: Vec<Finding>,
    /// Every rule, in [`Rule::ALL`] order, with its outcome.
    pub rules: Vec<RuleOutcome>,
    /// The metrics.
    pub metrics: Metrics,
    /// One summary per action, in MANRS order. Conformance: Action 1,
    /// no `customer-rpki-invalid` or `customer-unregistered` finding
    /// (CAIDA); Action 2, no finding of its rules; Action 3, each operator
    /// ASN has a contact in PeeringDB or in the IRR; Action 4, at least
    /// 90 % of own routes IRR-registered or RPKI valid (CAIDA).
    pub actions: Vec<ActionSummary>,
    /// What to create or change.
    pub remedies: Remedies,
    /// Routes judged: distinct own routes, customer routes, all kept.
    pub routes: [usize; 3],
}

impl Report {
    /// Whether every evaluated action conforms (the CLI's exit 0).
    pub fn conformant(&self) -> bool {
        self.actions.iter().all(|a| a.conformant != Some(false))
    }

    /// The summary of one action.
    pub fn action(&self, action: Action) -> Option<&ActionSummary> {
        self.actions.iter().find(|a| a.action == action)
    }

    /// The outcome of one rule.
    pub fn outcome(&self, rule: Rule) -> Option<&Outcome> {
        self.rules
            .iter()
            .find(|r| r.rule == rule)
            .map(|r| &r.outcome)
    }

    /// The findings of one rule.
    pub fn findings_of(&self, rule: Rule) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

/// Judges `operator` on the four MANRS actions, from the dataset and the
/// routes seen (a [`RouteTable`] after [`RouteTable::finish`]).
pub fn check(
    ds: &Dataset,
    operator: &Operator,
    routes: &RouteTable,
    opts: &Options,
) -> Result<Report, ManrsError> {
    if operator.asns.is_empty() {
        return Err(ManrsError::NoOperator);
    }
    let mut cx = Context::new(ds, operator, routes);
    cx.as_set = rules::customer_as_set(&cx);
    let mut findings = Vec::new();
    let mut outcomes = Vec::with_capacity(Rule::ALL.len());
    for &rule in Rule::ALL {
        let outcome = match rules::run(rule, &cx) {
            Ok(mut f) => {
                let n = f.len();
                findings.append(&mut f);
                Outcome::Evaluated { findings: n }
            }
            Err(reason) => Outcome::NotEvaluated { reason },
        };
        outcomes.push(RuleOutcome { rule, outcome });
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let metrics = metrics::compute(&cx, &findings, &outcomes);
    let actions = metrics::summarize(&cx, &findings, &outcomes, &metrics, &opts.thresholds);
    let remedies = remedy::plan(&cx, &findings);
    Ok(Report {
        operator: operator.clone(),
        as_set: cx.as_set.clone(),
        findings,
        rules: outcomes,
        metrics,
        actions,
        remedies,
        routes: [cx.own.len(), cx.customer.len(), routes.len()],
    })
}
