//! Independent pieces of work (one input file each) spread over the machine's cores.
//! Results come back in input order, and the error reported is the one of the first
//! failing item in that order, so a run fails the same way whatever the scheduling.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// The cores available to this process: the default number of worker threads.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `f` over every item, on up to `threads` threads. Items are started in input order
/// and none after a failure, so every item before a failing one has run.
pub fn map<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    f: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let slots: Vec<Mutex<Option<Result<R>>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while !failed.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    if result.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                }
            });
        }
    });
    let mut done = Vec::with_capacity(items.len());
    let mut missing = false;
    for slot in slots {
        match slot.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(Ok(r)) => done.push(r),
            Some(Err(e)) => return Err(e),
            None => missing = true,
        }
    }
    if missing {
        return Err(Error::Invariant(
            "a parallel task neither ran nor failed".into(),
        ));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::Duration;

    #[test]
    fn results_in_input_order() {
        let items: Vec<u64> = (0..100).collect();
        // Early items finish last, so an order of completion would not pass.
        let squares = map(4, &items, |&i| {
            if i < 3 {
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(i * i)
        })
        .expect("map");
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
    }

    #[test]
    fn first_failure_in_input_order_is_reported() {
        let items: Vec<u64> = (0..50).collect();
        // Item 7 fails last in time: another thread reaches item 30 and fails first.
        let err = map(2, &items, |&i| {
            if i == 7 {
                std::thread::sleep(Duration::from_millis(200));
            }
            if i == 7 || i == 30 {
                Err(Error::Invariant(format!("item {i}")))
            } else {
                Ok(i)
            }
        })
        .expect_err("fails");
        assert_eq!(
            err.to_string(),
            Error::Invariant("item 7".into()).to_string()
        );
    }
}
