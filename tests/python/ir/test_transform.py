"""The pass infrastructure from Python: passes, pipelines, contexts, instruments, registry.

No dialect binds a concrete function yet, so these tests transform module attributes;
the per-function semantics are covered by tests/cpp/ir/transform_test.cc.
"""

import pytest

from tessel import ir, transform
from tessel.error import InvalidArgumentError
from tessel.transform import PassContext, Sequential, module_pass


def tagger(tag, opt_level=0, required=None):
    """A pass appending tag to the module attribute "trace"."""

    @module_pass(opt_level=opt_level, name=tag, required=required)
    def run(mod, ctx):
        return mod.with_attr("trace", trace(mod) + tag)

    return run


def trace(mod):
    return mod.attrs.dict.get("trace", "")


def test_module_pass_from_function():
    @module_pass
    def add_version(mod, ctx):
        assert isinstance(ctx, PassContext)
        return mod.with_attr("version", 2)

    assert isinstance(add_version, transform.ModulePass)
    assert isinstance(add_version, transform.Pass)
    assert add_version.info.name == "add_version"
    assert add_version.info.opt_level == 0
    assert add_version.info.required == ()
    mod = ir.IRModule()
    out = add_version(mod)
    assert out.attrs.dict["version"].value == 2
    assert "version" not in mod.attrs.dict, "a pass must not modify its input"
    assert repr(add_version) == 'ModulePass(name="add_version", opt_level=0)'


def test_module_pass_from_class():
    @module_pass(opt_level=1, name="Tag")
    class Tag:
        """Adds a tag."""

        def __init__(self, tag):
            self.tag = tag

        def transform_module(self, mod, ctx):
            return mod.with_attr("trace", trace(mod) + self.tag)

    pass_ = Tag("x")
    assert isinstance(pass_, transform.ModulePass)
    assert Tag.__name__ == "Tag" and Tag.__doc__ == "Adds a tag."
    assert pass_.tag == "x", "attributes of the decorated instance stay reachable"
    assert pass_.info.name == "Tag" and pass_.info.opt_level == 1
    assert trace(pass_(ir.IRModule())) == "x"
    # The pass keeps working once only C++ holds it.
    pipeline = Sequential([Tag("a"), Tag("b")])
    assert trace(pipeline(ir.IRModule())) == "ab"


def test_function_pass_forms():
    @transform.function_pass(opt_level=0)
    def identity(func, mod, ctx):
        return func

    assert isinstance(identity, transform.FunctionPass)
    mod = ir.IRModule()
    assert identity(mod) == mod, "no function changed: the very same module"

    @transform.function_pass(name="Noop")
    class Noop:
        def transform_function(self, func, mod, ctx):
            return func

    assert Noop().info.name == "Noop"
    with pytest.raises(TypeError, match="transform_function"):
        transform.function_pass(type("Empty", (), {}))


def test_sequential_order_and_opt_level():
    mod = ir.IRModule()
    seq = Sequential([tagger("a"), tagger("b", opt_level=3), tagger("c")], name="abc")
    assert seq.info.name == "abc"
    assert [p.info.name for p in seq.passes] == ["a", "b", "c"]
    assert trace(seq(mod)) == "ac", "default opt level 2 skips b"
    with PassContext(opt_level=3):
        assert trace(seq(mod)) == "abc"
    with PassContext(opt_level=3, disabled_pass=["a"]):
        assert trace(seq(mod)) == "bc"
    with PassContext(opt_level=0, required_pass=["b"]):
        assert trace(seq(mod)) == "abc"
    with PassContext(opt_level=3, disabled_pass=["b"], required_pass=["b"]):
        assert trace(seq(mod)) == "ac", "disabled wins over required"


def test_python_and_builtin_passes_compose():
    pipeline = Sequential([tagger("x"), transform.AttachGlobalSymbol(),
                           transform.RemoveUnusedFunctions(), tagger("y")])
    assert trace(pipeline(ir.IRModule())) == "xy"


def test_pass_context_stack():
    default = PassContext.current()
    assert default.opt_level == 2
    with PassContext(opt_level=3) as outer:
        assert PassContext.current() == outer
        with PassContext(opt_level=1) as inner:
            assert PassContext.current() == inner
            assert inner.opt_level == 1
        assert PassContext.current() == outer
    assert PassContext.current() == default


def test_pass_context_config():
    PassContext.register_config("test.python.unroll", "ir.IntImm")
    assert PassContext.list_configs()["test.python.unroll"] == "ir.IntImm"
    seen = []

    @module_pass
    def read_config(mod, ctx):
        seen.append(ctx.config["test.python.unroll"].value)
        return mod

    with PassContext(config={"test.python.unroll": 8}):
        read_config(ir.IRModule())
    assert seen == [8]
    with pytest.raises(InvalidArgumentError, match=r"unknown config key 'test.python.unrol'.*"
                                                   r"test.python.unroll \(ir.IntImm\)"):
        PassContext(config={"test.python.unrol": 8})
    with pytest.raises(InvalidArgumentError,
                       match="'test.python.unroll' expects a ir.IntImm, found a ir.String"):
        PassContext(config={"test.python.unroll": "eight"})
    with pytest.raises(InvalidArgumentError, match="list of pass names"):
        PassContext(disabled_pass="RemoveUnusedFunctions")


