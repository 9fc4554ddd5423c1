"""Neural-network operators: activations, softmax, normalizations, convolution, pooling,
padding and dropout, registered as ``relax.nn.<name>``.

Images are NCHW and convolution weights OIHW. Each function returns an un-normalized
:class:`tessel.relax.Call`; emitting it with a :class:`tessel.relax.BlockBuilder` infers its
struct info (symbolic shapes included) and raises :class:`tessel.error.TypeInferenceError`
naming the operator and the argument or attribute at fault.

Example
-------
>>> from tessel import relax, tir
>>> n = tir.Var("n", "int64")
>>> x = relax.Var("x", relax.TensorStructInfo([n, 3, 32, 32], "float32"))
>>> w = relax.Var("w", relax.TensorStructInfo([8, 3, 3, 3], "float32"))
>>> relax.op.nn.conv2d(x, w, padding=1).op.name
'relax.nn.conv2d'
"""

from typing import Optional, Sequence, Union

from ...expr import Expr
from .._make import make_call

__all__ = [
    "relu", "gelu", "gelu_tanh", "silu", "leakyrelu", "softmax", "log_softmax",
    "layer_norm", "rms_norm", "batch_norm", "conv2d", "max_pool2d", "avg_pool2d",
    "adaptive_avg_pool2d", "pad", "dropout",
]

IntOrPair = Union[int, Sequence[int]]


def _pair(value: IntOrPair):
    """One int for both spatial dimensions, or the given values (checked by the operator)."""
    return [int(value)] * 2 if isinstance(value, int) else [int(v) for v in value]


def _padding(value: IntOrPair):
    """Padding as (top, left, bottom, right): one int for all four sides, (height, width)
    for both sides of each, or the four values."""
    if isinstance(value, int):
        return [int(value)] * 4
    values = [int(v) for v in value]
    return values * 2 if len(values) == 2 else values


def _axes(axes: Union[int, Sequence[int]]):
    return [int(axes)] if isinstance(axes, int) else [int(a) for a in axes]


