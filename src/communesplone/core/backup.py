"""Back up and restore an instance's database: FileStorage with repozo, RelStorage with
pg_dump.

FileStorage: `repozo` writes a full backup, then increments (only what was appended to
Data.fs since), and the blobs go in a dated tarball beside them; both can run while Zope
serves (Data.fs only grows, blob files never change). Restoring needs the instance
stopped: Data.fs is rebuilt from the backups, the blobs replaced by the latest tarball.

RelStorage keeps blobs in PostgreSQL: one `pg_dump` holds everything; restoring
(`pg_restore --clean`) needs every Zope process stopped.
"""

from datetime import datetime
from pathlib import Path

import shutil
import subprocess
import sys
import tarfile


class BackupError(RuntimeError):
    """What went wrong, in French, for the operator."""


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"« {' '.join(command[:2])} » a échoué : {result.stderr.strip()}")


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _tool(name: str) -> str:
    """repozo comes with ZODB, in our virtualenv; pg_dump with PostgreSQL's client."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name) or next(
        (str(path) for path in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if found is None:
        raise BackupError(f"« {name} » est introuvable sur cette machine.")
    return found


def backup(instance, target: Path) -> list[Path]:
    """Write a backup of the instance into `target`; return the files written."""
    target.mkdir(parents=True, exist_ok=True)
    stamp = _stamp()
    if instance.relstorage:
        dump = target / f"relstorage-{stamp}.dump"
        _run([_tool("pg_dump"), "--format=custom", f"--file={dump}", f"--dbname={instance.dsn}"])
        return [dump]
    if not instance.data_fs.exists():
        raise BackupError(f"aucune base de données dans {instance.home}.")
    before = set((target / "filestorage").glob("*"))
    (target / "filestorage").mkdir(exist_ok=True)
    _run(
        [_tool("repozo"), "--backup", "--gzip", "--quick"]
        + [f"--file={instance.data_fs}", f"--repository={target / 'filestorage'}"]
    )
    blobs = target / f"blobs-{stamp}.tar.gz"
    with tarfile.open(blobs, "w:gz") as archive:
        archive.add(instance.home / "blobstorage", arcname="blobstorage")
    return sorted(set((target / "filestorage").glob("*")) - before) + [blobs]


def restore(instance, source: Path) -> list[Path]:
    """Put the instance back in the state of the latest backup in `source`."""
    if instance.relstorage:
        dumps = sorted(source.glob("relstorage-*.dump"))
        if not dumps:
            raise BackupError(f"aucune sauvegarde RelStorage dans {source}.")
        _run(
            [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner"]
            + [f"--dbname={instance.dsn}", str(dumps[-1])]
        )
        return [dumps[-1]]
    if instance.is_locked():
        raise BackupError("l'instance tourne : arrêtez-la avant de restaurer.")
    tarballs = sorted(source.glob("blobs-*.tar.gz"))
    if not (source / "filestorage").is_dir() or not tarballs:
        raise BackupError(f"aucune sauvegarde complète (base et blobs) dans {source}.")
    instance.data_fs.parent.mkdir(parents=True, exist_ok=True)
    restored = instance.data_fs.with_suffix(".fs.restored")
    _run(
        [_tool("repozo"), "--recover", f"--repository={source / 'filestorage'}"]
        + [f"--output={restored}"]
    )
    for suffix in (".index", ".tmp", ".lock"):
        instance.data_fs.with_name(instance.data_fs.name + suffix).unlink(missing_ok=True)
    restored.replace(instance.data_fs)
    blobs = instance.home / "blobstorage"
    shutil.rmtree(blobs, ignore_errors=True)
    with tarfile.open(tarballs[-1], "r:gz") as archive:
        archive.extractall(instance.home, filter="data")
    return [instance.data_fs, tarballs[-1]]
