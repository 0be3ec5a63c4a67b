import pytest

from portal.canonical import canonical_json, canonical_sha256


def test_key_order_and_spacing_do_not_change_the_bytes():
    assert canonical_json({"b": 1, "a": [1, 2]}) == canonical_json({"a": [1, 2], "b": 1})


def test_canonical_json_is_compact_utf8():
    assert canonical_json({"名": "林晓雨", "n": None}) == '{"n":null,"名":"林晓雨"}'.encode()


def test_floats_that_are_not_numbers_are_refused():
    with pytest.raises(ValueError, match="not JSON compliant"):
        canonical_json({"x": float("nan")})


def test_hash_is_sha256_of_the_canonical_bytes():
    assert canonical_sha256({}) == (
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    )
