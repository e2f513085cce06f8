//! The `component` target: components loaded, linked against host
//! stand-ins for everything their world imports, instantiated and called.
//!
//! The input is a component binary when it is one (the seeds are the
//! components of `tests/components/`, and libFuzzer's mutations of them are
//! the main path); otherwise [`skeleton`] builds one from it: a fixed shape
//! (a resource type, host functions imported and lowered, lifted exports with
//! types drawn from the input, string encodings, `realloc`, `post-return`)
//! around a core module whose bodies wasm-smith generates.
//!
//! What must hold:
//! - `Component::new` returns a component or an error, never a panic (nor a
//!   hang or unbounded memory: libFuzzer's timeout and RSS limit).
//! - Every import the world names is defined (host functions returning
//!   values of their result type, host resource types); the input may leave
//!   one out, give one of the wrong kind or make a function return a value of
//!   the wrong type. Instantiation then succeeds or fails with a trap, an
//!   uncaught exception, a resource limit or a link error — a link error
//!   only when an import was left out or of the wrong kind, or the world
//!   imports what a [`Linker`] cannot define (a core module, a component, a
//!   value, or a named value type at its top level).
//! - Every exported function (`Instance::export_names`) is called with
//!   arguments built from its parameter types (zero and edge values; several
//!   rounds, so each case of a variant and both sides of a result come up;
//!   handles only for the host's own resource types) under fuel, with a
//!   memory limit. A call succeeds with a result of the function's type
//!   (which the host drops if it holds handles) or fails with a trap, an
//!   uncaught exception or a type error; a trap's message is one line.
//!   Host stand-ins check that what the guest passes them is of their
//!   parameter types.

mod skeleton;

use arbitrary::Unstructured;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use wisp::component::{
    Component, Func, ItemType, Linker, LinkerInstance, Resource, ResourceAny, ResourceKey,
    ResourceType, Type, Val, World,
};
use wisp::{Engine, Error, ErrorKind, Store, Trap};

/// Fuel for instantiation and for each call.
pub const FUEL: u64 = 100_000;
/// The store's limit on linear memory.
pub const MEMORY_LIMIT_BYTES: u64 = 64 << 20;
/// Calls per exported function (more for a parameter with more cases, up
/// to [`MAX_ROUNDS`]).
const ROUNDS: usize = 4;
const MAX_ROUNDS: usize = 8;
/// Values (nodes of the value tree) one call's arguments may have; past it
/// lists are empty and strings short.
const VALUE_BUDGET: usize = 10_000;

/// How the input spoils the imports, if it does: item `n` of the world's
/// imports, counted depth first (instances and their items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spoil {
    None,
    /// Not defined.
    Missing(usize),
    /// A function where a resource or an instance is expected, a resource
    /// where a function is.
    WrongKind(usize),
    /// A function returning a value of another type than its result's.
    WrongResult(usize),
}

/// The choices the input makes besides the component itself.
#[derive(Debug, Clone, Copy)]
struct Choices {
    spoil: Spoil,
    /// Every host function traps.
    host_traps: bool,
    /// Added to the round number when building values.
    salt: usize,
}

impl Choices {
    /// From the rest of a generated component's input.
    fn from_unstructured(u: &mut Unstructured<'_>, imports: usize) -> Choices {
        let spoil_kind = u.int_in_range(0u8..=15).unwrap_or(0);
        let index = u.arbitrary::<u16>().unwrap_or(0) as usize;
        Choices {
            spoil: spoil_of(spoil_kind, index, imports),
            host_traps: u.ratio(1u8, 8).unwrap_or(false),
            salt: u.arbitrary::<u8>().unwrap_or(0) as usize,
        }
    }

    /// From a hash of a component binary, which has no bytes to spare:
    /// each mutation of it makes new choices.
    fn from_hash(data: &[u8], imports: usize) -> Choices {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in data {
            h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
        }
        Choices {
            spoil: spoil_of((h & 15) as u8, (h >> 8) as u16 as usize, imports),
            host_traps: (h >> 24) & 7 == 0,
            salt: (h >> 32) as u8 as usize,
        }
    }
}

fn spoil_of(kind: u8, index: usize, imports: usize) -> Spoil {
    if imports == 0 {
        return Spoil::None;
    }
    let index = index % imports;
    match kind {
        13 => Spoil::Missing(index),
        14 => Spoil::WrongKind(index),
        15 => Spoil::WrongResult(index),
        _ => Spoil::None,
    }
}

