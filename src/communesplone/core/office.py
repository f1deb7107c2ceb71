"""The headless LibreOffice server that collective.documentgenerator converts through."""

from pathlib import Path

import shutil
import socket
import subprocess
import time


DEBIAN_PACKAGES = "libreoffice-writer libreoffice-calc python3-uno"


class OfficeError(RuntimeError):
    """LibreOffice cannot be started; the message says what to install or fix."""


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def check_uno_python(uno_python: str) -> None:
    """The converter runs in a Python that must import both `uno` and `appy`."""
    if not Path(uno_python).exists():
        raise OfficeError(
            f"Python pour LibreOffice introuvable ({uno_python}) : lancez « make venv-uno »."
        )
    result = subprocess.run([uno_python, "-c", "import uno, appy"], capture_output=True, text=True)
    if result.returncode:
        raise OfficeError(
            f"{uno_python} ne peut importer « uno » et « appy ». Installez les paquets "
            f"Debian : apt-get install {DEBIAN_PACKAGES}, puis « make venv-uno »."
        )


def start_office(port: int, profile_dir: Path, timeout: float = 60) -> subprocess.Popen:
    """Start `soffice` listening on 127.0.0.1:port with its own user profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise OfficeError(
            "LibreOffice est introuvable. Installez les paquets Debian : "
            f"apt-get install {DEBIAN_PACKAGES}"
        )
    if port_open(port):
        raise OfficeError(
            f"Le port {port} est déjà occupé : un autre LibreOffice tourne-t-il déjà ?"
        )
    profile_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
            f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise OfficeError(f"LibreOffice s'est arrêté au démarrage (code {process.returncode}).")
        if port_open(port):
            return process
        time.sleep(0.3)
    stop(process)
    raise OfficeError(f"LibreOffice n'écoute pas sur le port {port} après {timeout:.0f} s.")


def stop(process: subprocess.Popen | None, timeout: float = 15) -> None:
    """Stop a child process, politely first."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
