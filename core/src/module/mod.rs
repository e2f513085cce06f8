//! Compiled modules: decoding, validation and translation of a binary.

mod const_expr;
mod parse;

pub(crate) use const_expr::ConstExpr;

use crate::error::Error;
use crate::ir::CompiledFunc;
use crate::runtime::Engine;
use crate::types::{ExternType, FuncType, GlobalType, MemoryType, TableType};
use alloc::{string::String, sync::Arc, vec::Vec};
use hashbrown::HashMap;

/// What kind of entity an import or export names, with its index space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityIndex {
    Func(u32),
    Table(u32),
    Memory(u32),
    Global(u32),
    Tag(u32),
}

/// An import as declared by the module.
#[derive(Debug, Clone)]
pub(crate) struct Import {
    pub module: String,
    pub name: String,
    pub ty: ExternType,
}

/// Where an element or data segment goes.
#[derive(Debug, Clone)]
pub(crate) enum SegmentMode {
    /// Applied at instantiation to `index` at `offset`, then dropped.
    Active { index: u32, offset: ConstExpr },
    /// Used by `table.init` / `memory.init`.
    Passive,
    /// Only declares functions as referenceable; dropped at instantiation.
    Declared,
}

/// An element segment.
#[derive(Debug, Clone)]
pub(crate) struct ElemSegment {
    pub mode: SegmentMode,
    pub items: Vec<ConstExpr>,
}

/// A data segment.
#[derive(Debug, Clone)]
pub(crate) struct DataSegment {
    pub mode: SegmentMode,
    pub bytes: Arc<[u8]>,
}

/// Everything known about a module: declarations, segments and the IR of
/// every defined function.
#[derive(Debug, Default)]
pub(crate) struct ModuleInfo {
    pub name: Option<String>,
    pub types: Vec<FuncType>,
    pub imports: Vec<Import>,
    /// Type index of every function, imported ones first.
    pub funcs: Vec<u32>,
    pub num_imported_funcs: u32,
    pub tables: Vec<TableType>,
    /// Initializer of each defined table (null when absent).
    pub table_inits: Vec<Option<ConstExpr>>,
    pub num_imported_tables: u32,
    pub memories: Vec<MemoryType>,
    pub num_imported_memories: u32,
    pub globals: Vec<GlobalType>,
    /// Initializer of each defined global.
    pub global_inits: Vec<ConstExpr>,
    pub num_imported_globals: u32,
    pub exports: Vec<(String, EntityIndex)>,
    pub start: Option<u32>,
    pub elems: Vec<ElemSegment>,
    pub datas: Vec<DataSegment>,
    /// IR of each defined function.
    pub code: Vec<CompiledFunc>,
    /// The interpreter's form of each defined function's IR (its threaded
    /// code), derived from `code` once.
    pub interp_code: Vec<crate::interp::ThreadedCode>,
    /// Names from the name section, by function index.
    pub func_names: HashMap<u32, String>,
    /// Whether the code meters fuel ([`Config::consume_fuel`](crate::Config::consume_fuel)).
    pub consume_fuel: bool,
    /// Whether the code checks for interruption.
    pub interruptible: bool,
}

impl ModuleInfo {
    /// The signature with type index `idx`.
    pub(crate) fn func_type(&self, idx: u32) -> &FuncType {
        &self.types[idx as usize]
    }

    /// The type index of function `func`.
    pub(crate) fn func_type_index(&self, func: u32) -> u32 {
        self.funcs[func as usize]
    }

    /// A printable name for function `func`: from the name section, else an
    /// export name.
    pub(crate) fn func_name(&self, func: u32) -> Option<String> {
        if let Some(n) = self.func_names.get(&func) {
            return Some(n.clone());
        }
        self.exports
            .iter()
            .find_map(|(name, e)| (*e == EntityIndex::Func(func)).then(|| name.clone()))
    }

    fn extern_type(&self, e: EntityIndex) -> ExternType {
        match e {
            EntityIndex::Func(f) => {
                ExternType::Func(self.func_type(self.funcs[f as usize]).clone())
            }
            EntityIndex::Table(t) => ExternType::Table(self.tables[t as usize]),
            EntityIndex::Memory(m) => ExternType::Memory(self.memories[m as usize]),
            EntityIndex::Global(g) => ExternType::Global(self.globals[g as usize]),
            EntityIndex::Tag(_) => ExternType::Tag(FuncType::new([], [])),
        }
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
    /// The expected type.
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
    /// The exported entity's type.
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

impl Module {
    /// Decodes, validates and translates a binary module.
    ///
    /// A malformed or invalid module is an [`ErrorKind::Compile`](crate::ErrorKind::Compile)
    /// error naming the cause and the byte offset.
    pub fn new(engine: &Engine, bytes: &[u8]) -> Result<Self, Error> {
        let info = parse::parse(engine, bytes)?;
        Ok(Self {
            info: Arc::new(info),
            engine: engine.clone(),
        })
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
            ty: i.ty.clone(),
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
                    .filter(|i| (*i as usize) < info.funcs.len())
            })
    }

    /// The IR of function `name` (export name, name-section name or index),
    /// printed readably; `None` if there is no such defined function.
    pub fn dump_ir(&self, name: &str) -> Option<String> {
        let func = self.find_func(name)?;
        let def = func.checked_sub(self.info.num_imported_funcs)?;
        let code = self.info.code.get(def as usize)?;
        let ty = self.info.func_type(self.info.funcs[func as usize]);
        let mut out = alloc::format!("func {func} {ty}\n");
        out.push_str(&crate::ir::dump_function(code));
        Some(out)
    }
}