/// The engine configuration: wisp's defaults with fuel.
pub fn config() -> wisp::Config {
    let mut config = wisp::Config::new();
    config.consume_fuel(true);
    config
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let engine = Engine::new(&config());
    if wisp::component::is_component(data) {
        let Ok(component) = Component::new(&engine, data) else {
            return;
        };
        let choices = Choices::from_hash(data, count_imports(&component.world().imports));
        run_component(&engine, &component, choices);
        return;
    }
    let mut u = Unstructured::new(data);
    let Ok(bytes) = skeleton::build(&mut u) else {
        return;
    };
    let component = match Component::new(&engine, &bytes) {
        Ok(component) => component,
        // A core module wisp refuses within its implementation limits
        // (the parse target checks those); anything else the skeleton
        // makes is a valid component.
        Err(error) => {
            if let Err(validation) = wasmparser::Validator::new_with_features(
                wasmparser::WasmFeatures::default() | wasmparser::WasmFeatures::COMPONENT_MODEL,
            )
            .validate_all(&bytes)
            {
                panic!("the skeleton made an invalid component: {validation}");
            }
            assert!(
                crate::modules::is_implementation_limit(&error),
                "a valid component refused: {error}"
            );
            return;
        }
    };
    let choices = Choices::from_unstructured(&mut u, count_imports(&component.world().imports));
    run_component(&engine, &component, choices);
}

/// What a run did, for the self-tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub instantiated: bool,
    pub calls: usize,
    pub returned: usize,
}

/// Marker types of the host's resource types: an imported resource gets
/// one by the order of its key among the world's imports.
struct HostResource<const N: usize>;
const HOST_RESOURCE_TYPES: usize = 4;

fn host_resource_type(marker: usize) -> ResourceType {
    match marker % HOST_RESOURCE_TYPES {
        0 => ResourceType::host::<HostResource<0>>(),
        1 => ResourceType::host::<HostResource<1>>(),
        2 => ResourceType::host::<HostResource<2>>(),
        _ => ResourceType::host::<HostResource<3>>(),
    }
}

fn host_handle<const N: usize>(rep: u32, own: bool) -> ResourceAny {
    ResourceAny::from_resource(if own {
        Resource::<HostResource<N>>::new_own(rep)
    } else {
        Resource::<HostResource<N>>::new_borrow(rep)
    })
}

fn host_resource(marker: usize, rep: u32, own: bool) -> ResourceAny {
    match marker % HOST_RESOURCE_TYPES {
        0 => host_handle::<0>(rep, own),
        1 => host_handle::<1>(rep, own),
        2 => host_handle::<2>(rep, own),
        _ => host_handle::<3>(rep, own),
    }
}

/// Which host resource type stands for each resource key the world imports.
type Markers = HashMap<ResourceKey, usize>;

fn collect_markers(items: &[(String, ItemType)], markers: &mut Markers) {
    for (_, item) in items {
        match item {
            ItemType::Resource(key) => {
                let next = markers.len();
                markers.entry(*key).or_insert(next);
            }
            ItemType::Instance(inner) => collect_markers(inner, markers),
            _ => {}
        }
    }
}

/// The world's imports counted as [`Spoil`] counts them.
fn count_imports(items: &[(String, ItemType)]) -> usize {
    items
        .iter()
        .map(|(_, item)| match item {
            ItemType::Instance(inner) => 1 + count_imports(inner),
            _ => 1,
        })
        .sum()
}

/// Whether the world imports something no [`Linker`] definition can meet:
/// a core module, a component or a value. (A linker defines functions,
/// resources and instances; a named value type, at the top level or in an
/// instance, needs no definition.)
fn has_unlinkable_import(world: &World) -> bool {
    fn within(items: &[(String, ItemType)]) -> bool {
        items.iter().any(|(_, item)| match item {
            ItemType::Module | ItemType::Component | ItemType::Other => true,
            ItemType::Instance(inner) => within(inner),
            ItemType::Type(_) | ItemType::Func(_) | ItemType::Resource(_) => false,
        })
    }
    within(&world.imports)
}

/// Problems the host stand-ins saw (a guest's value of the wrong type):
/// reported after the call, not by unwinding through the guest.
type Violations = Arc<Mutex<Vec<String>>>;

