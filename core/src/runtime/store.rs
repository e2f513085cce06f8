//! The store: owner of every runtime entity and of the host state `T`.

use super::Func;
use super::caller::Caller;
use super::limits::{Ask, Growth, Limiter, LimiterFn};
use super::memory::{self, OwnedMemory};
use super::{Engine, FuncEntity, InstanceEntity, MemoryEntity, SharedMemory, TableEntity};
use crate::error::Error;
use crate::trap::Trap;
use crate::types::{HeapType, ValType};
use crate::value::{ExternRef, Val};
use crate::vm::{Frame, InstanceView, MemoryView, TableView, VmFunc};
use alloc::boxed::Box;
use alloc::{sync::Arc, vec::Vec};
use core::any::Any;
use core::sync::atomic::{AtomicBool, Ordering};

/// A host function as the store keeps it.
pub(crate) type HostFn<T> =
    Arc<dyn Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync>;

/// The part of a store that does not depend on the host state type.
pub(crate) struct StoreInner {
    /// This store's identity, carried by every handle it makes.
    pub id: super::StoreId,
    pub engine: Engine,
    pub funcs: Vec<FuncEntity>,
    /// Each function as running code calls it (same indices as `funcs`;
    /// both grow only through [`push_func`](Self::push_func)).
    pub vm_funcs: Vec<VmFunc>,
    pub memories: Vec<MemoryEntity>,
    pub tables: Vec<TableEntity>,
    /// Each memory's, table's and instance's view for running code (same
    /// indices as `memories`, `tables`, `instances`; kept current by
    /// [`push_memory`](Self::push_memory), [`grow_memory`](Self::grow_memory),
    /// [`push_table`](Self::push_table), [`grow_table`](Self::grow_table)
    /// and [`push_instance`](Self::push_instance), the only ways they change).
    pub memory_views: Vec<MemoryView>,
    pub table_views: Vec<TableView>,
    pub instance_views: Vec<InstanceView>,
    /// Each global's type and, at the same index, its value in slot
    /// encoding (the cells running code reads and writes through the VM
    /// context: the first word, or both for a `v128`); both grow only
    /// through [`push_global`](Self::push_global).
    pub global_types: Vec<crate::GlobalType>,
    pub global_values: Vec<[u64; 2]>,
    pub instances: Vec<InstanceEntity>,
    /// The value stack shared by all frames; allocated on first call.
    pub stack: Vec<u64>,
    /// Suspended frames of active calls.
    pub frames: Vec<Frame>,
    /// First free slot of the value stack for a new call from the host.
    pub stack_top: usize,
    /// Native stack address of the outermost call into Wasm while one is
    /// running (0 otherwise): nested calls from host functions are bounded
    /// by `Config::max_native_stack` from here.
    pub native_stack_base: usize,
    /// Fuel left, when the engine meters fuel.
    pub fuel: u64,
    /// Set to stop running Wasm (see [`InterruptHandle`]).
    pub interrupt: Arc<AtomicBool>,
    /// The epoch at which running Wasm traps (see
    /// [`Config::epoch_interruption`](crate::Config::epoch_interruption)).
    pub epoch_deadline: u64,
    /// The most bytes all linear memories of the store may hold together.
    pub memory_limit: Option<u64>,
    /// The error of a resource limiter that refused a growth by failing,
    /// for the trap the running code reports (a libcall can return only a
    /// trap code).
    pub pending_error: Option<Error>,
    /// Where memories and tables get their storage (the global allocator
    /// when `None`).
    pub memory_hooks: Option<Arc<dyn crate::MemoryHooks>>,
    /// The host data behind each `externref` made in this store (kept as
    /// long as the store).
    pub externs: Vec<Box<dyn Any + Send + Sync>>,
    /// Each tag's type (its payload as parameters), by store tag index.
    pub tags: Vec<super::exception::TagEntity>,
    /// Exception objects, by store index (an `exnref` is one plus one),
    /// and the indices of freed ones, reused first.
    pub exceptions: Vec<super::exception::ExceptionObject>,
    #[cfg_attr(not(feature = "exceptions"), allow(dead_code))]
    pub free_exceptions: Vec<u32>,
    /// The GC heap (structs and arrays).
    pub heap: crate::gc::heap::Heap,
    /// References the host holds (rooted handles), by root index. Behind a
    /// lock so that reading a value (`Global::get`, `Table::get`), which
    /// borrows the store shared, can root what it reads.
    pub gc_roots: spin::Mutex<Vec<u64>>,
    /// The roots of the last collection (kept for its allocation).
    pub gc_scratch: Vec<u64>,
    /// The frame of each Wasm caller of a host function that is running
    /// (innermost last), which no frame stack holds meanwhile.
    pub host_resumes: Vec<Frame>,
    /// The compiled code of the store's modules (`Strategy::Jit`).
    #[cfg(wisp_jit)]
    pub jit: super::store_jit::StoreJit,
}

