/* mandel_f32: Mandelbrot set in f32, 256x256 pixels, at most 255 iterations
 * per pixel, SCALE frames (default 14), each frame's view shifted a little.
 * SIMD: four horizontally adjacent pixels per f32x4; a lane that has escaped
 * stops counting (i32x4.sub of the f32x4.lt mask) and keeps its x and y
 * (v128.bitselect), and the loop ends when v128.any_true finds no lane left.
 * Scalar: one pixel at a time with the same operations in the same order, so
 * the counts agree. Checksum: row f%256 of each frame's counts (one byte per
 * pixel), then the last frame. */
#include "common.h"

#define W 256
#define H 256
#define MAXIT 255

static NOINLINE void frame(const float *cxs, float y0, float dy, unsigned char *out) {
    for (int i = 0; i < H; i++) {
        float cy = y0 + (float)i * dy;
        unsigned char *row = out + i * W;
#ifdef __wasm_simd128__
        const v128_t four = wasm_f32x4_splat(4.0f);
        const v128_t vcy = wasm_f32x4_splat(cy);
        for (int j = 0; j < W; j += 4) {
            v128_t cx = wasm_v128_load(cxs + j);
            v128_t x = wasm_f32x4_splat(0.0f), y = x, cnt = wasm_i32x4_splat(0);
            for (int it = 0; it < MAXIT; it++) {
                v128_t x2 = wasm_f32x4_mul(x, x);
                v128_t y2 = wasm_f32x4_mul(y, y);
                v128_t live = wasm_f32x4_lt(wasm_f32x4_add(x2, y2), four);
                if (!wasm_v128_any_true(live)) break;
                cnt = wasm_i32x4_sub(cnt, live);
                v128_t t = wasm_f32x4_mul(x, y);
                v128_t ny = wasm_f32x4_add(wasm_f32x4_add(t, t), vcy);
                v128_t nx = wasm_f32x4_add(wasm_f32x4_sub(x2, y2), cx);
                x = wasm_v128_bitselect(nx, x, live);
                y = wasm_v128_bitselect(ny, y, live);
            }
            row[j] = (unsigned char)wasm_i32x4_extract_lane(cnt, 0);
            row[j + 1] = (unsigned char)wasm_i32x4_extract_lane(cnt, 1);
            row[j + 2] = (unsigned char)wasm_i32x4_extract_lane(cnt, 2);
            row[j + 3] = (unsigned char)wasm_i32x4_extract_lane(cnt, 3);
        }
#else
        for (int j = 0; j < W; j++) {
            float cx = cxs[j], x = 0.0f, y = 0.0f;
            int cnt = 0;
            for (int it = 0; it < MAXIT; it++) {
                float x2 = x * x, y2 = y * y;
                if (!(x2 + y2 < 4.0f)) break;
                cnt++;
                float t = x * y;
                y = (t + t) + cy;
                x = (x2 - y2) + cx;
            }
            row[j] = (unsigned char)cnt;
        }
#endif
    }
}

int main(int argc, char **argv) {
    long frames = scale_arg(argc, argv, 14);
    float *cxs = xmalloc(W * sizeof(float));
    unsigned char *out = xmalloc(W * H);
    uint64_t h = FNV_OFFSET;
    for (long f = 0; f < frames; f++) {
        float x0 = -2.0f + (float)(f % 16) * 0.0078125f, dx = 2.5f / W;
        float y0 = -1.25f + (float)(f % 8) * 0.00390625f, dy = 2.5f / H;
        for (int j = 0; j < W; j++) cxs[j] = x0 + (float)j * dx;
        frame(cxs, y0, dy, out);
        h = fnv_words(h, out + (f % H) * W, W);
    }
    h = fnv_words(h, out, W * H);
    print_checksum("mandel_f32", h);
    return 0;
}