/// Defines stand-ins for `items` in `linker`, numbering them from `*next`.
#[allow(clippy::too_many_arguments)]
fn define(
    linker: &mut LinkerInstance<'_, ()>,
    items: &[(String, ItemType)],
    next: &mut usize,
    choices: Choices,
    markers: &Arc<Markers>,
    violations: &Violations,
    spoiled: &mut bool,
) {
    for (name, item) in items {
        let index = *next;
        *next += 1;
        let spoil = choices.spoil;
        let definable = matches!(
            item,
            ItemType::Func(_) | ItemType::Resource(_) | ItemType::Instance(_)
        );
        if spoil == Spoil::Missing(index) {
            *spoiled |= definable;
            if let ItemType::Instance(inner) = item {
                *next += count_imports(inner);
            }
            continue;
        }
        let wrong_kind = spoil == Spoil::WrongKind(index);
        *spoiled |= wrong_kind && definable;
        match item {
            ItemType::Func(_) if wrong_kind => {
                linker
                    .resource(name, host_resource_type(0), |_, _| Ok(()))
                    .expect("a new name");
            }
            ItemType::Func(ty) => {
                let wrong_result = spoil == Spoil::WrongResult(index);
                let stand_in = StandIn {
                    name: name.clone(),
                    params: ty.params.iter().map(|(_, t)| t.clone()).collect(),
                    result: ty.result.clone(),
                    traps: choices.host_traps,
                    wrong_result,
                    calls: AtomicUsize::new(choices.salt),
                    markers: markers.clone(),
                    violations: violations.clone(),
                };
                linker
                    .func_new(name, move |_, params, results| {
                        stand_in.call(params, results)
                    })
                    .expect("a new name");
            }
            ItemType::Resource(_) if wrong_kind => define_wrong_func(linker, name),
            ItemType::Resource(key) => {
                let marker = markers.get(key).copied().unwrap_or(0);
                linker
                    .resource(name, host_resource_type(marker), |_, _| Ok(()))
                    .expect("a new name");
            }
            ItemType::Instance(inner) if wrong_kind => {
                *next += count_imports(inner);
                define_wrong_func(linker, name);
            }
            ItemType::Instance(inner) => {
                let mut instance = linker.instance(name).expect("a new instance");
                define(
                    &mut instance,
                    inner,
                    next,
                    choices,
                    markers,
                    violations,
                    spoiled,
                );
            }
            // Named value types need no definition inside an instance (and
            // cannot have one at the top level); modules, components and
            // values have none.
            ItemType::Type(_) | ItemType::Module | ItemType::Component | ItemType::Other => {}
        }
    }
}

fn define_wrong_func(linker: &mut LinkerInstance<'_, ()>, name: &str) {
    linker
        .func_new(name, |_, _, _| {
            Err(Trap::host("a stand-in of the wrong kind"))
        })
        .expect("a new name");
}

/// A host function standing in for an import.
struct StandIn {
    name: String,
    params: Vec<Type>,
    result: Option<Type>,
    traps: bool,
    wrong_result: bool,
    calls: AtomicUsize,
    markers: Arc<Markers>,
    violations: Violations,
}

impl StandIn {
    fn call(&self, params: &[Val], results: &mut [Val]) -> Result<(), Trap> {
        if params.len() != self.params.len() {
            self.violation(format!(
                "{} arguments for {} parameters",
                params.len(),
                self.params.len()
            ));
        }
        for (i, (value, ty)) in params.iter().zip(&self.params).enumerate() {
            if let Err(why) = conforms(value, ty) {
                self.violation(format!("parameter {i}: {why}"));
            }
        }
        if results.len() != self.result.iter().len() {
            self.violation(format!("{} result slots", results.len()));
        }
        if self.traps {
            return Err(Trap::host("host stand-in traps"));
        }
        let round = self.calls.fetch_add(1, Ordering::Relaxed);
        let Some(ty) = &self.result else {
            return Ok(());
        };
        let mut budget = VALUE_BUDGET;
        let value = if self.wrong_result {
            wrong_value(ty)
        } else {
            let own = |key: ResourceKey, rep: usize, owned: bool| {
                let marker = *self.markers.get(&key)?;
                Some(Val::Resource(host_resource(marker, rep as u32, owned)))
            };
            value(ty, round, &mut budget, &own)
                .ok_or_else(|| Trap::host("host stand-in cannot make a handle of that type"))?
        };
        if let Some(slot) = results.first_mut() {
            *slot = value;
        }
        Ok(())
    }

    fn violation(&self, why: String) {
        self.violations
            .lock()
            .unwrap()
            .push(format!("host function `{}`: {why}", self.name));
    }
}

