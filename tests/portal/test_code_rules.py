"""
Rules of the code base that review found broken, checked on the source itself: status sets
and values live in the models, choices and tables only; services and selectors take keyword
arguments only; notification links come from reverse().
"""

import ast
import re
from pathlib import Path

import pytest

from actors.choices import GuardianshipStatus, ListingStatus, RepresentationStatus
from actors.models import MediaStatus, RegisterClaim
from creators.choices import BriefStatus, PitchStatus
from portal.models import Notification

ROOT = Path(__file__).resolve().parents[2]
APPS = ("actors", "creators", "portal", "consent")
#: Where status values may be written out: the vocabularies and the tables.
STATUS_HOMES = {"choices.py", "models.py", "states.py"}
STATUS_VALUES = frozenset().union(
    *(
        choices.values
        for choices in (
            ListingStatus,
            RepresentationStatus,
            GuardianshipStatus,
            MediaStatus,
            RegisterClaim.Status,
            BriefStatus,
            PitchStatus,
            Notification.Status,
        )
    )
)


def _sources(*, skip=frozenset()) -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name not in skip
    )


def _service_and_selector_modules() -> list[Path]:
    return [
        path
        for path in _sources()
        if path.name.startswith(("services", "selectors")) or path.parent.name == "services"
    ]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _exempt_strings(tree: ast.AST) -> set[int]:
    """Docstrings, and DomainError codes (an error's name may match a status)."""
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "code":
            exempt.add(id(node.value))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            exempt.add(id(body[0].value))
    return exempt


def _status_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    exempt = _exempt_strings(tree)
    return [
        f"{_rel(path)}:{node.lineno} {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in STATUS_VALUES
        and id(node) not in exempt
    ]


def test_no_status_is_written_out_beside_the_models_choices_and_tables():
    found = [hit for path in _sources(skip=STATUS_HOMES) for hit in _status_literals(path)]
    assert found == []


def _positional_publics(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{_rel(path)}:{node.lineno} {node.name}"
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
        and (node.args.posonlyargs or node.args.args or node.args.vararg)
    ]


def test_every_public_service_and_selector_takes_keyword_arguments_only():
    found = [hit for path in _service_and_selector_modules() for hit in _positional_publics(path)]
    assert found == []


def test_the_rule_finds_the_service_modules():
    names = {_rel(path) for path in _service_and_selector_modules()}
    assert {"creators/services/pitches.py", "portal/services.py", "actors/selectors.py"} <= names


def _calls_reverse(node: ast.AST) -> bool:
    return any(
        isinstance(sub, ast.Call) and getattr(sub.func, "id", None) == "reverse"
        for sub in ast.walk(node)
    )


def _literal_urls(path: Path) -> list[str]:
    """``url=`` given as a written-out path (a query string after reverse() is fine)."""
    tree = ast.parse(path.read_text())
    return [
        f"{_rel(path)}:{keyword.value.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "url"
        and isinstance(keyword.value, ast.Constant | ast.JoinedStr)
        and not _calls_reverse(keyword.value)
    ]


def test_notification_links_are_built_with_reverse():
    found = [hit for path in _sources() for hit in _literal_urls(path)]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('def f():\n    return x.filter(status="sent")\n', ["sent"]),
        ('def f():\n    raise DomainError(m, code="expired")\n', []),
        ('def f():\n    """Until it is sent."""\n', []),
    ],
)
def test_the_status_rule_tells_a_status_from_an_error_code(source, expected):
    tree = ast.parse(source)
    exempt = _exempt_strings(tree)
    found = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in STATUS_VALUES and id(node) not in exempt
    ]
    assert found == expected


TEMPLATE_COMPARISON = re.compile(r"""\b(status|side)\s*[!=]=\s*["']""")


def test_templates_compare_statuses_with_the_choices_not_literals():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if TEMPLATE_COMPARISON.search(line)
    ]
    assert found == []
