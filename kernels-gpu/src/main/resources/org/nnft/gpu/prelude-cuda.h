/* nnft portable kernel dialect: CUDA C++ prelude (see engine-api/DIALECT.md). Compile with --fmad=false. */
#define KERNEL extern "C" __global__
#define DEVICE __device__ static inline
#define GLOBAL
#define LOCAL __shared__

#define GID ((i64) blockIdx.x * (i64) blockDim.x + (i64) threadIdx.x)
#define LID ((int) threadIdx.x)
#define GROUP_ID ((int) blockIdx.x)
#define GROUP_SIZE ((int) blockDim.x)
#define BARRIER() __syncthreads()

typedef int i32;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;

/* 64-bit integer constants. */
#define I64C(x) x##LL
#define U64C(x) x##ULL

#define AS_LONG(d) __double_as_longlong(d)
#define AS_DOUBLE(l) __longlong_as_double(l)
#define AS_UINT(f) __float_as_uint(f)
#define AS_FLOAT(u) __uint_as_float(u)
