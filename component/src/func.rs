//! Component functions: lifted from a core function of an instance, or
//! defined by the host; calling them, and the core functions `canon lower`
//! makes of them.

use crate::abi::layout::{FlatType, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, flatten_all, tuple_layout};
use crate::abi::{self, Guest, StringEncoding, abi_trap};
use crate::handles::InstanceState;
use crate::resources::ResourceAny;
use crate::types::{FuncType, ResourceKey, Type, param_list};
use crate::val::Val;
use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::any::Any;
use wisp_core::{AsContext, AsContextMut, Error, Memory, StoreContextMut, Trap};

/// A component function: call it with [`Val`]s ([`Func::call`]) or typed
/// Rust values ([`Func::typed`]).
#[derive(Clone)]
pub struct Func(pub(crate) Arc<FuncKind>);

pub(crate) enum FuncKind {
    /// A core function of a component instance, lifted.
    Lifted(Lifted),
    /// A host function (a [`HostFunc`] of the store's host state type).
    Host(Arc<dyn Any + Send + Sync>),
}

/// What a call across the boundary needs of a function's type, worked out
/// once when the function is lifted or lowered rather than at each call:
/// its parameter and result types as tuples (the form spilled parameters
/// and return areas have in memory) and their flat core types.
pub(crate) struct Signature {
    pub(crate) ty: Arc<FuncType>,
    params: Type,
    results: Type,
    flat_params: Vec<FlatType>,
    flat_results: Vec<FlatType>,
}

impl Signature {
    pub(crate) fn new(ty: Arc<FuncType>) -> Self {
        let params: Vec<Type> = param_list(&ty);
        let flat_params = flatten_all(&params);
        let flat_results = flatten_all(ty.result_types());
        Signature {
            params: Type::Tuple(params.into()),
            results: Type::Tuple(ty.result_types().into()),
            flat_params,
            flat_results,
            ty,
        }
    }

    fn param_types(&self) -> &[Type] {
        match &self.params {
            Type::Tuple(types) => types,
            _ => &[],
        }
    }

    /// Whether the parameters are passed in memory.
    fn spilled(&self) -> bool {
        self.flat_params.len() > MAX_FLAT_PARAMS
    }

    /// Whether the results come back through a return area.
    fn indirect(&self) -> bool {
        self.flat_results.len() > MAX_FLAT_RESULTS
    }

    /// The core signature `canon lower` gives the function.
    pub(crate) fn lowered(&self) -> wisp_core::FuncType {
        let mut params = if self.spilled() {
            alloc::vec![FlatType::I32]
        } else {
            self.flat_params.clone()
        };
        let mut results = self.flat_results.clone();
        if self.indirect() {
            params.push(FlatType::I32);
            results.clear();
        }
        wisp_core::FuncType::new(
            params.into_iter().map(core_type),
            results.into_iter().map(core_type),
        )
    }
}

/// The values of a tuple lifted whole (spilled parameters, a return area).
fn tuple_items(val: Val) -> Vec<Val> {
    match val {
        Val::Tuple(values) => values,
        _ => Vec::new(),
    }
}

/// A lifted function: the core function and its canonical options.
pub(crate) struct Lifted {
    pub(crate) core: wisp_core::Func,
    pub(crate) sig: Arc<Signature>,
    pub(crate) options: GuestOptions,
    pub(crate) state: Arc<InstanceState>,
}

/// Canonical options resolved to an instance's core items.
#[derive(Clone, Copy, Default)]
pub(crate) struct GuestOptions {
    pub(crate) memory: Option<Memory>,
    pub(crate) realloc: Option<wisp_core::Func>,
    pub(crate) post_return: Option<wisp_core::Func>,
    pub(crate) encoding: StringEncoding,
}

