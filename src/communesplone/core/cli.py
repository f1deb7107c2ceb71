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
from pathlib import Path

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
    if response.status_code == 404 and body.get("message"):
        raise CliError(body["message"])
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
@click.option(
    "--blobs",
    is_flag=True,
    help="Compte aussi les fichiers et leur taille (parcourt tous les objets : lent).",
)
@click.pass_context
def sites_list(ctx, as_json, blobs):
    from communesplone.core.tenants.sites import list_sites
    from communesplone.core.zopeapp import zope_app

    instance = _instance(ctx)
    if not instance.exists:
        raise CliError(f"aucune base de données dans {instance.home} : lancez « make start ».")
    instance.configure()
    with zope_app(instance, read_only=True) as app:
        items = list_sites(app, blobs=blobs)
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
        size = f"{item['objects']} objet(s)"
        if "blobs" in item:
            size += f", {item['blobs']['files']} fichier(s), {_bytes(item['blobs']['bytes'])}"
        click.echo(
            f"{item['id']:<20} {item['title']}{demo} — INS {item['nis_code'] or '?'} — {state}"
            f" — {size}"
        )
        if item["profiles"]:
            click.echo(f"{'':<20} {_versions(item['profiles'])}")


def _versions(profiles: dict) -> str:
    """`communesplone 20261128001 · mail 20261128004 (2 en attente) · …`."""
    parts = []
    for profile_id, versions in profiles.items():
        name = profile_id.removesuffix(":default").removeprefix("communesplone.")
        installed = versions["installed"] or "absent"
        pending = f" ({versions['pending']} en attente)" if versions["pending"] else ""
        parts.append(f"{name} {installed}{pending}")
    return " · ".join(parts)