/// The GC heap's limit unless [`Store::set_gc_heap_limit`] sets another.
const DEFAULT_GC_HEAP_LIMIT: usize = 512 << 20;

/// The GC heap's state ([`Store::gc_heap_stats`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GcHeapStats {
    /// The heap's size in bytes.
    pub capacity: usize,
    /// Bytes live after the last collection.
    pub live: usize,
    /// Collections run so far.
    pub collections: u64,
}

impl StoreInner {
    /// The slot encoding of `v` as a value of type `ty`, in the first
    /// [`ty.slots()`](ValType::slots) words (low half first): an error if
    /// it is of another type (a `funcref` where an `externref` belongs, a
    /// null where the type has none) or is a reference of another store.
    pub(crate) fn encode(&self, v: &Val, ty: ValType) -> Result<[u64; 2], Error> {
        let null = matches!(
            v,
            Val::FuncRef(None) | Val::ExternRef(None) | Val::ExnRef(None) | Val::AnyRef(None)
        );
        let defined = |r: crate::types::RefType| {
            matches!(r.heap, HeapType::Canonical(_) | HeapType::Concrete(_))
        };
        if null && matches!(ty, ValType::Ref(r) if r.nullable && defined(r)) {
            // `Val::default_for` cannot tell which hierarchy a defined type
            // is in: any null stands for its null.
            return Ok([0, 0]);
        }
        if !v.matches(ty) {
            return Err(Error::ty(alloc::format!(
                "a value of type {} where {ty} is expected",
                v.ty()
            )));
        }
        if let Val::AnyRef(Some(a)) = v {
            let bits = self.try_any_bits(*a)?;
            if let ValType::Ref(r) = ty {
                let func_type = self.engine.types().is_func_type(r.heap);
                if func_type || !self.ref_is(bits, super::gc_ops::RefTarget::of(r.heap)) {
                    return Err(Error::ty(alloc::format!(
                        "a reference that is not a {ty} where {ty} is expected"
                    )));
                }
            }
            return Ok([bits, 0]);
        }
        Ok(match v {
            Val::FuncRef(Some(f)) => [f.0.try_index(self.id)? as u64 + 1, 0],
            Val::ExternRef(Some(r)) => {
                r.0.try_index(self.id)?;
                [self.extern_bits(*r), 0]
            }
            Val::ExnRef(Some(r)) => [r.0.try_index(self.id)? as u64 + 1, 0],
            other => other.to_bits(),
        })
    }

    /// Encodes `vals` of `types` into consecutive slots of `out` (a `v128`
    /// takes two); `what` names a value in an error ("argument").
    pub(crate) fn encode_all(
        &self,
        vals: &[Val],
        types: &[ValType],
        out: &mut [u64],
        what: &str,
    ) -> Result<(), Error> {
        let mut slot = 0;
        for (k, (v, &ty)) in vals.iter().zip(types).enumerate() {
            let bits = self
                .encode(v, ty)
                .map_err(|e| e.context(&alloc::format!("{what} {k}")))?;
            out[slot..slot + ty.slots()].copy_from_slice(&bits[..ty.slots()]);
            slot += ty.slots();
        }
        Ok(())
    }

