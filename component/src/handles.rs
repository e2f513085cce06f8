//! A component instance's state shared by its lifted and lowered
//! functions: its handle table (owned and borrowed resource handles, by the
//! index the guest sees), the run-time resource types its resource keys
//! stand for, and the flags that keep calls into it from nesting.

use crate::abi::abi_trap;
use crate::resources::{ResourceAny, ResourceType};
use crate::types::ResourceKey;
use alloc::vec::Vec;
use hashbrown::HashMap;
use wisp_core::Trap;

/// One entry of a handle table.
enum Slot {
    /// Unused; the next free index.
    Free(u32),
    /// An owned handle, lent to `lent` calls in progress.
    Own {
        ty: ResourceType,
        rep: u32,
        lent: u32,
    },
    /// A borrowed handle, valid during the call that lowered it.
    Borrow { ty: ResourceType, rep: u32 },
}

/// The state of one component instance.
pub(crate) struct InstanceState {
    /// A number unique in the process.
    pub(crate) id: u64,
    pub(crate) inner: spin::Mutex<StateInner>,
}

pub(crate) struct StateInner {
    slots: Vec<Slot>,
    free: u32,
    /// The run-time types of the resource keys this instance has seen.
    pub(crate) keys: HashMap<ResourceKey, ResourceType>,
    /// Whether a call may enter the instance (no call into it is running).
    pub(crate) may_enter: bool,
    /// Whether the instance may call out (through a lowered import): not
    /// while the canonical ABI lowers values into it (its `realloc` runs)
    /// or while its `post-return` runs.
    pub(crate) may_leave: bool,
    /// Borrowed handles lowered into the running call and not yet dropped.
    pub(crate) borrows: u32,
}

/// What removing a handle gave back.
pub(crate) enum Removed {
    /// An owned handle: its resource must be destroyed.
    Own(ResourceType, u32),
    /// A borrow, now ended.
    Borrow,
}

impl InstanceState {
    pub(crate) fn new() -> Self {
        InstanceState {
            id: crate::resources::next_id(),
            inner: spin::Mutex::new(StateInner {
                // Index 0 is never a valid handle.
                slots: alloc::vec![Slot::Free(0)],
                free: 0,
                keys: HashMap::new(),
                may_enter: true,
                may_leave: true,
                borrows: 0,
            }),
        }
    }
}

#[cold]
fn unknown_handle(index: u32) -> Trap {
    abi_trap(alloc::format!("unknown handle index {index}"))
}

#[cold]
fn wrong_type(index: u32) -> Trap {
    abi_trap(alloc::format!(
        "handle index {index} is of the wrong resource type"
    ))
}

impl StateInner {
    /// Adds a slot; returns its index.
    fn insert(&mut self, slot: Slot) -> Result<u32, Trap> {
        if self.free != 0 {
            let index = self.free;
            if let Slot::Free(next) = self.slots[index as usize] {
                self.free = next;
            }
            self.slots[index as usize] = slot;
            return Ok(index);
        }
        let index = u32::try_from(self.slots.len())
            .ok()
            .filter(|i| *i < 1 << 30)
            .ok_or_else(|| abi_trap("handle table full"))?;
        self.slots.push(slot);
        Ok(index)
    }

    fn release(&mut self, index: u32) {
        self.slots[index as usize] = Slot::Free(self.free);
        self.free = index;
    }

    /// Checks that `ty` is the type `key` stands for, where this instance
    /// knows it.
    fn check(&self, index: u32, ty: &ResourceType, key: Option<ResourceKey>) -> Result<(), Trap> {
        match key.and_then(|k| self.keys.get(&k)) {
            Some(expected) if expected != ty => Err(wrong_type(index)),
            _ => Ok(()),
        }
    }

    /// Adds an owned handle to `rep` of type `ty`.
    pub(crate) fn new_own(&mut self, ty: ResourceType, rep: u32) -> Result<u32, Trap> {
        self.insert(Slot::Own { ty, rep, lent: 0 })
    }

    /// Adds a borrowed handle for the running call.
    pub(crate) fn new_borrow(&mut self, ty: ResourceType, rep: u32) -> Result<u32, Trap> {
        let index = self.insert(Slot::Borrow { ty, rep })?;
        self.borrows += 1;
        Ok(index)
    }

