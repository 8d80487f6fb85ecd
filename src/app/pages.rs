//! The app's routes: each handler reads the request, asks [`super::work`]
//! (on a blocking thread when it lays out or writes), and renders a page.

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path as UrlPath, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::{Value, context};
use serde::Deserialize;

use super::work::{self, Outcome};
use super::{App, guard, html, lock, settings};
use crate::problem::{Hinted, Problem, Severity};

/// Every route, behind the guard.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(start))
        .route("/open", post(open))
        .route("/new", post(new))
        .route("/browse", get(browse))
        .route("/alive", get(alive))
        .route("/assets/{file}", get(asset))
        .route("/f/{id}", get(records))
        .route("/f/{id}/records", post(upload))
        .route("/f/{id}/columns", post(columns))
        .route("/f/{id}/preview", get(preview))
        .route("/f/{id}/preview.png", get(preview_png))
        .route("/f/{id}/issue", get(issue).post(issue_start))
        .route("/f/{id}/issue/events", get(issue_events))
        .route("/f/{id}/door/{sheet}", post(door))
        .route("/f/{id}/register", get(register))
        .route("/f/{id}/register/revoke", post(revoke))
        .route("/f/{id}/register/renew", post(renew))
        .route("/f/{id}/out/{file}", get(out_file))
        .route("/f/{id}/zip", get(zip))
        .route("/f/{id}/verify", get(verify).post(verify_pdf))
        .route("/f/{id}/report", get(report).post(report_make))
        .route("/f/{id}/settings", get(settings).post(settings_save))
        .route("/f/{id}/publish", get(publish).post(publish_site))
        .route("/f/{id}/proof", get(proof))
        .route("/f/{id}/proof/{file}", get(proof_sheet))
        .route("/f/{id}/send", get(send).post(send_messages))
        .route("/f/{id}/send/test", post(send_test))
        .route("/f/{id}/send/run", get(send_run))
        .route("/f/{id}/send/events", get(send_events))
        .layer(axum::middleware::map_response(secure))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard::check))
        .layer(DefaultBodyLimit::max(work::UPLOAD_LIMIT))
        .with_state(app)
}

/// Headers on every response: no framing by other sites, no scripts or
/// styles from elsewhere, nothing kept in caches or sent to another site
/// as a referrer.
async fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    for (name, value) in [
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        // Not no-referrer: with it, browsers send "Origin: null" on the
        // app's own form posts, which the guard refuses.
        ("referrer-policy", "same-origin"),
        ("cache-control", "no-store"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A page rendered, or the reason it could not be.
fn page(app: &App, name: &str, extra: Value) -> Response {
    // A folder's pages speak of its kind: a diploma's records are its
    // organisations, a conference's dates its day.
    let kind = extra.get_attr("folder").ok().and_then(|f| f.get_attr("kind").ok()).filter(|k| !k.is_undefined());
    let w = match kind.as_ref().and_then(|k| k.as_str()) {
        Some(kind) => html::words_of(app.lang, kind),
        None => html::words(app.lang),
    };
    let base = context! { w => w, csrf => app.csrf.clone() };
    match app.html.render(name, context! { ..extra, ..base }) {
        Ok(text) => Html(text).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
    }
}

/// A message at the top of a page.
fn message(h: &Hinted) -> Value {
    context! { message => h.message.clone(), hint => h.hint.clone() }
}

/// A problem as the pages show it: a file of the folder by its name alone.
fn problem(p: &Problem) -> Value {
    let mut place = p.place.clone();
    if let Some(name) = place.file.as_ref().and_then(|f| f.file_name()) {
        place.file = Some(PathBuf::from(name));
    }
    let place = place.to_string();
    context! {
        severity => if p.is_error() { "error" } else { "warning" },
        place => place,
        message => p.message.clone(),
        hint => p.hint.clone(),
    }
}

/// The folder numbered `id` as the pages name it, with its kind, which
/// says which tabs it has.
fn folder_value(app: &App, id: usize, dir: &Path) -> Value {
    let lang = app.lang;
    // Its records are the starter's invented people, as last read: every
    // page says so until the list is replaced.
    let examples = lock(&app.examined).get(&id).is_some_and(|c| c.examples);
    let name = dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    // A folder intyg.toml cannot yet tell is shown as a course, whose
    // settings form says what is wrong.
    let kind = work::kind(dir).unwrap_or_default();
    let spec = kind.spec();
    context! {
        id => id,
        name => name,
        path => dir.display().to_string(),
        kind => kind.written(),
        issues => !spec.documents.is_empty(),
        reported => spec.reported,
        records => kind.records_tab().map(|tab| html::word(lang, tab)),
        examples,
        // Signing sheets and badges for a day people come to.
        door => spec.evidence == crate::kind::Evidence::Attendance,
        // A register to follow: renewals, expiry, revocations.
        registered => kind == crate::kind::Kind::Diploma,
    }
}

/// A folder the user opened, by the `{id}` of the address: any other
/// number is a 404, so no page reaches a folder that was not opened.
struct Opened {
    /// Its number.
    id: usize,
    /// Its path.
    dir: PathBuf,
}

impl axum::extract::FromRequestParts<Arc<App>> for Opened {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, app: &Arc<App>) -> Result<Opened, Response> {
        let not_open =
            || (StatusCode::NOT_FOUND, tr!("no such folder is open", "ingen sådan mapp är öppen")).into_response();
        let UrlPath(params) =
            UrlPath::<HashMap<String, String>>::from_request_parts(parts, app).await.map_err(|_| not_open())?;
        let id = params.get("id").and_then(|v| v.parse().ok()).ok_or_else(not_open)?;
        let dir = app.folder(id).ok_or_else(not_open)?;
        Ok(Opened { id, dir })
    }
}

/// Runs `f` on a blocking thread: laying out and writing take the CPU.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("the app's work does not panic")
}

async fn start(State(app): State<Arc<App>>) -> Response {
    start_page(&app, None)
}

