/* adler_dot: Adler-32 of 8 MiB and the dot product of its two 4 MiB halves
 * read as little-endian i16 (wrapping u32 sum), SCALE rounds (default 36),
 * each changing one byte first.
 * SIMD Adler-32, 16 bytes per step in blocks of 5552 bytes (zlib's NMAX): the
 * byte sums by i16x8.extadd_pairwise_i8x16_u + i32x4.extadd_pairwise_i16x8_u,
 * the position-weighted sums by wasm_u16x8_extmul_low/high_u8x16 with the
 * weights 16..1 (clang 14 emits i16x8.extend_low/high_i8x16_u + i16x8.mul),
 * and the running s1 kept per lane and folded in at the end of a block.
 * SIMD dot: i32x4.dot_i16x8_s + i32x4.add, 8 pairs per step. Scalar: zlib's
 * byte loop and one product at a time. Adler-32 is exact and the dot product a
 * sum modulo 2^32, so both builds agree. Checksum: each round's two values. */
#include "common.h"

#define LEN (8u << 20)
#define BASE 65521u
#define NMAX 5552u /* largest n with 255n(n+1)/2 + (n+1)(BASE-1) <= 2^32-1; a multiple of 16 */

static NOINLINE uint32_t adler32(const unsigned char *p, size_t len) {
    uint32_t s1 = 1, s2 = 0;
#ifdef __wasm_simd128__
    /* the weight of each byte of a step in s2; clang 14 widens these once,
       outside the loop, and multiplies with i16x8.mul instead of extmul */
    const v128_t weights = wasm_u8x16_const(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    while (len >= 16) {
        size_t n = len < NMAX ? len & ~(size_t)15 : NMAX;
        len -= n;
        v128_t vs1 = wasm_i32x4_splat(0), vprev = vs1, vs2 = vs1;
        for (size_t k = 0; k < n; k += 16, p += 16) {
            v128_t v = wasm_v128_load(p);
            vprev = wasm_i32x4_add(vprev, vs1); /* s1 before this step, summed over steps */
            vs1 = wasm_i32x4_add(vs1, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(v)));
            v128_t weighted =
                wasm_i16x8_add(wasm_u16x8_extmul_low_u8x16(v, weights), wasm_u16x8_extmul_high_u8x16(v, weights));
            vs2 = wasm_i32x4_add(vs2, wasm_u32x4_extadd_pairwise_u16x8(weighted));
        }
        uint32_t sum1 = (uint32_t)wasm_i32x4_extract_lane(vs1, 0) + (uint32_t)wasm_i32x4_extract_lane(vs1, 1) +
                        (uint32_t)wasm_i32x4_extract_lane(vs1, 2) + (uint32_t)wasm_i32x4_extract_lane(vs1, 3);
        uint32_t prev = (uint32_t)wasm_i32x4_extract_lane(vprev, 0) + (uint32_t)wasm_i32x4_extract_lane(vprev, 1) +
                        (uint32_t)wasm_i32x4_extract_lane(vprev, 2) + (uint32_t)wasm_i32x4_extract_lane(vprev, 3);
        uint32_t sum2 = (uint32_t)wasm_i32x4_extract_lane(vs2, 0) + (uint32_t)wasm_i32x4_extract_lane(vs2, 1) +
                        (uint32_t)wasm_i32x4_extract_lane(vs2, 2) + (uint32_t)wasm_i32x4_extract_lane(vs2, 3);
        s2 += s1 * (uint32_t)n + 16 * prev + sum2;
        s1 += sum1;
        s1 %= BASE;
        s2 %= BASE;
    }
#endif
    while (len > 0) {
        size_t n = len < NMAX ? len : NMAX;
        len -= n;
        while (n--) {
            s1 += *p++;
            s2 += s1;
        }
        s1 %= BASE;
        s2 %= BASE;
    }
    return s2 << 16 | s1;
}

static NOINLINE uint32_t dot_i16(const int16_t *a, const int16_t *b, size_t n) {
    uint32_t sum = 0;
    size_t i = 0;
#ifdef __wasm_simd128__
    v128_t acc = wasm_i32x4_splat(0);
    for (; i + 8 <= n; i += 8)
        acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    sum = (uint32_t)wasm_i32x4_extract_lane(acc, 0) + (uint32_t)wasm_i32x4_extract_lane(acc, 1) +
          (uint32_t)wasm_i32x4_extract_lane(acc, 2) + (uint32_t)wasm_i32x4_extract_lane(acc, 3);
#endif
    for (; i < n; i++) sum += (uint32_t)((int32_t)a[i] * b[i]);
    return sum;
}

int main(int argc, char **argv) {
    long rounds = scale_arg(argc, argv, 36);
    unsigned char *data = xmalloc(LEN);
    uint64_t s = 2024;
    for (size_t i = 0; i < LEN; i += 8) {
        uint64_t w = lcg_next(&s);
        w ^= w >> 31;
        memcpy(data + i, &w, 8);
    }
    uint64_t h = FNV_OFFSET;
    for (long r = 0; r < rounds; r++) {
        data[((uint32_t)r * 2654435761u) % LEN] += 1;
        uint32_t adler = adler32(data, LEN);
        uint32_t dot = dot_i16((const int16_t *)data, (const int16_t *)(data + LEN / 2), LEN / 4);
        h = fnv_u64(h, adler);
        h = fnv_u64(h, dot);
    }
    print_checksum("adler_dot", h);
    return 0;
}
