//! Galloping (exponential) search: `partition_point` for a boundary that
//! is usually near the start of the slice, in O(log d) steps for a
//! boundary at distance d, touching only the front of the slice.

/// The index of the first element for which `pred` is false, as
/// `slice::partition_point` (the slice must be partitioned by `pred`),
/// found by doubling a window from the start, then a binary search in it.
pub(crate) fn gallop<T>(v: &[T], mut pred: impl FnMut(&T) -> bool) -> usize {
    let mut step = 1;
    while v.get(step - 1).is_some_and(&mut pred) {
        step *= 2;
    }
    let from = step / 2;
    let window = v.get(from..step.min(v.len())).unwrap_or(&[]);
    from + window.partition_point(pred)
}

#[cfg(test)]
mod tests {
    use super::gallop;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_partition_point(mut v in proptest::collection::vec(0u16..50, 0..300), x in 0u16..55) {
            v.sort_unstable();
            prop_assert_eq!(gallop(&v, |&e| e < x), v.partition_point(|&e| e < x));
            prop_assert_eq!(gallop(&v, |&e| e <= x), v.partition_point(|&e| e <= x));
        }
    }
}
