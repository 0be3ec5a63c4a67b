"""
Extension points the higher apps plug into, so the kernel never imports them.

- ``dashboard_sections``: callables ``(request) -> Section | None`` each app appends in its
  ``AppConfig.ready()``; the dashboard shows what every section returns.
- ``demo_seeders``: callables ``(*, users, actors: int, stdout) -> None`` that ``seed_demo``
  runs after creating the demo accounts (``users`` maps their emails to users); ``actors`` is
  the number of generated listings asked for with ``--actors``.
- ``nav_items``: ``NavItem``s the header shows to users holding one of their roles.
- ``account_deletion_steps``: ``DeletionStep``s whose ``run(*, user, acting_user)`` runs inside
  the deletion transaction, before personal data is erased (withdraw listings, revoke
  grants...), and whose ``description`` the confirmation page lists.
- ``listing_actions``: callables ``(request, listing) -> Fragment | None``: what a visitor may do
  from an actor's public page (a studio's producer pitches the actor). The page includes each
  fragment the callables return.
- ``directory_actions``: callables ``(request) -> Fragment | None``, the same for the directory
  (a studio member saves the current search). They run on every page of results, htmx swaps
  included, so each must answer without a query for visitors it does not concern.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Task:
    """One thing a user should do next, shown on the dashboard."""

    title: str
    url: str
    detail: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    tasks: list[Task] = field(default_factory=list)
    empty_text: str = ""
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] = frozenset()  # shown to users with any of these roles
    staff: bool = False  # shown to staff
    public: bool = False  # shown to everyone, signed in or not
    order: int = 100


@dataclass(frozen=True)
class DeletionStep:
    run: Callable
    description: str


@dataclass(frozen=True)
class Fragment:
    """A piece of a lower app's page that a higher app fills: a template and its context."""

    template: str
    context: dict = field(default_factory=dict)


dashboard_sections: list[Callable] = []
demo_seeders: list[Callable] = []
nav_items: list[NavItem] = []
account_deletion_steps: list[DeletionStep] = []
listing_actions: list[Callable] = []
directory_actions: list[Callable] = []


def register_dashboard_section(fn: Callable) -> Callable:
    if fn not in dashboard_sections:
        dashboard_sections.append(fn)
    return fn


def register_demo_seeder(fn: Callable) -> Callable:
    if fn not in demo_seeders:
        demo_seeders.append(fn)
    return fn


def register_nav_item(item: NavItem) -> NavItem:
    if item not in nav_items:
        nav_items.append(item)
        nav_items.sort(key=lambda i: i.order)
    return item


def register_account_deletion_step(description):
    """Decorator: ``@register_account_deletion_step(_("your listing is withdrawn"))``."""

    def decorator(fn: Callable) -> Callable:
        if all(step.run is not fn for step in account_deletion_steps):
            account_deletion_steps.append(DeletionStep(run=fn, description=description))
        return fn

    return decorator


def register_listing_action(fn: Callable) -> Callable:
    if fn not in listing_actions:
        listing_actions.append(fn)
    return fn


def register_directory_action(fn: Callable) -> Callable:
    if fn not in directory_actions:
        directory_actions.append(fn)
    return fn


def fragments(hooks: list[Callable], *args) -> list[Fragment]:
    """What each registered callable returns for this page, the ``None``s left out."""
    return [fragment for fn in hooks if (fragment := fn(*args)) is not None]