fn start_page(app: &App, error: Option<&Hinted>) -> Response {
    let recent: Vec<Value> = app
        .recent()
        .iter()
        .map(|p| {
            let name = p.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
            context! { name => name, path => p.display().to_string() }
        })
        .collect();
    let message = error.map(message);
    page(app, "start.html", context! { recent, kinds => kinds(app), languages => languages(), message })
}

#[derive(Deserialize)]
struct PathForm {
    path: String,
}

async fn open(State(app): State<Arc<App>>, Form(form): Form<PathForm>) -> Response {
    match app.open(Path::new(form.path.trim())) {
        Ok(id) => Redirect::to(&format!("/f/{id}")).into_response(),
        Err(e) => start_page(&app, Some(&e)),
    }
}

#[derive(Deserialize)]
struct BrowseQuery {
    dir: Option<PathBuf>,
}

/// The folder picker: a folder's sub-folders, those with intyg.toml to
/// open, and a new folder to make in it.
async fn browse(State(app): State<Arc<App>>, Query(q): Query<BrowseQuery>) -> Response {
    browse_page(&app, q.dir, None).await
}

async fn browse_page(app: &App, dir: Option<PathBuf>, error: Option<Hinted>) -> Response {
    let (places, listing) = blocking(move || (super::browse::places(), super::browse::list(dir.as_deref()))).await;
    let place = |(label, path): &(String, PathBuf)| context! { label, path => path.display().to_string() };
    let places: Vec<Value> = places.iter().map(place).collect();
    let listing = match listing {
        Ok(l) => l,
        Err(e) => return page(app, "browse.html", context! { places, message => message(&e) }),
    };
    let parents: Vec<Value> = listing.parents.iter().map(place).collect();
    let folders: Vec<Value> = listing
        .folders
        .iter()
        .map(|(name, path, intyg)| context! { name, path => path.display().to_string(), intyg })
        .collect();
    let name =
        listing.dir.file_name().map_or_else(|| listing.dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    let here =
        context! { name, path => listing.dir.display().to_string(), intyg => listing.intyg, more => listing.more };
    let message = error.as_ref().map(message);
    page(
        app,
        "browse.html",
        context! { places, parents, folders, here, kinds => kinds(app), languages => languages(), message },
    )
}

/// The languages a new folder's documents can be written in, each by its
/// own name (`Suomi`), as a language picker shows them.
fn languages() -> Vec<Value> {
    crate::locale::Lang::all()
        .iter()
        .map(|l| context! { code => l.code(), name => crate::locale::words::word(*l, "language_name") })
        .collect()
}

/// The kinds of new folder, as the start page and the picker offer them.
fn kinds(app: &App) -> Vec<Value> {
    crate::kind::Kind::ALL
        .iter()
        .map(|k| context! { value => k.written(), label => html::word(app.lang, &format!("new_{}", k.written())) })
        .collect()
}

#[derive(Deserialize)]
struct NewForm {
    kind: String,
    lang: String,
    /// The new folder's whole path (the start page), or …
    #[serde(default)]
    path: String,
    /// … the folder it goes in and its name (the picker).
    parent: Option<PathBuf>,
    name: Option<String>,
}

async fn new(State(app): State<Arc<App>>, Form(form): Form<NewForm>) -> Response {
    let Some(kind) = crate::kind::Kind::from_written(&form.kind) else {
        return start_page(&app, Some(&Hinted::new(tr!("choose a kind", "välj en sorts mapp"), "")));
    };
    let lang = crate::locale::Lang::parse(&form.lang).unwrap_or(app.lang);
    if let Some(parent) = form.parent {
        // From the picker: a plain name in the folder it shows.
        let dir = match super::browse::new_folder(&parent, form.name.as_deref().unwrap_or_default()) {
            Ok(dir) => dir,
            Err(e) => return browse_page(&app, Some(parent), Some(e)).await,
        };
        let made = blocking(move || crate::job::starter::create(&dir, kind, lang, false).map(|_| dir)).await;
        return match made.and_then(|dir| app.open(&dir)) {
            Ok(id) => Redirect::to(&format!("/f/{id}")).into_response(),
            Err(e) => browse_page(&app, Some(parent), Some(e)).await,
        };
    }
    let dir = PathBuf::from(form.path.trim());
    if form.path.trim().is_empty() || !dir.is_absolute() {
        let hint = tr!(
            "write the whole path, e.g. C:\\Users\\ada\\Documents\\course-2027 or /home/ada/course-2027",
            "skriv hela sökvägen, t.ex. C:\\Users\\ada\\Documents\\kurs-2027 eller /home/ada/kurs-2027"
        );
        return start_page(&app, Some(&Hinted::new(tr!("where should the folder be?", "var ska mappen ligga?"), hint)));
    }
    let made = blocking(move || crate::job::starter::create(&dir, kind, lang, false).map(|_| dir)).await;
    match made.and_then(|dir| app.open(&dir)) {
        Ok(id) => Redirect::to(&format!("/f/{id}")).into_response(),
        Err(e) => start_page(&app, Some(&e)),
    }
}

/// An event stream each page holds open: while one is, the server runs.
async fn alive(State(app): State<Arc<App>>) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    struct Open(Arc<App>);
    impl Drop for Open {
        fn drop(&mut self) {
            self.0.pages_open.fetch_sub(1, Ordering::Relaxed);
            self.0.touch();
        }
    }
    app.pages_open.fetch_add(1, Ordering::Relaxed);
    let open = Open(app);
    // Nothing is ever sent but keep-alives; the stream ends when the page closes.
    let stream = futures_util::stream::unfold(open, |open| async move {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        Some((Ok(Event::default().comment("")), open))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn asset(UrlPath(file): UrlPath<String>) -> Response {
    let font = |name: &str| crate::render::fonts::FILES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b);
    match file.as_str() {
        "app.css" => ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], html::CSS).into_response(),
        "app.js" => ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], html::JS).into_response(),
        "NotoSans-Regular.ttf" | "NotoSans-Bold.ttf" => match font(&file) {
            Some(bytes) => ([(header::CONTENT_TYPE, "font/ttf")], bytes).into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn records(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    // A report folder has no records of its own: its page is the report.
    if work::kind(&dir) == Some(crate::project::Kind::Report) {
        return Redirect::to(&format!("/f/{id}/report")).into_response();
    }
    records_page(&app, id, dir, None).await
}

/// The Deltagare page: how the file was read, what to fix, the records.
async fn records_page(app: &App, id: usize, dir: PathBuf, error: Option<Hinted>) -> Response {
    let earlier = lock(&app.examined).get(&id).cloned();
    let target = dir.clone();
    let checked = blocking(move || work::examine_again(&target, earlier)).await;
    lock(&app.examined).insert(id, checked.clone());
    // After the reading: whether its records are examples is of this one.
    let folder = folder_value(app, id, &dir);
    let examined = &checked.examined;
    let problems: Vec<Value> = examined.problems.iter().map(problem).collect();
    let errors = examined.problems.iter().filter(|p| p.is_error()).count();
    let warnings = examined.problems.len() - errors;
    let message = error.as_ref().or(examined.stopped.as_ref()).map(message);
    let Some(p) = &examined.prepared else {
        return page(app, "records.html", context! { tab => "records", folder, problems, errors, message });
    };
    let r = &p.reading;
    let reading = context! {
        file => r.file.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned()),
        how => r.how(),
        columns => r.columns.iter().map(|c| context! {
            letter => c.letter.clone(),
            header => c.header.clone(),
            meaning => c.meaning.clone(),
            unknown => c.unknown,
        }).collect::<Vec<_>>(),
    };
    // Each problem on its row and, where it names one, its cell.
    let table = &p.table;
    let column_name = |c: usize| table.place(table.header_row, Some(c)).column.unwrap_or_default();
    // What intyg never reads is not shown either: a registration form's
    // answers on food and health, a personnummer.
    let sessions = p.project.folder.sessions();
    let hidden: Vec<bool> = table
        .headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            use crate::check::Field;
            table.unused(c)
                || p.project.kind().for_people()
                    && matches!(crate::check::classify(h, sessions), Ok(Field::Sensitive | Field::Personnummer))
        })
        .collect();
    let not_shown = html::word(app.lang, "not_shown");
    let rows: Vec<Value> = p
        .rows
        .iter()
        .map(|row| {
            let here: Vec<&Problem> = examined
                .problems
                .iter()
                .filter(|q| q.place.row == Some(row.number) && q.place.file.is_some())
                .collect();
            let severity = |list: &[&Problem]| {
                if list.iter().any(|q| q.is_error()) {
                    "error"
                } else if list.is_empty() {
                    ""
                } else {
                    "warning"
                }
            };
            let cells: Vec<Value> = row
                .cells
                .iter()
                .enumerate()
                .map(|(c, text)| {
                    let name = column_name(c);
                    let mine: Vec<&Problem> =
                        here.iter().copied().filter(|q| q.place.column.as_deref() == Some(name.as_str())).collect();
                    let note = mine.iter().map(|q| q.message.clone()).collect::<Vec<_>>().join("; ");
                    let text = if hidden.get(c).copied().unwrap_or(false) { &not_shown } else { text };
                    context! { text => text, severity => severity(&mine), note => note }
                })
                .collect();
            context! { number => row.number, severity => severity(&here), cells }
        })
        .collect();
    let table = context! { headers => table.headers.clone(), rows };
    let docs = p.plan.docs.len();
    let kinds = crate::job::kind_counts(p.plan.docs.iter().map(|d| d.kind));
    let summary = if errors > 0 {
        let counts = crate::job::problem_counts(&crate::problem::Problems(examined.problems.clone()));
        tr!("Not ready to issue: {counts}.", "Inte klart att utfärda: {counts}.")
    } else {
        let (records, not) = (p.records, p.plan.not_eligible.len());
        let warnings = match warnings {
            1 => tr!("1 warning", "1 varning"),
            n => tr!("{n} warnings", "{n} varningar"),
        };
        tr!(
            "{records} rows: {docs} documents ({kinds}), {not} not eligible, {warnings}.",
            "{records} rader: {docs} dokument ({kinds}), {not} uppfyller inte kraven, {warnings}."
        )
    };
    let fields: Vec<Value> = work::column_fields(&p.project)
        .into_iter()
        .map(|(key, label)| context! { key => key, label => label })
        .collect();
    page(
        app,
        "records.html",
        context! { tab => "records", folder, problems, errors, message, reading, table, summary, fields },
    )
}

