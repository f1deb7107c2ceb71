"""Buildout extension script: take the Zope admin password from the environment.

Loaded by ``buildout.cfg`` through the ``buildout.extensionscripts`` extension::

    extensions = buildout.extensionscripts
    extension-scripts = ${buildout:directory}/scripts/buildout_env.py:admin_password

It sets ``${buildout:admin-password}`` from ``COMMUNESPLONE_ADMIN_PASSWORD``
and stops the buildout with a clear message when the variable is missing or
empty.  There is deliberately no default password.
"""

import os
import zc.buildout


VARIABLE = "COMMUNESPLONE_ADMIN_PASSWORD"


def admin_password(buildout):
    password = os.environ.get(VARIABLE, "")
    if not password.strip():
        raise zc.buildout.UserError(
            f"{VARIABLE} is not set. The Zope admin password has no default:\n"
            f"    export {VARIABLE}='a-strong-password'\n"
            "and run the buildout again (user name: zopeadmin)."
        )
    if "\n" in password or "\r" in password:
        raise zc.buildout.UserError(f"{VARIABLE} must not contain a line break.")
    if "${" in password:
        # Buildout re-reads substituted values as templates: "${" would be
        # taken for a ${section:option} reference.
        raise zc.buildout.UserError(f'{VARIABLE} must not contain "${{".')
    buildout["buildout"]["admin-password"] = password
