"""helpers.data: the digits file's checksum, load_digits, stratified_split and the toy generators."""

import hashlib

import numpy as np
import pytest

from helpers import data
from helpers.data import TOY_SETS, load_digits, stratified_split

EXPECTED_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"


def test_digits_file_checksum():
    assert data.DIGITS_SHA256 == EXPECTED_SHA256
    assert hashlib.sha256(data.DIGITS_FILE.read_bytes()).hexdigest() == EXPECTED_SHA256


def test_a_changed_digits_file_is_refused(tmp_path, monkeypatch):
    raw = bytearray(data.DIGITS_FILE.read_bytes())
    raw[len(raw) // 2] ^= 0x01  # one byte changed
    copy = tmp_path / "digits.csv.gz"
    copy.write_bytes(bytes(raw))
    monkeypatch.setattr(data, "DIGITS_FILE", copy)
    with pytest.raises(ValueError, match=r"SHA-256.*damaged or was changed.*git checkout"):
        load_digits()


def test_load_digits_shapes_dtypes_and_ranges():
    X, y = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert X.min() == 0 and X.max() == 16 and np.all(X == np.round(X))
    assert set(np.unique(y)) == set(range(10))
    assert np.bincount(y).min() >= 170  # every digit is well represented


def split_ids(parts):
    """Recover which original rows went where, through a unique id column."""
    return [p[0][:, 0].astype(int) for p in parts]


def labelled_data(n=203):
    rng = np.random.default_rng(5)
    y = rng.integers(0, 3, n)
    X = np.c_[np.arange(n), rng.standard_normal(n)]  # column 0 is the row id
    return X, y


@pytest.mark.parametrize("fractions", [(0.7, 0.15, 0.15), (0.8, 0.2), (0.5, 0.25, 0.25)])
def test_stratified_split_is_stratified_disjoint_and_complete(fractions):
    X, y = labelled_data()
    parts = stratified_split(X, y, fractions, seed=0)
    assert len(parts) == len(fractions)
    ids = split_ids(parts)
    everything = np.concatenate(ids)
    assert len(everything) == len(y) and set(everything) == set(range(len(y)))  # disjoint, complete
    for (Xp, yp), f in zip(parts, fractions):
        np.testing.assert_array_equal(yp, y[Xp[:, 0].astype(int)])  # rows keep their labels
        for c in np.unique(y):
            ideal = f * np.sum(y == c)
            assert abs(np.sum(yp == c) - ideal) <= 1, (c, np.sum(yp == c), ideal)


def test_stratified_split_is_deterministic():
    X, y = labelled_data()
    a = split_ids(stratified_split(X, y, seed=0))
    b = split_ids(stratified_split(X, y, seed=0))
    c = split_ids(stratified_split(X, y, seed=1))
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    assert not all(np.array_equal(p, q) for p, q in zip(a, c))
    assert set(a[0]) != set(c[0])  # other rows, not just the same rows in another order


def test_stratified_split_of_digits():
    X, y = load_digits()
    (Xt, yt), (Xv, yv), (Xs, ys) = stratified_split(X, y)
    assert len(yt) + len(yv) + len(ys) == 1797
    assert Xt.shape[1] == 64 and abs(len(yt) - 0.7 * 1797) <= 10


@pytest.mark.parametrize("name", sorted(TOY_SETS))
def test_toy_generator_is_seeded_balanced_and_has_a_noise_knob(name):
    make = TOY_SETS[name]
    X, y = make(200, noise=0.1, seed=3)
    assert X.shape == (200, 2) and X.dtype == np.float64
    assert y.shape == (200,) and y.dtype == np.int64 and set(np.unique(y)) == {0, 1}
    assert np.sum(y == 0) == np.sum(y == 1)
    X_odd, y_odd = make(201, noise=0.1, seed=3)
    assert abs(np.sum(y_odd == 0) - np.sum(y_odd == 1)) <= 1
    # same seed, same points; another seed, other points
    X2, y2 = make(200, noise=0.1, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make(200, noise=0.1, seed=4)[0])
    # the noise knob: no noise is the clean shape; more noise moves points further from it
    clean, _ = make(200, noise=0.0, seed=3)
    np.testing.assert_array_equal(clean, make(200, noise=0.0, seed=9)[0])  # seed only drives noise
    small = np.abs(make(200, noise=0.05, seed=3)[0] - clean).mean()
    big = np.abs(make(200, noise=0.5, seed=3)[0] - clean).mean()
    assert 0 < small < big


def test_default_seed_is_fixed():
    for make in TOY_SETS.values():
        np.testing.assert_array_equal(make()[0], make()[0])


def test_whole_number_float_labels_split_like_integers():
    X, y = labelled_data()
    a = stratified_split(X, y, (0.8, 0.2), seed=0)
    b = stratified_split(X, y.astype(float).tolist(), (0.8, 0.2), seed=0)
    for (Xa, ya), (Xb, yb) in zip(a, b):
        np.testing.assert_array_equal(Xa, Xb)
        np.testing.assert_array_equal(ya, yb)
        assert yb.dtype == np.int64


@pytest.mark.parametrize("name", sorted(TOY_SETS))
def test_toy_generators_name_a_misspelt_keyword(name):
    with pytest.raises(TypeError, match=r"unknown name 'noize'.*Did you mean 'noise'\?"):
        TOY_SETS[name](50, noize=0.1)
