//! MANRS evaluation: judges a network operator on the four MANRS actions
//! for network operators (Filtering, Anti-spoofing, Coordination, Global
//! validation; MANRS Network Implementation Guide 2023, RIPE-706) from the
//! data of a [`Dataset`](crate::Dataset) and the routes seen from outside, explains every
//! finding, computes the MANRS Observatory's metrics (M3, M4, M5, M7IRR,
//! M7RPKI, incidents), CAIDA's conformance tests (Du et al., "Mind Your
//! MANRS", IMC 2022), a readiness label per action, and the fix.
//!
//! The walk: [`RouteTable`] gathers distinct (prefix, origin) routes with
//! their paths and time spans; [`check`] sorts them into the operator's own
//! and customer routes (the [`Operator`] and the dataset's AS relationships
//! say who is a customer), runs every [`Rule`] (one module each in
//! [`rules`], with What / Why / Evidence / Remedy docs), and returns a
//! [`Report`]: findings, each rule's outcome (a rule whose data is missing
//! is *not evaluated*, never passed), [`Metrics`], per-action summaries and
//! the remedy artifacts ([`Remedies`]). [`observatory`] scores every origin
//! AS of a table at once. `render::manrs` turns reports into JSON,
//! Markdown, HTML and text, and remedies into files.
//!
//! ```
//! use routeguard::dataset::{Dataset, Input};
//! use routeguard::manrs::{self, Operator, Options, RouteFilter, RouteTable, Rule};
//! use routeguard::{AsPath, Asn};
//! let vrps = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! let ds = Dataset::builder().vrps(Input::text("vrps.csv", vrps)).build().unwrap();
//! let op = Operator::new([Asn::new(64501)]);
//! let mut routes = RouteTable::new(RouteFilter::through(&op.asns));
//! routes.announce("192.0.2.0/24".parse().unwrap(), &AsPath::parse("3356 64501").unwrap(), None, None);
//! let report = manrs::check(&ds, &op, &routes.finish(), &Options::default()).unwrap();
//! assert_eq!(report.findings[0].rule, Rule::OwnRpkiInvalid);
//! assert_eq!(report.metrics.m7rpki, Some(0.0));
//! assert!(!report.conformant());
//! ```

mod context;
mod finding;
mod metrics;
mod observatory;
mod remedy;
mod report;
mod routes;
mod rule;
pub mod rules;

pub use finding::{Finding, Subject};
pub use metrics::{Incidents, Metrics, Readiness, Thresholds};
pub use observatory::{observatory, ObservatoryRow};
pub use remedy::{AutNumSkeleton, Remedies, RoaSuggestion};
pub use report::{
    check, ActionSummary, Operator, Options, Outcome, Report, RouterConfig, RouterFilter,
    RuleOutcome, SCHEMA,
};
pub use routes::{merge_spans, RouteEntry, RouteFilter, RouteTable, Span, MAX_PATHS_PER_ROUTE};
pub use rule::{Action, Rule, Severity, SubjectKind};

/// Errors of the MANRS evaluation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ManrsError {
    /// No operator ASN was given.
    #[error("no operator ASN given (--asn)")]
    NoOperator,
    /// An as-set name that is not one.
    #[error("{0:?} is not an as-set name")]
    BadAsSet(String),
}

impl ManrsError {
    /// A stable code per variant.
    pub fn code(&self) -> &'static str {
        match self {
            ManrsError::NoOperator => "manrs-no-operator",
            ManrsError::BadAsSet(_) => "manrs-bad-as-set",
        }
    }
}
