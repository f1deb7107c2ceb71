"""Talk to the test WSGI server as a browser or a REST client would."""

import re
import requests


def form_fields(html: str, form_id: str) -> dict:
    """The hidden inputs of one form of a page (tokens, came_from…)."""
    match = re.search(rf'<form[^>]*id="{form_id}".*?</form>', html, re.S)
    assert match, f"form {form_id} not in page"
    fields = {}
    for tag in re.findall(r"<input[^>]*>", match.group(0)):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def browser_login(base: str, login: str, password: str) -> requests.Session:
    """Log in through the site's login form, as a person does; return the session."""
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=30)
    assert page.status_code == 200
    data = form_fields(page.text, "LoginForm")
    data.update({"__ac_name": login, "__ac_password": password, "buttons.login": "Log in"})
    session.post(f"{base}/login", data=data, timeout=30)
    return session


def page_as(base: str, userid: str, path: str, password: str, **params):
    """A page read by `userid` through the login form: (session, HTML), answered 200."""
    session = browser_login(base, userid, password)
    response = session.get(f"{base}/{path}", params=params, timeout=30)
    assert response.status_code == 200, (path, response.status_code)
    return session, response.text


def assert_bad_parameter(response, name: str) -> None:
    """A parameter sent as a list or a record: refused with a 400 that names it."""
    assert response.status_code == 400, response.status_code
    assert f"Paramètre « {name} » invalide" in response.text


def rest(base: str, path: str = "", auth=None, **kwargs) -> requests.Response:
    return requests.get(
        f"{base}/{path}".rstrip("/"),
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=30,
        **kwargs,
    )


def committed_world(functional, build):
    """A world built by `build(portal)` on the functional layer, committed, with the test
    server's address in `world.url`, for tests that talk HTTP."""
    from zope.component.hooks import setSite

    import transaction

    portal = functional["portal"]
    setSite(portal)
    world = build(portal)
    world.url = f"http://{functional['host']}:{functional['port']}/plone"
    transaction.commit()
    return world
