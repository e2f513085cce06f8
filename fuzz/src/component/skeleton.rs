//! Components of a fixed shape around a core module wasm-smith generates,
//! for inputs that are not components themselves.
//!
//! The input chooses, in this order:
//! - up to three host functions the component imports and lowers into the
//!   core module (parameters and results without strings, lists, named
//!   types or handles, which a lowering without memory cannot carry);
//! - one to four functions the component exports, lifted from the core
//!   module: parameters and a result of any type (strings, lists,
//!   records, variants, enums, flags, options, results, tuples, `own` and
//!   `borrow` of the component's resource `r`; sometimes more than 16 flat
//!   parameters, spilled to memory), a string encoding, sometimes a
//!   `post-return`;
//! - the core module: wasm-smith, with exactly the exports the lifts need
//!   (`memory`, `realloc`, `fN` of the flat signatures, `post-fN`) and
//!   imports among the lowered functions and `r`'s `resource.new`,
//!   `resource.rep` and `resource.drop`.
//!
//! The bodies are wasm-smith's: they return whatever pointers, lengths,
//! discriminants, handles and code points they compute, which the lifts
//! must check, and `realloc` answers the host's lowerings with whatever
//! it likes.

use arbitrary::{Result, Unstructured};
use wasm_encoder::{
    CanonicalOption, CodeSection, ComponentBuilder, ComponentExportKind, ComponentTypeRef,
    ComponentValType, EntityType, ExportKind, ExportSection, Function, FunctionSection,
    ImportSection, Instruction, MemorySection, MemoryType, Module, ModuleArg, PrimitiveValType,
    TypeSection, ValType,
};

/// A component value type, as generated.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Prim(PrimitiveValType),
    List(Box<Ty>),
    Record(Vec<Ty>),
    Tuple(Vec<Ty>),
    Variant(Vec<Option<Ty>>),
    Enum(u32),
    Option(Box<Ty>),
    Result(Option<Box<Ty>>, Option<Box<Ty>>),
    Flags(u32),
    Own,
    Borrow,
}

/// What a generated type may contain.
#[derive(Clone, Copy)]
struct Allowed {
    /// Strings and lists (the lift or lower has a memory).
    memory: bool,
    /// Records, variants, enums and flags (which an export names).
    named: bool,
    /// `own<r>`.
    own: bool,
    /// `borrow<r>` (never in a result).
    borrow: bool,
}

const SCALARS: [PrimitiveValType; 12] = [
    PrimitiveValType::Bool,
    PrimitiveValType::S8,
    PrimitiveValType::U8,
    PrimitiveValType::S16,
    PrimitiveValType::U16,
    PrimitiveValType::S32,
    PrimitiveValType::U32,
    PrimitiveValType::S64,
    PrimitiveValType::U64,
    PrimitiveValType::F32,
    PrimitiveValType::F64,
    PrimitiveValType::Char,
];

fn scalar(u: &mut Unstructured<'_>) -> Result<Ty> {
    Ok(Ty::Prim(*u.choose(&SCALARS)?))
}

fn arbitrary_ty(u: &mut Unstructured<'_>, depth: u32, allowed: Allowed) -> Result<Ty> {
    // Kinds: 0 scalar, 1 string, 2 list, 3 record, 4 tuple, 5 variant,
    // 6 enum, 7 option, 8 result, 9 flags, 10 own, 11 borrow.
    let mut kinds = vec![0u8, 0, 0];
    if allowed.memory {
        kinds.push(1);
    }
    if depth > 0 {
        kinds.extend([4, 7, 8]);
        if allowed.memory {
            kinds.push(2);
        }
        if allowed.named {
            kinds.extend([3, 5]);
        }
    }
    if allowed.named {
        kinds.extend([6, 9]);
    }
    if allowed.own {
        kinds.push(10);
    }
    if allowed.borrow {
        kinds.push(11);
    }
    let inner = |u: &mut Unstructured<'_>| arbitrary_ty(u, depth - 1, allowed);
    let some = |u: &mut Unstructured<'_>| -> Result<Option<Box<Ty>>> {
        Ok(if u.arbitrary()? {
            Some(Box::new(arbitrary_ty(u, depth - 1, allowed)?))
        } else {
            None
        })
    };
    Ok(match *u.choose(&kinds)? {
        1 => Ty::Prim(PrimitiveValType::String),
        2 => Ty::List(Box::new(inner(u)?)),
        3 => Ty::Record(
            (0..u.int_in_range(1..=3)?)
                .map(|_| inner(u))
                .collect::<Result<_>>()?,
        ),
        4 => Ty::Tuple(
            (0..u.int_in_range(1..=3)?)
                .map(|_| inner(u))
                .collect::<Result<_>>()?,
        ),
        5 => Ty::Variant(
            (0..u.int_in_range(1..=4)?)
                .map(|_| Ok(some(u)?.map(|t| *t)))
                .collect::<Result<_>>()?,
        ),
        6 => Ty::Enum(if u.ratio(1u8, 8)? {
            257
        } else {
            u.int_in_range(1..=4)?
        }),
        7 => Ty::Option(Box::new(inner(u)?)),
        8 => Ty::Result(some(u)?, some(u)?),
        9 => Ty::Flags(u.int_in_range(1..=32)?),
        10 => Ty::Own,
        11 => Ty::Borrow,
        _ => scalar(u)?,
    })
}