    /// Decodes values of `types` from consecutive slots of `slots` into `out`.
    pub(crate) fn decode_all(&self, types: &[ValType], slots: &[u64], out: &mut [Val]) {
        let mut slot = 0;
        for (o, &ty) in out.iter_mut().zip(types) {
            *o = self.decode(ty, &slots[slot..]);
            slot += ty.slots();
        }
    }

    /// The value of type `ty` held by the first [`ty.slots()`](ValType::slots)
    /// of `slots` (the inverse of [`encode`](Self::encode)).
    pub(crate) fn decode(&self, ty: ValType, slots: &[u64]) -> Val {
        let bits = slots[0];
        match ty {
            ValType::Ref(r) => match r.heap {
                HeapType::Extern | HeapType::NoExtern => {
                    Val::ExternRef((bits != 0).then(|| self.extern_of(bits)))
                }
                h if h.is_internal() => Val::AnyRef((bits != 0).then(|| self.root(bits))),
                h @ HeapType::Canonical(_) if !self.engine.types().is_func_type(h) => {
                    Val::AnyRef((bits != 0).then(|| self.root(bits)))
                }
                HeapType::Exn | HeapType::NoExn => Val::ExnRef(
                    bits.checked_sub(1)
                        .map(|i| super::ExnRef(super::Stored::new(self.id, i as u32))),
                ),
                _ => Val::FuncRef(
                    bits.checked_sub(1)
                        .map(|i| Func(super::Stored::new(self.id, i as u32))),
                ),
            },
            ValType::V128 => Val::from_bits(ty, [bits, slots[1]]),
            other => Val::from_bits(other, [bits, 0]),
        }
    }
}

/// The bit of an [`ExternRef`]'s index that says it is a root (an
/// internal value made external) rather than host data.
const ROOTED: u32 = 1 << 31;

impl StoreInner {
    /// Roots reference `bits` of the internal hierarchy for the host.
    pub(crate) fn root(&self, bits: u64) -> crate::AnyRef {
        let mut roots = self.gc_roots.lock();
        roots.push(bits);
        crate::AnyRef(super::Stored::new(self.id, roots.len() as u32 - 1))
    }

    /// The reference an [`AnyRef`](crate::AnyRef) of this store roots.
    ///
    /// # Panics
    /// If it belongs to another store.
    pub(crate) fn any_bits(&self, r: crate::AnyRef) -> u64 {
        self.rooted(r.0.index(self.id))
    }

    /// The reference at root index `k`.
    ///
    /// # Panics
    /// If the root is gone (its [`RootScope`](crate::RootScope) ended).
    fn rooted(&self, k: usize) -> u64 {
        let root = self.gc_roots.lock().get(k).copied();
        root.expect("a GC reference used after the RootScope that rooted it ended")
    }

    /// [`any_bits`](Self::any_bits), or an error for another store's.
    fn try_any_bits(&self, r: crate::AnyRef) -> Result<u64, Error> {
        let k = r.0.try_index(self.id)?;
        let root = self.gc_roots.lock().get(k).copied();
        root.ok_or_else(|| {
            Error::ty("a GC reference used after the RootScope that rooted it ended")
        })
    }

    /// The reference an [`ExternRef`] of this store stands for.
    ///
    /// # Panics
    /// If it belongs to another store.
    pub(crate) fn extern_bits(&self, r: ExternRef) -> u64 {
        let k = r.0.index(self.id) as u32;
        if k & ROOTED != 0 {
            self.rooted((k & !ROOTED) as usize)
        } else {
            crate::gc::host_ref(k)
        }
    }