async fn upload(State(app): State<Arc<App>>, Opened { id, dir }: Opened, multipart: Multipart) -> Response {
    let saved = match file_field(multipart).await {
        Ok((name, bytes)) => {
            let target = dir.clone();
            blocking(move || work::save_records(&target, &name, &bytes)).await
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Redirect::to(&format!("/f/{id}")).into_response(),
        Err(e) => records_page(&app, id, dir, Some(e)).await,
    }
}

/// The one file of an upload form: its name and bytes.
async fn file_field(mut multipart: Multipart) -> Result<(String, Bytes), Hinted> {
    let too_big = || {
        Hinted::new(
            tr!("the file could not be received whole", "filen kunde inte tas emot hel"),
            tr!("files up to 50 MB are taken", "filer på upp till 50 MB tas emot"),
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(|_| too_big())? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|_| too_big())?;
            if name.is_empty() || bytes.is_empty() {
                break;
            }
            return Ok((name, bytes));
        }
    }
    Err(Hinted::new(tr!("no file was chosen", "ingen fil valdes"), tr!("choose a file first", "välj en fil först")))
}

#[derive(Deserialize)]
struct ColumnForm {
    header: String,
    field: String,
}

async fn columns(State(app): State<Arc<App>>, Opened { id, dir }: Opened, Form(form): Form<ColumnForm>) -> Response {
    if form.field.is_empty() {
        return Redirect::to(&format!("/f/{id}")).into_response();
    }
    let target = dir.clone();
    match blocking(move || work::map_column(&target, &form.field, &form.header)).await {
        Ok(()) => Redirect::to(&format!("/f/{id}")).into_response(),
        Err(e) => records_page(&app, id, dir, Some(e)).await,
    }
}

#[derive(Deserialize)]
struct RowQuery {
    row: Option<usize>,
}

