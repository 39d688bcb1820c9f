"""The shared plots: they draw what they say, repeat exactly, and blitting changes nothing."""

import io

import numpy as np
import PIL.Image
import pytest
from matplotlib.text import Annotation

from helpers import plots
from helpers.data import load_digits, make_moons
from helpers.layers import mlp, sigmoid
from helpers.train import History
from helpers.value import Value


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def test_to_png_repeats_exactly():
    fig, ax = plots.figure()
    ax.plot([0, 1], [1, 0])
    assert plots.to_png(fig) == plots.to_png(fig)
    assert plots.to_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def line_figure():
    fig, ax = plots.figure()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title("a line that moves")
    (line,) = ax.plot([0, 1], [0, 1], color=plots.PALETTE["blue"])
    return fig, line


def test_blitting_gives_the_same_picture_as_a_full_redraw():
    fig, line = line_figure()
    for y in (0.2, 0.8, 0.5):  # several updates over the kept background
        line.set_ydata([y, 1 - y])
        fast = plots.to_png(fig, animated=[line])
    ref_fig, ref_line = line_figure()
    plots.freeze_layout(ref_fig)
    ref_line.set_ydata([0.5, 0.5])
    differs = np.abs(pixels(fast) - pixels(plots.to_png(ref_fig))).max(axis=2) > 8
    # only where the moving line crosses the axes' edge (drawn on top when blitted) may differ
    assert differs.mean() < 0.002, f"{differs.sum()} pixels differ"


def test_blitting_redraws_the_still_part_when_the_key_changes():
    fig, line = line_figure()
    ax = line.axes
    plots.to_png(fig, animated=[line], key="a")
    ax.set_title("a new title")
    stale = plots.to_png(fig, animated=[line], key="a")
    fresh = plots.to_png(fig, animated=[line], key="b")
    assert stale != fresh


def test_boundary_plot_colours_follow_the_predicted_class():
    fig, ax = plots.figure()
    bp = plots.BoundaryPlot(ax, (-1, 1), (-1, 1), resolution=20)
    assert bp.grid.shape == (400, 2)
    p = (bp.grid[:, 0] > 0).astype(float)  # class 1 on the right
    rgb = bp.colours(p)
    assert rgb.shape == (20, 20, 3)
    blue, orange = np.array([0, 0x72, 0xB2]) / 255, np.array([0xE6, 0x9F, 0]) / 255
    left, right = rgb[10, 0], rgb[10, -1]
    assert np.linalg.norm(left - blue) < np.linalg.norm(left - orange)
    assert np.linalg.norm(right - orange) < np.linalg.norm(right - blue)
    unsure = bp.colours(np.full(400, 0.5))[0, 0]
    assert unsure.mean() > left.mean()  # unsure is paler than sure
    assert np.isfinite(bp.colours(np.full(400, np.nan))).all()  # NaN never reaches the picture


def test_plot_decision_boundary_draws_data_and_model():
    X, y = make_moons(60, 0.1)
    model = mlp([2, 4, 1])
    fig, ax = plots.figure()
    plots.plot_decision_boundary(ax, lambda P: sigmoid(model.forward(P)[:, 0]), X, y, resolution=30)
    assert len(ax.collections) == 2 and ax.get_xlabel() == "$x_1$"
    plots.to_png(fig)


def test_plot_history_shows_both_curves_and_the_best_epoch():
    h = History(train_loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.6, 0.7], train_acc=[0.5, 0.8, 0.9],
                val_acc=[0.5, 0.7, 0.6], best_epoch=2)
    fig = plots.plot_history(h)
    ax_loss, ax_acc = fig.axes[:2]
    assert len(ax_loss.lines) == 3 and ax_loss.get_ylabel() == "loss"
    assert ax_acc.get_title().startswith("Accuracy")
    plots.to_png(fig)


@pytest.mark.parametrize("log", [False, True])
def test_loss_surface_and_path(log):
    fig, ax = plots.figure()
    w1, w2, z = plots.loss_surface(ax, lambda a, b: a ** 2 + 10 * b ** 2, (-2, 2), (-1, 1), 30, log=log)
    assert z.shape == (30, 30) and z.min() >= 0
    line, end = plots.draw_path(ax, [[-2, 1], [-1, 0.5], [0, 0]], label="descent")
    assert np.allclose(end.get_offsets(), [[0, 0]])
    plots.to_png(fig)


def test_network_drawing_colours_signs_and_fills_activations():
    fig, ax = plots.figure()
    drawing = plots.draw_network(ax, [2, 3, 1], weights=[np.ones((2, 3)), -np.ones((3, 1))])
    colours = drawing.edges.get_colors()
    assert len(colours) == 2 * 3 + 3 * 1
    assert not np.allclose(colours[0], colours[-1])  # positive and negative differ
    drawing.set_activations([np.array([1.0, -1.0]), np.array([0.0, 0.5, 2.0])], upto=1)
    texts = [t.get_text() for t in drawing.labels]
    assert texts[:5] == ["1.00", "-1.00", "0.00", "0.50", "2.00"] and texts[5] == ""
    plots.to_png(fig)


