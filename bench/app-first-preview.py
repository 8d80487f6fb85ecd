#!/usr/bin/env python3
"""Measures the time from starting `intyg app` on a folder to the first
preview picture in hand, as a browser would fetch it:

    bench/app-first-preview.py [FOLDER]     # default: samples/mr-strateger-2019

Prints the time to the printed address and to the preview PNG (median of
five runs), on a copy of the folder."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "samples/mr-strateger-2019")
intyg = os.path.join(root, "target/release/intyg")
address, preview = [], []
for _ in range(5):
    work = tempfile.mkdtemp()
    copy = os.path.join(work, "p")
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("out"))
    started = time.perf_counter()
    app = subprocess.Popen(
        [intyg, "app", copy, "--no-browser", "--lang", "sv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, INTYG_APP_STATE=os.path.join(work, "recent.txt")),
    )
    url = app.stdout.readline().decode().strip()
    address.append(time.perf_counter() - started)
    port = url.split(":")[2].split("/")[0]
    token = url.split("token=")[1]
    request = urllib.request.Request(
        "http://127.0.0.1:%s/f/0/preview.png" % port, headers={"Cookie": "intyg_app=" + token}
    )
    png = urllib.request.urlopen(request).read()
    preview.append(time.perf_counter() - started)
    assert png[:8] == b"\x89PNG\r\n\x1a\n", png[:100]
    app.kill()
    app.wait()
    shutil.rmtree(work)
print("address printed: %.0f ms; first preview: %.0f ms (median of 5)" % (
    statistics.median(address) * 1000, statistics.median(preview) * 1000))