/// A value not of type `ty`.
fn wrong_value(ty: &Type) -> Val {
    match ty {
        Type::Bool => Val::U32(7),
        Type::Enum(_) => Val::Enum("no-such-case".into()),
        Type::Variant(_) => Val::Variant("no-such-case".into(), None),
        Type::Flags(_) => Val::Flags(vec!["no-such-flag".into()]),
        Type::Record(fields) => Val::Record(
            fields
                .iter()
                .skip(1)
                .map(|f| (f.name.clone(), Val::Bool(true)))
                .collect(),
        ),
        Type::Tuple(types) => Val::Tuple(vec![Val::Bool(false); types.len() + 1]),
        Type::List(_) => Val::List(vec![Val::String("x".into()), Val::Char('x')]),
        Type::Option(_) => Val::Option(Some(Box::new(Val::Option(None)))),
        _ => Val::Bool(true),
    }
}

/// A handle for a key, if the host can make one: `(key, rep, owned)`.
type MakeHandle<'a> = &'a dyn Fn(ResourceKey, usize, bool) -> Option<Val>;

fn pick<T: Copy>(values: &[T], round: usize) -> T {
    values[round % values.len()]
}

/// A value of type `ty` for call `round`: zeros in round 0, then edge
/// values (extremes, NaNs, non-empty and long strings, lists of one to
/// three elements, every case of a variant in turn, `some`, `err`, all
/// flags). `None` for a handle `handle` cannot make.
pub(crate) fn value(
    ty: &Type,
    round: usize,
    budget: &mut usize,
    handle: MakeHandle<'_>,
) -> Option<Val> {
    *budget = budget.saturating_sub(1);
    let spare = *budget > 0;
    Some(match ty {
        Type::Bool => Val::Bool(round % 2 == 1),
        Type::S8 => Val::S8(pick(&[0, i8::MAX, i8::MIN, -1], round)),
        Type::U8 => Val::U8(pick(&[0, u8::MAX, 1, 0x80], round)),
        Type::S16 => Val::S16(pick(&[0, i16::MAX, i16::MIN, -1], round)),
        Type::U16 => Val::U16(pick(&[0, u16::MAX, 1, 0x8000], round)),
        Type::S32 => Val::S32(pick(&[0, i32::MAX, i32::MIN, -1], round)),
        Type::U32 => Val::U32(pick(&[0, u32::MAX, 1, 0x8000_0000], round)),
        Type::S64 => Val::S64(pick(&[0, i64::MAX, i64::MIN, -1], round)),
        Type::U64 => Val::U64(pick(&[0, u64::MAX, 1, 1 << 63], round)),
        Type::Float32 => Val::Float32(pick(
            &[
                0.0,
                f32::from_bits(0x7fc0_1234),
                -0.0,
                f32::INFINITY,
                f32::MIN_POSITIVE / 2.0,
            ],
            round,
        )),
        Type::Float64 => Val::Float64(pick(
            &[
                0.0,
                f64::from_bits(0xfff8_0000_0000_1234),
                -0.0,
                f64::NEG_INFINITY,
                f64::MAX,
            ],
            round,
        )),
        Type::Char => Val::Char(pick(
            &['\0', '\u{10ffff}', 'é', '😀', '\u{d7ff}', '\u{ff}'],
            round,
        )),
        Type::String => Val::String(match round % 5 {
            0 => String::new(),
            1 => "a".into(),
            2 => "héllo 😀".into(),
            3 => "\0\u{7f}\u{80}\u{ff}\u{100}\u{ffff}\u{10000}\u{10ffff}".into(),
            _ if spare => "x".repeat(1000) + "é",
            _ => "ÿ".into(),
        }),
        Type::List(elem) => {
            let len = if spare { round % 4 } else { 0 };
            let mut items = Vec::with_capacity(len);
            for i in 0..len {
                items.push(value(elem, round + i, budget, handle)?);
            }
            Val::List(items)
        }
        Type::Record(fields) => {
            let mut items = Vec::with_capacity(fields.len());
            for f in fields.iter() {
                items.push((f.name.clone(), value(&f.ty, round, budget, handle)?));
            }
            Val::Record(items)
        }
        Type::Tuple(types) => {
            let mut items = Vec::with_capacity(types.len());
            for t in types.iter() {
                items.push(value(t, round, budget, handle)?);
            }
            Val::Tuple(items)
        }
        Type::Variant(cases) => {
            let case = &cases[round % cases.len()];
            let payload = match &case.ty {
                Some(t) => Some(Box::new(value(t, round / cases.len(), budget, handle)?)),
                None => None,
            };
            Val::Variant(case.name.clone(), payload)
        }
        Type::Enum(names) => Val::Enum(names[round % names.len()].clone()),
        Type::Option(some) => Val::Option(match round % 2 {
            0 => None,
            _ => Some(Box::new(value(some, round / 2, budget, handle)?)),
        }),
        Type::Result(result) => {
            let side = |t: &Option<Type>, budget: &mut usize| -> Option<Option<Box<Val>>> {
                Some(match t {
                    Some(t) => Some(Box::new(value(t, round / 2, budget, handle)?)),
                    None => None,
                })
            };
            Val::Result(match round % 2 {
                0 => Ok(side(&result.ok, budget)?),
                _ => Err(side(&result.err, budget)?),
            })
        }
        Type::Flags(names) => Val::Flags(
            names
                .iter()
                .enumerate()
                .filter(|(i, _)| match round % 4 {
                    0 => false,
                    1 => true,
                    2 => i % 2 == 0,
                    _ => *i == names.len() - 1,
                })
                .map(|(_, n)| n.clone())
                .collect(),
        ),
        Type::Own(key) => handle(*key, round, true)?,
        Type::Borrow(key) => handle(*key, round, false)?,
    })
}