    /// The external reference for non-null reference `bits`: host data
    /// by its index, anything else rooted.
    pub(crate) fn extern_of(&self, bits: u64) -> ExternRef {
        match crate::gc::host_of(bits) {
            Some(k) => ExternRef(super::Stored::new(self.id, k)),
            None => {
                let root = self.root(bits);
                ExternRef(super::Stored::new(
                    self.id,
                    root.0.index(self.id) as u32 | ROOTED,
                ))
            }
        }
    }
}

impl StoreInner {
    /// Adds a global of type `ty` holding `value` (slot encoding) and
    /// returns its store index.
    pub(crate) fn push_global(&mut self, ty: crate::GlobalType, value: [u64; 2]) -> u32 {
        self.global_types.push(ty);
        self.global_values.push(value);
        self.global_values.len() as u32 - 1
    }

    /// Adds a function and returns its store index.
    pub(crate) fn push_func(&mut self, func: FuncEntity) -> u32 {
        let vm = match &func {
            FuncEntity::Wasm {
                instance,
                module,
                def,
                type_id,
                ..
            } => {
                #[cfg(wisp_jit)]
                let compiled = match self.engine.config().strategy {
                    crate::Strategy::Jit => self.jit.code(
                        module,
                        *def,
                        self.engine.config(),
                        self.memory_hooks.as_ref(),
                    ),
                    crate::Strategy::Auto => self.jit.compiled_hot(module, *def),
                    crate::Strategy::Interpreter => None,
                }
                .map(|c| (c.stub, c as *const crate::jit::FuncCode));
                #[cfg(wisp_jit)]
                let (code, jit) = compiled
                    .unwrap_or((module.interp_code[*def].as_ptr().cast(), core::ptr::null()));
                #[cfg(not(wisp_jit))]
                let code = module.interp_code[*def].as_ptr().cast();
                VmFunc {
                    compiled: &module.code[*def],
                    code,
                    instance: *instance,
                    type_id: type_id.as_u32(),
                    #[cfg(wisp_jit)]
                    jit,
                    #[cfg(wisp_jit)]
                    hotness: crate::jit::run::HOT,
                }
            }
            FuncEntity::Host { type_id, .. } => VmFunc {
                compiled: core::ptr::null(),
                code: core::ptr::null(),
                instance: u32::MAX,
                type_id: type_id.as_u32(),
                #[cfg(wisp_jit)]
                jit: core::ptr::null(),
                #[cfg(wisp_jit)]
                hotness: i32::MAX,
            },
        };
        self.funcs.push(func);
        self.vm_funcs.push(vm);
        self.funcs.len() as u32 - 1
    }

    /// Bytes held by all linear memories.
    fn memory_bytes(&self) -> u64 {
        self.memories.iter().map(|m| m.view().len as u64).sum()
    }

    /// Whether `extra` more bytes of linear memory fit the store's limit.
    pub(crate) fn memory_fits(&self, extra: u64) -> bool {
        match self.memory_limit {
            None => true,
            Some(limit) => self.memory_bytes().saturating_add(extra) <= limit,
        }
    }

    /// Keeps a resource limiter's error for the trap the running code
    /// raises, which can carry only a code: [`TrapCode::HostError`], whose
    /// trap `exec` builds from the kept error.
    pub(crate) fn hold_error(&mut self, e: Error) -> crate::TrapCode {
        self.pending_error = Some(e);
        crate::TrapCode::HostError
    }

