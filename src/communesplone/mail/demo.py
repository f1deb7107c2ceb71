"""Demo mail of Valmont: about 300 incoming and 40 outgoing mails over six months.

Deterministic (a seeded generator), so every demo site tells the same story: mails in
every state, some late, some confidential, some in copy to a second service.
"""

from communesplone.core import structure
from communesplone.core.workflow import set_state
from communesplone.mail.tenant import FOLDER_ID
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer

import random


SENDERS = (
    ("Organization", "SPW Mobilité et Infrastructures"),
    ("Organization", "SPW Territoire, Logement, Patrimoine, Énergie"),
    ("Organization", "Province de Namur"),
    ("Organization", "Intercommunale BEP Environnement"),
    ("Organization", "ORES"),
    ("Organization", "Proximus"),
    ("Organization", "Zone de police Entre Sambre et Meuse"),
    ("Organization", "CPAS de Valmont"),
    ("Organization", "Bureau d'architecture Lemaire"),
    ("Organization", "Entreprise Bastin Construction"),
    ("Person", "Marie Lemoine"),
    ("Person", "Jean-Pierre Collard"),
    ("Person", "Sophie Henrard"),
    ("Person", "Luc Mathieu"),
    ("Person", "Nathalie Dethier"),
    ("Person", "Thomas Gérard"),
)
SUBJECTS = {
    "travaux": (
        "Nid-de-poule rue {street}",
        "Éclairage public en panne rue {street}",
        "Demande d'entretien du fossé, chemin {street}",
        "Devis de réfection de trottoir",
    ),
    "urbanisme": (
        "Demande de renseignements urbanistiques, rue {street}",
        "Plainte pour travaux sans permis, rue {street}",
        "Avis sur un projet de lotissement",
    ),
    "finances": (
        "Facture d'électricité des bâtiments communaux",
        "Facture de carburant",
        "Subside régional : notification",
        "Rappel de paiement",
    ),
    "population": (
        "Demande d'extrait d'acte de naissance",
        "Changement d'adresse",
        "Demande de composition de ménage",
    ),
    "environnement": (
        "Dépôt clandestin rue {street}",
        "Collecte des encombrants",
        "Abattage d'arbre dangereux, rue {street}",
    ),
    "culture": (
        "Demande de prêt de la salle des fêtes",
        "Invitation au vernissage",
        "Subside pour le festival d'été",
    ),
    "rh": ("Candidature spontanée", "Certificat médical"),
}
STREETS = ("Haute", "de la Gare", "des Vignes", "du Moulin", "de Namur", "Neuve", "du Bois")
AGENTS = {"travaux": "agent.travaux", "urbanisme": "agent.urbanisme", "finances": "agent.finances"}
TYPES = {"finances": "invoice", "population": "document_request", "culture": "invitation"}
INCOMING = 300
OUTGOING = 40


def _senders():
    folder = structure.directory()
    uids = []
    for portal_type, name in SENDERS:
        fields = (
            {"title": name}
            if portal_type == "Organization"
            else dict(zip(("firstname", "lastname"), name.split(" ", 1), strict=True))
        )
        contact = createContentInContainer(folder, portal_type, checkConstraints=False, **fields)
        uids.append(contact.UID())
    return uids


def _state_for(age: int, rng) -> str:
    """Older mail is further along: most is closed, recent mail waits."""
    if age < 4:
        return rng.choice(("registered", "registered", "assigned"))
    if age < 20:
        return rng.choice(("assigned", "in_treatment", "in_treatment", "closed"))
    if age < 45:
        return rng.choice(("in_treatment", "closed", "closed"))
    return rng.choice(("closed",) * 12 + ("cancelled",))


def create_demo_mail(answers: dict) -> None:
    if not answers.get("setup_content"):
        return
    folder = api.portal.get().get(FOLDER_ID)
    if folder is None or folder.objectIds():
        return
    rng = random.Random(2026)
    senders = _senders()
    today = date.today()
    services = [
        code
        for code in SUBJECTS
        if code in {b.service_code for b in api.content.find(portal_type="Service")}
    ]
    incoming = []
    for index in range(INCOMING):
        age = int(180 * (1 - index / INCOMING))  # oldest first, so numbers follow dates
        received = today - timedelta(days=age)
        service = rng.choice(services)
        state = _state_for(age, rng)
        subject = rng.choice(SUBJECTS[service]).format(street=rng.choice(STREETS))
        fields = {
            "title": subject,
            "reception_date": received,
            "original_date": received - timedelta(days=rng.randint(1, 5)),
            "channel": rng.choice(("post", "post", "email", "counter", "registered")),
            "mail_type": TYPES.get(service, "letter"),
            "sender": rng.choice(senders),
            "due_date": received + timedelta(days=30),
            "confidential": service == "rh",
        }
        if state != "registered":
            fields["treating_service"] = service
            if rng.random() < 0.15:
                fields["copy_services"] = [rng.choice([c for c in services if c != service])]
        if state in ("in_treatment", "closed"):
            fields["assigned_agent"] = AGENTS.get(service)
        mail = createContentInContainer(folder, "IncomingMail", checkConstraints=False, **fields)
        if state != "registered":
            set_state(mail, state, comment="Historique de démonstration.")
        incoming.append(mail)
    for index in range(OUTGOING):
        age = int(150 * (1 - index / OUTGOING))
        answered = rng.choice([m for m in incoming if m.treating_service in AGENTS])
        # The last eight are still on their way, two in each state before « sent ».
        recent = ("draft", "to_validate", "to_sign", "signed")
        state = "sent" if index < OUTGOING - 8 else recent[index % 4]
        reply = createContentInContainer(
            folder,
            "OutgoingMail",
            checkConstraints=False,
            title=f"Réponse : {answered.title}",
            mail_date=today - timedelta(days=age),
            recipients=[answered.sender],
            sender_service=answered.treating_service,
            sender_agent=AGENTS[answered.treating_service],
            in_reply_to=[answered.UID()],
        )
        if state != "draft":
            set_state(reply, state, comment="Historique de démonstration.")
