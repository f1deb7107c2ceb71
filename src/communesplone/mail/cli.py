"""`communesplone mail …`: the mail's commands for the operator and cron.

Imported by the core CLI at start-up: Plone is imported only when a command runs.
"""

import click


@click.group(help="Courrier : rappels d'échéance et escalade des retards.")
def mail():
    pass


def _run_pass(site):
    from communesplone.mail.reminders import run_on_site

    return run_on_site(site)


@mail.command(
    "daily",
    help="Rappels d'échéance et escalade des courriers en retard (à lancer chaque jour par cron).",
)
@click.option("--site", "site_ids", multiple=True, help="Identifiant du site (répétable).")
@click.option("--all", "all_sites", is_flag=True, help="Tous les sites.")
@click.pass_context
def mail_daily(ctx, site_ids, all_sites):
    from communesplone.core.cli import _run_on_sites

    results = _run_on_sites(
        ctx, site_ids, all_sites, _run_pass, "@commune-mail-daily", "Rappels du courrier"
    )
    for result in results:
        click.echo(f"{result['id']}: {result['summary']}")
    total_reminders = sum(result["reminders"] for result in results)
    total_escalations = sum(result["escalations"] for result in results)
    click.echo(f"Total : {total_reminders} rappel(s), {total_escalations} escalade(s).")
