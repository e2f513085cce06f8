/* scan_u8: memchr-style scans of 16 MiB of generated text, SCALE passes
 * (default 6). Each pass changes one byte of the text, then counts lines
 * ('\n') and lowercase letters in one sweep and lists the positions of one
 * byte (a different rare byte each pass) in a second sweep. The text is 1 MiB
 * of random picks from a 64-letter alphabet and 15 rotations of it.
 * SIMD: 16 bytes per step; lines by i8x16.eq + bitmask + popcnt, lowercase by
 * an i8x16.gt_u range test whose mask (v128.and 1) is summed in byte lanes and
 * widened with extadd_pairwise every 255 steps; positions by eq + bitmask and
 * the set bits of the mask. Scalar: one byte at a time.
 * Checksum: per pass the two counts, the number of positions and all
 * positions (u32 each). */
#include "common.h"

#define LEN (16u << 20)
#define BLOCK (1u << 20)

static const char alphabet[65] =
    "etaoinshrdlucmfwypvbgkjqxzetaoinshrdlu"   /* 38 lowercase */
    "          \n\n"                            /* 10 spaces, 2 newlines */
    "THEAS0123.,;-#";                            /* 14 rare bytes */

static NOINLINE void count(const unsigned char *p, size_t n, uint32_t *lines, uint32_t *lower) {
    uint32_t nl = 0, lc = 0;
    size_t i = 0;
#ifdef __wasm_simd128__
    const v128_t newline = wasm_i8x16_splat('\n');
    const v128_t a = wasm_i8x16_splat('a');
    const v128_t span = wasm_i8x16_splat(26);
    const v128_t one = wasm_i8x16_splat(1);
    v128_t acc32 = wasm_i32x4_splat(0);
    while (i + 16 <= n) {
        size_t steps = (n - i) / 16;
        if (steps > 255) steps = 255;
        v128_t acc8 = wasm_i8x16_splat(0);
        for (size_t k = 0; k < steps; k++, i += 16) {
            v128_t v = wasm_v128_load(p + i);
            nl += (uint32_t)__builtin_popcount(wasm_i8x16_bitmask(wasm_i8x16_eq(v, newline)));
            v128_t is_lower = wasm_u8x16_gt(span, wasm_i8x16_sub(v, a));
            acc8 = wasm_i8x16_add(acc8, wasm_v128_and(is_lower, one));
        }
        acc32 = wasm_i32x4_add(acc32, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(acc8)));
    }
    lc = (uint32_t)wasm_i32x4_extract_lane(acc32, 0) + (uint32_t)wasm_i32x4_extract_lane(acc32, 1) +
         (uint32_t)wasm_i32x4_extract_lane(acc32, 2) + (uint32_t)wasm_i32x4_extract_lane(acc32, 3);
#endif
    for (; i < n; i++) {
        unsigned char c = p[i];
        nl += c == '\n';
        lc += (unsigned char)(c - 'a') < 26;
    }
    *lines = nl;
    *lower = lc;
}

/* Writes the positions of byte c in p[0..n) to out; returns how many. */
static NOINLINE size_t positions(const unsigned char *p, size_t n, unsigned char c, uint32_t *out) {
    size_t found = 0, i = 0;
#ifdef __wasm_simd128__
    const v128_t needle = wasm_i8x16_splat((char)c);
    for (; i + 16 <= n; i += 16) {
        uint32_t m = (uint32_t)wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p + i), needle));
        while (m) {
            out[found++] = (uint32_t)i + (uint32_t)__builtin_ctz(m);
            m &= m - 1;
        }
    }
#endif
    for (; i < n; i++)
        if (p[i] == c) out[found++] = (uint32_t)i;
    return found;
}

int main(int argc, char **argv) {
    long passes = scale_arg(argc, argv, 6);
    unsigned char *text = xmalloc(LEN);
    uint32_t *pos = xmalloc(LEN / 8 * sizeof(uint32_t)); /* a rare byte occurs about LEN/64 times */
    /* 1 MiB of random picks from `alphabet`, then 15 rotated copies of it */
    uint64_t s = 7;
    for (size_t i = 0; i < BLOCK; i += 8) {
        uint64_t w = lcg_next(&s) >> 16; /* 48 good bits: eight 6-bit picks */
        for (int k = 0; k < 8; k++, w >>= 6) text[i + k] = (unsigned char)alphabet[w & 63];
    }
    for (size_t b = 1; b < LEN / BLOCK; b++) {
        size_t rot = (lcg_next(&s) >> 40) % BLOCK;
        memcpy(text + b * BLOCK, text + rot, BLOCK - rot);
        memcpy(text + b * BLOCK + (BLOCK - rot), text, rot);
    }
    uint64_t h = FNV_OFFSET;
    for (long r = 0; r < passes; r++) {
        text[((uint32_t)r * 2654435761u) % LEN] = (unsigned char)alphabet[r % 64];
        uint32_t lines, lower;
        count(text, LEN, &lines, &lower);
        size_t n = positions(text, LEN, (unsigned char)alphabet[50 + r % 14], pos);
        h = fnv_u64(h, lines);
        h = fnv_u64(h, lower);
        h = fnv_u64(h, n);
        h = fnv_words(h, pos, n * sizeof(uint32_t));
    }
    print_checksum("scan_u8", h);
    return 0;
}
