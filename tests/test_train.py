"""helpers.train: a small network really learns, deterministically; early stopping; divergence."""

import warnings

import numpy as np
import pytest

from helpers import validate
from helpers.data import make_moons, make_xor
from helpers.layers import Dense, Sequential, Tanh, mlp
from helpers.losses import MSE, BinaryCrossEntropy
from helpers.optim import SGD, Adam
from helpers.train import History, accuracy, batches, divergence_message, fit, predict, train_step

MOONS_NOISE = 0.2  # make_moons(400, noise=0.2): overlapping enough that 100 % is out of reach


def train_moons():
    X, y = make_moons(400, noise=MOONS_NOISE, seed=0)
    model = mlp([2, 16, 16, 1], seed=0)
    hist = fit(model, BinaryCrossEntropy(), Adam(model, lr=0.01), X, y, epochs=100,
               batch_size=32, seed=0)
    return model, hist, X, y


def test_mlp_learns_noisy_moons():
    model, hist, X, y = train_moons()
    assert accuracy(model, X, y) >= 0.97  # training accuracy, 400 points, noise 0.2
    X_test, y_test = make_moons(400, noise=MOONS_NOISE, seed=1)
    assert accuracy(model, X_test, y_test) >= 0.95  # new points from the same distribution
    assert hist.train_loss[-1] < hist.train_loss[0] and not hist.diverged


def test_training_is_deterministic():
    model1, hist1, _, _ = train_moons()
    model2, hist2, _, _ = train_moons()
    assert hist1.train_loss == hist2.train_loss and hist1.train_acc == hist2.train_acc
    for k in model1.params:
        np.testing.assert_array_equal(model1.params[k], model2.params[k])


def test_mlp_solves_xor():
    X, y = make_xor(200, noise=0.2, seed=0)
    accs = []
    for _ in range(2):  # and twice gives the same numbers
        model = mlp([2, 16, 16, 1], seed=0)
        hist = fit(model, BinaryCrossEntropy(), Adam(model, lr=0.01), X, y, epochs=50, seed=0)
        accs.append((accuracy(model, X, y), hist.train_loss))
    assert accs[0][0] == 1.0
    assert accs[0] == accs[1]


def test_early_stopping_restores_the_best_weights():
    X, y = make_moons(30, noise=0.35, seed=0)  # few noisy points and a big network: overfits
    Xv, yv = make_moons(200, noise=0.35, seed=1)
    model = mlp([2, 64, 64, 1], seed=0)
    snapshots = {}

    def remember(epoch, hist, model):
        snapshots[epoch] = {k: v.copy() for k, v in model.params.items()}

    loss = BinaryCrossEntropy()
    hist = fit(model, loss, Adam(model, lr=0.02), X, y, epochs=300, batch_size=10,
               val=(Xv, yv), patience=10, callback=remember)
    assert hist.stopped_early and hist.epochs < 300
    assert hist.best_epoch == int(np.argmin(hist.val_loss)) + 1
    assert hist.epochs == hist.best_epoch + 10
    for k, v in model.params.items():
        np.testing.assert_array_equal(v, snapshots[hist.best_epoch][k])
    assert loss(model.forward(Xv), yv) == pytest.approx(min(hist.val_loss))
    assert min(hist.val_loss) < hist.val_loss[-1]  # the last epoch was worse than the best


def regression_problem():
    X = np.random.default_rng(0).standard_normal((50, 3)) * 10
    return X, X @ np.ones((3, 1))


def test_divergence_is_reported_in_words(capsys):
    X, t = regression_problem()
    model = Sequential(Dense(3, 1))
    seen = []
    hist = fit(model, MSE(), SGD(model, lr=10.0), X, t, epochs=100,
               callback=lambda e, h, m: seen.append(h.train_loss[-1]))
    assert seen[-1] > 1e200 > 1e10 * seen[0]  # the loss really exploded, epoch after epoch
    assert "diverged" in hist.diverged and "smaller learning rate" in hist.diverged
    assert "infinite" in hist.diverged or "NaN" in hist.diverged
    assert "lr=1 " in hist.diverged  # a concrete value to try
    assert hist.diverged in capsys.readouterr().out
    assert len(hist.train_loss) < 100 and all(np.isfinite(hist.train_loss))