    /// Grows memory `m` by `delta` pages if the limiter (`ask`), the
    /// store's memory limit and the type allow; returns the old size in
    /// pages, `None` if refused, or the limiter's error.
    pub(crate) fn grow_memory(
        &mut self,
        m: u32,
        delta: u64,
        ask: &mut Ask<'_>,
    ) -> Result<Option<u64>, Error> {
        let memory = &self.memories[m as usize];
        if delta == 0 {
            // `memory.size` of a shared memory, too: no growth to ask for.
            self.memory_views[m as usize] = memory.view();
            return Ok(Some(memory.pages()));
        }
        let page = 1u64 << memory.page_size_log2();
        let current = memory.view().len;
        let Some(extra) = delta.checked_mul(page) else {
            return Ok(None);
        };
        let desired = (current as u64).saturating_add(extra);
        let maximum = memory.ty().max.and_then(|pages| pages.checked_mul(page));
        if !ask(Growth::memory(current, desired, maximum))? {
            return Ok(None);
        }
        if !self.memory_fits(extra) {
            return Ok(None);
        }
        let old = self.memories[m as usize].grow(delta);
        self.memory_views[m as usize] = self.memories[m as usize].view();
        Ok(old)
    }

    /// Grows table `t` by `delta` elements set to `init` if the limiter
    /// (`ask`) and the type allow; returns the old size, `None` if refused,
    /// or the limiter's error.
    pub(crate) fn grow_table(
        &mut self,
        t: u32,
        delta: u64,
        init: u64,
        ask: &mut Ask<'_>,
    ) -> Result<Option<u64>, Error> {
        let table = &self.tables[t as usize];
        let current = table.elements.len();
        let desired = (current as u64).saturating_add(delta);
        if !ask(Growth::table(current, desired, table.ty().max))? {
            return Ok(None);
        }
        let old = self.tables[t as usize].grow(delta, init);
        self.table_views[t as usize] = self.tables[t as usize].view();
        Ok(old)
    }

    /// Adds an instance and returns its store index.
    pub(crate) fn push_instance(&mut self, instance: InstanceEntity) -> u32 {
        self.instance_views.push(instance.view());
        self.instances.push(instance);
        self.instances.len() as u32 - 1
    }

    /// Adds a memory of type `ty`, if the limiter (`ask`) allows it and
    /// within the store's limit.
    pub(crate) fn push_memory(
        &mut self,
        ty: crate::MemoryType,
        ask: &mut Ask<'_>,
    ) -> Result<u32, crate::Error> {
        let bytes = ty.min.saturating_mul(1u64 << ty.page_size_log2);
        let maximum = ty
            .max
            .and_then(|pages| pages.checked_mul(1u64 << ty.page_size_log2));
        if !ask(Growth::memory(0, bytes, maximum))? {
            return Err(crate::Error::limit(alloc::format!(
                "a memory of {bytes} bytes was refused by the store's resource limiter"
            )));
        }
        if !self.memory_fits(bytes) {
            return Err(crate::Error::limit(
                "memory exceeds the store's memory limit",
            ));
        }
        let guarded = self.relies_on_guards();
        let memory = if ty.shared {
            let futex = self.engine.config().futex_or_default();
            let hooks = self.memory_hooks.clone();
            MemoryEntity::Shared(SharedMemory::create(ty, hooks, guarded, futex)?)
        } else {
            MemoryEntity::Owned(OwnedMemory::new(ty, self.memory_hooks.clone(), guarded)?)
        };
        Ok(self.push_memory_entity(memory))
    }

    /// Whether this store's compiled code relies on guard regions.
    fn relies_on_guards(&mut self) -> bool {
        #[cfg(wisp_jit)]
        return (self.jit).guarded(self.engine.config(), self.memory_hooks.as_ref());
        #[cfg(not(wisp_jit))]
        false
    }

    /// Adds a memory entity and its view; returns its store index.
    fn push_memory_entity(&mut self, memory: MemoryEntity) -> u32 {
        self.memory_views.push(memory.view());
        self.memories.push(memory);
        self.memories.len() as u32 - 1
    }

    /// Adds shared memory `shared`, imported from outside the store; an
    /// error when this store's compiled code would rely on guard regions
    /// the memory lacks.
    pub(crate) fn import_shared_memory(&mut self, shared: &SharedMemory) -> Result<u32, Error> {
        let ty = shared.declared_ty();
        if self.relies_on_guards() && memory::guardable(&ty) && !shared.guarded() {
            return Err(Error::link(
                "this shared memory has no guard regions, which this store's compiled code \
                 relies on (create it with an engine of the same configuration)",
            ));
        }
        Ok(self.push_memory_entity(MemoryEntity::Shared(shared.clone())))
    }

