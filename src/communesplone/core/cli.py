"""`communesplone`: the operator's command line (commune sites, the local instance).

Commands that only read open the database read-only, so they work while `make start`
runs. Commands that write open it directly when no instance holds it, and otherwise go
through the running instance over HTTP with the operator's credentials from the
environment (COMMUNESPLONE_ADMIN_USER, COMMUNESPLONE_ADMIN_PASSWORD, COMMUNESPLONE_URL).
"""

from communesplone.core.instance import ADMIN_PASSWORD_ENV
from communesplone.core.instance import ADMIN_USER_ENV
from communesplone.core.instance import DEFAULT_ADMIN_USER
from communesplone.core.instance import DEFAULT_PORT
from communesplone.core.instance import Instance
from communesplone.core.tenants.profile import load_profile
from communesplone.core.tenants.profile import ProfileError
from communesplone.core.tenants.profile import validate_profile

import click
import json
import logging
import os
import requests
import sys
import time
import warnings


class CliError(click.ClickException):
    """An error the operator can act on, printed in French without a traceback."""

    def show(self, file=None):
        click.secho(f"Erreur : {self.format_message()}", err=True, fg="red")


def _instance(ctx) -> Instance:
    return ctx.obj["instance"]


def _remote(instance: Instance):
    """A requests session authenticated as the operator, for the running instance."""
    password = os.environ.get(ADMIN_PASSWORD_ENV)
    if not password:
        raise CliError(
            "l'instance est en cours d'exécution et détient la base de données ; "
            f"définissez {ADMIN_PASSWORD_ENV} (et {ADMIN_USER_ENV} si ce n'est pas "
            "« zopeadmin ») pour passer par elle."
        )
    session = requests.Session()
    session.auth = (os.environ.get(ADMIN_USER_ENV, DEFAULT_ADMIN_USER), password)
    session.headers["Accept"] = "application/json"
    return session


def _remote_call(method, instance, path, payload=None):
    session = _remote(instance)
    url = f"{instance.url}/{path}"
    try:
        response = session.request(method, url, json=payload, timeout=600)
    except requests.ConnectionError:
        raise CliError(f"l'instance ne répond pas à {instance.url}.")
    if response.status_code == 401:
        raise CliError("identifiants de l'opérateur refusés par l'instance.")
    body = response.json() if response.content else {}
    if response.status_code == 400:
        raise ProfileError(body.get("errors") or [body.get("message", "requête refusée")])
    if response.status_code >= 300:
        raise CliError(f"l'instance a répondu {response.status_code} : {body}")
    return body


def _print_profile_errors(exc: ProfileError):
    click.secho("Le profil de commune est refusé :", err=True, fg="red")
    for error in exc.errors:
        click.echo(f"  - {error}", err=True)


@click.group(help="Administration de CommunesPlone : sites des communes et instance locale.")
@click.option(
    "--instance",
    "instance_home",
    type=click.Path(file_okay=False),
    help="Dossier de l'instance Zope (défaut : var/instance).",
)
@click.pass_context
def main(ctx, instance_home):
    # Zope's start-up chatter would bury the command's own output.
    logging.basicConfig(level=logging.ERROR)
    warnings.filterwarnings("ignore")
    ctx.ensure_object(dict)
    ctx.obj["instance"] = Instance.from_environment(instance_home)


@main.group(help="Sites des communes de cette instance.")
def sites():
    pass


@sites.command("list", help="Liste les sites (lecture seule, même instance démarrée).")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@click.pass_context
def sites_list(ctx, as_json):
    from communesplone.core.tenants.sites import list_sites
    from communesplone.core.zopeapp import zope_app

    instance = _instance(ctx)
    if not instance.exists:
        raise CliError(f"aucune base de données dans {instance.home} : lancez « make start ».")
    instance.configure()
    with zope_app(instance, read_only=True) as app:
        items = list_sites(app)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo("Aucun site.")
    for item in items:
        state = (
            "à jour"
            if not item["pending_upgrades"]
            else f"{item['pending_upgrades']} mise(s) à jour en attente"
        )
        demo = " [démo]" if item["demo"] else ""
        click.echo(
            f"{item['id']:<20} {item['title']}{demo} — INS {item['nis_code'] or '?'} — {state}"
        )


@sites.command("create", help="Crée le site d'une commune à partir d'un profil JSON.")
@click.argument("site_id")
@click.option(
    "--profile",
    "profile_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Fichier JSON du profil de la commune (voir profiles/demo.json).",
)
@click.pass_context
def sites_create(ctx, site_id, profile_path):
    instance = _instance(ctx)
    started = time.monotonic()
    click.echo("1/3 Vérification du profil…")
    try:
        answers = load_profile(profile_path)
        answers["site_id"] = site_id
        validate_profile(answers)
    except ProfileError as exc:
        _print_profile_errors(exc)
        sys.exit(2)
    try:
        if instance.is_locked():
            click.echo(f"2/3 L'instance tourne : création par {instance.url}…")
            info = _remote_call("POST", instance, "@commune-sites", answers)
        else:
            click.echo("2/3 Ouverture de la base de données et création du site…")
            info = _create_offline(instance, answers)
    except ProfileError as exc:
        _print_profile_errors(exc)
        sys.exit(2)
    click.echo(
        f"3/3 Site « {info['id']} » créé ({info['title']}) en {time.monotonic() - started:.1f} s."
    )


