//! Branches, calls, returns, copies, constants, globals and metering.

use super::super::{Thrown, switch_instance};
use super::prelude::*;
use crate::ir::Instr;
use crate::vm::Frame;

handler!(Data, |i, ip, fp, cx, mem, len, acc, iacc| {
    trap(cx, ip, fp, TrapCode::Unreachable)
});
handler!(Unreachable, |i, ip, fp, cx, mem, len, acc, iacc| {
    trap(cx, ip, fp, TrapCode::Unreachable)
});

handler!(Br, |i, ip, fp, cx, mem, len, acc, iacc| {
    next!(
        ip.offset(i.bc() as i32 as isize),
        fp,
        cx,
        mem,
        len,
        acc,
        iacc
    )
});

handler!(BrIfNez, |i, ip, fp, cx, mem, len, acc, iacc| {
    let off = if rd(fp, i.a) as u32 != 0 {
        i.bc() as i32 as isize
    } else {
        1
    };
    next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
});

handler!(BrIfEqz, |i, ip, fp, cx, mem, len, acc, iacc| {
    let off = if rd(fp, i.a) as u32 == 0 {
        i.bc() as i32 as isize
    } else {
        1
    };
    next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
});

handler!(BrTable, |i, ip, fp, cx, mem, len, acc, iacc| {
    let k = (rd(fp, i.a) as u32).min(i.bc()) as usize;
    let off = (*ip.add(1 + k)).instr.bc() as i32 as isize;
    next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
});

handler!(Return0, |i, ip, fp, cx, mem, len, acc, iacc| {
    ret(cx, mem, len, acc, iacc)
});

handler!(Return1, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, 0, rd(fp, i.a));
    ret(cx, mem, len, acc, iacc)
});

handler!(ReturnSpan, |i, ip, fp, cx, mem, len, acc, iacc| {
    for k in 0..i.b {
        wr(fp, k, rd(fp, i.a + k));
    }
    ret(cx, mem, len, acc, iacc)
});

/// Returns to the caller's frame, or leaves the interpreter when the
/// function entered from the host returns.
#[inline(always)]
unsafe fn ret(ctx: *mut InterpContext, mem: *mut u8, len: usize, acc: f64, iacc: u64) -> Exit {
    // SAFETY: `ctx` is the live context; the frame stack holds `frames_len`
    // initialized frames, each naming a Wasm function of the store whose
    // code is alive and a frame inside the value stack.
    unsafe {
        let depth = (*ctx).vm.frames_len;
        if depth == (*ctx).vm.entry_depth {
            return Exit::Done;
        }
        let caller = *(*ctx).vm.frames.add(depth - 1);
        (*ctx).vm.frames_len = depth - 1;
        let target = *(*ctx).vm.funcs.add(caller.func as usize);
        let fp = (*ctx).vm.stack.add(caller.fp as usize);
        let code: Ip = target.code.cast();
        (*ctx).vm.func = caller.func;
        (*ctx).code = code;
        let ip = code.add(caller.pc as usize);
        if target.instance != (*ctx).vm.instance_id {
            return resume_in_instance(ip, fp, ctx, acc, iacc, target.instance);
        }
        next!(ip, fp, ctx, mem, len, acc, iacc)
    }
}

/// Switches to instance `inst` and continues at `ip` (a call or return
/// that crosses instances). Out of line, so that the common paths make no
/// call and keep their registers.
#[inline(never)]
unsafe fn resume_in_instance(
    ip: Ip,
    fp: Fp,
    ctx: *mut InterpContext,
    acc: f64,
    iacc: u64,
    inst: u32,
) -> Exit {
    // SAFETY: `ctx` is the live context and `inst` a store instance; `ip`
    // and `fp` are the next instruction and frame of its running function.
    unsafe {
        switch_instance(ctx, inst);
        let view = (*ctx).vm.memory0;
        next!(ip, fp, ctx, view.base, view.len, acc, iacc)
    }
}

/// Calls store function `callee` with its frame at slot `frame` of the
/// current one; the caller resumes `width` words after `ip`. A function of
/// another instance, or of the host, takes the out-of-line path.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn call(
    ctx: *mut InterpContext,
    ip: Ip,
    fp: Fp,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
    callee: u32,
    frame: u16,
    width: usize,
) -> Exit {
    // SAFETY: `ctx` is the live context and `callee` a store function (the
    // instance's index spaces and tables hold only those).
    unsafe {
        let target = *(*ctx).vm.funcs.add(callee as usize);
        if target.instance != (*ctx).vm.instance_id {
            return call_elsewhere(ip, fp, ctx, mem, len, acc, iacc, callee, frame, width);
        }
        push_frame(ctx, ip, fp, mem, len, acc, iacc, callee, frame, width)
    }
}

