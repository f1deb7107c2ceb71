"""Install steps of the mail profile."""

from communesplone.mail.documents import install_letter_templates


def post_install(context):
    install_letter_templates()
