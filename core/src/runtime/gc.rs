//! The store's side of garbage collection: what the heap knows about each
//! type, allocation with its collection policy, and the roots — every
//! reference of the internal or external hierarchy the store can reach
//! without the heap: the frames of running code (precisely: each frame's
//! parameter and local slots by their slot types, its temporaries by the
//! stack map at the call or allocation it stopped at), globals, tables,
//! element segments, exception payloads and the host's rooted handles.

#![allow(unsafe_code)]

use super::{FuncEntity, StoreInner};
use crate::gc::heap::TypeInfo;
use crate::gc::layout::{Layout, is_gc_heap_type};
use crate::trap::TrapCode;
use crate::types::{HeapType, RefType, TypeId, ValType};
use crate::vm::Frame;
use alloc::{sync::Arc, vec::Vec};

/// The heap size below which allocation grows the heap rather than
/// collect.
const COLLECT_FROM: usize = 4 << 20;

/// The frames of a run in progress, which the store's own vector does not
/// hold while it runs (see `VmContext::frames`).
pub(crate) struct RunFrames {
    /// The suspended frames, oldest first.
    pub frames: *const Frame,
    /// How many.
    pub len: usize,
    /// Slot 0 of the value stack.
    pub stack: *const u64,
    /// The running frame, stopped at the allocation at `current.pc`.
    pub current: Frame,
}

impl StoreInner {
    /// What the heap knows about type `id`, recorded on first use.
    pub(crate) fn gc_type(&mut self, id: TypeId) -> Arc<TypeInfo> {
        if let Some(info) = self.heap.type_info(id) {
            return Arc::clone(info);
        }
        let info = self.build_type_info(id);
        self.heap.set_type_info(id, Arc::clone(&info));
        info
    }

    /// What the heap knows about type `id`, built afresh if it has not
    /// recorded it.
    pub(crate) fn gc_type_shared(&self, id: TypeId) -> Arc<TypeInfo> {
        match self.heap.type_info(id) {
            Some(info) => Arc::clone(info),
            None => self.build_type_info(id),
        }
    }

    /// Type `id`'s supertype chain and layout, from the engine's registry.
    fn build_type_info(&self, id: TypeId) -> Arc<TypeInfo> {
        let types = self.engine.types();
        let def = types.get(id);
        let mut ancestors = alloc::vec![id];
        let mut at = def.supertype;
        while let Some(HeapType::Canonical(sup)) = at {
            ancestors.push(sup);
            at = types.get(sup).supertype;
        }
        ancestors.reverse();
        let layout = Layout::of(&def.composite, |h| types.is_func_type(h));
        Arc::new(TypeInfo {
            ancestors: ancestors.into(),
            layout,
        })
    }

    /// Whether type `actual` is `expected` or a declared subtype of it.
    pub(crate) fn type_matches(&self, actual: TypeId, expected: TypeId) -> bool {
        actual == expected || {
            let (a, e) = (self.gc_type_shared(actual), self.gc_type_shared(expected));
            a.is_subtype_of(&e)
        }
    }

    /// Whether values of type `ty` (its defined types named by engine id)
    /// are references the collector traces.
    pub(crate) fn is_gc_val(&self, ty: ValType) -> bool {
        match ty {
            ValType::Ref(r) => self.is_gc_ref(r),
            _ => false,
        }
    }

    /// Whether references of type `r` are traced by the collector.
    pub(crate) fn is_gc_ref(&self, r: RefType) -> bool {
        let types = self.engine.types();
        is_gc_heap_type(r.heap, |h| types.is_func_type(h))
    }

