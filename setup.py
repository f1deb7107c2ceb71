"""CommunesPlone: the intranet of a Walloon commune, on Plone 6.2."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = Path(__file__).with_name("README.md").read_text(encoding="utf-8")

setup(
    name="communesplone",
    version="1.0.0.dev0",
    description="Intranet of a Walloon commune: meetings, urbanism, PST and mail on Plone 6.2",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    license="GPL-2.0-only",
    packages=find_packages("src"),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires="==3.11.*",
    install_requires=[
        "Products.CMFPlone",
        "plone.classicui",
        "plone.api",
        "plone.restapi",
        "plone.distribution",
        "plone.app.contenttypes",
        "collective.documentgenerator",
        "appy",
        "click",
        "tqdm",
        "holidays",
        "pygal",
        "reportlab",
        "icalendar",
        "cssselect",
        "python-dateutil",
        "jsonschema",
        "Faker",
        "requests",
        "setuptools",
        "Zope",
        "waitress",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.testing",
            "pytest",
            "pytest-plone",
            "zope.pytestlayer",
            "playwright",
            "webtest",
            "pyzbar",
        ],
        "lint": ["ruff", "zpretty"],
        # Several Zope processes on one PostgreSQL database (docs/saas.md).
        "relstorage": ["RelStorage", "psycopg2-binary"],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": ["communesplone = communesplone.core.cli:main"],
    },
)
