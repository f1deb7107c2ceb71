"""Write docs/performance.md from the load test results in var/load/ (`make docs`).

The page is generated so that its figures are always those of the last `make load`,
with the machine and the date they depend on.
"""

from pathlib import Path

import json


ROOT = Path(__file__).parents[1]
LABELS = {
    "filestorage": "FileStorage, un processus",
    "relstorage": "RelStorage (PostgreSQL), deux processus",
}
# FileStorage first: it is the reference the other storage is compared with.
ORDER = ("filestorage", "relstorage")
INTRO = """\
# Performances

Mesures de `make load` : des utilisateurs simulés (connectés comme les agents, le
secrétariat, le courrier, le DG, et un visiteur anonyme) parcourent en boucle les pages
et appels REST les plus courants de la commune de démonstration, sur cette machine.
Aucune erreur n'est admise. Les chiffres dépendent de la machine : ils servent à
comparer deux versions, ou deux stockages, sur la même.

`make load` crée pour chaque stockage une commune de démonstration neuve dans un dossier
temporaire (jamais la base de `var/`), la sert sur des ports libres de la boucle locale,
sans LibreOffice (le scénario ne produit aucun document), mesure, puis arrête et supprime
tout, même en cas d'échec ou de Ctrl-C :

- **FileStorage** : un processus Zope ;
- **RelStorage** : un cluster PostgreSQL jetable (paquet Debian `postgresql`) et deux
  processus `communesplone serve` sur la même base, que le script de charge sert à tour
  de rôle, comme un répartiteur. Sans PostgreSQL, cette partie est sautée et le dit.

Avant la mesure, chaque processus sert une fois tout le scénario, sans le compter : ces
premières requêtes chargent le catalogue et compilent les gabarits. Le tout prend trois à
quatre minutes. `make load LOAD_URL=http://127.0.0.1:8080/valmont` mesure plutôt une
instance déjà démarrée (`LOAD_LABEL` nomme le résultat, `LOAD_NOTE` ajoute une remarque).
Les résultats sont écrits dans `var/load/`, puis ici par `make docs`.
"""


def _date(result: dict) -> str:
    return result["date"].replace("T", " ")[:16]


def _title(result: dict) -> str:
    return LABELS.get(result["label"], result["label"])


def overview(results: list[dict]) -> list[str]:
    """One line per storage: the figures to compare at a glance."""
    lines = [
        "| stockage | processus | mesuré le | requêtes/s | médiane (ms) | p95 (ms) "
        "| p99 (ms) | erreurs |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        overall = result["overall"]
        lines.append(
            f"| {_title(result)} | {result['processes']} | {_date(result)} "
            f"| {result['throughput_rps']} | {overall['p50_ms']} | {overall['p95_ms']} "
            f"| {overall['p99_ms']} | {result['errors']} |"
        )
    return [*lines, ""]


def table(result: dict) -> list[str]:
    lines = [
        f"### {_title(result)}",
        "",
        f"Le {_date(result)}, sur {result['machine']}.",
        "",
        f"{result['users']} utilisateurs pendant {result['seconds']} s, "
        f"{result['processes']} processus Zope : **{result['throughput_rps']} requêtes par "
        f"seconde, {result['errors']} erreur(s).**",
        "",
        *([result["note"], ""] if result.get("note") else []),
        "| requête | nombre | médiane (ms) | p95 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    rows = [*result["requests"].items(), ("**Ensemble**", result["overall"])]
    for name, figures in rows:
        lines.append(
            f"| {name} | {figures['requests']} | {figures['p50_ms']} | {figures['p95_ms']} "
            f"| {figures['p99_ms']} |"
        )
    errors = result.get("error_samples") or []
    if errors:
        lines += ["", "Premières erreurs :", ""]
        lines += [f"- {error['request']} : {error['error']}" for error in errors]
    return [*lines, ""]


def ordered(results: list[dict]) -> list[dict]:
    def rank(result):
        label = result["label"]
        return (ORDER.index(label) if label in ORDER else len(ORDER), label)

    return sorted(results, key=rank)


def render(results: list[dict]) -> str:
    results = ordered(results)
    lines = [INTRO, "## Charge", "", *overview(results)]
    for result in results:
        lines.extend(table(result))
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    results = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "var" / "load").glob("*.json"))
    ]
    if not results:
        print("Pas de mesure dans var/load : docs/performance.md reste tel quel.")
        return
    (ROOT / "docs" / "performance.md").write_text(render(results), encoding="utf-8")
    print("docs/performance.md écrit.")


if __name__ == "__main__":
    main()
