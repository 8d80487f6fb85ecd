//! What intyg writes on stdout, the data of a run (JSON, lists, scripts).
//! A reader that stops reading (`intyg templates | head -3`) ends the
//! program quietly with success, as ripgrep does, instead of a panic.

use std::io::Write;

/// Exit code: problems in data or templates.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: u8 = 2;

/// Writes `text` to stdout. When the reader has gone (a broken pipe) the
/// process ends here, quietly and with success: whatever was left to write
/// had nobody to read it. Any other failure to write is reported.
pub fn out(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other,
    }
}

/// `println!` through [`out`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cmd::term::out(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` through [`out`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cmd::term::out(&format!($($arg)*))
    };
}
