//! Two-way fork-join for the few stages whose halves are independent (a
//! prefix tree's two subtrees, the two halves of a printed list): on two
//! threads where the platform has them and more than one core is
//! available, one after the other otherwise (wasm32, one core, or a thread
//! that cannot be started). Callers get the same result either way.

use std::sync::Mutex;

/// Whether [`join`] may use a second thread here.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        false
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        static CORES: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *CORES.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
    }
}

/// Runs `a` on this thread and `b` on a second one when [`available`],
/// and returns both results; runs them in turn otherwise. A panic in `b`
/// is resumed here.
pub(crate) fn join<RA, RB>(a: impl FnOnce() -> RA, b: impl FnOnce() -> RB + Send) -> (RA, RB)
where
    RB: Send,
{
    if !available() {
        return (a(), b());
    }
    // `b` stays reachable if the thread cannot be started.
    let slot = Mutex::new(Some(b));
    let take = || slot.lock().ok().and_then(|mut s| s.take());
    std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, || take().map(|b| b()));
        let ra = a();
        let rb = match other.map(|h| h.join()) {
            Ok(Ok(Some(rb))) => Some(rb),
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Ok(Ok(None)) | Err(_) => None,
        };
        match rb {
            Some(rb) => (ra, rb),
            None => match take() {
                Some(b) => (ra, b()),
                // Unreachable: the thread ran `b` or never took it.
                None => std::panic::resume_unwind(Box::new("par::join lost its second task")),
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn both_results_in_order() {
        let v: Vec<u64> = (0..10_000).collect();
        let (lo, hi) = v.split_at(5_000);
        let (a, b) = join(|| lo.iter().sum::<u64>(), || hi.iter().sum::<u64>());
        assert_eq!((a, b), ((0..5_000).sum(), (5_000..10_000).sum()));
    }

    #[test]
    fn a_mutable_borrow_on_each_side() {
        let mut x = vec![1u8; 4];
        let mut y = vec![2u8; 4];
        join(|| x.push(3), || y.push(4));
        assert_eq!((x.len(), y.len()), (5, 5));
    }

    #[test]
    fn a_panic_in_the_second_reaches_the_caller() {
        let r = std::panic::catch_unwind(|| join(|| 1, || -> u8 { panic!("second") }));
        assert!(r.is_err());
    }
}
