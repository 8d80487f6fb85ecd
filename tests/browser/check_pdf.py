"""The start page's "Kontrollera en PDF" in a real browser (Debian's
headless Chromium, driven by Selenium): a genuine PDF, one with a changed
byte, a revoked one and one whose credential someone else signed are
dropped on the page, and the verdicts read; then
the same with the network cut (the browser offline and the web server
stopped) after the page has loaded. The page passes axe-core with a
verdict on it. Run by tests/cli/site.rs, which makes the site and files.

    python3 check_pdf.py SITE_DIR AXE_JS GOOD.pdf CHANGED.pdf REVOKED.pdf FORGED.pdf

Prints one line per failed check; the exit code is the number of them.
"""

import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from host import accessible, browser, serve  # noqa: E402

# A file dropped as a person drops one: a DataTransfer holding the file,
# in dragover and drop events on the check's area. Selenium can only hand
# a file to a file input, so a hidden one reads it from disk first.
DROP = """
var target = document.getElementById('check');
var input = document.createElement('input');
input.type = 'file';
input.style.display = 'none';
input.onchange = function () {
  var data = new DataTransfer();
  data.items.add(input.files[0]);
  ['dragenter', 'dragover', 'drop'].forEach(function (type) {
    target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  });
  input.remove();
};
document.body.appendChild(input);
return input;
"""


def main():
    site, axe_path, good, changed, revoked, forged = sys.argv[1:7]
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    server, base = serve(site)
    failures = []
    driver = browser()
    driver.set_script_timeout(30)

    def verdict_of(path, how):
        driver.execute_script("document.getElementById('verdict').textContent = '';")
        if how == "drop":
            driver.execute_script(DROP).send_keys(os.path.abspath(path))
        else:
            field = driver.find_element(By.ID, "pdf")
            field.clear()
            field.send_keys(os.path.abspath(path))
        verdict = driver.find_element(By.ID, "verdict")
        try:
            WebDriverWait(driver, 10).until(lambda d: verdict.text and not verdict.text.startswith("Kontrollerar"))
        except Exception:
            pass
        return verdict.text

    def expect(path, how, head, words, when):
        said = verdict_of(path, how)
        if not said.startswith(head) or any(w not in said for w in words):
            failures.append("%s, %s %s: expected %r with %r, the page says %r" % (when, how, os.path.basename(path), head, words, said))

    def loaded():
        driver.get(base)
        try:
            WebDriverWait(driver, 10).until(
                lambda d: d.find_element(By.ID, "check").get_attribute("data-ready") == "true"
            )
        except Exception:
            failures.append("the check did not get ready: %r" % driver.find_element(By.ID, "verdict").text)

    def all_three(when):
        expect(good, "drop", "Äkta.", ["MDP-2024-002 är utfärdat av Piteå kommun", "Kafé Strömsund HB", "Mångfaldsdiplom"], when)
        expect(changed, "drop", "Ändrat.", ["MDP-2024-002", "Lita inte på innehållet"], when)
        expect(revoked, "choose", "Återkallat.", ["MDP-2024-001", "har återkallats av utfärdaren"], when)
        expect(forged, "drop", "Ändrat.", ["stämmer inte med nyckeln hos Piteå kommun"], when)

    try:
        loaded()
        all_three("online")
        for v in accessible(driver, axe):
            failures.append("index.html with a verdict: " + v)
        # The English page speaks English.
        driver.get(base + "en.html")
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "check").get_attribute("data-ready") == "true")
        said = verdict_of(good, "drop")
        if not said.startswith("Genuine."):
            failures.append("en.html: a genuine PDF is said to be %r" % said)

        # The network cut once the page has loaded: nothing is fetched,
        # nothing uploaded, and every verdict stays the same.
        loaded()
        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        server.shutdown()
        all_three("offline")
    finally:
        driver.quit()
    for f in failures:
        print(f)
    sys.exit(len(failures))


if __name__ == "__main__":
    main()
