"""From a drawing to the 64 numbers the digit network reads.

Introduced in notebooks/09_capstone_handwriting, for the drawing pad.

The shipped digits were made by the UCI procedure (Alpaydin and Kaynak, 1998): each scanned
digit became a 32×32 black-and-white bitmap, size-normalised and centred; the bitmap was cut
into 4×4 blocks and each block's value is the number of ink pixels in it, 0..16. A drawing
must go through the same steps, or the network sees something unlike anything it trained on:

1. ``strokes_to_image``: the pen's path (lists of (x, y) points) → a bitmap, 1 = ink.
2. ``normalise_bitmap``: crop to the ink's bounding box, scale it to fit 32×32 keeping its
   shape (the longer side becomes 32 pixels), and centre it.
3. ``block_counts``: 4×4 blocks → 8×8 counts 0..16, read row by row into a (64,) vector.

``to_digit_features(image)`` runs steps 2 and 3. Coordinates follow the screen: x goes right
(columns), y goes down (rows), in pixels.
"""

from __future__ import annotations

import numpy as np

from .validate import _describe, as_array, number_in, positive_int

BITMAP = 32  # side of the normalised bitmap, in pixels
BLOCK = 4    # side of one block: 32 / 4 = 8 blocks per side, each counting 0..16 ink pixels
MAX_SIZE = 4096  # a larger pad is almost surely a typo (and would fill the memory)


def _strokes(strokes, where: str) -> list:
    """Check `strokes` and return it as a list of (K, 2) float arrays (empty strokes dropped)."""
    example = "e.g. [[(10, 10), (10, 200)]] for one vertical stroke"
    if isinstance(strokes, np.ndarray) or not isinstance(strokes, (list, tuple)):
        raise TypeError(f"{where}: expected strokes as a list of strokes, each a list of (x, y) "
                        f"points ({example}), got {_describe(strokes)}.")
    out = []
    for i, stroke in enumerate(strokes):
        if stroke is None or not isinstance(stroke, (list, tuple, np.ndarray)):
            got = "a number" if isinstance(stroke, (int, float, np.number)) else _describe(stroke)
            raise TypeError(f"{where}: stroke {i} should be a list of (x, y) points, got {got}. "
                            f"Wrap a single stroke in a list: strokes = [points] ({example}).")
        if len(stroke) == 0:
            continue
        pts = as_array(stroke, f"stroke {i}", where, finite=False)  # None, text, ragged: in words
        if pts.ndim != 2 or pts.shape[1] != 2:
            raise ValueError(f"{where}: stroke {i} should be a list of (x, y) points, got shape "
                             f"{pts.shape}. Wrap a single stroke in a list: strokes = [points] "
                             f"({example}).")
        if not np.all(np.isfinite(pts)):
            raise ValueError(f"{where}: stroke {i} contains NaN or infinite coordinates; every "
                             "point needs two finite numbers (pixels).")
        out.append(pts)
    return out


def strokes_to_image(strokes, size: int = 256, pen: float = 16.0) -> np.ndarray:
    """Draw strokes with a round pen on a blank square: the drawing pad as a bitmap.

    Parameters
    ----------
    strokes : list of strokes, each a list (or (K, 2) array) of (x, y) points in pixels
        One stroke is one movement with the pen down; consecutive points are joined by
        straight segments, and a stroke of one point is a dot.
    size : int
        Side of the square image in pixels (the pad is 256×256).
    pen : float
        Pen width in pixels: a pixel is ink when its centre lies within pen / 2 of the path.

    Returns
    -------
    (size, size) float64 array, 1.0 = ink, 0.0 = paper. Points outside the square are
    allowed; only the part of the path inside it is drawn.

    Introduced in notebooks/09_capstone_handwriting.
    """
    size = positive_int(size, "size", "strokes_to_image")
    if size > MAX_SIZE:
        raise ValueError(f"strokes_to_image: expected size <= {MAX_SIZE} pixels, got {size}. The "
                         "drawing pad is 256.")
    pen = number_in(pen, "pen", "strokes_to_image", low=0, low_open=True)
    image = np.zeros((size, size))
    r = pen / 2
    for pts in _strokes(strokes, "strokes_to_image"):
        segments = zip(pts[:-1], pts[1:]) if len(pts) > 1 else [(pts[0], pts[0])]
        for p, q in segments:
            # only the pixels in the segment's box (widened by the pen) can be inked
            c0, c1 = (int(np.clip(np.floor(min(p[0], q[0]) - r), 0, size)),
                      int(np.clip(np.ceil(max(p[0], q[0]) + r) + 1, 0, size)))
            r0, r1 = (int(np.clip(np.floor(min(p[1], q[1]) - r), 0, size)),
                      int(np.clip(np.ceil(max(p[1], q[1]) + r) + 1, 0, size)))
            if c0 >= c1 or r0 >= r1:
                continue
            ys, xs = np.mgrid[r0:r1, c0:c1] + 0.5          # pixel centres
            d = q - p
            length2 = float(d @ d)
            t = 0.0 if length2 == 0 else np.clip(((xs - p[0]) * d[0] + (ys - p[1]) * d[1]) / length2, 0, 1)
            dist2 = (xs - p[0] - t * d[0]) ** 2 + (ys - p[1] - t * d[1]) ** 2
            image[r0:r1, c0:c1][dist2 <= r * r] = 1.0
    return image


