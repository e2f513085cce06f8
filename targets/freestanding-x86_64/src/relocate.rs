//! Self-relocation: the example is a static position-independent executable
//! (the kernel maps it at a random address and runs `_start` with no dynamic
//! loader), so `_start` applies its relocations before any Rust code reads a
//! pointer from a static table (vtables, `match` jump tables, the
//! interpreter's handler table).
//!
//! Position-independent code is smaller here than a fixed-address build: its
//! jump tables hold 4-byte offsets instead of 8-byte addresses, and the
//! linker packs the pointer relocations into a few hundred bytes of RELR
//! bitmaps (`-z pack-relative-relocs`, see `.cargo/config.toml`).
//!
//! Only `R_X86_64_RELATIVE` relocations can occur (nothing is imported); any
//! other kind stops the program with `ud2` before it runs.

/// `d_tag`s of the `_DYNAMIC` entries read here.
const DT_NULL: usize = 0;
const DT_RELA: usize = 7;
const DT_RELASZ: usize = 8;
const DT_RELRSZ: usize = 35;
const DT_RELR: usize = 36;
/// The only relocation type a static PIE has: `*place = base + addend`.
const R_X86_64_RELATIVE: usize = 8;
/// Bytes in one `Elf64_Rela` (offset, info, addend).
const RELA_SIZE: usize = 24;
/// Bytes in a pointer (the unit RELR counts in).
const WORD: usize = core::mem::size_of::<usize>();

/// Applies this image's relocations, given the address it was loaded at
/// (`base`, where the ELF header is; the link-time base is 0) and its
/// `_DYNAMIC` array.
///
/// # Safety
///
/// Called once, from `_start`, before any other code runs: `dynamic` must be
/// this image's `_DYNAMIC` and `base` its load address, and the places the
/// relocations name must be writable (no RELRO: the example links with
/// `-z norelro`, as no loader would protect it). This function itself must
/// not read relocated data: it only does arithmetic on its arguments and the
/// tables they lead to (plain loops and `if`s, no `match` that could become a
/// jump table).
pub unsafe extern "C" fn apply(base: usize, dynamic: *const usize) {
    let (mut rela, mut rela_size, mut relr, mut relr_size) = (0, 0, 0, 0);
    let mut entry = dynamic;
    loop {
        // SAFETY: `_DYNAMIC` is an array of (tag, value) pairs ending with
        // DT_NULL, so each pair read lies inside it.
        let (tag, value) = unsafe { (*entry, *entry.add(1)) };
        if tag == DT_NULL {
            break;
        }
        if tag == DT_RELA {
            rela = value;
        } else if tag == DT_RELASZ {
            rela_size = value;
        } else if tag == DT_RELR {
            relr = value;
        } else if tag == DT_RELRSZ {
            relr_size = value;
        }
        // SAFETY: not past the DT_NULL pair, which ends the array.
        entry = unsafe { entry.add(2) };
    }

    let mut at = base.wrapping_add(rela);
    let rela_end = at.wrapping_add(rela_size);
    while at < rela_end {
        let record = at as *const usize;
        // SAFETY: DT_RELA/DT_RELASZ bound an array of Elf64_Rela records in
        // the loaded image; each names a pointer-sized place in it.
        unsafe {
            let (offset, info, addend) = (*record, *record.add(1), *record.add(2));
            if info & 0xffff_ffff != R_X86_64_RELATIVE {
                core::arch::asm!("ud2", options(noreturn));
            }
            *(base.wrapping_add(offset) as *mut usize) = base.wrapping_add(addend);
        }
        at = at.wrapping_add(RELA_SIZE);
    }

    // RELR: an even word is the offset of a place to relocate, and the
    // places after it are described by the odd words that follow: bit i
    // (from bit 1) of each says whether the i-th next word is one.
    let mut word = base.wrapping_add(relr) as *const usize;
    let relr_end = base.wrapping_add(relr).wrapping_add(relr_size) as *const usize;
    let mut place = 0usize;
    while word < relr_end {
        // SAFETY: DT_RELR/DT_RELRSZ bound the RELR array in the image.
        let bits = unsafe { *word };
        if bits & 1 == 0 {
            place = base.wrapping_add(bits);
            // SAFETY: the word names a pointer-sized place in the image.
            unsafe { relocate_word(place, base) };
            place = place.wrapping_add(WORD);
        } else {
            let mut rest = bits >> 1;
            let mut next = place;
            while rest != 0 {
                if rest & 1 != 0 {
                    // SAFETY: as above, a place the bitmap marks.
                    unsafe { relocate_word(next, base) };
                }
                rest >>= 1;
                next = next.wrapping_add(WORD);
            }
            place = place.wrapping_add((usize::BITS as usize - 1) * WORD);
        }
        // SAFETY: still inside the RELR array (checked by the loop).
        word = unsafe { word.add(1) };
    }
}

/// Adds the load address to the link-time address stored at `place`.
///
/// # Safety
///
/// `place` is a writable, aligned pointer-sized location of the image.
#[inline(always)]
unsafe fn relocate_word(place: usize, base: usize) {
    let place = place as *mut usize;
    // SAFETY: the caller's guarantee.
    unsafe { *place = (*place).wrapping_add(base) };
}
