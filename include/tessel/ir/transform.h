/*!
 * \file tessel/ir/transform.h
 * \brief The pass infrastructure: passes, the context they run under, instruments and
 * the pass registry, plus the passes that work on every dialect.
 *
 * A pass is a function from IRModule to IRModule with a name and an optimization level.
 * Passes never run bare: applying one consults the current PassContext, which may skip
 * it (by opt level or because it is disabled), asks its instruments whether to run it
 * and tells them before and after it runs, and first runs the passes it requires.
 *
 * \code
 * using namespace tessel::ir::transform;
 * Pass pipeline = Sequential({AttachGlobalSymbol(), RemoveUnusedFunctions({"main"})});
 * PassContext ctx = PassContext::Create(3);
 * PassContext::Scope scope(ctx);  // ctx is PassContext::Current() until scope ends
 * IRModule optimized = pipeline(mod);
 * \endcode
 */
#ifndef TESSEL_IR_TRANSFORM_H_
#define TESSEL_IR_TRANSFORM_H_

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tessel/ir/module.h"

namespace tessel {
namespace ir {
namespace transform {

// ---------------------------------------------------------------------------
// PassInfo
// ---------------------------------------------------------------------------

/*! \brief What the infrastructure knows about a pass: its name, level and requirements. */
class PassInfoNode : public Object {
 public:
  /*! \brief The pass name, unique in the registry ("AttachGlobalSymbol"). */
  std::string name;
  /*! \brief The lowest PassContext opt level at which the pass runs. */
  int64_t opt_level = 0;
  /*! \brief Names of registered passes that run before this one, in order. */
  Array<String> required;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("name", &name);
    v->Visit("opt_level", &opt_level);
    v->Visit("required", &required);
  }
  TESSEL_DECLARE_NODE(PassInfoNode, "transform.PassInfo");
};

/*! \brief Handle to a PassInfoNode. */
class PassInfo : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(PassInfo, ObjectRef, PassInfoNode);
  /*!
   * \brief Describe a pass.
   * \param opt_level The lowest context opt level at which it runs.
   * \param name Its name.
   * \param required Names of registered passes to run before it.
   */
  PassInfo(int opt_level, std::string name, std::vector<std::string> required = {});
};

// ---------------------------------------------------------------------------
// PassInstrument
// ---------------------------------------------------------------------------

/*!
 * \brief Observes (and may veto) the passes run under a PassContext.
 *
 * Subclasses override the hooks they need. Hooks are const because instruments are
 * shared nodes; an instrument that records state keeps it in mutable members.
 */
class PassInstrumentNode : public Object {
 public:
  /*! \brief The instrument's name, for messages. */
  std::string name;

  /*! \brief Called when a context holding this instrument is entered. */
  virtual void EnterPassContext() const {}
  /*! \brief Called when a context holding this instrument is exited. */
  virtual void ExitPassContext() const {}
  /*! \brief Whether the pass should run; a pass runs only when every instrument agrees. */
  virtual bool ShouldRun(const IRModule& mod, const PassInfo& info) const { return true; }
  /*! \brief Called just before a pass runs, with its input. */
  virtual void RunBeforePass(const IRModule& mod, const PassInfo& info) const {}
  /*! \brief Called just after a pass ran successfully, with its output. */
  virtual void RunAfterPass(const IRModule& mod, const PassInfo& info) const {}

  void VisitFields(FieldVisitor* v) override { v->Visit("name", &name); }
  TESSEL_DECLARE_NODE(PassInstrumentNode, "transform.PassInstrument");
};

/*! \brief Handle to any pass instrument. */
class PassInstrument : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(PassInstrument, ObjectRef, PassInstrumentNode);
};

/*!
 * \brief An instrument whose hooks are std::functions; an empty function is a no-op
 * (and an empty should_run means "run").
 *
 * This is how instruments written in Python reach C++: their methods are wrapped as
 * callables, so no Python object has to live inside a C++ class hierarchy.
 */
class FunctionInstrumentNode : public PassInstrumentNode {
 public:
  std::function<void()> enter_pass_ctx;                                     //!< EnterPassContext
  std::function<void()> exit_pass_ctx;                                      //!< ExitPassContext
  std::function<bool(const IRModule&, const PassInfo&)> should_run;         //!< ShouldRun
  std::function<void(const IRModule&, const PassInfo&)> run_before_pass;    //!< RunBeforePass
  std::function<void(const IRModule&, const PassInfo&)> run_after_pass;    //!< RunAfterPass

  void EnterPassContext() const override;
  void ExitPassContext() const override;
  bool ShouldRun(const IRModule& mod, const PassInfo& info) const override;
  void RunBeforePass(const IRModule& mod, const PassInfo& info) const override;
  void RunAfterPass(const IRModule& mod, const PassInfo& info) const override;
  TESSEL_DECLARE_NODE(FunctionInstrumentNode, "transform.FunctionInstrument");
};

