"""Security headers on every response of the instance, errors and downloads included.

They are set at the end of publication (before commit, before abort, before streaming),
so a page, a REST answer, a file, a 404 or an error page all carry them. A header that
something else already set (a view, plone.protect, a proxy-aware policy) is kept.

X-Frame-Options follows plone.protect's setting (env PLONE_X_FRAME_OPTIONS, SAMEORIGIN by
default); the Content-Security-Policy only says the same thing (`frame-ancestors`). A CSP
restricting scripts and styles is left out: Plone's classic UI relies on inline scripts
and styles, which such a policy would block without nonces.
"""

from plone.protect.auto import X_FRAME_OPTIONS


FRAME_ANCESTORS = {"SAMEORIGIN": "'self'", "DENY": "'none'"}


def security_headers() -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if X_FRAME_OPTIONS:
        headers["X-Frame-Options"] = X_FRAME_OPTIONS
    ancestors = FRAME_ANCESTORS.get((X_FRAME_OPTIONS or "").upper())
    if ancestors:
        headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    return headers


HEADERS = security_headers()


def set_security_headers(event) -> None:
    """Subscriber of the publication events: add the headers the response lacks."""
    response = getattr(event, "response", None)  # before streaming: no request
    if response is None:
        response = getattr(getattr(event, "request", None), "response", None)
    if response is None or not hasattr(response, "setHeader"):
        return
    for name, value in HEADERS.items():
        if not response.getHeader(name):
            response.setHeader(name, value)
