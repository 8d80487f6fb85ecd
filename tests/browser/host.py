"""What the browser tests share: a static web host for a site folder, Debian's
headless Chromium through Selenium, and an axe-core run on the open page."""

import functools
import http.server
import json
import os
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: 404.html for what is not there, as GitHub Pages,
    Netlify, Cloudflare Pages and GitLab Pages do."""

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.isfile(page):
            with open(page, "rb") as f:
                body = f.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(StaticHost, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d/" % server.server_address[1]


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=400,900",
    ]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def accessible(driver, axe):
    """axe-core's WCAG 2.1 A/AA and best-practice violations on the open
    page, one line each."""
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(function (r) { done(JSON.stringify(r.violations)); });"
    )
    return [
        "axe %s (%s): %s" % (v["id"], v["help"], "; ".join(n["html"][:80] for n in v["nodes"][:3]))
        for v in json.loads(result)
    ]


class Checks:
    """A browser test's findings: each failed check a line, printed at the
    end, their number the exit code."""

    def __init__(self, driver, axe):
        self.driver, self.axe, self.failures = driver, axe, []

    def check(self, ok, what):
        if not ok:
            self.failures.append(what)

    def wait_for(self, predicate, what, seconds=10):
        from selenium.webdriver.support.ui import WebDriverWait

        try:
            WebDriverWait(self.driver, seconds).until(lambda d: predicate())
            return True
        except Exception:
            self.failures.append(what)
            return False

    def text(self):
        """The page's text; a page replaced while it is read is read anew."""
        from selenium.webdriver.common.by import By

        for _ in range(5):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except Exception:
                pass
        return ""

    def accessible(self, page):
        for v in accessible(self.driver, self.axe):
            self.failures.append("%s: %s" % (page, v))

    def exit(self):
        for f in self.failures:
            print(f)
        sys.exit(len(self.failures))