/// The number of cases of the variant-like type with the most, anywhere in
/// `ty`, for the number of rounds.
fn most_cases(ty: &Type) -> usize {
    match ty {
        Type::List(t) | Type::Option(t) => most_cases(t).max(2),
        Type::Record(fields) => fields.iter().map(|f| most_cases(&f.ty)).max().unwrap_or(0),
        Type::Tuple(types) => types.iter().map(most_cases).max().unwrap_or(0),
        Type::Variant(cases) => cases
            .iter()
            .filter_map(|c| c.ty.as_ref().map(most_cases))
            .max()
            .unwrap_or(0)
            .max(cases.len()),
        Type::Enum(names) => names.len(),
        Type::Result(r) => [&r.ok, &r.err]
            .into_iter()
            .flatten()
            .map(most_cases)
            .max()
            .unwrap_or(0)
            .max(2),
        _ => 0,
    }
}

/// Whether `value` is of type `ty` (handles of any resource type).
pub(crate) fn conforms(value: &Val, ty: &Type) -> Result<(), String> {
    let mismatch = || Err(format!("{} for {ty:?}", value.kind()));
    let all = |values: &[Val], types: &mut dyn Iterator<Item = &Type>| -> Result<(), String> {
        let types: Vec<&Type> = types.collect();
        if values.len() != types.len() {
            return Err(format!("{} values for {} types", values.len(), types.len()));
        }
        values
            .iter()
            .zip(types)
            .try_for_each(|(v, t)| conforms(v, t))
    };
    let payload = |value: &Option<Box<Val>>, ty: Option<&Type>| match (value, ty) {
        (None, None) => Ok(()),
        (Some(v), Some(t)) => conforms(v, t),
        _ => Err(format!("payload {value:?} for {ty:?}")),
    };
    match (value, ty) {
        (Val::Bool(_), Type::Bool)
        | (Val::S8(_), Type::S8)
        | (Val::U8(_), Type::U8)
        | (Val::S16(_), Type::S16)
        | (Val::U16(_), Type::U16)
        | (Val::S32(_), Type::S32)
        | (Val::U32(_), Type::U32)
        | (Val::S64(_), Type::S64)
        | (Val::U64(_), Type::U64)
        | (Val::Float32(_), Type::Float32)
        | (Val::Float64(_), Type::Float64)
        | (Val::Char(_), Type::Char)
        | (Val::String(_), Type::String)
        | (Val::Resource(_), Type::Own(_) | Type::Borrow(_)) => Ok(()),
        (Val::List(values), Type::List(elem)) => values.iter().try_for_each(|v| conforms(v, elem)),
        (Val::Bytes(_), Type::List(elem)) if **elem == Type::U8 => Ok(()),
        (Val::Record(values), Type::Record(fields)) => {
            if values.len() != fields.len()
                || values
                    .iter()
                    .zip(fields.iter())
                    .any(|((n, _), f)| *n != f.name)
            {
                return Err(format!("record fields {values:?} for {ty:?}"));
            }
            let values: Vec<Val> = values.iter().map(|(_, v)| v.clone()).collect();
            all(&values, &mut fields.iter().map(|f| &f.ty))
        }
        (Val::Tuple(values), Type::Tuple(types)) => all(values, &mut types.iter()),
        (Val::Variant(name, value), Type::Variant(cases)) => {
            match cases.iter().find(|c| c.name == *name) {
                Some(case) => payload(value, case.ty.as_ref()),
                None => Err(format!("case `{name}` for {ty:?}")),
            }
        }
        (Val::Enum(name), Type::Enum(names)) if names.contains(name) => Ok(()),
        (Val::Option(value), Type::Option(some)) => match value {
            None => Ok(()),
            Some(v) => conforms(v, some),
        },
        (Val::Result(value), Type::Result(r)) => match value {
            Ok(v) => payload(v, r.ok.as_ref()),
            Err(v) => payload(v, r.err.as_ref()),
        },
        (Val::Flags(set), Type::Flags(names)) => {
            // The flags set, each once, in the type's order.
            let mut at = names.iter();
            for flag in set {
                if !at.any(|n| n == flag) {
                    return Err(format!("flags {set:?} for {ty:?}"));
                }
            }
            Ok(())
        }
        _ => mismatch(),
    }
}

