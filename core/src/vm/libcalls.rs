//! The runtime's out-of-line operations, as running code calls them: what
//! needs the whole store (growth, bulk copies, segment drops, a larger frame
//! stack). The runtime fills one static table of function pointers
//! (`runtime/libcalls.rs`) and the VM context points at it, so the tiers
//! call them without knowing the store's types, and compiled code can call
//! them through the context like the interpreter does.
//!
//! Indices are store indices (of a memory, a table, an instance) or, for
//! segments, the instance's own index; lengths and addresses are as the
//! Wasm operands give them. A failing bulk operation returns its trap.

use super::{StoreOpaque, VmContext};
use crate::runtime::Ask;
use crate::trap::TrapCode;

/// A bulk operation's outcome: done, or the trap it raises.
pub(crate) type BulkResult = Result<(), TrapCode>;

/// A growth's outcome: the old size, `None` when refused, or the trap a
/// failing resource limiter raises.
pub(crate) type GrowResult = Result<Option<u64>, TrapCode>;

/// A wait's or notify's outcome: its result, or the trap it raises.
pub(crate) type AtomicResult = Result<u32, TrapCode>;

/// The out-of-line operations (see the module documentation).
#[derive(Debug)]
#[repr(C)]
pub(crate) struct Libcalls {
    /// `memory.grow` of memory `memory` by `delta` pages, asking the
    /// store's resource limiter through `limiter` (the context's): the old
    /// size in pages, `None` when refused, or the trap when the limiter
    /// failed. Updates the memory's view.
    pub memory_grow: unsafe fn(
        store: *mut StoreOpaque,
        limiter: *mut Ask<'static>,
        memory: u32,
        delta: u64,
    ) -> GrowResult,
    /// `memory.fill` of memory `memory`: `n` bytes at `dst` set to `value`.
    pub memory_fill:
        unsafe fn(store: *mut StoreOpaque, memory: u32, dst: u64, value: u8, n: u64) -> BulkResult,
    /// `memory.copy` from memory `src_memory` to memory `dst_memory` (store
    /// indices; within one memory, overlap copies as if buffered).
    pub memory_copy: unsafe fn(
        store: *mut StoreOpaque,
        dst_memory: u32,
        src_memory: u32,
        dst: u64,
        src: u64,
        n: u64,
    ) -> BulkResult,
    /// `memory.init` of memory `memory` from data segment `data` of
    /// instance `instance`.
    pub memory_init: unsafe fn(
        store: *mut StoreOpaque,
        instance: u32,
        memory: u32,
        data: u32,
        dst: u64,
        src: u64,
        n: u64,
    ) -> BulkResult,
    /// Brings the views of the store's shared memories up to date, after
    /// an access past the end of the memory at `base` (another thread may
    /// have grown it): that memory's current length, or 0 when no shared
    /// memory is at `base`.
    pub shared_memory_len: unsafe fn(store: *mut StoreOpaque, base: *mut u8) -> usize,
    /// `memory.atomic.wait32` (`wide`: `wait64`) on memory `memory` at
    /// `address` (in bounds and aligned) for `expected`, at most `timeout`
    /// nanoseconds (negative: no limit): 0 when woken, 1 when the value
    /// differs, 2 on timeout; the trap when the memory is not shared or the
    /// store was interrupted meanwhile.
    pub atomic_wait: unsafe fn(
        vm: *mut VmContext,
        memory: u32,
        address: u64,
        expected: u64,
        wide: bool,
        timeout: i64,
    ) -> AtomicResult,
    /// `memory.atomic.notify` on memory `memory` at `address` (in bounds
    /// and aligned): the number of threads woken, at most `count` (0 for a
    /// memory that is not shared).
    pub atomic_notify:
        unsafe fn(store: *mut StoreOpaque, memory: u32, address: u64, count: u32) -> AtomicResult,
    /// `data.drop` of data segment `data` of instance `instance`.
    pub data_drop: unsafe fn(store: *mut StoreOpaque, instance: u32, data: u32),
    /// `table.grow` of table `table` by `delta` elements set to `init`, as
    /// `memory_grow` asks the limiter: the old size, `None` when refused, or
    /// the trap. Updates the table's view.
    pub table_grow: unsafe fn(
        store: *mut StoreOpaque,
        limiter: *mut Ask<'static>,
        table: u32,
        delta: u64,
        init: u64,
    ) -> GrowResult,
    /// `table.fill` of table `table`.
    pub table_fill:
        unsafe fn(store: *mut StoreOpaque, table: u32, dst: u64, value: u64, n: u64) -> BulkResult,
    /// `table.copy` from table `src_table` to table `dst_table` (possibly
    /// the same).
    pub table_copy: unsafe fn(
        store: *mut StoreOpaque,
        dst_table: u32,
        src_table: u32,
        dst: u64,
        src: u64,
        n: u64,
    ) -> BulkResult,
    /// `table.init` of table `table` from element segment `elem` of
    /// instance `instance`.
    pub table_init: unsafe fn(
        store: *mut StoreOpaque,
        instance: u32,
        table: u32,
        elem: u32,
        dst: u64,
        src: u64,
        n: u64,
    ) -> BulkResult,
    /// `elem.drop` of element segment `elem` of instance `instance`.
    pub elem_drop: unsafe fn(store: *mut StoreOpaque, instance: u32, elem: u32),
    /// Performs the GC instruction ([`Format::Gc`](crate::ir::Format::Gc))
    /// at `pc` of the running function, whose frame is at `fp`: its trap,
    /// if it raises one.
    pub gc: unsafe fn(vm: *mut VmContext, fp: *mut u64, pc: u32) -> Result<(), TrapCode>,
    /// Whether engine type `actual` is `expected` or declares it as a
    /// (transitive) supertype: `call_indirect` to a type that is not final.
    pub type_matches: unsafe fn(store: *mut StoreOpaque, actual: u32, expected: u32) -> bool,
    /// Makes room for at least `more` frames past those in use on the
    /// frame stack, updating the context's frame pointer and capacity.
    pub grow_frames: unsafe fn(vm: *mut VmContext, more: usize),
    /// Tier-up: compiles store function `func`, which got hot in the
    /// interpreter, and points its record at the compiled code (and its
    /// interpreter code at words that leave for it). False when it stays
    /// interpreted (its count is then never exhausted again).
    #[cfg(wisp_jit)]
    pub tier_up: unsafe fn(vm: *mut VmContext, func: u32) -> bool,
}
