"""The demo PST of Valmont: 5 strategic objectives, 14 operational ones, 47 actions.

Written as a commune writes its programme for the 2024-2030 legislature: a volet externe
(cleanliness, climate, mobility, social cohesion, housing, youth, culture) and a volet
interne (digital administration, staff, finances). Deterministic, and dated from the day
it is created: months and budget years are offsets from today, so the dashboards always
show actions under way, finished, late, not yet started, blocked or paused.
"""

from communesplone.pst import tree
from communesplone.pst.tenant import FOLDER_ID
from communesplone.pst.vocabularies import college_members
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer


PLAN = {
    "title": "Programme stratégique transversal 2024-2030",
    "description": (
        "Le PST de la Commune de Valmont pour la législature 2024-2030 : les objectifs "
        "stratégiques du Collège, déclinés en objectifs opérationnels et en actions, avec "
        "leurs responsables, leur calendrier, leurs indicateurs et leur budget."
    ),
    "legislature_start": 2024,
    "legislature_end": 2030,
    "entity": "commune",
    "college_adoption": date(2025, 6, 16),
    "council_acknowledgement": date(2025, 8, 25),
    "publication_url": "https://www.valmont.example/pst",
}
CATEGORIES = [
    "Propreté publique",
    "Énergie et climat",
    "Nature et biodiversité",
    "Mobilité",
    "Voiries",
    "Cohésion sociale",
    "Aînés",
    "Logement",
    "Jeunesse et enfance",
    "Culture et sports",
    "Commerce local",
    "Administration numérique",
    "Ressources humaines",
    "Finances",
]

