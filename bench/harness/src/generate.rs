//! A generated module for translation benchmarks: many functions mixing
//! locals, integer and float arithmetic, memory access, loops, branches and
//! calls, so the translator sees a realistic spread of operators.

use std::fmt::Write;

/// The text of a module with `funcs` functions.
pub fn module(funcs: usize) -> String {
    let mut m = String::from("(module (memory 1)\n");
    for f in 0..funcs {
        let callee = if f == 0 { 0 } else { f - 1 };
        let _ = write!(
            m,
            r#"  (func $f{f} (param $n i32) (param $x f64) (result i32)
    (local $i i32) (local $acc i32) (local $y f64)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (i32.xor (i32.mul (local.get $i) (i32.const {k1})) (i32.shr_u (local.get $acc) (i32.const 3)))))
        (i32.store offset=16 (i32.and (local.get $i) (i32.const 1020)) (local.get $acc))
        (local.set $y (f64.add (f64.mul (local.get $x) (f64.const 1.5)) (f64.convert_i32_u (local.get $i))))
        (if (f64.gt (local.get $y) (f64.const {k2}.0))
          (then (local.set $acc (i32.sub (local.get $acc) (i32.load offset=8 (i32.const 64))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (i32.add (local.get $acc)
        (call $f{callee} (i32.shr_u (local.get $n) (i32.const 1)) (local.get $y))))))
"#,
            k1 = 2_654_435_761u32 as i32 ^ f as i32,
            k2 = 1000 + f,
        );
    }
    m.push_str("  (export \"f0\" (func $f0)))\n");
    m
}

#[cfg(test)]
mod tests {
    use wisp::{Engine, Linker, Module, Store};

    #[test]
    fn generated_module_validates_and_runs() {
        let engine = Engine::default();
        let wasm = wat::parse_str(super::module(5)).unwrap();
        let module = Module::new(&engine, &wasm).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let f0 = instance
            .get_typed_func::<(i32, f64), i32>(&store, "f0")
            .unwrap();
        // f0 recurses into itself (its "callee" is f0) with n halved each
        // time; the accumulator mixes in `i * k1`, so it cannot stay zero.
        let r = f0.call(&mut store, (40, 0.5)).unwrap();
        assert_ne!(r, 0);
    }
}
