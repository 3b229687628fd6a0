"""Headless Chromium for the tests that look at what a user sees (the report, the Dagster UI).

Debian's packages, which `make test` installs (``.ci/system-deps``); a test that needs them fails
when they are missing: a page nobody saw drawn is not tested.
"""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# What headless Chromium needs on a machine with no display, GPU or network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