/// Calls `callee`, a function of another instance or of the host.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
unsafe fn call_elsewhere(
    ip: Ip,
    fp: Fp,
    ctx: *mut InterpContext,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
    callee: u32,
    frame: u16,
    width: usize,
) -> Exit {
    // SAFETY: as in `call`; `frame` is a slot of the current frame
    // (translator), so the host's arguments lie inside the stack.
    unsafe {
        if (*(*ctx).vm.funcs.add(callee as usize)).compiled.is_null() {
            (*ctx).host_func = callee;
            (*ctx).host_args = fp.add(frame as usize).offset_from((*ctx).vm.stack) as usize;
            (*ctx).exit_ip = ip.add(width);
            (*ctx).exit_fp = fp;
            return Exit::Host;
        }
        push_frame(ctx, ip, fp, mem, len, acc, iacc, callee, frame, width)
    }
}

/// Suspends the running function (resuming `width` words after `ip`) and
/// enters Wasm function `callee` with its frame at slot `frame`, switching
/// instance if it belongs to another one.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn push_frame(
    ctx: *mut InterpContext,
    ip: Ip,
    fp: Fp,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
    callee: u32,
    frame: u16,
    width: usize,
) -> Exit {
    // SAFETY: `callee` is a Wasm function of the store, whose IR and code
    // its module keeps alive; `frame` is a slot of the current frame
    // (translator), so `new_fp` is inside the stack, and the callee's frame
    // is checked to end inside it before it is set up.
    unsafe {
        let target = *(*ctx).vm.funcs.add(callee as usize);
        let f = &*target.compiled;
        let new_fp = fp.add(frame as usize);
        let frame_end = new_fp as usize + f.frame_size as usize * core::mem::size_of::<u64>();
        let depth = (*ctx).vm.frames_len;
        if depth >= (*ctx).vm.max_depth || frame_end > (*ctx).vm.stack_end as usize {
            return trap(ctx, ip, fp, TrapCode::StackOverflow);
        }
        if depth == (*ctx).vm.frames_capacity {
            return grow_frames(ip, fp, ctx, mem, len, acc, iacc);
        }
        crate::vm::init_frame(new_fp, f);
        (*ctx).vm.frames.add(depth).write(Frame {
            func: (*ctx).vm.func,
            pc: super::super::pc_of(ctx, ip.add(width)),
            fp: fp.offset_from((*ctx).vm.stack) as u32,
        });
        (*ctx).vm.frames_len = depth + 1;
        (*ctx).vm.func = callee;
        let code: Ip = target.code.cast();
        (*ctx).code = code;
        if target.instance != (*ctx).vm.instance_id {
            return resume_in_instance(code, new_fp, ctx, acc, iacc, target.instance);
        }
        next!(code, new_fp, ctx, mem, len, acc, iacc)
    }
}

handler!(Call, |i, ip, fp, cx, mem, len, acc, iacc| {
    let callee = *(*cx).vm.instance.funcs.add(i.bc() as usize);
    call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 1)
});

/// Makes room on the frame stack, then runs the instruction at `ip` (a call)
/// again.
#[cold]
#[inline(never)]
unsafe fn grow_frames(
    ip: Ip,
    fp: Fp,
    ctx: *mut InterpContext,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
) -> Exit {
    // SAFETY: the handler contract, forwarded by `call`; nothing was changed
    // before coming here, so the call can start over. The libcall updates
    // the context's frame stack.
    unsafe {
        ((*ctx).vm.libcalls.grow_frames)(&raw mut (*ctx).vm, 1);
        next!(ip, fp, ctx, mem, len, acc, iacc)
    }
}

