"""The script parser framework that dialects plug into."""

from .core import (Parser, Unusable, defined_in_class_body, register_call, register_handler,
                   register_operator, register_subscript)
from .scope import VarTable
from .source import Source

__all__ = ["Parser", "Source", "Unusable", "VarTable", "defined_in_class_body", "register_call",
           "register_handler", "register_operator", "register_subscript"]
