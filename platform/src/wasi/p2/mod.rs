//! WASI 0.2 for components: `wasi:cli`, `wasi:io`, `wasi:clocks`,
//! `wasi:random`, `wasi:filesystem` and `wasi:sockets`, as host functions of
//! a [`wisp_component::Linker`]. They work on the same [`WasiCtx`] as
//! preview 1 — its descriptor table (a `descriptor` handle is a descriptor
//! number of it), its preopens, path resolution and capability checks — so
//! a context grants a component exactly what it grants a module.
//!
//! A denied call of a function that returns errors returns an error to
//! the guest (as preview 1 returns `NOTCAPABLE`): `not-permitted` from
//! `wasi:filesystem`, `access-denied` from `wasi:sockets` (which needs
//! the `NET` capability); a function that cannot fail (a clock,
//! randomness) traps with a message naming the missing capability.

mod cli;
mod clocks;
mod filesystem;
mod fs_at;
#[cfg(all(test, unix))]
mod fs_tests;
mod fs_types;
mod io;
#[cfg(all(test, unix))]
mod net_tests;
mod random;
mod sockets;
mod tcp;
mod udp;
mod vals;

use super::ctx::{SharedWasiCtx, WasiCtx};
use wisp_component::{Linker, LinkerInstance, Resource, ResourceType, Val};
use wisp_core::{Error, Trap};

/// The WASI 0.2 version the host functions are registered under; an import
/// of any 0.2.x version finds them.
pub const VERSION: &str = "0.2.6";

/// A WASI 0.2 host function: reads its arguments, returns its result.
type HostFn = fn(&mut WasiCtx, &[Val]) -> Result<Option<Val>, Trap>;

/// How the host functions reach the context in the store's host state:
/// owned by it, or shared with other stores (each call then holds its
/// lock).
enum Access<T> {
    Owned(fn(&mut T) -> &mut WasiCtx),
    Shared(fn(&mut T) -> &SharedWasiCtx),
}

impl<T> Clone for Access<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Access<T> {}

impl<T> Access<T> {
    /// Runs `f` with the context of `host`.
    fn with<R>(self, host: &mut T, f: impl FnOnce(&mut WasiCtx) -> R) -> R {
        match self {
            Access::Owned(get) => f(get(host)),
            Access::Shared(get) => get(host).with(f),
        }
    }
}

/// One interface of the linker being filled, with the way to the context.
struct Interface<'a, T> {
    instance: LinkerInstance<'a, T>,
    get: Access<T>,
}

impl<T: 'static> Interface<'_, T> {
    /// Defines the function `name`.
    fn func(&mut self, name: &str, f: HostFn) -> Result<(), Error> {
        let get = self.get;
        self.instance
            .func_new(name, move |mut store, params, results| {
                if let Some(value) = get.with(store.data_mut(), |ctx| f(ctx, params))? {
                    if let Some(slot) = results.first_mut() {
                        *slot = value;
                    }
                }
                Ok(())
            })
    }

    /// Defines the functions of `list`.
    fn funcs(&mut self, list: &[(&str, HostFn)]) -> Result<(), Error> {
        list.iter().try_for_each(|(name, f)| self.func(name, *f))
    }

    /// Defines the resource type `name`, represented by `R` values in the
    /// context's resource table (dropping the last handle deletes it).
    fn resource<R: Send + 'static>(&mut self, name: &str) -> Result<(), Error> {
        self.resource_with::<R>(name, delete::<R>)
    }

    /// Defines the resource type `name`, named by the Rust type `R`;
    /// `drop` runs with the representation when the guest drops the last
    /// owned handle.
    fn resource_with<R: 'static>(&mut self, name: &str, drop: Dtor) -> Result<(), Error> {
        let get = self.get;
        self.instance
            .resource(name, ResourceType::host::<R>(), move |mut store, rep| {
                get.with(store.data_mut(), |ctx| drop(ctx, rep))
            })
    }
}

/// What runs when the guest drops the last owned handle of a resource.
type Dtor = fn(&mut WasiCtx, u32) -> Result<(), Trap>;

/// Deletes the `R` value `rep` from the context's resource table.
fn delete<R: 'static>(ctx: &mut WasiCtx, rep: u32) -> Result<(), Trap> {
    ctx.resources
        .delete(Resource::<R>::new_own(rep))
        .map(drop)
        .map_err(vals::table_trap)
}

/// The linker instance of the interface `name` (`"wasi:io/streams"`) at
/// [`VERSION`].
fn interface<'a, T: 'static>(
    linker: &'a mut Linker<T>,
    get: Access<T>,
    name: &str,
) -> Result<Interface<'a, T>, Error> {
    Ok(Interface {
        instance: linker.instance(&alloc::format!("{name}@{VERSION}"))?,
        get,
    })
}

/// Registers every WASI 0.2 interface with `linker`; `get` finds the
/// [`WasiCtx`] in the store's host state.
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut WasiCtx,
) -> Result<(), Error> {
    add_all(linker, Access::Owned(get))
}

/// Registers every WASI 0.2 interface with `linker` for a context the
/// store's host state shares with other stores ([`SharedWasiCtx`]), as
/// preview 1's [`add_to_linker_shared`](super::add_to_linker_shared): each
/// call holds the context's lock.
pub fn add_to_linker_shared<T: 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &SharedWasiCtx,
) -> Result<(), Error> {
    add_all(linker, Access::Shared(get))
}

fn add_all<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    io::add(linker, get)?;
    cli::add(linker, get)?;
    clocks::add(linker, get)?;
    random::add(linker, get)?;
    filesystem::add(linker, get)?;
    sockets::add(linker, get)?;
    Ok(())
}
