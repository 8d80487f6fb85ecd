//! The `intyg` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

// typst allocates and frees some 900 000 small blocks a second on each render
// thread. With glibc's malloc, a batch spent a tenth of its time in the
// allocator and kept each thread's freed memory in its own arena: 165 MB
// resident for 100 000 certificates. mimalloc is faster at this and, told to
// commit memory only as it is used and to give back what is freed at once
// (`tune_allocator` below), keeps the same batch at 130 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = intyg::cli::parse();
    match intyg::run(cli) {
        Ok(code) => code,
        Err(err) => {
            intyg::problem::eprint_painted(&format!("{} {err:#}", intyg::problem::Label::Error));

            ExitCode::from(2)
        }
    }
}

/// Sets mimalloc's options before its first allocation, which comes before
/// `main`: it reserves its first arena then, and commits it eagerly unless
/// told otherwise. The options go by their documented environment names, so
/// a user's own `MIMALLOC_…` settings win.
#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    for (name, value) in [(c"MIMALLOC_ARENA_EAGER_COMMIT", c"0"), (c"MIMALLOC_PURGE_DELAY", c"0")] {
        // SAFETY: both strings are NUL-terminated literals, and this runs
        // before main, while the process has no other thread to read the
        // environment.
        #[expect(unsafe_code, reason = "setenv is libc's, and runs here before main")]
        unsafe {
            libc::setenv(name.as_ptr(), value.as_ptr(), 0);
        }
    }
}

/// Runs `tune_allocator` as the program loads, as a C constructor would.
#[cfg(target_os = "linux")]
#[expect(unsafe_code, reason = "an ELF constructor is the one hook that runs before Rust allocates")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;
