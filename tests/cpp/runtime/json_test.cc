// The JSON value, parser and writer.
#include <gtest/gtest.h>

#include <string>

#include "tessel/runtime/json.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

TEST(RuntimeJson, ParsesEveryKind) {
  Json v = Json::Parse(R"( {"a": [1, -2, 3.5, 1e3, true, false, null],
                            "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "o": {}} )");
  const Json::Array& a = v.At("a").AsArray();
  ASSERT_EQ(a.size(), 7u);
  EXPECT_EQ(a[0].AsInt(), 1);
  EXPECT_EQ(a[1].AsInt(), -2);
  EXPECT_EQ(a[2].AsReal(), 3.5);
  EXPECT_EQ(a[3].kind(), Json::Kind::kReal);
  EXPECT_EQ(a[3].AsReal(), 1000.0);
  EXPECT_TRUE(a[4].AsBool());
  EXPECT_FALSE(a[5].AsBool());
  EXPECT_TRUE(a[6].is_null());
  EXPECT_EQ(v.At("s").AsString(), "q\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_TRUE(v.At("o").AsObject().empty());
  EXPECT_EQ(v.Find("missing"), nullptr);
  EXPECT_EQ(Json::Parse("9223372036854775807").AsInt(), INT64_MAX);
  EXPECT_EQ(Json::Parse("99999999999999999999").kind(), Json::Kind::kReal);
}

TEST(RuntimeJson, DumpRoundTrips) {
  Json v;
  v.Set("name", "x\ny");
  v.Set("n", 3);
  v.Set("r", 2.0);
  Json list;
  list.Push(1);
  list.Push(Json());
  v.Set("list", list);
  EXPECT_EQ(v.Dump(), R"({"name": "x\ny", "n": 3, "r": 2.0, "list": [1, null]})");
  EXPECT_EQ(Json::Parse(v.Dump()), v);
  EXPECT_EQ(Json::Parse(v.Dump(2)), v);
  EXPECT_EQ(Json::Parse("[]").Dump(2), "[]");
  // Copies do not see later writes.
  Json copy = v;
  v.Set("n", 4);
  EXPECT_EQ(copy.At("n").AsInt(), 3);
}

std::string ParseMessage(const std::string& text) {
  try {
    Json::Parse(text, "meta.json");
  } catch (const ParseError& e) {
    return e.what();
  }
  return "no error";
}

TEST(RuntimeJson, RejectsMalformedTextWithLineAndColumn) {
  EXPECT_EQ(ParseMessage("{\"a\": 1,\n \"b\" 2}"),
            "meta.json:2:6: invalid JSON: expected ':', but found '2'");
  EXPECT_EQ(ParseMessage("[1, 2"), "meta.json:1:6: invalid JSON: expected ',' or ']' in an array, "
                                   "but found the end of the text");
  EXPECT_EQ(ParseMessage(""), "meta.json:1:1: invalid JSON: expected a value, but found the end "
                              "of the text");
  EXPECT_EQ(ParseMessage("{\"a\": 1, \"a\": 2}"), "meta.json:1:10: invalid JSON: duplicate key \"a\"");
  EXPECT_EQ(ParseMessage("[1] x"), "meta.json:1:5: invalid JSON: unexpected text after the JSON value");
  for (const char* bad : {"{", "}", "[1,]", "{\"a\":}", "{a: 1}", "tru", "nul", "01", "1.", "-",
                          "1e", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"a\tb\"",
                          "[1 2]", "{\"a\" 1}", "1e999", "'a'", "\xff"}) {
    EXPECT_THROW(Json::Parse(bad), ParseError) << bad;
  }
  EXPECT_THROW(Json::Parse(std::string(10000, '[') + std::string(10000, ']')), ParseError);
}

TEST(RuntimeJson, AccessorsNameTheKinds) {
  try {
    Json::Parse("[1]").AsObject();
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_STREQ(e.what(), "expected a JSON object, but found an array");
  }
  EXPECT_THROW(Json::Parse("{}").At("x"), InvalidArgumentError);
  EXPECT_THROW(Json::Parse("1.5").AsInt(), InvalidArgumentError);
  EXPECT_EQ(Json::Parse("2").AsReal(), 2.0);
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
