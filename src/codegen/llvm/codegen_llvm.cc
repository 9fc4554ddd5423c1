// CodeGenLLVM: expressions and statements of the lowered form.
#include "codegen_llvm.h"

#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include "math_intrinsics.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

using ir::DataType;
using tir::PrimExpr;

CodeGenLLVM::CodeGenLLVM(llvm::LLVMContext* context, llvm::TargetMachine* machine,
                         const target::Target& target, const std::string& module_name)
    : context_(context),
      target_(target),
      module_(std::make_unique<llvm::Module>(module_name, *context)),
      builder_(*context) {
  module_->setTargetTriple(machine->getTargetTriple().str());
  module_->setDataLayout(machine->createDataLayout());
  llvm::FastMathFlags flags;
  if (target.fast_math()) {
    flags.setFast();
  } else {
    flags.setAllowContract();  // a * b + c may become one FMA (see the Target reference)
  }
  builder_.setFastMathFlags(flags);
}

std::unique_ptr<llvm::Module> CodeGenLLVM::Finish(const std::string& metadata_json) {
  for (const char* name : {"__tessel_backend_parallel_launch", "__tessel_backend_alloc_workspace",
                           "__tessel_backend_free_workspace", "__tessel_backend_set_error"}) {
    BackendApiPointer(name);
  }
  llvm::Constant* text = llvm::ConstantDataArray::getString(*context_, metadata_json, true);
  new llvm::GlobalVariable(*module_, text->getType(), true, llvm::GlobalValue::ExternalLinkage,
                           text, "__tessel_metadata");
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (llvm::verifyModule(*module_, &os)) {
    throw InternalError(StrCat("codegen produced invalid LLVM IR: ", os.str()));
  }
  return std::move(module_);
}

// ---- helpers -------------------------------------------------------------------------

llvm::Type* CodeGenLLVM::LLVMType(const DataType& dtype) const {
  llvm::Type* element = nullptr;
  if (dtype.is_handle()) {
    element = llvm::PointerType::getUnqual(*context_);
  } else if (dtype.is_bool()) {
    element = llvm::Type::getInt1Ty(*context_);
  } else if (dtype.is_int() || dtype.is_uint()) {
    element = llvm::Type::getIntNTy(*context_, dtype.bits());
  } else if (dtype.code() == DataType::Code::kBFloat) {
    element = llvm::Type::getBFloatTy(*context_);
  } else if (dtype.is_float() && dtype.bits() == 16) {
    element = llvm::Type::getHalfTy(*context_);
  } else if (dtype.is_float() && dtype.bits() == 32) {
    element = llvm::Type::getFloatTy(*context_);
  } else if (dtype.is_float() && dtype.bits() == 64) {
    element = llvm::Type::getDoubleTy(*context_);
  } else if (dtype.is_void()) {
    return llvm::Type::getVoidTy(*context_);
  } else {
    throw InvalidArgumentError(StrCat("codegen: function ", func_name_, ": unsupported dtype ",
                                      dtype.ToString()));
  }
  return dtype.is_vector() ? llvm::FixedVectorType::get(element, dtype.lanes()) : element;
}

llvm::Type* CodeGenLLVM::MemoryType(const DataType& dtype) const {
  return LLVMType(dtype.is_bool() ? DataType::Int(8, dtype.lanes()) : dtype);
}

void CodeGenLLVM::RejectConstruct(const std::string& what) const {
  throw InvalidArgumentError(StrCat("codegen: function ", func_name_,
                                    " is not in the lowered form: it contains ", what,
                                    " (run the lowering pipeline first)"));
}

PrimExpr CodeGenLLVM::FlatIndex(const tir::Buffer& buffer,
                                const tir::Array<PrimExpr>& indices) const {
  if (indices.size() != 1) {
    RejectConstruct(StrCat("a ", indices.size(), "-D access to buffer ", buffer->name));
  }
  return indices[0];
}

llvm::Value* CodeGenLLVM::BufferAddress(const tir::Buffer& buffer, const PrimExpr& index) {
  auto it = vars_.find(buffer->data.get());
  if (it == vars_.end()) {
    throw InvalidArgumentError(StrCat("codegen: function ", func_name_, ": buffer ", buffer->name,
                                      " is used outside the scope of its data pointer ",
                                      buffer->data->name_hint));
  }
  llvm::Value* offset = VisitExpr(index);
  if (buffer->elem_offset.defined()) {
    const auto* zero = buffer->elem_offset.as<ir::IntImmNode>();
    if (zero == nullptr || zero->value != 0) {
      llvm::Value* base = VisitExpr(buffer->elem_offset);
      base = builder_.CreateIntCast(base, offset->getType()->getScalarType(), true);
      if (offset->getType()->isVectorTy()) {
        base = builder_.CreateVectorSplat(index.dtype().lanes(), base);
      }
      offset = builder_.CreateAdd(offset, base);
    }
  }
  return builder_.CreateInBoundsGEP(MemoryType(buffer->dtype.element_of()), it->second, offset);
}

