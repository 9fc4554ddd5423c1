// The binary format of an Executable:
//   "TSLVMEXE" | u32 version | u32 reserved (0) | u64 payload size | u64 FNV-1a of payload
//   payload: functions, constants, instructions (little-endian, counts as u64).
// Reading never trusts a count or an index: every read is bounds-checked, and the result
// goes through Executable::Validate() before anyone can run it.
#include <cstring>
#include <type_traits>

#include "tessel/runtime/data_type.h"
#include "tessel/runtime/vm/executable.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace vm {

namespace {

constexpr char kMagic[8] = {'T', 'S', 'L', 'V', 'M', 'E', 'X', 'E'};
constexpr size_t kHeaderSize = 32;

enum class ConstTag : uint8_t { kNone = 0, kInt, kFloat, kBool, kString, kTensor, kShape, kArray };

uint64_t Fnv1a(const char* data, size_t size) {
  uint64_t hash = 14695981039346656037ull;
  for (size_t i = 0; i < size; ++i) {
    hash ^= static_cast<uint8_t>(data[i]);
    hash *= 1099511628211ull;
  }
  return hash;
}

class Writer {
 public:
  template <typename T>
  void Pod(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void Bytes(const void* data, size_t size) { out_.append(static_cast<const char*>(data), size); }
  void Str(const std::string& s) {
    Pod<uint64_t>(s.size());
    out_ += s;
  }
  void Constant(const Any& value) {
    switch (value.kind()) {
      case Any::Kind::kNone: Pod(ConstTag::kNone); break;
      case Any::Kind::kInt: Pod(ConstTag::kInt); Pod<int64_t>(value.AsInt()); break;
      case Any::Kind::kFloat: Pod(ConstTag::kFloat); Pod<double>(value.AsFloat()); break;
      case Any::Kind::kBool: Pod(ConstTag::kBool); Pod<uint8_t>(value.AsBool()); break;
      case Any::Kind::kString: Pod(ConstTag::kString); Str(value.AsString()); break;
      case Any::Kind::kTensor: {
        const Tensor& t = value.AsTensor();
        Pod(ConstTag::kTensor);
        Pod<uint8_t>(t.dtype().code);
        Pod<uint8_t>(t.dtype().bits);
        Pod<uint16_t>(t.dtype().lanes);
        Pod<int32_t>(t.ndim());
        for (int64_t d : t.shape()) Pod<int64_t>(d);
        Pod<uint64_t>(static_cast<uint64_t>(t.nbytes()));
        Bytes(t.data(), static_cast<size_t>(t.nbytes()));
        break;
      }
      case Any::Kind::kShape:
        Pod(ConstTag::kShape);
        Pod<uint64_t>(value.AsShape().size());
        for (int64_t d : value.AsShape()) Pod<int64_t>(d);
        break;
      case Any::Kind::kArray:
        Pod(ConstTag::kArray);
        Pod<uint64_t>(value.AsArray().size());
        for (const Any& item : value.AsArray()) Constant(item);
        break;
      default:
        throw InvalidArgumentError(StrCat("cannot serialize the constant ", value.ToString()));
    }
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(const std::string& bytes, size_t begin) : bytes_(bytes), pos_(begin) {}

  [[noreturn]] void Fail(const std::string& what) const {
    throw ParseError(StrCat("corrupt VM executable at byte ", pos_, " of ", bytes_.size(), ": ", what));
  }

  void Need(uint64_t n, const char* what) const {
    if (n > bytes_.size() - pos_) {
      Fail(StrCat("truncated: ", what, " needs ", n, " bytes, but ", bytes_.size() - pos_, " remain"));
    }
  }

  template <typename T>
  T Pod(const char* what) {
    Need(sizeof(T), what);
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }

  // A count of items each at least min_item_bytes long: bounded by the bytes left.
  uint64_t Count(const char* what, uint64_t min_item_bytes) {
    uint64_t n = Pod<uint64_t>(what);
    if (min_item_bytes > 0 && n > (bytes_.size() - pos_) / min_item_bytes) {
      pos_ -= sizeof(uint64_t);
      Fail(StrCat(what, " is ", n, ", more than the remaining bytes can hold"));
    }
    return n;
  }

  std::string Str(const char* what) {
    uint64_t n = Count(what, 1);
    std::string s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }

  Any Constant(int depth) {
    if (depth > 16) Fail("constants nest deeper than 16 levels");
    auto tag = Pod<ConstTag>("a constant's tag");
    switch (tag) {
      case ConstTag::kNone: return Any();
      case ConstTag::kInt: return Any(Pod<int64_t>("an int constant"));
      case ConstTag::kFloat: return Any(Pod<double>("a float constant"));
      case ConstTag::kBool: return Any(Pod<uint8_t>("a bool constant") != 0);
      case ConstTag::kString: return Any(Str("a string constant's length"));
      case ConstTag::kTensor: return TensorConstant();
      case ConstTag::kShape: {
        uint64_t n = Count("a shape constant's rank", sizeof(int64_t));
        std::vector<int64_t> dims(n);
        for (int64_t& d : dims) d = Pod<int64_t>("a shape dimension");
        return Any(ShapeTuple(std::move(dims)));
      }
      case ConstTag::kArray: {
        uint64_t n = Count("a tuple constant's size", 1);
        std::vector<Any> items;
        for (uint64_t i = 0; i < n; ++i) items.push_back(Constant(depth + 1));
        return Any(std::move(items));
      }
    }
    pos_ -= sizeof(ConstTag);
    Fail(StrCat("unknown constant tag ", static_cast<int>(tag)));
  }

  Any TensorConstant() {
    DLDataType dtype;
    dtype.code = Pod<uint8_t>("a tensor's dtype");
    dtype.bits = Pod<uint8_t>("a tensor's dtype");
    dtype.lanes = Pod<uint16_t>("a tensor's dtype");
    if (dtype.code > kDLBool || dtype.bits == 0 || dtype.bits % 8 != 0 || dtype.lanes == 0) {
      Fail(StrCat("a tensor constant has an invalid dtype (code ", int{dtype.code}, ", bits ",
                  int{dtype.bits}, ", lanes ", dtype.lanes, ")"));
    }
    auto ndim = Pod<int32_t>("a tensor's rank");
    if (ndim < 0 || ndim > 32) Fail(StrCat("a tensor constant has rank ", ndim));
    std::vector<int64_t> shape(static_cast<size_t>(ndim));
    uint64_t numel = 1;
    for (int64_t& d : shape) {
      d = Pod<int64_t>("a tensor's shape");
      if (d < 0 || (d > 0 && numel > (uint64_t{1} << 48) / static_cast<uint64_t>(d))) {
        Fail(StrCat("a tensor constant has dimension ", d));
      }
      numel *= static_cast<uint64_t>(d);
    }
    auto nbytes = Pod<uint64_t>("a tensor's byte count");
    if (nbytes != numel * static_cast<uint64_t>(DataTypeBytes(dtype))) {
      pos_ -= sizeof(uint64_t);
      Fail(StrCat("a tensor constant's byte count ", nbytes, " does not match its shape and dtype"));
    }
    Need(nbytes, "a tensor's data");
    Tensor t = Tensor::Empty(shape, dtype);
    if (nbytes > 0) std::memcpy(t.data(), bytes_.data() + pos_, nbytes);
    pos_ += nbytes;
    return Any(t);
  }

  size_t pos() const { return pos_; }

 private:
  const std::string& bytes_;
  size_t pos_;
};

}  // namespace

std::string Executable::Serialize() const {
  Writer w;
  w.Pod<uint64_t>(func_table.size());
  for (const VMFuncInfo& f : func_table) {
    w.Pod(f.kind);
    w.Str(f.name);
    w.Pod<int64_t>(f.start_instr);
    w.Pod<int64_t>(f.end_instr);
    w.Pod<int64_t>(f.register_file_size);
    w.Pod<uint64_t>(f.param_names.size());
    for (const std::string& p : f.param_names) w.Str(p);
  }
  w.Pod<uint64_t>(constants.size());
  for (const Any& c : constants) w.Constant(c);
  w.Pod<uint64_t>(instructions.size());
  for (const Instruction& instr : instructions) {
    w.Pod(instr.op);
    switch (instr.op) {
      case Opcode::kCall:
        w.Pod<int64_t>(instr.dst);
        w.Pod<int64_t>(instr.func_idx);
        w.Pod<uint64_t>(instr.args.size());
        for (const Arg& arg : instr.args) {
          w.Pod(arg.kind);
          w.Pod<int64_t>(arg.value);
        }
        break;
      case Opcode::kRet: w.Pod<int64_t>(instr.reg); break;
      case Opcode::kGoto: w.Pod<int64_t>(instr.offset); break;
      case Opcode::kIf:
        w.Pod<int64_t>(instr.reg);
        w.Pod<int64_t>(instr.offset);
        break;
    }
  }
  const std::string& payload = w.out();
  Writer header;
  header.Bytes(kMagic, sizeof(kMagic));
  header.Pod<uint32_t>(kFormatVersion);
  header.Pod<uint32_t>(0);
  header.Pod<uint64_t>(payload.size());
  header.Pod<uint64_t>(Fnv1a(payload.data(), payload.size()));
  return header.out() + payload;
}

std::shared_ptr<Executable> Executable::Deserialize(const std::string& bytes) {
  Reader header(bytes, 0);
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    throw ParseError(StrCat("not a tessel VM executable (", bytes.size(),
                            " bytes, no \"TSLVMEXE\" magic)"));
  }
  header.Need(kHeaderSize, "the header");
  header.Pod<uint64_t>("the magic");
  auto version = header.Pod<uint32_t>("the version");
  if (version != kFormatVersion) {
    throw ParseError(StrCat("VM executable format version ", version, " is not supported (this "
                            "runtime reads version ", kFormatVersion, ")"));
  }
  if (header.Pod<uint32_t>("the reserved field") != 0) header.Fail("the reserved field is not 0");
  auto payload_size = header.Pod<uint64_t>("the payload size");
  auto checksum = header.Pod<uint64_t>("the checksum");
  if (payload_size != bytes.size() - kHeaderSize) {
    throw ParseError(StrCat("corrupt VM executable: the header promises ", payload_size,
                            " bytes of payload, but ", bytes.size() - kHeaderSize,
                            " follow (truncated?)"));
  }
  if (Fnv1a(bytes.data() + kHeaderSize, payload_size) != checksum) {
    throw ParseError("corrupt VM executable: checksum mismatch");
  }