/// The function a `call_indirect`-shaped instruction `i` (at `ip`, its type
/// in the data word after it) calls: its table's element at the index in
/// slot `b`, checked to exist, to be non-null and to have the expected type.
/// Returns from the handler with the trap when a check fails. (A macro, so
/// the handler keeps the code a plain inline body gives it: a helper taking
/// a continuation or returning a `Result` cost `call_indirect` 1-2 % more
/// instructions.)
macro_rules! indirect_callee {
    ($cx:ident, $ip:ident, $fp:ident, $i:ident) => {{
        let ty = (*$ip.add(1)).instr.bc();
        let table = *(*$cx)
            .vm
            .tables
            .add(*(*$cx).vm.instance.tables.add($i.c as usize) as usize);
        // Read whole: zero-extended for a 32-bit table, never truncated
        // for a 64-bit one.
        let index = rd($fp, $i.b);
        if index >= table.len as u64 {
            return trap($cx, $ip, $fp, TrapCode::UndefinedElement);
        }
        let elem = *table.base.add(index as usize);
        if elem == 0 {
            return trap($cx, $ip, $fp, TrapCode::IndirectCallToNull);
        }
        let callee = (elem - 1) as u32;
        let expected = *(*$cx).vm.instance.type_ids.add(ty as usize);
        let actual = (*(*$cx).vm.funcs.add(callee as usize)).type_id;
        // Another type matches only when the expected one is not final
        // (data word `a`) and the callee's declares it as a supertype.
        if actual != expected
            && ((*$ip.add(1)).instr.a == 0
                || !((*$cx).vm.libcalls.type_matches)((*$cx).vm.store, actual, expected))
        {
            return trap($cx, $ip, $fp, TrapCode::BadSignature);
        }
        callee
    }};
}

/// The function a `call_ref`-shaped instruction `i` calls: the function
/// reference in slot `b` (a store function index plus one); returns from the
/// handler with a null-reference trap when it is null. Its type needs no
/// check: validation proved it.
macro_rules! referenced_callee {
    ($cx:ident, $ip:ident, $fp:ident, $i:ident) => {{
        let reference = rd($fp, $i.b);
        if reference == 0 {
            return trap($cx, $ip, $fp, TrapCode::NullFunctionReference);
        }
        (reference - 1) as u32
    }};
}

handler!(CallIndirect, |i, ip, fp, cx, mem, len, acc, iacc| {
    let callee = indirect_callee!(cx, ip, fp, i);
    call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 2)
});

handler!(CallRef, |i, ip, fp, cx, mem, len, acc, iacc| {
    let callee = referenced_callee!(cx, ip, fp, i);
    call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 1)
});

handler!(ReturnCallRef, |i, ip, fp, cx, mem, len, acc, iacc| {
    let callee = referenced_callee!(cx, ip, fp, i);
    tail_call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 1)
});

handler!(RefAsNonNull, |i, ip, fp, cx, mem, len, acc, iacc| {
    if rd(fp, i.a) == 0 {
        return trap(cx, ip, fp, TrapCode::NullReference);
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(Throw, |i, ip, fp, cx, mem, len, acc, iacc| {
    let payload_at = fp.add(i.a as usize).offset_from((*cx).vm.stack) as usize;
    throw(
        cx,
        ip,
        fp,
        Thrown::New {
            tag: i.bc(),
            payload_at,
        },
    )
});

handler!(ThrowRef, |i, ip, fp, cx, mem, len, acc, iacc| {
    let exception = rd(fp, i.a);
    if exception == 0 {
        return trap(cx, ip, fp, TrapCode::NullReference);
    }
    throw(cx, ip, fp, Thrown::Ref(exception))
});

/// Leaves the interpreter with `thrown` at `ip`, for the runtime to unwind.
#[cold]
#[inline(never)]
unsafe fn throw(ctx: *mut InterpContext, ip: Ip, fp: Fp, thrown: Thrown) -> Exit {
    // SAFETY: `ctx` is the live context of this run; its fields are written
    // through the raw pointer.
    unsafe {
        (*ctx).thrown = thrown;
        (*ctx).exit_ip = ip;
        (*ctx).exit_fp = fp;
    }
    Exit::Throw
}

handler!(ReturnCall, |i, ip, fp, cx, mem, len, acc, iacc| {
    let callee = *(*cx).vm.instance.funcs.add(i.bc() as usize);
    tail_call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 1)
});

handler!(ReturnCallIndirect, |i, ip, fp, cx, mem, len, acc, iacc| {
    let callee = indirect_callee!(cx, ip, fp, i);
    tail_call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 2)
});

/// A tail call of store function `callee`, its arguments at slot `frame` of
/// the current frame: a Wasm callee takes over the running function's frame
/// (the arguments move down to its first slots) and frame-stack entry, so
/// the depth does not grow, and returns where the running function would
/// have. A host callee is called as by `call`; the instruction `width` words
/// on, which the translator puts there, returns its results.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn tail_call(
    ctx: *mut InterpContext,
    ip: Ip,
    fp: Fp,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
    callee: u32,
    frame: u16,
    width: usize,
) -> Exit {
    // SAFETY: `callee` is a store function; a Wasm one's IR and code are
    // kept alive by its module. The arguments lie at `frame` inside the
    // current frame (translator) and move to its start (an overlapping
    // copy downwards); the callee's frame at `fp` is checked to end inside
    // the value stack before it is set up.
    unsafe {
        let target = *(*ctx).vm.funcs.add(callee as usize);
        if target.compiled.is_null() {
            return call(ctx, ip, fp, mem, len, acc, iacc, callee, frame, width);
        }
        let f = &*target.compiled;
        let frame_end = fp as usize + f.frame_size as usize * core::mem::size_of::<u64>();
        if frame_end > (*ctx).vm.stack_end as usize {
            return trap(ctx, ip, fp, TrapCode::StackOverflow);
        }
        core::ptr::copy(fp.add(frame as usize), fp, f.num_params as usize);
        crate::vm::init_frame(fp, f);
        (*ctx).vm.func = callee;
        let code: Ip = target.code.cast();
        (*ctx).code = code;
        if target.instance != (*ctx).vm.instance_id {
            return resume_in_instance(code, fp, ctx, acc, iacc, target.instance);
        }
        next!(code, fp, ctx, mem, len, acc, iacc)
    }
}

