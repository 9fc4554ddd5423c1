// The script printer core: literals, names, metadata, and the printing of modules.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tessel/ir/module.h"
#include "tessel/ir/printer.h"

namespace tessel {
namespace ir {
namespace {

TEST(Printer, FloatLiteralsReadBack) {
  for (double v : {0.0, 1.0, 0.1, -2.5, 1e-30, 3.141592653589793, 1e300}) {
    std::string text = FloatLiteral(v);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
  }
  EXPECT_EQ(FloatLiteral(1.0), "1.0");
  EXPECT_EQ(FloatLiteral(std::numeric_limits<double>::infinity()), "float(\"inf\")");
}

TEST(Printer, QuotesStrings) { EXPECT_EQ(QuoteString("a\"b\\\n"), "\"a\\\"b\\\\\\n\""); }

TEST(Printer, NamesAreUniqueAndStable) {
  ScriptPrinter p;
  ObjectRef a = IntImm(DataType::Int(32), 1), b = IntImm(DataType::Int(32), 2);
  EXPECT_EQ(p.NameOf(a, "x"), "x");
  EXPECT_EQ(p.NameOf(b, "x"), "x_1");
  EXPECT_EQ(p.NameOf(a, "ignored"), "x");
}

TEST(Printer, MetadataReferencesAreStable) {
  ScriptPrinter p;
  ObjectRef a = String("big"), b = String("bigger");
  EXPECT_EQ(p.AddMetadata(a), "metadata[\"ir.String\"][0]");
  EXPECT_EQ(p.AddMetadata(b), "metadata[\"ir.String\"][1]");
  EXPECT_EQ(p.AddMetadata(a), "metadata[\"ir.String\"][0]");
}

TEST(Printer, ModuleWithAttributes) {
  IRModule mod = IRModule::Empty();
  mod.SetAttr("version", IntImm(DataType::Int(32), 2));
  mod.SetAttr("name", String("demo"));
  std::string text = AsScript(mod);
  EXPECT_NE(text.find("@I.ir_module\nclass Module:\n    I.module_attrs({\"version\": 2, \"name\": \"demo\"})"),
            std::string::npos)
      << text;
  EXPECT_NE(AsScript(IRModule::Empty()).find("class Module:\n    pass"), std::string::npos);
}

TEST(Printer, ConstantsAndGenericFallback) {
  EXPECT_EQ(AsScript(IntImm(DataType::Int(64), 5)), "T.int64(5)");
  EXPECT_EQ(AsScript(IntImm(DataType::Bool(), 1)), "True");
  EXPECT_EQ(AsScript(FloatImm(DataType::Float(32), 0.5)), "T.float32(0.5)");
  EXPECT_EQ(AsScript(Span("f.py", 1, 2, 1, 5)),
            "ir.Span(source_name=\"f.py\", line=1, column=2, end_line=1, end_column=5)");
}

}  // namespace
}  // namespace ir
}  // namespace tessel
