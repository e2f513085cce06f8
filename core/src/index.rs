//! Typed indices into a module's index spaces, so that a function index
//! cannot be passed where a type or global index belongs. Each is a `u32`
//! (`cranelift-entity`'s `entity_impl!`), used as the key of the
//! `PrimaryMap`s that hold a module's declarations.

use cranelift_entity::entity_impl;

macro_rules! indices {
    ($($(#[$doc:meta])* $name:ident $display:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) struct $name(u32);
        entity_impl!($name, $display);
    )*};
}

indices! {
    /// A function, imported ones first.
    FuncIndex "func";
    /// A function the module defines (its code-section entry).
    DefinedFuncIndex "defined_func";
    /// A type of the type section.
    TypeIndex "type";
    /// A table, imported ones first.
    TableIndex "table";
    /// A linear memory, imported ones first.
    MemoryIndex "memory";
    /// A global, imported ones first.
    GlobalIndex "global";
    /// A tag (exception handling), imported ones first.
    TagIndex "tag";
    /// An element segment.
    ElemIndex "elem";
    /// A data segment.
    DataIndex "data";
}
