/* A hand-written module following tessel's kernel ABI (tessel/runtime/c_backend_api.h), as
 * the LLVM codegen would emit it: the runtime tests compile it with `cc -shared -fPIC` and
 * load it with Module::LoadFromFile / tessel.runtime.load_module. */
#include <stdint.h>

typedef union {
  int64_t v_int64;
  double v_float64;
  void* v_handle;
} TesselValue;
typedef int32_t (*TesselParallelLambda)(int32_t task_id, int32_t num_tasks, void* closure);

/* Filled in by the loader. */
int32_t (*__tessel_backend_parallel_launch)(TesselParallelLambda, void*, int32_t) = 0;
void* (*__tessel_backend_alloc_workspace)(uint64_t, uint32_t) = 0;
int32_t (*__tessel_backend_free_workspace)(void*) = 0;
void (*__tessel_backend_set_error)(const char*) = 0;

const char __tessel_metadata[] =
    "{\"format\": \"tessel.kernels\", \"version\": 1, \"functions\": ["
    "{\"name\": \"add_one\", \"params\": ["
    "{\"name\": \"A\", \"kind\": \"tensor\", \"dtype\": \"float32\", \"shape\": [\"n\"]},"
    "{\"name\": \"B\", \"kind\": \"tensor\", \"dtype\": \"float32\", \"shape\": [\"n\"]}],"
    " \"shape_vars\": [\"n\"]},"
    "{\"name\": \"scale\", \"params\": ["
    "{\"name\": \"X\", \"kind\": \"tensor\", \"dtype\": \"float64\", \"shape\": [\"m\", 2]},"
    "{\"name\": \"alpha\", \"kind\": \"scalar\", \"dtype\": \"float64\"},"
    "{\"name\": \"m\", \"kind\": \"scalar\", \"dtype\": \"int32\"}]},"
    "{\"name\": \"fail\", \"params\": []}]}";

struct AddOneClosure {
  const float* a;
  float* b;
  int64_t n;
};

/* Each task adds one to its static chunk of the elements. */
static int32_t add_one_task(int32_t task_id, int32_t num_tasks, void* closure) {
  struct AddOneClosure* c = (struct AddOneClosure*)closure;
  int64_t chunk = (c->n + num_tasks - 1) / num_tasks;
  int64_t begin = task_id * chunk;
  int64_t end = begin + chunk < c->n ? begin + chunk : c->n;
  for (int64_t i = begin; i < end; ++i) c->b[i] = c->a[i] + 1.0f;
  return 0;
}

/* B = A + 1: params A, B, then the shape var n. */
int32_t __tessel_kernel_add_one(TesselValue* args, int32_t num_args) {
  if (num_args != 3) {
    __tessel_backend_set_error("add_one: expected 3 packed arguments");
    return -1;
  }
  struct AddOneClosure closure = {(const float*)args[0].v_handle, (float*)args[1].v_handle,
                                  args[2].v_int64};
  return __tessel_backend_parallel_launch(add_one_task, &closure, 0);
}

/* X *= alpha, through a workspace copy of X: params X, alpha, m. */
int32_t __tessel_kernel_scale(TesselValue* args, int32_t num_args) {
  if (num_args != 3) return -1;
  double* x = (double*)args[0].v_handle;
  double alpha = args[1].v_float64;
  int64_t count = args[2].v_int64 * 2;
  double* tmp = (double*)__tessel_backend_alloc_workspace((uint64_t)count * sizeof(double), 64);
  if (tmp == 0) return -1;
  if (((uintptr_t)tmp) % 64 != 0) {
    __tessel_backend_set_error("scale: workspace is not 64-byte aligned");
    return -1;
  }
  for (int64_t i = 0; i < count; ++i) tmp[i] = x[i] * alpha;
  for (int64_t i = 0; i < count; ++i) x[i] = tmp[i];
  return __tessel_backend_free_workspace(tmp);
}

/* Always fails, the way a kernel reports an error. */
int32_t __tessel_kernel_fail(TesselValue* args, int32_t num_args) {
  (void)args;
  (void)num_args;
  __tessel_backend_set_error("out of workspace");
  return 1;
}