async fn preview(State(app): State<Arc<App>>, Opened { id, dir }: Opened, Query(q): Query<RowQuery>) -> Response {
    let folder = folder_value(&app, id, &dir);
    // The document shown is drawn as `intyg preview` draws it, with the
    // same problems: the folder's errors, and its own page running over.
    let (docs, found) = match blocking(move || work::documents(&dir, q.row)).await {
        Ok(x) => x,
        Err(found) => {
            let problems: Vec<Value> = found.iter().map(problem).collect();
            return page(&app, "preview.html", context! { tab => "preview", folder, problems });
        }
    };
    let at = q.row.and_then(|r| docs.iter().position(|d| d.1 == r)).unwrap_or(0);
    let problems: Vec<Value> = found.iter().map(problem).collect();
    let current = docs.get(at).map(|(name, row)| context! { name => name, row => row });
    let previous = at.checked_sub(1).and_then(|i| docs.get(i)).map(|d| d.1);
    let next = docs.get(at + 1).map(|d| d.1);
    let docs: Vec<Value> = docs.iter().map(|(name, row)| context! { name => name, row => row }).collect();
    page(&app, "preview.html", context! { tab => "preview", folder, problems, docs, current, previous, next })
}

async fn preview_png(Opened { dir, .. }: Opened, Query(q): Query<RowQuery>) -> Response {
    match blocking(move || work::preview(&dir, q.row, 96)).await {
        Ok((png, _)) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        Err(problems) => {
            let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
            (StatusCode::UNPROCESSABLE_ENTITY, text.join("\n")).into_response()
        }
    }
}

async fn issue(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let folder = folder_value(&app, id, &dir);
    let run = lock(&app.runs).get(&id).cloned();
    let Some(run) = run else {
        return page(&app, "issue.html", context! { tab => "issue", folder });
    };
    let (done, total) = (run.done.load(Ordering::Relaxed), run.total.load(Ordering::Relaxed));
    match run.outcome() {
        None => page(&app, "issue.html", context! { tab => "issue", folder, running => true, done, total }),
        Some(Outcome::Stopped(problems)) => {
            let stopped: Vec<Value> = problems.iter().map(problem).collect();
            page(&app, "issue.html", context! { tab => "issue", folder, stopped })
        }
        Some(Outcome::Issued(i)) => {
            let took = run.took().map(|d| crate::locale::number(d.as_secs_f64(), 1, app.lang));
            let issued = context! {
                documents => i.documents.iter().map(|(name, row, file, kind)| context! { name, row, file, kind }).collect::<Vec<_>>(),
                kinds => i.kinds.clone(),
                not_eligible => i.not_eligible.iter().map(|(name, row, why)| context! { name, row, why }).collect::<Vec<_>>(),
                warnings => i.warnings.iter().filter(|p| p.severity == Severity::Warning).map(problem).collect::<Vec<_>>(),
            };
            page(&app, "issue.html", context! { tab => "issue", folder, issued, took })
        }
    }
}

/// Makes the signing sheet or the badges, then shows the issue page with
/// a link to the PDF.
async fn door(
    State(app): State<Arc<App>>,
    Opened { id, dir }: Opened,
    UrlPath((_, sheet)): UrlPath<(usize, String)>,
) -> Response {
    use crate::job::door::Sheet;
    let sheet = match sheet.as_str() {
        "sheets" => Sheet::Signing,
        "badges" => Sheet::Badges,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let folder = folder_value(&app, id, &dir);
    let outcome = blocking(move || work::door(&dir, sheet)).await;
    let (door, problems): (Value, Vec<Value>) = match outcome {
        Ok(made) => {
            let file = made.file.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned());
            let pages = made.pages;
            let participants = made.participants;
            (context! { file, pages, participants, sheet => sheet.template() }, Vec::new())
        }
        Err(found) => (Value::UNDEFINED, found.iter().map(problem).collect()),
    };
    page(&app, "issue.html", context! { tab => "issue", folder, door, door_problems => problems })
}

/// A diploma folder's register: what to renew, every diploma with its
/// status, and a revocation for each valid one.
async fn register(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    register_page(&app, id, dir, Value::UNDEFINED, Vec::new()).await
}

async fn register_page(app: &App, id: usize, dir: PathBuf, done: Value, said: Vec<Value>) -> Response {
    let folder = folder_value(app, id, &dir);
    let lang = crate::project::language(&dir).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| crate::locale::date(d, lang)).unwrap_or_default();
    match blocking(move || work::registered(&dir)).await {
        Ok(r) => {
            let expiring: Vec<Value> = r
                .expiring
                .iter()
                .map(|e| {
                    context! {
                        id => e.id.clone(),
                        holder => e.holder.clone(),
                        until => date(Some(e.valid_until)),
                        days => e.days,
                        expired => e.state == "expired",
                        contact => e.contact.clone(),
                        email => e.email.clone(),
                    }
                })
                .collect();
            let entries: Vec<Value> = r
                .entries
                .iter()
                .map(|e| {
                    let status = e.status_on(r.on);
                    let revocation = r.revocations.get(&e.id);
                    context! {
                        id => e.id.clone(),
                        holder => e.holder.clone(),
                        awarded => date(Some(e.awarded)),
                        until => date(e.valid_until),
                        status => status.word(app.lang),
                        valid => status == crate::register::Status::Valid,
                        superseded_by => e.superseded_by.clone(),
                        reason => revocation.map(|r| r.reason.clone()),
                        revoked_on => revocation.map(|r| date(Some(r.on))),
                    }
                })
                .collect();
            page(
                app,
                "register.html",
                context! { tab => "register", folder, expiring, entries, done, problems => said },
            )
        }
        Err(found) => {
            let mut problems = said;
            problems.extend(found.iter().map(problem));
            page(app, "register.html", context! { tab => "register", folder, problems, done })
        }
    }
}

#[derive(Deserialize)]
struct RevokeForm {
    id: String,
    #[serde(default)]
    reason: String,
}