// ---- expressions ---------------------------------------------------------------------

llvm::Value* CodeGenLLVM::VisitExprDefault_(const ir::Object* op) {
  RejectConstruct(StrCat("an expression ", op->type_key(), " codegen does not handle"));
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::VarNode* op) {
  auto it = vars_.find(op);
  if (it == vars_.end()) {
    throw InvalidArgumentError(StrCat("codegen: function ", func_name_, ": variable ",
                                      op->name_hint, " is used but never defined"));
  }
  return it->second;
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::IntImmNode* op) {
  return llvm::ConstantInt::get(LLVMType(op->dtype), op->value, op->dtype.is_int());
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::FloatImmNode* op) {
  return llvm::ConstantFP::get(LLVMType(op->dtype), op->value);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::StringImmNode* op) {
  return builder_.CreateGlobalString(op->value);
}

llvm::Value* CodeGenLLVM::CastValue(llvm::Value* value, const DataType& from, const DataType& to) {
  llvm::Type* type = LLVMType(to);
  if (from == to) return value;
  if (to.is_bool()) {
    if (from.is_float()) return builder_.CreateFCmpUNE(value, llvm::Constant::getNullValue(value->getType()));
    return builder_.CreateICmpNE(value, llvm::Constant::getNullValue(value->getType()));
  }
  if (from.is_float() && to.is_float()) return builder_.CreateFPCast(value, type);
  if (from.is_float()) {
    return to.is_int() ? builder_.CreateFPToSI(value, type) : builder_.CreateFPToUI(value, type);
  }
  if (to.is_float()) {
    return from.is_int() ? builder_.CreateSIToFP(value, type) : builder_.CreateUIToFP(value, type);
  }
  if (from.is_handle() || to.is_handle()) {
    return from.is_handle() && to.is_handle() ? value : builder_.CreateBitOrPointerCast(value, type);
  }
  return builder_.CreateIntCast(value, type, from.is_int());
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::CastNode* op) {
  return CastValue(VisitExpr(op->value), op->value.dtype(), op->dtype);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::AddNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) return builder_.CreateFAdd(a, b);
  return op->dtype.is_int() ? builder_.CreateNSWAdd(a, b) : builder_.CreateAdd(a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::SubNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) return builder_.CreateFSub(a, b);
  return op->dtype.is_int() ? builder_.CreateNSWSub(a, b) : builder_.CreateSub(a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::MulNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) return builder_.CreateFMul(a, b);
  return op->dtype.is_int() ? builder_.CreateNSWMul(a, b) : builder_.CreateMul(a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::DivNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) return builder_.CreateFDiv(a, b);
  return op->dtype.is_int() ? builder_.CreateSDiv(a, b) : builder_.CreateUDiv(a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::ModNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) return builder_.CreateFRem(a, b);
  return op->dtype.is_int() ? builder_.CreateSRem(a, b) : builder_.CreateURem(a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::FloorDivNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) {
    llvm::Value* q = builder_.CreateFDiv(a, b);
    return builder_.CreateUnaryIntrinsic(llvm::Intrinsic::floor, q);
  }
  if (!op->dtype.is_int()) return builder_.CreateUDiv(a, b);
  // Truncating quotient, minus one when the remainder is non-zero and its sign differs from b's.
  llvm::Value* q = builder_.CreateSDiv(a, b);
  llvm::Value* r = builder_.CreateSRem(a, b);
  llvm::Value* zero = llvm::Constant::getNullValue(a->getType());
  llvm::Value* adjust = builder_.CreateAnd(
      builder_.CreateICmpNE(r, zero),
      builder_.CreateICmpNE(builder_.CreateICmpSLT(r, zero), builder_.CreateICmpSLT(b, zero)));
  return builder_.CreateSub(q, builder_.CreateZExt(adjust, a->getType()));
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::FloorModNode* op) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  if (op->dtype.is_float()) {
    llvm::Value* q = builder_.CreateUnaryIntrinsic(llvm::Intrinsic::floor, builder_.CreateFDiv(a, b));
    return builder_.CreateFSub(a, builder_.CreateFMul(q, b));
  }
  if (!op->dtype.is_int()) return builder_.CreateURem(a, b);
  // The truncating remainder, plus b when it is non-zero and its sign differs from b's.
  llvm::Value* r = builder_.CreateSRem(a, b);
  llvm::Value* zero = llvm::Constant::getNullValue(a->getType());
  llvm::Value* adjust = builder_.CreateAnd(
      builder_.CreateICmpNE(r, zero),
      builder_.CreateICmpNE(builder_.CreateICmpSLT(r, zero), builder_.CreateICmpSLT(b, zero)));
  return builder_.CreateSelect(adjust, builder_.CreateAdd(r, b), r);
}