def test_divergence_inside_a_deep_network_is_reported_not_raised(capsys):
    # In a network, blown-up weights put inf/NaN into a hidden layer, whose input check
    # would raise; fit must still say "diverged" instead of showing a traceback.
    X, t = regression_problem()
    model = mlp([3, 8, 8, 1])
    hist = fit(model, MSE(), SGD(model, lr=10.0), X, t, epochs=50)
    assert "diverged" in hist.diverged and "smaller learning rate" in hist.diverged
    model = mlp([3, 8, 1])

    def blow_up(epoch, hist, model):
        model.params["0.W"][...] = 1e308  # as if one step had been enormous: x @ W overflows

    hist = fit(model, MSE(), SGD(model, lr=1e-3), X, t, epochs=5, callback=blow_up)
    assert hist.epochs == 1 and "NaN" in hist.diverged and "diverged" in hist.diverged
    assert "diverged" in capsys.readouterr().out


def test_divergence_with_cross_entropy_gives_no_warning():
    X, y = make_moons(100, noise=0.2)
    model = mlp([2, 16, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hist = fit(model, BinaryCrossEntropy(), SGD(model, lr=1e8), X, y, epochs=20)
    assert all(np.isfinite(hist.train_loss))


def test_divergence_message_words():
    msg = divergence_message(3, float("nan"), 0.5)
    assert "epoch 3" in msg and "NaN" in msg and "diverged" in msg and "lr=0.05" in msg
    assert "infinite" in divergence_message(1, float("inf"), 1.0)


def test_batches_cover_the_data_once_and_repeat_with_a_seed():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    parts = list(batches(X, y, 4, seed=1))
    assert [len(b[1]) for b in parts] == [4, 4, 2]
    assert sorted(np.concatenate([b[1] for b in parts])) == list(range(10))
    for xb, yb in parts:
        np.testing.assert_array_equal(xb[:, 0], 2 * yb)  # rows stay with their labels
    again = list(batches(X, y, 4, seed=1))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(parts, again))
    order = np.concatenate([b[1] for b in batches(X, y, 4, shuffle=False)])
    np.testing.assert_array_equal(order, np.arange(10))


def test_train_step_lowers_the_loss_and_predict_accuracy_agree():
    X, y = make_moons(100, noise=0.1)
    model = mlp([2, 8, 1])
    loss, opt = BinaryCrossEntropy(), Adam(model, lr=0.01)
    first = train_step(model, loss, opt, X, y)
    for _ in range(50):
        last = train_step(model, loss, opt, X, y)
    assert last < first
    pred = predict(model, X)
    assert pred.dtype == np.int64 and set(np.unique(pred)) <= {0, 1}
    assert accuracy(model, X, y) == np.mean(pred == y)
    three = mlp([2, 3])
    assert set(np.unique(predict(three, X))) <= {0, 1, 2}


def test_fit_history_fields_and_list_labels():
    X, y = make_xor(40)
    Xv, yv = make_xor(20, seed=1)
    model = mlp([2, 4, 1])
    hist = fit(model, BinaryCrossEntropy(), Adam(model, lr=0.01), X.tolist(), y.tolist(),
               epochs=3, val=(Xv, yv))
    assert isinstance(hist, History) and hist.epochs == 3
    assert len(hist.train_acc) == len(hist.val_loss) == len(hist.val_acc) == 3
    assert hist.best_epoch in (1, 2, 3) and not hist.stopped_early and hist.diverged == ""


def test_callback_can_stop_training():
    X, y = make_xor(40)
    model = mlp([2, 4, 1])
    hist = fit(model, BinaryCrossEntropy(), Adam(model), X, y, epochs=10,
               callback=lambda epoch, h, m: epoch == 2)
    assert hist.epochs == 2


def test_train_step_is_the_manual_loop_and_changes_nothing_but_the_weights():
    X, y = make_moons(64, noise=0.2)
    a, b = mlp([2, 8, 1], seed=3), mlp([2, 8, 1], seed=3)
    before = [dict(vars(layer)).keys() for layer in (a, *a.layers)]
    loss_fn, opt_a, opt_b = BinaryCrossEntropy(), Adam(a, lr=0.01), Adam(b, lr=0.01)
    for Xb, yb in batches(X, y, 16, seed=0):
        got = train_step(a, loss_fn, opt_a, Xb, yb)
        want = loss_fn.forward(b.forward(Xb), yb)
        b.backward(loss_fn.backward())  # the learner's loop: dL/dx computed and thrown away
        opt_b.step()
        assert got == want
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert [dict(vars(layer)).keys() for layer in (a, *a.layers)] == before
    assert a.needs_input_grad and a[0].needs_input_grad and a.backward(np.ones((16, 1))).shape == (16, 2)


class Scaled:
    """A model of one's own: forward, backward, params and grads, and nothing else."""

    def __init__(self):
        self.params, self.grads = {"w": np.ones((2, 1))}, {"w": np.zeros((2, 1))}

    def forward(self, x):
        self.x = x
        return x @ self.params["w"]

    def backward(self, dout):
        self.grads["w"] = self.x.T @ dout
        return dout @ self.params["w"].T


def test_train_step_and_fit_take_any_model_and_any_first_layer():
    X, y = make_xor(40)
    own = Scaled()
    assert np.isfinite(train_step(own, BinaryCrossEntropy(), SGD(own, lr=0.1), X, y))
    assert not hasattr(own, "needs_input_grad")
    for model in (Sequential(Tanh(), Dense(2, 4), Tanh(), Dense(4, 1)), own):
        hist = fit(model, BinaryCrossEntropy(), Adam(model, lr=0.01), X, y, epochs=3)
        assert hist.epochs == 3 and not hist.diverged


def test_train_step_checks_its_data_once_and_fit_checks_before_training():
    X, y = make_xor(8)
    model = mlp([2, 1])
    with pytest.raises(ValueError, match=r"train_step: X contains 1 NaN"):
        train_step(model, BinaryCrossEntropy(), SGD(model), np.r_[X[:-1], [[np.nan, 0]]], y)
    assert not validate.inside_boundary()
    fit(model, BinaryCrossEntropy(), SGD(model), X, y, epochs=2,
        callback=lambda e, h, m: validate.inside_boundary())  # callbacks run outside it
    assert not validate.inside_boundary()
    with pytest.raises(ValueError, match="NaN"):  # so a layer on its own checks again
        model[0].forward(np.array([[np.nan, 0.0]]))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_divergence_is_reported_for_every_activation(activation, capsys):
    X, t = regression_problem()
    model = mlp([3, 8, 1], activation=activation)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hist = fit(model, MSE(), SGD(model, lr=1e3), X, t, epochs=30)
    assert "diverged" in hist.diverged and "diverged" in capsys.readouterr().out


# --- bad input, beyond the table in tests/test_errors_train.py: what must still work ---

def test_fit_takes_whole_number_float_labels_and_reports_a_real_accuracy():
    X, y = make_xor(40)
    runs = []
    for labels in (y, y.astype(float), y.astype(float).tolist()):
        model = mlp([2, 4, 1])
        hist = fit(model, BinaryCrossEntropy(), Adam(model, lr=0.01), X, labels, epochs=3,
                   val=(X, labels))
        assert all(np.isfinite(hist.train_acc)) and all(np.isfinite(hist.val_acc))
        runs.append((hist.train_loss, hist.train_acc))
    assert runs[0] == runs[1] == runs[2]
    assert accuracy(model, X, y.astype(float)) == accuracy(model, X, y)


def test_fit_refuses_an_optimizer_that_cannot_train_this_model():
    X, y = make_xor(40)
    model = mlp([2, 4, 1])
    with pytest.raises(TypeError, match=r"given a dict of arrays.*Adam\(model, lr=0\.01\)"):
        fit(model, BinaryCrossEntropy(), Adam(model.params, lr=0.01), X, y, epochs=2)
    before = {k: v.copy() for k, v in model.params.items()}
    twin = mlp([2, 4, 1])  # identical numbers, other arrays
    for call in (lambda: fit(model, BinaryCrossEntropy(), Adam(twin), X, y),
                 lambda: train_step(model, BinaryCrossEntropy(), Adam(twin), X, y),
                 lambda: fit(model, BinaryCrossEntropy(), Adam(model[0]), X, y)):
        with pytest.raises(ValueError, match=r"made for another model's parameters.*Adam\(model\)"):
            call()
    for k, v in model.params.items():
        np.testing.assert_array_equal(v, before[k])  # refused before any step


def test_batches_take_lists_and_check_when_called():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    from_lists = list(batches(X.tolist(), y.tolist(), 4, seed=1))
    from_arrays = list(batches(X, y, 4, seed=1))
    for (xa, ya), (xb, yb) in zip(from_lists, from_arrays):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)
    with pytest.raises(ValueError, match="batch_size >= 1"):
        batches(X, y, 0)  # no loop needed to hear about it


def test_divergence_message_shows_the_epoch_as_given():
    assert "epoch 2.5:" in divergence_message(2.5, float("inf"), 0.1)
    assert "epoch 3:" in divergence_message(3, float("nan"), 0.1)


def test_fit_reports_divergence_in_words_with_an_optimizer_of_ones_own(capsys):
    X, t = regression_problem()
    model = Sequential(Dense(3, 1))

    class Plain:  # no lr attribute: the message still says what to try
        def step(self):
            for k, p in model.params.items():
                p -= 10.0 * model.grads[k]

    hist = fit(model, MSE(), Plain(), X, t, epochs=50)
    assert "diverged" in hist.diverged and "smaller learning rate" in hist.diverged
