// The tessel::Error family: message formatting with source locations.
#include "tessel/support/error.h"

namespace tessel {

std::string SourceLocation::ToString() const {
  if (!known()) return "";
  return StrCat(file.empty() ? "<unknown>" : file, ":", line, ":", column);
}

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInternal: return "InternalError";
    case ErrorKind::kInvalidArgument: return "InvalidArgumentError";
    case ErrorKind::kTypeInference: return "TypeInferenceError";
    case ErrorKind::kParse: return "ParseError";
    case ErrorKind::kSchedule: return "ScheduleError";
    case ErrorKind::kExecution: return "ExecutionError";
  }
  return "Error";
}

static std::string FullMessage(const std::string& message, const SourceLocation& location) {
  return location.known() ? location.ToString() + ": " + message : message;
}

Error::Error(ErrorKind kind, std::string message, SourceLocation location)
    : std::runtime_error(FullMessage(message, location)),
      kind_(kind),
      message_(std::move(message)),
      location_(std::move(location)) {}

}  // namespace tessel