# The plan's tree. Months (`start`, `end`, `started`, `done`) are offsets from the current
# month, negative in the past; `end` and `done` are the last day of their month. Budget
# lines are (year offset, source, planned, spent, article) and indicators (label, unit,
# baseline, target, {year offset: value}). A node without `alderman`, `admin`, `volet`,
# `categories`, `sector_plans` or `sdgs` takes its parent's; a sub-action also takes its
# action's services and agent. `serves` names another operational objective (by title)
# the action also serves, with its share of the budget.
OBJECTIVES = [
    {
        "title": "Être une commune propre, verte et engagée dans la transition énergétique",
        "description": (
            "Un cadre de vie soigné, un territoire qui réduit ses émissions de gaz à effet "
            "de serre et protège sa nature."
        ),
        "alderman": "nathalie-renard",
        "categories": ["Propreté publique", "Énergie et climat", "Nature et biodiversité"],
        "sdgs": [7, 11, 13, 15],
        "priority": "high",
        "admin": "chef.urbanisme",
        "operational": [
            {
                "title": "Réduire les dépôts clandestins et améliorer la propreté publique",
                "categories": ["Propreté publique"],
                "sdgs": [11, 12],
                "services": ["environnement", "travaux"],
                "priority": "high",
                "actions": [
                    {
                        "title": "Installer des caméras mobiles sur les sites de dépôts récurrents",
                        "description": (
                            "Quatre caméras déplacées selon les constats des agents, avec "
                            "la zone de police pour le visionnage."
                        ),
                        "services": ["travaux", "environnement"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -18,
                        "end": 12,
                        "started": -17,
                        "indicators": [
                            (
                                "Dépôts clandestins constatés",
                                "constats par an",
                                180,
                                90,
                                {-1: 151, 0: 128},
                            ),
                        ],
                        "budget": [
                            (-1, "commune", 24_000, 23_180.40, "875/744-51"),
                            (-1, "wallonia", 16_000, 16_000, "875/744-51"),
                            (1, "commune", 6_000, 0, "875/744-51"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": (
                            "Désigner deux agents constatateurs et adopter un règlement "
                            "sur les incivilités environnementales"
                        ),
                        "services": ["environnement", "rh"],
                        "admin": "dg",
                        "state": "terminated",
                        "start": -22,
                        "end": -12,
                        "started": -22,
                        "done": -13,
                        "progress": 100,
                        "budget": [
                            (-1, "commune", 68_000, 66_420, "104/111-01"),
                            (0, "commune", 70_000, 58_300, "104/111-01"),
                            (0, "federal", 12_000, 12_000, "104/111-01"),
                        ],
                        "observations": (
                            "Règlement adopté par le Conseil ; les amendes administratives "
                            "sont perçues depuis le printemps."
                        ),
                    },
                    {
                        "title": "Organiser chaque année le Grand Nettoyage de printemps",
                        "description": "Avec les écoles, les mouvements de jeunesse et les clubs.",
                        "services": ["environnement"],
                        "state": "ongoing",
                        "start": -20,
                        "end": 48,
                        "started": -20,
                        "indicators": [
                            ("Participants", "personnes", 150, 600, {-1: 320, 0: 410}),
                        ],
                        "budget": [
                            (-1, "commune", 3_500, 3_120, "879/124-48"),
                            (0, "commune", 3_500, 3_390, "879/124-48"),
                            (1, "commune", 4_000, 0, "879/124-48"),
                        ],
                        "priority": "low",
                    },
                    {
                        "title": "Placer quarante poubelles publiques et vingt cendriers de rue",
                        "services": ["travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -14,
                        "end": -3,
                        "started": -12,
                        "progress": 55,
                        "health": (
                            "at_risk",
                            "Le fournisseur a livré la moitié du mobilier ; le solde est "
                            "annoncé pour le trimestre prochain.",
                        ),
                        "budget": [
                            (-1, "commune", 14_000, 7_450, "875/741-52"),
                            (0, "commune", 14_000, 0, "875/741-52"),
                        ],
                    },
                ],
            },
            {
                "title": "Réduire de 40 % les émissions de CO2 du territoire d'ici 2030",
                "description": (
                    "La mise en œuvre du PAEDC adopté dans le cadre de la Convention des Maires."
                ),
                "categories": ["Énergie et climat"],
                "sector_plans": ["paedc"],
                "sdgs": [7, 13],
                "services": ["environnement", "travaux"],
                "priority": "high",
                "actions": [
                    {
                        "title": "Rénover énergétiquement l'école communale du centre",
                        "description": (
                            "Audit, isolation de l'enveloppe et remplacement de la chaudière "
                            "au mazout par une pompe à chaleur."
                        ),
                        "services": ["travaux"],
                        "agent": "chef.travaux",
                        "admin": "chef.travaux",
                        "state": "ongoing",
                        "start": -20,
                        "end": 20,
                        "started": -19,
                        "sdgs": [4, 7, 13],
                        "priority": "high",
                        "sub_actions": [
                            {
                                "title": "Réaliser l'audit énergétique du bâtiment",
                                "state": "terminated",
                                "start": -20,
                                "end": -15,
                                "started": -19,
                                "done": -15,
                                "progress": 100,
                                "budget": [(-1, "commune", 14_500, 14_157.50, "722/733-60")],
                            },
                            {
                                "title": "Isoler la toiture et les façades",
                                "state": "ongoing",
                                "start": -8,
                                "end": 10,
                                "started": -6,
                                "progress": 40,
                                "budget": [
                                    (0, "wallonia", 420_000, 168_000, "722/723-60"),
                                    (0, "commune", 300_000, 121_800, "722/723-60"),
                                ],
                            },
                            {
                                "title": "Remplacer la chaudière par une pompe à chaleur",
                                "state": "to_be_scheduled",
                                "start": 6,
                                "end": 20,
                                "budget": [
                                    (1, "wallonia", 230_000, 0, "722/724-60"),
                                    (1, "commune", 150_000, 0, "722/724-60"),
                                ],
                            },
                        ],
                    },
                    {
                        "title": "Remplacer l'éclairage public par des luminaires LED",
                        "description": (
                            "Programme de modernisation mené avec le gestionnaire de réseau."
                        ),
                        "services": ["travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -22,
                        "end": 24,
                        "started": -21,
                        "indicators": [
                            ("Points lumineux en LED", "%", 20, 100, {-1: 45, 0: 62}),
                            (
                                "Consommation de l'éclairage public",
                                "MWh par an",
                                910,
                                420,
                                {-1: 760, 0: 640},
                            ),
                        ],
                        "budget": [
                            (-1, "commune", 95_000, 95_000, "426/732-60"),
                            (0, "commune", 110_000, 86_240, "426/732-60"),
                            (1, "commune", 120_000, 0, "426/732-60"),
                            (2, "commune", 120_000, 0, "426/732-60"),
                        ],
                    },
                    {
                        "title": (
                            "Installer des panneaux photovoltaïques sur les bâtiments communaux"
                        ),
                        "services": ["travaux", "environnement"],
                        "agent": "chef.travaux",
                        "state": "to_be_scheduled",
                        "start": -4,
                        "end": 14,
                        "progress": 0,
                        "health": (
                            "paused",
                            "En attente de l'étude de stabilité des charpentes de l'hôtel "
                            "de ville et du hall des travaux.",
                        ),
                        "budget": [
                            (1, "commune", 180_000, 0, "104/724-60"),
                            (1, "europe", 60_000, 0, "104/724-60"),
                        ],
                    },
                    {
                        "title": "Mettre à jour l'inventaire des émissions et le PAEDC",
                        "services": ["environnement"],
                        "state": "terminated",
                        "start": -21,
                        "end": -11,
                        "started": -21,
                        "done": -12,
                        "progress": 100,
                        "budget": [
                            (-1, "commune", 9_000, 8_712, "879/122-48"),
                            (-1, "wallonia", 9_000, 9_000, "879/122-48"),
                        ],
                    },
                ],
            },
            {
                "title": "Préserver la biodiversité et le maillage écologique",
                "description": "Les actions du plan communal de développement de la nature.",
                "categories": ["Nature et biodiversité"],
                "sector_plans": ["pcdn"],
                "sdgs": [15],
                "services": ["environnement"],
                "actions": [
                    {
                        "title": "Planter cinq kilomètres de haies indigènes",
                        "services": ["environnement", "travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -19,
                        "end": 36,
                        "started": -17,
                        "indicators": [("Haies plantées", "km", 0, 5, {-1: 1.2, 0: 2.6})],
                        "budget": [
                            (-1, "wallonia", 12_000, 11_400, "879/725-60"),
                            (0, "wallonia", 12_000, 9_800, "879/725-60"),
                            (1, "commune", 8_000, 0, "879/725-60"),
                        ],
                    },
                    {
                        "title": "Passer à la gestion différenciée des espaces verts",
                        "description": "Fauchage tardif, prairies fleuries, cimetières enherbés.",
                        "services": ["travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -16,
                        "end": 6,
                        "started": -15,
                        "progress": 70,
                        "budget": [(0, "commune", 18_000, 15_660, "766/124-06")],
                    },
                    {
                        "title": "Lancer un appel à projets citoyens annuel pour la nature",
                        "services": ["environnement"],
                        "state": "ongoing",
                        "start": -12,
                        "end": 48,
                        "started": -10,
                        "progress": 30,
                        "budget": [
                            (0, "commune", 10_000, 8_000, "879/332-02"),
                            (1, "province", 5_000, 0, "879/332-02"),
                        ],
                        "priority": "low",
                    },
                ],
            },
        ],
    },
    {
        "title": "Être une commune où l'on se déplace de manière sûre et durable",
        "description": (
            "Des trajets à pied et à vélo plus sûrs, des voiries entretenues, moins de voitures "
            "seules."
        ),
        "alderman": "olivier-dubois",
        "categories": ["Mobilité", "Voiries"],
        "sdgs": [3, 11],
        "priority": "high",
        "admin": "chef.travaux",
        "operational": [
            {
                "title": "Développer la mobilité douce",
                "categories": ["Mobilité"],
                "sector_plans": ["pcm"],
                "sdgs": [3, 11, 13],
                "services": ["travaux", "urbanisme"],
                "priority": "high",
                "actions": [
                    {
                        "title": "Aménager une liaison cyclable entre le centre et la gare",
                        "description": (
                            "Deux kilomètres de piste séparée le long de la rue de la Gare."
                        ),
                        "services": ["travaux", "urbanisme"],
                        "agent": "chef.travaux",
                        "state": "ongoing",
                        "start": -17,
                        "end": 18,
                        "started": -16,
                        "priority": "high",
                        "sub_actions": [
                            {
                                "title": "Étude de faisabilité et avant-projet",
                                "services": ["urbanisme"],
                                "agent": "agent.urbanisme",
                                "state": "terminated",
                                "start": -17,
                                "end": -9,
                                "started": -16,
                                "done": -9,
                                "progress": 100,
                                "budget": [(-1, "commune", 38_000, 37_510, "421/733-60")],
                            },
                            {
                                "title": "Acquisition des emprises",
                                "services": ["urbanisme"],
                                "agent": "agent.urbanisme",
                                "state": "ongoing",
                                "start": -8,
                                "end": 3,
                                "started": -7,
                                "progress": 60,
                                "budget": [(0, "commune", 85_000, 51_000, "421/711-60")],
                            },
                            {
                                "title": "Travaux d'aménagement",
                                "agent": "chef.travaux",
                                "state": "created",
                                "start": 5,
                                "end": 18,
                                "budget": [
                                    (1, "wallonia", 480_000, 0, "421/731-60"),
                                    (1, "commune", 160_000, 0, "421/731-60"),
                                ],
                            },
                        ],
                    },
                    {
                        "title": "Installer des arceaux vélos et un abri sécurisé à la gare",
                        "services": ["travaux"],
                        "agent": "agent.travaux",
                        "state": "terminated",
                        "start": -15,
                        "end": -9,
                        "started": -14,
                        "done": -8,
                        "progress": 100,
                        "budget": [
                            (-1, "commune", 22_000, 21_345.80, "421/741-52"),
                            (-1, "wallonia", 15_000, 15_000, "421/741-52"),
                        ],
                    },
                    {
                        "title": "Créer des rues scolaires aux abords des trois écoles",
                        "services": ["travaux", "culture"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -10,
                        "end": 8,
                        "started": -9,
                        "sdgs": [3, 4, 11],
                        "indicators": [
                            ("Écoles dotées d'une rue scolaire", "écoles", 0, 3, {0: 1})
                        ],
                        "budget": [(0, "commune", 12_000, 4_800, "421/741-52")],
                    },
                    {
                        "title": "Réviser le plan communal de mobilité",
                        "services": ["urbanisme"],
                        "agent": "agent.urbanisme",
                        "admin": "chef.urbanisme",
                        "state": "ongoing",
                        "start": -16,
                        "end": -2,
                        "started": -14,
                        "progress": 65,
                        "health": (
                            "at_risk",
                            "L'enquête publique a suscité de nombreuses remarques ; le bureau "
                            "d'études doit revoir le plan de circulation du centre.",
                        ),
                        "budget": [
                            (-1, "wallonia", 30_000, 30_000, "421/733-60"),
                            (-1, "commune", 15_000, 12_900, "421/733-60"),
                        ],
                    },
                ],
            },
            {
                "title": "Sécuriser les voiries et les abords des écoles",
                "categories": ["Voiries"],
                "sdgs": [3, 9, 11],
                "services": ["travaux"],
                "actions": [
                    {
                        "title": "Réfectionner la rue du Moulin et la rue Haute",
                        "description": "Les deux chantiers du plan d'investissement communal.",
                        "services": ["travaux"],
                        "agent": "chef.travaux",
                        "state": "ongoing",
                        "start": -18,
                        "end": 10,
                        "started": -13,
                        "sector_plans": ["pic"],
                        "priority": "high",
                        "sub_actions": [
                            {
                                "title": "Rue du Moulin : égouttage et revêtement",
                                "state": "terminated",
                                "start": -13,
                                "end": -5,
                                "started": -13,
                                "done": -4,
                                "progress": 100,
                                "budget": [
                                    (-1, "wallonia", 310_000, 310_000, "421/731-60"),
                                    (-1, "commune", 290_000, 302_450, "421/731-60"),
                                ],
                            },
                            {
                                "title": "Rue Haute : trottoirs et plateaux ralentisseurs",
                                "agent": "agent.travaux",
                                "state": "ongoing",
                                "start": -3,
                                "end": 10,
                                "started": -2,
                                "progress": 20,
                                "budget": [
                                    (0, "wallonia", 220_000, 35_000, "421/731-60"),
                                    (1, "commune", 180_000, 0, "421/731-60"),
                                ],
                            },
                        ],
                    },
                    {
                        "title": "Installer des radars préventifs et des ralentisseurs",
                        "services": ["travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -12,
                        "end": 12,
                        "started": -11,
                        "indicators": [
                            ("Vitesse moyenne relevée rue de Namur", "km/h", 62, 50, {0: 55}),
                        ],
                        "budget": [
                            (0, "commune", 28_000, 19_700, "423/741-52"),
                            (0, "federal", 8_000, 8_000, "423/741-52"),
                        ],
                    },
                    {
                        "title": "Tenir un programme annuel d'entretien des trottoirs",
                        "services": ["travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -20,
                        "end": 48,
                        "started": -20,
                        "progress": 35,
                        "budget": [
                            (-1, "commune", 60_000, 58_930, "421/735-60"),
                            (0, "commune", 60_000, 47_200, "421/735-60"),
                            (1, "commune", 60_000, 0, "421/735-60"),
                        ],
                        "priority": "medium",
                    },
                ],
            },
            {
                "title": "Améliorer l'offre de transports en commun et de covoiturage",
                "categories": ["Mobilité"],
                "sdgs": [11, 13],
                "services": ["urbanisme"],
                "state": "created",
                "actions": [
                    {
                        "title": "Obtenir le renforcement de la ligne de bus vers Namur",
                        "services": ["secretariat"],
                        "admin": "dg",
                        "state": "ongoing",
                        "start": -12,
                        "end": 6,
                        "started": -12,
                        "progress": 20,
                        "health": (
                            "blocked",
                            "L'opérateur de transport attend la révision de son plan de "
                            "réseau régional avant tout renfort.",
                        ),
                        "priority": "medium",
                    },
                    {
                        "title": "Aménager un parking de covoiturage près de l'autoroute",
                        "services": ["travaux", "urbanisme"],
                        "agent": "chef.urbanisme",
                        "state": "to_be_scheduled",
                        "start": 3,
                        "end": 15,
                        "budget": [
                            (1, "wallonia", 90_000, 0, "421/731-60"),
                            (1, "commune", 30_000, 0, "421/731-60"),
                        ],
                    },
                    {
                        "title": (
                            "Organiser une semaine de la mobilité avec essais de vélos électriques"
                        ),
                        "services": ["environnement"],
                        "state": "stopped",
                        "start": -9,
                        "end": -6,
                        "started": -8,
                        "progress": 10,
                        "observations": (
                            "Arrêtée par le Collège : les essais seront proposés lors du "
                            "Grand Nettoyage de printemps."
                        ),
                        "priority": "low",
                    },
                ],
            },
        ],
    },
    {
        "title": "Être une commune solidaire, où chacun trouve sa place et un logement",
        "description": "Avec le CPAS : lutter contre l'isolement et la pauvreté, loger dignement.",
        "alderman": "christophe-hardy",
        "categories": ["Cohésion sociale", "Aînés", "Logement"],
        "sdgs": [1, 10, 11],
        "priority": "high",
        "admin": "dg",
        "operational": [
            {
                "title": "Renforcer la cohésion sociale avec le CPAS",
                "categories": ["Cohésion sociale"],
                "sector_plans": ["pcs"],
                "sdgs": [1, 10],
                "services": ["secretariat", "population"],
                "actions": [
                    {
                        "title": "Ouvrir une épicerie sociale avec le CPAS",
                        "services": ["secretariat"],
                        "state": "ongoing",
                        "start": -14,
                        "end": 4,
                        "started": -12,
                        "progress": 75,
                        "sdgs": [1, 2],
                        "budget": [
                            (-1, "wallonia", 25_000, 25_000, "84010/124-02"),
                            (0, "wallonia", 25_000, 19_400, "84010/124-02"),
                            (0, "commune", 12_000, 9_850, "84010/124-02"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Ouvrir un espace public numérique contre la fracture numérique",
                        "services": ["informatique", "culture"],
                        "state": "ongoing",
                        "start": -11,
                        "end": 13,
                        "started": -10,
                        "sdgs": [4, 10],
                        "indicators": [
                            ("Personnes formées", "personnes", 0, 300, {-1: 45, 0: 138})
                        ],
                        "budget": [
                            (0, "europe", 20_000, 14_600, "84010/742-53"),
                            (0, "commune", 8_000, 7_120, "84010/742-53"),
                        ],
                    },
                    {
                        "title": "Tenir des permanences sociales et juridiques dans les villages",
                        "services": ["population"],
                        "state": "terminated",
                        "start": -20,
                        "end": -10,
                        "started": -20,
                        "done": -11,
                        "progress": 100,
                        "budget": [(-1, "wallonia", 6_000, 5_760, "84010/122-48")],
                    },
                ],
            },
            {
                "title": "Permettre aux aînés de vivre chez eux le plus longtemps possible",
                "categories": ["Aînés"],
                "sector_plans": ["pcs"],
                "sdgs": [3, 10],
                "services": ["population"],
                "actions": [
                    {
                        "title": "Installer un conseil consultatif communal des aînés",
                        "services": ["secretariat"],
                        "state": "terminated",
                        "start": -20,
                        "end": -14,
                        "started": -20,
                        "done": -15,
                        "progress": 100,
                    },
                    {
                        "title": "Proposer un service de petits travaux à domicile pour les aînés",
                        "services": ["travaux", "population"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -9,
                        "end": 15,
                        "started": -8,
                        "progress": 40,
                        "budget": [
                            (0, "commune", 14_000, 9_300, "834/124-06"),
                            (1, "province", 6_000, 0, "834/124-06"),
                        ],
                    },
                    {
                        "title": (
                            "Mettre en place une navette communale pour les aînés et les "
                            "personnes à mobilité réduite"
                        ),
                        "description": (
                            "Un minibus adapté et des chauffeurs bénévoles ; la navette sert "
                            "aussi l'objectif de transports en commun (40 % du budget)."
                        ),
                        "services": ["population", "travaux"],
                        "agent": "agent.travaux",
                        "state": "ongoing",
                        "start": -10,
                        "end": 8,
                        "started": -7,
                        "sdgs": [3, 10, 11],
                        "categories": ["Aînés", "Mobilité"],
                        "serves": (
                            "Améliorer l'offre de transports en commun et de covoiturage",
                            40,
                        ),
                        "indicators": [("Trajets effectués", "trajets par an", 0, 1200, {0: 520})],
                        "budget": [
                            (0, "commune", 48_000, 46_900, "834/743-52"),
                            (0, "wallonia", 20_000, 20_000, "834/743-52"),
                            (1, "commune", 18_000, 0, "834/124-06"),
                        ],
                    },
                ],
            },
            {
                "title": "Développer une offre de logements accessibles",
                "categories": ["Logement"],
                "sector_plans": ["pal"],
                "sdgs": [1, 11],
                "alderman": "marc-collignon",
                "services": ["urbanisme", "travaux"],
                "admin": "chef.urbanisme",
                "actions": [
                    {
                        "title": "Rénover quatre logements communaux en logements de transit",
                        "services": ["travaux"],
                        "agent": "chef.travaux",
                        "state": "ongoing",
                        "start": -15,
                        "end": -1,
                        "started": -11,
                        "progress": 45,
                        "health": (
                            "at_risk",
                            "Le premier marché de travaux a été infructueux ; relancé avec "
                            "un cahier des charges en deux lots.",
                        ),
                        "budget": [
                            (-1, "wallonia", 180_000, 60_000, "922/724-60"),
                            (0, "commune", 140_000, 38_600, "922/724-60"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Construire huit logements publics avec la société de logement",
                        "services": ["urbanisme"],
                        "agent": "agent.urbanisme",
                        "state": "to_be_scheduled",
                        "start": -2,
                        "end": 36,
                        "progress": 5,
                        "budget": [(2, "commune", 120_000, 0, "922/712-60")],
                    },
                    {
                        "title": (
                            "Taxer les logements inoccupés et accompagner leur remise sur le marché"
                        ),
                        "services": ["finances", "urbanisme"],
                        "agent": "agent.finances",
                        "state": "ongoing",
                        "start": -18,
                        "end": 30,
                        "started": -17,
                        "indicators": [
                            ("Logements inoccupés recensés", "logements", 64, 30, {-1: 58, 0: 51}),
                        ],
                        "priority": "medium",
                    },
                ],
            },
        ],
    },
    {
        "title": "Être une commune dynamique, où il fait bon grandir, se divertir et entreprendre",
        "description": "Pour les familles, les jeunes, les clubs, les artistes et les commerçants.",
        "alderman": "isabelle-gilson",
        "categories": ["Jeunesse et enfance", "Culture et sports", "Commerce local"],
        "sdgs": [3, 4, 8],
        "priority": "medium",
        "operational": [
            {
                "title": "Soutenir la jeunesse et l'accueil de la petite enfance",
                "categories": ["Jeunesse et enfance"],
                "sdgs": [4, 5],
                "services": ["culture"],
                "actions": [
                    {
                        "title": "Créer une maison des jeunes reconnue",
                        "services": ["culture"],
                        "state": "ongoing",
                        "start": -14,
                        "end": 10,
                        "started": -12,
                        "progress": 50,
                        "budget": [
                            (0, "fwb", 35_000, 22_000, "761/332-02"),
                            (0, "commune", 25_000, 24_100, "761/332-02"),
                        ],
                    },
                    {
                        "title": "Ouvrir une crèche communale de vingt-huit places",
                        "services": ["travaux", "culture"],
                        "agent": "chef.travaux",
                        "state": "to_be_scheduled",
                        "start": -5,
                        "end": 30,
                        "progress": 0,
                        "health": (
                            "at_risk",
                            "La subvention de la Fédération Wallonie-Bruxelles n'est pas "
                            "encore notifiée : le marché d'architecture attend.",
                        ),
                        "sdgs": [4, 5, 8],
                        "budget": [
                            (1, "fwb", 650_000, 0, "835/722-60"),
                            (1, "commune", 420_000, 0, "835/722-60"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Organiser des stages d'été accessibles à tous les enfants",
                        "services": ["culture"],
                        "state": "ongoing",
                        "start": -17,
                        "end": 45,
                        "started": -17,
                        "indicators": [
                            ("Enfants accueillis", "enfants par été", 180, 320, {-1: 230, 0: 265})
                        ],
                        "budget": [
                            (-1, "commune", 18_000, 17_240, "761/124-48"),
                            (0, "commune", 20_000, 19_650, "761/124-48"),
                            (0, "province", 3_000, 3_000, "761/124-48"),
                        ],
                    },
                ],
            },
            {
                "title": "Développer l'offre culturelle et sportive et animer le centre",
                "categories": ["Culture et sports", "Commerce local"],
                "sdgs": [3, 8, 11],
                "services": ["culture", "urbanisme"],
                "actions": [
                    {
                        "title": "Rénover la salle omnisports",
                        "services": ["travaux", "culture"],
                        "agent": "chef.travaux",
                        "state": "ongoing",
                        "start": -16,
                        "end": 9,
                        "started": -14,
                        "categories": ["Culture et sports"],
                        "sub_actions": [
                            {
                                "title": "Remplacer le revêtement de sol",
                                "agent": "agent.travaux",
                                "state": "terminated",
                                "start": -14,
                                "end": -10,
                                "started": -14,
                                "done": -10,
                                "progress": 100,
                                "budget": [
                                    (-1, "wallonia", 95_000, 95_000, "764/724-60"),
                                    (-1, "commune", 65_000, 61_870, "764/724-60"),
                                ],
                            },
                            {
                                "title": "Rénover les vestiaires et les douches",
                                "agent": "chef.travaux",
                                "state": "ongoing",
                                "start": -6,
                                "end": 9,
                                "started": -4,
                                "progress": 30,
                                "budget": [
                                    (0, "wallonia", 180_000, 42_000, "764/724-60"),
                                    (0, "commune", 120_000, 31_500, "764/724-60"),
                                ],
                            },
                        ],
                    },
                    {
                        "title": "Réaménager la place communale",
                        "description": "Fiche-projet du programme communal de développement rural.",
                        "services": ["urbanisme", "travaux"],
                        "agent": "chef.urbanisme",
                        "admin": "chef.urbanisme",
                        "alderman": "francoise-lambert",
                        "state": "created",
                        "start": -3,
                        "end": 34,
                        "sector_plans": ["pcdr"],
                        "categories": ["Commerce local"],
                        "budget": [
                            (1, "commune", 45_000, 0, "930/733-60"),
                            (2, "wallonia", 720_000, 0, "930/725-60"),
                            (2, "commune", 180_000, 0, "930/725-60"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Créer un marché hebdomadaire de producteurs locaux",
                        "services": ["secretariat"],
                        "state": "terminated",
                        "start": -18,
                        "end": -12,
                        "started": -17,
                        "done": -13,
                        "progress": 100,
                        "categories": ["Commerce local"],
                        "budget": [(-1, "commune", 7_500, 7_080, "520/124-48")],
                    },
                    {
                        "title": "Installer un écran d'information numérique sur la place",
                        "services": ["informatique"],
                        "state": "abandoned",
                        "start": -12,
                        "end": -6,
                        "categories": ["Commerce local"],
                        "observations": (
                            "Abandonnée : l'application communale et l'infolettre touchent "
                            "davantage d'habitants pour un coût bien moindre."
                        ),
                        "budget": [(0, "commune", 25_000, 0, "104/742-53")],
                        "priority": "low",
                    },
                ],
            },
        ],
    },
    {
        "title": "Être une administration moderne, efficace et proche des citoyens",
        "description": "Le volet interne du PST : outils, organisation, personnel et finances.",
        "alderman": "francoise-lambert",
        "volet": "internal",
        "categories": ["Administration numérique", "Ressources humaines", "Finances"],
        "sdgs": [16],
        "priority": "high",
        "admin": "dg",
        "operational": [
            {
                "title": "Développer l'administration numérique",
                "categories": ["Administration numérique"],
                "sdgs": [9, 16],
                "services": ["informatique"],
                "actions": [
                    {
                        "title": "Ouvrir un guichet en ligne pour les documents de population",
                        "services": ["informatique", "population"],
                        "state": "ongoing",
                        "start": -15,
                        "end": 6,
                        "started": -14,
                        "indicators": [
                            ("Demandes introduites en ligne", "%", 5, 50, {-1: 18, 0: 31}),
                        ],
                        "budget": [
                            (-1, "commune", 18_000, 18_000, "104/742-53"),
                            (0, "commune", 9_000, 8_460, "104/123-13"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Remplacer le serveur de fichiers et sauvegarder hors site",
                        "services": ["informatique"],
                        "state": "terminated",
                        "start": -19,
                        "end": -13,
                        "started": -19,
                        "done": -14,
                        "progress": 100,
                        "budget": [(-1, "commune", 32_000, 30_715.60, "104/742-53")],
                    },
                    {
                        "title": "Mettre en œuvre un plan de cybersécurité",
                        "services": ["informatique"],
                        "state": "ongoing",
                        "start": -10,
                        "end": -1,
                        "started": -9,
                        "progress": 50,
                        "health": (
                            "at_risk",
                            "Un seul informaticien pour l'ensemble de l'administration : le "
                            "plan avance au rythme des urgences.",
                        ),
                        "budget": [
                            (0, "commune", 26_000, 11_200, "104/123-13"),
                            (0, "wallonia", 10_000, 10_000, "104/123-13"),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Dématérialiser le courrier entrant et les délibérations",
                        "services": ["secretariat", "informatique"],
                        "state": "terminated",
                        "start": -21,
                        "end": -9,
                        "started": -21,
                        "done": -10,
                        "progress": 100,
                        "budget": [(-1, "commune", 15_000, 14_250, "104/123-13")],
                    },
                ],
            },
            {
                "title": "Valoriser et développer les compétences du personnel",
                "categories": ["Ressources humaines"],
                "sdgs": [5, 8],
                "services": ["rh"],
                "actions": [
                    {
                        "title": "Adopter et suivre un plan de formation pluriannuel",
                        "services": ["rh"],
                        "state": "ongoing",
                        "start": -16,
                        "end": 44,
                        "started": -15,
                        "indicators": [
                            (
                                "Agents ayant suivi une formation",
                                "% du personnel",
                                35,
                                80,
                                {-1: 48, 0: 57},
                            ),
                        ],
                        "budget": [
                            (-1, "commune", 22_000, 20_430, "104/123-48"),
                            (0, "commune", 24_000, 19_880, "104/123-48"),
                            (1, "commune", 25_000, 0, "104/123-48"),
                        ],
                    },
                    {
                        "title": "Réviser le statut administratif et pécuniaire et l'organigramme",
                        "services": ["rh", "secretariat"],
                        "state": "ongoing",
                        "start": -15,
                        "end": 3,
                        "started": -14,
                        "progress": 60,
                        "override": (
                            90,
                            "Le Conseil a adopté le nouveau statut ; seule reste l'approbation "
                            "de la tutelle, qui ne demande plus de travail à l'administration.",
                        ),
                        "priority": "high",
                    },
                    {
                        "title": "Organiser le télétravail structurel",
                        "services": ["rh", "informatique"],
                        "state": "terminated",
                        "start": -19,
                        "end": -12,
                        "started": -18,
                        "done": -12,
                        "progress": 100,
                        "budget": [(-1, "commune", 12_000, 11_640, "104/742-53")],
                    },
                ],
            },
            {
                "title": "Assurer une gestion financière saine et transparente",
                "categories": ["Finances"],
                "sdgs": [16, 17],
                "alderman": "marc-collignon",
                "services": ["finances"],
                "actions": [
                    {
                        "title": "Tenir une trajectoire budgétaire à l'équilibre jusqu'en 2030",
                        "services": ["finances"],
                        "agent": "agent.finances",
                        "state": "ongoing",
                        "start": -20,
                        "end": 48,
                        "started": -20,
                        "indicators": [
                            ("Exercices propres en équilibre", "exercices", 0, 6, {-1: 1, 0: 2}),
                        ],
                        "priority": "high",
                    },
                    {
                        "title": "Mettre en place le système de contrôle interne",
                        "services": ["finances", "secretariat"],
                        "agent": "agent.finances",
                        "admin": "dg",
                        "state": "ongoing",
                        "start": -14,
                        "end": -4,
                        "started": -10,
                        "progress": 35,
                        "health": (
                            "at_risk",
                            "La cartographie des risques n'est faite que pour les marchés "
                            "publics et les recettes.",
                        ),
                        "budget": [(0, "commune", 8_000, 3_600, "104/122-01")],
                    },
                    {
                        "title": "Acheter l'énergie et les fournitures par une centrale d'achat",
                        "services": ["finances"],
                        "agent": "agent.finances",
                        "state": "terminated",
                        "start": -20,
                        "end": -14,
                        "started": -20,
                        "done": -15,
                        "progress": 100,
                    },
                ],
            },
        ],
    },
]
# The transitions that lead from the initial state to each state (the shortest path).
ACTION_PATHS = {
    "created": (),
    "to_be_scheduled": ("schedule",),
    "ongoing": ("start",),
    "terminated": ("start", "terminate"),
    "stopped": ("start", "stop"),
    "abandoned": ("abandon",),
}
OBJECTIVE_PATHS = {"created": (), "ongoing": ("start",), "achieved": ("start", "achieve")}
INHERITED = ("alderman", "volet", "categories", "sector_plans", "sdgs", "admin")


def month_start(today: date, offset: int) -> date:
    index = today.year * 12 + today.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def month_end(today: date, offset: int) -> date:
    return month_start(today, offset + 1) - timedelta(days=1)


def _fields(spec: dict, parent: dict, today: date, aldermen: dict) -> dict:
    """The node's field values from its spec, dates and years resolved."""
    spec = {**{name: parent[name] for name in INHERITED if name in parent}, **spec}
    fields = {
        "title": spec["title"],
        "description": spec.get("description"),
        "volet": spec.get("volet", "external"),
        "categories": list(spec.get("categories", ())),
        "sector_plans": list(spec.get("sector_plans", ())),
        "sdgs": list(spec.get("sdgs", ())),
        "priority": spec.get("priority"),
        "responsible_alderman": aldermen.get(spec.get("alderman")),
        "administrative_responsible": spec.get("admin"),
        "managing_services": list(spec.get("services", ())),
        "agent": spec.get("agent"),
        "observations": spec.get("observations"),
    }
    if "start" in spec:
        fields["planned_start"] = month_start(today, spec["start"])
        fields["planned_end"] = month_end(today, spec["end"])
    if "started" in spec:
        fields["effective_start"] = month_start(today, spec["started"])
    if "done" in spec:
        fields["effective_end"] = month_end(today, spec["done"])
    if "progress" in spec:
        fields["progress_entered"] = spec["progress"]
    if "override" in spec:
        fields["progress_override"], fields["progress_override_reason"] = spec["override"]
    health, comment = spec.get("health", ("good", None))
    fields["health"], fields["health_comment"] = health, comment
    fields["indicators"] = [
        {"label": label, "unit": unit, "baseline": float(baseline), "target": float(target)}
        for label, unit, baseline, target, _values in spec.get("indicators", ())
    ]
    fields["measurements"] = [
        {"indicator": label, "year": today.year + offset, "value": float(value)}
        for label, _unit, _baseline, _target, values in spec.get("indicators", ())
        for offset, value in sorted(values.items())
    ]
    fields["budget_lines"] = [
        {
            "year": today.year + offset,
            "source": source,
            "planned": float(planned),
            "spent": float(spent),
            "article": article,
        }
        for offset, source, planned, spent, article in spec.get("budget", ())
    ]
    return {name: value for name, value in fields.items() if value is not None}


def _do(obj, transitions, comment="Historique de démonstration.") -> None:
    workflow = api.portal.get_tool("portal_workflow")
    for transition in transitions:
        workflow.doActionFor(obj, transition, comment=comment)


def _aldermen() -> dict:
    """Person id → UID, for the members of the Collège in office."""
    return {person.getId(): person.UID() for person in college_members()}


def _add(container, portal_type, fields):
    return createContentInContainer(container, portal_type, checkConstraints=False, **fields)


def _build_objective(container, os_spec, today, aldermen, operational_uids):
    """One strategic objective and all below it, each node put in its state as it comes."""
    os_fields = _fields({**os_spec, "start": -23, "end": 49}, {}, today, aldermen)
    strategic = _add(container, "StrategicObjective", os_fields)
    _do(strategic, OBJECTIVE_PATHS[os_spec.get("state", "ongoing")])
    for oo_spec in os_spec["operational"]:
        oo_fields = _fields({**oo_spec, "start": -22, "end": 48}, os_spec, today, aldermen)
        operational = _add(strategic, "OperationalObjective", oo_fields)
        _do(operational, OBJECTIVE_PATHS[oo_spec.get("state", "ongoing")])
        operational_uids[oo_spec["title"]] = operational.UID()
        oo_context = {**os_spec, **oo_spec}
        for action_spec in oo_spec["actions"]:
            fields = _fields(action_spec, oo_context, today, aldermen)
            if "serves" in action_spec:
                title, share = action_spec["serves"]
                fields["own_share"] = 100 - share
                fields["transversal"] = [{"objective": operational_uids[title], "share": share}]
            action = _add(operational, "Action", fields)
            _do(action, ACTION_PATHS[action_spec["state"]])
            action_context = {**oo_context, **action_spec}
            for sub_spec in action_spec.get("sub_actions", ()):
                sub_spec = {
                    "services": action_spec["services"],
                    "agent": action_spec.get("agent"),
                    **sub_spec,
                }
                sub_fields = _fields(sub_spec, action_context, today, aldermen)
                sub_action = _add(action, "SubAction", sub_fields)
                _do(sub_action, ACTION_PATHS[sub_spec["state"]])
    return strategic


EVALUATION = {
    "evaluation_type": "yearly",
    "narrative": (
        "La propreté publique et la mobilité douce avancent au rythme prévu ; les "
        "chantiers de voirie ont pris du retard, faute d'entreprises pour les marchés "
        "publics.\n\n"
        "Le Collège maintient les priorités et reporte deux actions de voirie à l'an "
        "prochain."
    ),
    "synergies": (
        "Le CPAS et la commune partagent le marché de nettoyage des bâtiments et le "
        "service de repas à domicile ; un agent de liaison suit les actions communes."
    ),
}


def create_demo_pst(answers: dict) -> None:
    """Only for the demo commune: its PST, adopted, published and evaluated once, half-way
    through the legislature.

    Every change inside a plan refreshes the whole plan (tree.py): node by node, the demo
    would refresh it some 300 times. It is built with the refreshes suspended, then
    refreshed once.
    """
    if not answers.get("setup_content"):
        return
    folder = api.portal.get().get(FOLDER_ID)
    if folder is None or folder.objectIds():
        return
    today = date.today()
    aldermen = _aldermen()
    plan = _add(folder, "StrategicPlan", {**PLAN, "categories": list(CATEGORIES)})
    _do(plan, ("adopt",), comment="Adopté par le Collège, le Conseil en a pris acte.")
    operational_uids = {}  # title → UID, for the transversal actions
    with tree.suspended():
        for os_spec in OBJECTIVES:
            _build_objective(plan, os_spec, today, aldermen, operational_uids)
    tree.refresh(plan)
    _do(plan, ("publish",), comment="Publié sur le site de la commune.")
    _add(plan, "PSTEvaluation", EVALUATION)