/*! \brief Handle to a FunctionInstrumentNode. */
class FunctionInstrument : public PassInstrument {
 public:
  TESSEL_DEFINE_HANDLE(FunctionInstrument, PassInstrument, FunctionInstrumentNode);
  /*!
   * \brief An instrument from callables; any of them may be empty.
   * \param name The instrument's name.
   * \param enter_pass_ctx Called when a PassContext holding the instrument is entered.
   * \param exit_pass_ctx Called when that context is exited.
   * \param should_run Decides whether a pass runs (empty: always).
   * \param run_before_pass Called before each pass that runs.
   * \param run_after_pass Called after each pass that ran.
   */
  FunctionInstrument(std::string name, std::function<void()> enter_pass_ctx,
                     std::function<void()> exit_pass_ctx,
                     std::function<bool(const IRModule&, const PassInfo&)> should_run,
                     std::function<void(const IRModule&, const PassInfo&)> run_before_pass,
                     std::function<void(const IRModule&, const PassInfo&)> run_after_pass);
};

/*!
 * \brief Records the wall time of every pass; nested passes (those run by a Sequential
 * or as requirements) are recorded under the pass that ran them.
 *
 * Entering a context holding the instrument clears the records; they stay readable
 * after the context is exited.
 */
class PassTimingInstrumentNode : public PassInstrumentNode {
 public:
  /*! \brief One pass run. */
  struct Record {
    std::string name;     //!< pass name
    int depth = 0;        //!< nesting depth, 0 for a pass run directly
    double ms = -1;       //!< wall time in milliseconds; negative while running or if it failed
    std::chrono::steady_clock::time_point start;  //!< when it started
  };

  /*!
   * \brief The records as a table: pass name (indented two spaces per nesting level),
   * time in ms, and percent of the total time of the outermost passes.
   */
  std::string Report() const;
  /*! \brief The records, in the order the passes started. */
  const std::vector<Record>& records() const { return records_; }

  void EnterPassContext() const override;
  void RunBeforePass(const IRModule& mod, const PassInfo& info) const override;
  void RunAfterPass(const IRModule& mod, const PassInfo& info) const override;
  TESSEL_DECLARE_NODE(PassTimingInstrumentNode, "transform.PassTimingInstrument");

 private:
  mutable std::vector<Record> records_;
  mutable std::vector<size_t> open_;  // indices into records_ of the passes now running
};

/*! \brief Handle to a PassTimingInstrumentNode. */
class PassTimingInstrument : public PassInstrument {
 public:
  TESSEL_DEFINE_HANDLE(PassTimingInstrument, PassInstrument, PassTimingInstrumentNode);
  /*! \brief A timing instrument with no records. */
  static PassTimingInstrument Create();
};

/*!
 * \brief Writes the module after every pass to `<folder>/<NNN>_<pass name>.py`, as script.
 *
 * NNN counts from 000 in execution order (a Sequential is dumped after the passes it
 * ran). The folder is created on the first write; characters of the pass name that do
 * not belong in a file name become '_'.
 */
class DumpIRNode : public PassInstrumentNode {
 public:
  /*! \brief Where the files go. */
  std::string folder;

  void RunAfterPass(const IRModule& mod, const PassInfo& info) const override;
  void VisitFields(FieldVisitor* v) override {
    PassInstrumentNode::VisitFields(v);
    v->Visit("folder", &folder);
  }
  TESSEL_DECLARE_NODE(DumpIRNode, "transform.DumpIR");

 private:
  mutable int64_t count_ = 0;
};

/*! \brief Handle to a DumpIRNode. */
class DumpIR : public PassInstrument {
 public:
  TESSEL_DEFINE_HANDLE(DumpIR, PassInstrument, DumpIRNode);
  /*! \brief An instrument dumping into folder. */
  explicit DumpIR(std::string folder);
};

// ---------------------------------------------------------------------------
// PassContext
// ---------------------------------------------------------------------------

/*! \brief The settings passes run under; see PassContext. */
class PassContextNode : public Object {
 public:
  /*! \brief Passes whose opt_level exceeds this are skipped (unless required). */
  int64_t opt_level = 2;
  /*! \brief Options for individual passes, by registered key. */
  Map<String, ObjectRef> config;
  /*! \brief Names of passes that never run under this context. */
  Array<String> disabled_pass;
  /*! \brief Names of passes that run whatever their opt_level. */
  Array<String> required_pass;
  /*! \brief Instruments, called in order. */
  Array<PassInstrument> instruments;

  /*! \brief The config value of key, or fallback when it is not set. */
  template <typename T>
  T GetConfig(const std::string& key, T fallback = T()) const {
    ObjectRef value = config.Get(String(key));
    return value.defined() ? Downcast<T>(value) : fallback;
  }