    /// Brings the views of the store's shared memories up to date (another
    /// thread may have grown them); returns the current length of the one
    /// at `base`, or 0 if none is there.
    pub(crate) fn refresh_shared_views(&mut self, base: *mut u8) -> usize {
        let mut found = 0;
        for (memory, view) in self.memories.iter().zip(&mut self.memory_views) {
            if let MemoryEntity::Shared(shared) = memory {
                *view = shared.view();
                if view.base == base {
                    found = view.len;
                }
            }
        }
        found
    }

    /// Makes sure the value stack is allocated.
    pub(crate) fn ensure_stack(&mut self) {
        if self.stack.is_empty() {
            let slots = self.engine.config().max_stack_slots;
            self.stack = alloc::vec![0u64; slots];
            // Room for the callers of a few nested host calls, so that a
            // warm call into a host function allocates nothing.
            self.host_resumes.reserve(8);
        }
    }
}

/// Owns all instances, functions, memories, tables and globals, and the host
/// state `T` that host functions can reach through [`Caller`].
///
/// Handles ([`Func`](crate::Func), [`Memory`](crate::Memory), ...) are indices
/// into one store and must only be used with the store that created them.
pub struct Store<T> {
    pub(crate) inner: StoreInner,
    pub(crate) host_funcs: Vec<HostFn<T>>,
    pub(crate) data: T,
    /// The resource limiter's closure ([`Store::limiter`]).
    limiter: Option<LimiterFn<T>>,
}

impl<T> Store<T> {
    /// A new, empty store with host state `data`.
    pub fn new(engine: &Engine, data: T) -> Self {
        Self {
            inner: StoreInner {
                id: super::StoreId::fresh(),
                engine: engine.clone(),
                funcs: Vec::new(),
                vm_funcs: Vec::new(),
                memories: Vec::new(),
                tables: Vec::new(),
                memory_views: Vec::new(),
                table_views: Vec::new(),
                instance_views: Vec::new(),
                global_types: Vec::new(),
                global_values: Vec::new(),
                instances: Vec::new(),
                stack: Vec::new(),
                frames: Vec::new(),
                stack_top: 0,
                native_stack_base: 0,
                fuel: 0,
                interrupt: Arc::new(AtomicBool::new(false)),
                epoch_deadline: 0,
                memory_limit: None,
                pending_error: None,
                memory_hooks: None,
                externs: Vec::new(),
                tags: Vec::new(),
                exceptions: Vec::new(),
                free_exceptions: Vec::new(),
                heap: crate::gc::heap::Heap::new(None, DEFAULT_GC_HEAP_LIMIT),
                gc_roots: spin::Mutex::new(Vec::new()),
                gc_scratch: Vec::new(),
                host_resumes: Vec::new(),
                #[cfg(wisp_jit)]
                jit: Default::default(),
            },
            host_funcs: Vec::new(),
            data,
            limiter: None,
        }
    }

    /// Installs a resource limiter: `limiter` finds it in the host state
    /// (`|state| &mut state.limits`), and the store asks it before every
    /// memory or table is created or grows and before each instantiation
    /// (see [`ResourceLimiter`](crate::ResourceLimiter)). It works next to
    /// [`set_memory_limit`](Self::set_memory_limit) and the memory hooks:
    /// all of them must agree to a growth.
    pub fn limiter(
        &mut self,
        limiter: impl FnMut(&mut T) -> &mut (dyn crate::ResourceLimiter) + Send + Sync + 'static,
    ) {
        self.limiter = Some(alloc::boxed::Box::new(limiter));
    }

