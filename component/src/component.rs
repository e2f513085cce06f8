//! [`Component`]: a component decoded and validated by wasmparser and
//! translated into a list of initializers per (nested) component, which
//! instantiation runs in order.

use crate::abi::StringEncoding;
use crate::func::Signature;
use crate::plan::{CoreSort, Def, Init, Options, Sort};
use crate::type_convert::Converter;
use crate::types::ResourceKey;
use crate::world::{World, item_type};
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use wasmparser::{
    CanonicalFunction, CanonicalOption, ComponentAlias, ComponentExternalKind,
    ComponentOuterAliasKind, ComponentType, ComponentTypeRef, ExternalKind, Parser, Payload,
    Validator, WasmFeatures,
};
use wisp_core::{Engine, Error, ErrorKind, Module};

/// A compiled component: its core modules compiled, its sections turned
/// into initializers. Cheap to clone.
#[derive(Clone)]
pub struct Component(pub(crate) Arc<ComponentInner>);

pub(crate) struct ComponentInner {
    pub(crate) engine: Engine,
    /// Every core module of the component and its nested components.
    pub(crate) modules: Vec<Module>,
    /// Every (nested) component's definition; `root` is the outermost.
    pub(crate) defs: Vec<Def>,
    pub(crate) root: usize,
    /// The outermost component's imports and exports with their types.
    pub(crate) world: World,
}

impl core::fmt::Debug for Component {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Component")
            .field("modules", &self.0.modules.len())
            .field("components", &self.0.defs.len())
            .finish()
    }
}

/// Whether `bytes` are a binary component (rather than a core module).
pub fn is_component(bytes: &[u8]) -> bool {
    wasmparser::Parser::is_component(bytes)
}

#[cold]
fn compile_error(message: impl Into<String>, offset: usize) -> Error {
    Error::new(ErrorKind::Compile {
        message: message.into(),
        offset,
    })
}

fn from_parser(e: wasmparser::BinaryReaderError) -> Error {
    compile_error(e.message(), e.offset() as usize)
}

/// A component being translated: its initializers and which of its modules
/// and components are known statically (for outer aliases).
#[derive(Default)]
struct Builder {
    inits: Vec<Init>,
    modules: Vec<Option<usize>>,
    components: Vec<Option<usize>>,
    /// Where this component's definition goes in `defs`.
    slot: usize,
}

/// The statically known modules and components of a component being
/// translated (an outer alias may name them).
type Statics = (Vec<Option<usize>>, Vec<Option<usize>>);

/// What the parser is inside of.
enum Frame {
    Component(Builder),
    Module,
}