def test_wide_layers_are_cut_and_say_so():
    fig, ax = plots.figure()
    drawing = plots.draw_network(ax, [64, 32, 10], max_nodes=8)
    assert drawing.shown == [8, 8, 8]
    assert any("64 units" in t.get_text() for t in ax.texts)


def test_digit_grid_shows_each_image_with_its_title():
    X, y = load_digits()
    fig = plots.digit_grid(X[:12], titles=y[:12], ncols=6, title="digits")
    shown = [a for a in fig.axes if a.images]
    assert len(shown) == 12 and shown[3].get_title() == "3"
    plots.to_png(fig)


def test_draw_graph_lays_out_every_value():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = a * b
    c.label = "c"
    out = (c + 1).tanh()
    out.label = "out"
    out.backward()
    fig = plots.draw_graph(out, highlight={c})
    texts = [t.get_text() for t in fig.axes[0].texts if not isinstance(t, Annotation)]
    assert len(texts) == len(out.topo_order())
    assert any(t.startswith("c (×) -6") for t in texts)
    assert "grad" in texts[0]
    plots.to_png(fig)


def graph_of_L():
    w, x, y = Value(0.5, "w"), Value(2.0, "x"), Value(3.0, "y")
    loss = (w * x - y) ** 2
    loss.label = "L"
    loss.backward()
    return loss


def test_graph_layout_puts_the_result_right_and_inputs_beside_their_use():
    loss = graph_of_L()
    pos = plots.graph_layout(loss)
    assert list(pos) == loss.topo_order()  # every value, parents first
    xs = {n: x for n, (x, _) in pos.items()}
    assert xs[loss] == max(xs.values())
    for node in pos:
        for p in node.parents:  # every arrow points right, one or more columns
            assert xs[p] < xs[node]
    for x in set(xs.values()):  # boxes in one column never overlap
        ys = sorted(y for n, (xx, y) in pos.items() if xx == x)
        assert all(b - a >= 1.0 - 1e-9 for a, b in zip(ys, ys[1:]))


def test_graph_drawing_has_a_box_per_value_and_an_arrow_per_use():
    loss = graph_of_L()
    fig, ax = plots.figure()
    drawing = plots.GraphDrawing(ax, loss)
    assert list(drawing.boxes) == loss.topo_order()
    assert len(drawing.arrows) == sum(len(n.parents) for n in loss.topo_order())
    assert {tuple(b.get_position()) for b in drawing.boxes.values()} == set(
        plots.graph_layout(loss).values())
    assert drawing.boxes[loss].get_text() == "L (^2) 4\ngrad 1"
    assert plots.graph_text(loss, "?") == "L (^2) 4\ngrad ?" and plots.graph_text(loss) == "L (^2) 4"


class PublicNode:
    """Only what Value shows in public: draw_graph must need nothing else."""

    __slots__ = ("data", "grad", "label", "op", "parents")

    def __init__(self, data, label="", parents=(), op=""):
        self.data, self.grad, self.label, self.op, self.parents = data, 0.0, label, op, parents

    def topo_order(self):
        order = []
        for p in self.parents:
            order += [n for n in p.topo_order() if n not in order]
        return order + [self]


def test_draw_graph_uses_only_the_public_view_of_a_value():
    a, b = PublicNode(2.0, "a"), PublicNode(3.0, "b")
    c = PublicNode(6.0, "c", (a, b), "×")
    fig = plots.draw_graph(c, show_grad=False)
    texts = sorted(t.get_text() for t in fig.axes[0].texts if not isinstance(t, Annotation))
    assert texts == ["a 2", "b 3", "c (×) 6"]
    plots.to_png(fig)


def test_plots_take_lists_and_a_sigmoid_column_where_arrays_would_be():
    fig, ax = plots.figure()
    plots.scatter_classes(ax, [[0, 0], [1, 1]], [0, 1])
    bp = plots.BoundaryPlot(ax, [-1, 1], [-1, 1], resolution=4)
    column = np.linspace(0, 1, 16)[:, None]  # sigmoid(net.forward(P)) keeps its (M, 1) shape
    assert np.allclose(bp.colours(column), bp.colours(column.tolist()))
    assert np.allclose(bp.colours(column), bp.colours(column[:, 0]))
    plots.draw_path(ax, [0.5, 0.5])  # one point
    plots.to_png(plots.plot_confusion([[3, 1], [0, 4]]))
    plots.to_png(plots.digit_grid(np.zeros((2, 8, 8)).tolist()))


def test_bad_input_never_reaches_matplotlib():
    """A few of the table's cases (tests/test_errors_plots.py), seen from the learner's side:
    the error names the plots function, not a matplotlib internal."""
    fig, ax = plots.figure()
    for call in (lambda: plots.scatter_classes(ax, None, [0]),
                 lambda: plots.loss_surface(ax, lambda a, b: 1.0, (-1, 1), (-1, 1)),
                 lambda: plots.plot_confusion([[0.5]])):
        with pytest.raises((TypeError, ValueError), match=r"^plots\."):
            call()
