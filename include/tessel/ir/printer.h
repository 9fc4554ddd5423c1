/*!
 * \file tessel/ir/printer.h
 * \brief The script printer: IR as Python-syntax text that the script parser reads back.
 *
 * The printer walks a node and calls the handler registered for its type key. Each
 * dialect (ir, tir, relax) registers handlers for its nodes from its own source files;
 * this file holds the shared state: indentation, variable names, and metadata for
 * values too large to print inline.
 */
#ifndef TESSEL_IR_PRINTER_H_
#define TESSEL_IR_PRINTER_H_

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/ir/container.h"

namespace tessel {
namespace ir {

class ScriptPrinter;

/*!
 * \brief Prints one kind of node.
 *
 * An expression handler returns the expression text. A statement-like handler (a
 * function, a loop) writes whole lines with ScriptPrinter::Line and returns "".
 */
using NodePrintHandler = std::function<std::string(const ObjectRef& node, ScriptPrinter* printer)>;

/*! \brief The state of one printing: output lines, indentation, names in scope, metadata. */
class ScriptPrinter {
 public:
  /*!
   * \brief Register the handler for nodes of a type key.
   * \throws InvalidArgumentError when a handler is already registered for the key.
   */
  static void Register(const std::string& type_key, NodePrintHandler handler);

  /*! \brief Print a node: its expression text, or "" after writing its lines. */
  std::string Print(const ObjectRef& node);
  /*! \brief Print every element and join the texts with ", ". */
  std::string PrintList(const std::vector<ObjectRef>& nodes);

  /*! \brief Write one line at the current indentation. */
  void Line(const std::string& text);
  /*! \brief Indent the lines written from now on by one level (four spaces). */
  void Indent() { ++indent_; }
  /*! \brief Undo one Indent. */
  void Dedent() { --indent_; }

  /*!
   * \brief The name of a variable in the printed text.
   *
   * The first call for a variable picks a name from the hint that no other variable
   * in the text uses ("x", then "x_1", ...). Later calls return the same name.
   */
  std::string NameOf(const ObjectRef& var, const std::string& hint);
  /*! \brief Whether NameOf has named this variable. */
  bool HasName(const ObjectRef& var) const { return names_.count(var.get()) > 0; }

  /*!
   * \brief Record a value too large to print inline; returns its reference text,
   * `metadata["type key"][i]`.
   */
  std::string AddMetadata(const ObjectRef& node);
  /*! \brief The values recorded by AddMetadata, grouped by type key in first-use order. */
  const std::vector<std::pair<std::string, std::vector<ObjectRef>>>& metadata() const {
    return metadata_;
  }

  /*! \brief The lines written so far, joined with newlines. */
  std::string Text() const;

  /*!
   * \brief The name under which the function being printed is defined (`def <name>`).
   *
   * The module printer sets it before printing each function; a function printed on
   * its own uses its "global_symbol" attribute, or "main".
   */
  std::string function_name;

 private:
  std::vector<std::string> lines_;
  int indent_ = 0;
  std::unordered_map<const Object*, std::string> names_;
  std::unordered_map<std::string, int> name_uses_;
  std::vector<std::pair<std::string, std::vector<ObjectRef>>> metadata_;
};

/*! \brief A string literal in Python syntax, with quotes and escapes. */
std::string QuoteString(const std::string& text);
/*! \brief A float literal that reads back to the same double ("1.0", "inf" as float("inf")). */
std::string FloatLiteral(double value);

/*!
 * \brief The script text of any node; the main entry point (`x.script()` in Python).
 *
 * A node without a registered handler prints generically as `type_key(field=..., ...)`,
 * which is readable but not parseable.
 */
std::string AsScript(const ObjectRef& node);

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_PRINTER_H_
