//! One pass over a binary: validate every section and function body with
//! wasmparser and translate bodies to IR as they are validated.

use super::branch_hint::{self, BranchHints};
use super::{ConstExpr, DataSegment, ElemSegment, EntityIndex, Import, ModuleInfo, SegmentMode};
use crate::error::Error;
use crate::index::{FuncIndex, GlobalIndex, MemoryIndex, TableIndex, TagIndex, TypeIndex};
use crate::runtime::Engine;
use crate::translate::{Scratch, translate_function};
use crate::types::{ExternType, GlobalType, MemoryType, TableType};
use alloc::{string::ToString, vec::Vec};
use wasmparser::{
    ElementItems, ElementKind, ExternalKind, FuncValidatorAllocations, KnownCustom, Name, Parser,
    Payload, TypeRef, ValidPayload, Validator,
};

/// Decodes, validates and translates `bytes`.
pub(super) fn parse(engine: &Engine, bytes: &[u8]) -> Result<ModuleInfo, Error> {
    let mut validator = Validator::new_with_features(engine.config().validated_features());
    let mut info = ModuleInfo {
        consume_fuel: engine.config().consume_fuel,
        interruptible: engine.config().interruptible,
        epoch_interruption: engine.config().epoch_interruption,
        tier_up: engine.config().tiers_up(),
        ..ModuleInfo::default()
    };
    let mut allocs = FuncValidatorAllocations::default();
    let mut scratch = Scratch::default();
    // The parser decodes binary encodings that only some proposals define
    // (compact imports, ...) only when its features allow them: the
    // validator does not check the encoding again.
    let mut parser = Parser::new(0);
    parser.set_features(engine.config().features);
    // The branch hints, checked as the bodies are translated: the section
    // comes before the code section.
    let mut hints: Option<BranchHints> = None;
    let mut code_started = false;
    for payload in parser.parse_all(bytes) {
        let payload = payload?;
        if let ValidPayload::Func(func, body) = validator.payload(&payload)? {
            let func_index = info.func_index(info.code.next_key());
            let type_index = info.func_type_index(func_index);
            let offsets = hints
                .as_ref()
                .map_or(&[][..], |h| h.of(func_index.as_u32()));
            let (compiled, a) = translate_function(
                &info,
                type_index,
                &body,
                func.into_validator(core::mem::take(&mut allocs)),
                crate::translate::BranchHints {
                    func: func_index.as_u32(),
                    offsets,
                },
                &mut scratch,
            )?;
            allocs = a;
            info.interp_code.push(crate::interp::thread(&compiled.code));
            info.code.push(compiled);
            continue;
        }
        match &payload {
            Payload::CodeSectionStart { .. } => code_started = true,
            Payload::CustomSection(section) if section.name() == branch_hint::SECTION => {
                let at = section.data_offset();
                if hints.is_some() {
                    return Err(branch_hint::error("a second section", at));
                }
                if code_started {
                    return Err(branch_hint::error("after the code section", at));
                }
                hints = Some(BranchHints::read(section)?);
                continue;
            }
            _ => {}
        }
        read_section(&mut info, payload)?;
    }
    if let Some(hints) = hints {
        hints.check_functions(info.num_imported_funcs, info.funcs.len() as u32)?;
    }
    info.register_types(engine);
    Ok(info)
}

