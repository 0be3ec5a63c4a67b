import pytest
from django.test import Client

from actors.models import OptOut, RegisterClaim
from portal.models import Notification, Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_the_register_says_listed_since_when_and_verified(actor):
    make_listing(actor, stage_name="张伟", slug="zhang-wei")
    make_listing(stage_name="张伟伟", slug="zhang-weiwei", verified=False)
    page = Client().get("/register/", {"q": "张伟"})
    assert page.status_code == 200
    assert "zhang-wei" in page.text
    assert "Identity verified by staff" in page.text
    assert "Identity not verified" in page.text


def test_the_register_shows_withdrawn_but_never_drafts(actor):
    make_listing(actor, stage_name="Lee Min", slug="lee-min", status="withdrawn")
    make_listing(stage_name="Lee Draft", slug="lee-draft", status="draft")
    page = Client().get("/register/", {"q": "Lee"})
    assert "Lee Min" in page.text
    assert "Withdrawn" in page.text
    assert "Lee Draft" not in page.text


def test_the_register_says_when_nobody_is_present(db):
    page = Client().get("/register/", {"q": "Nobody Here"})
    assert "Not present" in page.text


def test_a_public_opt_out_shows_in_the_register(db):
    person = make_user("person@example.com")
    client = client_for(person)
    response = client.post("/opt-out/", {"public_name": "周迅", "statement": "不授权任何AI使用"})
    assert response.status_code == 302
    page = Client().get("/register/", {"q": "周迅"})
    assert "Publicly opted out" in page.text
    assert "不授权任何AI使用" in page.text
    client.post("/opt-out/", {"withdraw": "1", "public_name": "周迅"})
    assert OptOut.objects.get().withdrawn_at is not None
    assert "Publicly opted out" not in Client().get("/register/", {"q": "周迅"}).text


def test_a_listed_actor_cannot_also_opt_out(actor):
    make_listing(actor)
    client = client_for(actor)
    response = client.post("/opt-out/", {"public_name": "Me"})
    assert "Withdraw it first" in response.text
    assert not OptOut.objects.exists()


def test_a_claim_opens_a_staff_case_and_tells_staff(actor):
    make_listing(actor, slug="zhang-wei", stage_name="张伟")
    staff = make_user("ops@example.com", staff=True)
    page = Client().get("/register/zhang-wei/claim/")
    assert page.status_code == 200
    response = Client().post(
        "/register/zhang-wei/claim/",
        {
            "claimant_name": "张伟",
            "claimant_email": "real@example.com",
            "message": "这是我的照片，我从未加入。",
            "is_person": "on",
        },
    )
    assert response.status_code == 200
    assert "Report received" in response.text
    claim = RegisterClaim.objects.get()
    assert claim.status == "open"
    assert Notification.objects.filter(recipient=staff, kind="register_claim_filed").exists()


def test_a_claim_without_the_declaration_is_refused_in_the_page(actor):
    make_listing(actor, slug="zhang-wei")
    response = Client().post(
        "/register/zhang-wei/claim/",
        {
            "claimant_name": "X",
            "claimant_email": "x@example.com",
            "message": "not me",
        },
    )
    assert "Only the person concerned" in response.text
    assert not RegisterClaim.objects.exists()


def test_claims_are_rate_limited(actor):
    make_listing(actor, slug="zhang-wei")
    data = {
        "claimant_name": "X",
        "claimant_email": "x@example.com",
        "message": "m",
        "is_person": "on",
    }
    client = Client()
    for _ in range(5):
        client.post("/register/zhang-wei/claim/", data)
    response = client.post("/register/zhang-wei/claim/", data)
    assert "Too many claims" in response.text
    assert RegisterClaim.objects.count() == 5


def test_no_claim_against_a_listing_that_was_never_public(actor):
    make_listing(actor, slug="draft", status="draft")
    assert Client().get("/register/draft/claim/").status_code == 404


def test_deleting_an_account_withdraws_the_listing_and_erases_private_details(actor):
    from portal.services import account_delete

    listing = make_listing(actor)
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    from actors.services import representation as rep

    r = rep.representation_request(listing=listing, agent=agent)
    rep.representation_respond(
        representation=r, accept=True, rights=["edit_listing"], acting_user=actor
    )
    account_delete(user=actor, acting_user=actor)
    listing.refresh_from_db()
    listing.private.refresh_from_db()
    assert listing.status == "withdrawn"
    assert listing.private.legal_name == ""
    assert listing.private.date_of_birth is None
    r.refresh_from_db()
    assert r.status == "ended"
    assert not agent.has_perm("actors.edit_listing", listing)


def test_everyone_finds_the_directory_and_the_register_in_the_header(db):
    page = Client().get("/")
    assert 'href="/actors/"' in page.text
    assert 'href="/register/"' in page.text
