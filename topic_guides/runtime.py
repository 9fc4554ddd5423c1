"""
Runtime and library integration
===============================

The runtime is the part of tessel that runs compiled code: tensors, modules of compiled
functions, the global function registry, and the virtual machine that executes Relax
functions. It is a small C++ library of its own, ``libtessel_runtime``, with no LLVM
and no compiler inside, so a program that only runs models links nothing else.

This guide goes through tensors and their zero-copy exchange with numpy and PyTorch,
modules, the registry and how Relax calls a registered function with
``call_dps_packed``, the virtual machine with its executable and profiler, and
exporting a model to one shared library that Python or a C++ program loads back.
"""

# %%
# Tensors and DLPack
# ------------------
# A :class:`tessel.runtime.Tensor` is an n-dimensional array in memory tessel owns or
# shares. :func:`tessel.runtime.tensor` wraps a numpy array without copying when it is
# C-contiguous and writeable; DLPack shares memory with PyTorch in both directions.

import os
import tempfile

import numpy as np
import torch

import tessel
from tessel import relax, runtime, te
from tessel.script import I, R, T
from tessel.testing import expect_error

array = np.arange(6, dtype="float32").reshape(2, 3)
t = runtime.tensor(array)
array[0, 0] = 42.0  # the tensor sees the change: same memory
print(t.shape, t.dtype, t.numpy()[0, 0])

from_torch = runtime.from_dlpack(torch.ones(4))
back = torch.from_dlpack(from_torch)
print(back.data_ptr() == from_torch.numpy().ctypes.data)

# %%
# Modules
# -------
# ``tessel.compile`` of tensor programs returns a :class:`tessel.runtime.Module`: its
# functions take tensors (numpy arrays and torch tensors are shared, not copied) and check
# every argument against the kernel's signature before running it.

n = te.var("n", "int64")
a = te.placeholder((n,), "float32", name="a")
b = te.compute((n,), lambda i: a[i] * 2.0, name="b")
kernels = tessel.compile(te.create_prim_func([a, b]).with_attr("global_symbol", "double"))
x = np.arange(5, dtype="float32")
y = np.empty_like(x)
kernels["double"](x, y)
print(y)
print(expect_error(lambda: kernels["double"](x, np.empty(4, "float32")),
                   tessel.error.InvalidArgumentError))

# %%
# The global function registry
# ----------------------------
# Functions registered by name, in C++ (``TESSEL_REGISTER_GLOBAL``) or in Python
# (:func:`tessel.runtime.register_func`), can be called from either language, and from
# compiled models. Relax reaches them with ``R.call_dps_packed``: the function receives
# its inputs and the outputs the caller allocated (destination-passing style).


@runtime.register_func("guide.scale_rows", override=True)
def scale_rows(data, scale, out):
    # A library call, here numpy: out[i, :] = data[i, :] * scale[i].
    out.numpy()[:] = data.numpy() * scale.numpy()[:, None]


@I.ir_module
class WithLibrary:
    @R.function
    def main(x: R.Tensor(("n", 3), "float32"), s: R.Tensor(("n",), "float32")):
        n = T.int64()
        with R.dataflow():
            y = R.call_dps_packed("guide.scale_rows", (x, s), out_sinfo=R.Tensor((n, 3), "float32"))
            z = R.nn.relu(y)
            R.output(z)
        return z


# %%
# The virtual machine
# -------------------
# ``tessel.compile`` of a module with Relax functions returns a
# :class:`~tessel.relax.Executable`: bytecode for the Relax functions, machine code for
# the kernels, and the constants. The bytecode calls kernels, registered functions and
# ``vm.builtin`` functions (allocation, shape checks) by name.

exe = tessel.compile(WithLibrary)
print(exe.as_text())

vm = relax.VirtualMachine(exe, tessel.cpu())
data = np.random.default_rng(0).standard_normal((4, 3)).astype("float32")
scale = np.array([1.0, -1.0, 2.0, 0.5], "float32")
result = vm["main"](data, scale).numpy()
np.testing.assert_allclose(result, np.maximum(data * scale[:, None], 0), rtol=1e-6)

# %%
# With ``profile=True`` the VM times every call it makes: here the registered function
# and the ``relu`` kernel.

profiler = relax.VirtualMachine(exe, tessel.cpu(), profile=True)
print(profiler.profile("main", data, scale))

# %%
# Export and load
# ---------------
# ``export_library`` writes the kernels, the bytecode and the constants into one shared
# object; :func:`tessel.runtime.load_module` loads it back, and a VirtualMachine runs it.
# A registered function the model calls must exist in the loading process (here it does).

folder = tempfile.mkdtemp()
path = os.path.join(folder, "model.so")
exe.export_library(path)
loaded = relax.VirtualMachine(runtime.load_module(path), tessel.cpu())
np.testing.assert_array_equal(loaded["main"](data, scale).numpy(), result)

# %%
# A file that is not a library, or a library whose embedded executable is damaged, is
# refused with the path and the reason:

broken = os.path.join(folder, "broken.so")
with open(path, "rb") as f:
    content = f.read()
with open(broken, "wb") as f:
    f.write(content[: len(content) // 2])
print(expect_error(lambda: runtime.load_module(broken), tessel.error.InvalidArgumentError))

# %%
# Deploying from C++
# ------------------
# The same file runs from C++ with nothing but the runtime library: load it with
# ``Module::LoadFromFile``, make a ``vm::VirtualMachine`` over it and call its function.
# The quick start's deployment program does this for an MLP; CTest builds it, links it
# with ``tessel_runtime`` only, and runs it on the model the Python step exported:
#
# .. literalinclude:: ../../../get_started/deploy_mlp.cc
#    :language: cpp
#    :start-at: // Load the library
#    :end-before: std::vector<rt::Any> args;
