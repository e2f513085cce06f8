//! Compiled modules: decoding, validation and translation of a binary.

mod artifact;
mod branch_hint;
#[cfg(test)]
mod branch_hint_tests;
mod codec;
mod const_expr;
mod parse;
mod text;
mod types;

pub(crate) use branch_hint::not_a_branch as branch_hint_error;
pub(crate) use const_expr::{ConstEnv, ConstExpr, GcConst};

use crate::error::Error;
use crate::index::{
    DataIndex, DefinedFuncIndex, ElemIndex, FuncIndex, GlobalIndex, MemoryIndex, TableIndex,
    TagIndex, TypeIndex,
};
use crate::ir::CompiledFunc;
use crate::runtime::Engine;
use crate::sub_type::SubType;
use crate::types::{ExternType, FuncType, GlobalType, MemoryType, TableType, TypeId};
use alloc::{string::String, sync::Arc, vec::Vec};
use cranelift_entity::{EntityRef, PrimaryMap};
use hashbrown::HashMap;

/// What kind of entity an import or export names, with its index space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityIndex {
    Func(FuncIndex),
    Table(TableIndex),
    Memory(MemoryIndex),
    Global(GlobalIndex),
    Tag(TagIndex),
}

/// An import as declared by the module.
#[derive(Debug, Clone)]
pub(crate) struct Import {
    pub module: String,
    pub name: String,
    pub ty: ExternType,
}

/// Where an element segment (`I` = [`TableIndex`]) or data segment
/// (`I` = [`MemoryIndex`]) goes.
#[derive(Debug, Clone)]
pub(crate) enum SegmentMode<I> {
    /// Applied at instantiation to `index` at `offset`, then dropped.
    Active { index: I, offset: ConstExpr },
    /// Used by `table.init` / `memory.init`.
    Passive,
    /// Only declares functions as referenceable; dropped at instantiation.
    Declared,
}

/// An element segment.
#[derive(Debug, Clone)]
pub(crate) struct ElemSegment {
    pub mode: SegmentMode<TableIndex>,
    /// The type of the elements.
    pub ty: crate::types::RefType,
    pub items: Vec<ConstExpr>,
}

/// A data segment.
#[derive(Debug, Clone)]
pub(crate) struct DataSegment {
    pub mode: SegmentMode<MemoryIndex>,
    pub bytes: Arc<[u8]>,
}

/// Everything known about a module: declarations, segments and the IR of
/// every defined function.
#[derive(Debug, Default)]
pub(crate) struct ModuleInfo {
    pub name: Option<String>,
    /// The signature of each type (empty for a struct or array type), its
    /// defined types named by module index.
    pub types: PrimaryMap<TypeIndex, FuncType>,
    /// The definition of each type, named by module index.
    pub type_defs: PrimaryMap<TypeIndex, SubType>,
    /// The first type of each recursion group, in order.
    pub rec_groups: Vec<TypeIndex>,
    /// The engine id of each type (given when the module is loaded).
    pub type_ids: PrimaryMap<TypeIndex, TypeId>,
    /// The signature of each type as in `types`, its defined types named by
    /// engine id (what stores and the host see).
    pub canonical_types: PrimaryMap<TypeIndex, FuncType>,
    pub imports: Vec<Import>,
    /// Type of every function, imported ones first.
    pub funcs: PrimaryMap<FuncIndex, TypeIndex>,
    pub num_imported_funcs: u32,
    pub tables: PrimaryMap<TableIndex, TableType>,
    /// Initializer of each defined table (null when absent).
    pub table_inits: Vec<Option<ConstExpr>>,
    pub num_imported_tables: u32,
    pub memories: PrimaryMap<MemoryIndex, MemoryType>,
    pub num_imported_memories: u32,
    pub globals: PrimaryMap<GlobalIndex, GlobalType>,
    /// Initializer of each defined global.
    pub global_inits: Vec<ConstExpr>,
    pub num_imported_globals: u32,
    /// Type of every tag (a function type without results), imported ones
    /// first.
    pub tags: PrimaryMap<TagIndex, TypeIndex>,
    pub num_imported_tags: u32,
    pub exports: Vec<(String, EntityIndex)>,
    pub start: Option<FuncIndex>,
    pub elems: PrimaryMap<ElemIndex, ElemSegment>,
    pub datas: PrimaryMap<DataIndex, DataSegment>,
    /// IR of each defined function.
    pub code: PrimaryMap<DefinedFuncIndex, CompiledFunc>,
    /// The interpreter's form of each defined function's IR (its threaded
    /// code), derived from `code` once.
    pub interp_code: PrimaryMap<DefinedFuncIndex, crate::interp::ThreadedCode>,
    /// Names from the name section, by function index.
    pub func_names: HashMap<FuncIndex, String>,
    /// Whether the code meters fuel ([`Config::consume_fuel`](crate::Config::consume_fuel)).
    pub consume_fuel: bool,
    /// Whether the code checks for interruption.
    pub interruptible: bool,
    /// Whether the code checks the epoch deadline.
    pub epoch_interruption: bool,
    /// Whether the code counts calls and loop iterations for tier-up
    /// ([`Strategy::Auto`](crate::Strategy::Auto) in a build with the JIT).
    pub tier_up: bool,
}

