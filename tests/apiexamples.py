"""Requests and answers of the tests, kept in var/api-examples/ for docs/api.md.

`make docs` (scripts/api_examples.py) puts each one in docs/api.md where a
`<!-- example: NAME -->` marker asks for it, so the documented examples are the ones the
tests saw. The test server's address becomes a commune's.
"""

from pathlib import Path
from urllib.parse import urlsplit

import json


EXAMPLES = Path(__file__).resolve().parents[1] / "var" / "api-examples"
SHOWN_HOST = "https://intranet.valmont.be"
SHOWN_ADDRESS = f"{SHOWN_HOST}/valmont"
MAX_LINES = 120


def _readable(body: str) -> str:
    """A JSON body as the client meant it, accents included (not `\\u00e9`)."""
    try:
        return json.dumps(json.loads(body), ensure_ascii=False)
    except ValueError:
        return body


def _shown(text: str, site: str, netloc: str) -> str:
    """The test server's addresses as a commune's: its site, then the Zope root."""
    return text.replace(site, SHOWN_ADDRESS).replace(f"http://{netloc}", SHOWN_HOST)


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
        lines += ["", _shown(_readable(body), site, parts.netloc)]
    text = ["```http", *lines, "```", "", f"Réponse : `{response.status_code}`", ""]
    if response.content:
        try:
            shown = json.dumps(response.json(), ensure_ascii=False, indent=2)
        except ValueError:
            shown = response.text
        answer = _shown(shown, site, parts.netloc).splitlines()
        if len(answer) > MAX_LINES:
            answer = [*answer[:MAX_LINES], "…"]
        text += ["```json", *answer, "```", ""]
    text = "\n".join(text)
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    path = EXAMPLES / f"{name}.md"
    path.write_text(text)
    return path