def _create_offline(instance, answers):
    from communesplone.core.tenants.sites import create_site
    from communesplone.core.tenants.sites import site_info
    from communesplone.core.zopeapp import zope_app

    instance.configure()
    with zope_app(instance) as app:
        site = create_site(app, answers)
        return site_info(site)


def _run_on_sites(ctx, site_ids, all_sites, action, service: str, label: str):
    """Run a per-site action offline (commit per site) or through the running instance.

    `action` names a function of `tenants.sites`, or is a function of the site (a
    module's own command, which imports Plone only when called).
    """
    from tqdm import tqdm

    if bool(site_ids) == all_sites:
        raise CliError("indiquez soit des identifiants de sites, soit --all.")
    instance = _instance(ctx)
    if instance.is_locked():
        click.echo(f"L'instance tourne : {label.lower()} par {instance.url}…")
        payload = {"all": True} if all_sites else {"sites": list(site_ids)}
        try:
            return _remote_call("POST", instance, service, payload)["items"]
        except ProfileError as exc:
            raise CliError(" ".join(exc.errors))
    from communesplone.core.tenants import sites as site_api
    from communesplone.core.zopeapp import zope_app

    import transaction

    instance.configure()
    with zope_app(instance) as app:
        known = {site.getId(): site for site in site_api.plone_sites(app)}
        wanted = list(known) if all_sites else list(site_ids)
        unknown = [site_id for site_id in wanted if site_id not in known]
        if unknown:
            raise CliError(f"aucun site « {', '.join(unknown)} » dans cette instance.")
        results = []
        for site_id in tqdm(wanted, desc=label, unit="site"):
            run = action if callable(action) else getattr(site_api, action)
            results.append(run(known[site_id]))
            # One transaction per site: a site's work never runs in another's context.
            transaction.commit()
        return results


def _site_selection(command):
    """The `SITE_ID…` arguments and the `--all` flag of commands run on several sites."""
    command = click.option("--all", "all_sites", is_flag=True, help="Tous les sites.")(command)
    return click.argument("site_ids", nargs=-1)(command)


@sites.command("upgrade", help="Applique les mises à jour en attente aux sites.")
@_site_selection
@click.pass_context
def sites_upgrade(ctx, site_ids, all_sites):
    results = _run_on_sites(
        ctx, site_ids, all_sites, "upgrade_site", "@commune-sites-upgrade", "Mise à jour"
    )
    for result in results:
        for profile_id, versions in result["profiles"].items():
            click.echo(f"{result['id']}: {profile_id} {versions['from']} → {versions['to']}")
    click.echo(f"{len(results)} site(s) mis à jour.")


@sites.command("daily", help="Tâches quotidiennes des sites (à lancer chaque nuit par cron).")
@_site_selection
@click.pass_context
def sites_daily(ctx, site_ids, all_sites):
    results = _run_on_sites(
        ctx, site_ids, all_sites, "run_daily", "@commune-sites-daily", "Tâches quotidiennes"
    )
    for result in results:
        for task, outcome in result["tasks"].items():
            click.echo(f"{result['id']}: {task}: {outcome}")
    click.echo(f"{len(results)} site(s) traité(s).")


@main.group(help="L'instance Zope locale (var/instance).")
def instance():
    pass


@instance.command("configure", help="Écrit zope.conf et zope.ini de l'instance.")
@click.option("--port", default=DEFAULT_PORT, show_default=True)
@click.pass_context
def instance_configure(ctx, port):
    target = _instance(ctx)
    target.port = port
    target.configure()
    click.echo(f"Configuration écrite dans {target.etc}")


@main.command(help="Démarre LibreOffice et Zope, crée le site de démonstration, Ctrl-C arrête.")
@click.option("--port", default=DEFAULT_PORT, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--office-port", default=2002, show_default=True)
@click.option("--demo/--no-demo", default=True, help="Crée la commune de démonstration.")
@click.pass_context
def start(ctx, port, host, office_port, demo):
    from communesplone.core.launcher import run

    target = _instance(ctx)
    target.port, target.host, target.office_port = port, host, office_port
    sys.exit(run(target, demo=demo))


def _add_module_commands():
    """Each module's own command group (`communesplone mail …`), Plone-free until run."""
    from communesplone.mail.cli import mail

    main.add_command(mail)


_add_module_commands()