  void VisitFields(FieldVisitor* v) override {
    v->Visit("opt_level", &opt_level);
    v->Visit("config", &config);
    v->Visit("disabled_pass", &disabled_pass);
    v->Visit("required_pass", &required_pass);
    v->Visit("instruments", &instruments);
  }
  TESSEL_DECLARE_NODE(PassContextNode, "transform.PassContext");
};

/*!
 * \brief Handle to a PassContextNode; contexts form a per-thread stack.
 *
 * `PassContext::Current()` is the innermost entered context of the calling thread,
 * or a default context (opt level 2, nothing else) when none is entered.
 */
class PassContext : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(PassContext, ObjectRef, PassContextNode);

  /*!
   * \brief A new context.
   * \throws InvalidArgumentError when a config key is not registered or its value is
   * not of the registered type.
   */
  static PassContext Create(int opt_level = 2, Map<String, ObjectRef> config = {},
                            std::vector<std::string> disabled_pass = {},
                            std::vector<std::string> required_pass = {},
                            std::vector<PassInstrument> instruments = {});
  /*! \brief The innermost entered context of this thread, or this thread's default one. */
  static PassContext Current();

  /*! \brief Push this context and call its instruments' EnterPassContext. */
  void EnterWithScope() const;
  /*!
   * \brief Call the instruments' ExitPassContext and pop this context.
   * \throws InvalidArgumentError when this context is not the innermost entered one.
   */
  void ExitWithScope() const;

  /*! \brief Enters a context for the lifetime of the Scope object. */
  class Scope {
   public:
    /*! \brief Enter ctx. */
    explicit Scope(PassContext ctx);
    /*!
     * \brief Exit the context. An error from an instrument's ExitPassContext propagates,
     * except while another exception is unwinding the stack (then it is dropped).
     */
    ~Scope() noexcept(false);
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ObjectPtr<Object> ctx_;  // PassContext is incomplete here
    int uncaught_at_entry_;
  };

  /*!
   * \brief Declare a config key and the type key its values must have ("ir.IntImm").
   *
   * Registering a key again with the same type is allowed; with another type it throws
   * InvalidArgumentError.
   */
  static void RegisterConfig(const std::string& key, const std::string& value_type_key);
  /*! \brief The registered config keys with their value type keys. */
  static std::map<std::string, std::string> ListConfigs();

  /*! \brief Whether a pass is enabled here: not disabled, and required or within opt level. */
  bool PassEnabled(const PassInfo& info) const;
  /*! \brief Whether every instrument's ShouldRun agrees to run the pass. */
  bool InstrumentShouldRun(const IRModule& mod, const PassInfo& info) const;
  /*! \brief Call every instrument's RunBeforePass. */
  void InstrumentBeforePass(const IRModule& mod, const PassInfo& info) const;
  /*! \brief Call every instrument's RunAfterPass. */
  void InstrumentAfterPass(const IRModule& mod, const PassInfo& info) const;
};

// ---------------------------------------------------------------------------
// Pass
// ---------------------------------------------------------------------------

/*! \brief The base of all passes: an IRModule transformation with its PassInfo. */
class PassNode : public Object {
 public:
  /*! \brief Name, opt level and requirements. */
  PassInfo info;

  /*!
   * \brief Transform the module, ignoring the context's skip rules and instruments
   * (which Pass::operator() applies); nested passes are applied through Pass::operator().
   */
  virtual IRModule Run(IRModule mod, const PassContext& ctx) const = 0;

  void VisitFields(FieldVisitor* v) override { v->Visit("info", &info); }
  TESSEL_DECLARE_NODE(PassNode, "transform.Pass");
};

/*! \brief Handle to any pass; calling it applies the pass under a context. */
class Pass : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Pass, ObjectRef, PassNode);

  /*! \brief Apply the pass under PassContext::Current(). */
  IRModule operator()(IRModule mod) const;
  /*!
   * \brief Apply the pass under ctx.
   *
   * Returns mod unchanged when the context disables the pass, its opt level is above
   * the context's (and it is not required), or an instrument's ShouldRun says no.
   * Otherwise runs the required passes, then calls the instruments' RunBeforePass,
   * runs the pass and calls RunAfterPass. Exceptions from the pass propagate unchanged.
   */
  IRModule operator()(IRModule mod, const PassContext& ctx) const;
};

/*! \brief A pass given by a whole-module function. */
class ModulePassNode : public PassNode {
 public:
  /*! \brief The transformation. */
  std::function<IRModule(IRModule, PassContext)> pass_func;

  IRModule Run(IRModule mod, const PassContext& ctx) const override;
  TESSEL_DECLARE_NODE(ModulePassNode, "transform.ModulePass");
};

