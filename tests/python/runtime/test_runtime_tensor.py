"""Runtime tensors from Python: allocation, DLPack with numpy and torch in both directions."""

import numpy as np
import pytest
import torch

import tessel
from tessel import runtime
from tessel.error import InvalidArgumentError


def test_empty_describes_itself():
    t = runtime.empty((2, 3), "float32")
    assert t.shape == (2, 3)
    assert t.dtype == "float32"
    assert t.ndim == 2 and t.size == 6 and t.nbytes == 24
    assert t.device == tessel.cpu() == runtime.cpu(0)
    assert repr(t.device) == "cpu(0)"
    assert t.data_ptr % 64 == 0
    assert t.is_contiguous()
    assert repr(t) == "tessel.runtime.Tensor(shape=(2, 3), dtype=float32, device=cpu(0))"


def test_empty_rejects_bad_arguments():
    with pytest.raises(InvalidArgumentError, match="dimension 0 is -1"):
        runtime.empty((-1,), "float32")
    with pytest.raises(InvalidArgumentError, match="'floaty' is not an element type"):
        runtime.empty((1,), "floaty")
    with pytest.raises(InvalidArgumentError, match="only cpu"):
        runtime.empty((1,), "float32", runtime.Device(2, 0))
    with pytest.raises(InvalidArgumentError, match="only cpu"):
        runtime.tensor([1.0], device=runtime.Device(2, 0))


def test_numpy_to_tensor_is_zero_copy():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    t = runtime.tensor(a)
    assert t.data_ptr == a.ctypes.data
    a[1, 2] = 100.0
    view = t.numpy()
    assert view[1, 2] == 100.0
    view[0, 0] = -1.0
    assert a[0, 0] == -1.0
    assert np.shares_memory(view, a)


def test_tensor_copies_strided_and_read_only_arrays():
    a = np.arange(12, dtype=np.int64).reshape(3, 4)
    strided = a[:, ::2]
    t = runtime.tensor(strided)
    assert t.shape == (3, 2) and t.is_contiguous()
    np.testing.assert_array_equal(t.numpy(), strided)
    frozen = np.arange(3.0)
    frozen.flags.writeable = False
    t = runtime.tensor(frozen)
    assert t.data_ptr != frozen.ctypes.data
    np.testing.assert_array_equal(t.numpy(), frozen)
    t = runtime.tensor([[1, 2], [3, 4]])
    assert t.shape == (2, 2) and t.dtype == "int64"


def test_from_dlpack_numpy_and_capsules():
    a = np.ones((5,), dtype=np.float64)
    t = runtime.from_dlpack(a)
    assert t.data_ptr == a.ctypes.data
    capsule = a.__dlpack__()
    t2 = runtime.from_dlpack(capsule)
    assert t2.data_ptr == a.ctypes.data
    with pytest.raises(InvalidArgumentError, match="already consumed"):
        runtime.from_dlpack(capsule)
    with pytest.raises(InvalidArgumentError, match="expected an object with __dlpack__"):
        runtime.from_dlpack(3)
    frozen = np.arange(3.0)
    frozen.flags.writeable = False
    assert runtime.from_dlpack(frozen).read_only
    assert not runtime.from_dlpack(frozen).numpy().flags.writeable


def test_dlpack_capsules_both_versions():
    t = runtime.empty((4,), "int32")
    legacy = t.__dlpack__()
    assert "dltensor" in repr(legacy) and "versioned" not in repr(legacy)
    versioned = t.__dlpack__(max_version=(1, 0))
    assert "dltensor_versioned" in repr(versioned)
    assert t.__dlpack_device__() == (1, 0)
    del legacy, versioned  # unconsumed capsules free their exports
    copy = t.__dlpack__(max_version=(1, 1), copy=True)
    assert runtime.from_dlpack(copy).data_ptr != t.data_ptr


@pytest.mark.parametrize("dtype", ["float32", "float64", "int8", "int32", "int64", "uint8", "bool"])
def test_numpy_round_trip_dtypes(dtype):
    a = (np.arange(6) % 2).astype(dtype).reshape(2, 3)
    t = runtime.tensor(a)
    assert t.dtype == dtype
    back = t.numpy()
    assert back.dtype == a.dtype
    np.testing.assert_array_equal(back, a)
    np.testing.assert_array_equal(np.asarray(t), a)


def test_torch_to_tensor_and_back_is_zero_copy():
    x = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    t = runtime.from_dlpack(x)
    assert t.data_ptr == x.data_ptr()
    assert t.shape == (2, 3) and t.dtype == "float32"
    y = torch.from_dlpack(t)
    y[1, 1] = 42.0
    assert x[1, 1].item() == 42.0
    assert t.numpy()[1, 1] == 42.0
    x.add_(1.0)
    assert t.numpy()[0, 0] == 1.0


def test_torch_non_contiguous_view_keeps_strides():
    x = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()
    t = runtime.from_dlpack(x)
    assert t.shape == (3, 2)
    assert not t.is_contiguous()


@pytest.mark.parametrize("shape", [(0,), (0, 5), (3, 0)])
def test_empty_tensors_are_contiguous_whatever_their_strides(shape):
    assert runtime.from_dlpack(np.zeros(shape, "float32")).is_contiguous()
    assert runtime.from_dlpack(torch.zeros(shape).t() if len(shape) == 2 else
                               torch.zeros(shape)).is_contiguous()


def test_tensor_outlives_its_producer():
    t = runtime.tensor(np.full((1000,), 7, dtype=np.int16))
    np.testing.assert_array_equal(t.numpy(), 7)
    t2 = runtime.from_dlpack(torch.full((10,), 3.0))
    np.testing.assert_array_equal(t2.numpy(), 3.0)


def test_copyfrom():
    t = runtime.empty((2, 2), "float32")
    t.copyfrom(np.array([[1, 2], [3, 4]], dtype=np.float32))
    np.testing.assert_array_equal(t.numpy(), [[1, 2], [3, 4]])
    with pytest.raises(InvalidArgumentError, match="the shapes differ"):
        t.copyfrom(np.zeros((3,), dtype=np.float32))