/// The canonical ABI's `join` of two flat types.
fn join(a: ValType, b: ValType) -> ValType {
    match (a, b) {
        _ if a == b => a,
        (ValType::I32, ValType::F32) | (ValType::F32, ValType::I32) => ValType::I32,
        _ => ValType::I64,
    }
}

/// Appends the canonical ABI's flattening of `ty`.
fn flatten(ty: &Ty, out: &mut Vec<ValType>) {
    let cases = |payloads: &mut dyn Iterator<Item = Option<&Ty>>, out: &mut Vec<ValType>| {
        out.push(ValType::I32);
        let mut joined: Vec<ValType> = Vec::new();
        for payload in payloads.flatten() {
            let mut flat = Vec::new();
            flatten(payload, &mut flat);
            for (i, t) in flat.into_iter().enumerate() {
                match joined.get_mut(i) {
                    Some(slot) => *slot = join(*slot, t),
                    None => joined.push(t),
                }
            }
        }
        out.extend(joined);
    };
    match ty {
        Ty::Prim(p) => out.extend_from_slice(match p {
            PrimitiveValType::S64 | PrimitiveValType::U64 => &[ValType::I64],
            PrimitiveValType::F32 => &[ValType::F32],
            PrimitiveValType::F64 => &[ValType::F64],
            PrimitiveValType::String => &[ValType::I32, ValType::I32],
            _ => &[ValType::I32],
        }),
        Ty::List(_) => out.extend([ValType::I32, ValType::I32]),
        Ty::Record(types) | Ty::Tuple(types) => types.iter().for_each(|t| flatten(t, out)),
        Ty::Variant(payloads) => cases(&mut payloads.iter().map(|p| p.as_ref()), out),
        Ty::Option(some) => cases(&mut [None, Some(&**some)].into_iter(), out),
        Ty::Result(ok, err) => cases(&mut [ok.as_deref(), err.as_deref()].into_iter(), out),
        Ty::Enum(_) | Ty::Flags(_) | Ty::Own | Ty::Borrow => out.push(ValType::I32),
    }
}

fn flatten_all(types: &[Ty]) -> Vec<ValType> {
    let mut out = Vec::new();
    types.iter().for_each(|t| flatten(t, &mut out));
    out
}

/// Encodes types into a component, exporting the named ones (as `tN`),
/// which an exported function's type may only name as exported.
struct Encoder<'a> {
    builder: &'a mut ComponentBuilder,
    /// The exported index of the resource type `r`.
    resource: u32,
    exported: u32,
}

