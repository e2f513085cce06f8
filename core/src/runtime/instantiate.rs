//! Instantiation: linking imports, creating the module's entities, applying
//! active segments and running the start function.

use super::store::Store;
use super::subtyping::val_subtype;
use super::type_registry::TypeRegistry;
use super::{Extern, FuncEntity, Instance, InstanceEntity};
use crate::error::Error;
use crate::index::{
    DataIndex, ElemIndex, FuncIndex, GlobalIndex, MemoryIndex, TableIndex, TagIndex, TypeIndex,
};
use crate::module::{ConstExpr, GcConst, Module, SegmentMode};
use crate::trap::{Trap, TrapCode};
use crate::types::{ExternType, MemoryType, TableType};
use alloc::{format, sync::Arc, vec::Vec};
use cranelift_entity::PrimaryMap;

/// Instantiates `module` with `imports` in import order.
pub(crate) fn instantiate<T>(
    store: &mut Store<T>,
    module: &Module,
    imports: &[Extern],
) -> Result<Instance, Error> {
    if !super::Engine::same(store.engine(), module.engine()) {
        return Err(Error::link("module and store belong to different engines"));
    }
    let info = &module.info;
    if imports.len() != info.imports.len() {
        return Err(Error::link(format!(
            "module needs {} imports, {} given",
            info.imports.len(),
            imports.len()
        )));
    }
    let (inner, mut limiter) = store.inner_and_limiter();
    let new_memories = info.memories.len() - info.num_imported_memories as usize;
    limiter.admit(inner, 1, info.table_inits.len(), new_memories)?;
    let inst_id = inner.instances.len() as u32;
    let type_ids: PrimaryMap<TypeIndex, u32> =
        info.type_ids.values().map(|id| id.as_u32()).collect();
    let mut funcs = PrimaryMap::<FuncIndex, u32>::new();
    let mut tables = PrimaryMap::<TableIndex, u32>::new();
    let mut memories = PrimaryMap::<MemoryIndex, u32>::new();
    let mut globals = PrimaryMap::<GlobalIndex, u32>::new();
    let mut tags = PrimaryMap::<TagIndex, u32>::new();

    for (import, ext) in info.imports.iter().zip(imports) {
        let id = store.inner.id;
        let index = match ext {
            Extern::Func(f) => f.0.try_index(id),
            Extern::Table(t) => t.0.try_index(id),
            Extern::Memory(m) => m.0.try_index(id),
            // Checked below, and added to the store once it matches.
            Extern::SharedMemory(_) => Ok(usize::MAX),
            Extern::Global(g) => g.0.try_index(id),
            Extern::Tag(t) => t.0.try_index(id),
        }
        .map_err(|_| {
            Error::link(format!(
                "import `{}::{}` is an entity of another store",
                import.module, import.name
            ))
        })? as u32;
        let expected = info.canonical_extern(&import.ty);
        let actual = ext.ty(&*store);
        let types = store.inner.engine.types();
        let matches = match (&import.ty, ext) {
            // A function matches by its type's id: equal signatures of
            // different recursion groups are different types.
            (ExternType::Func(_), Extern::Func(_)) => {
                let expected = info.type_id(info.funcs[funcs.next_key()]);
                let actual = store.inner.funcs[index as usize].type_id();
                types.is_subtype(actual, expected)
            }
            // Tags are invariant: the same type (recursion group and all).
            (ExternType::Tag(_), Extern::Tag(_)) => {
                let expected = info.type_id(info.tags[tags.next_key()]);
                expected == store.inner.tags[index as usize].type_id
            }
            _ => import_matches(types, &expected, &actual),
        };
        if !matches {
            return Err(Error::link(format!(
                "incompatible import type for `{}::{}`: expected {}, found {}",
                import.module, import.name, expected, actual
            )));
        }
        match ext {
            Extern::Func(_) => drop(funcs.push(index)),
            Extern::Table(_) => drop(tables.push(index)),
            Extern::Memory(_) => drop(memories.push(index)),
            Extern::SharedMemory(shared) => {
                let index = store.inner.import_shared_memory(shared)?;
                memories.push(index);
            }
            Extern::Global(_) => drop(globals.push(index)),
            Extern::Tag(_) => drop(tags.push(index)),
        }
    }
    let (inner, mut limiter) = store.inner_and_limiter();
    let mut ask = |g| limiter.ask(g);

    for def in info.code.keys() {
        let ty_index = info.funcs[info.func_index(def)];
        let func = inner.push_func(FuncEntity::Wasm {
            instance: inst_id,
            module: Arc::clone(info),
            def,
            ty: info.canonical_types[ty_index].clone(),
            type_id: info.type_id(ty_index),
        });
        funcs.push(func);
    }

    let eval = |inner: &mut super::StoreInner,
                globals: &PrimaryMap<GlobalIndex, u32>,
                funcs: &PrimaryMap<FuncIndex, u32>,
                e: &ConstExpr| {
        e.eval(&mut InstanceEnv {
            inner,
            globals,
            funcs,
            type_ids: &type_ids,
        })
    };

    for init in &info.global_inits {
        let mut ty = info.globals[globals.next_key()];
        ty.content = info.canonical_val(ty.content);
        let value = eval(inner, &globals, &funcs, init)?;
        globals.push(inner.push_global(ty, value));
    }
    for init in &info.table_inits {
        let mut ty = info.tables[tables.next_key()];
        ty.element = ty.element.map_heap(&mut |h| info.canonical_heap(h));
        let value = match init {
            Some(e) => eval(inner, &globals, &funcs, e)?[0],
            None => 0,
        };
        tables.push(inner.push_table(ty, value, &mut ask)?);
    }
    while memories.len() < info.memories.len() {
        let ty = info.memories[memories.next_key()];
        memories.push(inner.push_memory(ty, &mut ask)?);
    }
    let mut elems = PrimaryMap::<ElemIndex, Arc<[u64]>>::with_capacity(info.elems.len());
    for seg in info.elems.values() {
        let mut items = Vec::with_capacity(seg.items.len());
        for e in &seg.items {
            items.push(eval(inner, &globals, &funcs, e)?[0]);
        }
        elems.push(items.into());
    }
    while tags.len() < info.tags.len() {
        let ty_index = info.tags[tags.next_key()];
        inner.tags.push(super::exception::TagEntity {
            ty: info
                .func_type(ty_index)
                .map_heap(&mut |h| info.canonical_heap(h)),
            type_id: info.type_id(ty_index),
        });
        tags.push(inner.tags.len() as u32 - 1);
    }
    let mut data_dropped = PrimaryMap::<DataIndex, bool>::with_capacity(info.datas.len());
    for _ in info.datas.values() {
        data_dropped.push(false);
    }

    inner.push_instance(InstanceEntity {
        module: module.clone(),
        funcs,
        tables,
        memories,
        globals,
        tags,
        type_ids,
        elems,
        data_dropped,
    });

    initialize_segments(inner, inst_id)?;

    if let Some(start) = info.start {
        let func = inner.instances[inst_id as usize].funcs[start];
        super::exec::invoke(store, func, &[], &mut [])?;
    }
    Ok(Instance(super::Stored::new(store.inner.id, inst_id)))
}

