//! The portable interpreter: a `loop { match }` over the register IR.
//!
//! The current frame's state (instruction index, frame pointer, memory base
//! and length) lives in locals of [`run`]. Calls between Wasm functions push a
//! [`Frame`] on the store's frame stack instead of recursing, so deep Wasm
//! recursion cannot overflow the host stack; host calls return to the caller
//! of [`run`] ([`Exit::Host`]), which performs them and resumes.

#![allow(unsafe_code)]

mod bulk;
mod float;

use crate::ir::{Instr, Op};
use crate::runtime::Frame;
use crate::runtime::{FuncEntity, StoreInner};
use crate::trap::TrapCode;
use float::*;

/// Why [`run`] returned without a trap.
pub(crate) enum Exit {
    /// The entry function returned; its results are in its frame's first slots.
    Done,
    /// Wasm called host function `func` with arguments at slot `args_at`;
    /// after the call, resume at `resume`.
    Host {
        func: u32,
        args_at: usize,
        resume: Frame,
    },
}

/// A trap and the frame it happened in.
pub(crate) type TrapAt = (TrapCode, Frame);

/// Prepares the frame of Wasm function `func` at slot `fp` (whose parameters
/// are already there) and returns it ready to run.
pub(crate) fn enter(store: &mut StoreInner, func: u32, fp: usize) -> Result<Frame, TrapCode> {
    let FuncEntity::Wasm {
        instance,
        module,
        def,
        ..
    } = &store.funcs[func as usize]
    else {
        unreachable!("enter on a host function");
    };
    let f = &module.code[*def as usize];
    if store.frames.len() >= store.engine.config().max_call_depth {
        return Err(TrapCode::StackOverflow);
    }
    let end = fp + f.frame_size as usize;
    if end > store.stack.len() {
        return Err(TrapCode::StackOverflow);
    }
    let locals = fp + f.num_params as usize;
    store.stack[locals..locals + f.num_locals as usize].fill(0);
    Ok(Frame {
        func,
        instance: *instance,
        pc: 0,
        fp,
    })
}

/// Memory 0 of an instance as a base pointer and length (dangling and zero
/// when the instance has no memory).
#[inline]
fn memory0(store: &mut StoreInner, instance: u32) -> (*mut u8, usize) {
    match store.instances[instance as usize].memories.first() {
        Some(&m) => {
            let data = store.memories[m as usize].data_mut();
            (data.as_mut_ptr(), data.len())
        }
        None => (core::ptr::NonNull::dangling().as_ptr(), 0),
    }
}

/// The code of Wasm function `func`.
///
/// The returned slice borrows from the function's module, which the store
/// keeps alive (in `FuncEntity::Wasm`) for as long as the store exists; the
/// lifetime is detached from `store` so the interpreter can mutate other parts
/// of the store while it reads code.
#[inline]
fn code_of(store: &StoreInner, func: u32) -> *const [Instr] {
    match &store.funcs[func as usize] {
        FuncEntity::Wasm { module, def, .. } => &module.code[*def as usize].code[..] as *const _,
        FuncEntity::Host { .. } => &[] as *const [Instr],
    }
}

/// Bounds-checked effective address of an access of `size` bytes.
#[inline(always)]
fn ea(addr: u64, offset: u16, size: usize, len: usize) -> Option<usize> {
    let ea = addr.checked_add(offset as u64)?;
    let end = ea.checked_add(size as u64)?;
    (end <= len as u64).then_some(ea as usize)
}

