//! What a component imports and exports, by name and kind.

use crate::plan::{Def, Init, Sort};
use alloc::string::String;
use alloc::vec::Vec;

/// The kind of an imported or exported item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A core module.
    Module,
    /// A function.
    Func,
    /// A value.
    Value,
    /// A type.
    Type,
    /// An instance (an interface).
    Instance,
    /// A component.
    Component,
}

/// A component's imports and exports.
#[derive(Debug, Clone, Default)]
pub struct World {
    /// The imports, in order.
    pub imports: Vec<(String, ItemKind)>,
    /// The exports, in order.
    pub exports: Vec<(String, ItemKind)>,
}

fn kind(sort: Sort) -> ItemKind {
    match sort {
        Sort::Module => ItemKind::Module,
        Sort::Func => ItemKind::Func,
        Sort::Value => ItemKind::Value,
        Sort::Type => ItemKind::Type,
        Sort::Instance => ItemKind::Instance,
        Sort::Component => ItemKind::Component,
    }
}

impl World {
    /// The imports and exports of `def`.
    pub(crate) fn of(def: &Def) -> World {
        let mut world = World::default();
        for init in &def.inits {
            match init {
                Init::Import { name, sort, .. } => world.imports.push((name.clone(), kind(*sort))),
                Init::Export { name, sort, .. } => world.exports.push((name.clone(), kind(*sort))),
                _ => {}
            }
        }
        world
    }
}
