"""The Zope instance that `make start` runs: where it lives and how it is configured.

The instance home holds the generated configuration (etc/), the FileStorage and its
blobs (or, with RelStorage, each process's blob cache), logs and the page template
cache. Configuration is written again at every start from the package templates, so an
upgrade of the package never leaves a stale file.

Storage: FileStorage by default (one Zope process); `COMMUNESPLONE_STORAGE=relstorage`
with `COMMUNESPLONE_RELSTORAGE_DSN` puts the database in PostgreSQL, where several Zope
processes, on one machine or several, serve the same communes.
"""

from AccessControl.AuthEncoding import pw_encrypt
from communesplone.core.operator import OPERATOR_FILE
from dataclasses import dataclass
from pathlib import Path

import os
import secrets
import sys


TEMPLATES = Path(__file__).parent / "etc"
ADMIN_USER_ENV = "COMMUNESPLONE_ADMIN_USER"
DEFAULT_ADMIN_USER = "zopeadmin"
ADMIN_PASSWORD_ENV = "COMMUNESPLONE_ADMIN_PASSWORD"
INSTANCE_ENV = "COMMUNESPLONE_INSTANCE"
URL_ENV = "COMMUNESPLONE_URL"
DEFAULT_PORT = 8080
DEFAULT_OFFICE_PORT = 2002
STORAGE_ENV = "COMMUNESPLONE_STORAGE"
DSN_ENV = "COMMUNESPLONE_RELSTORAGE_DSN"
STORAGES = ("filestorage", "relstorage")


class StorageError(ValueError):
    """The storage asked for cannot be configured; the message says why, in French."""


def default_uno_python() -> str:
    """The Python that has both `uno` and `appy` (`.venv-uno` beside our `.venv`)."""
    explicit = os.environ.get("PYTHON_UNO")
    if explicit:
        return explicit
    candidate = Path(sys.prefix).parent / ".venv-uno" / "bin" / "python"
    if candidate.exists():
        return str(candidate)
    return "/usr/bin/python3"


@dataclass
class Instance:
    """A Zope instance home on disk."""

    home: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    office_port: int = DEFAULT_OFFICE_PORT
    storage: str = "filestorage"
    dsn: str = ""

    @classmethod
    def from_environment(cls, home=None, **kwargs) -> "Instance":
        home = home or os.environ.get(INSTANCE_ENV) or Path.cwd() / "var" / "instance"
        kwargs.setdefault("storage", os.environ.get(STORAGE_ENV) or "filestorage")
        kwargs.setdefault("dsn", os.environ.get(DSN_ENV, ""))
        return cls(home=Path(home).resolve(), **kwargs)

    @property
    def relstorage(self) -> bool:
        return self.storage == "relstorage"

    @property
    def etc(self) -> Path:
        return self.home / "etc"

    @property
    def zope_conf(self) -> Path:
        return self.etc / "zope.conf"

    @property
    def zope_conf_readonly(self) -> Path:
        return self.etc / "zope-readonly.conf"

    @property
    def zope_ini(self) -> Path:
        return self.etc / "zope.ini"

    @property
    def data_fs(self) -> Path:
        return self.home / "filestorage" / "Data.fs"

    @property
    def exists(self) -> bool:
        """A database to open: Data.fs, or PostgreSQL (RelStorage makes its tables)."""
        return self.relstorage or self.data_fs.exists()

    def zope_ini_for(self, port: int) -> Path:
        """The WSGI configuration of one more process of the instance, on its own port."""
        return self.zope_ini if port == self.port else self.etc / f"zope-{port}.ini"

    @property
    def url(self) -> str:
        return os.environ.get(URL_ENV) or f"http://{self.host}:{self.port}"

    def environment(self) -> dict:
        """The environment a Zope process of this instance runs with.

        Zope and our operator file are found through $INSTANCE_HOME; an inherited value
        would point elsewhere.
        """
        return dict(os.environ, INSTANCE_HOME=str(self.home))

    @property
    def public_url(self) -> str:
        """The address to give people (localhost reads better than the loopback IP)."""
        if self.host in ("127.0.0.1", "0.0.0.0"):
            return f"http://localhost:{self.port}"
        return self.url

    def is_locked(self) -> bool:
        """True while a running Zope holds the FileStorage (one writer only).

        RelStorage has no such lock: commands open the database beside running processes.
        """
        import zc.lockfile

        if self.relstorage or not self.exists:
            return False
        try:
            lock = zc.lockfile.LockFile(str(self.data_fs) + ".lock")
        except zc.lockfile.LockError:
            return True
        lock.close()
        return False

    def _storage_block(self, read_only: str) -> str:
        if self.storage not in STORAGES:
            raise StorageError(
                f"stockage inconnu « {self.storage} » : {' ou '.join(STORAGES)} ({STORAGE_ENV})."
            )
        if self.relstorage and not self.dsn.strip():
            raise StorageError(
                f"RelStorage demande l'adresse de la base PostgreSQL dans {DSN_ENV} "
                "(par exemple « dbname=communesplone host=localhost user=zope »)."
            )
        block = (TEMPLATES / f"storage-{self.storage}.conf.in").read_text(encoding="utf-8")
        return block.format(read_only=read_only, dsn=self.dsn.strip())

    def configure(self, port: int | None = None) -> Path:
        """Write zope.conf (read-write and read-only), the WSGI configuration of the process
        on `port` (the instance's by default) and site.zcml; return that WSGI file."""
        for folder in ("etc", "filestorage", "blobstorage", "log", "cache", "var"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        os.chmod(self.home / "blobstorage", 0o700)
        values = {
            "instance_home": str(self.home),
            "uno_python": default_uno_python(),
            "office_port": self.office_port,
            "host": self.host,
            "port": port or self.port,
        }
        conf = (TEMPLATES / "zope.conf.in").read_text(encoding="utf-8")
        self.zope_conf.write_text(conf.format(storage=self._storage_block("false"), **values))
        self.zope_conf_readonly.write_text(
            conf.format(storage=self._storage_block("true"), **values)
        )
        ini = (TEMPLATES / "zope.ini.in").read_text(encoding="utf-8")
        zope_ini = self.zope_ini_for(port or self.port)
        zope_ini.write_text(ini.format(**values))
        site_zcml = (TEMPLATES / "site.zcml").read_text(encoding="utf-8")
        (self.etc / "site.zcml").write_text(site_zcml)
        return zope_ini

    def prepare_admin(self, password=None) -> tuple[str, str | None]:
        """Arrange the Zope root operator through a one-shot credentials file.

        Written at the first start (password from the environment, or generated) and
        whenever the environment gives a password, so setting the variable resets a lost
        password; `communesplone.core.operator` applies it when Zope opens the database.
        Returns the user name and the password when it was generated (to print once).
        """
        user = os.environ.get(ADMIN_USER_ENV, DEFAULT_ADMIN_USER)
        password = password or os.environ.get(ADMIN_PASSWORD_ENV)
        generated = None
        if not password:
            if self.exists:
                return user, None
            password = generated = secrets.token_urlsafe(12)
        hashed = pw_encrypt(password.encode("utf-8"), "SSHA").decode("ascii")
        credentials = self.home / OPERATOR_FILE
        credentials.touch(mode=0o600)
        credentials.write_text(f"{user}:{hashed}\n")
        return user, generated
