/*
 * A stand-in <pthread.h> for building pthreads.c against the wasm32-wasi
 * headers of Debian's wasi-libc package, which are the single-threaded
 * variant and so leave pthread.h out. The library that gets linked is the
 * threaded wasi-libc shipped with Rust's wasm32-wasip1-threads target; the
 * pthread types come from the sysroot's <bits/alltypes.h>, which has musl's
 * layouts (the same as that library's).
 *
 * Only what pthreads.c uses is declared here. build.sh puts this directory
 * on the include path; a build against a threads-enabled sysroot (e.g.
 * wasi-sdk's, which has a real pthread.h) should leave it out.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#define __NEED_pthread_t
#define __NEED_pthread_attr_t
#define __NEED_pthread_mutex_t
#define __NEED_pthread_mutexattr_t
#define __NEED_pthread_cond_t
#define __NEED_pthread_condattr_t
#include <bits/alltypes.h>

#define PTHREAD_MUTEX_INITIALIZER {{{0}}}
#define PTHREAD_COND_INITIALIZER {{{0}}}

int pthread_create(pthread_t *__restrict, const pthread_attr_t *__restrict,
                   void *(*)(void *), void *__restrict);
int pthread_join(pthread_t, void **);

int pthread_mutex_lock(pthread_mutex_t *);
int pthread_mutex_unlock(pthread_mutex_t *);

int pthread_cond_wait(pthread_cond_t *__restrict, pthread_mutex_t *__restrict);
int pthread_cond_signal(pthread_cond_t *);
int pthread_cond_broadcast(pthread_cond_t *);

#endif
