//! The one loop that lays out a batch's documents on every core, used by
//! `issue` (which writes the PDFs), `check` (which only lays them out),
//! `preview`'s proof sheets and `bench` (through `issue`).
//!
//! Plain threads each take the next document when they are free: no round
//! waits for its slowest document, and typst's own parallel steps keep to
//! rayon's pool instead of stealing whole documents onto a busy stack.
//! typst's memo cache is trimmed every [`ROUND`] documents: kept, it grows
//! by about half a megabyte a document; trimmed after each one, the
//! threads queue on its locks.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::render::Renderer;

/// Documents laid out between two trims of typst's cache.
pub const ROUND: usize = 32;

/// Runs `work` on every item of `items` on every core and gives the
/// results in the items' order. `stop` is asked before each item (a full
/// disk ends the batch early; the items not reached give `None`), and
/// `done` is told after each (a progress bar).
pub fn each<T: Sync, R: Send + Sync>(
    renderer: &Renderer,
    items: &[T],
    stop: &(dyn Fn() -> bool + Sync),
    done: &(dyn Fn() + Sync),
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let results: Vec<OnceLock<R>> = items.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let run = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= items.len() || stop() {
                break;
            }
            let _ = results[i].set(work(&items[i]));
            done();
            if finished.fetch_add(1, Ordering::Relaxed) % ROUND == ROUND - 1 {
                renderer.end_round();
            }
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..crate::render::threads().min(items.len()))
            .map(|n| {
                std::thread::Builder::new()
                    .name(format!("intyg-render-{n}"))
                    .stack_size(crate::render::STACK_SIZE)
                    .spawn_scoped(scope, run)
            })
            .collect();
        // A thread the system refuses leaves its share to the others; with
        // none at all, this thread does the work.
        if workers.iter().all(Result::is_err) {
            run();
        }
    });
    results.into_iter().map(OnceLock::into_inner).collect()
}
