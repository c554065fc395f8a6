"""The apps build on each other one way: common at the bottom, then institutions, then partnerships, then curation and releases, and watching above curation."""
import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {"common", "institutions", "partnerships", "curation", "releases", "watching"}


def imported_packages(folder):
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                yield path.name, node.module.split(".")[0]
            elif isinstance(node, ast.Import):
                yield from ((path.name, alias.name.split(".")[0]) for alias in node.names)


def test_config_imports_no_app():
    assert {(name, package) for name, package in imported_packages("config") if package in APPS} == set()


def test_common_imports_no_other_app():
    assert {(name, package) for name, package in imported_packages("common") if package in APPS - {"common"}} == set()


def test_only_curation_imports_curation():
    # Curation sits above the directory: the directory's apps never reach up into it.
    found = {(folder, name) for folder in ("common", "institutions", "partnerships")
             for name, package in imported_packages(folder) if package == "curation"}
    assert found == set()


def test_only_releases_imports_releases():
    # Releases sit above the directory: its pages load the releases' template tags by name only.
    found = {(folder, name) for folder in ("common", "institutions", "partnerships", "curation")
             for name, package in imported_packages(folder) if package == "releases"}
    assert found == set()


def test_only_watching_imports_watching():
    # Watching feeds the curators' queue: it drafts through curation, and nothing below reaches up into it.
    found = {(folder, name) for folder in ("common", "institutions", "partnerships", "curation", "releases")
             for name, package in imported_packages(folder) if package == "watching"}
    assert found == set()


def test_institutions_work_without_partnerships(tmp_path):
    # A site of institutions alone: its models, filters, API and pages load, and migrations apply.
    (tmp_path / "institutions_only.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        "INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in ('partnerships', 'curation', 'watching', 'releases')]\n"  # noqa: F405
        f"DATABASES = {{'default': {{'ENGINE': 'django.db.backends.sqlite3', 'NAME': {str(tmp_path / 'db.sqlite3')!r}}}}}\n"
        "ROOT_URLCONF = 'institutions.urls'\n"
        "MIGRATION_MODULES = {'common': None}\n"
    )
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', 'institutions', verbosity=0)\n"
        "import institutions.api.views, institutions.views, institutions.admin\n"
        "from institutions.models import Institution\n"
        "print(Institution.objects.search('charite').count())\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "institutions_only", "DJANGO_DEBUG": "1",
           "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, "0"), result.stderr[-2000:]


def test_the_partnerships_models_import_each_other_one_way():
    # records.py builds its managers from querysets.py: were a module below it to import it
    # back, which one loads first would decide whether the models load at all.
    package = ROOT / "partnerships" / "models"
    modules = {path.stem for path in package.glob("*.py")} - {"__init__"}
    below = {}
    for module in modules:
        tree = ast.parse((package / f"{module}.py").read_text())
        below[module] = {
            node.module.rsplit(".", 1)[1] for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("partnerships.models.")
        } | {
            alias.name for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "partnerships.models" for alias in node.names
        } & modules
    placed = []
    while len(placed) < len(modules):
        ready = sorted(module for module in modules - set(placed) if below[module] <= set(placed))
        assert ready, f"these import each other in a circle: { {m: below[m] for m in modules - set(placed)} }"
        placed += ready
    assert placed.index("querysets") < placed.index("records") < placed.index("signals")