def relu(data: Expr) -> Expr:
    """``max(data, 0)``, element by element.

    Parameters
    ----------
    data : Expr
        A tensor of a numeric dtype.

    Returns
    -------
    Expr
        The call ``relax.nn.relu(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.relu", [data])


def gelu(data: Expr) -> Expr:
    """The Gaussian error linear unit, exact form: ``0.5 * x * (1 + erf(x / sqrt(2)))``
    (PyTorch's ``F.gelu`` with ``approximate="none"``).

    Parameters
    ----------
    data : Expr
        A float tensor.

    Returns
    -------
    Expr
        The call ``relax.nn.gelu(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.gelu", [data])


def gelu_tanh(data: Expr) -> Expr:
    """The tanh approximation of gelu:
    ``0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ** 3)))`` (PyTorch's
    ``F.gelu`` with ``approximate="tanh"``).

    Parameters
    ----------
    data : Expr
        A float tensor.

    Returns
    -------
    Expr
        The call ``relax.nn.gelu_tanh(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.gelu_tanh", [data])


def silu(data: Expr) -> Expr:
    """The sigmoid linear unit (swish): ``x * sigmoid(x)``.

    Parameters
    ----------
    data : Expr
        A float tensor.

    Returns
    -------
    Expr
        The call ``relax.nn.silu(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.silu", [data])


def leakyrelu(data: Expr, alpha: float = 0.01) -> Expr:
    """``x`` where ``x > 0``, else ``alpha * x``.

    Parameters
    ----------
    data : Expr
        A float tensor.
    alpha : float
        The slope for negative inputs.

    Returns
    -------
    Expr
        The call ``relax.nn.leakyrelu(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.leakyrelu", [data], {"alpha": float(alpha)})


def softmax(data: Expr, axis: int = -1) -> Expr:
    """``exp(x) / sum(exp(x))`` along ``axis``, computed as ``exp(x - max) / sum(exp(x -
    max))`` so that large inputs do not overflow.

    Parameters
    ----------
    data : Expr
        A float tensor of at least one dimension.
    axis : int
        The axis normalized (negative counts from the end).

    Returns
    -------
    Expr
        The call ``relax.nn.softmax(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.softmax", [data], {"axis": int(axis)})


def log_softmax(data: Expr, axis: int = -1) -> Expr:
    """``log(softmax(x))`` along ``axis``, computed as ``x - max - log(sum(exp(x - max)))``.

    Parameters
    ----------
    data : Expr
        A float tensor of at least one dimension.
    axis : int
        The axis normalized (negative counts from the end).

    Returns
    -------
    Expr
        The call ``relax.nn.log_softmax(data)``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.log_softmax", [data], {"axis": int(axis)})


def layer_norm(data: Expr, gamma: Expr, beta: Expr, axes: Union[int, Sequence[int]],
               epsilon: float = 1e-5, center: bool = True, scale: bool = True) -> Expr:
    """Layer normalization: ``(x - mean) / sqrt(var + epsilon) * gamma + beta``, with the mean
    and population variance over ``axes`` (PyTorch's ``F.layer_norm`` over the last axes).

    Parameters
    ----------
    data : Expr
        A float tensor.
    gamma, beta : Expr
        The scale and shift, with the dimensions of ``data`` along ``axes``.
    axes : int or sequence of int
        The normalized axes.
    epsilon : float
        Added to the variance.
    center, scale : bool
        Whether to add ``beta`` and multiply by ``gamma``.

    Returns
    -------
    Expr
        The call ``relax.nn.layer_norm``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.layer_norm", [data, gamma, beta],
                     {"axes": _axes(axes), "epsilon": float(epsilon), "center": bool(center),
                      "scale": bool(scale)})


def rms_norm(data: Expr, weight: Expr, axes: Union[int, Sequence[int]] = -1,
             epsilon: float = 1e-5) -> Expr:
    """Root-mean-square normalization: ``x / sqrt(mean(x ** 2) + epsilon) * weight`` with the
    mean over ``axes``.

    Parameters
    ----------
    data : Expr
        A float tensor.
    weight : Expr
        The scale, with the dimensions of ``data`` along ``axes``.
    axes : int or sequence of int
        The normalized axes.
    epsilon : float
        Added to the mean square.

    Returns
    -------
    Expr
        The call ``relax.nn.rms_norm``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.rms_norm", [data, weight],
                     {"axes": _axes(axes), "epsilon": float(epsilon)})


def batch_norm(data: Expr, gamma: Expr, beta: Expr, moving_mean: Expr, moving_var: Expr,
               axis: int = 1, epsilon: float = 1e-5, center: bool = True,
               scale: bool = True) -> Expr:
    """Batch normalization at inference: ``(x - moving_mean) / sqrt(moving_var + epsilon) *
    gamma + beta`` per channel (PyTorch's ``F.batch_norm`` with ``training=False``).

    Unlike TVM's ``relax.op.nn.batch_norm``, which returns a tuple ``(output, new_mean,
    new_var)`` for training, this returns the normalized tensor alone: at inference the
    running statistics are inputs and come back unchanged.

    Parameters
    ----------
    data : Expr
        A float tensor with channels along ``axis``.
    gamma, beta, moving_mean, moving_var : Expr
        1-D tensors, one value per channel.
    axis : int
        The channel axis.
    epsilon : float
        Added to the variance.
    center, scale : bool
        Whether to add ``beta`` and multiply by ``gamma``.

    Returns
    -------
    Expr
        The call ``relax.nn.batch_norm``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.batch_norm", [data, gamma, beta, moving_mean, moving_var],
                     {"axis": int(axis), "epsilon": float(epsilon), "center": bool(center),
                      "scale": bool(scale)})


def conv2d(data: Expr, weight: Expr, strides: IntOrPair = 1, padding: IntOrPair = 0,
           dilation: IntOrPair = 1, groups: int = 1, data_layout: str = "NCHW",
           kernel_layout: str = "OIHW", out_dtype: Optional[str] = None) -> Expr:
    """2-d convolution (cross-correlation, as PyTorch's ``F.conv2d``).

    ``out[n, o, y, x] = sum(data[n, g * I + c, y * sh + ky * dh - top, x * sw + kx * dw -
    left] * weight[o, c, ky, kx])`` over ``c < I``, the kernel, with ``g`` the group of
    output channel ``o``; the output height is ``(H + top + bottom - dh * (KH - 1) - 1) // sh
    + 1`` (likewise the width).

    Parameters
    ----------
    data : Expr
        The input, ``(N, C, H, W)``.
    weight : Expr
        The kernels, ``(O, C / groups, KH, KW)``.
    strides, dilation : int or (int, int)
        Per spatial dimension (height, width); positive.
    padding : int, (int, int) or (int, int, int, int)
        Zeros added around the input: all sides, (height, width), or (top, left, bottom,
        right).
    groups : int
        Splits the channels into groups convolved separately; ``groups == C`` with ``O ==
        C`` is a depthwise convolution.
    data_layout, kernel_layout : str
        Only ``"NCHW"`` and ``"OIHW"`` are supported.
    out_dtype : str, optional
        The dtype of the result and of the accumulation; by default the inputs'.

    Returns
    -------
    Expr
        The call ``relax.nn.conv2d``, of shape ``(N, O, OH, OW)``.
    """
    attrs = {"strides": _pair(strides), "padding": _padding(padding),
             "dilation": _pair(dilation), "groups": int(groups), "data_layout": data_layout,
             "kernel_layout": kernel_layout}
    if out_dtype is not None:
        attrs["out_dtype"] = str(out_dtype)
    return make_call("relax.nn.conv2d", [data, weight], attrs)


def max_pool2d(data: Expr, pool_size: IntOrPair = 1, strides: IntOrPair = 1,
               padding: IntOrPair = 0, dilation: IntOrPair = 1, ceil_mode: bool = False,
               layout: str = "NCHW") -> Expr:
    """The largest element of each ``pool_size`` window (PyTorch's ``F.max_pool2d``; note
    that ``strides`` defaults to 1, as in TVM, not to the window size).

    Parameters
    ----------
    data : Expr
        The input, ``(N, C, H, W)``.
    pool_size, strides, dilation : int or (int, int)
        The window, its step and the spacing of its elements, per spatial dimension.
    padding : int, (int, int) or (int, int, int, int)
        Padding that never wins the max: all sides, (height, width), or (top, left, bottom,
        right).
    ceil_mode : bool
        Round the output size up, adding a partial last window when it starts inside the
        input or its leading padding.
    layout : str
        Only ``"NCHW"`` is supported.

    Returns
    -------
    Expr
        The call ``relax.nn.max_pool2d``.
    """
    return make_call("relax.nn.max_pool2d", [data],
                     {"pool_size": _pair(pool_size), "strides": _pair(strides),
                      "padding": _padding(padding), "dilation": _pair(dilation),
                      "ceil_mode": bool(ceil_mode), "layout": layout})


def avg_pool2d(data: Expr, pool_size: IntOrPair = 1, strides: IntOrPair = 1,
               padding: IntOrPair = 0, dilation: IntOrPair = 1, ceil_mode: bool = False,
               count_include_pad: bool = False, layout: str = "NCHW") -> Expr:
    """The mean of each ``pool_size`` window (PyTorch's ``F.avg_pool2d``; ``strides``
    defaults to 1).

    Parameters
    ----------
    data : Expr
        The input, a float tensor ``(N, C, H, W)``.
    pool_size, strides, dilation : int or (int, int)
        The window, its step and the spacing of its elements, per spatial dimension.
    padding : int, (int, int) or (int, int, int, int)
        Zero padding: all sides, (height, width), or (top, left, bottom, right).
    ceil_mode : bool
        Round the output size up, adding a partial last window when it starts inside the
        input or its leading padding.
    count_include_pad : bool
        Divide by the number of window elements inside the padded input (True) or inside
        the input alone (False).
    layout : str
        Only ``"NCHW"`` is supported.

    Returns
    -------
    Expr
        The call ``relax.nn.avg_pool2d``.
    """
    return make_call("relax.nn.avg_pool2d", [data],
                     {"pool_size": _pair(pool_size), "strides": _pair(strides),
                      "padding": _padding(padding), "dilation": _pair(dilation),
                      "ceil_mode": bool(ceil_mode), "count_include_pad": bool(count_include_pad),
                      "layout": layout})


def adaptive_avg_pool2d(data: Expr, output_size: Optional[IntOrPair] = None,
                        layout: str = "NCHW") -> Expr:
    """Average pooling to a given output size (PyTorch's ``F.adaptive_avg_pool2d``): output
    row ``i`` of ``OH`` averages input rows ``floor(i * H / OH)`` to ``ceil((i + 1) * H / OH)
    - 1`` (likewise the columns).

    Parameters
    ----------
    data : Expr
        The input, a float tensor ``(N, C, H, W)``.
    output_size : int or (int, int), optional
        ``(OH, OW)``; by default the input's height and width.
    layout : str
        Only ``"NCHW"`` is supported.

    Returns
    -------
    Expr
        The call ``relax.nn.adaptive_avg_pool2d``, of shape ``(N, C, OH, OW)``.
    """
    attrs = {"layout": layout}
    if output_size is not None:
        attrs["output_size"] = _pair(output_size)
    return make_call("relax.nn.adaptive_avg_pool2d", [data], attrs)


def pad(data: Expr, pad_width: Sequence, pad_mode: str = "constant",
        pad_value: float = 0.0) -> Expr:
    """``data`` widened along every dimension.

    Parameters
    ----------
    data : Expr
        The tensor.
    pad_width : sequence
        ``(before, after)`` per dimension, as pairs ``((b0, a0), (b1, a1), ...)`` or flat
        ``(b0, a0, b1, a1, ...)``; non-negative.
    pad_mode : str
        ``"constant"`` (fill with ``pad_value``), ``"edge"`` (repeat the edge element) or
        ``"reflect"`` (mirror without repeating the edge, as numpy and PyTorch).
    pad_value : float
        The fill value of ``"constant"``; it must fit ``data``'s dtype.

    Returns
    -------
    Expr
        The call ``relax.nn.pad``.
    """
    flat = []
    for item in pad_width:
        if isinstance(item, (tuple, list)):
            flat.extend(int(v) for v in item)
        else:
            flat.append(int(item))
    return make_call("relax.nn.pad", [data],
                     {"pad_width": flat, "pad_mode": pad_mode, "pad_value": float(pad_value)})


def dropout(data: Expr, rate: float = 0.5) -> Expr:
    """Dropout at inference: ``data`` unchanged (legalization replaces the call by its input).

    Unlike TVM's ``relax.op.nn.dropout``, which returns ``(output, mask)`` for training,
    this returns the tensor alone.

    Parameters
    ----------
    data : Expr
        The tensor.
    rate : float
        The training-time drop probability, in ``[0, 1)``; recorded, not applied.

    Returns
    -------
    Expr
        The call ``relax.nn.dropout``, of ``data``'s shape and dtype.
    """
    return make_call("relax.nn.dropout", [data], {"rate": float(rate)})
