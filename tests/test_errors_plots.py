"""Errors that teach in helpers.plots and helpers.surfaces: every public function, given bad
input, says in words what it expected, what came and the likely fix (never matplotlib's or
numpy's own error).

One table: (case id, a call that must fail, the exception type, words the message must contain).
"""

import math

import numpy as np
from _errors import bad_input_test

from helpers import plots, surfaces
from helpers.train import History
from helpers.value import Value

NAN = float("nan")
X2 = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
Y2 = np.array([0, 1, 1, 0])


def ax():
    return plots.figure()[1]


def fig():
    return plots.figure()[0]


def png():
    return plots.to_png(fig())


def history(**kw):
    h = History(train_loss=[0.7, 0.5], train_acc=[0.5, 0.8])
    for k, v in kw.items():
        setattr(h, k, v)
    return h


def graph():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    return a * b + a


def line_of_another_figure():
    f = fig()
    (line,) = f.axes[0].plot([0, 1], [0, 1])
    return plots.to_png(plots.figure()[0], animated=[line])


def run(**kw):
    r = surfaces.descend("bowl", "SGD", lr=0.1, steps=5)
    r.update(kw)
    return r


def surface(**kw):
    args = dict(name="s", formula="x²", f=lambda x, y: x * x, grad=lambda p: np.array([2 * p[0], 0.0]),
                start=(1.0, 1.0), minimum=(0.0, 0.0), xlim=(-2.0, 2.0), ylim=(-2.0, 2.0))
    args.update(kw)
    return surfaces.Surface(**args)