/// The closure type of a host function taking and returning [`Val`]s.
pub(crate) type HostFn<T> =
    dyn Fn(StoreContextMut<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync;

/// A host function of host state `T`.
pub(crate) struct HostFunc<T: 'static>(pub(crate) Box<HostFn<T>>);

impl core::fmt::Debug for Func {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &*self.0 {
            FuncKind::Lifted(l) => write!(f, "Func({:?})", l.sig.ty),
            FuncKind::Host(_) => f.write_str("Func(host)"),
        }
    }
}

/// The canonical ABI's view of a guest during one lift or lower.
pub(crate) struct Cx<'a, 'b, T> {
    pub(crate) store: StoreContextMut<'a, T>,
    pub(crate) options: GuestOptions,
    pub(crate) state: &'b InstanceState,
    /// Owned handles lent to the call being made, to end afterwards.
    pub(crate) lent: Vec<u32>,
}

impl<T> Cx<'_, '_, T> {
    /// Runs `lower`, which lowers values into the guest: meanwhile the
    /// guest may not call out (its `realloc` calling an import traps).
    fn lowering<R>(&mut self, lower: impl FnOnce(&mut Self) -> Result<R, Trap>) -> Result<R, Trap> {
        self.state.inner.lock().may_leave = false;
        let lowered = lower(self)?;
        self.state.inner.lock().may_leave = true;
        Ok(lowered)
    }
}

impl<T> Guest for Cx<'_, '_, T> {
    fn memory(&self) -> Result<&[u8], Trap> {
        let memory = self
            .options
            .memory
            .ok_or_else(|| abi_trap("no memory to lift from"))?;
        Ok(memory.data(self.store.as_context()))
    }

    fn memory_mut(&mut self) -> Result<&mut [u8], Trap> {
        let memory = self
            .options
            .memory
            .ok_or_else(|| abi_trap("no memory to lower into"))?;
        Ok(memory.data_mut(self.store.as_context_mut()))
    }

    fn realloc(
        &mut self,
        old_ptr: u32,
        old_size: u32,
        align: u32,
        new_size: u32,
    ) -> Result<u32, Trap> {
        let realloc = self
            .options
            .realloc
            .ok_or_else(|| abi_trap("no realloc to allocate with"))?;
        let args = [old_ptr, old_size, align, new_size].map(|v| wisp_core::Val::I32(v as i32));
        let mut out = [wisp_core::Val::I32(0)];
        realloc.call(&mut self.store, &args, &mut out)?;
        Ok(out[0].i32().unwrap_or(0) as u32)
    }

    fn encoding(&self) -> StringEncoding {
        self.options.encoding
    }

    fn lift_handle(
        &mut self,
        index: u32,
        key: ResourceKey,
        owned: bool,
    ) -> Result<ResourceAny, Trap> {
        let mut state = self.state.inner.lock();
        if owned {
            return state.take_own(index, Some(key));
        }
        let (resource, lent) = state.borrow(index, Some(key))?;
        self.lent.extend(lent);
        Ok(resource)
    }

    fn lower_handle(
        &mut self,
        resource: &ResourceAny,
        key: ResourceKey,
        owned: bool,
    ) -> Result<u32, Trap> {
        let mut state = self.state.inner.lock();
        // The instance's own record of the type carries its destructor
        // (a host's `ResourceType::host` value does not).
        let ty = match state.keys.get(&key) {
            Some(expected) if *expected != resource.ty => {
                return Err(abi_trap("resource of the wrong type"));
            }
            Some(expected) => expected.clone(),
            None => resource.ty.clone(),
        };
        if owned {
            if !resource.owned {
                return Err(abi_trap(
                    "a borrowed handle given where an owned one is expected",
                ));
            }
            return state.new_own(ty, resource.rep);
        }
        if ty.owner() == Some(self.state.id) {
            return Ok(resource.rep);
        }
        state.new_borrow(ty, resource.rep)
    }
}

