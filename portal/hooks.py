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
- ``receipt_status_resolvers`` (ledger, issue 8): ``@register_receipt_status("grant")`` on a
  callable ``(subject_id: str) -> ReceiptStatus | None``; ``/verify/`` asks it for the CURRENT
  status of a receipt's subject at every view (None, or no resolver: "unknown").
- ``ledger_bootstrappers`` (ledger, issue 8): callables ``(*, stdout) -> int`` that
  ``manage.py ledger_bootstrap`` runs after the genesis entry, each recording its app's existing
  state "as it stands" in the ledger, idempotently; they return how many entries they added.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


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


# --- ledger: receipt status and bootstrapping (issue 8) ------------------------------------


@dataclass(frozen=True)
class ReceiptStatus:
    """
    A receipt subject's status now. ``code`` is machine-readable (grants: "awaiting_signature",
    "active", "suspended", "completed", "expired", "revoked", "lapsed"; shot approvals:
    "approved", "voided", "expired"; "unknown" when nobody answers); ``label`` is translated.
    """

    code: str
    label: str
    detail: str = ""
    valid_from: datetime | None = None
    valid_until: datetime | None = None


receipt_status_resolvers: dict[str, Callable] = {}
ledger_bootstrappers: list[Callable] = []


def register_receipt_status(kind: str):
    """Decorator: ``@register_receipt_status("grant")`` over ``(subject_id) -> ReceiptStatus``."""

    def decorator(fn: Callable) -> Callable:
        receipt_status_resolvers[kind] = fn
        return fn

    return decorator


def register_ledger_bootstrapper(fn: Callable) -> Callable:
    if fn not in ledger_bootstrappers:
        ledger_bootstrappers.append(fn)
    return fn


# --- consent (issue 7): grants --------------------------------------------------------------
# - ``pitch_agreed_handlers``: ``(*, pitch, acting_user) -> None``, run by the pitch service
#   INSIDE the transaction that agrees a pitch (consent creates the grant awaiting signature).
# - ``listing_status_handlers``: ``(*, listing, action, from_status, acting_user) -> None``,
#   run by the listing service inside each listing transition (pause suspends grants, resume
#   restores them, withdraw revokes them).
# - ``pitch_actions``: ``(request, pitch) -> Fragment | None``: what the pitch page offers next
#   (the actor's "Review and sign").
# - ``register_facts``: ``(listings) -> dict[listing_id, Fragment]``: what the public register
#   adds to each result, in one query for all of them (the number of active grants).

pitch_agreed_handlers: list[Callable] = []
listing_status_handlers: list[Callable] = []
pitch_actions: list[Callable] = []
register_facts: list[Callable] = []


def register_pitch_agreed(fn: Callable) -> Callable:
    if fn not in pitch_agreed_handlers:
        pitch_agreed_handlers.append(fn)
    return fn


def register_listing_status_handler(fn: Callable) -> Callable:
    if fn not in listing_status_handlers:
        listing_status_handlers.append(fn)
    return fn


def register_pitch_action(fn: Callable) -> Callable:
    if fn not in pitch_actions:
        pitch_actions.append(fn)
    return fn


def register_register_fact(fn: Callable) -> Callable:
    if fn not in register_facts:
        register_facts.append(fn)
    return fn


def pitch_agreed(*, pitch, acting_user) -> None:
    for fn in pitch_agreed_handlers:
        fn(pitch=pitch, acting_user=acting_user)


def listing_status_changed(*, listing, action: str, from_status: str, acting_user) -> None:
    for fn in listing_status_handlers:
        fn(listing=listing, action=action, from_status=from_status, acting_user=acting_user)


def register_fragments(listings) -> dict:
    """``{listing_id: [Fragment, ...]}`` from every ``register_facts`` callable."""
    found: dict = {}
    for fn in register_facts:
        for listing_id, fragment in fn(listings).items():
            found.setdefault(listing_id, []).append(fragment)
    return found


# --- consent: what the actor's listing management page shows from higher apps ---------------
#: Callables ``(request, listing) -> Fragment | None`` included on the listing's management
#: page (the actor's log of who opened their reference assets under a grant, for one).
listing_manage_sections: list[Callable] = []


def register_listing_manage_section(fn: Callable) -> Callable:
    if fn not in listing_manage_sections:
        listing_manage_sections.append(fn)
    return fn