    /// The store's inner part and its limiter, borrowed side by side.
    pub(crate) fn inner_and_limiter(&mut self) -> (&mut StoreInner, Limiter<'_, T>) {
        let limiter = Limiter {
            data: &mut self.data,
            limiter: self.limiter.as_mut(),
        };
        (&mut self.inner, limiter)
    }

    /// The engine the store belongs to.
    pub fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    /// The host state.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The host state, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.data
    }

    /// Consumes the store, returning the host state.
    pub fn into_data(self) -> T {
        self.data
    }

    /// Sets the fuel available to Wasm run in this store. Fails unless the
    /// engine was configured with [`Config::consume_fuel`](crate::Config::consume_fuel).
    pub fn set_fuel(&mut self, fuel: u64) -> Result<(), crate::Error> {
        if !self.inner.engine.config().consume_fuel {
            return Err(crate::Error::limit(
                "fuel metering is not enabled in the engine's config",
            ));
        }
        self.inner.fuel = fuel;
        Ok(())
    }

    /// The fuel left. Fails unless fuel metering is enabled.
    pub fn get_fuel(&self) -> Result<u64, crate::Error> {
        if !self.inner.engine.config().consume_fuel {
            return Err(crate::Error::limit(
                "fuel metering is not enabled in the engine's config",
            ));
        }
        Ok(self.inner.fuel)
    }

    /// Sets the epoch deadline `ticks_beyond_current` ticks after the
    /// engine's current epoch (see
    /// [`Config::epoch_interruption`](crate::Config::epoch_interruption)):
    /// Wasm in this store traps with
    /// [`TrapCode::Interrupted`](crate::TrapCode::Interrupted) at its first
    /// check once [`Engine::increment_epoch`] has been called that many
    /// times. Without epoch interruption in the config the deadline is kept
    /// but nothing checks it.
    pub fn set_epoch_deadline(&mut self, ticks_beyond_current: u64) {
        let now = self.inner.engine.current_epoch();
        self.inner.epoch_deadline = now.saturating_add(ticks_beyond_current);
    }

    /// A handle that stops Wasm running in this store from another thread
    /// (requires [`Config::interruptible`](crate::Config::interruptible)).
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle {
            flag: Arc::clone(&self.inner.interrupt),
        }
    }

    /// Limits the bytes the GC heap (structs and arrays) may grow to
    /// (512 MiB unless set; at most 4 GiB). An allocation that finds no
    /// room within it, even after a collection, traps with
    /// [`TrapCode::GcHeapExhausted`](crate::TrapCode::GcHeapExhausted).
    pub fn set_gc_heap_limit(&mut self, bytes: usize) {
        self.inner.heap.set_limit(bytes);
    }

    /// Collects garbage in the GC heap now (the store collects on its own
    /// when allocation needs room).
    pub fn gc(&mut self) {
        self.inner.collect_garbage(None);
    }

    /// The GC heap's size in bytes and how many collections it has run.
    pub fn gc_heap_stats(&self) -> GcHeapStats {
        GcHeapStats {
            capacity: self.inner.heap.capacity(),
            live: self.inner.heap.live_bytes(),
            collections: self.inner.heap.collections(),
        }
    }

    /// Limits the bytes all linear memories of this store may hold together:
    /// `memory.grow` past it returns -1, and creating a memory past it fails.
    pub fn set_memory_limit(&mut self, bytes: Option<u64>) {
        self.inner.memory_limit = bytes;
    }

    /// Installs the [`MemoryHooks`](crate::MemoryHooks) that linear memories
    /// and tables created from now on in this store obtain their storage from
    /// (the global allocator until then). The hooks can refuse: a refused
    /// `memory.grow` returns -1, a refused creation fails instantiation. The
    /// [memory limit](Self::set_memory_limit) applies as well.
    pub fn set_memory_hooks(&mut self, hooks: Arc<dyn crate::MemoryHooks>) {
        self.inner.memory_hooks = Some(hooks.clone());
        if self.inner.heap.capacity() == 0 {
            let limit = self.inner.heap.limit();
            self.inner.heap = crate::gc::heap::Heap::new(Some(hooks), limit);
        }
        #[cfg(wisp_jit)]
        self.inner.jit.hooks_changed(self.inner.memories.len());
    }

    /// Registers a host function and returns its store index.
    pub(crate) fn push_host_func(&mut self, ty: crate::FuncType, f: HostFn<T>) -> u32 {
        let host = self.host_funcs.len() as u32;
        self.host_funcs.push(f);
        let type_id = self.inner.engine.types().register_func(&ty);
        self.inner.push_func(FuncEntity::Host { host, ty, type_id })
    }
}