/// Runs from `frame` until the call that entered at frame depth
/// `entry_depth` returns, a host function is called, or a trap.
pub(crate) fn run(
    store: &mut StoreInner,
    frame: Frame,
    entry_depth: usize,
) -> Result<Exit, TrapAt> {
    let max_depth = store.engine.config().max_call_depth;
    let stack_len = store.stack.len();
    let stack_ptr = store.stack.as_mut_ptr();
    let mut func = frame.func;
    let mut inst = frame.instance;
    let mut fp_off = frame.fp;
    let mut pc = frame.pc;
    // SAFETY: `frame.fp` is a frame set up by `enter` or by a call below, so
    // `fp_off + frame_size <= stack_len`.
    let mut fp: *mut u64 = unsafe { stack_ptr.add(fp_off) };
    // SAFETY: see `code_of`: the module outlives this call.
    let mut code: &[Instr] = unsafe { &*code_of(store, func) };
    let (mut mem, mut mem_len) = memory0(store, inst);

    macro_rules! here {
        () => {
            Frame {
                func,
                instance: inst,
                pc,
                fp: fp_off,
            }
        };
    }
    macro_rules! trap {
        ($code:expr) => {
            return Err(($code, here!()))
        };
    }
    macro_rules! r {
        ($slot:expr) => {
            // SAFETY: the translator only emits slot indices below the
            // function's `frame_size`, and every frame is set up with
            // `fp_off + frame_size <= stack_len`.
            unsafe { *fp.add($slot as usize) }
        };
    }
    macro_rules! w {
        ($slot:expr, $v:expr) => {{
            let v: u64 = $v;
            // SAFETY: as for `r!`.
            unsafe { *fp.add($slot as usize) = v }
        }};
    }
    macro_rules! r32 {
        ($slot:expr) => {
            r!($slot) as u32
        };
    }
    macro_rules! rf32 {
        ($slot:expr) => {
            f32::from_bits(r!($slot) as u32)
        };
    }
    macro_rules! rf64 {
        ($slot:expr) => {
            f64::from_bits(r!($slot))
        };
    }
    macro_rules! bin32 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = r32!($i.b);
            let $y = r32!($i.c);
            w!($i.a, ($e) as u32 as u64);
        }};
    }
    macro_rules! imm32 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = r32!($i.b);
            let $y = $i.c_i16() as i32 as u32;
            w!($i.a, ($e) as u32 as u64);
        }};
    }
    macro_rules! bin64 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = r!($i.b);
            let $y = r!($i.c);
            w!($i.a, ($e) as u64);
        }};
    }
    macro_rules! imm64 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = r!($i.b);
            let $y = $i.c_i16() as i64 as u64;
            w!($i.a, ($e) as u64);
        }};
    }
    macro_rules! un {
        ($i:ident, |$x:ident| $e:expr) => {{
            let $x = r!($i.b);
            w!($i.a, $e);
        }};
    }
    macro_rules! binf32 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = rf32!($i.b);
            let $y = rf32!($i.c);
            w!($i.a, ($e).to_bits() as u64);
        }};
    }
    macro_rules! binf64 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = rf64!($i.b);
            let $y = rf64!($i.c);
            w!($i.a, ($e).to_bits());
        }};
    }
    macro_rules! cmpf32 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = rf32!($i.b);
            let $y = rf32!($i.c);
            w!($i.a, ($e) as u64);
        }};
    }
    macro_rules! cmpf64 {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = rf64!($i.b);
            let $y = rf64!($i.c);
            w!($i.a, ($e) as u64);
        }};
    }
    macro_rules! unf32 {
        ($i:ident, |$x:ident| $e:expr) => {{
            let $x = rf32!($i.b);
            w!($i.a, ($e).to_bits() as u64);
        }};
    }
    macro_rules! unf64 {
        ($i:ident, |$x:ident| $e:expr) => {{
            let $x = rf64!($i.b);
            w!($i.a, ($e).to_bits());
        }};
    }
    macro_rules! jump {
        ($off:expr) => {{
            pc = (pc as isize + $off as isize) as usize;
            continue;
        }};
    }
    macro_rules! br_cmp {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = r!($i.a);
            let $y = r!($i.b);
            if $e {
                jump!($i.c_i16());
            }
        }};
    }
    macro_rules! br_cmp_imm {
        ($i:ident, |$x:ident, $y:ident| $e:expr) => {{
            let $x = r!($i.a);
            let $y = $i.b_i16() as i64 as u64;
            if $e {
                jump!($i.c_i16());
            }
        }};
    }
    macro_rules! load {
        ($i:ident, $n:literal, |$b:ident| $e:expr) => {{
            let Some(at) = ea(r!($i.b), $i.c, $n, mem_len) else {
                trap!(TrapCode::MemoryOutOfBounds)
            };
            // SAFETY: `ea` checked `at + $n <= mem_len`, and `mem` points to
            // `mem_len` bytes of the current instance's memory 0 (refreshed
            // after every call, return and growth).
            let $b: [u8; $n] = unsafe { core::ptr::read_unaligned(mem.add(at) as *const [u8; $n]) };
            w!($i.a, $e);
        }};
    }
    macro_rules! store {
        ($i:ident, $n:literal, |$v:ident| $e:expr) => {{
            let Some(at) = ea(r!($i.a), $i.c, $n, mem_len) else {
                trap!(TrapCode::MemoryOutOfBounds)
            };
            let $v = r!($i.b);
            let bytes: [u8; $n] = $e;
            // SAFETY: as for `load!`.
            unsafe { core::ptr::write_unaligned(mem.add(at) as *mut [u8; $n], bytes) };
        }};
    }
    macro_rules! ret {
        () => {{
            if store.frames.len() == entry_depth {
                return Ok(Exit::Done);
            }
            let Some(caller) = store.frames.pop() else {
                return Ok(Exit::Done);
            };
            func = caller.func;
            inst = caller.instance;
            fp_off = caller.fp;
            pc = caller.pc;
            // SAFETY: the caller's frame was valid when it made the call.
            fp = unsafe { stack_ptr.add(fp_off) };
            // SAFETY: see `code_of`.
            code = unsafe { &*code_of(store, func) };
            (mem, mem_len) = memory0(store, inst);
            continue;
        }};
    }
    macro_rules! call {
        ($callee:expr, $frame:expr, $width:expr) => {{
            let callee: u32 = $callee;
            let new_fp = fp_off + $frame as usize;
            let resume = Frame {
                func,
                instance: inst,
                pc: pc + $width,
                fp: fp_off,
            };
            match &store.funcs[callee as usize] {
                FuncEntity::Wasm {
                    instance,
                    module,
                    def,
                    ..
                } => {
                    let f = &module.code[*def as usize];
                    if store.frames.len() >= max_depth || new_fp + f.frame_size as usize > stack_len
                    {
                        trap!(TrapCode::StackOverflow);
                    }
                    let locals = new_fp + f.num_params as usize;
                    // SAFETY: `locals + num_locals <= new_fp + frame_size <=
                    // stack_len`, checked just above.
                    unsafe {
                        core::ptr::write_bytes(stack_ptr.add(locals), 0, f.num_locals as usize)
                    };
                    store.frames.push(resume);
                    let callee_inst = *instance;
                    // SAFETY: see `code_of`; the code belongs to `module`,
                    // kept alive by the store.
                    code = unsafe { &*(&f.code[..] as *const [Instr]) };
                    func = callee;
                    fp_off = new_fp;
                    // SAFETY: `new_fp + frame_size <= stack_len`.
                    fp = unsafe { stack_ptr.add(fp_off) };
                    pc = 0;
                    if callee_inst != inst {
                        inst = callee_inst;
                        (mem, mem_len) = memory0(store, inst);
                    }
                    continue;
                }
                FuncEntity::Host { .. } => {
                    return Ok(Exit::Host {
                        func: callee,
                        args_at: new_fp,
                        resume,
                    });
                }
            }
        }};
    }

    loop {
        let i = code[pc];
        match i.op {
            Op::Data | Op::Unreachable => trap!(TrapCode::Unreachable),
            Op::Br => jump!(i.bc() as i32),
            Op::BrIfNez => {
                if r32!(i.a) != 0 {
                    jump!(i.bc() as i32);
                }
            }
            Op::BrIfEqz => {
                if r32!(i.a) == 0 {
                    jump!(i.bc() as i32);
                }
            }
            Op::BrTable => {
                let n = i.bc();
                let k = r32!(i.a).min(n) as usize;
                let off = code[pc + 1 + k].bc() as i32;
                jump!(off);
            }
            Op::Return0 => ret!(),
            Op::Return1 => {
                let v = r!(i.a);
                w!(0, v);
                ret!();
            }
            Op::ReturnSpan => {
                for k in 0..i.b as usize {
                    let v = r!(i.a as usize + k);
                    w!(k, v);
                }
                ret!();
            }
            Op::Call => {
                let callee = store.instances[inst as usize].funcs[i.bc() as usize];
                call!(callee, i.a, 1)
            }
            Op::CallIndirect => {
                let ty = code[pc + 1].bc();
                let instance = &store.instances[inst as usize];
                let table = &store.tables[instance.tables[i.c as usize] as usize];
                let index = r32!(i.b) as usize;
                let Some(&elem) = table.elements.get(index) else {
                    trap!(TrapCode::UndefinedElement)
                };
                if elem == 0 {
                    trap!(TrapCode::IndirectCallToNull);
                }
                let callee = (elem - 1) as u32;
                if store.funcs[callee as usize].type_id() != instance.type_ids[ty as usize] {
                    trap!(TrapCode::BadSignature);
                }
                call!(callee, i.a, 2)
            }
            Op::Copy => w!(i.a, r!(i.b)),
            Op::Const32 => w!(i.a, i.bc() as u64),
            Op::ConstI64S32 => w!(i.a, i.bc() as i32 as i64 as u64),
            Op::Const64 => {
                let hi = code[pc + 1].bc() as u64;
                w!(i.a, i.bc() as u64 | hi << 32);
                pc += 2;
                continue;
            }
            Op::Select => {
                let d = code[pc + 1];
                let v = if r32!(i.b) != 0 { r!(d.a) } else { r!(d.b) };
                w!(i.a, v);
                pc += 2;
                continue;
            }
            Op::GlobalGet => {
                let g = store.instances[inst as usize].globals[i.bc() as usize];
                w!(i.a, store.globals[g as usize].value);
            }
            Op::GlobalSet => {
                let g = store.instances[inst as usize].globals[i.bc() as usize];
                store.globals[g as usize].value = r!(i.a);
            }

            Op::BrI32Eq => br_cmp!(i, |x, y| x as u32 == y as u32),
            Op::BrI32Ne => br_cmp!(i, |x, y| x as u32 != y as u32),
            Op::BrI32LtS => br_cmp!(i, |x, y| (x as i32) < y as i32),
            Op::BrI32LtU => br_cmp!(i, |x, y| (x as u32) < y as u32),
            Op::BrI32GtS => br_cmp!(i, |x, y| x as i32 > y as i32),
            Op::BrI32GtU => br_cmp!(i, |x, y| x as u32 > y as u32),
            Op::BrI32LeS => br_cmp!(i, |x, y| x as i32 <= y as i32),
            Op::BrI32LeU => br_cmp!(i, |x, y| x as u32 <= y as u32),
            Op::BrI32GeS => br_cmp!(i, |x, y| x as i32 >= y as i32),
            Op::BrI32GeU => br_cmp!(i, |x, y| x as u32 >= y as u32),
            Op::BrI32EqImm => br_cmp_imm!(i, |x, y| x as u32 == y as u32),
            Op::BrI32NeImm => br_cmp_imm!(i, |x, y| x as u32 != y as u32),
            Op::BrI32LtSImm => br_cmp_imm!(i, |x, y| (x as i32) < y as i32),
            Op::BrI32LtUImm => br_cmp_imm!(i, |x, y| (x as u32) < y as u32),
            Op::BrI32GtSImm => br_cmp_imm!(i, |x, y| x as i32 > y as i32),
            Op::BrI32GtUImm => br_cmp_imm!(i, |x, y| x as u32 > y as u32),
            Op::BrI32LeSImm => br_cmp_imm!(i, |x, y| x as i32 <= y as i32),
            Op::BrI32LeUImm => br_cmp_imm!(i, |x, y| x as u32 <= y as u32),
            Op::BrI32GeSImm => br_cmp_imm!(i, |x, y| x as i32 >= y as i32),
            Op::BrI32GeUImm => br_cmp_imm!(i, |x, y| x as u32 >= y as u32),
            Op::BrI64Eq => br_cmp!(i, |x, y| x == y),
            Op::BrI64Ne => br_cmp!(i, |x, y| x != y),
            Op::BrI64LtS => br_cmp!(i, |x, y| (x as i64) < y as i64),
            Op::BrI64LtU => br_cmp!(i, |x, y| x < y),
            Op::BrI64GtS => br_cmp!(i, |x, y| x as i64 > y as i64),
            Op::BrI64GtU => br_cmp!(i, |x, y| x > y),
            Op::BrI64LeS => br_cmp!(i, |x, y| x as i64 <= y as i64),
            Op::BrI64LeU => br_cmp!(i, |x, y| x <= y),
            Op::BrI64GeS => br_cmp!(i, |x, y| x as i64 >= y as i64),
            Op::BrI64GeU => br_cmp!(i, |x, y| x >= y),
            Op::BrI64EqImm => br_cmp_imm!(i, |x, y| x == y),
            Op::BrI64NeImm => br_cmp_imm!(i, |x, y| x != y),
            Op::BrI64LtSImm => br_cmp_imm!(i, |x, y| (x as i64) < y as i64),
            Op::BrI64LtUImm => br_cmp_imm!(i, |x, y| x < y),
            Op::BrI64GtSImm => br_cmp_imm!(i, |x, y| x as i64 > y as i64),
            Op::BrI64GtUImm => br_cmp_imm!(i, |x, y| x > y),
            Op::BrI64LeSImm => br_cmp_imm!(i, |x, y| x as i64 <= y as i64),
            Op::BrI64LeUImm => br_cmp_imm!(i, |x, y| x <= y),
            Op::BrI64GeSImm => br_cmp_imm!(i, |x, y| x as i64 >= y as i64),
            Op::BrI64GeUImm => br_cmp_imm!(i, |x, y| x >= y),

            Op::I32Eqz => un!(i, |x| (x as u32 == 0) as u64),
            Op::I32Eq => bin32!(i, |x, y| x == y),
            Op::I32Ne => bin32!(i, |x, y| x != y),
            Op::I32LtS => bin32!(i, |x, y| (x as i32) < y as i32),
            Op::I32LtU => bin32!(i, |x, y| x < y),
            Op::I32GtS => bin32!(i, |x, y| x as i32 > y as i32),
            Op::I32GtU => bin32!(i, |x, y| x > y),
            Op::I32LeS => bin32!(i, |x, y| x as i32 <= y as i32),
            Op::I32LeU => bin32!(i, |x, y| x <= y),
            Op::I32GeS => bin32!(i, |x, y| x as i32 >= y as i32),
            Op::I32GeU => bin32!(i, |x, y| x >= y),
            Op::I32EqImm => imm32!(i, |x, y| x == y),
            Op::I32NeImm => imm32!(i, |x, y| x != y),
            Op::I32LtSImm => imm32!(i, |x, y| (x as i32) < y as i32),
            Op::I32LtUImm => imm32!(i, |x, y| x < y),
            Op::I32GtSImm => imm32!(i, |x, y| x as i32 > y as i32),
            Op::I32GtUImm => imm32!(i, |x, y| x > y),
            Op::I32LeSImm => imm32!(i, |x, y| x as i32 <= y as i32),
            Op::I32LeUImm => imm32!(i, |x, y| x <= y),
            Op::I32GeSImm => imm32!(i, |x, y| x as i32 >= y as i32),
            Op::I32GeUImm => imm32!(i, |x, y| x >= y),
            Op::I32Clz => un!(i, |x| (x as u32).leading_zeros() as u64),
            Op::I32Ctz => un!(i, |x| (x as u32).trailing_zeros() as u64),
            Op::I32Popcnt => un!(i, |x| (x as u32).count_ones() as u64),
            Op::I32Add => bin32!(i, |x, y| x.wrapping_add(y)),
            Op::I32Sub => bin32!(i, |x, y| x.wrapping_sub(y)),
            Op::I32Mul => bin32!(i, |x, y| x.wrapping_mul(y)),
            Op::I32DivS => {
                let (x, y) = (r32!(i.b) as i32, r32!(i.c) as i32);
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                if x == i32::MIN && y == -1 {
                    trap!(TrapCode::IntegerOverflow);
                }
                w!(i.a, (x / y) as u32 as u64);
            }
            Op::I32DivU => {
                let (x, y) = (r32!(i.b), r32!(i.c));
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                w!(i.a, (x / y) as u64);
            }
            Op::I32RemS => {
                let (x, y) = (r32!(i.b) as i32, r32!(i.c) as i32);
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                w!(i.a, x.wrapping_rem(y) as u32 as u64);
            }
            Op::I32RemU => {
                let (x, y) = (r32!(i.b), r32!(i.c));
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                w!(i.a, (x % y) as u64);
            }
            Op::I32And => bin32!(i, |x, y| x & y),
            Op::I32Or => bin32!(i, |x, y| x | y),
            Op::I32Xor => bin32!(i, |x, y| x ^ y),
            Op::I32Shl => bin32!(i, |x, y| x.wrapping_shl(y)),
            Op::I32ShrS => bin32!(i, |x, y| (x as i32).wrapping_shr(y)),
            Op::I32ShrU => bin32!(i, |x, y| x.wrapping_shr(y)),
            Op::I32Rotl => bin32!(i, |x, y| x.rotate_left(y & 31)),
            Op::I32Rotr => bin32!(i, |x, y| x.rotate_right(y & 31)),
            Op::I32AddImm => imm32!(i, |x, y| x.wrapping_add(y)),
            Op::I32MulImm => imm32!(i, |x, y| x.wrapping_mul(y)),
            Op::I32AndImm => imm32!(i, |x, y| x & y),
            Op::I32OrImm => imm32!(i, |x, y| x | y),
            Op::I32XorImm => imm32!(i, |x, y| x ^ y),
            Op::I32ShlImm => imm32!(i, |x, y| x.wrapping_shl(y)),
            Op::I32ShrSImm => imm32!(i, |x, y| (x as i32).wrapping_shr(y)),
            Op::I32ShrUImm => imm32!(i, |x, y| x.wrapping_shr(y)),
            Op::I32RotlImm => imm32!(i, |x, y| x.rotate_left(y & 31)),
            Op::I32RotrImm => imm32!(i, |x, y| x.rotate_right(y & 31)),
            Op::I32SubImmLhs => imm32!(i, |x, y| y.wrapping_sub(x)),

            Op::I64Eqz => un!(i, |x| (x == 0) as u64),
            Op::I64Eq => bin64!(i, |x, y| x == y),
            Op::I64Ne => bin64!(i, |x, y| x != y),
            Op::I64LtS => bin64!(i, |x, y| (x as i64) < y as i64),
            Op::I64LtU => bin64!(i, |x, y| x < y),
            Op::I64GtS => bin64!(i, |x, y| x as i64 > y as i64),
            Op::I64GtU => bin64!(i, |x, y| x > y),
            Op::I64LeS => bin64!(i, |x, y| x as i64 <= y as i64),
            Op::I64LeU => bin64!(i, |x, y| x <= y),
            Op::I64GeS => bin64!(i, |x, y| x as i64 >= y as i64),
            Op::I64GeU => bin64!(i, |x, y| x >= y),
            Op::I64EqImm => imm64!(i, |x, y| x == y),
            Op::I64NeImm => imm64!(i, |x, y| x != y),
            Op::I64LtSImm => imm64!(i, |x, y| (x as i64) < y as i64),
            Op::I64LtUImm => imm64!(i, |x, y| x < y),
            Op::I64GtSImm => imm64!(i, |x, y| x as i64 > y as i64),
            Op::I64GtUImm => imm64!(i, |x, y| x > y),
            Op::I64LeSImm => imm64!(i, |x, y| x as i64 <= y as i64),
            Op::I64LeUImm => imm64!(i, |x, y| x <= y),
            Op::I64GeSImm => imm64!(i, |x, y| x as i64 >= y as i64),
            Op::I64GeUImm => imm64!(i, |x, y| x >= y),
            Op::I64Clz => un!(i, |x| x.leading_zeros() as u64),
            Op::I64Ctz => un!(i, |x| x.trailing_zeros() as u64),
            Op::I64Popcnt => un!(i, |x| x.count_ones() as u64),
            Op::I64Add => bin64!(i, |x, y| x.wrapping_add(y)),
            Op::I64Sub => bin64!(i, |x, y| x.wrapping_sub(y)),
            Op::I64Mul => bin64!(i, |x, y| x.wrapping_mul(y)),
            Op::I64DivS => {
                let (x, y) = (r!(i.b) as i64, r!(i.c) as i64);
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                if x == i64::MIN && y == -1 {
                    trap!(TrapCode::IntegerOverflow);
                }
                w!(i.a, (x / y) as u64);
            }
            Op::I64DivU => {
                let (x, y) = (r!(i.b), r!(i.c));
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                w!(i.a, x / y);
            }
            Op::I64RemS => {
                let (x, y) = (r!(i.b) as i64, r!(i.c) as i64);
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                w!(i.a, x.wrapping_rem(y) as u64);
            }
            Op::I64RemU => {
                let (x, y) = (r!(i.b), r!(i.c));
                if y == 0 {
                    trap!(TrapCode::IntegerDivisionByZero);
                }
                w!(i.a, x % y);
            }
            Op::I64And => bin64!(i, |x, y| x & y),
            Op::I64Or => bin64!(i, |x, y| x | y),
            Op::I64Xor => bin64!(i, |x, y| x ^ y),
            Op::I64Shl => bin64!(i, |x, y| x.wrapping_shl(y as u32)),
            Op::I64ShrS => bin64!(i, |x, y| (x as i64).wrapping_shr(y as u32)),
            Op::I64ShrU => bin64!(i, |x, y| x.wrapping_shr(y as u32)),
            Op::I64Rotl => bin64!(i, |x, y| x.rotate_left((y & 63) as u32)),
            Op::I64Rotr => bin64!(i, |x, y| x.rotate_right((y & 63) as u32)),
            Op::I64AddImm => imm64!(i, |x, y| x.wrapping_add(y)),
            Op::I64MulImm => imm64!(i, |x, y| x.wrapping_mul(y)),
            Op::I64AndImm => imm64!(i, |x, y| x & y),
            Op::I64OrImm => imm64!(i, |x, y| x | y),
            Op::I64XorImm => imm64!(i, |x, y| x ^ y),
            Op::I64ShlImm => imm64!(i, |x, y| x.wrapping_shl(y as u32)),
            Op::I64ShrSImm => imm64!(i, |x, y| (x as i64).wrapping_shr(y as u32)),
            Op::I64ShrUImm => imm64!(i, |x, y| x.wrapping_shr(y as u32)),
            Op::I64RotlImm => imm64!(i, |x, y| x.rotate_left((y & 63) as u32)),
            Op::I64RotrImm => imm64!(i, |x, y| x.rotate_right((y & 63) as u32)),
            Op::I64SubImmLhs => imm64!(i, |x, y| y.wrapping_sub(x)),

            Op::F32Eq => cmpf32!(i, |x, y| x == y),
            Op::F32Ne => cmpf32!(i, |x, y| x != y),
            Op::F32Lt => cmpf32!(i, |x, y| x < y),
            Op::F32Gt => cmpf32!(i, |x, y| x > y),
            Op::F32Le => cmpf32!(i, |x, y| x <= y),
            Op::F32Ge => cmpf32!(i, |x, y| x >= y),
            Op::F64Eq => cmpf64!(i, |x, y| x == y),
            Op::F64Ne => cmpf64!(i, |x, y| x != y),
            Op::F64Lt => cmpf64!(i, |x, y| x < y),
            Op::F64Gt => cmpf64!(i, |x, y| x > y),
            Op::F64Le => cmpf64!(i, |x, y| x <= y),
            Op::F64Ge => cmpf64!(i, |x, y| x >= y),
            Op::F32Abs => un!(i, |x| x & 0x7fff_ffff),
            Op::F32Neg => un!(i, |x| (x ^ 0x8000_0000) & 0xffff_ffff),
            Op::F32Ceil => unf32!(i, |x| f32_ceil(x)),
            Op::F32Floor => unf32!(i, |x| f32_floor(x)),
            Op::F32Trunc => unf32!(i, |x| f32_trunc(x)),
            Op::F32Nearest => unf32!(i, |x| f32_nearest(x)),
            Op::F32Sqrt => unf32!(i, |x| f32_sqrt(x)),
            Op::F32Add => binf32!(i, |x, y| x + y),
            Op::F32Sub => binf32!(i, |x, y| x - y),
            Op::F32Mul => binf32!(i, |x, y| x * y),
            Op::F32Div => binf32!(i, |x, y| x / y),
            Op::F32Min => binf32!(i, |x, y| f32_min(x, y)),
            Op::F32Max => binf32!(i, |x, y| f32_max(x, y)),
            Op::F32Copysign => {
                let (x, y) = (r!(i.b), r!(i.c));
                w!(i.a, (x & 0x7fff_ffff) | (y & 0x8000_0000));
            }
            Op::F64Abs => un!(i, |x| x & 0x7fff_ffff_ffff_ffff),
            Op::F64Neg => un!(i, |x| x ^ 0x8000_0000_0000_0000),
            Op::F64Ceil => unf64!(i, |x| f64_ceil(x)),
            Op::F64Floor => unf64!(i, |x| f64_floor(x)),
            Op::F64Trunc => unf64!(i, |x| f64_trunc(x)),
            Op::F64Nearest => unf64!(i, |x| f64_nearest(x)),
            Op::F64Sqrt => unf64!(i, |x| f64_sqrt(x)),
            Op::F64Add => binf64!(i, |x, y| x + y),
            Op::F64Sub => binf64!(i, |x, y| x - y),
            Op::F64Mul => binf64!(i, |x, y| x * y),
            Op::F64Div => binf64!(i, |x, y| x / y),
            Op::F64Min => binf64!(i, |x, y| f64_min(x, y)),
            Op::F64Max => binf64!(i, |x, y| f64_max(x, y)),
            Op::F64Copysign => {
                let (x, y) = (r!(i.b), r!(i.c));
                w!(
                    i.a,
                    (x & 0x7fff_ffff_ffff_ffff) | (y & 0x8000_0000_0000_0000)
                );
            }

            Op::I32WrapI64 => un!(i, |x| x as u32 as u64),
            Op::I32TruncF32S => match trunc_i32_s(rf32!(i.b) as f64) {
                Ok(v) => w!(i.a, v as u32 as u64),
                Err(c) => trap!(c),
            },
            Op::I32TruncF32U => match trunc_i32_u(rf32!(i.b) as f64) {
                Ok(v) => w!(i.a, v as u64),
                Err(c) => trap!(c),
            },
            Op::I32TruncF64S => match trunc_i32_s(rf64!(i.b)) {
                Ok(v) => w!(i.a, v as u32 as u64),
                Err(c) => trap!(c),
            },
            Op::I32TruncF64U => match trunc_i32_u(rf64!(i.b)) {
                Ok(v) => w!(i.a, v as u64),
                Err(c) => trap!(c),
            },
            Op::I64ExtendI32S => un!(i, |x| x as u32 as i32 as i64 as u64),
            Op::I64TruncF32S => match trunc_i64_s(rf32!(i.b) as f64) {
                Ok(v) => w!(i.a, v as u64),
                Err(c) => trap!(c),
            },
            Op::I64TruncF32U => match trunc_i64_u(rf32!(i.b) as f64) {
                Ok(v) => w!(i.a, v),
                Err(c) => trap!(c),
            },
            Op::I64TruncF64S => match trunc_i64_s(rf64!(i.b)) {
                Ok(v) => w!(i.a, v as u64),
                Err(c) => trap!(c),
            },
            Op::I64TruncF64U => match trunc_i64_u(rf64!(i.b)) {
                Ok(v) => w!(i.a, v),
                Err(c) => trap!(c),
            },
            Op::F32ConvertI32S => un!(i, |x| (x as u32 as i32 as f32).to_bits() as u64),
            Op::F32ConvertI32U => un!(i, |x| (x as u32 as f32).to_bits() as u64),
            Op::F32ConvertI64S => un!(i, |x| (x as i64 as f32).to_bits() as u64),
            Op::F32ConvertI64U => un!(i, |x| (x as f32).to_bits() as u64),
            Op::F32DemoteF64 => un!(i, |x| (f64::from_bits(x) as f32).to_bits() as u64),
            Op::F64ConvertI32S => un!(i, |x| (x as u32 as i32 as f64).to_bits()),
            Op::F64ConvertI32U => un!(i, |x| (x as u32 as f64).to_bits()),
            Op::F64ConvertI64S => un!(i, |x| (x as i64 as f64).to_bits()),
            Op::F64ConvertI64U => un!(i, |x| (x as f64).to_bits()),
            Op::F64PromoteF32 => un!(i, |x| (f32::from_bits(x as u32) as f64).to_bits()),
            Op::I32Extend8S => un!(i, |x| x as u8 as i8 as i32 as u32 as u64),
            Op::I32Extend16S => un!(i, |x| x as u16 as i16 as i32 as u32 as u64),
            Op::I64Extend8S => un!(i, |x| x as u8 as i8 as i64 as u64),
            Op::I64Extend16S => un!(i, |x| x as u16 as i16 as i64 as u64),
            Op::I64Extend32S => un!(i, |x| x as u32 as i32 as i64 as u64),
            Op::I32TruncSatF32S => un!(i, |x| f32::from_bits(x as u32) as i32 as u32 as u64),
            Op::I32TruncSatF32U => un!(i, |x| f32::from_bits(x as u32) as u32 as u64),
            Op::I32TruncSatF64S => un!(i, |x| f64::from_bits(x) as i32 as u32 as u64),
            Op::I32TruncSatF64U => un!(i, |x| f64::from_bits(x) as u32 as u64),
            Op::I64TruncSatF32S => un!(i, |x| f32::from_bits(x as u32) as i64 as u64),
            Op::I64TruncSatF32U => un!(i, |x| f32::from_bits(x as u32) as u64),
            Op::I64TruncSatF64S => un!(i, |x| f64::from_bits(x) as i64 as u64),
            Op::I64TruncSatF64U => un!(i, |x| f64::from_bits(x) as u64),

            Op::Load32 => load!(i, 4, |b| u32::from_le_bytes(b) as u64),
            Op::Load64 => load!(i, 8, |b| u64::from_le_bytes(b)),
            Op::I32Load8S => load!(i, 1, |b| b[0] as i8 as i32 as u32 as u64),
            Op::I32Load16S => load!(i, 2, |b| i16::from_le_bytes(b) as i32 as u32 as u64),
            Op::I64Load8S => load!(i, 1, |b| b[0] as i8 as i64 as u64),
            Op::I64Load16S => load!(i, 2, |b| i16::from_le_bytes(b) as i64 as u64),
            Op::I64Load32S => load!(i, 4, |b| i32::from_le_bytes(b) as i64 as u64),
            Op::Load8U => load!(i, 1, |b| b[0] as u64),
            Op::Load16U => load!(i, 2, |b| u16::from_le_bytes(b) as u64),
            Op::Store8 => store!(i, 1, |v| [v as u8]),
            Op::Store16 => store!(i, 2, |v| (v as u16).to_le_bytes()),
            Op::Store32 => store!(i, 4, |v| (v as u32).to_le_bytes()),
            Op::Store64 => store!(i, 8, |v| v.to_le_bytes()),
            Op::AddrOffset => {
                let off = code[pc + 1].bc() as u64;
                w!(i.a, r!(i.b).saturating_add(off));
                pc += 2;
                continue;
            }
            Op::MemorySize => {
                let m = store.instances[inst as usize].memories[0];
                w!(i.a, store.memories[m as usize].pages());
            }
            Op::MemoryGrow => {
                let m = store.instances[inst as usize].memories[0];
                let delta = r32!(i.b) as u64;
                let old = store.grow_memory(m, delta);
                w!(i.a, old.map_or(u32::MAX as u64, |o| o as u32 as u64));
                (mem, mem_len) = memory0(store, inst);
            }
            Op::MemoryFill => {
                let (d, v, n) = (r!(i.a), r!(i.b) as u8, r!(i.c));
                if let Err(c) = bulk::memory_fill(store, inst, d, v, n) {
                    trap!(c);
                }
            }
            Op::MemoryCopy => {
                let (d, s, n) = (r!(i.a), r!(i.b), r!(i.c));
                if let Err(c) = bulk::memory_copy(store, inst, d, s, n) {
                    trap!(c);
                }
            }
            Op::MemoryInit => {
                let seg = code[pc + 1].bc();
                let (d, s, n) = (r!(i.a), r!(i.b), r!(i.c));
                if let Err(c) = bulk::memory_init(store, inst, seg, d, s, n) {
                    trap!(c);
                }
                pc += 2;
                continue;
            }
            Op::DataDrop => {
                store.instances[inst as usize].data_dropped[i.bc() as usize] = true;
            }
            Op::TableGet => {
                let t = store.instances[inst as usize].tables[i.c as usize];
                match store.tables[t as usize].elements.get(r32!(i.b) as usize) {
                    Some(&v) => w!(i.a, v),
                    None => trap!(TrapCode::TableOutOfBounds),
                }
            }
            Op::TableSet => {
                let t = store.instances[inst as usize].tables[i.c as usize];
                let v = r!(i.b);
                match store.tables[t as usize]
                    .elements
                    .get_mut(r32!(i.a) as usize)
                {
                    Some(slot) => *slot = v,
                    None => trap!(TrapCode::TableOutOfBounds),
                }
            }
            Op::TableSize => {
                let t = store.instances[inst as usize].tables[i.c as usize];
                w!(i.a, store.tables[t as usize].elements.len() as u64);
            }
            Op::TableGrow => {
                let table = code[pc + 1].a;
                let t = store.instances[inst as usize].tables[table as usize];
                let (init, n) = (r!(i.b), r32!(i.c) as u64);
                let old = store.tables[t as usize].grow(n, init);
                w!(i.a, old.map_or(u32::MAX as u64, |o| o as u32 as u64));
                pc += 2;
                continue;
            }
            Op::TableFill => {
                let table = code[pc + 1].a;
                let (d, v, n) = (r!(i.a), r!(i.b), r!(i.c));
                if let Err(c) = bulk::table_fill(store, inst, table, d, v, n) {
                    trap!(c);
                }
                pc += 2;
                continue;
            }
            Op::TableCopy => {
                let data = code[pc + 1];
                let (d, s, n) = (r!(i.a), r!(i.b), r!(i.c));
                if let Err(c) = bulk::table_copy(store, inst, data.a, data.bc(), d, s, n) {
                    trap!(c);
                }
                pc += 2;
                continue;
            }
            Op::TableInit => {
                let data = code[pc + 1];
                let (d, s, n) = (r!(i.a), r!(i.b), r!(i.c));
                if let Err(c) = bulk::table_init(store, inst, data.a, data.bc(), d, s, n) {
                    trap!(c);
                }
                pc += 2;
                continue;
            }
            Op::ElemDrop => {
                store.instances[inst as usize].elems[i.bc() as usize] = alloc::sync::Arc::from([]);
            }
            Op::ConsumeFuel => {
                let cost = i.bc() as u64;
                if store.fuel < cost {
                    trap!(TrapCode::OutOfFuel);
                }
                store.fuel -= cost;
            }
            Op::CheckInterrupt => {
                if store.interrupt.load(core::sync::atomic::Ordering::Relaxed) {
                    trap!(TrapCode::Interrupted);
                }
            }
            Op::RefFunc => {
                let f = store.instances[inst as usize].funcs[i.bc() as usize];
                w!(i.a, f as u64 + 1);
            }
        }
        pc += 1;
    }
}
