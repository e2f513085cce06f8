/*
 * pthreads [N [K]]: a bounded producer/consumer queue over pthreads, for
 * testing WebAssembly threads (wasi-threads `thread-spawn`, shared memory,
 * atomic wait/notify under the mutex and condition variables).
 *
 * Structure:
 * - One producer thread pushes the items 1..N into a ring buffer of
 *   QUEUE_CAP slots, waiting on `not_full` while the buffer is full.
 * - K consumer threads pop items, waiting on `not_empty` while the buffer
 *   is empty and the producer is not done; each sums mix(item) locally and,
 *   when the queue is drained, adds its sum and count to the shared totals.
 * - The main thread starts all the threads, joins them, checks the totals
 *   against a sequential computation and prints `sum <S> items <N>`.
 *
 * Sums wrap modulo 2^64 and addition commutes, so the output does not depend
 * on which consumer got which item. Defaults: N = 20000, K = 3.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define QUEUE_CAP 16    /* small, so producer and consumers block often */
#define MAX_CONSUMERS 64

/* The queue and the totals, all guarded by `lock`. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static uint32_t queue[QUEUE_CAP];
static unsigned head, count; /* next slot to pop; items in the queue */
static int done;             /* the producer has pushed its last item */
static uint64_t total_sum, total_items;

static uint32_t n_items;

/* A 64-bit integer mix (MurmurHash3's finaliser): the "work" per item. */
static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static void *producer(void *arg) {
    (void)arg;
    for (uint32_t item = 1; item <= n_items; item++) {
        pthread_mutex_lock(&lock);
        while (count == QUEUE_CAP)
            pthread_cond_wait(&not_full, &lock);
        queue[(head + count) % QUEUE_CAP] = item;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    /* Wake every consumer so that each sees `done` once the queue drains. */
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    uint64_t sum = 0, items = 0;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0 && !done)
            pthread_cond_wait(&not_empty, &lock);
        if (count == 0) { /* drained and done */
            pthread_mutex_unlock(&lock);
            break;
        }
        uint32_t item = queue[head];
        head = (head + 1) % QUEUE_CAP;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);

        sum += mix(item); /* outside the lock */
        items++;
    }
    pthread_mutex_lock(&lock);
    total_sum += sum;
    total_items += items;
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* argv[i] as an integer in [1, max], or `dflt` when absent; exits on junk. */
static unsigned long arg(int argc, char **argv, int i, unsigned long dflt,
                         unsigned long max) {
    if (i >= argc)
        return dflt;
    char *end;
    unsigned long v = strtoul(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || v == 0 || v > max) {
        fprintf(stderr, "pthreads: bad argument '%s' (want 1..%lu)\n"
                        "usage: pthreads [N [K]]\n", argv[i], max);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    n_items = (uint32_t)arg(argc, argv, 1, 20000, 100000000);
    unsigned k = (unsigned)arg(argc, argv, 2, 3, MAX_CONSUMERS);

    pthread_t prod, cons[MAX_CONSUMERS];
    for (unsigned i = 0; i < k; i++)
        if (pthread_create(&cons[i], NULL, consumer, NULL) != 0) {
            fprintf(stderr, "pthreads: pthread_create failed\n");
            return 1;
        }
    if (pthread_create(&prod, NULL, producer, NULL) != 0) {
        fprintf(stderr, "pthreads: pthread_create failed\n");
        return 1;
    }
    pthread_join(prod, NULL);
    for (unsigned i = 0; i < k; i++)
        pthread_join(cons[i], NULL);

    /* The threads are joined: the totals can be read without the lock. */
    uint64_t expect = 0;
    for (uint32_t item = 1; item <= n_items; item++)
        expect += mix(item);
    printf("sum %llu items %llu\n", (unsigned long long)total_sum,
           (unsigned long long)total_items);
    if (total_sum != expect || total_items != n_items) {
        fprintf(stderr, "pthreads: wrong totals (expected sum %llu items %lu)\n",
                (unsigned long long)expect, (unsigned long)n_items);
        return 1;
    }
    return 0;
}
