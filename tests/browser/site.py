"""The published verification site in a real browser (Debian's headless
Chromium, driven by Selenium): pages found by id in any case, an unknown id
answered in the site's language, and no accessibility violations by
axe-core. Run by tests/cli/site.rs, which makes the site first.

    python3 site.py SITE_DIR AXE_JS ID UNKNOWN [ACHIEVEMENT_PATH]

Serves SITE_DIR the way common static hosts do (a missing path gets
404.html with status 404, a folder without its slash is redirected), and
prints one line per failed check; the exit code is the number of them.
"""

import os
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from host import Checks, browser, serve  # noqa: E402


def main():
    site, axe_path, known, unknown = sys.argv[1:5]
    achievement = sys.argv[5] if len(sys.argv) > 5 else None
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    server, base = serve(site)

    driver = browser()
    driver.set_script_timeout(30)
    checks = Checks(driver, axe)
    check, wait_for, text, accessible = checks.check, checks.wait_for, checks.text, checks.accessible
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
        # A link made to leave the site (an open redirect): the 404 page
        # stays on this host, whatever the path's slashes say.
        origin = base[: base.index("/", len("http://"))]
        for path in ["//evil.example/" + known.lower(), "/\\evil.example/" + known.lower(),
                     "/%2F%2Fevil.example/" + known.lower(), "//evil.example/x/" + known.lower()]:
            driver.get(origin + path)
            WebDriverWait(driver, 3).until(lambda d: d.execute_script("return document.readyState") == "complete")
            time.sleep(0.3)
            check(driver.current_url.startswith(origin + "/"), "%s left the site for %s" % (path, driver.current_url))

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
    checks.exit()


if __name__ == "__main__":
    main()