impl ModuleInfo {
    /// For each memory, whether it is shared.
    #[cfg(wisp_jit)]
    pub(crate) fn shared_memories(&self) -> Vec<bool> {
        self.memories.values().map(|m| m.shared).collect()
    }

    /// The signature with type index `idx`.
    pub(crate) fn func_type(&self, idx: TypeIndex) -> &FuncType {
        &self.types[idx]
    }

    /// The payload types of tag `tag`.
    #[cfg(feature = "exceptions")]
    pub(crate) fn tag_params(&self, tag: TagIndex) -> &[crate::types::ValType] {
        self.func_type(self.tags[tag]).params()
    }

    /// The type index of function `func`.
    pub(crate) fn func_type_index(&self, func: FuncIndex) -> TypeIndex {
        self.funcs[func]
    }

    /// The defined function `func` is, if it is not imported.
    pub(crate) fn defined_func(&self, func: FuncIndex) -> Option<DefinedFuncIndex> {
        let index = func.index().checked_sub(self.num_imported_funcs as usize)?;
        Some(DefinedFuncIndex::new(index))
    }

    /// The function index of defined function `def`.
    pub(crate) fn func_index(&self, def: DefinedFuncIndex) -> FuncIndex {
        FuncIndex::new(self.num_imported_funcs as usize + def.index())
    }

    /// A printable name for function `func`: from the name section, else an
    /// export name.
    pub(crate) fn func_name(&self, func: FuncIndex) -> Option<String> {
        if let Some(n) = self.func_names.get(&func) {
            return Some(n.clone());
        }
        self.exports
            .iter()
            .find_map(|(name, e)| (*e == EntityIndex::Func(func)).then(|| name.clone()))
    }

    /// The type of entity `e`, its defined types named by engine id.
    fn extern_type(&self, e: EntityIndex) -> ExternType {
        let ty = match e {
            EntityIndex::Func(f) => ExternType::Func(self.func_type(self.funcs[f]).clone()),
            EntityIndex::Table(t) => ExternType::Table(self.tables[t]),
            EntityIndex::Memory(m) => ExternType::Memory(self.memories[m]),
            EntityIndex::Global(g) => ExternType::Global(self.globals[g]),
            EntityIndex::Tag(t) => ExternType::Tag(self.func_type(self.tags[t]).clone()),
        };
        self.canonical_extern(&ty)
    }
}

/// A validated, translated WebAssembly module, cheap to clone and ready to
/// instantiate any number of times.
#[derive(Debug, Clone)]
pub struct Module {
    pub(crate) info: Arc<ModuleInfo>,
    pub(crate) engine: Engine,
}

/// An import a module declares: module name, field name and type.
#[derive(Debug, Clone)]
pub struct ImportType<'m> {
    module: &'m str,
    name: &'m str,
    ty: ExternType,
}

