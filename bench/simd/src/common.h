/* Shared helpers of the bench/simd programs: the scale argument, the checksum
 * and the one output line. Plain C only; every build uses the same code.
 *
 * The checksum is FNV-1a 64 taken over 64-bit little-endian words (h ^= word;
 * h *= prime), so hashing megabytes of output costs a small part of a run
 * under an interpreter; a tail shorter than 8 bytes is zero-padded. */
#ifndef SIMD_BENCH_COMMON_H
#define SIMD_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define NOINLINE __attribute__((noinline))

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t fnv_u64(uint64_t h, uint64_t w) { return (h ^ w) * FNV_PRIME; }

static NOINLINE __attribute__((unused)) uint64_t fnv_words(uint64_t h, const void *data, size_t n) {
    const unsigned char *p = data;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * FNV_PRIME;
    }
    if (i < n) {
        uint64_t w = 0;
        for (size_t k = 0; i + k < n; k++) w |= (uint64_t)p[i + k] << (8 * k);
        h = (h ^ w) * FNV_PRIME;
    }
    return h;
}

/* 64-bit LCG (Knuth's MMIX constants); callers use the high bits. */
static inline uint64_t lcg_next(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s;
}

/* argv[1] as a positive decimal number, else `dflt`. */
static long scale_arg(int argc, char **argv, long dflt) {
    if (argc < 2) return dflt;
    long v = 0;
    for (const char *p = argv[1]; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0');
    return v > 0 ? v : dflt;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) {
        static const char msg[] = "out of memory\n";
        write(2, msg, sizeof msg - 1);
        exit(1);
    }
    memset(p, 0, n);
    return p;
}

/* Prints "NAME checksum=0x%016llx\n" without stdio (keeps the modules small). */
static void print_checksum(const char *name, uint64_t h) {
    static const char hex[] = "0123456789abcdef";
    static const char mid[] = " checksum=0x";
    char buf[96];
    size_t n = 0;
    while (*name && n < 64) buf[n++] = *name++;
    for (const char *s = mid; *s; s++) buf[n++] = *s;
    for (int i = 15; i >= 0; i--) buf[n++] = hex[(h >> (4 * i)) & 15];
    buf[n++] = '\n';
    write(1, buf, n);
}

#endif
