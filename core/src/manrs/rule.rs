//! The MANRS rules, actions and severities as word enums with stable
//! spellings (the JSON report's `rule`, `action` and `severity`).

use std::fmt;
use std::str::FromStr;

use crate::model::UnknownWord;

/// The four MANRS actions for network operators (MANRS Network
/// Implementation Guide, 2023; RIPE-706).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Action {
    /// Action 1, required: correct announcements; customer filters.
    Filtering,
    /// Action 2, recommended: source address validation.
    AntiSpoofing,
    /// Action 3, required: reachable contacts.
    Coordination,
    /// Action 4, required: published routing information (IRR, RPKI).
    GlobalValidation,
}

impl Action {
    /// Every action, in MANRS order.
    pub const ALL: [Action; 4] = [
        Action::Filtering,
        Action::AntiSpoofing,
        Action::Coordination,
        Action::GlobalValidation,
    ];

    /// `filtering`, `anti-spoofing`, `coordination`, `global-validation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Filtering => "filtering",
            Action::AntiSpoofing => "anti-spoofing",
            Action::Coordination => "coordination",
            Action::GlobalValidation => "global-validation",
        }
    }

    /// The action's number (1–4).
    pub fn number(self) -> u8 {
        match self {
            Action::Filtering => 1,
            Action::AntiSpoofing => 2,
            Action::Coordination => 3,
            Action::GlobalValidation => 4,
        }
    }

    /// The action's name as MANRS writes it (`Filtering`, …).
    pub fn title(self) -> &'static str {
        match self {
            Action::Filtering => "Filtering",
            Action::AntiSpoofing => "Anti-spoofing",
            Action::Coordination => "Coordination",
            Action::GlobalValidation => "Global validation",
        }
    }

    /// Whether MANRS participation requires the action (1, 3 and 4).
    pub fn required(self) -> bool {
        self != Action::AntiSpoofing
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        Action::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| {
                UnknownWord::new(
                    "MANRS action",
                    s,
                    "filtering, anti-spoofing, coordination, global-validation",
                )
            })
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Advice beyond what MANRS asks.
    Info,
    /// Weakens an action without failing it outright.
    Warning,
    /// Breaks what the action asks.
    Error,
}

impl Severity {
    /// `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| UnknownWord::new("severity", s, "info, warning, error"))
    }
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SubjectKind {
    /// A (prefix, origin) route.
    Route,
    /// A prefix (of a Spoofer test).
    Prefix,
    /// An ASN.
    Asn,
    /// A customer-facing interface.
    Interface,
    /// A VRP (prefix, maxLength, ASN).
    Vrp,
    /// A prefix list taken from a router.
    PrefixList,
}

macro_rules! rules {
    ($( $(#[$m:meta])* $v:ident = $id:literal, $action:ident, $sev:ident, $subject:ident, $file:literal; )*) => {
        /// A MANRS rule. The spelling ([`Rule::as_str`]) is stable: reports,
        /// configurations and tickets name rules by it. Each rule's
        /// documentation (What / Why / Evidence / Remedy) is
        /// [`Rule::doc`], and the module of the same name in
        /// `manrs::rules`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$m])* $v, )*
        }

        impl Rule {
            /// Every rule, in report order.
            pub const ALL: &'static [Rule] = &[$(Rule::$v,)*];

            /// The stable ID, `action/name` (`filtering/own-rpki-invalid`).
            pub fn as_str(self) -> &'static str {
                match self { $(Rule::$v => $id,)* }
            }

            /// The MANRS action the rule belongs to.
            pub fn action(self) -> Action {
                match self { $(Rule::$v => Action::$action,)* }
            }

            /// How serious a finding of this rule is.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$v => Severity::$sev,)* }
            }

            /// What the rule's findings are about.
            pub fn subject_kind(self) -> SubjectKind {
                match self { $(Rule::$v => SubjectKind::$subject,)* }
            }

            /// The rule's documentation, Markdown: a summary line, then
            /// `## What`, `## Why`, `## Evidence` and `## Remedy`.
            pub fn doc(self) -> &'static str {
                match self { $(Rule::$v => include_str!(concat!("rules/", $file, ".md")),)* }
            }
        }
    };
}