/// Applies active element and data segments in order, then drops them (and
/// declared segments). A segment out of bounds traps; earlier ones stay
/// applied, as the specification requires.
fn initialize_segments(inner: &mut super::StoreInner, inst_id: u32) -> Result<(), Trap> {
    let info = Arc::clone(&inner.instances[inst_id as usize].module.info);
    for (i, seg) in info.elems.iter() {
        let inst = &inner.instances[inst_id as usize];
        match &seg.mode {
            SegmentMode::Active { index, offset } => {
                let g = |g| inner.global_values[inst.globals[g] as usize];
                let offset = offset.eval_simple(g, |f| inst.funcs[f] as u64 + 1)[0];
                let items = Arc::clone(&inst.elems[i]);
                let table = &mut inner.tables[inst.tables[*index] as usize];
                let start = usize::try_from(offset).unwrap_or(usize::MAX);
                let dst = start
                    .checked_add(items.len())
                    .and_then(|end| table.elements.get_mut(start..end))
                    .ok_or(Trap::new(TrapCode::TableOutOfBounds))?;
                dst.copy_from_slice(&items);
                inner.instances[inst_id as usize].elems[i] = Arc::from([]);
            }
            SegmentMode::Declared => {
                inner.instances[inst_id as usize].elems[i] = Arc::from([]);
            }
            SegmentMode::Passive => {}
        }
    }
    for (i, seg) in info.datas.iter() {
        if let SegmentMode::Active { index, offset } = &seg.mode {
            let inst = &inner.instances[inst_id as usize];
            let g = |g| inner.global_values[inst.globals[g] as usize];
            let offset = offset.eval_simple(g, |f| inst.funcs[f] as u64 + 1)[0];
            let mem = &inner.memories[inst.memories[*index] as usize];
            mem.write_at(offset, &seg.bytes).map_err(Trap::new)?;
            inner.instances[inst_id as usize].data_dropped[i] = true;
        }
    }
    Ok(())
}