fn read_section(info: &mut ModuleInfo, payload: Payload<'_>) -> Result<(), Error> {
    match payload {
        Payload::TypeSection(reader) => {
            for group in reader {
                info.push_rec_group(group?);
            }
        }
        Payload::ImportSection(reader) => {
            for import in reader.into_imports() {
                let import = import?;
                let ty = match import.ty {
                    TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                        let t = TypeIndex::from_u32(t);
                        info.funcs.push(t);
                        info.num_imported_funcs += 1;
                        ExternType::Func(info.func_type(t).clone())
                    }
                    TypeRef::Table(t) => {
                        let t = TableType::from_wasmparser(&t);
                        info.tables.push(t);
                        info.num_imported_tables += 1;
                        ExternType::Table(t)
                    }
                    TypeRef::Memory(m) => {
                        let m = MemoryType::from_wasmparser(&m);
                        info.memories.push(m);
                        info.num_imported_memories += 1;
                        ExternType::Memory(m)
                    }
                    TypeRef::Global(g) => {
                        let g = global_type(&g);
                        info.globals.push(g);
                        info.num_imported_globals += 1;
                        ExternType::Global(g)
                    }
                    TypeRef::Tag(t) => {
                        let t = TypeIndex::from_u32(t.func_type_idx);
                        info.tags.push(t);
                        info.num_imported_tags += 1;
                        ExternType::Tag(info.func_type(t).clone())
                    }
                };
                info.imports.push(Import {
                    module: import.module.to_string(),
                    name: import.name.to_string(),
                    ty,
                });
            }
        }
        Payload::FunctionSection(reader) => {
            for ty in reader {
                info.funcs.push(TypeIndex::from_u32(ty?));
            }
        }
        Payload::TableSection(reader) => {
            for table in reader {
                let table = table?;
                info.tables.push(TableType::from_wasmparser(&table.ty));
                info.table_inits.push(match table.init {
                    wasmparser::TableInit::RefNull => None,
                    wasmparser::TableInit::Expr(e) => Some(ConstExpr::read(&e)?),
                });
            }
        }
        Payload::MemorySection(reader) => {
            for mem in reader {
                info.memories.push(MemoryType::from_wasmparser(&mem?));
            }
        }
        Payload::TagSection(reader) => {
            for tag in reader {
                info.tags.push(TypeIndex::from_u32(tag?.func_type_idx));
            }
        }
        Payload::GlobalSection(reader) => {
            for global in reader {
                let global = global?;
                info.globals.push(global_type(&global.ty));
                info.global_inits.push(ConstExpr::read(&global.init_expr)?);
            }
        }
        Payload::ExportSection(reader) => {
            for export in reader {
                let export = export?;
                let index = match export.kind {
                    ExternalKind::Func | ExternalKind::FuncExact => {
                        EntityIndex::Func(FuncIndex::from_u32(export.index))
                    }
                    ExternalKind::Table => EntityIndex::Table(TableIndex::from_u32(export.index)),
                    ExternalKind::Memory => {
                        EntityIndex::Memory(MemoryIndex::from_u32(export.index))
                    }
                    ExternalKind::Global => {
                        EntityIndex::Global(GlobalIndex::from_u32(export.index))
                    }
                    ExternalKind::Tag => EntityIndex::Tag(TagIndex::from_u32(export.index)),
                };
                info.exports.push((export.name.to_string(), index));
            }
        }
        Payload::StartSection { func, .. } => info.start = Some(FuncIndex::from_u32(func)),
        Payload::ElementSection(reader) => {
            for elem in reader {
                let elem = elem?;
                let mode = match elem.kind {
                    ElementKind::Passive => SegmentMode::Passive,
                    ElementKind::Declared => SegmentMode::Declared,
                    ElementKind::Active {
                        table_index,
                        offset_expr,
                    } => SegmentMode::Active {
                        index: TableIndex::from_u32(table_index.unwrap_or(0)),
                        offset: ConstExpr::read(&offset_expr)?,
                    },
                };
                let ty = match &elem.items {
                    ElementItems::Functions(_) => crate::types::RefType::FUNCREF,
                    ElementItems::Expressions(ty, _) => crate::types::RefType::from_wasmparser(*ty),
                };
                let items = match elem.items {
                    ElementItems::Functions(funcs) => {
                        let mut items = Vec::new();
                        for f in funcs {
                            items.push(ConstExpr::ref_func(f?));
                        }
                        items
                    }
                    ElementItems::Expressions(_, exprs) => {
                        let mut items = Vec::new();
                        for e in exprs {
                            items.push(ConstExpr::read(&e?)?);
                        }
                        items
                    }
                };
                info.elems.push(ElemSegment { mode, ty, items });
            }
        }
        Payload::DataSection(reader) => {
            for data in reader {
                let data = data?;
                let mode = match data.kind {
                    wasmparser::DataKind::Passive => SegmentMode::Passive,
                    wasmparser::DataKind::Active {
                        memory_index,
                        offset_expr,
                    } => SegmentMode::Active {
                        index: MemoryIndex::from_u32(memory_index),
                        offset: ConstExpr::read(&offset_expr)?,
                    },
                };
                info.datas.push(DataSegment {
                    mode,
                    bytes: data.data.into(),
                });
            }
        }
        Payload::CustomSection(section) => {
            if let KnownCustom::Name(names) = section.as_known() {
                // A malformed name section is not an error (the spec treats
                // custom sections as uninterpreted); keep what reads cleanly.
                for name in names.into_iter().flatten() {
                    match name {
                        Name::Module { name, .. } => info.name = Some(name.to_string()),
                        Name::Function(map) => {
                            for naming in map.into_iter().flatten() {
                                info.func_names.insert(
                                    FuncIndex::from_u32(naming.index),
                                    naming.name.to_string(),
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn global_type(g: &wasmparser::GlobalType) -> GlobalType {
    GlobalType {
        content: crate::types::ValType::from_wasmparser(g.content_type),
        mutable: g.mutable,
    }
}