/// Owned handles in `value` (which the host should drop).
fn owned_handles(value: Val, out: &mut Vec<ResourceAny>) {
    match value {
        Val::Resource(r) if r.owned() => out.push(r),
        Val::List(values) | Val::Tuple(values) => {
            values.into_iter().for_each(|v| owned_handles(v, out))
        }
        Val::Record(fields) => fields.into_iter().for_each(|(_, v)| owned_handles(v, out)),
        Val::Variant(_, Some(v))
        | Val::Option(Some(v))
        | Val::Result(Ok(Some(v)))
        | Val::Result(Err(Some(v))) => owned_handles(*v, out),
        _ => {}
    }
}

/// The type of the exported function `name` (`f` or `interface#f`) in the
/// world, for a function whose own type is not known (a host function
/// exported again).
fn export_type(world: &World, name: &str) -> Option<wisp::component::FuncType> {
    let find = |items: &[(String, ItemType)], name: &str| {
        items
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, i)| i.clone())
    };
    let item = match name.split_once('#') {
        Some((instance, func)) => match find(&world.exports, instance)? {
            ItemType::Instance(items) => find(&items, func)?,
            _ => return None,
        },
        None => find(&world.exports, name)?,
    };
    match item {
        ItemType::Func(ty) => Some(ty),
        _ => None,
    }
}

/// A failed instantiation must say why in one of the expected ways.
fn check_instantiation_error(error: &Error, link_error_allowed: bool) {
    match error.kind() {
        ErrorKind::Link(message) => assert!(
            link_error_allowed,
            "link error with every import defined: {message}"
        ),
        ErrorKind::Trap(_) => check_trap_message(error),
        ErrorKind::Exception(_) | ErrorKind::Limit(_) => {}
        other => panic!("instantiation failed unexpectedly: {other:?}"),
    }
}

/// A failed call must be a trap, an uncaught exception or a type error.
fn check_call_error(error: &Error) {
    match error.kind() {
        ErrorKind::Trap(_) => check_trap_message(error),
        ErrorKind::Exception(_) | ErrorKind::Type(_) => {}
        other => panic!("a call failed unexpectedly: {other:?}"),
    }
}

fn check_trap_message(error: &Error) {
    let Some(trap) = error.as_trap() else {
        return;
    };
    let lines = |text: &str| text.contains(['\n', '\r']);
    assert!(
        !lines(trap.message()),
        "a trap's message is more than one line: {:?}",
        error.to_string()
    );
    let text = error.to_string();
    assert!(
        !lines(&text),
        "a trap's message is more than one line: {text:?}"
    );
}

fn take_violations(violations: &Violations) {
    let seen = std::mem::take(&mut *violations.lock().unwrap());
    assert!(seen.is_empty(), "{}", seen.join("\n"));
}

/// Instantiations per input: a trap leaves an instance that may not be
/// entered again, so the calls after it go to a new one.
const MAX_INSTANTIATIONS: usize = 6;

