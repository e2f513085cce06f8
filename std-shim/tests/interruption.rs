//! Stopping runaway Wasm from another thread: an epoch ticker, as wasmtime
//! users write it.

use std::time::Duration;
use wisp::{Config, Engine, Linker, Module, Store, TrapCode};

#[test]
fn a_timer_thread_ticking_the_epoch_stops_an_endless_loop() {
    let mut config = Config::new();
    config.epoch_interruption(true);
    let engine = Engine::new(&config);
    let module = Module::new(
        &engine,
        r#"(module (func (export "forever") (loop $l (br $l))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    store.set_epoch_deadline(2);
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let forever = instance
        .get_typed_func::<(), ()>(&store, "forever")
        .unwrap();
    let ticker = {
        let engine = engine.clone();
        std::thread::spawn(move || {
            for _ in 0..2 {
                std::thread::sleep(Duration::from_millis(20));
                engine.increment_epoch();
            }
        })
    };
    let err = forever.call(&mut store, ()).unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), TrapCode::Interrupted);
    ticker.join().unwrap();
    assert!(engine.current_epoch() >= 2);
}
