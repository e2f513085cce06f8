//! Branches, calls, returns, copies, constants, globals and metering.

use super::prelude::*;
use crate::ir::Instr;
use crate::runtime::{Frame, FuncEntity};

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
unsafe fn ret(cx: *mut Cx, mem: *mut u8, len: usize, acc: f64, iacc: u64) -> Exit {
    // SAFETY: `cx` is the live context; its `store` pointer is valid for the
    // whole run.
    let (c, store) = unsafe { (&mut *cx, &mut *(*cx).store) };
    if store.frames.len() == c.entry_depth {
        return Exit::Done;
    }
    let Some(caller) = store.frames.pop() else {
        return Exit::Done;
    };
    // SAFETY: the caller's frame was set up inside the value stack.
    let fp = unsafe { c.stack.add(caller.fp) };
    c.func = caller.func;
    let (mem, len) = if caller.instance != c.inst {
        c.switch_instance(caller.instance);
        (c.mem, c.len)
    } else {
        (mem, len)
    };
    // SAFETY: `caller.ip` is the instruction after the call in the caller's
    // code, which its module keeps alive.
    unsafe { next!(caller.ip as Ip, fp, cx, mem, len, acc, iacc) }
}

/// Calls store function `callee` with its frame at slot `frame` of the
/// current one; the caller resumes `width` words after `ip`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn call(
    cx: *mut Cx,
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
    // SAFETY: `cx` and its store are live for the run.
    let (c, store) = unsafe { (&mut *cx, &mut *(*cx).store) };
    // SAFETY: `frame` is a slot offset of the current frame (translator).
    let new_fp = unsafe { fp.add(frame as usize) };
    // SAFETY: both pointers are inside the value stack.
    let new_off = unsafe { new_fp.offset_from(c.stack) } as usize;
    match &store.funcs[callee as usize] {
        FuncEntity::Wasm {
            instance,
            module,
            def,
            ..
        } => {
            let f = &module.code[*def as usize];
            if store.frames.len() >= c.max_depth || new_off + f.frame_size as usize > c.stack_len {
                // SAFETY: forwarded context.
                return unsafe { trap(cx, ip, fp, TrapCode::StackOverflow) };
            }
            // SAFETY: `new_off + frame_size <= stack_len` was just checked, and
            // locals and constants lie below `frame_size`.
            unsafe { super::super::init_frame(new_fp, f) };
            // SAFETY: `ip + width` is the next instruction of the caller.
            let resume = unsafe { ip.add(width) } as usize;
            // SAFETY: `fp` is inside the value stack, which starts at `c.stack`.
            let fp_off = unsafe { fp.offset_from(c.stack) } as usize;
            store.frames.push(Frame {
                func: c.func,
                instance: c.inst,
                ip: resume,
                fp: fp_off,
            });
            c.func = callee;
            let code = f.threaded.as_ptr();
            let (mem, len) = if *instance != c.inst {
                c.switch_instance(*instance);
                (c.mem, c.len)
            } else {
                (mem, len)
            };
            // SAFETY: `code` is the callee's translated code, kept alive by
            // its module in the store.
            unsafe { next!(code, new_fp, cx, mem, len, acc, iacc) }
        }
        FuncEntity::Host { .. } => {
            c.host_func = callee;
            c.host_args = new_off;
            // SAFETY: as above.
            c.exit_ip = unsafe { ip.add(width) };
            c.exit_fp = fp;
            Exit::Host
        }
    }
}