/// Revokes a diploma, with its reason, and issues the folder again.
async fn revoke(State(app): State<Arc<App>>, Opened { id, dir }: Opened, Form(form): Form<RevokeForm>) -> Response {
    let target = dir.clone();
    let (doc, reason) = (form.id.clone(), form.reason.clone());
    let on = chrono::Local::now().date_naive();
    match blocking(move || work::revoke(&target, &doc, &reason, on)).await {
        Ok(()) => register_page(&app, id, dir, context! { revoked => form.id }, Vec::new()).await,
        Err(found) => register_page(&app, id, dir, Value::UNDEFINED, found.iter().map(problem).collect()).await,
    }
}

#[derive(Deserialize)]
struct RenewForm {
    id: String,
}

/// Starts a renewal: a new row for the organisation in the list, to review
/// and issue.
async fn renew(State(app): State<Arc<App>>, Opened { id, dir }: Opened, Form(form): Form<RenewForm>) -> Response {
    let target = dir.clone();
    let on = chrono::Local::now().date_naive();
    let doc = form.id.clone();
    match blocking(move || work::renew(&target, &doc, on)).await {
        Ok((row, from)) => {
            let from = crate::locale::date(from, app.lang);
            register_page(&app, id, dir, context! { renewed => form.id, row, from }, Vec::new()).await
        }
        Err(e) => {
            let said = vec![problem(&e.at(crate::problem::Place::default()))];
            register_page(&app, id, dir, Value::UNDEFINED, said).await
        }
    }
}

async fn issue_start(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    in_background(&app.runs, id, move |run| run.issue(&dir));
    Redirect::to(&format!("/f/{id}/issue")).into_response()
}

/// Starts `work` on a new run of the folder `id` among `runs`, in the
/// background, unless one is under way: a second click joins the first.
fn in_background<T: Clone + Send + Sync + 'static>(
    runs: &std::sync::Mutex<HashMap<usize, Arc<work::Run<T>>>>,
    id: usize,
    work: impl FnOnce(&work::Run<T>) + Send + 'static,
) {
    let run = {
        let mut runs = lock(runs);
        if runs.get(&id).is_some_and(|r| !r.finished()) {
            return;
        }
        let run = Arc::new(work::Run::default());
        runs.insert(id, run.clone());
        run
    };
    tokio::task::spawn_blocking(move || work(&run));
}

async fn issue_events(
    State(app): State<Arc<App>>,
    Opened { id, .. }: Opened,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let run = lock(&app.runs).get(&id).cloned();
    events(run, app.lang, "issuing")
}

