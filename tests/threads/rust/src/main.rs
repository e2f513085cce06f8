//! `threads-sum THREADS WORK`: a deterministic, CPU-bound integer workload
//! split over `THREADS` threads, for testing and benchmarking WebAssembly
//! threads (shared memory, atomics and wasi-threads `thread-spawn`).
//!
//! Structure:
//! - The work is `WORK * CHUNKS_PER_WORK` chunks. Chunk `c` fills a buffer
//!   from an LCG seeded by `c`, scrambles it in place for a few rounds with
//!   data-dependent reads (so it is memory-bound as well as ALU-bound), and
//!   folds it into a 64-bit hash. Each chunk depends only on its index.
//! - Threads take chunk indices from a shared `AtomicUsize` counter until
//!   they run out (dynamic load balancing), count finished chunks in a shared
//!   `AtomicU64`, and sum their chunk hashes locally.
//! - At the end each thread adds its partial sum into a `Mutex<u64>` total.
//!
//! All sums wrap, and wrapping addition is commutative and associative, so
//! the checksum is the same whatever the thread count or the order in which
//! chunks are taken. Output: one line, `checksum <N> items <M>`.

use std::process::exit;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Default `WORK`: about 0.4 s on one thread under wasmtime.
const DEFAULT_WORK: usize = 80;
/// Default thread count.
const DEFAULT_THREADS: usize = 2;
/// Chunks per unit of `WORK` (so even `WORK` = 8 gives 64 chunks).
const CHUNKS_PER_WORK: usize = 8;
/// Words in the per-thread scratch buffer (a power of two: used as a mask).
const CHUNK_WORDS: usize = 16384;
/// Scramble passes over the buffer per chunk.
const ROUNDS: u32 = 32;

/// The hash of chunk `index`, computed in `buf` (the thread's scratch
/// buffer; its previous contents are overwritten).
fn chunk_hash(index: u64, buf: &mut [u32]) -> u64 {
    // 1. Fill the buffer from a 64-bit LCG seeded by the chunk index.
    let mut x = index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    for w in buf.iter_mut() {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *w = (x >> 32) as u32;
    }
    // 2. Scramble: each word is mixed with another word that its own value
    //    selects, so the reads jump around the buffer.
    let mask = buf.len() - 1;
    for round in 0..ROUNDS {
        let rot = (round * 5 + 3) & 31;
        for i in 0..buf.len() {
            let j = buf[i] as usize & mask;
            let v = buf[i] ^ buf[j].rotate_left(rot);
            buf[i] = v.wrapping_mul(0x8510_5A3B).wrapping_add(i as u32);
        }
    }
    // 3. Fold the words into one 64-bit FNV-1a-style hash.
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &w in buf.iter() {
        h = (h ^ u64::from(w)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// One thread's loop: take chunks until none are left, then add the partial
/// sum into the shared total.
fn worker(next: &AtomicUsize, chunks: usize, items: &AtomicU64, total: &Mutex<u64>) {
    let mut buf = vec![0u32; CHUNK_WORDS];
    let mut partial: u64 = 0;
    loop {
        let c = next.fetch_add(1, Ordering::Relaxed);
        if c >= chunks {
            break;
        }
        partial = partial.wrapping_add(chunk_hash(c as u64, &mut buf));
        items.fetch_add(1, Ordering::Relaxed);
    }
    let mut t = total.lock().unwrap();
    *t = t.wrapping_add(partial);
}

/// The positional argument `n` as a positive integer, or `default`.
fn arg(args: &[String], n: usize, name: &str, default: usize) -> usize {
    match args.get(n) {
        None => default,
        Some(s) => match s.parse::<usize>() {
            Ok(v) if v > 0 => v,
            _ => {
                eprintln!("threads-sum: {name} must be a positive integer, got {s:?}");
                eprintln!("usage: threads-sum [THREADS [WORK]]");
                exit(2);
            }
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let threads = arg(&args, 1, "THREADS", DEFAULT_THREADS);
    let work = arg(&args, 2, "WORK", DEFAULT_WORK);
    let chunks = work * CHUNKS_PER_WORK;

    let next = AtomicUsize::new(0); // next chunk index to hand out
    let items = AtomicU64::new(0); // chunks finished, all threads
    let total = Mutex::new(0u64); // sum of all chunk hashes

    // Spawn the workers (each a wasi-threads `thread-spawn`) and join them
    // all at the end of the scope; the main thread only waits.
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| worker(&next, chunks, &items, &total));
        }
    });

    let checksum = *total.lock().unwrap();
    let items = items.load(Ordering::Relaxed);
    if items != chunks as u64 {
        eprintln!("threads-sum: {items} chunks done, expected {chunks}");
        exit(1);
    }
    println!("checksum {checksum} items {items}");
}