/// A shared view of a store, as taken by accessors.
pub struct StoreContext<'a, T> {
    pub(crate) inner: &'a StoreInner,
    pub(crate) data: &'a T,
}

/// An exclusive view of a store, as taken by operations that change it or run
/// Wasm.
pub struct StoreContextMut<'a, T> {
    pub(crate) store: &'a mut Store<T>,
}

/// Types that give shared access to a store: `&Store<T>`, `&mut Store<T>`,
/// [`Caller`].
pub trait AsContext {
    /// The host state type.
    type Data;
    /// A shared view of the store.
    fn as_context(&self) -> StoreContext<'_, Self::Data>;
}

/// Types that give exclusive access to a store.
pub trait AsContextMut: AsContext {
    /// An exclusive view of the store.
    fn as_context_mut(&mut self) -> StoreContextMut<'_, Self::Data>;
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            inner: &self.inner,
            data: &self.data,
        }
    }
}

impl<T> AsContextMut for Store<T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut { store: self }
    }
}

impl<C: AsContext + ?Sized> AsContext for &C {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        (**self).as_context()
    }
}

impl<C: AsContext + ?Sized> AsContext for &mut C {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        (**self).as_context()
    }
}

impl<C: AsContextMut + ?Sized> AsContextMut for &mut C {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, C::Data> {
        (**self).as_context_mut()
    }
}

impl<T> AsContext for StoreContext<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            inner: self.inner,
            data: self.data,
        }
    }
}

impl<T> AsContext for StoreContextMut<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        self.store.as_context()
    }
}

impl<T> AsContextMut for StoreContextMut<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut { store: self.store }
    }
}

impl<T> StoreContext<'_, T> {
    /// The host state.
    pub fn data(&self) -> &T {
        self.data
    }
}

impl<T> StoreContextMut<'_, T> {
    /// The host state.
    pub fn data(&self) -> &T {
        self.store.data()
    }
    /// The host state, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        self.store.data_mut()
    }
}

impl<'a, T> From<&'a Store<T>> for StoreContext<'a, T> {
    fn from(store: &'a Store<T>) -> Self {
        StoreContext {
            inner: &store.inner,
            data: &store.data,
        }
    }
}

impl<'a, T> From<&'a mut Store<T>> for StoreContext<'a, T> {
    fn from(store: &'a mut Store<T>) -> Self {
        StoreContext {
            inner: &store.inner,
            data: &store.data,
        }
    }
}

impl<'a, T> From<&'a mut Store<T>> for StoreContextMut<'a, T> {
    fn from(store: &'a mut Store<T>) -> Self {
        StoreContextMut { store }
    }
}

/// Stops Wasm running in a store: the next function entry or loop iteration
/// traps with [`TrapCode::Interrupted`](crate::TrapCode::Interrupted). That
/// trap answers the request, so the store's next call runs normally; a
/// request that has not fired yet can be withdrawn with
/// [`reset`](Self::reset). Cheap to clone and safe to use from another
/// thread or a signal handler.
#[derive(Debug, Clone)]
pub struct InterruptHandle {
    flag: Arc<AtomicBool>,
}

impl InterruptHandle {
    /// Requests the interruption.
    pub fn interrupt(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    /// Withdraws a request that has not fired yet.
    pub fn reset(&self) {
        self.flag.store(false, Ordering::Relaxed);
    }
}