impl Encoder<'_> {
    fn encode(&mut self, ty: &Ty) -> ComponentValType {
        let names = |prefix: &str, n: u32| -> Vec<String> {
            (0..n).map(|i| format!("{prefix}{i}")).collect()
        };
        let (named, index) = match ty {
            Ty::Prim(p) => return ComponentValType::Primitive(*p),
            Ty::List(elem) => {
                let elem = self.encode(elem);
                let (index, def) = self.builder.type_defined(None);
                def.list(elem);
                (false, index)
            }
            Ty::Record(types) => {
                let types: Vec<_> = types.iter().map(|t| self.encode(t)).collect();
                let fields = names("x", types.len() as u32);
                let (index, def) = self.builder.type_defined(None);
                def.record(fields.iter().map(String::as_str).zip(types));
                (true, index)
            }
            Ty::Tuple(types) => {
                let types: Vec<_> = types.iter().map(|t| self.encode(t)).collect();
                let (index, def) = self.builder.type_defined(None);
                def.tuple(types);
                (false, index)
            }
            Ty::Variant(payloads) => {
                let payloads: Vec<_> = payloads
                    .iter()
                    .map(|p| p.as_ref().map(|t| self.encode(t)))
                    .collect();
                let cases = names("c", payloads.len() as u32);
                let (index, def) = self.builder.type_defined(None);
                def.variant(cases.iter().map(String::as_str).zip(payloads));
                (true, index)
            }
            Ty::Enum(n) => {
                let cases = names("e", *n);
                let (index, def) = self.builder.type_defined(None);
                def.enum_type(cases.iter().map(String::as_str));
                (true, index)
            }
            Ty::Flags(n) => {
                let flags = names("g", *n);
                let (index, def) = self.builder.type_defined(None);
                def.flags(flags.iter().map(String::as_str));
                (true, index)
            }
            Ty::Option(some) => {
                let some = self.encode(some);
                let (index, def) = self.builder.type_defined(None);
                def.option(some);
                (false, index)
            }
            Ty::Result(ok, err) => {
                let ok = ok.as_ref().map(|t| self.encode(t));
                let err = err.as_ref().map(|t| self.encode(t));
                let (index, def) = self.builder.type_defined(None);
                def.result(ok, err);
                (false, index)
            }
            Ty::Own | Ty::Borrow => {
                let (index, def) = self.builder.type_defined(None);
                if *ty == Ty::Own {
                    def.own(self.resource);
                } else {
                    def.borrow(self.resource);
                }
                (false, index)
            }
        };
        if !named {
            return ComponentValType::Type(index);
        }
        let name = format!("t{}", self.exported);
        self.exported += 1;
        ComponentValType::Type(self.builder.export(
            name.as_str(),
            ComponentExportKind::Type,
            index,
            None,
        ))
    }

    /// A function type of `params` and `result`.
    fn func_type(&mut self, params: &[Ty], result: Option<&Ty>) -> u32 {
        let params: Vec<_> = params.iter().map(|t| self.encode(t)).collect();
        let result = result.map(|t| self.encode(t));
        let names: Vec<String> = (0..params.len()).map(|i| format!("p{i}")).collect();
        let (index, mut f) = self.builder.type_function(None);
        f.params(names.iter().map(String::as_str).zip(params));
        f.result(result);
        index
    }
}

/// A function the component imports from the host.
struct Import {
    params: Vec<Ty>,
    result: Option<Ty>,
}

/// A function the component exports.
struct Export {
    params: Vec<Ty>,
    result: Option<Ty>,
    encoding: CanonicalOption,
    post_return: bool,
}

impl Export {
    /// The core function's parameters and results: flat, or a pointer to
    /// the spilled parameters and to the results in memory.
    fn core_signature(&self) -> (Vec<ValType>, Vec<ValType>) {
        let mut params = flatten_all(&self.params);
        if params.len() > 16 {
            params = vec![ValType::I32];
        }
        let mut results = flatten_all(self.result.as_slice());
        if results.len() > 1 {
            results = vec![ValType::I32];
        }
        (params, results)
    }
}

const MAX_IMPORTS: usize = 3;
const MAX_EXPORTS: usize = 4;

fn arbitrary_import(u: &mut Unstructured<'_>) -> Result<Import> {
    let allowed = Allowed {
        memory: false,
        named: false,
        own: false,
        borrow: false,
    };
    let mut params = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        params.push(arbitrary_ty(u, 2, allowed)?);
    }
    // No more flat parameters than the core call takes, a result of one
    // flat value: nothing goes through memory.
    while flatten_all(&params).len() > 16 {
        params.pop();
    }
    let result = if u.arbitrary()? {
        Some(scalar(u)?)
    } else {
        None
    };
    Ok(Import { params, result })
}

