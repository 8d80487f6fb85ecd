//! What every request must show before the app does anything: a local
//! web server is still a server. It listens on 127.0.0.1 only; the secret
//! token of the address it opened (then a cookie) shuts out other users
//! and programs of the computer; the Host header shuts out DNS rebinding;
//! Origin and a CSRF token shut out other sites' forms and scripts; and
//! paths from the browser stay inside the folders the user opened.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::App;
use crate::problem::Hinted;

/// The cookie that carries the token after the first request.
pub const COOKIE: &str = "intyg_app";

/// 32 random bytes as 64 hex digits, from the operating system.
pub fn secret() -> Result<String, Hinted> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Hinted::new(format!("no random numbers: {e}"), ""))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a Host header names this server: `127.0.0.1:PORT` or
/// `localhost:PORT`. Anything else is a name that resolves here by DNS
/// rebinding, or another server.
pub fn host_ok(host: Option<&str>, port: u16) -> bool {
    host.is_some_and(|h| h == format!("127.0.0.1:{port}") || h == format!("localhost:{port}"))
}

/// Whether an Origin header is this app's own.
pub fn origin_ok(origin: Option<&str>, port: u16) -> bool {
    origin.is_some_and(|o| o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}"))
}

/// The value of `name` in a Cookie header.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The value of `name` in a query string.
pub fn query_value<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?.split('&').filter_map(|pair| pair.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// A refusal: the status and a line saying why, as plain text.
fn refuse(status: StatusCode, why: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], why).into_response()
}

/// Lets a request through only when it shows everything above.
pub async fn check(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !host_ok(host, app.port) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            tr!(
                "this address is not the app's: open the one intyg app printed",
                "adressen är inte appens: öppna den som intyg app skrev ut"
            ),
        );
    }
    let query = request.uri().query();
    // The address the program opened: the token moves into a cookie, and
    // out of the address bar and the history.
    if let Some(token) = query_value(query, "token") {
        if !same(token, &app.token) {
            return refuse(StatusCode::FORBIDDEN, wrong_token());
        }
        let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", app.token);
        // Only to a path of this app: "//host" would leave it.
        let path = request.uri().path();
        let path = if path.starts_with('/') && !path.starts_with("//") { path } else { "/" };
        let mut to = Redirect::to(path).into_response();
        if let Ok(v) = cookie.parse() {
            to.headers_mut().insert(header::SET_COOKIE, v);
        }
        return to;
    }
    if !cookie(headers, COOKIE).is_some_and(|c| same(c, &app.token)) {
        return refuse(StatusCode::FORBIDDEN, wrong_token());
    }
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        if method != Method::POST || !origin_ok(origin, app.port) {
            return refuse(
                StatusCode::FORBIDDEN,
                tr!("a change must come from the app's own page", "en ändring måste komma från appens egen sida"),
            );
        }
        let csrf = headers.get("x-intyg-csrf").and_then(|v| v.to_str().ok()).or_else(|| query_value(query, "csrf"));
        if !csrf.is_some_and(|c| same(c, &app.csrf)) {
            return refuse(
                StatusCode::FORBIDDEN,
                tr!(
                    "the page is out of date: reload it and try again",
                    "sidan är inaktuell: ladda om den och försök igen"
                ),
            );
        }
    }
    app.touch();
    next.run(request).await
}

fn wrong_token() -> String {
    tr!(
        "this page needs the address intyg app printed (with its token); open that one",
        "sidan behöver adressen som intyg app skrev ut (med sin nyckel); öppna den"
    )
}

/// `rel`, a path from the browser, inside `base`: no absolute path, no
/// `..`, and no symbolic link that leads out. `None` when it escapes or
/// is not there.
pub fn inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let base = base.canonicalize().ok()?;
    let path = base.join(rel).canonicalize().ok()?;
    path.starts_with(&base).then_some(path)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn only_this_server_by_its_own_names() {
        assert!(host_ok(Some("127.0.0.1:8123"), 8123));
        assert!(host_ok(Some("localhost:8123"), 8123));
        assert!(!host_ok(Some("evil.example:8123"), 8123));
        assert!(!host_ok(Some("127.0.0.1:9999"), 8123));
        assert!(!host_ok(None, 8123));
        assert!(origin_ok(Some("http://127.0.0.1:8123"), 8123));
        assert!(!origin_ok(Some("http://evil.example"), 8123));
        assert!(!origin_ok(Some("null"), 8123));
        assert!(!origin_ok(None, 8123));
    }

    #[test]
    fn secrets_are_long_random_and_compared_whole() {
        let (a, b) = (secret().unwrap(), secret().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b) && !same(&a, &a[..63]));
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("out/a.pdf"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        let out = dir.path().join("out");
        assert!(inside(&out, "a.pdf").is_some());
        assert!(inside(&out, "../secret.txt").is_none());
        assert!(inside(&out, "/etc/passwd").is_none());
        assert!(inside(&out, "missing.pdf").is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.pdf")).unwrap();
            assert!(inside(&out, "link.pdf").is_none(), "a link out of the folder");
        }
    }
}
