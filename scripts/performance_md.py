"""Write docs/performance.md from var/load/ (`make load`) and var/bench/ (`make bench`).

The page is generated so that its figures are always those of the last runs, with the
machine and the date they depend on. bench/findings.md, written by hand after profiling,
says why a target is missed; it is copied under the benchmarks.
"""

from pathlib import Path

import json


ROOT = Path(__file__).parents[1]
SCALES = ("S", "L")
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


BENCH_INTRO = """\
## Comparaison avec Plone

Mesures de `make bench` : une commune générée (`bench/generate.py`, avec les API du
produit : événements, numérotation, rôles locaux et catalogue comme en vrai), servie par
un Zope jetable sur un port libre de la boucle locale, avec son LibreOffice. Chaque
chiffre est la médiane de requêtes répétées après une mise en route non comptée, en HTTP,
connecté comme les utilisateurs de démonstration (le secrétariat pour les séances).
Les comparaisons se font avec Plone lui-même, dans le même site, le même Zope et la même
exécution : un dossier ordinaire de 150 Documents (sa page, son listing plone.restapi) ;
les deux requêtes alternent, pour subir la même charge de la machine. Les chiffres ne
deviennent jamais des assertions de test ; `make test` ne lance pas ces mesures.

Échelles : **S** (par défaut ; 10 séances de 30 points, 5 000 courriers, 300 permis, un
PST de 50 actions, moins de 5 minutes de génération) et **L** (`make bench SCALE=L` ;
200 séances de 150 points, 100 000 courriers, 10 000 permis, 300 actions, gardé dans
`var/bench/cache-L` d'une exécution à l'autre). Les deux ont en plus une séance de
mesure de 150 points décidés. Le courrier arrive au rythme de 40 par jour : un plus gros
jeu est un historique plus long, pas plus de courrier ouvert par agent.

Mesures : (1) la page d'une séance de 150 points contre la page d'un dossier de
150 Documents ; (2) `@agenda` contre le listing REST du dossier ; (3) « Mes courriers à
traiter » d'un agent, dont la croissance de S à L est le rapport L/S (chacun divisé par
le listing de Plone de sa propre exécution) ; (4) 1 000 courriers entrants enregistrés
par REST par 4 clients simultanés contre 1 000 Documents créés de la même façon, et le
nombre de numéros en double ; (5) l'horloge légale du CoDT sur 10 000 permis, dans le
processus ; (6) l'ordre du jour et le procès-verbal de la séance de 150 points, en ODT et
en PDF ; (7) la création d'un site de commune sans démonstration
(`bench/profiles/minimal.json`) dans un Zope vide, et la mémoire (RSS) de ce Zope à 1,
10 et 30 sites. En plus, hors liste : la création d'un point par REST, contre celle d'un
Document. `make docs` écrit ici `var/bench/S.json` et `var/bench/L.json`.

`make bench BENCH_SITES= BENCH_ARGS="--instance DOSSIER --only mail_registration"`
reprend une seule mesure sur un jeu déjà généré (jamais `var/instance`) et la remplace dans
les résultats de son échelle ; les journaux du Zope jetable restent dans
`var/bench/logs-<échelle>/`.
"""

ROWS = (
    # (key in benchmarks, number, what)
    ("meeting_page", 1, "Page d'une séance de 150 points (secrétariat)"),
    ("agenda_json", 2, "`@agenda`, 150 points"),
    ("mail_dashboard", 3, "« Mes courriers à traiter » (agent)"),
    ("mail_registration", 4, "1 000 courriers par REST, 4 clients"),
    ("legal_clock", 5, "Horloge légale, 10 000 permis"),
    ("item_creation", "+", "Création d'un point par REST (agent), hors liste"),
)
DOCUMENTS = (
    ("agenda_odt", "Ordre du jour, ODT"),
    ("agenda_pdf", "Ordre du jour, PDF"),
    ("minutes_odt", "Procès-verbal, ODT"),
    ("minutes_pdf", "Procès-verbal, PDF"),
)


def _yes(value) -> str:
    return {True: "oui", False: "**non**", None: "—"}[value]


def _number(value, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float) and value >= 1000:
        return f"{value:,.0f}".replace(",", "\u202f")
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def bench_row(key: str, number, what: str, figures: dict) -> str:
    """One benchmark as a line: ours, plain Plone's, the ratio, the target, met."""
    if key in ("meeting_page", "agenda_json", "mail_dashboard", "item_creation"):
        ours, plain = f"{figures['product_ms']} ms", f"{figures['plain_ms']} ms"
        ratio = _number(figures.get("ratio"))
        if figures.get("items_shown") is not None:  # what the page really showed
            ours += f" ({figures['items_shown']} points lus)"
            plain += f" ({figures['documents_shown']} Documents lus)"
    elif key == "mail_registration":
        what = f"{_number(figures['count'])} courriers par REST, {figures['clients']} clients"
        ours = f"{figures['mails_per_second']} courriers/s"
        plain = f"{figures['documents_per_second']} Documents/s"
        ratio = f"{_number(figures.get('value'))} ; {figures['duplicates']} doublon(s)"
        if figures.get("errors"):
            ratio += f" ; {figures['errors']} erreur(s)"
        if figures.get("slowest_mail_s") is not None:
            ratio += f" ; courrier le plus lent : {figures['slowest_mail_s']} s"
    else:
        what = f"Horloge légale, {_number(figures.get('permits', 0))} permis"
        ours = f"{_number(figures.get('permits_per_second'))} permis/s"
        plain = f"horloge seule : {_number(figures.get('clock_alone_per_second'))} permis/s"
        ratio = "—"
    target = "voir L/S" if key == "mail_dashboard" else (figures.get("target") or "—")
    met = _yes(figures.get("met"))
    return f"| {number} | {what} | {ours} | {plain} | {ratio} | {target} | {met} |"