def _bytes(size: int) -> str:
    for unit in ("o", "Ko", "Mo", "Go"):
        if size < 1024 or unit == "Go":
            return f"{size:.0f} {unit}" if unit == "o" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


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
    module's own command, which imports Plone only when called). A failing site is
    rolled back and the others still run; this returns the results of the sites that
    succeeded; the failures end the command with exit code 1 (`_report_failures`).
    """
    from tqdm import tqdm

    if bool(site_ids) == all_sites:
        raise CliError("indiquez soit des identifiants de sites, soit --all.")
    instance = _instance(ctx)
    if instance.is_locked():
        click.echo(f"L'instance tourne : {label.lower()} par {instance.url}…")
        payload = {"all": True} if all_sites else {"sites": list(site_ids)}
        try:
            body = _remote_call("POST", instance, service, payload)
        except ProfileError as exc:
            raise CliError(" ".join(exc.errors))
        _keep_failures(ctx, body.get("failures", []))
        return body["items"]
    from communesplone.core.tenants import sites as site_api
    from communesplone.core.zopeapp import zope_app

    instance.configure()
    with zope_app(instance) as app:
        known = {site.getId(): site for site in site_api.plone_sites(app)}
        wanted = list(known) if all_sites else list(site_ids)
        unknown = [site_id for site_id in wanted if site_id not in known]
        if unknown:
            raise CliError(f"aucun site « {', '.join(unknown)} » dans cette instance.")
        run = action if callable(action) else getattr(site_api, action)
        # One transaction per site: a site's work never runs in another's context.
        results, failures = site_api.each_site(
            [known[site_id] for site_id in wanted],
            run,
            progress=lambda items: tqdm(items, desc=label, unit="site"),
        )
    _keep_failures(ctx, failures)
    return results


def _keep_failures(ctx, failures: list) -> None:
    """Keep the failed sites for the summary; a command that prints none still ends
    with them and exit code 1 (cron mails what a command writes on stderr)."""
    ctx.obj["failures"] = failures
    if failures:
        ctx.call_on_close(lambda: _report_failures(ctx, None))


def _report_failures(ctx, summary: str | None) -> None:
    """The summary (« N site(s) mis à jour, M en échec »), each failed site with its
    error, and exit code 1 when any failed."""
    failures = ctx.obj.pop("failures", [])
    if not failures:
        if summary:
            click.echo(f"{summary}.")
        return
    heading = f"{summary}, {len(failures)} en échec :" if summary else "Sites en échec :"
    click.secho(heading, err=True, fg="red")
    for failure in failures:
        click.secho(f"  - {failure['id']} : {failure['error']}", err=True, fg="red")
    raise click.exceptions.Exit(1)


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
    _report_failures(ctx, f"{len(results)} site(s) mis à jour")


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
    _report_failures(ctx, f"{len(results)} site(s) traité(s)")


def _existing_instance(ctx) -> Instance:
    instance = _instance(ctx)
    if not instance.exists:
        raise CliError(f"aucune base de données dans {instance.home} : lancez « make start ».")
    instance.configure()
    return instance


def _site(app, site_id):
    from communesplone.core.tenants.sites import plone_sites

    for site in plone_sites(app):
        if site.getId() == site_id:
            return site
    raise CliError(f"aucun site « {site_id} » dans cette instance.")


def _confirm_removal(site_id: str, title: str, yes: bool) -> None:
    if yes:
        return
    question = (
        f"Supprimer définitivement le site « {site_id} » ({title}) et tout son contenu ? "
        "Seule une sauvegarde de la base le ramènerait."
    )
    if not click.confirm(question, default=False):
        click.echo("Rien n'a été supprimé.")
        raise click.exceptions.Exit(1)


@sites.command(
    "remove",
    short_help="Supprime le site d'une commune.",
    help="Supprime le site d'une commune, après confirmation (--yes pour l'omettre).",
)
@click.argument("site_id")
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
@click.pass_context
def sites_remove(ctx, site_id, yes):
    from communesplone.core.tenants.sites import remove_site
    from communesplone.core.zopeapp import zope_app

    import transaction

    instance = _existing_instance(ctx)
    if instance.is_locked():
        # The instance serves the other communes: it removes the site itself.
        with zope_app(instance, read_only=True) as app:
            title = _site(app, site_id).Title()
        _confirm_removal(site_id, title, yes)
        _remote_call("DELETE", instance, f"@commune-sites/{site_id}")
    else:
        with zope_app(instance) as app:
            title = _site(app, site_id).Title()
            _confirm_removal(site_id, title, yes)
            remove_site(app, site_id)
            transaction.commit()
    click.echo(f"Site « {site_id} » ({title}) supprimé.")


@sites.command(
    "export",
    short_help="Exporte le site d'une commune dans un dossier.",
    help="Exporte le site d'une commune dans un dossier vide (lecture seule, même instance "
    "démarrée).",
)
@click.argument("site_id")
@click.argument("directory", type=click.Path(file_okay=False))
@click.pass_context
def sites_export(ctx, site_id, directory):
    from communesplone.core.tenants.transfer import export_site
    from communesplone.core.tenants.transfer import TransferError
    from communesplone.core.zopeapp import zope_app

    instance = _existing_instance(ctx)
    started = time.monotonic()
    with zope_app(instance, read_only=True) as app:
        try:
            summary = export_site(_site(app, site_id), Path(directory).resolve())
        except TransferError as exc:
            raise CliError(str(exc))
    click.echo(
        f"Site « {site_id} » exporté dans {directory} : {summary['objects']} objet(s), "
        f"{len(summary['counters'])} compteur(s), {summary['settings']} réglage(s), "
        f"en {time.monotonic() - started:.1f} s."
    )
    _warn_lost(summary["lost"])


def _warn_lost(lost: dict) -> None:
    if lost:
        click.secho("Non repris (valeurs d'un type inconnu de l'export) :", err=True, fg="yellow")
        for attribute, kinds in lost.items():
            click.secho(f"  - {attribute} ({', '.join(kinds)})", err=True, fg="yellow")


@sites.command(
    "import",
    short_help="Importe un export dans un site nouvellement créé.",
    help="Importe un export dans un site nouvellement créé, sans démonstration (instance arrêtée).",
)
@click.argument("site_id")
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@click.pass_context
def sites_import(ctx, site_id, directory):
    from communesplone.core.tenants.transfer import import_site
    from communesplone.core.tenants.transfer import TransferError
    from communesplone.core.zopeapp import zope_app

    import transaction

    instance = _existing_instance(ctx)
    if instance.is_locked():
        raise CliError(
            "l'import écrit tout le site en une transaction et passe par la base elle-même : "
            "arrêtez l'instance, importez, puis redémarrez-la."
        )
    started = time.monotonic()
    with zope_app(instance) as app:
        try:
            report = import_site(_site(app, site_id), Path(directory).resolve())
        except TransferError as exc:
            raise CliError(str(exc))
        transaction.commit()
    click.echo(
        f"Site « {site_id} » : {report['objects']} objet(s) importé(s) depuis « "
        f"{report['source']} », {len(report['counters'])} compteur(s), "
        f"en {time.monotonic() - started:.1f} s."
    )
    if report["members_added"]:
        click.echo(
            "Utilisateurs repris hors inscription Plone (identifiant court ou sans courriel) : "
            + ", ".join(report["members_added"])
        )
    for label, names in (
        ("Objets non importés (conteneur introuvable)", report["dropped"]),
        ("Réglages absents de ce site, non repris", report["missing_settings"]),
    ):
        if names:
            click.secho(f"{label} :", err=True, fg="yellow")
            for name in names:
                click.secho(f"  - {name}", err=True, fg="yellow")
    _warn_lost(report["lost"])


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


@main.command(help="Un processus Zope de plus (RelStorage), sur son port, derrière un répartiteur.")
@click.option("--port", required=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.pass_context
def serve(ctx, port, host):
    from communesplone.core.launcher import serve as serve_process

    target = _instance(ctx)
    target.host = host
    sys.exit(serve_process(target, port))


@main.command(help="Sauvegarde la base (repozo et blobs, ou pg_dump avec RelStorage).")
@click.argument("target", type=click.Path(file_okay=False))
@click.pass_context
def backup(ctx, target):
    from communesplone.core.backup import backup as back_up
    from communesplone.core.backup import BackupError

    instance = _instance(ctx)
    try:
        written = back_up(instance, Path(target))
    except BackupError as exc:
        raise CliError(str(exc))
    for path in written:
        click.echo(f"Écrit : {path}")
    click.echo(f"Sauvegarde terminée ({len(written)} fichier(s)).")


@main.command(help="Restaure la dernière sauvegarde d'un dossier (instance arrêtée).")
@click.argument("source", type=click.Path(file_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
@click.pass_context
def restore(ctx, source, yes):
    from communesplone.core.backup import BackupError
    from communesplone.core.backup import restore as restore_backup

    instance = _instance(ctx)
    if not yes:
        click.confirm(
            f"Remplacer la base de {instance.home} par la sauvegarde de {source} ?", abort=True
        )
    try:
        used = restore_backup(instance, Path(source))
    except BackupError as exc:
        raise CliError(str(exc))
    for path in used:
        click.echo(f"Restauré : {path}")


def _add_module_commands():
    """Each module's own command group (`communesplone mail …`), Plone-free until run."""
    from communesplone.mail.cli import mail

    main.add_command(mail)


_add_module_commands()