handler!(Copy, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, rd(fp, i.b));
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(Const32, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, i.bc() as u64);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(ConstI64S32, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, i.bc() as i32 as i64 as u64);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(Const64, |i, ip, fp, cx, mem, len, acc, iacc| {
    let hi = (*ip.add(1)).instr.bc() as u64;
    wr(fp, i.a, i.bc() as u64 | hi << 32);
    next!(ip.add(2), fp, cx, mem, len, acc, iacc)
});

handler!(Select, |i, ip, fp, cx, mem, len, acc, iacc| {
    let d: Instr = (*ip.add(1)).instr;
    let v = if rd(fp, i.b) as u32 != 0 {
        rd(fp, d.a)
    } else {
        rd(fp, d.b)
    };
    wr(fp, i.a, v);
    next!(ip.add(2), fp, cx, mem, len, acc, iacc)
});

// The instance's globals name store globals, whose cells the context
// points at for the whole run (`VmContext::globals`). A cell holds a value
// in its first word, a `v128` in both.
handler!(GlobalGet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let g = *(*cx).vm.instance.globals.add(i.bc() as usize);
    wr(fp, i.a, (*(*cx).vm.globals.add(g as usize))[0]);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(GlobalSet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let g = *(*cx).vm.instance.globals.add(i.bc() as usize);
    (*(*cx).vm.globals.add(g as usize))[0] = rd(fp, i.a);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(GlobalGet128, |i, ip, fp, cx, mem, len, acc, iacc| {
    let g = *(*cx).vm.instance.globals.add(i.bc() as usize);
    let cell = *(*cx).vm.globals.add(g as usize);
    wr(fp, i.a, cell[0]);
    wr(fp, i.a + 1, cell[1]);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(GlobalSet128, |i, ip, fp, cx, mem, len, acc, iacc| {
    let g = *(*cx).vm.instance.globals.add(i.bc() as usize);
    *(*cx).vm.globals.add(g as usize) = [rd(fp, i.a), rd(fp, i.a + 1)];
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(ConsumeFuel, |i, ip, fp, cx, mem, len, acc, iacc| {
    let cost = i.bc() as u64;
    if (*cx).vm.fuel < cost {
        return trap(cx, ip, fp, TrapCode::OutOfFuel);
    }
    (*cx).vm.fuel -= cost;
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(CheckEpoch, |i, ip, fp, cx, mem, len, acc, iacc| {
    let epoch = (*(*cx).vm.epoch).load(core::sync::atomic::Ordering::Relaxed);
    if epoch >= (*cx).vm.epoch_deadline {
        return trap(cx, ip, fp, TrapCode::Interrupted);
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(CountHot, |i, ip, fp, cx, mem, len, acc, iacc| {
    #[cfg(wisp_jit)]
    {
        let func = (*cx).vm.func;
        let record = (*cx).vm.funcs.add(func as usize);
        (*record).hotness -= 1;
        if (*record).hotness <= 0 && ((*cx).vm.libcalls.tier_up)(&raw mut (*cx).vm, func) {
            // No accumulator is live here (a function entry or a loop
            // header), and the compiled code at this pc is the same count.
            return super::super::leave_at(cx, ip, fp);
        }
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(CheckInterrupt, |i, ip, fp, cx, mem, len, acc, iacc| {
    let flag = &*(*cx).vm.interrupt;
    if flag.load(core::sync::atomic::Ordering::Relaxed) {
        // The trap answers the request: later calls run again. (A request
        // made between the load and the store is answered by this trap too.)
        flag.store(false, core::sync::atomic::Ordering::Relaxed);
        return trap(cx, ip, fp, TrapCode::Interrupted);
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