# The limits on generating the dataset: S under 5 minutes, L under an hour.
GENERATION_LIMITS = {"S": 300, "L": 3600}


def _generation_target(result: dict) -> str:
    limit = GENERATION_LIMITS.get(result["scale"])
    seconds = (result.get("dataset") or {}).get("generation_seconds")
    if limit is None or seconds is None:
        return ""
    return f" (cible : moins de {limit // 60} min : {_yes(seconds <= limit)})"


def bench_table(result: dict) -> list[str]:
    benchmarks = result.get("benchmarks", {})
    dataset = result.get("dataset") or {}
    counts = dataset.get("counts") or {}
    lines = [
        f"### Échelle {result['scale']}",
        "",
        f"Le {_date(result)}, sur {result['machine']}.",
        "",
    ]
    if counts:
        lines += [
            f"Jeu de données : {counts['meetings']} séances de {counts['items']} points, "
            f"{_number(counts['mails'])} courriers, {_number(counts['permits'])} permis, PST de "
            f"{dataset.get('pst_actions', counts['actions'])} actions ; généré en "
            f"{dataset.get('generation_seconds', 0):.0f} s{_generation_target(result)}.",
            "",
        ]
    if result.get("note"):
        lines += [result["note"], ""]
    lines += [
        "| n° | mesure | CommunesPlone | Plone ordinaire | rapport | cible | atteinte |",
        "|---:|---|---:|---:|---:|---|---|",
    ]
    for key, number, what in ROWS:
        if key in benchmarks:
            lines.append(bench_row(key, number, what, benchmarks[key]))
    for key, what in DOCUMENTS:
        figures = benchmarks.get("documents", {}).get(key)
        if figures:
            lines.append(
                f"| 6 | {what} | {_number(figures['value'])} s | — | — "
                f"| {figures['target']} | {_yes(figures['met'])} |"
            )
    sites = benchmarks.get("sites")
    if sites:
        creation = sites["creation"]
        lines.append(
            f"| 7 | Création d'un site (profil minimal), médiane | {_number(creation['value'])} s "
            f"(max. {_number(creation['max'])} s) | — | — | {creation['target']} "
            f"| {_yes(creation['met'])} |"
        )
        memory = " ; ".join(
            f"{count} site(s) : {_number(mb, 0)} Mo" for count, mb in sites["rss_mb"].items()
        )
        lines += ["", f"Mémoire du Zope (RSS) selon le nombre de sites : {memory}."]
    again = [
        f"{name} le {figures['measured'].replace('T', ' ')[:16]}"
        for name, figures in benchmarks.items()
        if isinstance(figures, dict) and figures.get("measured")
    ]
    if again:
        listed = ", ".join(again)
        lines += ["", f"Mesuré à nouveau, sur un jeu gardé de même échelle : {listed}."]
    for name, reason in (result.get("skipped") or {}).items():
        lines += ["", f"Non mesuré ({name}) : {reason}"]
    return [*lines, ""]


def growth_lines(by_scale: dict) -> list[str]:
    """Benchmark 3's L/S ratio, when both scales were measured."""
    small = by_scale.get("S", {}).get("benchmarks", {}).get("mail_dashboard")
    large = by_scale.get("L", {}).get("benchmarks", {}).get("mail_dashboard")
    if not (small and large):
        return [
            "### Croissance de S à L",
            "",
            "« Mes courriers à traiter » n'a pas encore été mesuré aux deux échelles : "
            "lancez `make bench SCALE=L`.",
            "",
        ]
    small_ratio, large_ratio = small.get("ratio"), large.get("ratio")
    value = round(large_ratio / small_ratio, 2) if small_ratio and large_ratio else None
    met = None if value is None else value <= 1.5
    return [
        "### Croissance de S à L",
        "",
        f"« Mes courriers à traiter » : {small['product_ms']} ms à S, {large['product_ms']} ms "
        f"à L ; rapport L/S (chacun divisé par Plone de sa propre exécution) : "
        f"**{_number(value)}** (cible ≤ 1,5 : {_yes(met)}).",
        "",
    ]


def render_bench(by_scale: dict, findings: str = "") -> list[str]:
    if not by_scale:
        return []
    lines = [BENCH_INTRO]
    for scale in SCALES:
        if scale in by_scale:
            lines.extend(bench_table(by_scale[scale]))
    lines.extend(growth_lines(by_scale))
    if findings.strip():
        lines += [findings.strip(), ""]
    return lines


def render(results: list[dict], by_scale: dict | None = None, findings: str = "") -> str:
    results = ordered(results)
    lines = [INTRO]
    if results:
        lines += ["## Charge", "", *overview(results)]
    for result in results:
        lines.extend(table(result))
    lines.extend(render_bench(by_scale or {}, findings))
    return "\n".join(lines).rstrip("\n") + "\n"


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    results = [_read(path) for path in sorted((ROOT / "var" / "load").glob("*.json"))]
    bench = ROOT / "var" / "bench"
    paths = {scale: bench / f"{scale}.json" for scale in SCALES}
    by_scale = {scale: _read(path) for scale, path in paths.items() if path.exists()}
    findings_file = ROOT / "bench" / "findings.md"
    findings = findings_file.read_text(encoding="utf-8") if findings_file.exists() else ""
    if not results and not by_scale:
        print("Pas de mesure dans var/load ni var/bench : docs/performance.md reste tel quel.")
        return
    page = render(results, by_scale, findings)
    (ROOT / "docs" / "performance.md").write_text(page, encoding="utf-8")
    print("docs/performance.md écrit.")


if __name__ == "__main__":
    main()