def _ink(image, where: str) -> np.ndarray:
    img = _picture(image, "image", where)
    if img.ndim != 2:
        colour = img.ndim == 3 and img.shape[2] in (3, 4)
        hint = (" A colour picture? Fix: image[..., :3].mean(axis=2) makes it grey." if colour
                else " Fix: pass the drawing as rows of pixels, e.g. strokes_to_image(strokes).")
        raise ValueError(f"{where}: expected image of shape (H, W), one grey value per pixel, got "
                         f"{img.shape}.{hint}")
    _zero_to_one(img, "image", where)
    ink = img >= 0.5
    if not ink.any():
        raise ValueError(f"{where}: the image has no ink, so there is no digit to read. "
                         "Draw a digit first.")
    return ink


def _picture(image, name: str, where: str) -> np.ndarray:
    """A picture as a float array: numbers (None, text and ragged rows said in words), finite."""
    img = as_array(image, name, where, finite=False)
    if not np.all(np.isfinite(img)):
        raise ValueError(f"{where}: {name} contains NaN or infinite values; every pixel needs a "
                         "value from 0 (paper) to 1 (ink).")
    return img


def _zero_to_one(img, name: str, where: str) -> None:
    if img.min() < 0 or img.max() > 1:
        raise ValueError(f"{where}: expected {name} values from 0 (paper) to 1 (ink), got values "
                         f"from {img.min():g} to {img.max():g}. If this is a 0..255 picture, divide "
                         "it by 255 first; if it is an 8×8 digit (0..16), it is already reduced.")


def normalise_bitmap(image) -> np.ndarray:
    """Crop a drawing to its ink, scale it to fit 32×32 keeping its shape, and centre it.

    Parameters
    ----------
    image : (H, W) array with values 0..1 (pixels >= 0.5 count as ink), any size

    Returns
    -------
    (32, 32) float64 array of 0.0 and 1.0. The longer side of the ink's bounding box becomes
    32 pixels. Scaling averages the ink over each new pixel's footprint (sampled 4×4 times)
    and keeps pixels that are at least half ink.

    Raises
    ------
    ValueError when the image has no ink (an empty drawing) or values outside 0..1.

    Introduced in notebooks/09_capstone_handwriting.
    """
    ink = _ink(image, "normalise_bitmap")
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    scale = BITMAP / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    k = 4  # samples per new pixel along each axis
    sub_r = ((np.arange(nh * k) + 0.5) / k / scale).astype(int).clip(0, h - 1)
    sub_c = ((np.arange(nw * k) + 0.5) / k / scale).astype(int).clip(0, w - 1)
    cover = crop[np.ix_(sub_r, sub_c)].reshape(nh, k, nw, k).mean(axis=(1, 3))
    out = np.zeros((BITMAP, BITMAP))
    top, left = (BITMAP - nh) // 2, (BITMAP - nw) // 2
    out[top:top + nh, left:left + nw] = cover >= 0.5
    return out


def block_counts(bitmap) -> np.ndarray:
    """Count the ink pixels in each 4×4 block of a 32×32 bitmap: (32, 32) -> (64,) floats 0..16.

    The counts are read row by row, the same order as the rows of ``data.load_digits()``.

    Introduced in notebooks/09_capstone_handwriting.
    """
    bm = _picture(bitmap, "bitmap", "block_counts")
    if bm.shape != (BITMAP, BITMAP):
        hint = (" An 8×8 digit is already reduced: its 64 counts are the features." if bm.shape == (8, 8)
                else " Fix: make it with normalise_bitmap(image), or use to_digit_features(image).")
        raise ValueError(f"block_counts: expected bitmap of shape ({BITMAP}, {BITMAP}), got "
                         f"{bm.shape}.{hint}")
    _zero_to_one(bm, "bitmap", "block_counts")
    n = BITMAP // BLOCK
    return (bm >= 0.5).reshape(n, BLOCK, n, BLOCK).sum(axis=(1, 3)).ravel().astype(np.float64)


def to_digit_features(image) -> np.ndarray:
    """Reduce a drawing to the 64 numbers the digit network reads, the UCI way.

    Crop to the ink, fit it into 32×32 keeping its shape, centre it, then count the ink in
    each 4×4 block. Same as ``block_counts(normalise_bitmap(image))``.

    Parameters
    ----------
    image : (H, W) array with values 0..1 (for example from ``strokes_to_image``)

    Returns
    -------
    (64,) float64 array of counts 0..16: divide by 16 before giving it to a network trained
    on ``X / 16``.

    Introduced in notebooks/09_capstone_handwriting.
    """
    # its messages name normalise_bitmap, the step that checks the image (09's stored output)
    return block_counts(normalise_bitmap(image))