impl Component {
    /// Decodes, validates and compiles the binary component `bytes`.
    pub fn new(engine: &Engine, bytes: &[u8]) -> Result<Component, Error> {
        // The engine's proposals for the core modules inside (as their
        // compilation checks them again), and the component model.
        let features = engine.config().features() | WasmFeatures::COMPONENT_MODEL;
        let mut validator = Validator::new_with_features(features);
        let mut converter = Converter::default();
        let mut modules = Vec::new();
        let mut defs: Vec<Option<Def>> = alloc::vec![None];
        let mut world = World::default();
        let mut stack: Vec<Frame> = Vec::new();
        // The slot of the nested component whose header comes next.
        let mut pending: Option<usize> = None;
        for payload in Parser::new(0).parse_all(bytes) {
            let payload = payload.map_err(from_parser)?;
            validator.payload(&payload).map_err(from_parser)?;
            if let Some(Frame::Module) = stack.last() {
                if let Payload::End(_) = payload {
                    stack.pop();
                }
                continue;
            }
            match payload {
                Payload::Version {
                    encoding, range, ..
                } => {
                    if encoding != wasmparser::Encoding::Component {
                        return Err(compile_error("not a component", range.start as usize));
                    }
                    stack.push(Frame::Component(Builder {
                        slot: pending.take().unwrap_or(0),
                        ..Builder::default()
                    }));
                }
                Payload::ModuleSection {
                    unchecked_range: range,
                    ..
                } => {
                    // The parser has not checked the range against the
                    // bytes yet (it does at the module's end).
                    let code = bytes.get(range.start as usize..range.end as usize);
                    let code = code.ok_or_else(|| {
                        compile_error("a core module runs past the end", range.start as usize)
                    })?;
                    let module = Module::new(engine, code)?;
                    modules.push(module);
                    let builder = top(&mut stack)?;
                    builder.modules.push(Some(modules.len() - 1));
                    builder.inits.push(Init::Module(modules.len() - 1));
                    stack.push(Frame::Module);
                }
                Payload::ComponentSection { .. } => {
                    let slot = defs.len();
                    defs.push(None);
                    pending = Some(slot);
                    let builder = top(&mut stack)?;
                    builder.components.push(Some(slot));
                    builder.inits.push(Init::Component(slot));
                }
                Payload::End(offset) => {
                    let Some(Frame::Component(builder)) = stack.pop() else {
                        return Err(compile_error("unbalanced sections", offset as usize));
                    };
                    defs[builder.slot] = Some(Def {
                        inits: builder.inits,
                    });
                }
                other => {
                    let types = validator
                        .types(0)
                        .ok_or_else(|| compile_error("a section outside a component", 0))?;
                    let outer = stack_outer(&stack);
                    if stack.len() == 1 {
                        record_world(&mut world, &other, types, &mut converter)?;
                    }
                    let builder = top(&mut stack)?;
                    translate(builder, &outer, other, types, &mut converter)?;
                }
            }
        }
        let defs = defs
            .into_iter()
            .map(|d| d.ok_or_else(|| compile_error("a component without its sections", 0)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Component(Arc::new(ComponentInner {
            engine: engine.clone(),
            modules,
            defs,
            root: 0,
            world,
        })))
    }
}

fn top(stack: &mut [Frame]) -> Result<&mut Builder, Error> {
    match stack.last_mut() {
        Some(Frame::Component(builder)) => Ok(builder),
        _ => Err(compile_error("a section outside a component", 0)),
    }
}

/// The statically known modules and components of the enclosing
/// components, innermost first (for outer aliases).
fn stack_outer(stack: &[Frame]) -> Vec<Statics> {
    stack
        .iter()
        .rev()
        .filter_map(|f| match f {
            Frame::Component(b) => Some((b.modules.clone(), b.components.clone())),
            Frame::Module => None,
        })
        .collect()
}

fn sort_of(kind: ComponentExternalKind) -> Sort {
    match kind {
        ComponentExternalKind::Module => Sort::Module,
        ComponentExternalKind::Func => Sort::Func,
        ComponentExternalKind::Value => Sort::Value,
        ComponentExternalKind::Type => Sort::Type,
        ComponentExternalKind::Instance => Sort::Instance,
        ComponentExternalKind::Component => Sort::Component,
    }
}

fn core_sort_of(kind: ExternalKind) -> CoreSort {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => CoreSort::Func,
        ExternalKind::Table => CoreSort::Table,
        ExternalKind::Memory => CoreSort::Memory,
        ExternalKind::Global => CoreSort::Global,
        ExternalKind::Tag => CoreSort::Tag,
    }
}

fn unsupported(what: &str) -> Error {
    compile_error(alloc::format!("{what} is not supported"), 0)
}

/// The canonical options of a lift or lower.
fn options(list: &[CanonicalOption]) -> Result<Options, Error> {
    let mut options = Options::default();
    for option in list {
        match *option {
            CanonicalOption::UTF8 => options.encoding = StringEncoding::Utf8,
            CanonicalOption::UTF16 => options.encoding = StringEncoding::Utf16,
            CanonicalOption::CompactUTF16 => options.encoding = StringEncoding::CompactUtf16,
            CanonicalOption::Memory(i) => options.memory = Some(i),
            CanonicalOption::Realloc(i) => options.realloc = Some(i),
            CanonicalOption::PostReturn(i) => options.post_return = Some(i),
            _ => return Err(unsupported("an async or GC canonical option")),
        }
    }
    Ok(options)
}

