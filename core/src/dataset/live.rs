//! A [`Dataset`] kept current from an RPKI-to-Router cache (feature `rtr`,
//! host only; RFC 8210, draft-ietf-sidrops-8210bis for version 2 with
//! ASPA).
//!
//! [`LiveDataset::start`] runs a [`Client`] on a background thread. After
//! each End of Data it builds a new [`Dataset`] from the base one with the
//! cache's payloads ([`Dataset::with_payloads`]: the base's SLURM applied,
//! every other input shared) and swaps it in whole: a reader holding
//! [`LiveDataset::dataset`] keeps a consistent snapshot, never half an
//! update. Until the first End of Data (and after the data expired) the
//! dataset is the base one, whose origin validation says "no RPKI data"
//! unless the base had its own VRPs.
//!
//! ```no_run
//! use std::time::Duration;
//! use routeguard::dataset::{live::LiveDataset, Dataset};
//! use routeguard::net::rtr::client::ClientOptions;
//! let base = Dataset::builder().build()?;
//! let live = LiveDataset::start("rtr.example.net:323", ClientOptions::default(), base)?;
//! let status = live.wait_update(0, Some(Duration::from_secs(30))).ok_or("no data in 30 s")?;
//! let ds = live.dataset();
//! let p = "192.0.2.0/24".parse()?;
//! println!("serial {:?}: {:?}", status.serial, ds.validate(&p, Some(routeguard::Asn::new(64500))));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::net::SocketAddr;
use std::ops::ControlFlow;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Dataset;
use crate::index::RovIndex;
use crate::net::rtr::client::{Client, ClientError, ClientOptions, Notice, StopHandle};
use crate::net::rtr::session::PayloadSet;

/// What the live dataset knows of its cache.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LiveStatus {
    /// Datasets published so far (End of Data applied, or data expired);
    /// 0 before the first.
    pub generation: u64,
    /// Whether a connection is up.
    pub connected: bool,
    /// The address of the cache connected to last.
    pub peer: Option<SocketAddr>,
    /// The protocol version of the last End of Data.
    pub version: Option<u8>,
    /// The session id of the data held.
    pub session: Option<u16>,
    /// The serial of the data held.
    pub serial: Option<u32>,
    /// Whether the last update was a full reset.
    pub reset: bool,
    /// Records announced by the last update.
    pub announced: usize,
    /// Records withdrawn by the last update.
    pub withdrawn: usize,
    /// Whether the data expired (no update for the expire interval): the
    /// dataset is the base one until the next update.
    pub expired: bool,
    /// The cache's text when it had no data (Error Report code 2).
    pub no_data: Option<String>,
    /// The last failure, until the next update.
    pub last_error: Option<ClientError>,
    /// Whether the client has stopped ([`LiveDataset::stop`]).
    pub stopped: bool,
}

#[derive(Debug)]
struct Inner {
    dataset: Arc<Dataset>,
    status: LiveStatus,
}

#[derive(Debug)]
struct Shared {
    inner: Mutex<Inner>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, f: impl FnOnce(&mut Inner)) {
        f(&mut self.lock());
        self.changed.notify_all();
    }
}

/// A dataset that follows an RTR cache (see the module doc). Dropping it
/// stops the client and joins its thread.
#[derive(Debug)]
pub struct LiveDataset {
    shared: Arc<Shared>,
    stop: StopHandle,
    thread: Option<JoinHandle<()>>,
}