fn arbitrary_export(u: &mut Unstructured<'_>) -> Result<Export> {
    let params_allowed = Allowed {
        memory: true,
        named: true,
        own: true,
        borrow: true,
    };
    let mut params = Vec::new();
    if u.ratio(1u8, 8)? {
        // Spilled: more than 16 flat values.
        while flatten_all(&params).len() <= 16 {
            params.push(arbitrary_ty(u, 1, params_allowed)?);
        }
    } else {
        for _ in 0..u.int_in_range(0..=4)? {
            params.push(arbitrary_ty(u, 3, params_allowed)?);
        }
    }
    let result = if u.ratio(3u8, 4)? {
        let allowed = Allowed {
            borrow: false,
            ..params_allowed
        };
        Some(arbitrary_ty(u, 3, allowed)?)
    } else {
        None
    };
    Ok(Export {
        params,
        result,
        encoding: *u.choose(&[
            CanonicalOption::UTF8,
            CanonicalOption::UTF16,
            CanonicalOption::CompactUTF16,
        ])?,
        post_return: u.ratio(1u8, 4)?,
    })
}

fn core_func(types: &mut TypeSection, params: &[ValType], results: &[ValType]) -> u32 {
    let index = types.len();
    types
        .ty()
        .function(params.iter().copied(), results.iter().copied());
    index
}

/// The core module's imports wasm-smith may choose among: each lowered
/// host function and the resource built-ins, from `host`.
fn imports_module(imports: &[Import]) -> Vec<u8> {
    let mut types = TypeSection::new();
    let mut section = ImportSection::new();
    for (i, import) in imports.iter().enumerate() {
        let params = flatten_all(&import.params);
        let results = flatten_all(import.result.as_slice());
        let ty = core_func(&mut types, &params, &results);
        section.import("host", &format!("imp{i}"), EntityType::Function(ty));
    }
    let to_i32 = core_func(&mut types, &[ValType::I32], &[ValType::I32]);
    let drop = core_func(&mut types, &[ValType::I32], &[]);
    section.import("host", "resource-new", EntityType::Function(to_i32));
    section.import("host", "resource-rep", EntityType::Function(to_i32));
    section.import("host", "resource-drop", EntityType::Function(drop));
    let mut module = Module::new();
    module.section(&types).section(&section);
    module.finish()
}

/// The core module's exports, as wasm-smith is to make them: `memory`
/// (one to sixteen pages), `realloc`, `fN` and `post-fN`.
fn exports_module(exports: &[Export]) -> Vec<u8> {
    let mut types = TypeSection::new();
    let mut funcs = FunctionSection::new();
    let mut code = CodeSection::new();
    let mut section = ExportSection::new();
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: 1,
        maximum: Some(16),
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    section.export("memory", ExportKind::Memory, 0);
    let mut add = |name: &str, params: &[ValType], results: &[ValType]| {
        let ty = core_func(&mut types, params, results);
        section.export(name, ExportKind::Func, funcs.len());
        funcs.function(ty);
        let mut body = Function::new([]);
        body.instruction(&Instruction::Unreachable);
        body.instruction(&Instruction::End);
        code.function(&body);
    };
    add("realloc", &[ValType::I32; 4], &[ValType::I32]);
    for (i, export) in exports.iter().enumerate() {
        let (params, results) = export.core_signature();
        add(&format!("f{i}"), &params, &results);
        if export.post_return {
            add(&format!("post-f{i}"), &results, &[]);
        }
    }
    let mut module = Module::new();
    module
        .section(&types)
        .section(&funcs)
        .section(&memories)
        .section(&section)
        .section(&code);
    module.finish()
}

