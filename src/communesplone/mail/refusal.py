"""What an action on a mail raises when it does nothing: its message says why."""


class MailActionRefused(Exception):
    """Nothing was created or changed; `message` says why (a French message id)."""

    @property
    def message(self):
        return self.args[0]
