"""Write docs/performance.md from the load test results in var/load/ (`make docs`)."""

from pathlib import Path

import json


ROOT = Path(__file__).parents[1]
LABELS = {
    "filestorage": "FileStorage, un processus",
    "relstorage": "RelStorage (PostgreSQL), deux processus",
}


def table(result: dict) -> list[str]:
    lines = [
        f"### {LABELS.get(result['label'], result['label'])}",
        "",
        f"{result['date']} · {result['machine']} · {result['users']} utilisateurs pendant "
        f"{result['seconds']} s · {result['processes']} processus Zope",
        "",
        f"**{result['throughput_rps']} requêtes par seconde, {result['errors']} erreur(s).**",
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
    return [*lines, ""]


def main() -> None:
    results = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "var" / "load").glob("*.json"))
    ]
    lines = [
        "# Performances",
        "",
        "Mesures de `make load` : des utilisateurs simulés (connectés comme les agents, le",
        "secrétariat, le courrier, le DG, et un visiteur anonyme) parcourent en boucle les pages",
        "et appels REST les plus courants de la commune de démonstration, sur cette machine.",
        "Aucune erreur n'est admise. Les chiffres dépendent de la machine : ils servent à",
        "comparer deux versions, ou deux stockages, sur la même.",
        "",
        "## Charge",
        "",
    ]
    if not results:
        print("Pas de mesure dans var/load : docs/performance.md reste tel quel.")
        return
    for result in results:
        lines.extend(table(result))
    (ROOT / "docs" / "performance.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("docs/performance.md écrit.")


if __name__ == "__main__":
    main()
