"""Open the Zope application offline (no server), read-write or read-only."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from contextlib import contextmanager
from Testing.makerequest import makerequest
from zope.globalrequest import clearRequest
from zope.globalrequest import setRequest

import transaction


@contextmanager
def zope_app(instance, read_only: bool = False):
    """Yield the Zope root as the system user; the caller commits what it writes.

    Read-only opens the FileStorage without its lock, so it works beside a running
    instance. Whatever happens, the transaction is aborted and the database closed.
    """
    from AccessControl.users import system
    from Zope2.Startup.run import make_wsgi_app

    import Zope2

    conf = instance.zope_conf_readonly if read_only else instance.zope_conf
    make_wsgi_app({}, str(conf))
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    try:
        yield app
    finally:
        transaction.abort()
        noSecurityManager()
        clearRequest()
        app._p_jar.close()
        Zope2.DB.close()