// `call` of a function defined in the running instance's own module: the
// common case, kept free of the general path so that the handler needs few
// registers. Imports go to `call_import`, a full frame stack to
// `grow_frames`; both are tail calls.
handler!(Call, |i, ip, fp, cx, mem, len, acc, iacc| {
    let rec = (*cx).record();
    let c = &mut *cx;
    let index = i.bc();
    let Some(def) = index.checked_sub(rec.module.info.num_imported_funcs) else {
        return call_import(ip, fp, cx, mem, len, acc, iacc);
    };
    let f = &rec.module.info.code[def as usize];
    let callee = rec.funcs[index as usize];
    let store = c.store_mut();
    let new_fp = fp.add(i.a as usize);
    let new_off = new_fp.offset_from(c.stack) as usize;
    if store.frames.len() >= c.max_depth || new_off + f.frame_size as usize > c.stack_len {
        return trap(cx, ip, fp, TrapCode::StackOverflow);
    }
    if store.frames.len() == store.frames.capacity() {
        return grow_frames(ip, fp, cx, mem, len, acc, iacc);
    }
    // `new_off + frame_size <= stack_len` was just checked, and locals and
    // constants lie below `frame_size`.
    super::super::init_frame(new_fp, f);
    store.frames.push(Frame {
        func: c.func,
        instance: c.inst,
        ip: ip.add(1) as usize,
        fp: fp.offset_from(c.stack) as usize,
    });
    c.func = callee;
    // The callee's code is kept alive by its module, which the instance holds.
    next!(f.threaded.as_ptr(), new_fp, cx, mem, len, acc, iacc)
});

/// `call` of an imported function (another instance's or the host's).
#[inline(never)]
unsafe fn call_import(
    ip: Ip,
    fp: Fp,
    cx: *mut Cx,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
) -> Exit {
    // SAFETY: the handler contract, forwarded by `Call`.
    unsafe {
        let i = (*ip).instr;
        let callee = (*cx).record().funcs[i.bc() as usize];
        call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 1)
    }
}

/// Makes room on the frame stack, then runs the instruction at `ip` (a call)
/// again.
#[cold]
#[inline(never)]
unsafe fn grow_frames(
    ip: Ip,
    fp: Fp,
    cx: *mut Cx,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
) -> Exit {
    // SAFETY: the handler contract, forwarded by `Call`; nothing was changed
    // before coming here, so the call can start over.
    unsafe {
        let frames = &mut (*cx).store_mut().frames;
        frames.reserve(frames.len().max(16));
        next!(ip, fp, cx, mem, len, acc, iacc)
    }
}

handler!(CallIndirect, |i, ip, fp, cx, mem, len, acc, iacc| {
    let ty = (*ip.add(1)).instr.bc();
    let store = (*cx).store_mut();
    let instance = &*(*cx).instance;
    let table = &store.tables[instance.tables[i.c as usize] as usize];
    let Some(&elem) = table.elements.get(rd(fp, i.b) as u32 as usize) else {
        return trap(cx, ip, fp, TrapCode::UndefinedElement);
    };
    if elem == 0 {
        return trap(cx, ip, fp, TrapCode::IndirectCallToNull);
    }
    let callee = (elem - 1) as u32;
    if store.funcs[callee as usize].type_id() != instance.type_ids[ty as usize] {
        return trap(cx, ip, fp, TrapCode::BadSignature);
    }
    call(cx, ip, fp, mem, len, acc, iacc, callee, i.a, 2)
});

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

handler!(GlobalGet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let g = (*cx).record().globals[i.bc() as usize];
    wr(fp, i.a, (*cx).store_mut().globals[g as usize].value);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(GlobalSet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let g = (*cx).record().globals[i.bc() as usize];
    (*cx).store_mut().globals[g as usize].value = rd(fp, i.a);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(ConsumeFuel, |i, ip, fp, cx, mem, len, acc, iacc| {
    let store = (*cx).store_mut();
    let cost = i.bc() as u64;
    if store.fuel < cost {
        return trap(cx, ip, fp, TrapCode::OutOfFuel);
    }
    store.fuel -= cost;
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(CheckInterrupt, |i, ip, fp, cx, mem, len, acc, iacc| {
    if (*cx)
        .store_mut()
        .interrupt
        .load(core::sync::atomic::Ordering::Relaxed)
    {
        return trap(cx, ip, fp, TrapCode::Interrupted);
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
