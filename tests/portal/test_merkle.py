"""RFC 6962 Merkle tree: the RFC's test vectors, and proofs that fail when any byte changes."""

import pytest

from portal import merkle

# The eight leaves of the RFC 6962 reference tests (certificate-transparency merkle_tree_test).
LEAVES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}
INCLUSION = [
    # (leaf index, tree size, audit path)
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
CONSISTENCY = [
    # (old size, new size, proof)
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
HASHES = [merkle.leaf_hash(leaf) for leaf in LEAVES]


def _flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


@pytest.mark.parametrize(("size", "root"), ROOTS.items())
def test_root_matches_the_rfc_vectors(size, root):
    assert merkle.root(LEAVES[:size]).hex() == root


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_inclusion_proofs_match_the_rfc_vectors_and_verify(index, size, path):
    proof = merkle.inclusion_proof(index, HASHES[:size])
    assert [node.hex() for node in proof] == path
    assert merkle.verify_inclusion(
        index=index,
        size=size,
        leaf_hash_value=HASHES[index],
        proof=proof,
        root_hash=bytes.fromhex(ROOTS[size]),
    )


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY)
def test_consistency_proofs_match_the_rfc_vectors_and_verify(old, new, path):
    proof = merkle.consistency_proof(old, HASHES[:new])
    assert [node.hex() for node in proof] == path
    assert merkle.verify_consistency(
        old_size=old,
        new_size=new,
        old_root=bytes.fromhex(ROOTS[old]),
        new_root=bytes.fromhex(ROOTS[new]),
        proof=proof,
    )


def test_every_inclusion_proof_up_to_33_leaves_verifies():
    leaves = [merkle.leaf_hash(bytes([i])) for i in range(33)]
    for size in range(1, 34):
        root = merkle.root_from_leaf_hashes(leaves[:size])
        for index in range(size):
            proof = merkle.inclusion_proof(index, leaves[:size])
            assert merkle.verify_inclusion(
                index=index, size=size, leaf_hash_value=leaves[index], proof=proof, root_hash=root
            ), (index, size)


def test_every_consistency_proof_up_to_33_leaves_verifies():
    leaves = [merkle.leaf_hash(bytes([i])) for i in range(33)]
    roots = [merkle.root_from_leaf_hashes(leaves[:n]) for n in range(34)]
    for new in range(1, 34):
        for old in range(1, new + 1):
            proof = merkle.consistency_proof(old, leaves[:new])
            assert merkle.verify_consistency(
                old_size=old, new_size=new, old_root=roots[old], new_root=roots[new], proof=proof
            ), (old, new)


def test_an_inclusion_proof_fails_when_any_byte_changes():
    proof = merkle.inclusion_proof(5, HASHES)
    root = bytes.fromhex(ROOTS[8])
    args = {"index": 5, "size": 8, "leaf_hash_value": HASHES[5], "root_hash": root}
    for n, node in enumerate(proof):
        for position in range(32):
            tampered = [*proof[:n], _flip(node, position), *proof[n + 1 :]]
            assert not merkle.verify_inclusion(**args, proof=tampered)
    for position in range(32):
        assert not merkle.verify_inclusion(
            **{**args, "leaf_hash_value": _flip(HASHES[5], position)}, proof=proof
        )
        assert not merkle.verify_inclusion(
            **{**args, "root_hash": _flip(root, position)}, proof=proof
        )


@pytest.mark.parametrize(
    ("changes", "valid"),
    [
        ({"index": 4}, False),
        ({"size": 16}, False),
        ({"size": 4}, False),
        ({"index": 8}, False),
        ({"root_hash": bytes.fromhex(ROOTS[7])}, False),
        ({}, True),
    ],
)
def test_an_inclusion_proof_is_bound_to_its_index_and_size(changes, valid):
    args = {
        "index": 5,
        "size": 8,
        "leaf_hash_value": HASHES[5],
        "root_hash": bytes.fromhex(ROOTS[8]),
        "proof": merkle.inclusion_proof(5, HASHES),
        **changes,
    }
    assert merkle.verify_inclusion(**args) is valid


def test_a_consistency_proof_fails_when_any_byte_changes():
    proof = merkle.consistency_proof(6, HASHES)
    old_root, new_root = bytes.fromhex(ROOTS[6]), bytes.fromhex(ROOTS[8])
    args = {"old_size": 6, "new_size": 8, "old_root": old_root, "new_root": new_root}
    for n, node in enumerate(proof):
        for position in range(32):
            tampered = [*proof[:n], _flip(node, position), *proof[n + 1 :]]
            assert not merkle.verify_consistency(**args, proof=tampered)
    for position in range(32):
        assert not merkle.verify_consistency(
            **{**args, "old_root": _flip(old_root, position)}, proof=proof
        )
        assert not merkle.verify_consistency(
            **{**args, "new_root": _flip(new_root, position)}, proof=proof
        )


def test_a_rewritten_prefix_is_not_consistent_with_the_old_root():
    rewritten = [*HASHES[:3], merkle.leaf_hash(b"rewritten"), *HASHES[4:]]
    proof = merkle.consistency_proof(6, rewritten)
    assert not merkle.verify_consistency(
        old_size=6,
        new_size=8,
        old_root=bytes.fromhex(ROOTS[6]),
        new_root=merkle.root_from_leaf_hashes(rewritten),
        proof=proof,
    )


@pytest.mark.parametrize(("old", "new"), [(0, 3), (4, 3)])
def test_consistency_proofs_refuse_impossible_sizes(old, new):
    with pytest.raises(ValueError, match="old size"):
        merkle.consistency_proof(old, HASHES[:new])