impl<'m> ImportType<'m> {
    /// The module name the import is looked up in.
    pub fn module(&self) -> &'m str {
        self.module
    }
    /// The field name.
    pub fn name(&self) -> &'m str {
        self.name
    }
    /// The expected type, its defined types named by engine id
    /// ([`HeapType::Canonical`](crate::HeapType::Canonical)).
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

/// An export a module declares: name and type.
#[derive(Debug, Clone)]
pub struct ExportType<'m> {
    name: &'m str,
    ty: ExternType,
}

impl<'m> ExportType<'m> {
    /// The export's name.
    pub fn name(&self) -> &'m str {
        self.name
    }
    /// The exported entity's type, its defined types named by engine id
    /// ([`HeapType::Canonical`](crate::HeapType::Canonical)).
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

/// The contents of the file at `path`; an error naming the path if it
/// cannot be read.
#[cfg(feature = "std")]
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path)
        .map_err(|e| Error::io(alloc::format!("cannot read {}: {e}", path.display())))
}

impl Module {
    /// Decodes, validates and translates a module: binary, or WebAssembly
    /// text when the `wat` feature is on.
    ///
    /// A malformed or invalid module is an [`ErrorKind::Compile`](crate::ErrorKind::Compile)
    /// error naming the cause and the byte offset; text that does not parse
    /// (or text without the `wat` feature) is an
    /// [`ErrorKind::Text`](crate::ErrorKind::Text) error.
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Self, Error> {
        let wasm = text::binary_of(bytes.as_ref())?;
        let info = parse::parse(engine, &wasm)?;
        Ok(Self {
            info: Arc::new(info),
            engine: engine.clone(),
        })
    }