    /// Takes the owned handle `index` out of the table (a handle of type
    /// `key`, where known, not lent to a call).
    pub(crate) fn take_own(
        &mut self,
        index: u32,
        key: Option<ResourceKey>,
    ) -> Result<ResourceAny, Trap> {
        let (ty, rep) = match self.slots.get(index as usize) {
            Some(Slot::Own { ty, rep, lent: 0 }) => (ty.clone(), *rep),
            Some(Slot::Own { .. }) => {
                return Err(abi_trap(alloc::format!(
                    "handle index {index} is lent to a call in progress"
                )));
            }
            Some(Slot::Borrow { .. }) => {
                return Err(abi_trap(alloc::format!(
                    "handle index {index} is borrowed, not owned"
                )));
            }
            _ => return Err(unknown_handle(index)),
        };
        self.check(index, &ty, key)?;
        self.release(index);
        Ok(ResourceAny {
            ty,
            rep,
            owned: true,
        })
    }

    /// Borrows the handle `index` for a call: an owned one is marked lent
    /// (and its index returned in the second place, to end the loan).
    pub(crate) fn borrow(
        &mut self,
        index: u32,
        key: Option<ResourceKey>,
    ) -> Result<(ResourceAny, Option<u32>), Trap> {
        let (ty, rep, lent) = match self.slots.get_mut(index as usize) {
            Some(Slot::Own { ty, rep, lent }) => {
                *lent += 1;
                (ty.clone(), *rep, Some(index))
            }
            Some(Slot::Borrow { ty, rep }) => (ty.clone(), *rep, None),
            _ => return Err(unknown_handle(index)),
        };
        if let Err(trap) = self.check(index, &ty, key) {
            if lent.is_some() {
                self.end_loan(index);
            }
            return Err(trap);
        }
        let resource = ResourceAny {
            ty,
            rep,
            owned: false,
        };
        Ok((resource, lent))
    }

    /// Ends one loan of the owned handle `index`.
    pub(crate) fn end_loan(&mut self, index: u32) {
        if let Some(Slot::Own { lent, .. }) = self.slots.get_mut(index as usize) {
            *lent = lent.saturating_sub(1);
        }
    }

    /// The representation behind handle `index`, which must be of type
    /// `ty` (`resource.rep`).
    pub(crate) fn rep(&self, index: u32, ty: &ResourceType) -> Result<u32, Trap> {
        match self.slots.get(index as usize) {
            Some(Slot::Own { ty: t, rep, .. } | Slot::Borrow { ty: t, rep }) => {
                if t == ty {
                    Ok(*rep)
                } else {
                    Err(wrong_type(index))
                }
            }
            _ => Err(unknown_handle(index)),
        }
    }

    /// Removes handle `index` of type `ty` (`resource.drop`).
    pub(crate) fn remove(&mut self, index: u32, ty: &ResourceType) -> Result<Removed, Trap> {
        let removed = match self.slots.get(index as usize) {
            Some(Slot::Own { ty: t, rep, lent }) => {
                if t != ty {
                    return Err(wrong_type(index));
                }
                if *lent != 0 {
                    return Err(abi_trap(alloc::format!(
                        "handle index {index} dropped while lent to a call"
                    )));
                }
                Removed::Own(t.clone(), *rep)
            }
            Some(Slot::Borrow { ty: t, .. }) => {
                if t != ty {
                    return Err(wrong_type(index));
                }
                self.borrows = self.borrows.saturating_sub(1);
                Removed::Borrow
            }
            _ => return Err(unknown_handle(index)),
        };
        self.release(index);
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_typed_lent_and_reused() {
        let state = InstanceState::new();
        let mut s = state.inner.lock();
        let a = ResourceType::host::<u8>();
        let b = ResourceType::host::<u16>();
        let h = s.new_own(a.clone(), 7).unwrap();
        assert_eq!(h, 1);
        assert_eq!(s.rep(h, &a).unwrap(), 7);
        assert!(s.rep(h, &b).is_err());
        let (borrowed, lent) = s.borrow(h, None).unwrap();
        assert!(!borrowed.owned && lent == Some(h));
        assert!(s.remove(h, &a).is_err(), "dropped while lent");
        assert!(s.take_own(h, None).is_err(), "moved while lent");
        s.end_loan(h);
        assert!(matches!(s.remove(h, &a).unwrap(), Removed::Own(_, 7)));
        assert!(s.rep(h, &a).is_err(), "gone after drop");
        let g = s.new_borrow(b.clone(), 9).unwrap();
        assert_eq!(g, h, "slot reused");
        assert_eq!(s.borrows, 1);
        assert!(s.take_own(g, None).is_err());
        assert!(matches!(s.remove(g, &b).unwrap(), Removed::Borrow));
        assert_eq!(s.borrows, 0);
        assert!(s.rep(0, &a).is_err(), "index 0 is never valid");
    }
}
