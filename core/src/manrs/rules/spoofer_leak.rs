#![doc = include_str!("spoofer_leak.md")]

use super::RuleResult;
use crate::manrs::context::Context;

pub(crate) fn check(_cx: &Context) -> RuleResult {
    Err("TEMP".to_owned())
}