/// Adds the outermost component's imports and exports of one section to
/// its world.
fn record_world(
    world: &mut World,
    payload: &Payload<'_>,
    types: wasmparser::types::TypesRef<'_>,
    converter: &mut Converter,
) -> Result<(), Error> {
    let (names, imports): (Vec<&str>, bool) = match payload {
        Payload::ComponentImportSection(reader) => (
            reader
                .clone()
                .into_iter()
                .filter_map(|i| Some(i.ok()?.name.name))
                .collect(),
            true,
        ),
        Payload::ComponentExportSection(reader) => (
            reader
                .clone()
                .into_iter()
                .filter_map(|e| Some(e.ok()?.name.name))
                .collect(),
            false,
        ),
        _ => return Ok(()),
    };
    for name in names {
        let item = if imports {
            types.component_item_for_import(name)
        } else {
            types.component_item_for_export(name)
        };
        let Some(item) = item else { continue };
        let ty = item_type(converter, types, item.ty)?;
        let list = if imports {
            &mut world.imports
        } else {
            &mut world.exports
        };
        list.push((name.into(), ty));
    }
    Ok(())
}

/// Appends the initializers of one section to `builder`.
fn translate(
    builder: &mut Builder,
    outer: &[Statics],
    payload: Payload<'_>,
    types: wasmparser::types::TypesRef<'_>,
    converter: &mut Converter,
) -> Result<(), Error> {
    let resource_at = |converter: &mut Converter, index: u32| -> Option<ResourceKey> {
        match types.component_any_type_at(index) {
            wasmparser::component_types::ComponentAnyTypeId::Resource(id) => {
                Some(converter.key(id.resource()))
            }
            _ => None,
        }
    };
    match payload {
        Payload::ComponentImportSection(reader) => {
            let imports: Vec<wasmparser::ComponentImport<'_>> = reader
                .into_iter()
                .collect::<Result<_, _>>()
                .map_err(from_parser)?;
            // The validator has seen the whole section: count back to where
            // its first type and instance landed.
            let count = |f: fn(&ComponentTypeRef) -> bool| {
                imports.iter().filter(|i| f(&i.ty)).count() as u32
            };
            let mut type_index =
                types.component_type_count() - count(|t| matches!(t, ComponentTypeRef::Type(_)));
            let mut instance_index = types.component_instance_count()
                - count(|t| matches!(t, ComponentTypeRef::Instance(_)));
            for import in imports {
                let sort = match import.ty {
                    ComponentTypeRef::Module(_) => Sort::Module,
                    ComponentTypeRef::Func(_) => Sort::Func,
                    ComponentTypeRef::Value(_) => Sort::Value,
                    ComponentTypeRef::Type(_) => Sort::Type,
                    ComponentTypeRef::Instance(_) => Sort::Instance,
                    ComponentTypeRef::Component(_) => Sort::Component,
                };
                push_static(builder, sort, None);
                let mut key = None;
                let mut resources = Vec::new();
                if sort == Sort::Type {
                    key = resource_at(converter, type_index);
                    type_index += 1;
                } else if sort == Sort::Instance {
                    let id = types.component_instance_at(instance_index);
                    resources = converter.instance_resources(types, id);
                    instance_index += 1;
                }
                builder.inits.push(Init::Import {
                    name: import.name.name.to_string(),
                    sort,
                    key,
                    resources,
                });
            }
        }
        Payload::ComponentExportSection(reader) => {
            let exports: Vec<wasmparser::ComponentExport<'_>> = reader
                .into_iter()
                .collect::<Result<_, _>>()
                .map_err(from_parser)?;
            let new_types = exports
                .iter()
                .filter(|e| e.kind == ComponentExternalKind::Type)
                .count() as u32;
            let mut type_index = types.component_type_count() - new_types;
            for export in exports {
                let sort = sort_of(export.kind);
                let stat = static_item(builder, sort, export.index);
                push_static(builder, sort, stat);
                let mut key = None;
                if sort == Sort::Type {
                    key = resource_at(converter, type_index);
                    type_index += 1;
                }
                builder.inits.push(Init::Export {
                    name: export.name.name.to_string(),
                    sort,
                    index: export.index,
                    key,
                });
            }
        }
        Payload::InstanceSection(reader) => {
            for instance in reader {
                builder.inits.push(match instance.map_err(from_parser)? {
                    wasmparser::Instance::Instantiate { module_index, args } => {
                        Init::CoreInstantiate {
                            module: module_index,
                            args: args.iter().map(|a| (a.name.to_string(), a.index)).collect(),
                        }
                    }
                    wasmparser::Instance::FromExports(exports) => Init::CoreExports(
                        exports
                            .iter()
                            .map(|e| (e.name.to_string(), core_sort_of(e.kind), e.index))
                            .collect(),
                    ),
                });
            }
        }
        Payload::ComponentInstanceSection(reader) => {
            for instance in reader {
                builder.inits.push(match instance.map_err(from_parser)? {
                    wasmparser::ComponentInstance::Instantiate {
                        component_index,
                        args,
                    } => Init::Instantiate {
                        component: component_index,
                        args: args
                            .iter()
                            .map(|a| (a.name.to_string(), sort_of(a.kind), a.index))
                            .collect(),
                    },
                    wasmparser::ComponentInstance::FromExports(exports) => Init::Exports(
                        exports
                            .iter()
                            .map(|e| (e.name.name.to_string(), sort_of(e.kind), e.index))
                            .collect(),
                    ),
                });
            }
        }
        Payload::ComponentAliasSection(reader) => {
            let mut type_index = types.component_type_count();
            // The reader's items are validated already; the type count
            // after the section tells where the first new type landed.
            let aliases: Vec<ComponentAlias<'_>> = reader
                .into_iter()
                .collect::<Result<_, _>>()
                .map_err(from_parser)?;
            let new_types = aliases
                .iter()
                .filter(|a| {
                    matches!(
                        a,
                        ComponentAlias::InstanceExport {
                            kind: ComponentExternalKind::Type,
                            ..
                        } | ComponentAlias::Outer {
                            kind: ComponentOuterAliasKind::Type,
                            ..
                        }
                    )
                })
                .count() as u32;
            type_index -= new_types;
            for alias in aliases {
                match alias {
                    ComponentAlias::InstanceExport {
                        kind,
                        instance_index,
                        name,
                    } => {
                        let sort = sort_of(kind);
                        push_static(builder, sort, None);
                        let key = if sort == Sort::Type {
                            type_index += 1;
                            resource_at(converter, type_index - 1)
                        } else {
                            None
                        };
                        builder.inits.push(Init::AliasExport {
                            instance: instance_index,
                            name: name.to_string(),
                            sort,
                            key,
                        });
                    }
                    ComponentAlias::CoreInstanceExport {
                        kind,
                        instance_index,
                        name,
                    } => builder.inits.push(Init::AliasCoreExport {
                        instance: instance_index,
                        name: name.to_string(),
                        sort: core_sort_of(kind),
                    }),
                    ComponentAlias::Outer { kind, count, index } => {
                        let (modules, components) = outer
                            .get(count as usize)
                            .ok_or_else(|| unsupported("an outer alias this far out"))?;
                        match kind {
                            ComponentOuterAliasKind::CoreModule => {
                                let m = modules.get(index as usize).copied().flatten();
                                let m = m.ok_or_else(|| {
                                    unsupported("an outer alias of an imported module")
                                })?;
                                builder.modules.push(Some(m));
                                builder.inits.push(Init::Module(m));
                            }
                            ComponentOuterAliasKind::Component => {
                                let c = components.get(index as usize).copied().flatten();
                                let c = c.ok_or_else(|| {
                                    unsupported("an outer alias of an imported component")
                                })?;
                                builder.components.push(Some(c));
                                builder.inits.push(Init::Component(c));
                            }
                            ComponentOuterAliasKind::Type => {
                                type_index += 1;
                                builder.inits.push(Init::Type { resource: None });
                            }
                            ComponentOuterAliasKind::CoreType => {}
                        }
                    }
                }
            }
        }
        Payload::ComponentTypeSection(reader) => {
            let count = reader.count();
            let first = types.component_type_count() - count;
            for (i, ty) in reader.into_iter().enumerate() {
                let resource = match ty.map_err(from_parser)? {
                    ComponentType::Resource { dtor, .. } => {
                        let key = resource_at(converter, first + i as u32)
                            .ok_or_else(|| unsupported("a resource type without an id"))?;
                        Some((key, dtor))
                    }
                    _ => None,
                };
                builder.inits.push(Init::Type { resource });
            }
        }
        Payload::ComponentCanonicalSection(reader) => {
            for canonical in reader {
                builder.inits.push(match canonical.map_err(from_parser)? {
                    CanonicalFunction::Lift {
                        core_func_index,
                        type_index,
                        options: list,
                    } => {
                        let id = match types.component_any_type_at(type_index) {
                            wasmparser::component_types::ComponentAnyTypeId::Func(id) => id,
                            _ => return Err(unsupported("a lift of a non-function type")),
                        };
                        Init::Lift {
                            core_func: core_func_index,
                            sig: Arc::new(Signature::new(Arc::new(
                                converter.func_type(types, id)?,
                            ))),
                            options: options(&list)?,
                        }
                    }
                    CanonicalFunction::Lower {
                        func_index,
                        options: list,
                    } => {
                        let id = types.component_function_at(func_index);
                        Init::Lower {
                            func: func_index,
                            sig: Arc::new(Signature::new(Arc::new(
                                converter.func_type(types, id)?,
                            ))),
                            options: options(&list)?,
                        }
                    }
                    CanonicalFunction::ResourceNew { resource } => {
                        Init::ResourceNew { ty: resource }
                    }
                    CanonicalFunction::ResourceDrop { resource } => {
                        Init::ResourceDrop { ty: resource }
                    }
                    CanonicalFunction::ResourceRep { resource } => {
                        Init::ResourceRep { ty: resource }
                    }
                    _ => return Err(unsupported("an async canonical built-in")),
                });
            }
        }
        Payload::CoreTypeSection(_) | Payload::CustomSection(_) => {}
        Payload::ComponentStartSection { .. } => {
            return Err(unsupported("a component start function"));
        }
        _ => {}
    }
    Ok(())
}

/// Records a statically known module or component (or an unknown one) in
/// the builder's index spaces.
fn push_static(builder: &mut Builder, sort: Sort, item: Option<usize>) {
    match sort {
        Sort::Module => builder.modules.push(item),
        Sort::Component => builder.components.push(item),
        _ => {}
    }
}

/// The statically known module or component at `index` of `sort`.
fn static_item(builder: &Builder, sort: Sort, index: u32) -> Option<usize> {
    match sort {
        Sort::Module => builder.modules.get(index as usize).copied().flatten(),
        Sort::Component => builder.components.get(index as usize).copied().flatten(),
        _ => None,
    }
}

impl Component {
    /// The engine the component was compiled for.
    pub fn engine(&self) -> &Engine {
        &self.0.engine
    }

    /// The component's imports and exports, with their types.
    pub fn world(&self) -> &World {
        &self.0.world
    }
}
