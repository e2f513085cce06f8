//! Resources across the host boundary: host resources handed to a guest
//! (borrowed by its calls, destroyed by the host's destructor when the
//! guest drops them) and guest resources held and dropped by the host.

use std::sync::{Arc, Mutex};
use wisp_component::{Component, Linker, Resource, ResourceAny, ResourceTable, ResourceType, Val};
use wisp_core::{Engine, Store};

/// A host file: its size.
struct File(u32);

#[derive(Default)]
struct Host {
    table: ResourceTable,
    destroyed: Arc<Mutex<Vec<u32>>>,
}

fn setup() -> (Store<Host>, wisp_component::Instance) {
    let engine = Engine::default();
    let bytes = wat::parse_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/host_resources.wat"
    ))
    .unwrap();
    let component = Component::new(&engine, &bytes).unwrap();
    let mut linker = Linker::<Host>::new(&engine);
    let mut host = linker.instance("host").unwrap();
    host.resource("file", ResourceType::host::<File>(), |mut store, rep| {
        let host = store.data_mut();
        let file = host.table.delete(Resource::<File>::new_own(rep)).unwrap();
        host.destroyed.lock().unwrap().push(file.0);
        Ok(())
    })
    .unwrap();
    host.func_wrap("open", |mut store, (n,): (u32,)| {
        let file = store.data_mut().table.push(File(n * 10)).unwrap();
        Ok((file,))
    })
    .unwrap();
    host.func_wrap("[method]file.size", |store, (file,): (Resource<File>,)| {
        assert!(!file.owned(), "a method takes a borrow");
        Ok((store.data().table.get(&file).unwrap().0,))
    })
    .unwrap();
    let mut store = Store::new(&engine, Host::default());
    let instance = linker.instantiate(&mut store, &component).unwrap();
    (store, instance)
}

#[test]
fn a_guest_borrows_and_drops_a_host_resource() {
    let (mut store, instance) = setup();
    let run = instance
        .get_func("run")
        .unwrap()
        .typed::<(u32,), (u32,)>()
        .unwrap();
    assert_eq!(run.call(&mut store, (4,)).unwrap(), (40,));
    assert_eq!(
        *store.data().destroyed.lock().unwrap(),
        [40],
        "the host destructor ran once"
    );
    let leak = instance
        .get_func("leak")
        .unwrap()
        .typed::<(u32,), (u32,)>()
        .unwrap();
    let (handle,) = leak.call(&mut store, (5,)).unwrap();
    assert_eq!(handle, 1, "the guest's handle index, reused after the drop");
    assert_eq!(
        store.data().destroyed.lock().unwrap().len(),
        1,
        "a kept handle is not destroyed"
    );
}

#[test]
fn the_host_holds_and_drops_a_guest_resource() {
    let (mut store, instance) = setup();
    let make = instance
        .get_func("make")
        .unwrap()
        .typed::<(u32,), (ResourceAny,)>()
        .unwrap();
    let dropped = instance
        .get_func("dropped")
        .unwrap()
        .typed::<(), (u32,)>()
        .unwrap();
    let (thing,) = make.call(&mut store, (7,)).unwrap();
    assert!(thing.owned());
    assert!(
        thing.clone().try_into_resource::<File>().is_err(),
        "not a host type"
    );
    assert_eq!(dropped.call(&mut store, ()).unwrap(), (0,));
    thing.resource_drop(&mut store).unwrap();
    assert_eq!(
        dropped.call(&mut store, ()).unwrap(),
        (7,),
        "the guest destructor got the rep"
    );
    let mut out = [Val::Bool(false)];
    instance
        .get_func("make")
        .unwrap()
        .call(&mut store, &[Val::U32(1)], &mut out)
        .unwrap();
    assert!(matches!(&out[0], Val::Resource(r) if r.owned()));
}

#[test]
fn the_world_prints_as_wit_with_resource_methods() {
    let engine = Engine::default();
    let bytes = wat::parse_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/host_resources.wat"
    ))
    .unwrap();
    let component = Component::new(&engine, &bytes).unwrap();
    let wit = component.world().to_wit("files");
    let expected = "\
world files {
  import host: interface {
    resource file {
        size: func() -> u32;
    }
    open: func(n: u32) -> file;
  }
  export resource thing;
  export run: func(n: u32) -> u32;
  export leak: func(n: u32) -> u32;
  export make: func(rep: u32) -> thing;
  export dropped: func() -> u32;
}
";
    assert_eq!(wit, expected);
}

#[test]
fn a_host_type_defined_under_two_names_has_the_first_destructor() {
    let engine = Engine::default();
    let bytes = wat::parse_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/host_resources.wat"
    ))
    .unwrap();
    let component = Component::new(&engine, &bytes).unwrap();
    let mut linker = Linker::<Host>::new(&engine);
    // The same host type first under another interface, with the real
    // destructor; the component's own import's definition passes a
    // different one, which must not be the one that runs.
    let record = |mut store: wisp_core::StoreContextMut<'_, Host>, rep: u32| {
        let host = store.data_mut();
        let file = host.table.delete(Resource::<File>::new_own(rep)).unwrap();
        host.destroyed.lock().unwrap().push(file.0);
        Ok(())
    };
    linker
        .instance("other")
        .unwrap()
        .resource("file", ResourceType::host::<File>(), record)
        .unwrap();
    let mut host = linker.instance("host").unwrap();
    host.resource("file", ResourceType::host::<File>(), |_, _| {
        Err(wisp_core::Trap::host("the second destructor ran"))
    })
    .unwrap();
    host.func_wrap("open", |mut store, (n,): (u32,)| {
        Ok((store.data_mut().table.push(File(n)).unwrap(),))
    })
    .unwrap();
    host.func_wrap("[method]file.size", |store, (f,): (Resource<File>,)| {
        Ok((store.data().table.get(&f).unwrap().0,))
    })
    .unwrap();
    let mut store = Store::new(&engine, Host::default());
    let instance = linker.instantiate(&mut store, &component).unwrap();
    let run = instance
        .get_func("run")
        .unwrap()
        .typed::<(u32,), (u32,)>()
        .unwrap();
    assert_eq!(run.call(&mut store, (3,)).unwrap(), (3,));
    assert_eq!(*store.data().destroyed.lock().unwrap(), [3]);
}
