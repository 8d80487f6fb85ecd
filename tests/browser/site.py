"""The published verification site in a real browser (Debian's headless
Chromium, driven by Selenium): pages found by id in any case, an unknown id
answered in the site's language, and no accessibility violations by
axe-core. Run by tests/cli/site.rs, which makes the site first.

    python3 site.py SITE_DIR AXE_JS ID UNKNOWN [ACHIEVEMENT_PATH]

Serves SITE_DIR the way common static hosts do (a missing path gets
404.html with status 404, a folder without its slash is redirected), and
prints one line per failed check; the exit code is the number of them.
"""

import functools
import http.server
import json
import os
import sys
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


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


def main():
    site, axe_path, known, unknown = sys.argv[1:5]
    achievement = sys.argv[5] if len(sys.argv) > 5 else None
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    server, base = serve(site)
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    def wait_for(predicate, what, seconds=5):
        try:
            WebDriverWait(driver, seconds).until(lambda d: predicate())
            return True
        except Exception:
            failures.append(what)
            return False

    def text():
        return driver.find_element(By.TAG_NAME, "body").text

    def accessible(page):
        driver.execute_script(axe)
        result = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
            ".then(function (r) { done(JSON.stringify(r.violations)); });"
        )
        for v in json.loads(result):
            nodes = "; ".join(n["html"][:80] for n in v["nodes"][:3])
            failures.append("%s: axe %s (%s): %s" % (page, v["id"], v["help"], nodes))

    driver = browser()
    driver.set_script_timeout(30)
    try:
        # A document's page, as its QR code opens it.
        driver.get(base + known + "/")
        check(known + " är giltigt." in text(), "the page of %s does not say it is valid: %r" % (known, text()[:300]))
        accessible(known + "/")
        # Its English twin, one link away.
        driver.find_element(By.LINK_TEXT, "In English").click()
        wait_for(lambda: "is valid." in text(), "the English page does not say it is valid")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the English page is not lang=en")
        accessible(known + "/en.html")

        # The search page: an id in lower case, with spaces around it.
        driver.get(base)
        accessible("index.html")
        field = driver.find_element(By.ID, "id")
        field.send_keys("  " + known.lower() + " ")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(lambda: driver.current_url.rstrip("/").endswith("/" + known), "searching %s in lower case did not open its page: %s" % (known.lower(), driver.current_url))
        # An unknown id: said on the page, in Swedish.
        driver.get(base)
        driver.find_element(By.ID, "id").send_keys(unknown)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        said = "Det finns inget dokument med id %s: kontrollera att du skrivit rätt." % unknown
        wait_for(lambda: said in driver.find_element(By.ID, "result").text, "an unknown id is not answered: %r" % driver.find_element(By.ID, "result").text)
        check(driver.current_url.startswith(base), "an unknown id left the search page")
        accessible("index.html with an unknown id")

        # A link typed in lower case: the host's 404 page finds the page.
        driver.get(base + known.lower())
        wait_for(lambda: driver.current_url.rstrip("/").endswith("/" + known), "a lower-case link did not reach %s: %s" % (known, driver.current_url))
        # A link to an id that is not there: a friendly page, not a bare 404.
        driver.get(base + unknown)
        wait_for(lambda: said in text(), "the 404 page does not name the unknown id: %r" % text()[:300])
        check("Till sökningen" in text(), "the 404 page has no way back to the search")
        accessible("404.html")
        driver.find_element(By.LINK_TEXT, "Till sökningen").click()
        wait_for(lambda: driver.find_elements(By.ID, "id") and "Registret har" in text(), "the 404 page's link does not lead to the search: %s" % driver.current_url)

        # The page a credential's achievement id leads to.
        if achievement:
            driver.get(base + achievement)
            check("Krav" in text(), "the achievement page says no criteria: %r" % text()[:300])
            accessible(achievement)
    finally:
        driver.quit()
        server.shutdown()
    for f in failures:
        print(f)
    sys.exit(len(failures))


if __name__ == "__main__":
    main()
