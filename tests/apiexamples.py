"""Requests and answers of the tests, kept in var/api-examples/ for docs/api.md.

`make docs` (scripts/api_examples.py) puts each one in docs/api.md where a
`<!-- example: NAME -->` marker asks for it, so the documented examples are the ones the
tests saw. The test server's address becomes a commune's.
"""

from pathlib import Path
from urllib.parse import urlsplit

import json


EXAMPLES = Path(__file__).resolve().parents[1] / "var" / "api-examples"
SHOWN_ADDRESS = "https://intranet.valmont.be/valmont"
MAX_LINES = 80


def record_example(name: str, response) -> Path:
    request = response.request
    parts = urlsplit(request.url)
    site = f"{parts.scheme}://{parts.netloc}/plone"
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{request.method} {target.replace('/plone', '/valmont', 1)} HTTP/1.1"]
    for header in ("Accept", "Content-Type"):
        if request.headers.get(header):
            lines.append(f"{header}: {request.headers[header]}")
    if request.body:
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        lines += ["", body]
    try:
        shown = json.dumps(response.json(), ensure_ascii=False, indent=2)
    except ValueError:
        shown = response.text
    shown = shown.replace(site, SHOWN_ADDRESS)
    answer = shown.splitlines()
    if len(answer) > MAX_LINES:
        answer = [*answer[:MAX_LINES], "…"]
    text = "\n".join(
        [
            "```http",
            *lines,
            "```",
            "",
            f"Réponse : `{response.status_code}`",
            "",
            "```json",
            *answer,
            "```",
            "",
        ]
    )
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    path = EXAMPLES / f"{name}.md"
    path.write_text(text)
    return path