CASES = [
    # --- plots.figure ---
    ("plots.figure width 0", lambda: plots.figure(0, 3), ValueError, r"plots\.figure: expected width in inches.*got 0"),
    ("plots.figure height string", lambda: plots.figure(6, "3"), TypeError, r"expected height to be a number of inches.*str '3'"),
    ("plots.figure width nan", lambda: plots.figure(NAN, 3), ValueError, r"width in inches.*nan"),
    ("plots.figure width None", lambda: plots.figure(None), TypeError, r"width.*None"),
    ("plots.figure width huge", lambda: plots.figure(1e6, 3), ValueError, r"at most 50"),
    ("plots.figure ncols 0", lambda: plots.figure(ncols=0), ValueError, r"ncols >= 1, got 0"),
    ("plots.figure nrows float", lambda: plots.figure(nrows=2.5), TypeError, r"nrows to be a whole number"),
    ("plots.figure too many axes", lambda: plots.figure(ncols=100, nrows=100), ValueError, r"10000 axes.*at most 100"),
    ("plots.figure unknown keyword", lambda: plots.figure(6, 3, width_ratio=[1, 2]), TypeError,
     r"unknown name 'width_ratio'.*Did you mean 'width_ratios'"),
    ("plots.figure width_ratios wrong length", lambda: plots.figure(ncols=2, width_ratios=[1, 2, 3]), ValueError,
     r"width_ratios to be 2 positive number\(s\), one per column"),
    # --- plots.to_png ---
    ("plots.to_png None", lambda: plots.to_png(None), TypeError, r"plots\.to_png: expected fig to be a matplotlib Figure.*None"),
    ("plots.to_png axes", lambda: plots.to_png(ax()), TypeError, r"got Axes\. Fix: pass its figure, e.g\. ax\.figure"),
    ("plots.to_png string", lambda: plots.to_png("fig"), TypeError, r"Figure.*str 'fig'"),
    ("plots.to_png class", lambda: plots.to_png(plots.Figure), TypeError, r"the class Figure itself"),
    ("plots.to_png one artist", lambda: plots.to_png((f := fig()), animated=f.axes[0].plot([0, 1])[0]), TypeError,
     r"got one Line2D\. Fix: wrap it in a list: animated=\[line\]"),
    ("plots.to_png animated numbers", lambda: plots.to_png(fig(), animated=[1, 2]), TypeError,
     r"animated to hold artists.*int 1 at position 0"),
    ("plots.to_png artist of another figure", line_of_another_figure, ValueError, r"animated\[0\].*not drawn on this figure"),
    # --- plots.screen_size / png_bundle ---
    ("plots.screen_size None", lambda: plots.screen_size(None), TypeError, r"screen_size: expected png to be the bytes of a PNG.*None"),
    ("plots.screen_size figure", lambda: plots.screen_size(fig()), TypeError, r"got the Figure itself.*plots\.to_png\(fig\)"),
    ("plots.screen_size empty", lambda: plots.screen_size(b""), ValueError, r"png is empty"),
    ("plots.screen_size not a png", lambda: plots.screen_size(b"GIF89a" + bytes(30)), ValueError, r"bytes of a PNG image.*start with b'GIF89a"),
    ("plots.screen_size string", lambda: plots.screen_size("image.png"), TypeError, r"str 'image\.png'"),
    ("plots.screen_size list", lambda: plots.screen_size([137, 80]), TypeError, r"a list of length 2"),
    ("plots.png_bundle None", lambda: plots.png_bundle(None), TypeError, r"png_bundle: expected png.*None"),
    ("plots.png_bundle empty", lambda: plots.png_bundle(b""), ValueError, r"png_bundle: png is empty"),
    ("plots.png_bundle cut short", lambda: plots.png_bundle(png()[:10]), ValueError, r"got 10 bytes"),
    ("plots.png_bundle figure", lambda: plots.png_bundle(fig()), TypeError, r"Figure itself"),
    ("plots.png_bundle number", lambda: plots.png_bundle(3.0), TypeError, r"float 3\.0"),
    # --- plots.freeze_layout ---
    ("plots.freeze_layout None", lambda: plots.freeze_layout(None), TypeError, r"freeze_layout: expected fig.*None"),
    ("plots.freeze_layout axes", lambda: plots.freeze_layout(ax()), TypeError, r"ax\.figure"),
    ("plots.freeze_layout tuple", lambda: plots.freeze_layout(plots.figure()), TypeError,
     r"the tuple \(fig, ax\) that plots\.figure\(\) gives"),
    ("plots.freeze_layout string", lambda: plots.freeze_layout("fig"), TypeError, r"str 'fig'"),
    ("plots.freeze_layout class", lambda: plots.freeze_layout(plots.Figure), TypeError, r"class Figure itself"),
    # --- plots.scatter_classes ---
    ("plots.scatter_classes None", lambda: plots.scatter_classes(ax(), None, Y2), TypeError, r"scatter_classes: expected X to be numbers.*None"),
    ("plots.scatter_classes ax None", lambda: plots.scatter_classes(None, X2, Y2), TypeError, r"expected ax to be a matplotlib Axes.*None"),
    ("plots.scatter_classes figure as ax", lambda: plots.scatter_classes(fig(), X2, Y2), TypeError, r"whole Figure.*fig, ax = plots\.figure\(\)"),
    ("plots.scatter_classes three columns", lambda: plots.scatter_classes(ax(), np.ones((4, 3)), Y2), ValueError, r"X of shape \(N, 2\), one point.*got \(4, 3\).*X\[:, :2\]"),
    ("plots.scatter_classes mismatched y", lambda: plots.scatter_classes(ax(), X2, [0, 1]), ValueError, r"y of shape \(4,\).*got \(2,\)"),
    ("plots.scatter_classes labels text", lambda: plots.scatter_classes(ax(), X2, ["a", "b", "a", "b"]), TypeError, r"expected y to be numbers"),
    ("plots.scatter_classes negative labels", lambda: plots.scatter_classes(ax(), X2, [0, -1, 1, 0]), ValueError, r"whole-number classes.*-1"),
    ("plots.scatter_classes nan", lambda: plots.scatter_classes(ax(), [[NAN, 0.0]], [0]), ValueError, r"X contains 1 NaN"),
    ("plots.scatter_classes empty", lambda: plots.scatter_classes(ax(), np.zeros((0, 2)), []), ValueError, r"X is empty"),
    ("plots.scatter_classes alpha 2", lambda: plots.scatter_classes(ax(), X2, Y2, alpha=2), ValueError, r"alpha in \[0, 1\]"),
    ("plots.scatter_classes too few names", lambda: plots.scatter_classes(ax(), X2, Y2, labels=["cat"]), ValueError, r"labels names 1 class"),
    ("plots.scatter_classes several axes", lambda: plots.scatter_classes(plots.figure(ncols=2)[1], X2, Y2), TypeError,
     r"got 2 of them.*pick one, such as axes\[0\]"),
    # --- plots.BoundaryPlot ---
    ("plots.BoundaryPlot ax None", lambda: plots.BoundaryPlot(None), TypeError, r"BoundaryPlot: expected ax.*None"),
    ("plots.BoundaryPlot xlim reversed", lambda: plots.BoundaryPlot(ax(), (3, -3)), ValueError, r"low < high.*smaller number first"),
    ("plots.BoundaryPlot xlim nan", lambda: plots.BoundaryPlot(ax(), (NAN, 3)), ValueError, r"xlim contains 1 NaN"),
    ("plots.BoundaryPlot ylim string", lambda: plots.BoundaryPlot(ax(), (-3, 3), "big"), TypeError, r"ylim to be numbers"),
    ("plots.BoundaryPlot xlim one number", lambda: plots.BoundaryPlot(ax(), 3), ValueError, r"xlim to be two numbers \(low, high\), got shape \(\)"),
    ("plots.BoundaryPlot resolution 0", lambda: plots.BoundaryPlot(ax(), resolution=0), ValueError, r"resolution >= 2"),
    ("plots.BoundaryPlot resolution float", lambda: plots.BoundaryPlot(ax(), resolution=50.5), TypeError, r"resolution to be a whole number"),
    ("plots.BoundaryPlot resolution huge", lambda: plots.BoundaryPlot(ax(), resolution=10**5), ValueError, r"at most 1000"),
    ("plots.BoundaryPlot draw wrong length", lambda: plots.BoundaryPlot(ax(), resolution=10).draw(np.ones(5)), ValueError,
     r"BoundaryPlot\.draw: expected probs of shape \(100,\) or \(100, C\).*got \(5,\)"),
    ("plots.BoundaryPlot draw None", lambda: plots.BoundaryPlot(ax(), resolution=10).draw(None), TypeError, r"probs to be numbers.*None"),
    # --- plots.plot_decision_boundary ---
    ("plots.plot_decision_boundary proba string", lambda: plots.plot_decision_boundary(ax(), "sigmoid", X2, Y2), TypeError,
     r"proba_fn to be a function.*str 'sigmoid'"),
    ("plots.plot_decision_boundary proba None", lambda: plots.plot_decision_boundary(ax(), None, X2, Y2), TypeError,
     r"proba_fn to be a function.*None"),
    ("plots.plot_decision_boundary returns None", lambda: plots.plot_decision_boundary(ax(), lambda P: None, X2, Y2), TypeError,
     r"proba_fn returned None.*return"),
    ("plots.plot_decision_boundary wrong shape", lambda: plots.plot_decision_boundary(ax(), lambda P: P[:5, 0], X2, Y2, 10), ValueError,
     r"proba_fn gave something unexpected for 100 points.*got \(5,\)"),
    ("plots.plot_decision_boundary X one column", lambda: plots.plot_decision_boundary(ax(), lambda P: P[:, 0], X2[:, :1], Y2), ValueError,
     r"X of shape \(N, 2\), one point.*got \(4, 1\)"),
    ("plots.plot_decision_boundary y mismatched", lambda: plots.plot_decision_boundary(ax(), lambda P: P[:, 0], X2, Y2[:3]), ValueError,
     r"y of shape \(4,\)"),
    ("plots.plot_decision_boundary padding negative", lambda: plots.plot_decision_boundary(ax(), lambda P: P[:, 0], X2, Y2, padding=-1), ValueError,
     r"padding in \[0"),
    ("plots.plot_decision_boundary one point no padding", lambda: plots.plot_decision_boundary(
        ax(), lambda P: P[:, 0], [[1.0, 1.0]], [0], padding=0), ValueError, r"no area to shade"),
    ("plots.plot_decision_boundary model object", lambda: plots.plot_decision_boundary(
        ax(), type("Net", (), {"forward": lambda self, x: x})(), X2, Y2), TypeError, r"lambda P: model\.forward\(P\)"),
    # --- plots.plot_history ---
    ("plots.plot_history None", lambda: plots.plot_history(None), TypeError, r"plot_history: expected history to be what train\.fit returns.*None"),
    ("plots.plot_history tuple", lambda: plots.plot_history((None, history())), TypeError, r"Pass the history"),
    ("plots.plot_history empty", lambda: plots.plot_history(History()), ValueError, r"history is empty.*train first"),
    ("plots.plot_history list", lambda: plots.plot_history([0.5, 0.4]), TypeError, r"a list of length 2"),
    ("plots.plot_history ragged", lambda: plots.plot_history(history(train_acc=[0.5])), ValueError,
     r"history\.train_acc has 1 values but train_loss has 2"),
    ("plots.plot_history strings", lambda: plots.plot_history(history(train_loss=["a", "b"])), TypeError,
     r"history\.train_loss should hold numbers.*str 'a'"),
    ("plots.plot_history title number", lambda: plots.plot_history(history(), title=3), TypeError, r"title to be text"),
    ("plots.plot_history fig one axes", lambda: plots.plot_history(history(), fig=fig()), ValueError, r"two axes.*got 1"),
    # --- plots.loss_surface ---
    ("plots.loss_surface f None", lambda: plots.loss_surface(ax(), None, (-1, 1), (-1, 1)), TypeError, r"loss_surface: expected f to be a function.*None"),
    ("plots.loss_surface returns None", lambda: plots.loss_surface(ax(), lambda a, b: None, (-1, 1), (-1, 1)), TypeError, r"f returned None"),
    ("plots.loss_surface one number", lambda: plots.loss_surface(ax(), lambda a, b: 1.0, (-1, 1), (-1, 1)), ValueError,
     r"grid of shape \(80, 80\).*got \(\)"),
    ("plots.loss_surface all nan", lambda: plots.loss_surface(ax(), lambda a, b: a * np.nan, (-1, 1), (-1, 1)), ValueError,
     r"NaN or infinite everywhere"),
    ("plots.loss_surface xlim reversed", lambda: plots.loss_surface(ax(), lambda a, b: a * b, (1, -1), (-1, 1)), ValueError, r"xlim.*low < high"),
    ("plots.loss_surface ylim string", lambda: plots.loss_surface(ax(), lambda a, b: a * b, (-1, 1), "wide"), TypeError, r"ylim to be numbers"),
    ("plots.loss_surface levels 0", lambda: plots.loss_surface(ax(), lambda a, b: a * b, (-1, 1), (-1, 1), levels=0), ValueError, r"levels >= 2"),
    ("plots.loss_surface log text", lambda: plots.loss_surface(ax(), lambda a, b: a * b, (-1, 1), (-1, 1), log="yes"), TypeError,
     r"log to be True or False"),
    ("plots.loss_surface ax list", lambda: plots.loss_surface([], lambda a, b: a * b, (-1, 1), (-1, 1)), TypeError, r"ax to be a matplotlib Axes"),
    # --- plots.draw_path ---
    ("plots.draw_path None", lambda: plots.draw_path(ax(), None), TypeError, r"draw_path: expected path to be numbers.*None"),
    ("plots.draw_path three columns", lambda: plots.draw_path(ax(), np.ones((4, 3))), ValueError, r"path of shape \(K, 2\).*got \(4, 3\)"),
    ("plots.draw_path empty", lambda: plots.draw_path(ax(), []), ValueError, r"path is empty"),
    ("plots.draw_path nan", lambda: plots.draw_path(ax(), [[0.0, 1.0], [NAN, 0.0]]), ValueError, r"path contains 1 NaN"),
    ("plots.draw_path ragged", lambda: plots.draw_path(ax(), [[0.0, 1.0], [2.0]]), ValueError, r"rows have different lengths"),
    ("plots.draw_path colour unknown", lambda: plots.draw_path(ax(), [[0, 0]], colour="bleu"), ValueError, r"colour 'bleu' is not a colour"),
    ("plots.draw_path label number", lambda: plots.draw_path(ax(), [[0, 0]], label=0.1), TypeError, r"label to be text"),
    # --- plots.NetworkDrawing / draw_network ---
    ("plots.NetworkDrawing ax None", lambda: plots.NetworkDrawing(None, [2, 1]), TypeError, r"NetworkDrawing: expected ax.*None"),
    ("plots.NetworkDrawing sizes None", lambda: plots.NetworkDrawing(ax(), None), TypeError, r"sizes to be a list of layer widths.*None"),
    ("plots.NetworkDrawing one layer", lambda: plots.NetworkDrawing(ax(), [3]), ValueError, r"at least two layers"),
    ("plots.NetworkDrawing size 0", lambda: plots.NetworkDrawing(ax(), [2, 0]), ValueError, r"sizes\[1\] >= 1, got 0"),
    ("plots.NetworkDrawing size text", lambda: plots.NetworkDrawing(ax(), ["2", 1]), TypeError, r"sizes\[0\] to be a whole number"),
    ("plots.NetworkDrawing weights shape", lambda: plots.NetworkDrawing(ax(), [2, 3, 1], weights=[np.ones((3, 2)), np.ones((3, 1))]), ValueError,
     r"weights\[0\] of shape \(2, 3\), got \(3, 2\)"),
    ("plots.NetworkDrawing weights count", lambda: plots.NetworkDrawing(ax(), [2, 3, 1], weights=[np.ones((2, 3))]), ValueError,
     r"2 weight matrices.*got 1"),
    ("plots.NetworkDrawing activations batch", lambda: plots.NetworkDrawing(ax(), [2, 1], activations=[np.ones((5, 2))]), ValueError,
     r"activations\[0\] to hold 2 values.*h\[0\]"),
    ("plots.NetworkDrawing max_nodes 0", lambda: plots.NetworkDrawing(ax(), [2, 1], max_nodes=0), ValueError, r"max_nodes >= 1"),
    ("plots.NetworkDrawing layer_names short", lambda: plots.NetworkDrawing(ax(), [2, 1], layer_names=["in"]), ValueError,
     r"layer_names to be 2 texts"),
    ("plots.draw_network ax None", lambda: plots.draw_network(None, [2, 1]), TypeError, r"draw_network: expected ax.*None"),
    ("plots.draw_network sizes string", lambda: plots.draw_network(ax(), "2-3-1"), TypeError, r"sizes to be a list.*str '2-3-1'"),
    ("plots.draw_network weights nan", lambda: plots.draw_network(ax(), [2, 1], weights=[[[NAN], [1.0]]]), ValueError,
     r"weights\[0\] contains 1 NaN"),
    ("plots.draw_network weights one array", lambda: plots.draw_network(ax(), [2, 1], weights=np.ones((2, 1))), TypeError,
     r"weights to be a list of 1 arrays"),
    ("plots.draw_network unknown keyword", lambda: plots.draw_network(ax(), [2, 1], max_node=3), TypeError,
     r"unknown name 'max_node'.*Did you mean 'max_nodes'"),
    ("plots.draw_network size negative", lambda: plots.draw_network(ax(), [2, -1]), ValueError, r"sizes\[1\] >= 1, got -1"),
    ("plots.draw_network empty sizes", lambda: plots.draw_network(ax(), []), ValueError, r"at least two layers"),
    # --- plots.digit_grid ---
    ("plots.digit_grid None", lambda: plots.digit_grid(None), TypeError, r"digit_grid: expected images to be numbers.*None"),
    ("plots.digit_grid one digit", lambda: plots.digit_grid(np.zeros(64)), ValueError, r"one digit of shape \(64,\).*images\[None\]"),
    ("plots.digit_grid wrong size", lambda: plots.digit_grid(np.zeros((3, 63))), ValueError, r"\(K, 64\) or \(K, 8, 8\).*got \(3, 63\)"),
    ("plots.digit_grid empty", lambda: plots.digit_grid(np.zeros((0, 64))), ValueError, r"images is empty"),
    ("plots.digit_grid nan", lambda: plots.digit_grid(np.full((2, 64), NAN)), ValueError, r"images contains 128 NaN"),
    ("plots.digit_grid titles count", lambda: plots.digit_grid(np.zeros((3, 64)), titles=["a"]), ValueError, r"expected 3 titles.*got 1"),
    ("plots.digit_grid ncols 0", lambda: plots.digit_grid(np.zeros((3, 64)), ncols=0), ValueError, r"ncols >= 1"),
    ("plots.digit_grid too many", lambda: plots.digit_grid(np.zeros((5000, 64))), ValueError, r"5000 images.*images\[:50\]"),
    ("plots.digit_grid title number", lambda: plots.digit_grid(np.zeros((3, 64)), title=7), TypeError, r"title to be text"),
    # --- plots.probability_bars ---
    ("plots.probability_bars ax None", lambda: plots.probability_bars(None), TypeError, r"probability_bars: expected ax.*None"),
    ("plots.probability_bars wrong length", lambda: plots.probability_bars(ax(), np.ones(3) / 3), ValueError, r"probs of shape \(10,\), one probability per class, got \(3,\)"),
    ("plots.probability_bars scores", lambda: plots.probability_bars(ax(), np.arange(10.0)), ValueError, r"between 0 and 1.*softmax"),
    ("plots.probability_bars nan", lambda: plots.probability_bars(ax(), [NAN] * 10), ValueError, r"probs contains 10 NaN"),
    ("plots.probability_bars strings", lambda: plots.probability_bars(ax(), "0.1"), TypeError, r"probs to be numbers"),
    ("plots.probability_bars n_classes 0", lambda: plots.probability_bars(ax(), n_classes=0), ValueError, r"n_classes >= 1"),
    ("plots.probability_bars empty", lambda: plots.probability_bars(ax(), []), ValueError, r"probs is empty"),
    # --- plots.graph_layout / graph_text ---
    ("plots.graph_layout None", lambda: plots.graph_layout(None), TypeError, r"graph_layout: expected root to be a Value.*None"),
    ("plots.graph_layout number", lambda: plots.graph_layout(3.0), TypeError, r"Value\(3\.0\)"),
    ("plots.graph_layout array", lambda: plots.graph_layout(np.ones(2)), TypeError, r"Arrays do not remember"),
    ("plots.graph_layout class", lambda: plots.graph_layout(Value), TypeError, r"the class Value itself"),
    ("plots.graph_layout list", lambda: plots.graph_layout([Value(1.0)]), TypeError, r"a list of length 1"),
    ("plots.graph_layout too big", lambda: plots.graph_layout(sum((Value(float(i)) for i in range(400)), Value(0.0))), ValueError,
     r"too many to draw readably"),
    ("plots.graph_text None", lambda: plots.graph_text(None), TypeError, r"graph_text: expected node to be a Value.*None"),
    ("plots.graph_text number", lambda: plots.graph_text(2.0), TypeError, r"Value\(2\.0\)"),
    ("plots.graph_text string", lambda: plots.graph_text("a"), TypeError, r"str 'a'"),
    ("plots.graph_text grad list", lambda: plots.graph_text(Value(1.0), [1.0]), TypeError, r"grad to be a number, a word"),
    ("plots.graph_text grad array", lambda: plots.graph_text(Value(1.0), np.ones(2)), TypeError, r"grad.*array of shape \(2,\)"),
    # --- plots.GraphDrawing / draw_graph ---
    ("plots.GraphDrawing ax None", lambda: plots.GraphDrawing(None, graph()), TypeError, r"GraphDrawing: expected ax.*None"),
    ("plots.GraphDrawing root None", lambda: plots.GraphDrawing(ax(), None), TypeError, r"root to be a Value.*None"),
    ("plots.GraphDrawing highlight one value", lambda: plots.GraphDrawing(ax(), (g := graph()), highlight=g), TypeError,
     r"got one Value.*highlight=\{v\}"),
    ("plots.GraphDrawing highlight numbers", lambda: plots.GraphDrawing(ax(), graph(), highlight=[1.0]), TypeError,
     r"each value in highlight to be a Value"),
    ("plots.GraphDrawing show_grad text", lambda: plots.GraphDrawing(ax(), graph(), show_grad="no"), TypeError,
     r"show_grad to be True or False"),
    ("plots.draw_graph None", lambda: plots.draw_graph(None), TypeError, r"draw_graph: expected root to be a Value.*None"),
    ("plots.draw_graph number", lambda: plots.draw_graph(6.0), TypeError, r"Value\(6\.0\)"),
    ("plots.draw_graph width 0", lambda: plots.draw_graph(graph(), width=0), ValueError, r"width in inches"),
    ("plots.draw_graph ax string", lambda: plots.draw_graph(graph(), ax="left"), TypeError, r"ax to be a matplotlib Axes"),
    ("plots.draw_graph highlight string", lambda: plots.draw_graph(graph(), highlight="a"), TypeError, r"highlight to be a set of Values"),
    # --- plots.plot_confusion ---
    ("plots.plot_confusion None", lambda: plots.plot_confusion(None), TypeError, r"plot_confusion: expected cm to be numbers.*None"),
    ("plots.plot_confusion not square", lambda: plots.plot_confusion(np.ones((2, 3))), ValueError, r"square.*\(2, 3\)"),
    ("plots.plot_confusion 1-D", lambda: plots.plot_confusion([1, 2, 3]), ValueError, r"cm of shape \(N, D\), got \(3,\)"),
    ("plots.plot_confusion fractions", lambda: plots.plot_confusion([[0.5, 0.5], [0, 1]]), ValueError, r"counts \(whole numbers >= 0\)"),
    ("plots.plot_confusion negative", lambda: plots.plot_confusion([[1, -1], [0, 1]]), ValueError, r"counts.*-1"),
    ("plots.plot_confusion empty", lambda: plots.plot_confusion(np.zeros((0, 0))), ValueError, r"cm is empty"),
    ("plots.plot_confusion nan", lambda: plots.plot_confusion([[1, NAN], [0, 1]]), ValueError, r"cm contains 1 NaN"),
    ("plots.plot_confusion title number", lambda: plots.plot_confusion(np.eye(2), title=1), TypeError, r"title to be text"),

    # --- surfaces.Surface ---
    ("surfaces.Surface f None", lambda: surface(f=None), TypeError, r"Surface: expected f to be a function.*None"),
    ("surfaces.Surface start nan", lambda: surface(start=(NAN, 1.0)), ValueError, r"start contains 1 NaN"),
    ("surfaces.Surface start three", lambda: surface(start=(1.0, 1.0, 1.0)), ValueError, r"start to be one point \(x, y\), two numbers, got shape \(3,\)"),
    ("surfaces.Surface xlim reversed", lambda: surface(xlim=(2.0, -2.0)), ValueError, r"xlim = \(low, high\) with low < high"),
    ("surfaces.Surface name number", lambda: surface(name=3), TypeError, r"name to be a non-empty text.*int 3"),
    ("surfaces.Surface minimum string", lambda: surface(minimum="origin"), TypeError, r"minimum to be numbers"),
    # --- surfaces.make_optimizer ---
    ("surfaces.make_optimizer unknown name", lambda: surfaces.make_optimizer("adam", {"p": np.zeros(2)}, 0.1), ValueError,
     r"name must be one of 'SGD', 'momentum', 'RMSProp', 'Adam'.*Did you mean 'Adam'"),
    ("surfaces.make_optimizer name with a space", lambda: surfaces.make_optimizer("adam ", {"p": np.zeros(2)}, 0.1), ValueError,
     r"Did you mean 'Adam'"),
    ("surfaces.make_optimizer name None", lambda: surfaces.make_optimizer(None, {"p": np.zeros(2)}, 0.1), ValueError, r"name must be one of.*None"),
    ("surfaces.make_optimizer lr 0", lambda: surfaces.make_optimizer("SGD", {"p": np.zeros(2)}, 0), ValueError, r"make_optimizer: expected lr in \(0"),
    ("surfaces.make_optimizer lr string", lambda: surfaces.make_optimizer("SGD", {"p": np.zeros(2)}, "0.1"), TypeError, r"lr to be a number"),
    ("surfaces.make_optimizer beta 1", lambda: surfaces.make_optimizer("Adam", {"p": np.zeros(2)}, 0.1, beta=1.0), ValueError, r"beta in \[0, 1\)"),
    ("surfaces.make_optimizer params list", lambda: surfaces.make_optimizer("SGD", [np.zeros(2)], 0.1), TypeError, r"params to be a dict.*a list"),
    ("surfaces.make_optimizer params empty", lambda: surfaces.make_optimizer("SGD", {}, 0.1), ValueError, r"params is an empty dict"),
    # --- surfaces.descend ---
    ("surfaces.descend steps 0", lambda: surfaces.descend("bowl", "SGD", 0.1, steps=0), ValueError, r"descend: expected steps >= 1, got 0"),
    ("surfaces.descend steps huge", lambda: surfaces.descend("bowl", "SGD", 0.1, steps=10**9), ValueError, r"at most 100,000"),
    ("surfaces.descend lr negative", lambda: surfaces.descend("bowl", "SGD", -0.1), ValueError, r"lr in \(0, inf\], got -0\.1"),
    ("surfaces.descend lr nan", lambda: surfaces.descend("bowl", "SGD", NAN), ValueError, r"lr in \(0, inf\], got nan"),
    ("surfaces.descend start nan", lambda: surfaces.descend("bowl", "SGD", 0.1, start=(NAN, 0.0)), ValueError, r"start contains 1 NaN"),
    ("surfaces.descend start three", lambda: surfaces.descend("bowl", "SGD", 0.1, start=[1, 2, 3]), ValueError, r"start to be one point \(x, y\)"),
    ("surfaces.descend start string", lambda: surfaces.descend("bowl", "SGD", 0.1, start="top"), TypeError, r"start to be numbers"),
    ("surfaces.descend unknown surface", lambda: surfaces.descend("Bowl", "SGD", 0.1), ValueError, r"surface must be one of.*Did you mean 'bowl'"),
    ("surfaces.descend surface None", lambda: surfaces.descend(None, "SGD", 0.1), TypeError, r"surface to be a name.*None"),
    ("surfaces.descend unknown optimizer", lambda: surfaces.descend("bowl", "sgd", 0.1), ValueError, r"Did you mean 'SGD'"),
    ("surfaces.descend steps float", lambda: surfaces.descend("bowl", "SGD", 0.1, steps=10.0), TypeError, r"steps to be a whole number"),
    # --- surfaces.race ---
    ("surfaces.race unknown surface", lambda: surfaces.race("ravene", 0.1), ValueError, r"Did you mean 'ravine'"),
    ("surfaces.race lr 0", lambda: surfaces.race("bowl", 0), ValueError, r"race: expected lr in \(0"),
    ("surfaces.race beta negative", lambda: surfaces.race("bowl", 0.1, beta=-0.5), ValueError, r"beta in \[0, 1\)"),
    ("surfaces.race steps 0", lambda: surfaces.race("bowl", 0.1, steps=0), ValueError, r"steps >= 1"),
    ("surfaces.race lr string", lambda: surfaces.race("bowl", "fast"), TypeError, r"lr to be a number.*str 'fast'"),
    ("surfaces.race surface number", lambda: surfaces.race(3, 0.1), TypeError, r"surface to be a name.*int 3"),
    ("surfaces.race lr inf", lambda: surfaces.race("bowl", math.inf), ValueError, r"lr in \(0, inf\], got inf"),
    # --- surfaces.describe ---
    ("surfaces.describe None", lambda: surfaces.describe(None), TypeError, r"describe: expected one result of surfaces\.descend.*None"),
    ("surfaces.describe whole race", lambda: surfaces.describe(surfaces.race("bowl", 0.1, steps=3)), TypeError,
     r"the whole race.*describe\(results\['Adam'\]\)"),
    ("surfaces.describe list", lambda: surfaces.describe([0.1, 0.2]), TypeError, r"a list of length 2"),
    ("surfaces.describe losses empty", lambda: surfaces.describe(run(losses=np.array([]))), ValueError, r"losses'\] is empty"),
    ("surfaces.describe diverged_at text", lambda: surfaces.describe(run(diverged_at="3")), TypeError,
     r"diverged_at'\] to be a whole number"),
    ("surfaces.describe nan without divergence", lambda: surfaces.describe(run(losses=np.array([1.0, NAN]))), ValueError,
     r"ends in nan but diverged_at is None"),
    ("surfaces.describe losses strings", lambda: surfaces.describe(run(losses=["a"])), TypeError, r"losses'\] to be numbers"),
]

test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)
