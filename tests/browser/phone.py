"""The published site's pages on a phone (Debian's headless Chromium,
driven by Selenium): each page given, laid out 360 CSS pixels wide, fits
that width (nothing to scroll sideways: a long organisation name, issuer
or checksum wraps) and passes axe-core. Run by tests/cli/site.rs.

    python3 phone.py SITE_DIR AXE_JS PATH...

Prints one line per failed check; the exit code is the number of them.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from host import Checks, browser, serve  # noqa: E402

# What scrolls sideways on a 360-pixel phone: the page, or any element
# whose content is wider than its box and is not meant to scroll.
WIDER = """
// The layout viewport's width: a mobile browser zooms out (innerWidth
// grows) to show a page wider than the phone.
var width = document.documentElement.clientWidth;
var out = [];
if (document.documentElement.scrollWidth > width + 1) {
  out.push('the page is ' + document.documentElement.scrollWidth + ' px wide');
}
document.querySelectorAll('body *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.width > 0 && r.right > width + 1) {
    out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ends at ' + Math.round(r.right) + ' px: ' + (e.textContent || '').trim().slice(0, 60));
  }
});
return out.slice(0, 5);
"""


def main():
    site, axe_path = sys.argv[1:3]
    paths = sys.argv[3:]
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    server, base = serve(site)
    driver = browser()
    driver.set_script_timeout(30)
    # A phone's viewport: 360 CSS pixels across.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    checks = Checks(driver, axe)
    try:
        for path in paths:
            driver.get(base + path)
            wider = driver.execute_script(WIDER)
            checks.check(not wider, "%s on a phone: %s" % (path, "; ".join(wider)))
            checks.accessible(path + " on a phone")
    finally:
        driver.quit()
        server.shutdown()
    checks.exit()


if __name__ == "__main__":
    main()