llvm::Value* CodeGenLLVM::MinMax(const tir::BinaryOpNode* op, bool is_min) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  DataType dtype = op->a.dtype();
  if (dtype.is_float()) {
    // NaN-propagating like numpy's minimum/maximum.
    return builder_.CreateBinaryIntrinsic(is_min ? llvm::Intrinsic::minimum : llvm::Intrinsic::maximum, a, b);
  }
  if (dtype.is_int()) {
    return builder_.CreateBinaryIntrinsic(is_min ? llvm::Intrinsic::smin : llvm::Intrinsic::smax, a, b);
  }
  return builder_.CreateBinaryIntrinsic(is_min ? llvm::Intrinsic::umin : llvm::Intrinsic::umax, a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::MinNode* op) { return MinMax(op, true); }
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::MaxNode* op) { return MinMax(op, false); }

llvm::Value* CodeGenLLVM::Compare(const tir::BinaryOpNode* op, llvm::CmpInst::Predicate signed_int,
                                  llvm::CmpInst::Predicate unsigned_int,
                                  llvm::CmpInst::Predicate fp) {
  llvm::Value* a = VisitExpr(op->a);
  llvm::Value* b = VisitExpr(op->b);
  DataType dtype = op->a.dtype();
  if (dtype.is_float()) return builder_.CreateFCmp(fp, a, b);
  return builder_.CreateICmp(dtype.is_int() ? signed_int : unsigned_int, a, b);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::EQNode* op) {
  return Compare(op, llvm::CmpInst::ICMP_EQ, llvm::CmpInst::ICMP_EQ, llvm::CmpInst::FCMP_OEQ);
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::NENode* op) {
  return Compare(op, llvm::CmpInst::ICMP_NE, llvm::CmpInst::ICMP_NE, llvm::CmpInst::FCMP_UNE);
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::LTNode* op) {
  return Compare(op, llvm::CmpInst::ICMP_SLT, llvm::CmpInst::ICMP_ULT, llvm::CmpInst::FCMP_OLT);
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::LENode* op) {
  return Compare(op, llvm::CmpInst::ICMP_SLE, llvm::CmpInst::ICMP_ULE, llvm::CmpInst::FCMP_OLE);
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::GTNode* op) {
  return Compare(op, llvm::CmpInst::ICMP_SGT, llvm::CmpInst::ICMP_UGT, llvm::CmpInst::FCMP_OGT);
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::GENode* op) {
  return Compare(op, llvm::CmpInst::ICMP_SGE, llvm::CmpInst::ICMP_UGE, llvm::CmpInst::FCMP_OGE);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::AndNode* op) {
  return builder_.CreateAnd(VisitExpr(op->a), VisitExpr(op->b));
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::OrNode* op) {
  return builder_.CreateOr(VisitExpr(op->a), VisitExpr(op->b));
}
llvm::Value* CodeGenLLVM::VisitExpr_(const tir::NotNode* op) {
  return builder_.CreateNot(VisitExpr(op->a));
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::SelectNode* op) {
  llvm::Value* condition = VisitExpr(op->condition);
  return builder_.CreateSelect(condition, VisitExpr(op->true_value), VisitExpr(op->false_value));
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::RampNode* op) {
  llvm::Value* base = VisitExpr(op->base);
  llvm::Value* stride = VisitExpr(op->stride);
  std::vector<llvm::Constant*> steps;
  for (int64_t i = 0; i < op->lanes; ++i) steps.push_back(llvm::ConstantInt::get(base->getType(), i));
  llvm::Value* offsets = builder_.CreateMul(builder_.CreateVectorSplat(op->lanes, stride),
                                            llvm::ConstantVector::get(steps));
  return builder_.CreateAdd(builder_.CreateVectorSplat(op->lanes, base), offsets);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::BroadcastNode* op) {
  return builder_.CreateVectorSplat(op->lanes, VisitExpr(op->value));
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::LetNode* op) {
  vars_[op->var.get()] = VisitExpr(op->value);
  return VisitExpr(op->body);
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::BufferLoadNode* op) {
  PrimExpr index = FlatIndex(op->buffer, op->indices);
  DataType dtype = op->dtype;
  llvm::Type* memory_type = MemoryType(dtype);
  llvm::Align align(op->buffer->dtype.bytes());
  llvm::Value* value = nullptr;
  const auto* ramp = index.as<tir::RampNode>();
  const auto* stride = ramp ? ramp->stride.as<ir::IntImmNode>() : nullptr;
  if (stride != nullptr && stride->value == 1) {
    // A contiguous vector: one load from the address of its first element.
    value = builder_.CreateAlignedLoad(memory_type, BufferAddress(op->buffer, ramp->base), align);
  } else if (dtype.is_vector()) {
    value = builder_.CreateMaskedGather(memory_type, BufferAddress(op->buffer, index), align);
  } else {
    value = builder_.CreateAlignedLoad(memory_type, BufferAddress(op->buffer, index), align);
  }
  TagAccess(llvm::cast<llvm::Instruction>(value), op->buffer);
  return dtype.is_bool() ? builder_.CreateTrunc(value, LLVMType(dtype)) : value;
}