/// Whether a global, table or memory of type `actual` may satisfy an
/// import of type `expected`, both with their defined types named by
/// engine id: an immutable global's type may be a subtype of the expected
/// one, a mutable global's and a table's element type must be equivalent,
/// and limits must fit. (A function matches by its type id; it is no
/// match here.)
pub(crate) fn import_matches(
    types: &TypeRegistry,
    expected: &ExternType,
    actual: &ExternType,
) -> bool {
    match (expected, actual) {
        (ExternType::Global(e), ExternType::Global(a)) => {
            e.mutable == a.mutable
                && if e.mutable {
                    e.content == a.content
                } else {
                    val_subtype(types, a.content, e.content)
                }
        }
        (ExternType::Table(e), ExternType::Table(a)) => table_matches(e, a),
        (ExternType::Memory(e), ExternType::Memory(a)) => memory_matches(e, a),
        _ => false,
    }
}

fn limits_match(emin: u64, emax: Option<u64>, amin: u64, amax: Option<u64>) -> bool {
    amin >= emin
        && match (emax, amax) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(e), Some(a)) => a <= e,
        }
}

fn table_matches(e: &TableType, a: &TableType) -> bool {
    e.element == a.element && e.table64 == a.table64 && limits_match(e.min, e.max, a.min, a.max)
}

fn memory_matches(e: &MemoryType, a: &MemoryType) -> bool {
    e.memory64 == a.memory64
        && e.shared == a.shared
        && e.page_size_log2 == a.page_size_log2
        && limits_match(e.min, e.max, a.min, a.max)
}

/// The instance being built, as its constant expressions see it: its
/// globals and functions so far, and the store's GC heap for allocations.
struct InstanceEnv<'a> {
    inner: &'a mut super::StoreInner,
    globals: &'a PrimaryMap<GlobalIndex, u32>,
    funcs: &'a PrimaryMap<FuncIndex, u32>,
    type_ids: &'a PrimaryMap<TypeIndex, u32>,
}

impl crate::module::ConstEnv for InstanceEnv<'_> {
    fn global(&self, g: GlobalIndex) -> [u64; 2] {
        self.inner.global_values[self.globals[g] as usize]
    }

    fn func(&self, f: FuncIndex) -> u64 {
        self.funcs[f] as u64 + 1
    }

    fn allocate(
        &mut self,
        op: crate::module::GcConst,
        stack: &mut Vec<[u64; 2]>,
    ) -> Result<u64, Error> {
        let ty = match op {
            GcConst::StructNew(t)
            | GcConst::StructNewDefault(t)
            | GcConst::ArrayNew(t)
            | GcConst::ArrayNewDefault(t)
            | GcConst::ArrayNewFixed(t, _) => t,
        };
        let id = crate::types::TypeId::from_u32(self.type_ids[ty]);
        self.inner
            .const_alloc(id, op, stack)
            .map_err(|code| Error::from(Trap::new(code)))
    }
}
