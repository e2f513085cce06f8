//! # wisp-component
//!
//! The component model for wisp: components decoded and validated by
//! wasmparser, instantiated against a [`Linker`] of host functions named by
//! WIT interface, and called with values lifted and lowered by the canonical
//! ABI. Shaped like wasmtime's `component` module.
#![no_std]
#![deny(missing_docs)]

extern crate alloc;

mod abi;
mod component;
mod func;
mod handles;
mod instance;
mod linker;
mod plan;
mod resources;
mod type_convert;
mod typed;
mod types;
mod val;
#[cfg(feature = "wave")]
pub mod wave;
#[cfg(feature = "wit")]
pub mod wit;
mod world;

pub use abi::StringEncoding;
pub use component::{Component, is_component};
pub use func::Func;
pub use instance::Instance;
pub use linker::{Linker, LinkerInstance};
pub use resources::{Resource, ResourceAny, ResourceError, ResourceTable, ResourceType};
pub use typed::{ComponentNamedList, ComponentType, Lift, LiftList, Lower, LowerList, TypedFunc};
pub use types::{Case, Field, FuncType, ResourceKey, ResultType, Type};
pub use val::Val;
pub use world::{ItemType, World};