llvm::Value* CodeGenLLVM::VisitExpr_(const tir::CallNode* op) { return EmitCall(op); }

llvm::Value* CodeGenLLVM::EmitCall(const tir::CallNode* op) {
  const auto* callee = op->op.as<ir::OpNode>();
  if (callee == nullptr) {
    RejectConstruct("a call of another function (only tir.* intrinsics are compiled)");
  }
  std::vector<llvm::Value*> args;
  for (const PrimExpr& arg : op->args) args.push_back(VisitExpr(arg));
  static const std::unordered_map<std::string, llvm::Intrinsic::ID> kLLVMIntrinsics = {
      {"tir.fabs", llvm::Intrinsic::fabs},   {"tir.floor", llvm::Intrinsic::floor},
      {"tir.ceil", llvm::Intrinsic::ceil},   {"tir.round", llvm::Intrinsic::roundeven},
      {"tir.sqrt", llvm::Intrinsic::sqrt},   {"tir.fma", llvm::Intrinsic::fma},
      {"tir.pow", llvm::Intrinsic::pow},
      {"tir.sin", llvm::Intrinsic::sin},     {"tir.cos", llvm::Intrinsic::cos},
  };
  auto it = kLLVMIntrinsics.find(callee->name);
  if (it != kLLVMIntrinsics.end()) {
    llvm::Function* intrinsic =
        llvm::Intrinsic::getDeclaration(module_.get(), it->second, {args[0]->getType()});
    return builder_.CreateCall(intrinsic, args);
  }
  if (llvm::Value* value = EmitMathIntrinsic(builder_, callee->name, args)) return value;
  RejectConstruct(StrCat("a call of ", callee->name, ", which codegen does not support"));
}

// ---- statements ----------------------------------------------------------------------

void CodeGenLLVM::VisitStmtDefault_(const ir::Object* op) {
  if (op->type_key() == std::string("tir.Block") || op->type_key() == std::string("tir.BlockRealize")) {
    RejectConstruct(StrCat("a block (", op->type_key(), ")"));
  }
  RejectConstruct(StrCat("a statement ", op->type_key(), " codegen does not handle"));
}

void CodeGenLLVM::VisitStmt_(const tir::LetStmtNode* op) {
  vars_[op->var.get()] = VisitExpr(op->value);
  VisitStmt(op->body);
}

void CodeGenLLVM::VisitStmt_(const tir::AttrStmtNode* op) {
  if (op->attr_key == "parallel_launch") {
    EmitParallelLaunch(op);
  } else {
    VisitStmt(op->body);  // other attributes are hints with no code of their own
  }
}

void CodeGenLLVM::VisitStmt_(const tir::IfThenElseNode* op) {
  llvm::Value* condition = VisitExpr(op->condition);
  llvm::BasicBlock* then_block = NewBlock("if_then");
  llvm::BasicBlock* end_block = NewBlock("if_end");
  llvm::BasicBlock* else_block = op->else_case.defined() ? NewBlock("if_else") : end_block;
  builder_.CreateCondBr(condition, then_block, else_block);
  builder_.SetInsertPoint(then_block);
  VisitStmt(op->then_case);
  builder_.CreateBr(end_block);
  if (op->else_case.defined()) {
    builder_.SetInsertPoint(else_block);
    VisitStmt(op->else_case);
    builder_.CreateBr(end_block);
  }
  builder_.SetInsertPoint(end_block);
}

