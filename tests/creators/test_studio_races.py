"""The last-owner rule under concurrency (PostgreSQL): the studio row lock serialises membership
changes, so two owners removing, demoting or leaving at once can never leave a studio ownerless."""

import pytest

from creators.choices import MemberRole
from creators.models import StudioMembership
from creators.services import studios as studio_services
from portal.models import AuditEvent, Role
from tests.conftest import make_user, race
from tests.creators.factories import make_studio

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_owners():
    first = make_user("first-owner@example.com", roles=[Role.CREATOR])
    second = make_user("second-owner@example.com", roles=[Role.CREATOR])
    studio = make_studio(first, members=[(second, MemberRole.OWNER)])
    memberships = {m.user_id: m for m in StudioMembership.objects.filter(studio=studio)}
    return studio, first, second, memberships[first.pk], memberships[second.pk]


def _owners(studio):
    return StudioMembership.objects.filter(studio=studio, role=MemberRole.OWNER).count()


def test_two_owners_removing_each_other_at_once_leave_exactly_one_owner(two_owners):
    studio, first, second, first_membership, second_membership = two_owners
    outcomes = race(
        lambda: studio_services.studio_member_remove(
            membership=second_membership, acting_user=first
        ),
        lambda: studio_services.studio_member_remove(
            membership=first_membership, acting_user=second
        ),
    )
    assert outcomes == ["last_owner", "ok"]
    assert _owners(studio) == 1
    assert StudioMembership.objects.filter(studio=studio).count() == 1
    assert AuditEvent.objects.filter(action="studio.member_removed").count() == 1


def test_two_owners_leaving_at_once_leave_exactly_one_owner(two_owners):
    studio, first, second, first_membership, second_membership = two_owners
    outcomes = race(
        lambda: studio_services.studio_member_remove(
            membership=first_membership, acting_user=first
        ),
        lambda: studio_services.studio_member_remove(
            membership=second_membership, acting_user=second
        ),
    )
    assert outcomes == ["last_owner", "ok"]
    assert _owners(studio) == 1
    assert AuditEvent.objects.filter(action="studio.member_removed").count() == 1


def test_two_owners_demoting_each_other_at_once_leave_exactly_one_owner(two_owners):
    studio, first, second, first_membership, second_membership = two_owners
    outcomes = race(
        lambda: studio_services.studio_member_set_role(
            membership=second_membership, role=MemberRole.PRODUCER, acting_user=first
        ),
        lambda: studio_services.studio_member_set_role(
            membership=first_membership, role=MemberRole.PRODUCER, acting_user=second
        ),
    )
    assert outcomes == ["last_owner", "ok"]
    assert _owners(studio) == 1
    assert StudioMembership.objects.filter(studio=studio).count() == 2
    assert AuditEvent.objects.filter(action="studio.member_role_changed").count() == 1


def test_the_remaining_owner_still_holds_the_owner_permissions(two_owners):
    studio, first, second, first_membership, second_membership = two_owners
    race(
        lambda: studio_services.studio_member_remove(
            membership=first_membership, acting_user=first
        ),
        lambda: studio_services.studio_member_remove(
            membership=second_membership, acting_user=second
        ),
    )
    owner = StudioMembership.objects.select_related("user").get(
        studio=studio, role=MemberRole.OWNER
    )
    fresh = type(owner.user).objects.get(pk=owner.user_id)  # permissions are cached per object
    assert fresh.has_perm("creators.manage_studio", studio)