/// The progress of `run` every fifth of a second, said as `doing` (a key
/// of the pages' words) with the count and the time left, then "done".
fn events<T: Clone + Send + Sync + 'static>(
    run: Option<Arc<work::Run<T>>>,
    lang: crate::locale::Lang,
    doing: &str,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let word = |k: &str| html::word(lang, k);
    let words = Arc::new((word(doing), word("seconds"), word("left")));
    let stream = futures_util::stream::unfold((run, false), move |(run, ended)| {
        let words = words.clone();
        async move {
            let done = || Some((Ok(Event::default().event("done").data("done")), (None, true)));
            let r = match &run {
                _ if ended => return None,
                None => return done(),
                Some(r) if r.finished() => return done(),
                Some(r) => r.clone(),
            };
            tokio::time::sleep(Duration::from_millis(200)).await;
            let (doing, seconds, left) = &*words;
            let (done, total) = (r.done.load(Ordering::Relaxed), r.total.load(Ordering::Relaxed));
            let mut text = format!("{doing} {done} / {total}");
            if let Some(time) = r.left() {
                let n = time.as_secs_f64().ceil() as u64;
                text.push_str(&format!(", {n} {seconds} {left}"));
            }
            let data = serde_json::json!({ "done": done, "total": total, "text": text }).to_string();
            Some((Ok(Event::default().event("progress").data(data)), (run, false)))
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The output folder of the folder numbered `id`, as its last run wrote it.
fn out_of(app: &App, id: usize, dir: &Path) -> PathBuf {
    match lock(&app.runs).get(&id).and_then(|r| r.outcome()) {
        Some(Outcome::Issued(i)) => i.out,
        _ => dir.join("out"),
    }
}

async fn out_file(
    State(app): State<Arc<App>>,
    Opened { id, dir }: Opened,
    UrlPath((_, file)): UrlPath<(usize, String)>,
) -> Response {
    let out = out_of(&app, id, &dir);
    let Some(path) = guard::inside(&out, &file).filter(|p| p.extension().is_some_and(|e| e == "pdf")) else {
        return (StatusCode::NOT_FOUND, tr!("no such document", "inget sådant dokument")).into_response();
    };
    match blocking(move || std::fs::read(path)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/pdf")], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn zip(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let Some(Outcome::Issued(issued)) = lock(&app.runs).get(&id).and_then(|r| r.outcome()) else {
        return (StatusCode::NOT_FOUND, tr!("issue the documents first", "utfärda dokumenten först")).into_response();
    };
    let files: Vec<String> = issued.documents.iter().map(|d| d.2.clone()).collect();
    let name = dir.file_name().map_or_else(|| "intyg".to_owned(), |n| n.to_string_lossy().into_owned());
    match blocking(move || work::zip(&issued.out, &files)).await {
        Ok(bytes) => {
            let disposition = format!("attachment; filename=\"{}.zip\"", name.replace(['"', '\\'], ""));
            let mut response = ([(header::CONTENT_TYPE, "application/zip")], bytes).into_response();
            if let Ok(v) = HeaderValue::from_str(&disposition) {
                response.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            response
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
    }
}

async fn verify(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    page(&app, "verify.html", context! { tab => "verify", folder => folder_value(&app, id, &dir) })
}

async fn verify_pdf(State(app): State<Arc<App>>, Opened { id, dir }: Opened, multipart: Multipart) -> Response {
    let folder = folder_value(&app, id, &dir);
    let (name, bytes) = match file_field(multipart).await {
        Ok(f) => f,
        Err(e) => return page(&app, "verify.html", context! { tab => "verify", folder, message => message(&e) }),
    };
    let v = blocking(move || work::verify(&dir, &bytes)).await;
    let lines = v.fields();
    let outcome = serde_json::to_value(v.outcome).ok().and_then(|o| o.as_str().map(str::to_owned)).unwrap_or_default();
    let verdict = context! {
        file => work::upload_name(&name).unwrap_or_default(),
        label => v.outcome.label(),
        outcome => outcome,
        lines => lines,
        reasons => v.reasons.clone(),
    };
    page(&app, "verify.html", context! { tab => "verify", folder, verdict })
}

async fn report(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    page(&app, "report.html", context! { tab => "report", folder => folder_value(&app, id, &dir) })
}

async fn report_make(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let folder = folder_value(&app, id, &dir);
    match blocking(move || work::report(&dir)).await {
        Ok(written) => {
            let file = written.file.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned());
            let made = context! { file => file, pages => written.pages };
            let problems: Vec<Value> = written.warnings.0.iter().map(problem).collect();
            page(&app, "report.html", context! { tab => "report", folder, made, problems })
        }
        Err(found) => {
            let problems: Vec<Value> = found.iter().map(problem).collect();
            page(&app, "report.html", context! { tab => "report", folder, problems })
        }
    }
}

/// A message as the send page lists it.
fn message_value(m: &crate::job::send::Message) -> Value {
    context! {
        recipient => m.recipient.clone(),
        subject => m.subject.clone(),
        file => m.file.clone(),
        response => m.response.clone(),
        body => m.body.clone(),
    }
}

/// The send page: the dry run, each message shown, nothing sent.
async fn send(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    if lock(&app.sends).get(&id).is_some_and(|r| !r.finished()) {
        return Redirect::to(&format!("/f/{id}/send/run")).into_response();
    }
    send_page(&app, id, dir, Value::UNDEFINED, Vec::new()).await
}

/// The send page with `tried` (a test message's outcome) and `said`
/// (problems of what the person just did) at the top.
async fn send_page(app: &App, id: usize, dir: PathBuf, tried: Value, said: Vec<Value>) -> Response {
    let folder = folder_value(app, id, &dir);
    let typed = lock(&app.passwords).contains_key(&id);
    let (dry, setup) = blocking(move || {
        let setup = work::mail_setup(&dir);
        // The checksum the confirmation carries, with the dry run it is of.
        let dry = work::send(&dir, true, crate::job::Progress::Hidden, None).map(|d| {
            let digest = work::digest(&d);
            (d, digest)
        });
        (dry, setup)
    })
    .await;
    let mail = context! {
        server => setup.server.clone(),
        login => setup.login.is_some(),
        kept => setup.kept,
        typed => typed,
        store => setup.store.clone(),
        own_address => setup.own_address.clone(),
        example_sender => setup.example_sender,
    };
    match dry {
        Ok((d, digest)) => {
            let messages: Vec<Value> = d.sent.iter().map(message_value).collect();
            let skipped: Vec<Value> = d
                .skipped
                .iter()
                .chain(&d.expired)
                .map(|s| context! { row => s.row, name => s.name.clone(), reason => s.reason.clone() })
                .collect();
            let mut problems = said;
            problems.extend(d.problems.iter().map(problem));
            let already = d.already_sent;
            let from = d.from;
            page(
                app,
                "send.html",
                context! { tab => "send", folder, messages, skipped, already, problems, from, mail, tried, digest },
            )
        }
        Err(found) => {
            let mut problems = said;
            problems.extend(found.iter().map(problem));
            page(app, "send.html", context! { tab => "send", folder, problems, mail, tried })
        }
    }
}

#[derive(Deserialize)]
struct SendForm {
    /// What the page showed, as [`work::digest`] of its dry run.
    digest: String,
    confirm: Option<String>,
    #[serde(default)]
    password: String,
    remember: Option<String>,
}

/// The password typed on the send page, kept for the folder while the app
/// runs and, when asked, in the computer's password store; a note when
/// the store could not keep it.
async fn take_password(app: &App, id: usize, dir: &Path, password: &str, remember: bool) -> Option<Value> {
    if password.is_empty() {
        return None;
    }
    lock(&app.passwords).insert(id, password.to_owned());
    if !remember {
        return None;
    }
    let (dir, password) = (dir.to_path_buf(), password.to_owned());
    let kept = blocking(move || work::keep_password(&work::mail_setup(&dir), &password)).await;
    kept.err().map(|why| problem(&Problem::warning(crate::problem::Place::default(), why)))
}

/// Starts sending, once the person has confirmed the count they were
/// shown; the run page shows its progress, then what was sent.
async fn send_messages(
    State(app): State<Arc<App>>,
    Opened { id, dir }: Opened,
    Form(form): Form<SendForm>,
) -> Response {
    let note = take_password(&app, id, &dir, &form.password, form.remember.is_some()).await;
    if form.confirm.as_deref() != Some("yes") {
        let why = tr!("nothing was sent: tick the box first", "ingenting skickades: kryssa i rutan först");
        let said = vec![problem(&Problem::error(crate::problem::Place::default(), why))];
        return send_page(&app, id, dir, Value::UNDEFINED, said).await;
    }
    if let Some(note) = note {
        lock(&app.notes).insert(id, note);
    }
    let shown = form.digest;
    let password = lock(&app.passwords).get(&id).cloned();
    in_background(&app.sends, id, move |run| run.send(&dir, &shown, password));
    Redirect::to(&format!("/f/{id}/send/run")).into_response()
}

#[derive(Deserialize)]
struct TestForm {
    to: String,
    #[serde(default)]
    password: String,
    remember: Option<String>,
}

/// Sends one message to the coordinator's own address and shows what the
/// server answered.
async fn send_test(State(app): State<Arc<App>>, Opened { id, dir }: Opened, Form(form): Form<TestForm>) -> Response {
    let mut said: Vec<Value> =
        take_password(&app, id, &dir, &form.password, form.remember.is_some()).await.into_iter().collect();
    let password = lock(&app.passwords).get(&id).cloned();
    let (target, to) = (dir.clone(), form.to.trim().to_owned());
    let (result, setup) = blocking(move || {
        let result = work::test_message(&target, &to, password);
        (result, work::mail_setup(&target))
    })
    .await;
    let tried = match result {
        Ok(t) => context! { to => form.to.trim(), server => t.server, reply => t.reply },
        Err(found) => {
            // A password the server refused is forgotten by the store, and
            // here: the page asks for it again.
            if setup.login.is_some() && !setup.kept {
                lock(&app.passwords).remove(&id);
            }
            said.extend(found.iter().map(problem));
            Value::UNDEFINED
        }
    };
    send_page(&app, id, dir, tried, said).await
}

/// The sending under way, then what was sent.
async fn send_run(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let folder = folder_value(&app, id, &dir);
    let Some(run) = lock(&app.sends).get(&id).cloned() else {
        return Redirect::to(&format!("/f/{id}/send")).into_response();
    };
    let (done, total) = (run.done.load(Ordering::Relaxed), run.total.load(Ordering::Relaxed));
    let events = format!("/f/{id}/send/events");
    match run.outcome() {
        None => page(&app, "send.html", context! { tab => "send", folder, running => true, done, total, events }),
        Some(Ok(d)) => {
            let sent: Vec<Value> = d.sent.iter().map(message_value).collect();
            let rejected: Vec<Value> = d.rejected.iter().chain(&d.unknown).map(message_value).collect();
            let mut problems: Vec<Value> = lock(&app.notes).get(&id).cloned().into_iter().collect();
            problems.extend(d.problems.iter().map(problem));
            if let Some(why) = &d.stopped {
                // A password the server refused is asked for again.
                let target = dir.clone();
                let setup = blocking(move || work::mail_setup(&target)).await;
                if setup.login.is_some() && !setup.kept {
                    lock(&app.passwords).remove(&id);
                }
                let hint = d.hint.clone().unwrap_or_default();
                problems.push(problem(&Hinted::new(why.clone(), hint).at(crate::problem::Place::default())));
            }
            page(&app, "send.html", context! { tab => "send", folder, sent, rejected, problems })
        }
        Some(Err(found)) => {
            let problems: Vec<Value> = found.iter().map(problem).collect();
            page(&app, "send.html", context! { tab => "send", folder, problems })
        }
    }
}

async fn send_events(
    State(app): State<Arc<App>>,
    Opened { id, .. }: Opened,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let run = lock(&app.sends).get(&id).cloned();
    events(run, app.lang, "sending")
}

/// The settings page: the form, with each field's problem beside it;
/// `shown` is a refused form and its problems, or a saved one's warnings.
fn settings_page(
    app: &App,
    id: usize,
    dir: &Path,
    shown: Option<(&HashMap<String, String>, &settings::FieldProblems)>,
    saved: bool,
) -> Response {
    let folder = folder_value(app, id, dir);
    let (kind, mut values) = match settings::read(dir) {
        Ok(s) => s,
        Err(e) => return page(app, "settings.html", context! { tab => "settings", folder, message => message(&e) }),
    };
    // A refused form shows what the person wrote, not the file.
    if let Some((form, _)) = shown {
        values.extend(form.iter().filter(|(k, _)| !k.starts_with("remove.")).map(|(k, v)| (k.clone(), v.clone())));
    }
    let empty = Vec::new();
    let problems = shown.map_or(&empty, |(_, p)| p);
    let error_of = |key: &str| {
        let said: Vec<String> = problems
            .iter()
            .filter(|(f, p)| f == key && p.is_error())
            .map(|(_, p)| match &p.hint {
                Some(hint) => format!("{} – {hint}", p.message),
                None => p.message.clone(),
            })
            .collect();
        (!said.is_empty()).then(|| said.join("; "))
    };
    let lang = crate::project::language(dir).unwrap_or_default();
    // The default texts as they read, from the folder as last read (the
    // records page's reading, again only when a file changed): off the
    // runtime's thread, as the other reads are.
    let earlier = lock(&app.examined).get(&id).cloned();
    let checked = tokio::task::block_in_place(|| work::examine_again(dir, earlier));
    lock(&app.examined).insert(id, checked.clone());
    let examples = checked.examined.prepared.as_ref().map(work::examples).unwrap_or_default();
    let word = |key: &str| html::word(app.lang, key);
    // The images a refused form chose, kept until it is saved.
    let token = shown.and_then(|(form, _)| form.get("held")).cloned();
    let held: HashMap<String, String> = token
        .as_ref()
        .and_then(|t| {
            lock(&app.held).get(t).map(|(_, kept)| kept.iter().map(|(k, f, _)| (k.clone(), f.clone())).collect())
        })
        .unwrap_or_default();
    let input = |key: &str, how: settings::Input, label: String, help: String| {
        context! {
            held_file => held.get(key).cloned(),
            key,
            id => key.replace('.', "-"),
            input => how,
            value => values.get(key).cloned().unwrap_or_default(),
            placeholder => settings::placeholder(key, kind, lang, &examples),
            // Numbers, colours and a day's times need little room.
            short => matches!(how, settings::Input::Number | settings::Input::Colour)
                || key.ends_with(".time") || key.ends_with(".end"),
            help,
            label,
            error => error_of(key),
        }
    };
    let help = |key: &str| html::word_of(app.lang, kind.written(), &format!("h_{}", key.replace('.', "_")));
    let field = |f: &settings::Field| {
        // A kind may call a setting its own way: a conference's name.
        let label = html::word_of(app.lang, kind.written(), &format!("f_{}", f.key.replace('.', "_")));
        input(f.key, f.input, label, help(f.key))
    };
    // Each list, with two empty rows to add more.
    let table = |r: &settings::Rows| {
        let columns: Vec<String> = r.columns.iter().map(|(c, _)| word(&format!("c_{}_{c}", r.table))).collect();
        let rows: Vec<Vec<Value>> = (0..r.count(&values) + 2)
            .map(|i| {
                r.columns
                    .iter()
                    .zip(&columns)
                    .map(|((c, how), label)| input(&r.key(i, c), *how, format!("{label} {}", i + 1), String::new()))
                    .collect()
            })
            .collect();
        context! {
            table => r.table,
            legend => html::word_of(app.lang, kind.written(), &format!("t_{}", r.table)),
            help => html::word_of(app.lang, kind.written(), &format!("t_{}_help", r.table)),
            columns,
            rows,
        }
    };
    let groups: Vec<Value> = settings::GROUPS
        .iter()
        .map(|g| {
            let fields: Vec<Value> =
                settings::FIELDS.iter().filter(|f| f.of(kind) && f.group == *g).map(field).collect();
            let tables: Vec<Value> = settings::ROWS.iter().filter(|r| r.of(kind) && r.group == *g).map(table).collect();
            context! {
                name => g,
                legend => html::word_of(app.lang, kind.written(), &format!("g_{g}")),
                help => html::word_of(app.lang, kind.written(), &format!("g_{g}_help")),
                fields,
                tables,
            }
        })
        .filter(|g| {
            g.get_attr("fields").is_ok_and(|f| f.len() != Some(0))
                || g.get_attr("tables").is_ok_and(|t| t.len() != Some(0))
        })
        .collect();
    // What no field shows: the whole file's problems, and warnings.
    let at_a_field = |key: &str| {
        settings::FIELDS.iter().any(|f| f.of(kind) && f.key == key)
            || settings::ROWS
                .iter()
                .filter(|r| r.of(kind))
                .any(|r| (0..r.count(&values) + 2).any(|i| r.columns.iter().any(|(c, _)| r.key(i, c) == key)))
    };
    let rest: Vec<Value> =
        problems.iter().filter(|(f, p)| !p.is_error() || !at_a_field(f)).map(|(_, p)| problem(p)).collect();
    let held = token.filter(|_| !held.is_empty());
    page(app, "settings.html", context! { tab => "settings", folder, groups, problems => rest, saved, held })
}

async fn settings(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    settings_page(&app, id, &dir, None, false)
}

async fn settings_save(State(app): State<Arc<App>>, Opened { id, dir }: Opened, mut multipart: Multipart) -> Response {
    let mut form: HashMap<String, String> = HashMap::new();
    let mut uploads = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                match field.file_name().map(str::to_owned) {
                    Some(file) => {
                        if let Ok(bytes) = field.bytes().await {
                            uploads.push((name, file, bytes.to_vec()));
                        }
                    }
                    None => {
                        if let Ok(text) = field.text().await {
                            form.insert(name, text);
                        }
                    }
                }
            }
            Ok(None) => break,
            Err(_) => {
                let e = Hinted::new(
                    tr!("the form could not be received whole", "formuläret kunde inte tas emot helt"),
                    tr!("try again", "försök igen"),
                );
                return page(
                    &app,
                    "settings.html",
                    context! { tab => "settings", folder => folder_value(&app, id, &dir), message => message(&e) },
                );
            }
        }
    }
    // The images of a refused form, chosen again by the token it carried;
    // a new choice or a removal of the same image wins.
    uploads.retain(|(_, _, b)| !b.is_empty());
    let earlier = form.get("held").and_then(|token| lock(&app.held).remove(token));
    if let Some((_, kept)) = earlier.filter(|(folder, _)| *folder == id) {
        for upload in kept {
            let key = &upload.0;
            if !uploads.iter().any(|(k, _, _)| k == key) && !form.contains_key(&format!("remove.{key}")) {
                uploads.push(upload);
            }
        }
    }
    let target = dir.clone();
    let form2 = form.clone();
    let chosen = uploads.clone();
    match blocking(move || settings::save(&target, &form2, uploads)).await {
        Ok(warnings) => settings_page(&app, id, &dir, Some((&HashMap::new(), &warnings)), true),
        Err(problems) => {
            // Kept for the next try, but an image that was itself refused.
            let kept: Vec<settings::Upload> =
                chosen.into_iter().filter(|(key, _, _)| !problems.iter().any(|(k, _)| k == key)).collect();
            if !kept.is_empty()
                && let Ok(token) = guard::secret()
            {
                lock(&app.held).insert(token.clone(), (id, kept));
                form.insert("held".to_owned(), token);
            }
            settings_page(&app, id, &dir, Some((&form, &problems)), false)
        }
    }
}

async fn publish(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let folder = folder_value(&app, id, &dir);
    let url = blocking(move || crate::project::Project::load(&dir).ok().and_then(|p| p.verification().url)).await;
    page(&app, "publish.html", context! { tab => "publish", folder, url, before => true })
}

/// Writes the site, and says the lines to hand to the web team.
async fn publish_site(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let folder = folder_value(&app, id, &dir);
    match blocking(move || work::publish(&dir)).await {
        Ok(published) => {
            let lines = published.lines();
            let out = published.out.display().to_string();
            let problems: Vec<Value> = published
                .warnings()
                .into_iter()
                .map(|w| problem(&Problem::warning(crate::problem::Place::default(), w)))
                .collect();
            let instructions = published.instructions().join("\n");
            let (pages, url) = (published.pages, published.url.clone());
            page(
                &app,
                "publish.html",
                context! { tab => "publish", folder, lines, out, problems, instructions, pages, url },
            )
        }
        Err(found) => {
            let problems: Vec<Value> = found.iter().map(problem).collect();
            page(&app, "publish.html", context! { tab => "publish", folder, problems })
        }
    }
}

/// Every document on proof sheets, those that need a look framed.
async fn proof(State(app): State<Arc<App>>, Opened { id, dir }: Opened) -> Response {
    let folder = folder_value(&app, id, &dir);
    match blocking(move || work::proof(&dir)).await {
        Ok((sheets, found)) => {
            let problems: Vec<Value> = found.iter().map(problem).collect();
            page(&app, "proof.html", context! { tab => "preview", folder, sheets, problems })
        }
        Err(found) => {
            let problems: Vec<Value> = found.iter().map(problem).collect();
            page(&app, "proof.html", context! { tab => "preview", folder, problems })
        }
    }
}

async fn proof_sheet(Opened { dir, .. }: Opened, UrlPath((_, file)): UrlPath<(usize, String)>) -> Response {
    let proofs = dir.join(crate::job::preview::PROOF_DIR);
    let Some(path) = guard::inside(&proofs, &file).filter(|p| p.extension().is_some_and(|e| e == "png")) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match blocking(move || std::fs::read(path)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "image/png")], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
