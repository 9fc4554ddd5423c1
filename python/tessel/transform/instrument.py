"""Pass instruments: code that observes (and may veto) every pass a context runs."""

from __future__ import annotations

import abc

from .._core import transform as _tr
from ..ir import IRModule
from .pass_infra import PassInfo

PassTimingInstrument = _tr.PassTimingInstrument
DumpIR = _tr.DumpIR
PassTimingInstrument.__module__ = "tessel.transform"
DumpIR.__module__ = "tessel.transform"


class PassInstrument(metaclass=abc.ABCMeta):
    """The base class of instruments written in Python.

    Subclass it and override the hooks you need; give instances to
    :class:`PassContext` (``instruments=[...]``). The context calls the hooks around
    every pass it runs, including passes nested in a :class:`Sequential`. An exception
    raised by a hook propagates to the caller of the pass.

    The built-in :class:`PassTimingInstrument` and :class:`DumpIR` are also
    instances of this class.

    Examples
    --------
    >>> class PrintPasses(PassInstrument):
    ...     def run_before_pass(self, mod, info):
    ...         print("running", info.name)
    >>> with PassContext(instruments=[PrintPasses()]):
    ...     mod = AttachGlobalSymbol()(IRModule())
    running AttachGlobalSymbol
    """

    def enter_pass_ctx(self) -> None:
        """Called when a context holding the instrument is entered."""

    def exit_pass_ctx(self) -> None:
        """Called when a context holding the instrument is exited."""

    def should_run(self, mod: IRModule, info: PassInfo) -> bool:
        """Whether the pass should run; it runs only when every instrument agrees.

        Parameters
        ----------
        mod : IRModule
            The pass's input.
        info : PassInfo
            The pass's name, opt level and required passes.

        Returns
        -------
        bool
            ``True`` to run the pass, ``False`` to skip it (its input is its result).
        """
        return True

    def run_before_pass(self, mod: IRModule, info: PassInfo) -> None:
        """Called just before a pass runs, with its input.

        Parameters
        ----------
        mod : IRModule
            The pass's input.
        info : PassInfo
            The pass's name, opt level and required passes.
        """

    def run_after_pass(self, mod: IRModule, info: PassInfo) -> None:
        """Called just after a pass ran successfully, with its output.

        Parameters
        ----------
        mod : IRModule
            The pass's result.
        info : PassInfo
            The pass's name, opt level and required passes.
        """


PassInstrument.register(_tr.PassInstrument)
