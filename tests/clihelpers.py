"""Run the `communesplone` command as an administrator or cron does."""

from pathlib import Path

import os
import subprocess
import sys


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