/*! \brief A pass given by a per-function function; see CreateFunctionPass. */
class FunctionPassNode : public PassNode {
 public:
  /*! \brief The transformation of one function (of the module it belongs to). */
  std::function<BaseFunc(BaseFunc, IRModule, PassContext)> pass_func;

  IRModule Run(IRModule mod, const PassContext& ctx) const override;
  TESSEL_DECLARE_NODE(FunctionPassNode, "transform.FunctionPass");
};

/*! \brief Passes run one after another; see Sequential. */
class SequentialNode : public PassNode {
 public:
  /*! \brief The passes, in order. */
  Array<Pass> passes;

  IRModule Run(IRModule mod, const PassContext& ctx) const override;
  void VisitFields(FieldVisitor* v) override {
    PassNode::VisitFields(v);
    v->Visit("passes", &passes);
  }
  TESSEL_DECLARE_NODE(SequentialNode, "transform.Sequential");
};

/*! \brief A pass that applies a list of passes in order, each under the same context. */
class Sequential : public Pass {
 public:
  TESSEL_DEFINE_HANDLE(Sequential, Pass, SequentialNode);
  /*!
   * \brief A pipeline of passes.
   * \param passes The passes, in order; each is applied through Pass::operator(), so each
   * may be skipped or instrumented on its own.
   * \param opt_level The pipeline's own opt level.
   * \param name The pipeline's name (what timing and IR dumps show).
   */
  Sequential(std::vector<Pass> passes, int opt_level = 0, std::string name = "sequential");
};

/*!
 * \brief A pass from a function on the whole module.
 * \param pass_func Returns the transformed module (a new one: the input is shared).
 * \param opt_level The lowest context opt level at which it runs.
 * \param name The pass name.
 * \param required Registered passes to run before it.
 */
Pass CreateModulePass(std::function<IRModule(IRModule, PassContext)> pass_func, int opt_level,
                      std::string name, std::vector<std::string> required = {});

/*!
 * \brief A pass from a function applied to each function of the module.
 *
 * pass_func gets each function with the input module, and returns it unchanged (the
 * very same handle) for functions it does not handle. The result shares every
 * unchanged function; when nothing changed it is the input module itself.
 *
 * \param pass_func Transforms one function.
 * \param opt_level The lowest context opt level at which it runs.
 * \param name The pass name.
 * \param required Registered passes to run before it.
 */
Pass CreateFunctionPass(std::function<BaseFunc(BaseFunc, IRModule, PassContext)> pass_func,
                        int opt_level, std::string name, std::vector<std::string> required = {});

// ---------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------

/*!
 * \brief Register a pass factory by name, so pipelines, requirements and Python find it.
 * \throws InvalidArgumentError when the name is taken and override is false.
 */
void RegisterPass(const std::string& name, std::function<Pass()> factory, bool override = false);
/*!
 * \brief A new instance of the pass registered under name.
 * \throws InvalidArgumentError naming the closest registered names when there is none.
 */
Pass GetPass(const std::string& name);
/*! \brief The registered pass names, sorted. */
std::vector<std::string> ListPasses();

/*! \brief Token pasting for TESSEL_REGISTER_PASS (a helper, not for direct use). */
#define TESSEL_PASS_CONCAT_INNER_(a, b) a##b
/*! \brief Pastes after expanding (for __LINE__); a helper of TESSEL_REGISTER_PASS. */
#define TESSEL_PASS_CONCAT_(a, b) TESSEL_PASS_CONCAT_INNER_(a, b)

/*!
 * \brief Register a built-in pass from its source file at static-initialization time.
 *
 * \code
 * TESSEL_REGISTER_PASS("AttachGlobalSymbol", [] { return AttachGlobalSymbol(); });
 * \endcode
 */
#define TESSEL_REGISTER_PASS(Name, Factory)                                        \
  static const bool TESSEL_PASS_CONCAT_(tessel_pass_registered_, __LINE__) =       \
      (::tessel::ir::transform::RegisterPass(Name, Factory), true)

// ---------------------------------------------------------------------------
// Passes that work on every dialect
// ---------------------------------------------------------------------------

/*!
 * \brief Give every function that has no "global_symbol" attribute one: its name in
 * the module. Functions with a global symbol are the ones a build exports.
 *
 * Registered as "AttachGlobalSymbol"; opt level 0.
 */
Pass AttachGlobalSymbol();

/*!
 * \brief Remove the functions no entry function can reach.
 *
 * A function reaches another when a GlobalVar of that name occurs anywhere inside it.
 * The entries are the functions named in entry_functions that exist in the module;
 * when none exists, every function with a "global_symbol" attribute is an entry.
 *
 * Registered as "RemoveUnusedFunctions" (with entry "main"); opt level 0.
 */
Pass RemoveUnusedFunctions(std::vector<std::string> entry_functions = {"main"});

}  // namespace transform
}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_TRANSFORM_H_
