//! Keeping a guest in bounds: fuel for instructions, an epoch deadline for
//! wall-clock time, and store limits for memory.
//!
//! Run: cargo run -p wisp --example limits
//! Expect: the loop runs out of fuel, a timer thread stops an endless loop,
//!         and memory growth past 1 MiB is refused (memory.grow returns -1).

use std::time::Duration;
use wisp::{Config, Engine, Linker, Module, Store, StoreLimits, StoreLimitsBuilder, TrapCode};

const GUEST: &str = r#"(module
  (memory 1)
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func (export "forever") (loop $l (br $l)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;

struct State {
    limits: StoreLimits,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config::new();
    config.consume_fuel(true).epoch_interruption(true);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, GUEST)?;
    let limits = StoreLimitsBuilder::new().memory_size(1 << 20).build();
    let mut store = Store::new(&engine, State { limits });
    store.limiter(|state| &mut state.limits);
    store.set_epoch_deadline(1);
    let instance = Linker::new(&engine).instantiate(&mut store, &module)?;

    // Fuel: a budget of executed instructions.
    let count = instance.get_typed_func::<i32, i32>(&store, "count")?;
    store.set_fuel(10_000)?;
    println!(
        "count(100) = {} ({} fuel left)",
        count.call(&mut store, 100)?,
        store.get_fuel()?
    );
    let err = count.call(&mut store, 1_000_000).unwrap_err();
    println!("count(1000000): {err}");
    assert_eq!(err.as_trap().map(|t| t.code()), Some(TrapCode::OutOfFuel));

    // Epochs: a timer thread ticks the engine; the store's deadline is one tick away.
    store.set_fuel(u64::MAX)?;
    let ticker = {
        let engine = engine.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            engine.increment_epoch();
        })
    };
    let forever = instance.get_typed_func::<(), ()>(&store, "forever")?;
    let err = forever.call(&mut store, ()).unwrap_err();
    ticker.join().unwrap();
    println!("forever(): {err}");
    assert_eq!(err.as_trap().map(|t| t.code()), Some(TrapCode::Interrupted));

    // Store limits: at most 1 MiB per memory (16 pages).
    store.set_epoch_deadline(1);
    let grow = instance.get_typed_func::<i32, i32>(&store, "grow")?;
    println!("grow(10) = {}", grow.call(&mut store, 10)?);
    println!(
        "grow(10) = {} (past 1 MiB: refused)",
        grow.call(&mut store, 10)?
    );
    assert_eq!(grow.call(&mut store, 10)?, -1);
    Ok(())
}

#[test]
fn runs() {
    main().unwrap();
}
