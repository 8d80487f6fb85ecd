"""A coordinator's whole job in intyg app, in a real browser (Debian's
headless Chromium, driven by Selenium), with axe-core checking every page.
Run by tests/cli/app.rs, which starts the app first.

    python3 app.py URL AXE_JS WORK_DIR SAMPLE_DIR SCREENSHOT_DIR

URL is the address `intyg app --no-browser` printed; WORK_DIR a folder to
make a new course folder in; SAMPLE_DIR a copy of samples/mr-strateger-2019.
Prints one line per failed check; the exit code is the number of them.
"""

import base64
import glob
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from host import Checks, browser  # noqa: E402


def sheet(sample, name_header, bad_mark):
    """The sample's Windows-1252 sheet as Excel on Windows saves it, with
    the name in one column under a header intyg does not know, one
    attendance mark `bad_mark` in place of an X, and a comment column
    holding health data."""
    with open(os.path.join(sample, "deltagare.csv"), encoding="cp1252") as f:
        lines = f.read().splitlines()
    out = []
    for i, line in enumerate(lines):
        cells = line.split(";")
        if i == 0:
            cells = [name_header] + cells[2:] + ["Kommentar"]
        else:
            cells = [cells[0] + " " + cells[1]] + cells[2:] + ["diabetes, tål inte gluten" if i == 2 else ""]
            if i == 3:
                cells[-3] = bad_mark
        out.append(";".join(cells))
    return ("\r\n".join(out) + "\r\n").encode("cp1252")


