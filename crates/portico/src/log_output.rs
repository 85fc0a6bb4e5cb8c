//! Where the server's log lines go: into memory, and from there to standard output in batches.
//!
//! The server logs one line per request. Written straight to standard output, each line was
//! a `write` call under the standard-output lock: at tens of thousands of cached pages a
//! second, a quarter of the server's CPU and a lock the worker threads queued on. Here a line
//! is copied into a shared buffer, and a thread writes whatever has gathered every
//! [`FLUSH_EVERY`], in one call. A logging thread woken per line (a channel) would move the
//! system calls, not save them.
//!
//! Commands other than `serve` write their lines at once: they print results on standard
//! output too, and those must come after the lines that led to them.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long a line may wait in memory before it is written.
pub const FLUSH_EVERY: Duration = Duration::from_millis(50);

/// A writer that holds more than this writes it out itself, so memory stays bounded when
/// standard output cannot keep up.
const MOST_HELD: usize = 1 << 20;

#[derive(Default)]
struct Held {
    lines: Vec<u8>,
    stopping: bool,
}

struct Shared {
    held: Mutex<Held>,
    stop: Condvar,
    /// Standard output, or a test's buffer. Taken before what is held, so that batches are
    /// written in the order they were gathered.
    sink: Mutex<Box<dyn Write + Send>>,
}

/// Locks a mutex whose data stays good after a panic elsewhere: plain bytes, whole lines.
fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn held(&self) -> MutexGuard<'_, Held> {
        lock(&self.held)
    }

    /// Writes out what is held; `spare` is the emptied buffer of the last round, reused.
    fn write_out(&self, spare: &mut Vec<u8>) {
        let mut sink = lock(&self.sink);
        std::mem::swap(&mut self.held().lines, spare);
        if !spare.is_empty() {
            // Nowhere to report a failure to write the log: the lines are dropped, as a full
            // pipe's reader would lose them anyway.
            let _ = sink.write_all(spare).and_then(|()| sink.flush());
            spare.clear();
        }
    }
}

/// Log lines bound for standard output; clones share one buffer. Give it to
/// `tracing_subscriber::fmt().with_writer(…)` as `move || output.clone()`.
#[derive(Clone)]
pub struct BatchedStdout(Arc<Shared>);

/// Writes the last lines when dropped: keep it until the program ends.
pub struct Flusher {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BatchedStdout {
    /// The writer, and the thread that empties it (its guard).
    pub fn start() -> std::io::Result<(BatchedStdout, Flusher)> {
        Self::start_into(Box::new(std::io::stdout()))
    }

    fn start_into(sink: Box<dyn Write + Send>) -> std::io::Result<(BatchedStdout, Flusher)> {
        let shared =
            Arc::new(Shared { held: Mutex::default(), stop: Condvar::new(), sink: Mutex::new(sink) });
        let theirs = shared.clone();
        let thread = std::thread::Builder::new().name("log-output".into()).spawn(move || {
            let mut spare = Vec::new();
            loop {
                let held = theirs.held();
                let (held, _) = theirs
                    .stop
                    .wait_timeout(held, FLUSH_EVERY)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                let stopping = held.stopping;
                drop(held);
                theirs.write_out(&mut spare);
                if stopping {
                    return;
                }
            }
        })?;
        Ok((BatchedStdout(shared.clone()), Flusher { shared, thread: Some(thread) }))
    }
}

impl Write for BatchedStdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut held = self.0.held();
        held.lines.extend_from_slice(bytes);
        let full = held.lines.len() >= MOST_HELD;
        drop(held);
        if full {
            self.0.write_out(&mut Vec::new());
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        self.shared.held().stopping = true;
        self.shared.stop.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Where the log lines of a command go.
#[derive(Clone)]
pub enum LogOutput {
    /// Gathered and written in batches: the server.
    Batched(BatchedStdout),
    /// Written at once.
    Stdout,
}

impl Write for LogOutput {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            LogOutput::Batched(output) => output.write(bytes),
            LogOutput::Stdout => std::io::stdout().write(bytes),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            LogOutput::Batched(output) => output.write_all(bytes),
            // One call under the lock, so that lines of two threads never interleave.
            LogOutput::Stdout => std::io::stdout().lock().write_all(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            LogOutput::Batched(output) => output.flush(),
            LogOutput::Stdout => std::io::stdout().flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reached the sink.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            lock(&self.0).extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_are_written_within_a_few_rounds_and_the_last_ones_when_the_guard_goes() {
        let sink = Sink::default();
        let (mut output, flusher) =
            BatchedStdout::start_into(Box::new(sink.clone())).expect("flusher thread");
        output.write_all(b"one line\n").expect("write");
        std::thread::sleep(FLUSH_EVERY * 4);
        assert_eq!(*lock(&sink.0), b"one line\n");
        output.write_all(b"the last line\n").expect("write");
        drop(flusher);
        assert_eq!(*lock(&sink.0), b"one line\nthe last line\n");
    }

    #[test]
    fn a_writer_past_the_bound_writes_out_itself_in_order() {
        let sink = Sink::default();
        let (mut output, flusher) =
            BatchedStdout::start_into(Box::new(sink.clone())).expect("flusher thread");
        // Stopped first, so that only the writer itself can write.
        let shared = output.0.clone();
        drop(flusher);
        output.write_all(b"first\n").expect("write");
        output.write_all(&vec![b'x'; MOST_HELD]).expect("write");
        let written = lock(&sink.0).clone();
        assert_eq!(written.len(), MOST_HELD + 6);
        assert!(written.starts_with(b"first\n"));
        assert!(shared.held().lines.is_empty());
    }
}
