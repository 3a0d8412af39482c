#![doc = include_str!("no_peeringdb.md")]

use super::RuleResult;
use crate::manrs::context::Context;

pub(crate) fn check(_cx: &Context) -> RuleResult {
    Err("TEMP".to_owned())
}
