/* matmul_f32: C = A x B for 192x192 f32 matrices, SCALE rounds (default 40).
 * Round r first adds 0.5 to one element of A, then recomputes C.
 * SIMD: a row of C is built in strips of 16 columns (four f32x4 accumulators)
 * from f32x4.splat(A[i][k]) * B[k][j..j+15], k ascending. Scalar: the dot
 * product of row i and column j, k ascending. Each C[i][j] is the same sum of
 * the same products in the same order, so both give the same bits.
 * Checksum: row r%192 of C after each round, then all of C. */
#include "common.h"

#define N 192

static NOINLINE void matmul(const float *a, const float *b, float *c) {
#ifdef __wasm_simd128__
    for (int i = 0; i < N; i++) {
        const float *ai = a + i * N;
        for (int j = 0; j < N; j += 16) {
            v128_t c0 = wasm_f32x4_splat(0.0f), c1 = c0, c2 = c0, c3 = c0;
            const float *bk = b + j;
            for (int k = 0; k < N; k++, bk += N) {
                v128_t s = wasm_f32x4_splat(ai[k]);
                c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(s, wasm_v128_load(bk)));
                c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(s, wasm_v128_load(bk + 4)));
                c2 = wasm_f32x4_add(c2, wasm_f32x4_mul(s, wasm_v128_load(bk + 8)));
                c3 = wasm_f32x4_add(c3, wasm_f32x4_mul(s, wasm_v128_load(bk + 12)));
            }
            float *cij = c + i * N + j;
            wasm_v128_store(cij, c0);
            wasm_v128_store(cij + 4, c1);
            wasm_v128_store(cij + 8, c2);
            wasm_v128_store(cij + 12, c3);
        }
    }
#else
    for (int i = 0; i < N; i++) {
        const float *ai = a + i * N;
        for (int j = 0; j < N; j++) {
            float sum = 0.0f;
            const float *bkj = b + j;
            for (int k = 0; k < N; k++, bkj += N) sum += ai[k] * *bkj;
            c[i * N + j] = sum;
        }
    }
#endif
}

int main(int argc, char **argv) {
    long rounds = scale_arg(argc, argv, 40);
    float *a = xmalloc(N * N * sizeof(float));
    float *b = xmalloc(N * N * sizeof(float));
    float *c = xmalloc(N * N * sizeof(float));
    uint64_t s = 42;
    for (int i = 0; i < N * N; i++) a[i] = (float)(int32_t)(lcg_next(&s) >> 40) * (1.0f / 8388608.0f);
    for (int i = 0; i < N * N; i++) b[i] = (float)(int32_t)(lcg_next(&s) >> 40) * (1.0f / 8388608.0f) - 1.0f;

    uint64_t h = FNV_OFFSET;
    for (long r = 0; r < rounds; r++) {
        a[(r * 7919) % (N * N)] += 0.5f;
        matmul(a, b, c);
        h = fnv_words(h, c + (r % N) * N, N * sizeof(float));
    }
    h = fnv_words(h, c, N * N * sizeof(float));
    print_checksum("matmul_f32", h);
    return 0;
}
