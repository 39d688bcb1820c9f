"""What a learner sees where widgets cannot run: GitHub, nbviewer, nbconvert's HTML, a
notebook opened before it is run. Every interactive, live loss curve and progress bar leaves
a picture or a line of text there, never the code text of a widget (`VBox(children=...`).
"""

from __future__ import annotations

import re

import nbformat
from execute_notebooks import WIDGET_VIEW, code_cells
from nbconvert import HTMLExporter

from helpers import plots, widgets
from helpers.lessons import l01_the_neuron

WIDGET_REPR = re.compile(r"\b(VBox|HBox|Image|IntProgress|FloatSlider|IntSlider|Dropdown)\(")
# the cells that show a widget: an interactive's .widget(), a live loss curve, a progress bar
SHOWS_WIDGET = re.compile(r"\.widget\(\)\s*$|display\(curve\)|progress=True", re.M)


def test_no_widget_code_text_and_a_picture_for_every_interactive(notebook):
    nb = nbformat.read(notebook, as_version=4)
    html, _ = HTMLExporter().from_notebook_node(nb)
    shown = WIDGET_REPR.findall(html.split("</style>")[-1])
    assert not shown, f"{notebook.name}: nbconvert's HTML shows widget code text: {shown[:5]}"
    cells = [c for c in code_cells(nb) if SHOWS_WIDGET.search(c.source)]
    pictures = 0
    for cell in cells:
        datas = [o.get("data", {}) for o in cell.outputs if "data" in o]
        assert datas, f"{notebook.name}: the cell {cell.source[:60]!r} shows nothing"
        for data in datas:
            assert WIDGET_VIEW not in data, f"{notebook.name}: a dead widget view is stored"
            assert not WIDGET_REPR.search(data.get("text/plain", "")), data.get("text/plain")
        interactive = cell.source.rstrip().endswith(".widget()") or "display(curve)" in cell.source
        if interactive:
            assert any("image/png" in d for d in datas), (
                f"{notebook.name}: {cell.source.strip().splitlines()[-1]!r} leaves no picture")
            pictures += 1
    images = sum("image/png" in o.get("data", {}) for c in code_cells(nb) for o in c.outputs)
    assert html.count("<img") == images, f"{notebook.name}: {images} pictures, {html.count('<img')} <img> tags"
    assert images >= pictures


def test_the_live_bundle_holds_widget_picture_and_one_line():
    demo = l01_the_neuron.NeuronDemo()
    view = demo.widget()
    data, metadata = view._repr_mimebundle_()
    assert set(data) == {WIDGET_VIEW, "image/png", "text/plain"}
    assert "\n" not in data["text/plain"] and "NeuronDemo" in data["text/plain"]
    png = demo.ui["image"].value
    width, height = plots.screen_size(png)
    assert metadata["image/png"] == {"width": width, "height": height}
    # drawn at PIXEL_RATIO x the pixels of its on-screen size: sharp on a 2x screen
    assert width == round(demo.fig.get_figwidth() * plots.SCREEN_DPI)
    assert int.from_bytes(png[16:20], "big") == plots.PIXEL_RATIO * width
    assert demo.ui["image"].layout.width == f"{width}px"


def test_a_loss_curve_leaves_its_finished_picture():
    epochs = 3
    curve = widgets.LossCurve(epochs=epochs)
    shown = []

    class Handle:
        def update(self, data, metadata=None, raw=False):
            shown.append(data["image/png"])

    curve._handle = Handle()
    first = curve._bundle()[0]["image/png"]

    class History:
        train_loss, val_loss = [], []

    for epoch in range(1, epochs + 1):
        History.train_loss.append(1.0 / epoch)
        curve.callback(epoch, History, None)
    assert len(shown) == 1 and shown[0] != first, "the last epoch replaces the picture once"