rules! {
    /// An own route is RPKI invalid.
    OwnRpkiInvalid = "filtering/own-rpki-invalid", Filtering, Error, Route, "own_rpki_invalid";
    /// An own route has a bogon prefix.
    OwnBogon = "filtering/own-bogon", Filtering, Error, Route, "own_bogon";
    /// A customer route is RPKI invalid.
    CustomerRpkiInvalid = "filtering/customer-rpki-invalid", Filtering, Error, Route, "customer_rpki_invalid";
    /// A customer route is RPKI not-found and not registered in the IRR.
    CustomerUnregistered = "filtering/customer-unregistered", Filtering, Error, Route, "customer_unregistered";
    /// A customer route has a bogon prefix or a bogon ASN right of the operator.
    CustomerBogon = "filtering/customer-bogon", Filtering, Error, Route, "customer_bogon";
    /// The path a customer sent is ASPA invalid (upstream).
    CustomerAspaInvalid = "filtering/customer-aspa-invalid", Filtering, Warning, Route, "customer_aspa_invalid";
    /// The operator sits in a valley of a path (RFC 7908).
    RouteLeak = "filtering/route-leak", Filtering, Error, Route, "route_leak";
    /// A router's customer prefix list differs from the IRR-expected one.
    CustomerFilterMismatch = "filtering/customer-filter-mismatch", Filtering, Warning, PrefixList, "customer_filter_mismatch";
    /// Spoofer tests saw spoofed packets leave an operator prefix.
    SpooferLeak = "anti-spoofing/spoofer-leak", AntiSpoofing, Error, Prefix, "spoofer_leak";
    /// A single-homed stub customer interface lacks SAV.
    NoSav = "anti-spoofing/no-sav", AntiSpoofing, Warning, Interface, "no_sav";
    /// No PeeringDB net for the ASN.
    NoPeeringdb = "coordination/no-peeringdb", Coordination, Warning, Asn, "no_peeringdb";
    /// The PeeringDB net has no usable NOC contact.
    NoPeeringdbContact = "coordination/no-peeringdb-contact", Coordination, Warning, Asn, "no_peeringdb_contact";
    /// The aut-num's contacts resolve to no e-mail.
    NoIrrContact = "coordination/no-irr-contact", Coordination, Warning, Asn, "no_irr_contact";
    /// PeeringDB's irr_as_set names a set absent from the IRR.
    PeeringdbAsSetUnresolved = "coordination/peeringdb-as-set-unresolved", Coordination, Warning, Asn, "peeringdb_as_set_unresolved";
    /// An own route is not registered in the IRR.
    IrrMissing = "global-validation/irr-missing", GlobalValidation, Error, Route, "irr_missing";
    /// An own route is RPKI not-found.
    RoaMissing = "global-validation/roa-missing", GlobalValidation, Warning, Route, "roa_missing";
    /// No aut-num for the ASN.
    NoAutNum = "global-validation/no-aut-num", GlobalValidation, Error, Asn, "no_aut_num";
    /// The aut-num lacks import or export policy.
    AutNumNoPolicy = "global-validation/aut-num-no-policy", GlobalValidation, Warning, Asn, "aut_num_no_policy";
    /// A customer is missing from the customer as-set.
    AsSetMissingCustomer = "global-validation/as-set-missing-customer", GlobalValidation, Warning, Asn, "as_set_missing_customer";
    /// A VRP of the operator has a loose maxLength (RFC 9319).
    RoaLooseMaxlength = "global-validation/roa-loose-maxlength", GlobalValidation, Warning, Vrp, "roa_loose_maxlength";
    /// The operator publishes no ASPA.
    NoAspa = "global-validation/no-aspa", GlobalValidation, Info, Asn, "no_aspa";
}

impl Rule {
    /// One section of [`Rule::doc`] (`What`, `Why`, `Evidence`, `Remedy`),
    /// its paragraphs joined into one line each.
    pub fn doc_section(self, name: &str) -> &'static str {
        let doc = self.doc();
        let head = format!("## {name}\n");
        let Some(start) = doc.find(&head) else {
            return "";
        };
        let body = doc.get(start + head.len()..).unwrap_or_default();
        let end = body.find("\n## ").unwrap_or(body.len());
        body.get(..end).unwrap_or_default().trim()
    }

    /// The summary line of [`Rule::doc`] (without the rule ID).
    pub fn summary(self) -> &'static str {
        let first = self.doc().lines().next().unwrap_or_default();
        first.split_once(": ").map_or(first, |(_, s)| s)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                UnknownWord::new(
                    "MANRS rule",
                    s,
                    "a rule ID such as filtering/own-rpki-invalid",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_docs_have_every_section() {
        for &r in Rule::ALL {
            assert_eq!(r.as_str().parse::<Rule>().unwrap(), r);
            assert!(r.as_str().starts_with(r.action().as_str()), "{r}");
            assert!(
                r.doc().starts_with(&format!("Rule `{}`: ", r.as_str())),
                "{r}"
            );
            for s in ["What", "Why", "Evidence", "Remedy"] {
                assert!(!r.doc_section(s).is_empty(), "{r} lacks {s}");
            }
            assert!(r.doc_section("Why").contains("MANRS"), "{r}");
        }
        assert_eq!(Rule::ALL.len(), 21);
        assert!("filtering/nope".parse::<Rule>().is_err());
        for a in Action::ALL {
            assert_eq!(a.as_str().parse::<Action>().unwrap(), a);
        }
    }
}