    /// Reads and compiles a module file (binary, or text with the `wat`
    /// feature). A file that cannot be read is an
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) error naming the path.
    #[cfg(feature = "std")]
    pub fn from_file(engine: &Engine, path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        Self::new(engine, read_file(path.as_ref())?)
    }

    /// The module in bytes — its declarations, segments and translated IR —
    /// for [`Module::deserialize`] to load without decoding, validating or
    /// translating it again. The bytes name the wisp version and the
    /// engine settings they were made under; only the same wisp with the
    /// same settings loads them.
    pub fn serialize(&self) -> Result<Vec<u8>, Error> {
        Ok(artifact::serialize(&self.engine, &self.info))
    }

    /// Whether `bytes` start like the output of [`Module::serialize`] (only
    /// the first bytes are looked at; [`Module::deserialize`] checks the
    /// rest). [`Engine::detect_precompiled`] says the same the wasmtime way.
    pub fn is_precompiled(bytes: &[u8]) -> bool {
        artifact::looks_serialized(bytes)
    }

    /// Loads a module from the bytes of [`Module::serialize`].
    ///
    /// Bytes from another wisp version, made under other engine settings,
    /// damaged, truncated or not an artifact at all are an error saying
    /// which, and every function's IR is checked by the IR verifier before
    /// it can run.
    ///
    /// # Safety
    ///
    /// As with wasmtime's `Module::deserialize`, the bytes must come from
    /// `Module::serialize` of a trusted source: the checks above catch
    /// accidents, not an attacker who forges a checksum over IR that
    /// verifies yet indexes outside what the module declares (compiled
    /// machine code, once the JIT exists, will not be checked at all).
    #[allow(unsafe_code)]
    pub unsafe fn deserialize(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Self, Error> {
        let info = artifact::deserialize(engine, bytes.as_ref())?;
        Ok(Self {
            info: Arc::new(info),
            engine: engine.clone(),
        })
    }

    /// [`Module::deserialize`] of a file's contents.
    ///
    /// # Safety
    ///
    /// As for [`Module::deserialize`].
    #[cfg(feature = "std")]
    #[allow(unsafe_code)]
    pub unsafe fn deserialize_file(
        engine: &Engine,
        path: impl AsRef<std::path::Path>,
    ) -> Result<Self, Error> {
        let bytes = read_file(path.as_ref())?;
        // SAFETY: the caller's promise covers the file.
        unsafe { Self::deserialize(engine, bytes) }
    }

    /// Checks that `bytes` is a valid module under `engine`'s configuration,
    /// without keeping the translation.
    pub fn validate(engine: &Engine, bytes: &[u8]) -> Result<(), Error> {
        parse::parse(engine, bytes).map(|_| ())
    }

    /// The engine this module was compiled for.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The module's name, from its name section.
    pub fn name(&self) -> Option<&str> {
        self.info.name.as_deref()
    }

    /// The module's imports, in declaration order.
    pub fn imports(&self) -> impl ExactSizeIterator<Item = ImportType<'_>> + '_ {
        self.info.imports.iter().map(|i| ImportType {
            module: &i.module,
            name: &i.name,
            ty: self.info.canonical_extern(&i.ty),
        })
    }

    /// The module's exports, in declaration order.
    pub fn exports(&self) -> impl ExactSizeIterator<Item = ExportType<'_>> + '_ {
        self.info.exports.iter().map(|(name, e)| ExportType {
            name,
            ty: self.info.extern_type(*e),
        })
    }

    /// Finds a function by export name, name-section name, or index.
    pub fn find_func(&self, name: &str) -> Option<u32> {
        self.find_func_index(name).map(|f| f.as_u32())
    }

    /// [`find_func`](Self::find_func), typed.
    pub(crate) fn find_func_index(&self, name: &str) -> Option<FuncIndex> {
        let info = &self.info;
        info.exports
            .iter()
            .find_map(|(n, e)| match e {
                EntityIndex::Func(f) if n == name => Some(*f),
                _ => None,
            })
            .or_else(|| {
                info.func_names
                    .iter()
                    .find_map(|(i, n)| (n == name).then_some(*i))
            })
            .or_else(|| {
                name.parse::<u32>()
                    .ok()
                    .map(FuncIndex::from_u32)
                    .filter(|i| info.funcs.is_valid(*i))
            })
    }

    /// The IR of function `name` (export name, name-section name or index),
    /// printed readably; `None` if there is no such defined function.
    pub fn dump_ir(&self, name: &str) -> Option<String> {
        let func = self.find_func_index(name)?;
        let def = self.info.defined_func(func)?;
        let code = self.info.code.get(def)?;
        let ty = self.info.func_type(self.info.funcs[func]);
        let mut out = alloc::format!("func {func} {ty}\n");
        out.push_str(&crate::ir::dump_function(code));
        Some(out)
    }

    /// The x86_64 machine code the JIT compiles function `name` (export
    /// name, name-section name or index) to, each IR instruction followed
    /// by its bytes, as a store with the default memory hooks compiles it
    /// (trapping by signals if the engine's configuration says so);
    /// `None` if there is no such defined function. Only in builds with
    /// the JIT (the `jit` feature, on x86_64).
    #[cfg(wisp_jit)]
    pub fn dump_jit(&self, name: &str) -> Option<String> {
        let func = self.find_func_index(name)?;
        let def = self.info.defined_func(func)?;
        let code = self.info.code.get(def)?;
        let ty = self.info.func_type(self.info.funcs[func]);
        let mut out = alloc::format!("func {func} {ty}\n");
        let mut jit = crate::runtime::StoreJit::default();
        let (signals, guarded) = jit.guarded_memories(&self.info, self.engine.config(), None);
        let shared = self.info.shared_memories();
        let traps = crate::jit::lower::Traps {
            signals,
            guarded: &guarded,
            shared: &shared,
        };
        // Lowered with the module's other functions, which calls reach
        // directly, as the module is compiled.
        let unit = crate::jit::compile::UnitFuncs {
            code: self.info.code.as_values_slice(),
            range: 0..self.info.code.len(),
            imported_funcs: self.info.num_imported_funcs,
        };
        let mut lowered = crate::jit::compile::lower_unit(&unit, traps);
        let lowered = lowered.swap_remove(def.as_u32() as usize);
        out.push_str(&crate::jit::dump::dump(code, lowered, traps));
        Some(out)
    }
}
