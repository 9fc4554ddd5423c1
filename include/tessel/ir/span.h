/*!
 * \file tessel/ir/span.h
 * \brief Span: where in a source text (a script, a model file) an IR node came from.
 */
#ifndef TESSEL_IR_SPAN_H_
#define TESSEL_IR_SPAN_H_

#include <string>

#include "tessel/ir/object.h"
#include "tessel/ir/reflection.h"
#include "tessel/support/error.h"

namespace tessel {
namespace ir {

/*! \brief A region of a source text; lines and columns count from 1. */
class SpanNode : public Object {
 public:
  /*! \brief The file (or "<string>") the text came from. */
  std::string source_name;
  int64_t line = 0;        //!< first line
  int64_t column = 0;      //!< first column
  int64_t end_line = 0;    //!< last line
  int64_t end_column = 0;  //!< column past the end on the last line

  void VisitFields(FieldVisitor* v) override {
    v->Visit("source_name", &source_name);
    v->Visit("line", &line);
    v->Visit("column", &column);
    v->Visit("end_line", &end_line);
    v->Visit("end_column", &end_column);
  }
  /*! \brief The same region as a SourceLocation, for errors. */
  SourceLocation ToLocation() const {
    return SourceLocation{source_name, static_cast<int>(line), static_cast<int>(column),
                          static_cast<int>(end_line), static_cast<int>(end_column)};
  }
  TESSEL_DECLARE_NODE(SpanNode, "ir.Span");
};

/*! \brief Handle to a SpanNode; undefined when the origin is unknown. */
class Span : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Span, ObjectRef, SpanNode);
  /*! \brief A span from its parts. */
  Span(std::string source_name, int64_t line, int64_t column, int64_t end_line, int64_t end_column);
  /*! \brief The location for errors; unknown when the span is undefined. */
  SourceLocation ToLocation() const { return defined() ? get()->ToLocation() : SourceLocation{}; }
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_SPAN_H_
