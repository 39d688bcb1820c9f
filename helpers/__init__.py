"""helpers: the code the lessons derive, kept once.

Each module matches a stage of the course, in lesson order; each function says in its
docstring which notebook introduces it. ``from helpers import *`` gives a lesson everything.
"""

from .data import (
                   load_digits,
                   make_blobs,
                   make_circles,
                   make_moons,
                   make_spirals,
                   make_xor,
                   stratified_split,
)
from .gradcheck import check_layer, check_loss, numerical_gradient, rel_error, verdict
from .layers import (
                   Dense,
                   Identity,
                   ReLU,
                   Sequential,
                   Sigmoid,
                   Tanh,
                   mlp,
                   relu,
                   sigmoid,
                   softmax,
                   tanh,
)
from .losses import MSE, BinaryCrossEntropy, SoftmaxCrossEntropy
from .optim import SGD, Adam, RMSProp
from .train import History, accuracy, batches, confusion_matrix, fit, predict, train_step
from .value import Value

__all__ = [
    "Value",
    "sigmoid", "relu", "tanh", "softmax",
    "Dense", "ReLU", "Sigmoid", "Tanh", "Identity", "Sequential", "mlp",
    "MSE", "BinaryCrossEntropy", "SoftmaxCrossEntropy",
    "SGD", "RMSProp", "Adam",
    "batches", "train_step", "fit", "History", "accuracy", "predict", "confusion_matrix",
    "make_blobs", "make_moons", "make_circles", "make_xor", "make_spirals", "load_digits",
    "stratified_split",
    "numerical_gradient", "rel_error", "check_layer", "check_loss", "verdict",
]