impl<T> Cx<'_, '_, T> {
    /// Ends the loans of the handles lent to the call just made.
    pub(crate) fn end_loans(&mut self) {
        if self.lent.is_empty() {
            return;
        }
        let mut state = self.state.inner.lock();
        for index in self.lent.drain(..) {
            state.end_loan(index);
        }
    }
}

/// Flat values (`u64` bits) as core values of `types`.
pub(crate) fn to_core(types: &[FlatType], bits: &[u64]) -> Vec<wisp_core::Val> {
    types
        .iter()
        .zip(bits)
        .map(|(ty, &b)| match ty {
            FlatType::I32 => wisp_core::Val::I32(b as u32 as i32),
            FlatType::I64 => wisp_core::Val::I64(b as i64),
            FlatType::F32 => wisp_core::Val::F32(b as u32),
            FlatType::F64 => wisp_core::Val::F64(b),
        })
        .collect()
}

/// Core values as flat values (`u64` bits, 32-bit values zero-extended).
pub(crate) fn from_core(values: &[wisp_core::Val]) -> Vec<u64> {
    values
        .iter()
        .map(|v| match *v {
            wisp_core::Val::I32(x) => x as u32 as u64,
            wisp_core::Val::I64(x) => x as u64,
            wisp_core::Val::F32(x) => x as u64,
            wisp_core::Val::F64(x) => x,
            _ => 0,
        })
        .collect()
}

/// The core value type of a flat type.
pub(crate) fn core_type(ty: FlatType) -> wisp_core::ValType {
    match ty {
        FlatType::I32 => wisp_core::ValType::I32,
        FlatType::I64 => wisp_core::ValType::I64,
        FlatType::F32 => wisp_core::ValType::F32,
        FlatType::F64 => wisp_core::ValType::F64,
    }
}

impl Func {
    /// The function's type, if it is known (host functions take the type
    /// of the import they satisfy).
    pub fn ty(&self) -> Option<&FuncType> {
        match &*self.0 {
            FuncKind::Lifted(l) => Some(&l.sig.ty),
            FuncKind::Host(_) => None,
        }
    }

    /// Calls the function with `params`; `results` must have room for its
    /// result (none or one).
    pub fn call<T: 'static>(
        &self,
        mut store: impl AsContextMut<Data = T>,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<(), Error> {
        self.call_dyn(store.as_context_mut(), params, results)
            .map_err(Error::from)
    }

    /// Calls the function from inside the store.
    pub(crate) fn call_dyn<T: 'static>(
        &self,
        store: StoreContextMut<'_, T>,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<(), Trap> {
        match &*self.0 {
            FuncKind::Lifted(lifted) => call_lifted(lifted, store, params, results),
            FuncKind::Host(host) => match host.downcast_ref::<HostFunc<T>>() {
                Some(f) => (f.0)(store, params, results),
                None => Err(abi_trap(
                    "a host function of another store's host state type",
                )),
            },
        }
    }
}

