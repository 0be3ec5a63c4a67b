"""Private media on S3, as production configures it, against moto's S3 server in this process.

moto checks object ACLs for anonymous requests, so a plain GET of a private object is refused as
on AWS. It does not check signatures or expiry: those are asserted from the URL itself.
"""

import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

import portal.settings
from portal.settings import _s3_storage

REGION = "us-east-1"
# Straight to 127.0.0.1, whatever proxy the environment names.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    """A fresh bucket, with fake credentials only this test's process can see."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "NO_PROXY": "127.0.0.1",
    }.items():
        monkeypatch.setenv(name, value)
    name = f"portrait-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(portal.settings, "AWS_STORAGE_BUCKET_NAME", name)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    client.create_bucket(Bucket=name)
    return client, name


def private_options(bucket_name, endpoint):
    """What portal.settings gives STORAGES["private"] when AWS_STORAGE_BUCKET_NAME is set."""
    return {
        "bucket_name": bucket_name,
        "location": "private",
        "endpoint_url": endpoint,
        "region_name": REGION,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }


@pytest.fixture
def private_storage(bucket, s3_endpoint):
    _, name = bucket
    options = private_options(name, s3_endpoint)
    assert _s3_storage("private", 60) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": options,
    }
    return S3Storage(**options)


def fetch(url):
    try:
        with HTTP.open(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def unsigned(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def test_private_files_are_stored_under_the_private_prefix(private_storage, bucket):
    client, name = bucket
    saved = private_storage.save("ids/passport.jpg", ContentFile(b"identity document"))
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=name)["Contents"]]
    assert keys == [f"private/{saved}"]
    body = client.get_object(Bucket=name, Key=f"private/{saved}")["Body"].read()
    assert body == b"identity document"


def test_a_private_file_is_not_readable_without_a_signature(private_storage, bucket):
    client, name = bucket
    saved = private_storage.save("ids/passport.jpg", ContentFile(b"identity document"))
    grants = client.get_object_acl(Bucket=name, Key=f"private/{saved}")["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert "URI" not in grants[0]["Grantee"]  # the owner, not AllUsers/AuthenticatedUsers
    status, _ = fetch(unsigned(private_storage.url(saved)))
    assert status == 403


def test_the_server_does_serve_a_public_object_unsigned(bucket, s3_endpoint):
    # The 403 above is the ACL at work, not this fake S3 refusing every anonymous request.
    _, name = bucket
    public = S3Storage(**{**private_options(name, s3_endpoint), "default_acl": "public-read"})
    saved = public.save("poster.jpg", ContentFile(b"public poster"))
    assert fetch(unsigned(public.url(saved))) == (200, b"public poster")


def test_a_private_url_is_signed_expires_within_a_minute_and_works(private_storage):
    saved = private_storage.save("ids/passport.jpg", ContentFile(b"identity document"))
    url = private_storage.url(saved)
    query = parse_qs(urlsplit(url).query)
    if "X-Amz-Expires" in query:  # SigV4: seconds from signing
        assert "X-Amz-Signature" in query
        assert 0 < int(query["X-Amz-Expires"][0]) <= 60
    else:  # SigV2: an absolute time
        assert "Signature" in query
        assert 0 < int(query["Expires"][0]) - time.time() <= 60
    assert fetch(url) == (200, b"identity document")


def test_uploads_with_the_same_name_never_overwrite_each_other(private_storage):
    first = private_storage.save("refs/headshot.jpg", ContentFile(b"first"))
    second = private_storage.save("refs/headshot.jpg", ContentFile(b"second"))
    assert first != second
    assert first.startswith("refs/headshot")
    assert second.startswith("refs/headshot")
    with private_storage.open(first) as file:
        assert file.read() == b"first"
    with private_storage.open(second) as file:
        assert file.read() == b"second"