/// Builds a component from `u`.
pub fn build(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    let imports: Vec<Import> = (0..u.int_in_range(0..=MAX_IMPORTS)?)
        .map(|_| arbitrary_import(u))
        .collect::<Result<_>>()?;
    let exports: Vec<Export> = (0..u.int_in_range(1..=MAX_EXPORTS)?)
        .map(|_| arbitrary_export(u))
        .collect::<Result<_>>()?;
    let config = wasm_smith::Config {
        available_imports: Some(imports_module(&imports)),
        exports: Some(exports_module(&exports)),
        max_imports: imports.len() + 3,
        export_everything: false,
        max_memory32_bytes: 16 << 16,
        // wasm-smith's default, which wasmparser's default features (those
        // of wisp's component validator) include but wisp's engine does not.
        compact_imports_enabled: false,
        // Not among wasmparser's default features.
        custom_page_sizes_enabled: false,
        ..crate::modules::executed_smith_config()
    };
    let module = wasm_smith::Module::new(config, u)?.to_bytes();
    let imported: Vec<String> = wasmparser::Parser::new(0)
        .parse_all(&module)
        .filter_map(|p| match p {
            Ok(wasmparser::Payload::ImportSection(reader)) => Some(
                reader
                    .into_imports()
                    .flatten()
                    .map(|i| i.name.to_string())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();

    let mut builder = ComponentBuilder::default();
    let resource = builder.type_resource(None, ValType::I32, None);
    let resource_exported = builder.export("r", ComponentExportKind::Type, resource, None);
    let mut host: Vec<(String, u32)> = Vec::new();
    for (i, import) in imports.iter().enumerate() {
        let mut encoder = Encoder {
            builder: &mut builder,
            resource: resource_exported,
            exported: 0,
        };
        let ty = encoder.func_type(&import.params, import.result.as_ref());
        let name = format!("imp{i}");
        let func = builder.import(name.as_str(), ComponentTypeRef::Func(ty));
        let core = builder.lower_func(None, func, Vec::<CanonicalOption>::new());
        host.push((name, core));
    }
    host.push(("resource-new".into(), builder.resource_new(resource)));
    host.push(("resource-rep".into(), builder.resource_rep(resource)));
    host.push(("resource-drop".into(), builder.resource_drop(resource)));
    host.retain(|(name, _)| imported.contains(name));
    let module_index = builder.core_module_raw(None, &module);
    let instance = if host.is_empty() {
        builder.core_instantiate(None, module_index, Vec::<(&str, ModuleArg)>::new())
    } else {
        let host_instance = builder.core_instantiate_exports(
            None,
            host.iter()
                .map(|(name, core)| (name.as_str(), ExportKind::Func, *core)),
        );
        builder.core_instantiate(
            None,
            module_index,
            [("host", ModuleArg::Instance(host_instance))],
        )
    };
    let memory = builder.core_alias_export(None, instance, "memory", ExportKind::Memory);
    let realloc = builder.core_alias_export(None, instance, "realloc", ExportKind::Func);
    let mut exported = 0;
    for (i, export) in exports.iter().enumerate() {
        let core = builder.core_alias_export(None, instance, &format!("f{i}"), ExportKind::Func);
        let mut options = vec![
            export.encoding,
            CanonicalOption::Memory(memory),
            CanonicalOption::Realloc(realloc),
        ];
        if export.post_return {
            let post =
                builder.core_alias_export(None, instance, &format!("post-f{i}"), ExportKind::Func);
            options.push(CanonicalOption::PostReturn(post));
        }
        let mut encoder = Encoder {
            builder: &mut builder,
            resource: resource_exported,
            exported,
        };
        let ty = encoder.func_type(&export.params, export.result.as_ref());
        exported = encoder.exported;
        let func = builder.lift_func(None, core, ty, options);
        builder.export(
            format!("f{i}").as_str(),
            ComponentExportKind::Func,
            func,
            None,
        );
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening_follows_the_canonical_abi() {
        let i32_ = ValType::I32;
        let cases: [(Ty, Vec<ValType>); 5] = [
            (Ty::Prim(PrimitiveValType::String), vec![i32_, i32_]),
            (
                Ty::Option(Box::new(Ty::Prim(PrimitiveValType::F64))),
                vec![i32_, ValType::F64],
            ),
            (
                Ty::Result(
                    Some(Box::new(Ty::Prim(PrimitiveValType::U32))),
                    Some(Box::new(Ty::Prim(PrimitiveValType::F32))),
                ),
                vec![i32_, i32_],
            ),
            (
                Ty::Variant(vec![
                    None,
                    Some(Ty::Prim(PrimitiveValType::F64)),
                    Some(Ty::Tuple(vec![
                        Ty::Prim(PrimitiveValType::U8),
                        Ty::Prim(PrimitiveValType::F32),
                    ])),
                ]),
                vec![i32_, ValType::I64, ValType::F32],
            ),
            (Ty::Flags(32), vec![i32_]),
        ];
        for (ty, flat) in cases {
            assert_eq!(flatten_all(std::slice::from_ref(&ty)), flat, "{ty:?}");
        }
    }
}
