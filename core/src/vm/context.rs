//! The VM context and the views it is made of.

use super::{Frame, Libcalls};
use crate::ir::CompiledFunc;
use core::sync::atomic::{AtomicBool, AtomicU64};

/// The store as the tiers see it: only a pointer, handed to the runtime's
/// out-of-line operations (growth, bulk operations) that need the whole of
/// it. Never dereferenced by the tiers themselves.
pub(crate) enum StoreOpaque {}

/// The base and length of a linear memory, as running code uses them.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(crate) struct MemoryView {
    /// First byte of the memory (dangling but non-null when empty).
    pub base: *mut u8,
    /// Length in bytes.
    pub len: usize,
}

impl MemoryView {
    /// A memory of no bytes (an instance without memory).
    pub(crate) fn empty() -> Self {
        Self {
            base: core::ptr::NonNull::dangling().as_ptr(),
            len: 0,
        }
    }
}

/// The elements of a table (slot encoding), as running code uses them.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(crate) struct TableView {
    /// First element (dangling but non-null when empty).
    pub base: *mut u64,
    /// Length in elements.
    pub len: usize,
}

// SAFETY: a view points into the buffer of a memory or table that the same
// store owns (and that is `Send + Sync`); it is dereferenced only by running
// code and the runtime's libcalls, which hold the store exclusively.
unsafe impl Send for MemoryView {}
// SAFETY: as above.
unsafe impl Sync for MemoryView {}
// SAFETY: as for `MemoryView`.
unsafe impl Send for TableView {}
// SAFETY: as above.
unsafe impl Sync for TableView {}

/// One store function as the tiers call it.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(crate) struct VmFunc {
    /// The function's IR; null for a host function.
    pub compiled: *const CompiledFunc,
    /// The interpreter's code for it (its threaded words); null for a host
    /// function.
    pub code: *const u8,
    /// Store index of the instance it belongs to (unused for a host function).
    pub instance: u32,
    /// Engine-wide signature id, compared by `call_indirect`.
    pub type_id: u32,
    /// The function's compiled code, or null where it is interpreted.
    #[cfg(wisp_jit)]
    pub jit: *const crate::jit::FuncCode,
    /// Tier-up counts left ([`Op::CountHot`](crate::ir::Op::CountHot):
    /// calls and loop iterations) before the interpreter has the function
    /// compiled.
    #[cfg(wisp_jit)]
    pub hotness: i32,
}

// SAFETY: the pointers point into a module's translated code, which is
// immutable after translation and kept alive (behind an `Arc`) by the
// store's function entity next to this record; sharing or sending them is
// sharing or sending a `&CompiledFunc`, which is `Send + Sync`.
unsafe impl Send for VmFunc {}
// SAFETY: as above.
unsafe impl Sync for VmFunc {}

/// An instance's index spaces, as pointers to its arrays of store indices
/// (and engine type ids). The arrays never change length after
/// instantiation, so the pointers stay valid as long as the instance exists.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(crate) struct InstanceView {
    /// Store index of each function index.
    pub funcs: *const u32,
    /// Store index of each global index.
    pub globals: *const u32,
    /// Store index of each table index.
    pub tables: *const u32,
    /// Store index of each memory index.
    pub memories: *const u32,
    /// Engine signature id of each type index.
    pub type_ids: *const u32,
    /// Store index of memory 0, or `u32::MAX` for an instance without memory.
    pub memory0: u32,
}

// SAFETY: the pointers point into vectors the instance entity owns and never
// resizes; the view is only dereferenced by code that holds the store.
unsafe impl Send for InstanceView {}
// SAFETY: as above.
unsafe impl Sync for InstanceView {}

/// What running code reaches the store through, set up by the runtime at
/// each entry into Wasm and valid until it returns: the running instance,
/// the store's functions, globals, memories, tables and instances, the
/// value and frame stacks, fuel, the interrupt flag and the runtime's
/// out-of-line operations. Pointers into the store's vectors are taken
/// without forming references to their contents (`Vec::as_mut_ptr`), so
/// they stay valid while those operations borrow the store; the views they
/// point at are kept current by the runtime whenever a memory or table
/// grows. The store's vectors of entities do not grow while Wasm runs
/// (a host call ends the run and the next one builds a new context).
#[derive(Debug)]
#[repr(C)]
pub(crate) struct VmContext {
    /// Memory 0 of the running instance (refreshed after growth and when the
    /// running instance changes).
    pub memory0: MemoryView,
    /// The running instance's index spaces.
    pub instance: InstanceView,
    /// Store index of the running instance.
    pub instance_id: u32,
    /// Store index of the running function.
    pub func: u32,
    /// The store's functions, indexed by store function index (written
    /// only by tier-up, which replaces an interpreted function's code).
    pub funcs: *mut VmFunc,
    /// The store's global cells, indexed by store global index: a value's
    /// slot encoding in the first word, a `v128` in both (low half first).
    pub globals: *mut [u64; 2],
    /// Base and length of each of the store's memories, by store index.
    pub memories: *const MemoryView,
    /// Base and length of each of the store's tables, by store index.
    pub tables: *const TableView,
    /// The index spaces of each of the store's instances, by store index.
    pub instances: *const InstanceView,
    /// Slot 0 of the value stack.
    pub stack: *mut u64,
    /// One past the last slot of the value stack: a frame must end at or
    /// below it.
    pub stack_end: *mut u64,
    /// The frame stack of suspended callers: its first element, length and
    /// capacity (the store's vector, taken apart for the run and put back
    /// together when it ends).
    pub frames: *mut Frame,
    /// Frames in use.
    pub frames_len: usize,
    /// Frames allocated.
    pub frames_capacity: usize,
    /// The most frames the frame stack may hold (call depth).
    pub max_depth: usize,
    /// Frame-stack length at which the function entered from the host
    /// returns to it.
    pub entry_depth: usize,
    /// Fuel left (copied back to the store when the run ends).
    pub fuel: u64,
    /// Set from another thread to stop running Wasm.
    pub interrupt: *const AtomicBool,
    /// The engine's epoch counter.
    pub epoch: *const AtomicU64,
    /// The store's epoch deadline: code traps at a check once the epoch
    /// has reached it.
    pub epoch_deadline: u64,
    /// How growth asks the store's resource limiter during this run (a
    /// closure on the stack of the call that started the run, which
    /// outlives the context; the lifetime is erased).
    pub limiter: *mut crate::runtime::Ask<'static>,
    /// The runtime's out-of-line operations.
    pub libcalls: &'static Libcalls,
    /// The whole store, for the out-of-line operations.
    pub store: *mut StoreOpaque,
    /// The store's GC heap (refreshed by every allocation, which may move
    /// it).
    pub gc_heap: MemoryView,
}