class Recorder(transform.PassInstrument):
    def __init__(self, skip=None):
        self.log = []
        self.skip = skip

    def enter_pass_ctx(self):
        self.log.append("enter")

    def exit_pass_ctx(self):
        self.log.append("exit")

    def should_run(self, mod, info):
        return info.name != self.skip

    def run_before_pass(self, mod, info):
        self.log.append("before " + info.name)

    def run_after_pass(self, mod, info):
        self.log.append(f"after {info.name} {trace(mod)}")


def test_python_instrument_hooks():
    recorder = Recorder(skip="b")
    with PassContext(instruments=[recorder]) as ctx:
        out = Sequential([tagger("a"), tagger("b"), tagger("c")], name="seq")(ir.IRModule())
        assert len(ctx.instruments) == 1
    assert trace(out) == "ac"
    assert recorder.log == ["enter", "before seq", "before a", "after a a", "before c",
                            "after c ac", "after seq ac", "exit"]
    assert isinstance(transform.PassTimingInstrument(), transform.PassInstrument)
    with pytest.raises(InvalidArgumentError, match="must be a PassInstrument, got int"):
        PassContext(instruments=[3])


def test_required_passes_run_first():
    transform.register_pass("test.python.Prep", lambda: tagger("prep"))
    mod = ir.IRModule()
    assert trace(tagger("main", required=["test.python.Prep"])(mod)) == "prepmain"
    with pytest.raises(InvalidArgumentError, match="no pass named 'test.python.Missing'"):
        tagger("main", required=["test.python.Missing"])(mod)


def test_registry():
    names = transform.list_passes()
    assert {"AttachGlobalSymbol", "RemoveUnusedFunctions"} <= set(names)
    assert names == sorted(names)
    assert transform.get_pass("AttachGlobalSymbol").info.name == "AttachGlobalSymbol"
    with pytest.raises(InvalidArgumentError, match="did you mean: RemoveUnusedFunctions"):
        transform.get_pass("RemoveUnusedFunction")

    @transform.register_pass("test.python.Registered")
    @module_pass(name="Registered")
    class Registered:
        def transform_module(self, mod, ctx):
            return mod.with_attr("registered", True)

    created = transform.get_pass("test.python.Registered")
    assert created.info.name == "Registered"
    assert created(ir.IRModule()).attrs.dict["registered"].value == 1
    with pytest.raises(InvalidArgumentError, match="already registered"):
        transform.register_pass("test.python.Registered", Registered)
    transform.register_pass("test.python.Registered", lambda: tagger("z"), override=True)
    assert transform.get_pass("test.python.Registered").info.name == "z"
    transform.register_pass("test.python.NotAPass", lambda: 42)
    with pytest.raises(InvalidArgumentError, match="must return a Pass, got int"):
        transform.get_pass("test.python.NotAPass")


def test_builtin_passes_on_an_empty_module():
    mod = ir.IRModule()
    assert transform.AttachGlobalSymbol()(mod) == mod
    assert transform.RemoveUnusedFunctions(["main", "other"])(mod) == mod
    assert transform.RemoveUnusedFunctions().info.opt_level == 0
    with pytest.raises(InvalidArgumentError, match="list of pass names"):
        transform.RemoveUnusedFunctions("main")


def test_exceptions_propagate_unchanged():
    class MyError(Exception):
        pass

    error = MyError("inside the pass")

    @module_pass
    def failing(mod, ctx):
        raise error

    pipeline = Sequential([tagger("a"), Sequential([failing])])
    with pytest.raises(MyError) as info:
        pipeline(ir.IRModule())
    assert info.value is error

    class FailingInstrument(transform.PassInstrument):
        def run_before_pass(self, mod, info):
            raise KeyError("instrument")

    with PassContext(instruments=[FailingInstrument()]):
        with pytest.raises(KeyError, match="instrument"):
            tagger("a")(ir.IRModule())
    assert PassContext.current().opt_level == 2, "the context was exited"


def test_wrong_return_type_names_the_pass():
    @module_pass
    def returns_none(mod, ctx):
        return None

    with pytest.raises(InvalidArgumentError, match="'returns_none' must return an IRModule, got None"):
        returns_none(ir.IRModule())


def test_timing_report():
    timing = transform.PassTimingInstrument()
    with PassContext(instruments=[timing]):
        Sequential([tagger("first"), tagger("second")], name="outer")(ir.IRModule())
    report = timing.report()
    assert report == timing.render()
    lines = report.splitlines()
    assert "time (ms)" in lines[0] and "percent" in lines[0]
    assert lines[1].startswith("outer ")
    assert lines[2].startswith("  first ")
    assert lines[3].startswith("  second ")
    assert lines[-1].startswith("total") and lines[-1].endswith("100.0%")


def test_dump_ir(tmp_path):
    folder = tmp_path / "dumps"
    with PassContext(instruments=[transform.DumpIR(folder)]):
        Sequential([tagger("a"), tagger("b")], name="pipe")(ir.IRModule())
    assert sorted(p.name for p in folder.iterdir()) == ["000_a.py", "001_b.py", "002_pipe.py"]
    text = (folder / "002_pipe.py").read_text()
    assert "# IR after pass pipe" in text
    assert "class Module" in text and "ab" in text


def test_docstring_examples_run():
    import doctest

    from tessel.transform import decorators, instrument, pass_infra, passes

    globs = {name: getattr(transform, name) for name in transform.__all__}
    globs.update(ir=ir, transform=transform, IRModule=ir.IRModule)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = []
    for module in (transform, decorators, instrument, pass_infra, passes):
        tests += finder.find(module, globs=dict(globs))
    examples = [t for t in tests if t.examples]
    assert len(examples) >= 6, [t.name for t in examples]
    for test in examples:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
