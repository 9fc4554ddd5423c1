/*!
 * \file tessel/target/target.h
 * \brief Target: the machine a module is compiled for, parsed from a target string.
 *
 * A target string names a kind and options, like a compiler command line:
 *
 * \code
 * llvm
 * llvm -mcpu=skylake-avx512
 * llvm -mtriple=x86_64-linux-gnu -mattr=+avx512f,+fma -num-threads=2 -fast-math
 * \endcode
 *
 * Options left out default to the host: its triple, its CPU name and (when neither
 * `-mtriple` nor `-mcpu` is given) its CPU features. Code for the llvm kind always
 * allows contracting `a * b + c` into one fused multiply-add; `-fast-math` allows the
 * rest of LLVM's fast-math rewrites (reassociation, no NaNs or infinities, ...).
 */
#ifndef TESSEL_TARGET_TARGET_H_
#define TESSEL_TARGET_TARGET_H_

#include <string>
#include <vector>

namespace tessel {
namespace target {

/*!
 * \brief A compilation target: a kind ("llvm") and its code generation options.
 *
 * A Target is a plain value. `str()` writes the options that were given, in a fixed
 * order, so `Target(t.str())` equals `t`; the accessors return the resolved values,
 * with the host's filled in for the options left out.
 */
class Target {
 public:
  /*!
   * \brief Parse a target string.
   * \param text A kind followed by options: `-mtriple=T`, `-mcpu=C`,
   *   `-mattr=+a,-b`, `-num-threads=N` (N >= 0; 0 means the runtime's thread pool size)
   *   and the flag `-fast-math`.
   * \throws InvalidArgumentError naming the kind, option or value when one is unknown or
   *   malformed (an unknown triple or CPU, a feature without + or -, a negative thread count).
   */
  explicit Target(const std::string& text);

  /*! \brief The host: `Target("llvm")`. */
  static Target Host();

  /*! \brief The kind: "llvm". */
  const std::string& kind() const { return kind_; }
  /*! \brief The LLVM target triple, such as "x86_64-unknown-linux-gnu". */
  const std::string& triple() const { return triple_; }
  /*! \brief The CPU name, such as "skylake-avx512" ("generic" when cross compiling). */
  const std::string& cpu() const { return cpu_; }
  /*! \brief The CPU features, each "+name" or "-name". */
  const std::vector<std::string>& attrs() const { return attrs_; }
  /*! \brief The features joined by commas, as LLVM reads them. */
  std::string FeatureString() const;
  /*! \brief The number of tasks of every parallel region; 0 leaves it to the IR and the runtime. */
  int num_threads() const { return num_threads_; }
  /*! \brief Whether all of LLVM's fast-math flags are set on floating-point operations. */
  bool fast_math() const { return fast_math_; }
  /*! \brief Whether the target is the machine this process runs on. */
  bool is_host() const;

  /*! \brief The target string: the kind and the options that were given. */
  std::string str() const;

  /*! \brief Targets are equal when their strings are. */
  bool operator==(const Target& other) const { return str() == other.str(); }
  /*! \brief The negation of ==. */
  bool operator!=(const Target& other) const { return !(*this == other); }

 private:
  std::string kind_;
  std::string triple_;
  std::string cpu_;
  std::vector<std::string> attrs_;
  int num_threads_ = 0;
  bool fast_math_ = false;
  // The options as given, so str() can write exactly those.
  bool has_triple_ = false;
  bool has_cpu_ = false;
  bool has_attrs_ = false;
  bool has_num_threads_ = false;
};

}  // namespace target
}  // namespace tessel

#endif  // TESSEL_TARGET_TARGET_H_
