"""One module per lesson: what belongs to one lesson only, its interactives and its checkers.

`lNN_name.py` goes with notebooks/NN_name.ipynb, which imports it as ``lesson``:

    from helpers.lessons import l03_layers as lesson

A new lesson adds its own module here; nothing in this package lists the lessons.
"""
