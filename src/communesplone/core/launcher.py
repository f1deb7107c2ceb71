"""`make start`: LibreOffice, Zope and the demo commune, stopped together by Ctrl-C."""

from communesplone.core import office
from communesplone.core.instance import ADMIN_PASSWORD_ENV
from communesplone.core.instance import default_uno_python
from communesplone.core.tenants.demo_users import DEMO_PASSWORD
from communesplone.core.tenants.demo_users import DEMO_USERS
from communesplone.core.tenants.profile import demo_profile_path
from communesplone.core.tenants.profile import load_profile
from communesplone.core.tenants.profile import ProfileError
from pathlib import Path

import click
import requests
import signal
import subprocess
import sys
import time


class StartError(RuntimeError):
    """`make start` cannot go on; the message says why, in French."""


def _wait_for_http(url: str, process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            requests.get(url, timeout=2)
            return True
        except requests.ConnectionError:
            time.sleep(0.3)
        except requests.Timeout:
            pass
    return False


def _ensure_demo_site(instance, user, password) -> str:
    """Create the demo commune through the running instance when it is missing."""
    answers = load_profile(demo_profile_path())
    site_url = f"{instance.public_url}/{answers['site_id']}"
    if requests.get(f"{instance.url}/{answers['site_id']}", timeout=30).status_code != 404:
        return site_url
    if not password:
        click.secho(
            f"Le site de démonstration manque et le mot de passe de l'administrateur Zope "
            f"n'est pas connu : relancez avec {ADMIN_PASSWORD_ENV}=… make start",
            fg="yellow",
        )
        return ""
    click.echo("Création de la commune de démonstration (Valmont)…")
    started = time.monotonic()
    response = requests.post(
        f"{instance.url}/@commune-sites",
        json=answers,
        auth=(user, password),
        headers={"Accept": "application/json"},
        timeout=600,
    )
    if response.status_code != 201:
        raise ProfileError(response.json().get("errors", [response.text]))
    click.echo(f"Commune de démonstration créée en {time.monotonic() - started:.0f} s.")
    return site_url


def _banner(instance, site_url, user, generated):
    lines = [
        "",
        "CommunesPlone est prêt.",
        f"  Zope (opérateur) : {instance.public_url}/  utilisateur « {user} »",
    ]
    if generated:
        lines.append(f"  Mot de passe de l'opérateur, généré à ce premier démarrage : {generated}")
        lines.append(f"  (notez-le, ou fixez-le via {ADMIN_PASSWORD_ENV} avant make start)")
    if site_url:
        lines.append(f"  Commune de démonstration : {site_url}")
        lines.append(f"  Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
        for userid, fullname, _roles, _groups in DEMO_USERS:
            lines.append(f"    {userid:<16} {fullname}")
    lines.append("Ctrl-C arrête Zope et LibreOffice.")
    click.echo("\n".join(lines))


def run(instance, demo: bool = True) -> int:
    import os

    instance.configure()
    user, generated = instance.prepare_admin()
    password = os.environ.get(ADMIN_PASSWORD_ENV) or generated
    processes = []

    def stop_all(*_args):
        for process in reversed(processes):
            office.stop(process)

    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    try:
        if office.port_open(instance.port, instance.host):
            raise StartError(
                f"Le port {instance.port} est déjà occupé : une instance tourne-t-elle déjà ?"
            )
        office.check_uno_python(default_uno_python())
        click.echo(f"Démarrage de LibreOffice (port {instance.office_port})…")
        processes.append(
            office.start_office(instance.office_port, instance.home / "office-profile")
        )
        click.echo(f"Démarrage de Zope sur {instance.public_url} …")
        runwsgi = Path(sys.executable).parent / "runwsgi"
        zope_env = instance.environment()
        zope_env.setdefault("PYTHONWARNINGS", "ignore::UserWarning")
        zope = subprocess.Popen([str(runwsgi), str(instance.zope_ini)], env=zope_env)
        processes.append(zope)
        if not _wait_for_http(instance.url, zope, timeout=300):
            click.secho("Zope n'a pas démarré : voir var/instance/log/event.log", fg="red")
            return 1
        site_url = _ensure_demo_site(instance, user, password) if demo else ""
        _banner(instance, site_url, user, generated)
        zope.wait()
        return zope.returncode or 0
    except (StartError, office.OfficeError) as exc:
        click.secho(f"Erreur : {exc}", fg="red", err=True)
        return 1
    except ProfileError as exc:
        click.secho("Création de la commune de démonstration refusée :", fg="red", err=True)
        for error in exc.errors:
            click.echo(f"  - {error}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("\nArrêt…")
        return 0
    finally:
        stop_all()


def serve(instance, port: int) -> int:
    """One more Zope process of a RelStorage instance, on its own port (no LibreOffice: the
    documents are converted by the one `communesplone start` runs)."""
    if not instance.relstorage:
        click.secho(
            "Erreur : un second processus Zope demande RelStorage (COMMUNESPLONE_STORAGE="
            "relstorage) ; une FileStorage n'a qu'un processus.",
            fg="red",
            err=True,
        )
        return 1
    if office.port_open(port, instance.host):
        click.secho(f"Erreur : le port {port} est déjà occupé.", fg="red", err=True)
        return 1
    zope_ini = instance.configure(port=port)
    instance.prepare_admin()  # a password given in the environment resets the operator's
    runwsgi = Path(sys.executable).parent / "runwsgi"
    zope_env = instance.environment()
    zope_env.setdefault("PYTHONWARNINGS", "ignore::UserWarning")
    click.echo(f"Démarrage d'un processus Zope sur http://{instance.host}:{port} …")
    zope = subprocess.Popen([str(runwsgi), str(zope_ini)], env=zope_env)
    signal.signal(signal.SIGTERM, lambda *args: zope.terminate())
    try:
        return zope.wait() or 0
    except KeyboardInterrupt:
        zope.terminate()
        return zope.wait() and 0