impl LiveDataset {
    /// Starts following the cache at `server` (`host:port`) on a new
    /// thread, publishing `base` with the cache's payloads (a `Dataset` or
    /// a shared `Arc<Dataset>`). Fails only when the thread cannot be
    /// spawned; connection failures are retried with backoff and show in
    /// [`LiveDataset::status`].
    pub fn start(
        server: &str,
        options: ClientOptions,
        base: impl Into<Arc<Dataset>>,
    ) -> Result<LiveDataset, ClientError> {
        let base: Arc<Dataset> = base.into();
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                dataset: Arc::clone(&base),
                status: LiveStatus::default(),
            }),
            changed: Condvar::new(),
        });
        let mut client = Client::new(server, options);
        let stop = client.stop_handle();
        let sh = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("routeguard-rtr".into())
            .spawn(move || {
                let _ = client.run(|n| {
                    publish(&sh, &base, n);
                    ControlFlow::Continue(())
                });
                sh.update(|i| {
                    i.status.stopped = true;
                    i.status.connected = false;
                });
            })
            .map_err(|e| ClientError::Io {
                kind: e.kind(),
                message: format!("cannot start the RTR thread: {e}"),
            })?;
        Ok(LiveDataset {
            shared,
            stop,
            thread: Some(thread),
        })
    }

    /// The current dataset: a consistent snapshot that later updates do
    /// not change.
    pub fn dataset(&self) -> Arc<Dataset> {
        Arc::clone(&self.shared.lock().dataset)
    }

    /// The client's state now.
    pub fn status(&self) -> LiveStatus {
        self.shared.lock().status.clone()
    }

    /// Waits until a dataset newer than generation `after` is published
    /// (`0` waits for the first), the client stops, or `timeout` passes
    /// (`None`: no limit). Returns the status then, or `None` on timeout.
    pub fn wait_update(&self, after: u64, timeout: Option<Duration>) -> Option<LiveStatus> {
        let end = timeout.map(|t| Instant::now() + t);
        let mut g = self.shared.lock();
        loop {
            if g.status.generation > after || g.status.stopped {
                return Some(g.status.clone());
            }
            g = match end {
                None => self
                    .shared
                    .changed
                    .wait(g)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(end) => {
                    let left = end.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return None;
                    }
                    self.shared
                        .changed
                        .wait_timeout(g, left)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
            };
        }
    }

    /// Stops the client and waits for its thread (idempotent). The last
    /// dataset stays readable.
    pub fn stop(&mut self) {
        self.stop.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for LiveDataset {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Dataset {
    /// This dataset with an RTR client's payloads (feature `rtr`): what
    /// [`LiveDataset`] publishes at each End of Data. Like
    /// [`Dataset::with_payloads`] of [`PayloadSet::to_vrp_set`], except
    /// that without SLURM the payload list and the origin-validation index
    /// are built at once on two threads (the index from the payloads' keys
    /// in the same order, [`RovIndex::from_keys`]), so a reader never waits
    /// for the index; with SLURM the index needs the filtered list and is
    /// built on first use.
    pub fn with_rtr_payloads(&self, payloads: &PayloadSet) -> Dataset {
        if self.slurm.is_some() {
            return self.with_payloads(payloads.to_vrp_set());
        }
        let (set, index) = crate::util::par::join(
            || payloads.to_vrp_set(),
            || RovIndex::from_keys(payloads.origins().map(|o| (o.prefix, o.max_length, o.asn))),
        );
        let ds = self.with_payloads(set);
        let _ = ds.rov.set(Arc::new(index));
        ds
    }
}

/// Turns one client notice into the shared state.
fn publish(shared: &Shared, base: &Arc<Dataset>, notice: Notice<'_>) {
    match notice {
        Notice::Connected { peer, version } => shared.update(|i| {
            i.status.connected = true;
            i.status.peer = Some(peer);
            i.status.version.get_or_insert(version);
        }),
        Notice::Updated { delta, payloads } => {
            // Built outside the lock: readers keep the old snapshot
            // meanwhile.
            let ds = Arc::new(base.with_rtr_payloads(payloads));
            // The snapshot replaced is freed here, outside the lock, unless
            // a reader still holds it.
            let mut old = None;
            shared.update(|i| {
                old = Some(std::mem::replace(&mut i.dataset, ds));
                let s = &mut i.status;
                s.generation += 1;
                s.connected = true;
                s.version = Some(delta.version);
                s.session = Some(delta.session);
                s.serial = Some(delta.serial.into());
                s.reset = delta.reset;
                s.announced = delta.announce.len();
                s.withdrawn = delta.withdraw.len();
                s.expired = false;
                s.no_data = None;
                s.last_error = None;
            });
            drop(old);
        }
        Notice::NoData { text } => shared.update(|i| i.status.no_data = Some(text.to_owned())),
        Notice::Expired => shared.update(|i| {
            i.dataset = Arc::clone(base);
            i.status.generation += 1;
            i.status.expired = true;
            i.status.session = None;
            i.status.serial = None;
        }),
        Notice::Disconnected { error, .. } => shared.update(|i| {
            i.status.connected = false;
            i.status.last_error = Some(error.clone());
        }),
    }
}
