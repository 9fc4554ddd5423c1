"""The script parser framework that dialects plug into."""

from .core import (Parser, defined_in_class_body, register_handler, register_operator,
                   register_subscript)
from .scope import VarTable
from .source import Source

__all__ = ["Parser", "Source", "VarTable", "defined_in_class_body", "register_handler",
           "register_operator",
           "register_subscript"]
