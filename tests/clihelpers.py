"""Run the `communesplone` command as an administrator or cron does."""

from contextlib import contextmanager
from pathlib import Path

import os
import requests
import subprocess
import sys
import time


BIN = Path(sys.executable).parent


def cli(home, *args, env=None):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("COMMUNESPLONE_") and key != "INSTANCE_HOME"
    }
    environment.update(env or {})
    return subprocess.run(
        [str(BIN / "communesplone"), "--instance", str(home), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


@contextmanager
def served(instance, password):
    """The instance served by a real Zope process (runwsgi), stopped at the end."""
    instance.configure()
    instance.prepare_admin(password)
    process = subprocess.Popen(
        [str(BIN / "runwsgi"), str(instance.zope_ini)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=instance.environment(),
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            requests.get(instance.url, timeout=2)
            break
        except (requests.ConnectionError, requests.Timeout):  # not up yet, or slow to answer
            assert process.poll() is None, "Zope stopped during start-up"
            time.sleep(0.5)
    try:
        yield instance
    finally:
        process.terminate()
        process.wait(timeout=30)