/// Links, instantiates and calls `component`.
fn run_component(engine: &Engine, component: &Component, choices: Choices) -> Outcome {
    let mut outcome = Outcome::default();
    let world = component.world();
    let mut markers = Markers::new();
    collect_markers(&world.imports, &mut markers);
    let markers = Arc::new(markers);
    let violations: Violations = Arc::default();

    let mut linker = Linker::<()>::new(engine);
    let mut spoiled = false;
    define(
        &mut linker.root(),
        &world.imports,
        &mut 0,
        choices,
        &markers,
        &violations,
        &mut spoiled,
    );
    let link_error_allowed = spoiled || has_unlinkable_import(world);
    // A fresh store and instance.
    let instantiate = || {
        let mut store = Store::new(engine, ());
        store.set_memory_limit(Some(MEMORY_LIMIT_BYTES));
        store.set_fuel(FUEL).expect("fuel is on");
        let result = linker.instantiate(&mut store, component);
        take_violations(&violations);
        match result {
            Ok(instance) => Some((store, instance)),
            Err(error) => {
                check_instantiation_error(&error, link_error_allowed);
                None
            }
        }
    };
    let Some(first) = instantiate() else {
        return outcome;
    };
    outcome.instantiated = true;
    let names = first.1.export_names();
    let mut current = Some(first);
    let mut instantiations = 1;

    let handle = |key: ResourceKey, rep: usize, owned: bool| {
        let marker = *markers.get(&key)?;
        Some(Val::Resource(host_resource(marker, rep as u32, owned)))
    };
    for name in names {
        let mut rounds = ROUNDS;
        let mut round = 0;
        while round < rounds {
            if current.is_none() {
                if instantiations == MAX_INSTANTIATIONS {
                    return outcome;
                }
                instantiations += 1;
                // The same component and definitions: it instantiated once.
                current = instantiate();
            }
            let Some((store, instance)) = &mut current else {
                return outcome;
            };
            let func: Func = instance.get_func(&name).unwrap_or_else(|| {
                panic!("`{name}` is among the export names but get_func misses it")
            });
            let Some(ty) = func.ty().cloned().or_else(|| export_type(world, &name)) else {
                break;
            };
            rounds = ty
                .param_types()
                .map(most_cases)
                .max()
                .unwrap_or(0)
                .clamp(ROUNDS, MAX_ROUNDS);
            let mut budget = VALUE_BUDGET;
            let Some(args) = ty
                .param_types()
                .map(|t| value(t, round + choices.salt, &mut budget, &handle))
                .collect::<Option<Vec<Val>>>()
            else {
                break; // A handle of a type only the guest can make.
            };
            round += 1;
            let mut results = vec![Val::Bool(false); ty.result_types().len()];
            store.set_fuel(FUEL).expect("fuel is on");
            outcome.calls += 1;
            let result = func.call(&mut *store, &args, &mut results);
            take_violations(&violations);
            if let Err(error) = result {
                check_call_error(&error);
                current = None;
                continue;
            }
            outcome.returned += 1;
            let mut handles = Vec::new();
            for (value, ty) in results.into_iter().zip(ty.result_types()) {
                if let Err(why) = conforms(&value, ty) {
                    panic!("`{name}` returned a value not of its result type: {why}");
                }
                owned_handles(value, &mut handles);
            }
            for handle in handles {
                store.set_fuel(FUEL).expect("fuel is on");
                let dropped = handle.resource_drop(&mut *store);
                take_violations(&violations);
                if let Err(error) = dropped {
                    check_call_error(&error);
                    current = None;
                    break;
                }
            }
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn components_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/components")
    }

    fn corpus(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "wat"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, wat::parse_str(&text).unwrap())
            })
            .collect();
        found.sort();
        found
    }

    /// Every component of the corpus loads, instantiates against the
    /// stand-ins and has its exports called, most of them returning.
    #[test]
    fn the_corpus_instantiates_and_runs() {
        let engine = Engine::new(&config());
        let unspoiled = Choices {
            spoil: Spoil::None,
            host_traps: false,
            salt: 0,
        };
        let mut calls = 0;
        let mut returned = 0;
        for (name, bytes) in corpus(&components_dir()) {
            let component = Component::new(&engine, &bytes).unwrap();
            let outcome = run_component(&engine, &component, unspoiled);
            assert!(outcome.instantiated, "{name} did not instantiate");
            calls += outcome.calls;
            returned += outcome.returned;
            // The whole path too, with the choices the hash makes.
            run(&bytes);
        }
        assert!(calls > 300, "{calls} calls");
        assert!(returned > calls / 2, "{returned} of {calls} calls returned");
    }

    /// The invalid components are refused, without a panic.
    #[test]
    fn invalid_components_are_refused() {
        let engine = Engine::new(&config());
        for (name, bytes) in corpus(&components_dir().join("invalid")) {
            assert!(Component::new(&engine, &bytes).is_err(), "{name} loaded");
            run(&bytes);
        }
    }

    /// Every way of spoiling an import of a component that imports
    /// functions, resources and instances ends in an error or a run.
    #[test]
    fn spoiled_imports_fail_cleanly() {
        let bytes = wat::parse_str(
            r#"(component
                (import "host" (instance $host
                    (export "r" (type (sub resource)))
                    (export "make" (func (result (own 0))))
                    (export "name" (func (param "x" u32) (result string)))))
                (import "tick" (func $tick (result u32)))
                (alias export $host "make" (func $make))
                (alias export $host "r" (type $r))
                (core func $tick (canon lower (func $tick)))
                (core func $make (canon lower (func $make)))
                (core module $m
                    (import "h" "tick" (func $tick (result i32)))
                    (import "h" "make" (func $make (result i32)))
                    (func (export "run") (result i32) call $make drop call $tick))
                (core instance $h (export "tick" (func $tick)) (export "make" (func $make)))
                (core instance $i (instantiate $m (with "h" (instance $h))))
                (func (export "run") (result u32) (canon lift (core func $i "run"))))"#,
        )
        .unwrap();
        let engine = Engine::new(&config());
        let component = Component::new(&engine, &bytes).unwrap();
        let imports = count_imports(&component.world().imports);
        assert_eq!(imports, 5);
        let mut instantiated = 0;
        for index in 0..imports {
            for spoil in [
                Spoil::Missing(index),
                Spoil::WrongKind(index),
                Spoil::WrongResult(index),
            ] {
                for host_traps in [false, true] {
                    let choices = Choices {
                        spoil,
                        host_traps,
                        salt: index,
                    };
                    instantiated +=
                        run_component(&engine, &component, choices).instantiated as usize;
                }
            }
        }
        assert!(instantiated > 0);
        let choices = Choices {
            spoil: Spoil::None,
            host_traps: false,
            salt: 0,
        };
        let outcome = run_component(&engine, &component, choices);
        assert_eq!(outcome.returned, outcome.calls);
        assert!(outcome.calls > 0);
    }

    #[test]
    #[should_panic(expected = "link error with every import defined")]
    fn an_unexpected_link_error_is_reported() {
        let error = Error::new(ErrorKind::Link("x".into()));
        check_instantiation_error(&error, false);
    }

    #[test]
    #[should_panic(expected = "more than one line")]
    fn a_trap_of_two_lines_is_reported() {
        let error = Error::from(Trap::host("first\nsecond"));
        check_call_error(&error);
    }

    #[test]
    fn values_conform_to_their_types() {
        // Every value the builder makes is of its type; a wrong one is not.
        let bytes = wat::parse_str(include_str!("../../tests/components/variants.wat")).unwrap();
        let engine = Engine::new(&config());
        let component = Component::new(&engine, &bytes).unwrap();
        let mut types = 0;
        for (_, item) in &component.world().exports {
            let ItemType::Func(ty) = item else { continue };
            for ty in ty.param_types().chain(ty.result_types()) {
                for round in 0..8 {
                    let mut budget = VALUE_BUDGET;
                    let Some(v) = value(ty, round, &mut budget, &|_, _, _| None) else {
                        continue;
                    };
                    conforms(&v, ty).unwrap();
                    assert!(conforms(&wrong_value(ty), ty).is_err(), "{ty:?}");
                    types += 1;
                }
            }
        }
        assert!(types > 0);
    }

    /// The skeleton makes valid components that wisp loads and runs from
    /// most inputs.
    #[test]
    fn skeleton_components_load_and_run() {
        let engine = Engine::new(&config());
        let inputs = crate::pseudo_random_inputs(0x5eed_c0de, 200, 2048);
        let mut loaded = 0;
        let mut instantiated = 0;
        let mut returned = 0;
        for input in &inputs {
            let mut u = Unstructured::new(input);
            let Ok(bytes) = skeleton::build(&mut u) else {
                continue;
            };
            if let Err(e) = wasmparser::Validator::new_with_features(
                wasmparser::WasmFeatures::default() | wasmparser::WasmFeatures::COMPONENT_MODEL,
            )
            .validate_all(&bytes)
            {
                panic!("invalid skeleton component: {e}");
            }
            let component = Component::new(&engine, &bytes).unwrap();
            loaded += 1;
            let choices =
                Choices::from_unstructured(&mut u, count_imports(&component.world().imports));
            let outcome = run_component(&engine, &component, choices);
            instantiated += outcome.instantiated as usize;
            returned += outcome.returned;
            run(input);
        }
        assert!(loaded > 150, "{loaded} of 200 inputs made a component");
        assert!(instantiated > 100, "{instantiated} instantiated");
        assert!(returned > 0, "no call returned");
    }
}
