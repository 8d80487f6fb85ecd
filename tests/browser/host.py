"""What the browser tests share: a static web host for a site folder, Debian's
headless Chromium through Selenium, and an axe-core run on the open page."""

import functools
import http.server
import json
import os
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
