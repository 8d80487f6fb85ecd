//! `intyg app`: the whole job from a browser window on the coordinator's
//! own computer. The binary serves a small web app on 127.0.0.1 and opens
//! it in the default browser; nothing leaves the computer.
//!
//! The app is a client of the library, as the commands are: its handlers
//! ([`pages`]) call the same preparation, checks, layout and atomic writes
//! ([`work`]), and say problems in the words `intyg check` uses. Every
//! request passes [`guard`] first: a secret token, the Host and Origin
//! headers, a CSRF token on what changes anything, and paths that stay in
//! the folders the user opened.

mod browse;
mod guard;
mod html;
mod pages;
mod settings;
mod work;

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::locale::Lang;
use crate::problem::Hinted;

/// How the app is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folders open from the start.
    pub folders: Vec<PathBuf>,
    /// The port to listen on; `None` for a free one.
    pub port: Option<u16>,
    /// Whether to open the default browser.
    pub open_browser: bool,
    /// The language of the pages and messages.
    pub lang: Lang,
    /// How long the server waits with no page open before it stops.
    pub idle: Duration,
}

/// The running app: its secrets, the folders it may reach, and the runs
/// under way.
pub struct App {
    /// The port it listens on.
    port: u16,
    /// The secret in the address the browser opens, then in a cookie.
    token: String,
    /// The secret every request that changes something carries.
    csrf: String,
    /// The language of its pages.
    lang: Lang,
    /// The folders the user opened, by number: the only ones it reaches.
    folders: Mutex<Vec<PathBuf>>,
    /// The issue run of each folder, under way or done.
    runs: Mutex<HashMap<usize, Arc<work::Run<work::Outcome>>>>,
    /// Each folder as last read and checked, with the look at its files
    /// and the day that reading holds for: a page of a folder nothing has
    /// changed in since is not checked again.
    examined: Mutex<HashMap<usize, Arc<work::Checked>>>,
    /// The send run of each folder, under way or done.
    sends: Mutex<HashMap<usize, Arc<work::Run<work::Sent>>>>,
    /// The mail server's password of each folder as typed on its send
    /// page, while the app runs (also when the computer cannot keep it).
    passwords: Mutex<HashMap<usize, String>>,
    /// What a folder's send run page should say besides its outcome: that
    /// the password could not be kept.
    notes: Mutex<HashMap<usize, minijinja::Value>>,
    /// Images chosen in a settings form that was refused, kept under a
    /// secret token (with the folder's number) until the form is saved: a
    /// browser cannot fill a file field again.
    held: Mutex<HashMap<String, (usize, Vec<settings::Upload>)>>,
    /// How many pages are open now (each holds an event stream).
    pages_open: AtomicUsize,
    /// When a request last came.
    last_request: Mutex<Instant>,
    /// The pages' templates.
    html: html::Pages,
    /// Where the list of recent folders is kept, if anywhere.
    recent_file: Option<PathBuf>,
}

impl App {
    fn new(port: u16, lang: Lang, recent_file: Option<PathBuf>) -> Result<App, Hinted> {
        Ok(App {
            port,
            token: guard::secret()?,
            csrf: guard::secret()?,
            // Its pages have words in the languages of messages only: a
            // Finnish coordinator's are Swedish, as their messages are.
            lang: lang.messages(),
            folders: Mutex::default(),
            runs: Mutex::default(),
            sends: Mutex::default(),
            passwords: Mutex::default(),
            notes: Mutex::default(),
            held: Mutex::default(),
            examined: Mutex::default(),
            pages_open: AtomicUsize::new(0),
            last_request: Mutex::new(Instant::now()),
            html: html::Pages::new(),
            recent_file,
        })
    }

    /// Opens `dir` (a folder with intyg.toml) and returns its number; the
    /// same folder opened twice keeps its number.
    fn open(&self, dir: &std::path::Path) -> Result<usize, Hinted> {
        let dir = work::folder(dir)?;
        let mut folders = lock(&self.folders);
        let id = match folders.iter().position(|f| *f == dir) {
            Some(i) => i,
            None => {
                folders.push(dir.clone());
                folders.len() - 1
            }
        };
        drop(folders);
        if let Some(file) = &self.recent_file {
            work::remember(file, &dir);
        }
        Ok(id)
    }

    /// The folder numbered `id`, if the user opened it.
    fn folder(&self, id: usize) -> Option<PathBuf> {
        lock(&self.folders).get(id).cloned()
    }

    /// Folders opened before, newest first, that still hold intyg.toml.
    fn recent(&self) -> Vec<PathBuf> {
        self.recent_file.as_deref().map(work::recent).unwrap_or_default()
    }

    /// Notes that a request came.
    fn touch(&self) {
        *lock(&self.last_request) = Instant::now();
    }
}

/// A mutex's value, also after a thread panicked holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Serves the app until no page has been open for `config.idle`, or Ctrl-C.
pub fn serve(config: Config) -> Result<(), Hinted> {
    crate::locale::set_messages(config.lang);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Hinted::new(e.to_string(), ""))?;
    runtime.block_on(run(config))
}

async fn run(config: Config) -> Result<(), Hinted> {
    let listener =
        tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, config.port.unwrap_or(0))).await.map_err(|e| {
            let port = config.port.map_or_else(String::new, |p| p.to_string());
            Hinted::new(
                tr!("cannot listen on 127.0.0.1:{port}: {e}", "kan inte lyssna på 127.0.0.1:{port}: {e}"),
                tr!("leave out --port to take a free port", "utelämna --port för att ta en ledig port"),
            )
        })?;
    let port = listener.local_addr().map_err(|e| Hinted::new(e.to_string(), ""))?.port();
    let app = Arc::new(App::new(port, config.lang, work::recent_file())?);
    let mut problems = Vec::new();
    for dir in &config.folders {
        if let Err(e) = app.open(dir) {
            problems.push(e);
        }
    }
    for p in &problems {
        crate::problem::eprint_painted(&p.to_string());
    }
    let start = match lock(&app.folders).len() {
        1 => "f/0",
        _ => "",
    };
    let url = format!("http://127.0.0.1:{port}/{start}?token={}", app.token);
    // The address on stdout, for a person to paste and for tests to read.
    println!("{url}");
    eprintln!(
        "{}",
        tr!(
            "intyg app is running on this computer only. Keep this window open; Ctrl-C stops it.",
            "intyg app körs bara på den här datorn. Låt fönstret vara öppet; Ctrl-C avslutar."
        )
    );
    if config.open_browser && webbrowser::open(&url).is_err() {
        eprintln!("{}", tr!("Open the address above in a web browser.", "Öppna adressen ovan i en webbläsare."));
    }
    let router = pages::router(app.clone());
    axum::serve(listener, router)
        .with_graceful_shutdown(stopped(app, config.idle))
        .await
        .map_err(|e| Hinted::new(e.to_string(), ""))
}

/// Resolves on Ctrl-C, or once no page has been open for `idle` and no
/// run is under way.
async fn stopped(app: Arc<App>, idle: Duration) {
    let quiet = async {
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let busy =
                lock(&app.runs).values().any(|r| !r.finished()) || lock(&app.sends).values().any(|r| !r.finished());
            let since = lock(&app.last_request).elapsed();
            if app.pages_open.load(Ordering::Relaxed) == 0 && !busy && since >= idle {
                break;
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = quiet => eprintln!("{}", tr!(
            "No page of the app is open: intyg app stopped.",
            "Ingen sida av appen är öppen: intyg app avslutades."
        )),
    }
}