/// Calls a lifted function: lowers the arguments into the guest, calls its
/// core function, lifts the result, runs `post-return`.
fn call_lifted<T: 'static>(
    lifted: &Lifted,
    mut store: StoreContextMut<'_, T>,
    params: &[Val],
    results: &mut [Val],
) -> Result<(), Trap> {
    let sig = &*lifted.sig;
    let ty = &sig.ty;
    if params.len() != ty.params.len() || results.len() != ty.result_types().len() {
        return Err(abi_trap(alloc::format!(
            "expected {} arguments and room for {} results, got {} and {}",
            ty.params.len(),
            ty.result_types().len(),
            params.len(),
            results.len()
        )));
    }
    {
        let mut state = lifted.state.inner.lock();
        if !state.may_enter {
            return Err(abi_trap(
                "cannot enter a component instance that is already running",
            ));
        }
        state.may_enter = false;
        state.borrows = 0;
    }
    let mut cx = Cx {
        store: store.as_context_mut(),
        options: lifted.options,
        state: &lifted.state,
        lent: Vec::new(),
    };
    let args = cx.lowering(|cx| {
        if sig.spilled() {
            let (size, align) = tuple_layout(sig.param_types());
            let ptr = cx.realloc(0, 0, align, size)?;
            abi::lower_to_memory(cx, &sig.params, &Val::Tuple(params.to_vec()), ptr)?;
            Ok(alloc::vec![wisp_core::Val::I32(ptr as i32)])
        } else {
            let mut bits = Vec::with_capacity(sig.flat_params.len());
            abi::lower_flat(cx, sig.param_types(), params, &mut bits)?;
            Ok(to_core(&sig.flat_params, &bits))
        }
    })?;
    let mut core_results = if sig.indirect() {
        alloc::vec![wisp_core::Val::I32(0)]
    } else {
        to_core(&sig.flat_results, &alloc::vec![0; sig.flat_results.len()])
    };
    lifted.core.call(&mut store, &args, &mut core_results)?;
    let mut cx = Cx {
        store: store.as_context_mut(),
        options: lifted.options,
        state: &lifted.state,
        lent: Vec::new(),
    };
    let values = if sig.indirect() {
        let ptr = core_results[0].i32().unwrap_or(0) as u32;
        tuple_items(abi::lift_from_memory(&mut cx, &sig.results, ptr)?)
    } else {
        abi::lift_flat(&mut cx, ty.result_types(), &from_core(&core_results))?
    };
    results.clone_from_slice(&values);
    if lifted.state.inner.lock().borrows != 0 {
        return Err(abi_trap(
            "borrowed handles still remain at the end of the call",
        ));
    }
    if let Some(post_return) = lifted.options.post_return {
        lifted.state.inner.lock().may_leave = false;
        post_return.call(&mut store, &core_results, &mut [])?;
        lifted.state.inner.lock().may_leave = true;
    }
    lifted.state.inner.lock().may_enter = true;
    Ok(())
}

/// The body of the core function `canon lower` makes of `target`: lifts
/// the guest's arguments, calls `target`, lowers its result.
pub(crate) fn call_lowered<T: 'static>(
    target: &Func,
    sig: &Signature,
    options: GuestOptions,
    state: &InstanceState,
    mut store: StoreContextMut<'_, T>,
    args: &[wisp_core::Val],
    rets: &mut [wisp_core::Val],
) -> Result<(), Trap> {
    if !state.inner.lock().may_leave {
        return Err(abi_trap("cannot leave component instance"));
    }
    let mut cx = Cx {
        store: store.as_context_mut(),
        options,
        state,
        lent: Vec::new(),
    };
    let params = if sig.spilled() {
        let ptr = args.first().map_or(0, |v| v.i32().unwrap_or(0) as u32);
        tuple_items(abi::lift_from_memory(&mut cx, &sig.params, ptr)?)
    } else {
        abi::lift_flat(&mut cx, sig.param_types(), &from_core(args))?
    };
    let lent = core::mem::take(&mut cx.lent);
    let result_types = sig.ty.result_types();
    let mut results: Vec<Val> = result_types.iter().map(|_| Val::Bool(false)).collect();
    let outcome = target.call_dyn(store.as_context_mut(), &params, &mut results);
    let mut cx = Cx {
        store: store.as_context_mut(),
        options,
        state,
        lent,
    };
    cx.end_loans();
    outcome?;
    cx.lowering(|cx| {
        if sig.indirect() {
            let ptr = args.last().map_or(0, |v| v.i32().unwrap_or(0) as u32);
            abi::lower_to_memory(cx, &sig.results, &Val::Tuple(results), ptr)
        } else {
            let mut bits = Vec::with_capacity(sig.flat_results.len());
            abi::lower_flat(cx, result_types, &results, &mut bits)?;
            for (slot, value) in rets.iter_mut().zip(to_core(&sig.flat_results, &bits)) {
                *slot = value;
            }
            Ok(())
        }
    })
}
