/*!
 * \file tessel/support/error.h
 * \brief The one error family of tessel.
 *
 * Every failure a user can cause raises a subclass of tessel::Error. Its message says
 * what was expected, what was found and where; the Python bindings map each subclass
 * to the exception class of the same name in `tessel.error`.
 */
#ifndef TESSEL_SUPPORT_ERROR_H_
#define TESSEL_SUPPORT_ERROR_H_

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace tessel {

/*! \brief A place in a source text (a script, a model file); line and column count from 1. */
struct SourceLocation {
  /*! \brief The file name, or a description such as "<string>". */
  std::string file;
  /*! \brief First line, 0 when unknown. */
  int line = 0;
  /*! \brief First column, 0 when unknown. */
  int column = 0;
  /*! \brief Last line (inclusive). */
  int end_line = 0;
  /*! \brief Column just past the end on end_line. */
  int end_column = 0;

  /*! \brief Whether this location names a line. */
  bool known() const { return line > 0; }
  /*! \brief "file:line:column", or "" when unknown. */
  std::string ToString() const;
};

/*! \brief The kinds of error; each has a C++ subclass and a Python exception class. */
enum class ErrorKind {
  kInternal,         //!< a broken invariant of tessel itself
  kInvalidArgument,  //!< a value passed by the user is not acceptable
  kTypeInference,    //!< an operator's arguments have the wrong type or shape
  kParse,            //!< script text or a file cannot be read
  kSchedule,         //!< a schedule primitive's precondition does not hold
  kExecution,        //!< a compiled program failed at run time
};

/*! \brief The name of an error kind, the same as the class name ("ParseError"). */
const char* ErrorKindName(ErrorKind kind);

/*!
 * \brief The base class of every error tessel raises.
 *
 * `what()` returns the full message: the location (when known) followed by the text.
 */
class Error : public std::runtime_error {
 public:
  /*!
   * \brief Create an error.
   * \param kind The kind, which selects the Python exception class.
   * \param message What was expected and what was found.
   * \param location Where, when known.
   */
  Error(ErrorKind kind, std::string message, SourceLocation location = {});

  /*! \brief The kind of this error. */
  ErrorKind kind() const { return kind_; }
  /*! \brief The message without the location prefix. */
  const std::string& message() const { return message_; }
  /*! \brief Where the error was found; may be unknown. */
  const SourceLocation& location() const { return location_; }

 private:
  ErrorKind kind_;
  std::string message_;
  SourceLocation location_;
};

/*! \brief Declares a subclass of Error bound to one ErrorKind. */
#define TESSEL_DECLARE_ERROR(Name, Kind)                                      \
  class Name : public Error {                                                 \
   public:                                                                    \
    explicit Name(std::string message, SourceLocation location = {})         \
        : Error(Kind, std::move(message), std::move(location)) {}            \
  }

/*! \brief A broken internal invariant: a bug in tessel, never the user's fault. */
TESSEL_DECLARE_ERROR(InternalError, ErrorKind::kInternal);
/*! \brief A value given by the user is out of range, of the wrong kind, or unknown. */
TESSEL_DECLARE_ERROR(InvalidArgumentError, ErrorKind::kInvalidArgument);
/*! \brief Struct-info or type inference rejected an operator's arguments. */
TESSEL_DECLARE_ERROR(TypeInferenceError, ErrorKind::kTypeInference);
/*! \brief Script text, or a serialized file, is malformed. */
TESSEL_DECLARE_ERROR(ParseError, ErrorKind::kParse);
/*! \brief A schedule primitive was asked for something illegal. */
TESSEL_DECLARE_ERROR(ScheduleError, ErrorKind::kSchedule);
/*! \brief A compiled program failed while running (bad inputs, failed checks). */
TESSEL_DECLARE_ERROR(ExecutionError, ErrorKind::kExecution);

#undef TESSEL_DECLARE_ERROR

/*! \brief Concatenate the stream forms of all arguments into one string. */
template <typename... Args>
std::string StrCat(Args&&... args) {
  std::ostringstream os;
  (os << ... << std::forward<Args>(args));
  return os.str();
}

}  // namespace tessel

/*!
 * \brief Check an internal invariant; on failure throw InternalError naming the condition.
 *
 * Use only for conditions no user input can break; user errors get a specific class.
 */
#define TESSEL_ICHECK(cond, ...)                                                        \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      throw ::tessel::InternalError(::tessel::StrCat(                                   \
          __FILE__, ":", __LINE__, ": internal check failed: " #cond " " __VA_ARGS__)); \
    }                                                                                   \
  } while (0)

#endif  // TESSEL_SUPPORT_ERROR_H_