    /// Allocates `size` bytes with `header` in the GC heap: from free
    /// space; else after a collection (whose roots include the frames of
    /// `run`, the run in progress, if any), growing the heap when little
    /// was freed; else by growing it. Traps when the limit leaves no room.
    pub(crate) fn gc_alloc(
        &mut self,
        size: u32,
        header: u64,
        run: Option<&RunFrames>,
    ) -> Result<u32, TrapCode> {
        if let Some(at) = self.heap.try_alloc(size, header) {
            return Ok(at);
        }
        // A small heap grows before it collects: collections of a few
        // hundred kilobytes would cost more in fixed work (finding the
        // roots, walking the arena) than they free.
        if self.heap.capacity() < COLLECT_FROM {
            if let Some(at) = self.heap.grow_and_alloc(size, header) {
                return Ok(at);
            }
        }
        if self.heap.capacity() > 0 {
            self.collect_garbage(run);
            // Keep at least half of the heap free after a collection, so
            // collections stay proportional to allocation.
            if self.heap.live_bytes() * 2 > self.heap.capacity() {
                self.heap.grow(size);
            }
            if let Some(at) = self.heap.try_alloc(size, header) {
                return Ok(at);
            }
        }
        self.heap
            .grow_and_alloc(size, header)
            .ok_or(TrapCode::GcHeapExhausted)
    }

    /// Collects garbage; `run` is the run in progress, if any.
    pub(crate) fn collect_garbage(&mut self, run: Option<&RunFrames>) {
        let mut roots = core::mem::take(&mut self.gc_scratch);
        roots.clear();
        self.gather_roots(run, &mut roots);
        self.heap.collect(|marker| {
            for &r in &roots {
                marker.root(r);
            }
        });
        self.gc_scratch = roots;
    }

    /// Every root (see the module documentation).
    fn gather_roots(&self, run: Option<&RunFrames>, out: &mut Vec<u64>) {
        for (ty, value) in self.global_types.iter().zip(&self.global_values) {
            if self.is_gc_val(ty.content) {
                out.push(value[0]);
            }
        }
        for table in &self.tables {
            if self.is_gc_ref(table.ty().element) {
                out.extend_from_slice(&table.elements);
            }
        }
        for instance in &self.instances {
            for (k, seg) in instance.module.info.elems.iter() {
                let ty = seg
                    .ty
                    .map_heap(&mut |h| instance.module.info.canonical_heap(h));
                if self.is_gc_ref(ty) {
                    out.extend_from_slice(&instance.elems[k]);
                }
            }
        }
        out.extend_from_slice(&self.gc_roots.lock());
        #[cfg(feature = "exceptions")]
        for e in &self.exceptions {
            let params = self.tags[e.tag as usize].ty.params();
            let mut slot = 0;
            for &ty in params {
                if self.is_gc_val(ty) {
                    out.extend(e.payload.get(slot).copied());
                }
                slot += ty.slots();
            }
        }
        let (frames, stack): (&[Frame], *const u64) = match run {
            // SAFETY: `RunFrames` describes the frames and stack of the
            // live run (its maker's contract); they are only read here.
            Some(r) => (
                unsafe { core::slice::from_raw_parts(r.frames, r.len) },
                r.stack,
            ),
            None => (&self.frames, self.stack.as_ptr()),
        };
        for f in frames.iter().chain(&self.host_resumes) {
            self.frame_roots(f, None, stack, out);
        }
        if let Some(r) = run {
            self.frame_roots(&r.current, Some(r.current.pc), stack, out);
        }
    }

    /// The references in frame `f`: its parameters and locals, and the
    /// temporaries the stack map at `gc_pc` (else at the call it waits
    /// on) lists.
    fn frame_roots(&self, f: &Frame, gc_pc: Option<u32>, stack: *const u64, out: &mut Vec<u64>) {
        let FuncEntity::Wasm { module, def, .. } = &self.funcs[f.func as usize] else {
            return;
        };
        let code = &module.code[*def];
        // SAFETY: the frame lies inside the value stack (frames are only
        // pushed with their whole `frame_size` inside it), which `stack`
        // points at.
        let slot = |k: usize| unsafe { *stack.add(f.fp as usize + k) };
        for (k, ty) in code.slot_types.iter().enumerate() {
            if ty.is_gc_ref() {
                out.push(slot(k));
            }
        }
        let pc = gc_pc.or_else(|| code.call_site(f.pc).map(|s| s.pc));
        if let Some(map) = pc.and_then(|pc| code.stack_map(pc)) {
            let first_temp = code.slot_types.len() + code.consts.len();
            for (j, ty) in map.iter().enumerate() {
                if ty.is_some_and(|t| t.is_gc_ref()) {
                    out.push(slot(first_temp + j));
                }
            }
        }
    }
}