void CodeGenLLVM::VisitStmt_(const tir::ForNode* op) {
  if (op->kind != tir::ForKind::kSerial) {
    RejectConstruct(StrCat("a ", tir::ForKindName(op->kind), " loop over ", op->loop_var->name_hint));
  }
  llvm::Value* begin = VisitExpr(op->min);
  llvm::Value* end = builder_.CreateAdd(begin, VisitExpr(op->extent));
  llvm::BasicBlock* preheader = builder_.GetInsertBlock();
  llvm::BasicBlock* header = NewBlock("for_header");
  llvm::BasicBlock* body = NewBlock("for_body");
  llvm::BasicBlock* exit = NewBlock("for_end");
  builder_.CreateBr(header);
  builder_.SetInsertPoint(header);
  llvm::PHINode* index = builder_.CreatePHI(begin->getType(), 2, op->loop_var->name_hint);
  index->addIncoming(begin, preheader);
  bool is_signed = op->loop_var.dtype().is_int();
  builder_.CreateCondBr(is_signed ? builder_.CreateICmpSLT(index, end) : builder_.CreateICmpULT(index, end),
                        body, exit);
  builder_.SetInsertPoint(body);
  vars_[op->loop_var.get()] = index;
  VisitStmt(op->body);
  llvm::Value* next = builder_.CreateAdd(index, llvm::ConstantInt::get(index->getType(), 1), "",
                                         false, is_signed);
  index->addIncoming(next, builder_.GetInsertBlock());
  builder_.CreateBr(header);
  builder_.SetInsertPoint(exit);
}

void CodeGenLLVM::VisitStmt_(const tir::WhileNode* op) {
  llvm::BasicBlock* header = NewBlock("while_header");
  llvm::BasicBlock* body = NewBlock("while_body");
  llvm::BasicBlock* exit = NewBlock("while_end");
  builder_.CreateBr(header);
  builder_.SetInsertPoint(header);
  builder_.CreateCondBr(VisitExpr(op->condition), body, exit);
  builder_.SetInsertPoint(body);
  VisitStmt(op->body);
  builder_.CreateBr(header);
  builder_.SetInsertPoint(exit);
}

void CodeGenLLVM::VisitStmt_(const tir::BufferStoreNode* op) {
  PrimExpr index = FlatIndex(op->buffer, op->indices);
  DataType dtype = op->value.dtype();
  llvm::Value* value = VisitExpr(op->value);
  if (dtype.is_bool()) value = builder_.CreateZExt(value, MemoryType(dtype));
  llvm::Align align(op->buffer->dtype.bytes());
  const auto* ramp = index.as<tir::RampNode>();
  const auto* stride = ramp ? ramp->stride.as<ir::IntImmNode>() : nullptr;
  llvm::Instruction* store = nullptr;
  if (stride != nullptr && stride->value == 1) {
    store = builder_.CreateAlignedStore(value, BufferAddress(op->buffer, ramp->base), align);
  } else if (index.dtype().is_vector()) {
    if (!dtype.is_vector()) value = builder_.CreateVectorSplat(index.dtype().lanes(), value);
    store = builder_.CreateMaskedScatter(value, BufferAddress(op->buffer, index), align);
  } else {
    store = builder_.CreateAlignedStore(value, BufferAddress(op->buffer, index), align);
  }
  TagAccess(store, op->buffer);
}

void CodeGenLLVM::TagAccess(llvm::Instruction* access, const tir::Buffer& buffer) {
  llvm::MDNode*& tag = alias_tags_[buffer->data.get()];
  if (tag == nullptr) {
    llvm::MDBuilder md(*context_);
    if (alias_root_ == nullptr) alias_root_ = md.createTBAARoot("tessel buffers");
    // Types are told apart by name: a counter keeps two buffers of one name distinct.
    llvm::MDNode* type = md.createTBAAScalarTypeNode(
        StrCat(buffer->data->name_hint, ".", alias_tags_.size()), alias_root_);
    tag = md.createTBAAStructTagNode(type, type, 0);
  }
  access->setMetadata(llvm::LLVMContext::MD_tbaa, tag);
}

void CodeGenLLVM::VisitStmt_(const tir::AllocateNode* op) { EmitAllocate(op); }

void CodeGenLLVM::VisitStmt_(const tir::EvaluateNode* op) {
  if (op->value.as<ir::IntImmNode>() == nullptr) VisitExpr(op->value);
}

void CodeGenLLVM::VisitStmt_(const tir::SeqStmtNode* op) {
  for (const tir::Stmt& stmt : op->seq) VisitStmt(stmt);
}

}  // namespace codegen
}  // namespace tessel