  Reader r(bytes, kHeaderSize);
  auto exe = std::make_shared<Executable>();
  uint64_t num_funcs = r.Count("the function count", 1 + 8 + 4 * 8);
  for (uint64_t i = 0; i < num_funcs; ++i) {
    VMFuncInfo f;
    f.kind = r.Pod<VMFuncInfo::Kind>("a function's kind");
    if (f.kind != VMFuncInfo::Kind::kPackedFunc && f.kind != VMFuncInfo::Kind::kVMFunc) {
      r.Fail(StrCat("function ", i, " has unknown kind ", static_cast<int>(f.kind)));
    }
    f.name = r.Str("a function name's length");
    f.start_instr = r.Pod<int64_t>("a function's first instruction");
    f.end_instr = r.Pod<int64_t>("a function's last instruction");
    f.register_file_size = r.Pod<int64_t>("a function's register count");
    uint64_t num_params = r.Count("a function's parameter count", 8);
    for (uint64_t p = 0; p < num_params; ++p) f.param_names.push_back(r.Str("a parameter name's length"));
    if (!exe->func_map.emplace(f.name, static_cast<Index>(i)).second) {
      r.Fail(StrCat("function name '", f.name, "' appears twice"));
    }
    exe->func_table.push_back(std::move(f));
  }
  uint64_t num_consts = r.Count("the constant count", 1);
  for (uint64_t i = 0; i < num_consts; ++i) exe->constants.push_back(r.Constant(0));
  uint64_t num_instrs = r.Count("the instruction count", 1 + 8);
  exe->instructions.reserve(num_instrs);
  for (uint64_t i = 0; i < num_instrs; ++i) {
    Instruction instr;
    instr.op = r.Pod<Opcode>("an opcode");
    switch (instr.op) {
      case Opcode::kCall: {
        instr.dst = r.Pod<int64_t>("a call's destination");
        instr.func_idx = r.Pod<int64_t>("a call's callee");
        uint64_t num_args = r.Count("a call's argument count", 1 + 8);
        for (uint64_t a = 0; a < num_args; ++a) {
          Arg arg;
          arg.kind = r.Pod<Arg::Kind>("an argument's kind");
          if (arg.kind > Arg::Kind::kConstIdx) {
            r.Fail(StrCat("instruction ", i, " has an argument of unknown kind ", static_cast<int>(arg.kind)));
          }
          arg.value = r.Pod<int64_t>("an argument");
          instr.args.push_back(arg);
        }
        break;
      }
      case Opcode::kRet: instr.reg = r.Pod<int64_t>("a ret's register"); break;
      case Opcode::kGoto: instr.offset = r.Pod<int64_t>("a goto's offset"); break;
      case Opcode::kIf:
        instr.reg = r.Pod<int64_t>("an if's register");
        instr.offset = r.Pod<int64_t>("an if's offset");
        break;
      default: r.Fail(StrCat("instruction ", i, " has unknown opcode ", static_cast<int>(instr.op)));
    }
    exe->instructions.push_back(std::move(instr));
  }
  if (r.pos() != bytes.size()) r.Fail(StrCat(bytes.size() - r.pos(), " unexpected bytes after the instructions"));
  try {
    exe->Validate();
  } catch (const InvalidArgumentError& e) {
    throw ParseError("corrupt VM executable: " + e.message());
  }
  return exe;
}

}  // namespace vm
}  // namespace runtime
}  // namespace tessel
