/* blur_u8: separable [1 2 1] blur of a 1024x1024 8-bit grey image, SCALE
 * rounds (default 80), each changing one pixel of the source first.
 * Horizontal pass: (l + 2m + r + 2) >> 2 with the edge pixels repeated.
 * Vertical pass: avgr(avgr(up, down), mid), avgr(a, b) = (a + b + 1) >> 1 (the
 * codec-style approximation of the same filter), edge rows repeated.
 * SIMD: 16 pixels per step; the horizontal pass widens to u16 lanes
 * (i16x8.extend_low/high_i8x16_u, add, shl, shr_u) and narrows back
 * (i8x16.narrow_i16x8_u); the vertical pass is two i8x16.avgr_u. Scalar: one
 * pixel at a time, the same formulas. Checksum: row r%1024 of each round's
 * result, then the last result. */
#include "common.h"

#define W 1024
#define H 1024
#define STRIDE (W + 32) /* 16 bytes of margin on each side; the edge pixel is copied into the one next to it */

static NOINLINE void blur_h(const unsigned char *src, unsigned char *dst) {
    for (int y = 0; y < H; y++) {
        const unsigned char *s = src + y * STRIDE + 16;
        unsigned char *d = dst + y * W;
#ifdef __wasm_simd128__
        const v128_t two = wasm_i16x8_splat(2);
        for (int x = 0; x < W; x += 16) {
            v128_t l = wasm_v128_load(s + x - 1), m = wasm_v128_load(s + x), r = wasm_v128_load(s + x + 1);
            v128_t lo = wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(l), wasm_u16x8_extend_low_u8x16(r));
            v128_t hi = wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(l), wasm_u16x8_extend_high_u8x16(r));
            lo = wasm_i16x8_add(lo, wasm_i16x8_add(wasm_i16x8_shl(wasm_u16x8_extend_low_u8x16(m), 1), two));
            hi = wasm_i16x8_add(hi, wasm_i16x8_add(wasm_i16x8_shl(wasm_u16x8_extend_high_u8x16(m), 1), two));
            wasm_v128_store(d + x, wasm_u8x16_narrow_i16x8(wasm_u16x8_shr(lo, 2), wasm_u16x8_shr(hi, 2)));
        }
#else
        for (int x = 0; x < W; x++) d[x] = (unsigned char)((s[x - 1] + 2 * s[x] + s[x + 1] + 2) >> 2);
#endif
    }
}

static NOINLINE void blur_v(const unsigned char *src, unsigned char *dst) {
    for (int y = 0; y < H; y++) {
        const unsigned char *up = src + (y > 0 ? y - 1 : 0) * W;
        const unsigned char *mid = src + y * W;
        const unsigned char *down = src + (y < H - 1 ? y + 1 : H - 1) * W;
        unsigned char *d = dst + y * W;
#ifdef __wasm_simd128__
        for (int x = 0; x < W; x += 16) {
            v128_t t = wasm_u8x16_avgr(wasm_v128_load(up + x), wasm_v128_load(down + x));
            wasm_v128_store(d + x, wasm_u8x16_avgr(t, wasm_v128_load(mid + x)));
        }
#else
        for (int x = 0; x < W; x++) {
            unsigned t = (up[x] + down[x] + 1u) >> 1;
            d[x] = (unsigned char)((t + mid[x] + 1u) >> 1);
        }
#endif
    }
}

int main(int argc, char **argv) {
    long rounds = scale_arg(argc, argv, 80);
    unsigned char *src = xmalloc(STRIDE * H);
    unsigned char *tmp = xmalloc(W * H);
    unsigned char *dst = xmalloc(W * H);
    uint64_t s = 1234;
    for (int y = 0; y < H; y++) {
        unsigned char *row = src + y * STRIDE + 16;
        for (int x = 0; x < W; x += 8) {
            uint64_t noise = lcg_next(&s) >> 8;
            for (int k = 0; k < 8; k++, noise >>= 6) /* gradients and rings plus noise */
                row[x + k] = (unsigned char)(((x + k) ^ y) + ((x + k) * y >> 7) + (noise & 63));
        }
        row[-1] = row[0];
        row[W] = row[W - 1];
    }
    uint64_t h = FNV_OFFSET;
    for (long r = 0; r < rounds; r++) {
        uint32_t p = ((uint32_t)r * 2654435761u) % (W * H);
        src[(p / W) * STRIDE + 16 + p % W] ^= 0x5a;
        for (int y = 0; y < H; y++) { /* keep the edge copies in step */
            unsigned char *row = src + y * STRIDE + 16;
            row[-1] = row[0];
            row[W] = row[W - 1];
        }
        blur_h(src, tmp);
        blur_v(tmp, dst);
        h = fnv_words(h, dst + (r % H) * W, W);
    }
    h = fnv_words(h, dst, W * H);
    print_checksum("blur_u8", h);
    return 0;
}
