"""tessel.torch: compiled tessel functions inside PyTorch programs.

Importing this package imports ``torch``; ``import tessel`` alone does not.
"""

from .torch_module import TorchModule, as_torch_module

__all__ = ["TorchModule", "as_torch_module"]