def main():
    url, axe_path, work, sample, shots = sys.argv[1:6]
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    base = url.split("?")[0].rstrip("/") + "/"
    base = base[: base.index("/", len("http://")) + 1]
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    def submit(form_selector):
        driver.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]").click()

    def map_column(header, field):
        """Chooses what the column `header` means in its drop-down, and saves."""
        row = driver.find_element(By.XPATH, "//table[contains(@class,'columns-read')]//tr[th[text()='%s']]" % header)
        Select(row.find_element(By.TAG_NAME, "select")).select_by_value(field)
        row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def upload(path):
        driver.find_element(By.ID, "records-file").send_keys(path)
        submit("form[action*='/records']")

    driver = browser()
    driver.set_window_size(1280, 1000)
    driver.set_script_timeout(30)
    checks = Checks(driver, axe)
    check, wait_for, text, accessible = checks.check, checks.wait_for, checks.text, checks.accessible
    try:
        # The address the program printed: the start page.
        driver.get(url)
        wait_for(lambda: "Senaste mappar" in text(), "the start page did not open: %r" % text()[:300])
        check("token" not in driver.current_url, "the token stayed in the address bar: " + driver.current_url)
        shot("01-start")
        accessible("start")

        # A new course folder, from the starters `intyg init` has, made
        # where the folder picker shows, with nothing typed but its name.
        new = os.path.join(work, "ny-kurs")
        driver.find_element(By.LINK_TEXT, "Bläddra bland mapparna").click()
        wait_for(lambda: "Mappar i" in text(), "the folder picker did not open: %r" % text()[:300])
        driver.get(base + "browse?dir=" + urllib.parse.quote(work))
        wait_for(lambda: "Ny mapp i " + os.path.basename(work) in text(), "the picker does not show the work folder: %r" % text()[:500])
        shot("01b-browse")
        accessible("the folder picker")
        driver.find_element(By.CSS_SELECTOR, "#new-here-form input[name=kind][value=course]").click()
        driver.find_element(By.ID, "new-name").send_keys("ny-kurs")
        submit("#new-here-form")
        wait_for(lambda: "Så läste intyg filen" in text(), "the new folder's page did not open: %r" % text()[:500])
        check(os.path.isfile(os.path.join(new, "intyg.toml")), "no intyg.toml in the new folder")
        check("Exempel: Deltagarna i den här mappen är påhittade" in text(), "the new folder's invented people are not marked: %r" % text()[:600])
        shot("02-new-folder")

        # Its settings: the content list and the verification address,
        # with nothing typed into intyg.toml.
        driver.find_element(By.LINK_TEXT, "Inställningar").click()
        wait_for(lambda: "Kontroll av intygen" in text(), "the settings have no part for checking: %r" % text()[:600])
        content = driver.find_element(By.ID, "programme-content")
        content.clear()
        content.send_keys("Mänskliga rättigheter i kommunen\nDiskrimineringslagen och aktiva åtgärder")
        driver.find_element(By.ID, "programme-verify_url").send_keys("https://intyg.kommun.exempel.se/ny-kurs")
        check(driver.find_element(By.ID, "email-subject").get_attribute("placeholder").startswith("Kursintyg: "),
              "the default subject is not shown as it reads")
        check("{{" not in driver.page_source, "the settings show a placeholder's markup")
        shot("02a-settings-new-folder")
        accessible("the settings of a new folder")
        submit("form.settings")
        wait_for(lambda: "Sparat i intyg.toml." in text(), "the new folder's settings were not saved: %r" % text()[:600])
        with open(os.path.join(new, "intyg.toml"), encoding="utf-8") as f:
            toml = f.read()
        check('content = ["Mänskliga rättigheter i kommunen", "Diskrimineringslagen och aktiva åtgärder"]' in toml,
              "the content list was not saved: " + toml[-1500:])
        check('verify_url = "https://intyg.kommun.exempel.se/ny-kurs"' in toml, "the verify address was not saved")

        # Its own list, as a coordinator's Excel on a Mac saves it (UTF-8
        # with a byte order mark): the starter's people at real addresses,
        # and a comment column holding health data.
        with open(os.path.join(new, "deltagare.csv"), encoding="utf-8-sig") as f:
            starter = f.read().splitlines()
        own = [starter[0] + ";Kommentar"]
        for i, line in enumerate(starter[1:]):
            line = line.replace("@exempelstad.se", "@kommun.se")
            own.append(line + (";diabetes, tål inte gluten" if i == 0 else ";"))
        own_list = os.path.join(tempfile.mkdtemp(), "deltagare ht26.csv")
        with open(own_list, "w", encoding="utf-8-sig", newline="\r\n") as f:
            f.write("\n".join(own) + "\n")
        driver.find_element(By.LINK_TEXT, "Deltagare").click()
        upload(own_list)
        wait_for(lambda: "deltagare ht26.csv" in text() and "Så läste intyg filen" in text(),
                 "the new folder's own list was not read: %r" % text()[:800])
        check("Exempel:" not in text(), "the folder is still marked as examples after its list was replaced")
        map_column("Kommentar", "unused")
        wait_for(lambda: "används inte (så valt)" in text(), "the column is not said to be left out: %r" % text()[:1200])
        with open(os.path.join(new, "intyg.toml"), encoding="utf-8") as f:
            toml = f.read()
        check('unused = ["Kommentar"]' in toml, "[columns] unused was not written: " + toml[-300:])
        check("diabetes" not in text(), "the left-out column's health data is still on the page")
        accessible("the new folder's own list, a column left out")
        driver.find_element(By.LINK_TEXT, "Utfärda").click()
        submit("form[action*='/issue']")
        wait_for(lambda: "Utfärdade:" in text(), "the new folder was not issued: %r" % text()[:800], seconds=60)
        check("Utfärdade: 6 dokument" in text(), "not six documents: %r" % text()[:600])
        check("kursintyg" in text().lower(), "the issued list does not name the kind")
        check(not any("diabetes" in subprocess.run(["pdftotext", p, "-"], capture_output=True, text=True).stdout
                      for p in glob.glob(os.path.join(new, "out", "*.pdf"))), "health data reached a PDF")

        # The mail server, set up in the settings: a real SMTP server on
        # this computer that wants a login.
        maildir = tempfile.mkdtemp()
        smtp = subprocess.Popen(
            [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "smtp_server.py"), maildir,
             "--user", "kurser", "--password", "hemligt lösen"],
            stdout=subprocess.PIPE, text=True)
        try:
            port = smtp.stdout.readline().split()[1]
            driver.find_element(By.LINK_TEXT, "Inställningar").click()
            for field, value in [("email-from", "Kursansvarig <kurs@kommun.se>"), ("smtp-host", "127.0.0.1"),
                                 ("smtp-port", port), ("smtp-user", "kurser"), ("smtp-per_minute", "600")]:
                element = driver.find_element(By.ID, field)
                element.clear()
                element.send_keys(value)
            # Plain, as to a server on this computer only.
            Select(driver.find_element(By.ID, "smtp-security")).select_by_value("none")
            shot("11-settings-email")
            submit("form.settings")
            wait_for(lambda: "Sparat i intyg.toml." in text(), "the mail settings were not saved: %r" % text()[:600])
            with open(os.path.join(new, "intyg.toml"), encoding="utf-8") as f:
                toml = f.read()
            check('host = "127.0.0.1"' in toml and "port = " + port in toml and 'user = "kurser"' in toml,
                  "[smtp] was not written: " + toml[-600:])
            check("hemligt" not in toml, "a password is in intyg.toml")

            # A test message to oneself, first with a wrong password.
            driver.find_element(By.LINK_TEXT, "Skicka").click()
            wait_for(lambda: "Servern vill ha ett lösenord" in text(), "the send page does not ask for the password: %r" % text()[:800])
            def test_message(password):
                to = driver.find_element(By.ID, "test-to")
                to.clear()
                to.send_keys("ada.kursansvarig@kommun.se")
                driver.find_element(By.ID, "test-password").send_keys(password)
                submit("form.test-message")

            test_message("fel")
            wait_for(lambda: "nekade inloggningen" in text(), "a wrong password is not said to be refused: %r" % text()[:800])
            test_message("hemligt lösen")
            wait_for(lambda: "Provmeddelandet skickades till ada.kursansvarig@kommun.se" in text(),
                     "the test message was not sent: %r" % text()[:800])
            check("Lösenordet är sparat på den här datorn." in text(), "the password is not said to be kept")
            shot("12-test-message")
            accessible("send, after a test message")
            tested = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(os.path.join(maildir, "*.json")))]
            check(len(tested) == 1 and tested[0]["rcpt_tos"] == ["ada.kursansvarig@kommun.se"]
                  and tested[0]["subject"] == "Provmeddelande från intyg"
                  and "Det här är ett provmeddelande från intyg." in tested[0]["body"], "the test message: %r" % tested)

            # Then every certificate, the password no more asked for.
            check(not driver.find_elements(By.ID, "send-password"), "the kept password is asked for again")
            driver.find_element(By.CSS_SELECTOR, "input[name=confirm]").click()
            submit("form[action*='/send?']")
            wait_for(lambda: "Skickade: 6" in text(), "the certificates were not sent: %r" % text()[:800], seconds=90)
            shot("13-sent")
            accessible("sent")
            sent = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(os.path.join(maildir, "*.json")))]
            check(len(sent) == 7, "%d messages reached the server, not 7" % len(sent))
            check(any(m["rcpt_tos"] == ["mohammed.haddad@kommun.se"] and m["attachments"] for m in sent),
                  "Mohammed's certificate did not reach the server")
        finally:
            smtp.terminate()
        driver.find_element(By.LINK_TEXT, "Publicera").click()
        check("https://intyg.kommun.exempel.se/ny-kurs" in text(), "the publish page does not say where the documents point")
        submit("form[action*='/publish']")
        wait_for(lambda: "Webbplatsen är skriven" in text(), "the new folder's site was not written: %r" % text()[:600])
        said = driver.find_element(By.ID, "instructions").get_attribute("value")
        check("ErrorDocument 404 /ny-kurs/404.html" in said, "the web team's instructions: %r" % said)
        check(os.path.isfile(os.path.join(new, "site", "index.html")), "no site/index.html in the new folder")
        accessible("the new folder's site, published")

        # The sample folder, opened by its path.
        driver.get(base)
        driver.find_element(By.ID, "open-path").send_keys(sample)
        submit("#open-form")
        wait_for(lambda: "Windows-1252" in text(), "the sample's page does not say how the file was read: %r" % text()[:500])
        accessible("the folder page")

        # Settings: a colour that is none is refused at its field, and the
        # file stays as it was; a new place and colour are saved.
        with open(os.path.join(sample, "intyg.toml"), encoding="utf-8") as f:
            before = f.read()
        driver.find_element(By.LINK_TEXT, "Inställningar").click()
        accent = driver.find_element(By.ID, "look-accent")
        accent.clear()
        accent.send_keys("blå")
        # A third signatory with a picture of her signature, chosen with
        # the wrong colour: the refused form keeps the picture.
        signature = os.path.join(tempfile.mkdtemp(), "namnteckning öberg.svg")
        with open(signature, "w", encoding="utf-8") as f:
            f.write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30">'
                    '<path d="M5 25 C 20 0, 40 30, 60 10 S 90 20, 95 5" stroke="#000" fill="none"/></svg>')
        driver.find_element(By.ID, "signatories-2-name").send_keys("Åsa Öberg")
        driver.find_element(By.ID, "signatories-2-title").send_keys("Rektor")
        driver.find_element(By.ID, "signatories-2-signature").send_keys(signature)
        submit("form.settings")
        wait_for(lambda: "ingen färg" in text(), "a wrong colour is not refused: %r" % text()[:600])
        check("Vald: namnteckning öberg.svg (sparas när formuläret sparas)" in text(),
              "the refused form forgot the chosen signature: %r" % text()[-1500:])
        check(not os.path.exists(os.path.join(sample, "namnteckning öberg.svg")), "a refused form saved an image")
        check(driver.find_element(By.ID, "look-accent").get_attribute("aria-invalid") == "true", "the colour field is not marked")
        with open(os.path.join(sample, "intyg.toml"), encoding="utf-8") as f:
            check(f.read() == before, "a refused setting changed intyg.toml")
        shot("02b-settings-refused")
        accessible("settings with an error")
        accent = driver.find_element(By.ID, "look-accent")
        accent.clear()
        accent.send_keys("#6a1b9a")
        place = driver.find_element(By.ID, "programme-place")
        place.clear()
        place.send_keys("Göteborg")
        # A thin frame; the signature is not chosen again.
        Select(driver.find_element(By.ID, "look-frame")).select_by_value("thin")
        submit("form.settings")
        wait_for(lambda: "Sparat i intyg.toml." in text(), "the settings were not saved: %r" % text()[:600])
        with open(os.path.join(sample, "intyg.toml"), encoding="utf-8") as f:
            after = f.read()
        check('place = "Göteborg"' in after and 'accent = "#6a1b9a"' in after, "intyg.toml: " + after[:600])
        check('name = "Åsa Öberg"\ntitle = "Rektor"\nsignature = "namnteckning öberg.svg"' in after,
              "the signatory was not saved: " + after)
        check('frame = "thin"' in after, "the frame was not saved: " + after)
        check(os.path.isfile(os.path.join(sample, "namnteckning öberg.svg")), "the signature image is not in the folder")
        check("namnteckning öberg.svg" in text(), "the page does not show the saved signature")
        shot("02c-settings-saved")
        accessible("settings, saved")
        check(after.startswith(before.split("\n")[0]), "intyg.toml lost its first comment")
        driver.find_element(By.LINK_TEXT, "Deltagare").click()

        # A Windows-1252 sheet with a name column intyg does not know and
        # an attendance mark it cannot read.
        tmp = tempfile.mkdtemp()
        broken = os.path.join(tmp, "deltagare-export.csv")
        with open(broken, "wb") as f:
            f.write(sheet(sample, "Namn på deltagaren", "XX"))
        upload(broken)
        wait_for(lambda: "deltagare-export.csv: kodning Windows-1252" in text(), "the uploaded sheet was not read: %r" % text()[:800])
        check("Inte klart att utfärda" in text(), "a sheet without a name column is not refused: %r" % text()[:800])
        shot("03-unknown-column")
        accessible("the folder page with problems")

        # Map the column: the drop-down writes [columns] into intyg.toml.
        map_column("Namn på deltagaren", "name")
        wait_for(lambda: "okänd närvaromarkering" in text(), "after mapping, the bad mark is not the problem left: %r" % text()[:800])
        with open(os.path.join(sample, "intyg.toml"), encoding="utf-8") as f:
            toml = f.read()
        check('name = "Namn på deltagaren"' in toml, "[columns] was not written: " + toml[-300:])
        check(toml.lstrip().startswith("#"), "intyg.toml lost its comments")
        bad = driver.find_elements(By.CSS_SELECTOR, "table.records td.error")
        check(len(bad) == 1 and bad[0].text.startswith("XX"), "the bad mark's cell is not marked: %r" % [b.text for b in bad])
        shot("04-problem-on-its-cell")

        # Fix it in the spreadsheet, upload again: the problem is gone.
        # Dropped on the form this time, as from the file manager.
        fixed = base64.b64encode(sheet(sample, "Namn på deltagaren", "X")).decode()
        driver.execute_script(
            "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
            "const files = new DataTransfer();"
            "files.items.add(new File([bytes], 'deltagare-export.csv', {type: 'text/csv'}));"
            "document.querySelector('form.drop').dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));",
            fixed,
        )
        wait_for(lambda: "Inte klart" not in text() and "rader:" in text(), "the fixed sheet is still refused: %r" % text()[:800])
        check(not driver.find_elements(By.CSS_SELECTOR, "table.records td.error"), "a cell is still marked")
        shot("05-ready")

        # Preview: the first document, then the next.
        driver.find_element(By.LINK_TEXT, "Förhandsgranska").click()
        loaded = "return (function(i){return i && i.complete && i.naturalWidth > 0})(document.querySelector('figure.page img'))"
        wait_for(lambda: driver.execute_script(loaded), "the preview picture did not load")
        first = driver.find_element(By.CSS_SELECTOR, "figure.page img").get_attribute("alt")
        driver.find_element(By.LINK_TEXT, "Nästa").click()
        wait_for(lambda: driver.execute_script(loaded), "the next preview did not load")
        second = driver.find_element(By.CSS_SELECTOR, "figure.page img").get_attribute("alt")
        check(first != second and second.startswith("Förhandsgranskning av dokumentet för"), "next shows another document: %r %r" % (first, second))
        shot("06-preview")
        accessible("preview")

        # Proof sheets: all 25 documents, twelve to a sheet.
        driver.find_element(By.LINK_TEXT, "Korrektur: alla dokument").click()
        sheets = "return Array.from(document.querySelectorAll('figure.page img')).filter(i => i.complete && i.naturalWidth > 0).length"
        wait_for(lambda: driver.execute_script(sheets) == 3, "not three proof sheets: %r" % text()[:400], seconds=30)
        accessible("proof sheets")

        # Issue: progress, then the documents, each a link.
        driver.find_element(By.LINK_TEXT, "Utfärda").click()
        submit("form[action*='/issue']")
        wait_for(lambda: "Utfärdade:" in text(), "issuing did not finish: %r" % text()[:800], seconds=60)
        check("Utfärdade: 25 dokument" in text(), "not every participant's document is listed: %r" % text()[:600])
        links = driver.find_elements(By.CSS_SELECTOR, "a[href*='/out/']")
        check(len(links) == 25, "%d links to documents, not 25" % len(links))
        shot("07-issued")
        accessible("issued")

        # The ZIP, fetched as the browser would with its cookie, and a
        # PDF from it read back.
        href = driver.find_element(By.LINK_TEXT, "Ladda ned alla (ZIP)").get_attribute("href")
        jar = http.cookiejar.CookieJar()
        for c in driver.get_cookies():
            jar.set_cookie(http.cookiejar.Cookie(0, c["name"], c["value"], None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {}))
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        data = opener.open(href).read()
        archive = os.path.join(tmp, "alla.zip")
        with open(archive, "wb") as f:
            f.write(data)
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
            pdfs = [n for n in names if n.endswith(".pdf")]
            check("register.csv" in names, "the ZIP has no register: %r" % names)
            mohammed = [n for n in pdfs if "mohammed" in n]
            check(len(mohammed) == 1, "no PDF for Mohammed in the ZIP: %r" % names)
            if mohammed:
                z.extract(mohammed[0], tmp)
                said = subprocess.run(["pdftotext", os.path.join(tmp, mohammed[0]), "-"], capture_output=True, text=True).stdout
                check("Mohammed Al-Rashid" in said, "the PDF from the ZIP does not name him: %r" % said[:300])

        # The programme report, and the messages as they would be sent.
        driver.find_element(By.LINK_TEXT, "Rapport").click()
        submit("form[action*='/report']")
        wait_for(lambda: "Rapporten är klar" in text(), "the report was not made: %r" % text()[:600], seconds=60)
        check(os.path.isfile(os.path.join(sample, "out", "programrapport.pdf")), "no programrapport.pdf")
        accessible("report")
        driver.find_element(By.LINK_TEXT, "Skicka").click()
        wait_for(lambda: "25 meddelanden att skicka" in text(), "the dry run does not show 25 messages: %r" % text()[:600])
        check("mohammed.al-rashid@malmo.exempel.se" in text(), "a recipient is missing from the dry run")
        shot("09-send-dry-run")
        accessible("send")

        driver.find_element(By.LINK_TEXT, "Publicera").click()
        submit("form[action*='/publish']")
        wait_for(lambda: "Webbplatsen är skriven" in text(), "the site was not written: %r" % text()[:600])
        check(os.path.isfile(os.path.join(sample, "site", "index.html")), "no site/index.html")
        said = driver.find_element(By.ID, "instructions").get_attribute("value")
        check("ErrorDocument 404 /mrs19/404.html" in said and "error_page 404 /mrs19/404.html;" in said,
              "the web team's instructions lack the 404 line: %r" % said)
        check("Publicerade" not in text() or "Teknisk information" in text(), "the command-line log is shown as the instructions")
        shot("10-published")
        accessible("publish")

        # Check a certificate: one of those just issued.
        driver.find_element(By.LINK_TEXT, "Kontrollera ett intyg").click()
        out = os.path.join(sample, "out")
        one = sorted(p for p in os.listdir(out) if p.endswith(".pdf"))[0]
        driver.find_element(By.ID, "pdf-file").send_keys(os.path.join(out, one))
        submit("form[action*='/verify']")
        wait_for(lambda: one + ": giltigt" in text(), "the issued PDF is not said to be valid: %r" % text()[:600])
        shot("08-verified")
        accessible("verify")
        # A conference folder made in the app: its signing sheet and badges.
        driver.get(base + "browse?dir=" + urllib.parse.quote(work))
        wait_for(lambda: "Ny mapp i " + os.path.basename(work) in text(), "the picker did not open again")
        driver.find_element(By.CSS_SELECTOR, "#new-here-form input[name=kind][value=conference]").click()
        driver.find_element(By.ID, "new-name").send_keys("ny-konferens")
        submit("#new-here-form")
        wait_for(lambda: "Så läste intyg filen" in text(), "the new conference's page did not open: %r" % text()[:500])
        driver.find_element(By.LINK_TEXT, "Utfärda").click()
        wait_for(lambda: "Inför dagen" in text(), "the conference's issue page has no signing sheet: %r" % text()[:800])
        submit("form[action*='/door/sheets']")
        wait_for(lambda: "Närvarolistan är klar" in text(), "the signing sheet was not made: %r" % text()[:800], seconds=30)
        submit("form[action*='/door/badges']")
        wait_for(lambda: "Namnbrickorna är klara" in text(), "the badges were not made: %r" % text()[:800], seconds=30)
        conference_out = os.path.join(work, "ny-konferens", "out")
        check(os.path.isfile(os.path.join(conference_out, "namnbrickor.pdf")), "no namnbrickor.pdf")
        check(os.path.isfile(os.path.join(conference_out, "narvarolista.pdf")), "no narvarolista.pdf")
        badges = subprocess.run(["pdftotext", os.path.join(conference_out, "namnbrickor.pdf"), "-"], capture_output=True, text=True).stdout
        check(len(badges.strip()) > 0, "the badges PDF holds no text")
        link = driver.find_element(By.CSS_SELECTOR, "a[href*='/out/namnbrickor.pdf']").get_attribute("href")
        check(link.endswith("/out/namnbrickor.pdf"), "no link to the badges: %r" % link)
        shot("14-conference-door")
        accessible("a conference's issue page with its door documents")

        # A diploma scheme: its register, what to renew, and a revocation.
        diplomas = os.path.join(work, "mangfaldsdiplom-pitea")
        driver.get(base)
        driver.find_element(By.ID, "open-path").send_keys(diplomas)
        submit("#open-form")
        wait_for(lambda: "Organisationer" in text(), "the diploma folder did not open: %r" % text()[:500])
        driver.find_element(By.LINK_TEXT, "Utfärda").click()
        submit("form[action*='/issue']")
        wait_for(lambda: "Utfärdade:" in text(), "the diplomas were not issued: %r" % text()[:800], seconds=60)
        driver.find_element(By.LINK_TEXT, "Register").click()
        wait_for(lambda: "Alla diplom: 12" in text(), "the register page does not list the diplomas: %r" % text()[:800])
        check("Att förnya: upphör inom 90 dagar" in text(), "the register page does not say what to renew")
        row = driver.find_element(By.XPATH, "//table[contains(@class,'register')]//tr[th[text()='Norrbottens Rörservice AB']]")
        row.find_element(By.TAG_NAME, "summary").click()
        row.find_element(By.TAG_NAME, "textarea").send_keys("Företaget har upphört")
        shot("15-register")
        accessible("a diploma folder's register")
        row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(lambda: "Återkallat och registret uppdaterat" in text(), "the revocation was not made: %r" % text()[:800], seconds=30)
        with open(os.path.join(diplomas, "register.csv"), encoding="utf-8-sig") as f:
            register = f.read()
        check(any(l.startswith("MDP-2024-001;") and ";återkallat;" in l for l in register.splitlines()),
              "the register does not say MDP-2024-001 is revoked")
        check(not glob.glob(os.path.join(diplomas, "out", "MDP-2024-001-*.pdf")), "the revoked diploma's PDF is still there")
        accessible("the register after a revocation")
        # A renewal started from the list of what to renew: a new row in the
        # organisations' list, to review and issue.
        with open(os.path.join(diplomas, "organisationer.csv"), encoding="utf-8-sig") as f:
            rows = len(f.read().splitlines())
        renew = driver.find_element(By.XPATH, "//section[@aria-labelledby='expiring']//tr[th[text()='Kafé Strömsund HB']]//button")
        renew.click()
        wait_for(lambda: "En ny rad för MDP-2024-002:s organisation lades sist i listan" in text(),
                 "the renewal was not started: %r" % text()[:800])
        with open(os.path.join(diplomas, "organisationer.csv"), encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
        check(len(lines) == rows + 1 and lines[-1].startswith("Kafé Strömsund HB;969731-4426;"),
              "the renewal's row: %r" % lines[-1:])
        shot("16-renewal-started")
        accessible("the register after a renewal was started")
    except Exception as e:
        checks.failures.append("stopped at %s: %s" % (driver.current_url, str(e).splitlines()[0]))
        shot("failed")
    finally:
        driver.quit()
    checks.exit()


if __name__ == "__main__":
    main()
