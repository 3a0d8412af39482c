#![doc = include_str!("peeringdb_as_set_unresolved.md")]

use super::RuleResult;
use crate::manrs::context::Context;

pub(crate) fn check(_cx: &Context) -> RuleResult {
    Err("TEMP".to_owned())
}

pub(crate) fn first_set_name(_cx: &Context) -> Option<String> {
    None
}
