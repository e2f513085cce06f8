//! Function references (table access runs out of line: `memory.rs`).

use super::prelude::*;

handler!(RefFunc, |i, ip, fp, cx, mem, len, acc, iacc| {
    let f = *(*cx).vm.instance.funcs.add(i.bc() as usize);
    wr(fp, i.a, f as u64 + 1);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
