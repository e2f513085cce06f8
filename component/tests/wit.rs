//! WIT packages read into worlds (`wit::parse_world`), and components'
//! imports checked against them (`World::check_imports`).
#![cfg(feature = "wit")]

use wisp_component::wit::parse_world;
use wisp_component::{Component, ItemType, Type, World};
use wisp_core::{Engine, ErrorKind};

const SHOP: &str = r#"
package example:shop@1.2.0;

interface types {
    record point { x: s32, y: s32 }
    variant shape { circle(u32), rect(tuple<point, point>), empty }
    enum color { red, green, blue }
    flags perms { read, write, exec }
    type tags = list<string>;
    resource token;
}

interface store {
    use types.{point, color, perms, token};
    resource cart {
        constructor(owner: string);
        add: func(item: string, count: u32) -> result<u32, string>;
        total: func() -> option<u64>;
        merge: static func(a: cart, b: borrow<cart>) -> cart;
    }
    enum error-code { empty, declined }
    checkout: func(c: cart, at: point) -> result<_, error-code>;
    paint: func(c: color, p: perms) -> tuple<bool, f64>;
    redeem: func(c: borrow<cart>, t: token);
}

world shop {
    use types.{shape};
    type ids = list<u64>;
    import store;
    import find: func(keys: ids) -> option<shape>;
    import log: func(msg: string, level: option<u8>);
    export area: func(s: shape) -> f32;
    export api: interface {
        use store.{cart};
        open: func(name: string) -> cart;
    }
}
"#;

fn shop() -> World {
    parse_world(SHOP, None).expect("the shop world")
}

/// The world of a component written in WAT.
fn world_of(wat: &str) -> World {
    let bytes = wat::parse_str(wat).expect("valid WAT");
    Component::new(&Engine::default(), &bytes)
        .expect("valid component")
        .world()
        .clone()
}

/// The message of a failed `check_imports`, which must be a link error.
fn refusal(world: &World, component: &str) -> String {
    let err = world
        .check_imports(&world_of(component))
        .expect_err("refused");
    match err.kind() {
        ErrorKind::Link(message) => message.clone(),
        other => panic!("not a link error: {other:?}"),
    }
}

fn members<'a>(world: &'a World, name: &str) -> &'a [(String, ItemType)] {
    match world.imports.iter().find(|(n, _)| n == name) {
        Some((_, ItemType::Instance(members))) => members,
        other => panic!("{name}: {other:?}"),
    }
}

fn item<'a>(items: &'a [(String, ItemType)], name: &str) -> &'a ItemType {
    &items.iter().find(|(n, _)| n == name).expect(name).1
}

#[test]
fn a_wit_world_converts_with_its_interfaces_types_and_resources() {
    let world = shop();
    let expected = "\
world shop {
  import example:shop/types@1.2.0: interface {
    record point { x: s32, y: s32 };
    variant shape { circle(u32), rect(tuple<point, point>), empty };
    enum color { red, green, blue };
    flags perms { read, write, exec };
    type tags = list<string>;
    resource token;
  }
  import example:shop/store@1.2.0: interface {
    record point { x: s32, y: s32 };
    enum color { red, green, blue };
    flags perms { read, write, exec };
    resource token;
    resource cart {
        constructor(owner: string);
        add: func(item: string, count: u32) -> result<u32, string>;
        total: func() -> option<u64>;
        merge: static func(a: cart, b: borrow<cart>) -> cart;
    }
    enum error-code { empty, declined };
    checkout: func(c: cart, at: point) -> result<_, error-code>;
    paint: func(c: color, p: perms) -> tuple<bool, f64>;
    redeem: func(c: borrow<cart>, t: token);
  }
  import variant shape { circle(u32), rect(tuple<record { x: s32, y: s32 }, record { x: s32, y: s32 }>), empty };
  import type ids = list<u64>;
  import find: func(keys: ids) -> option<shape>;
  import log: func(msg: string, level: option<u8>);
  export area: func(s: shape) -> f32;
  export api: interface {
    resource cart;
    open: func(name: string) -> cart;
  }
}
";
    assert_eq!(world.to_wit("shop"), expected);
}

#[test]
fn resource_functions_have_the_binary_names_and_handle_types() {
    let world = shop();
    let store = members(&world, "example:shop/store@1.2.0");
    let ItemType::Resource(cart) = *item(store, "cart") else {
        panic!("cart is not a resource")
    };
    let func = |name| match item(store, name) {
        ItemType::Func(ty) => ty.clone(),
        other => panic!("{name}: {other:?}"),
    };
    let constructor = func("[constructor]cart");
    assert_eq!(&*constructor.params, [("owner".into(), Type::String)]);
    assert_eq!(constructor.result, Some(Type::Own(cart)));
    let add = func("[method]cart.add");
    assert_eq!(add.params[0], ("self".into(), Type::Borrow(cart)));
    assert_eq!(add.params.len(), 3);
    let merge = func("[static]cart.merge");
    assert_eq!(
        &*merge.params,
        [
            ("a".into(), Type::Own(cart)),
            ("b".into(), Type::Borrow(cart))
        ]
    );
    assert_eq!(merge.result, Some(Type::Own(cart)));
    // The exported interface uses the imported resource: the same key.
    let Some((_, ItemType::Instance(api))) = world.exports.iter().find(|(n, _)| n == "api") else {
        panic!("no api export")
    };
    assert_eq!(*item(api, "cart"), ItemType::Resource(cart));
    // `store` uses the `token` of `types`: one resource, one key.
    let types = members(&world, "example:shop/types@1.2.0");
    assert_eq!(item(types, "token"), item(store, "token"));
    assert_ne!(*item(types, "token"), ItemType::Resource(cart));
}

#[test]
fn a_world_is_chosen_by_name_or_as_the_only_one() {
    let wit = "package a:b;
        world one { import f: func(); }
        world two { import g: func() -> u32; }";
    let two = parse_world(wit, Some("two")).unwrap();
    assert_eq!(two.imports[0].0, "g");
    let err = parse_world(wit, None).unwrap_err().to_string();
    assert_eq!(
        err,
        "invalid text: WIT: There are multiple worlds in `a:b`; \
         one must be explicitly chosen: a:b/one; a:b/two"
    );
    let err = parse_world(wit, Some("three")).unwrap_err().to_string();
    assert!(err.contains("three"), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

#[test]
fn wit_that_does_not_parse_or_resolve_is_refused_with_its_line() {
    let err = parse_world(
        "package a:b;\nworld w {\n  import f: func() -> nope;\n}\n",
        None,
    )
    .unwrap_err();
    let ErrorKind::Text(message) = err.kind() else {
        panic!("{err:?}")
    };
    assert!(message.starts_with("WIT line 3, column 23: "), "{message}");
    assert!(message.contains("nope"), "{message}");
    let err = parse_world("package a:b;\nworld w { import f: func( }", None).unwrap_err();
    assert!(err.to_string().contains("WIT line 2"), "{err}");
    let err = parse_world("package a:b;\nworld w { import other:pkg/i; }", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid text: WIT line 2, column 18: package 'other:pkg' not found. known packages: a:b"
    );
}

#[test]
fn unsupported_wit_is_refused_naming_it() {
    for (wit, what) in [
        ("f: func(x: future<u32>);", "futures are"),
        ("f: func() -> stream<u8>;", "streams are"),
        ("f: func(e: error-context);", "error-context is"),
        ("f: func(m: map<string, u32>);", "maps are"),
        ("f: func(m: list<u32, 4>);", "fixed-size lists are"),
        ("f: async func();", "async functions are"),
    ] {
        let text = format!("package a:b; interface i {{ {wit} }} world w {{ import i; }}");
        let err = parse_world(&text, None).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::Text(format!(
                "WIT: import `a:b/i`: function `f`: {what} not supported"
            )),
            "{wit}"
        );
    }
    let text = "package a:b; interface i { type t = stream<u8>; } world w { export i; }";
    let err = parse_world(text, None).unwrap_err().to_string();
    assert_eq!(
        err,
        "invalid text: WIT: export `a:b/i`: type `t`: streams are not supported"
    );
}

/// Imports a subset of `store` at `version`, and `log`.
fn store_user(version: &str, add_count: &str, paint_result: &str, extra: &str) -> String {
    format!(
        r#"(component
  (import "example:shop/store@{version}" (instance
    (export "cart" (type $cart (sub resource)))
    (type $point (record (field "x" s32) (field "y" s32)))
    (export "point" (type $point-e (eq $point)))
    (type $color (enum "red" "green" "blue"))
    (export "color" (type $color-e (eq $color)))
    (type $perms (flags "read" "write" "exec"))
    (export "perms" (type $perms-e (eq $perms)))
    (type $err (enum "empty" "declined"))
    (export "error-code" (type $err-e (eq $err)))
    (export "[constructor]cart" (func (param "name" string) (result (own $cart))))
    (export "[method]cart.add" (func (param "self" (borrow $cart)) (param "what" string) (param "n" {add_count}) (result (result u32 (error string)))))
    (export "[static]cart.merge" (func (param "x" (own $cart)) (param "y" (borrow $cart)) (result (own $cart))))
    (export "checkout" (func (param "c" (own $cart)) (param "at" $point-e) (result (result (error $err-e)))))
    (export "paint" (func (param "c" $color-e) (param "p" $perms-e) (result {paint_result})))
    {extra}
  ))
  (import "log" (func (param "message" string) (param "level" (option u8))))
)"#
    )
}

const TUPLE: &str = "(tuple bool f64)";

#[test]
fn a_component_importing_a_subset_is_accepted() {
    let world = shop();
    let component = world_of(&store_user("1.2.0", "u32", TUPLE, ""));
    world.check_imports(&component).unwrap();
    // Nothing imported at all.
    world.check_imports(&world_of("(component)")).unwrap();
}

#[test]
fn a_semver_compatible_version_is_accepted() {
    let world = shop();
    for version in ["1.2.7", "1.0.0", "1.9.1"] {
        let component = world_of(&store_user(version, "u32", TUPLE, ""));
        world.check_imports(&component).unwrap();
    }
    let message = refusal(&world, &store_user("2.0.0", "u32", TUPLE, ""));
    assert_eq!(
        message,
        "import `example:shop/store@2.0.0`: not in the world"
    );
}

#[test]
fn a_missing_function_is_refused_naming_it() {
    let extra = r#"(export "refund" (func (param "c" (borrow $cart))))"#;
    let message = refusal(&shop(), &store_user("1.2.0", "u32", TUPLE, extra));
    assert_eq!(
        message,
        "import `example:shop/store@1.2.0`: function `refund`: not in the interface"
    );
}

#[test]
fn a_wrong_parameter_type_is_refused_naming_the_function() {
    let message = refusal(&shop(), &store_user("1.2.0", "u64", TUPLE, ""));
    assert_eq!(
        message,
        "import `example:shop/store@1.2.0`: function `[method]cart.add`: \
         expected func(self: borrow<cart>, item: string, count: u32) -> result<u32, string>, \
         found func(self: borrow<cart>, what: string, n: u64) -> result<u32, string>"
    );
}

#[test]
fn a_wrong_result_type_is_refused_naming_the_function() {
    let message = refusal(&shop(), &store_user("1.2.0", "u32", "(tuple bool f32)", ""));
    assert_eq!(
        message,
        "import `example:shop/store@1.2.0`: function `paint`: \
         expected func(c: color, p: perms) -> tuple<bool, f64>, \
         found func(c: color, p: perms) -> tuple<bool, f32>"
    );
}

#[test]
fn a_missing_interface_is_refused_naming_it() {
    let message = refusal(
        &shop(),
        r#"(component (import "example:shop/billing@1.2.0" (instance
             (export "charge" (func (param "cents" u64))))))"#,
    );
    assert_eq!(
        message,
        "import `example:shop/billing@1.2.0`: not in the world"
    );
}

#[test]
fn named_types_and_handles_are_compared_by_structure_and_name() {
    let world = shop();
    // A record of other fields under the interface's name.
    let message = refusal(
        &world,
        r#"(component (import "example:shop/store@1.2.0" (instance
             (type $point (record (field "x" s32) (field "y" f32)))
             (export "point" (type (eq $point))))))"#,
    );
    assert_eq!(
        message,
        "import `example:shop/store@1.2.0`: type `point`: \
         expected record { x: s32, y: s32 }, found record { x: s32, y: f32 }"
    );
    // A function borrowing the other resource.
    let message = refusal(
        &world,
        r#"(component (import "example:shop/store@1.2.0" (instance
             (export "cart" (type $cart (sub resource)))
             (export "token" (type $token (sub resource)))
             (export "redeem" (func (param "c" (borrow $token)) (param "t" (own $token)))))))"#,
    );
    assert_eq!(
        message,
        "import `example:shop/store@1.2.0`: function `redeem`: \
         expected func(c: borrow<cart>, t: token), found func(c: borrow<token>, t: token)"
    );
    // Handles compare by name: the component numbers its resources in
    // another order (`cart` first) and is accepted.
    let component = world_of(
        r#"(component
             (import "example:shop/store@1.2.0" (instance
               (export "cart" (type $cart (sub resource)))
               (export "token" (type $token (sub resource)))
               (export "redeem" (func (param "c" (borrow $cart)) (param "t" (own $token))))))
             (import "example:shop/types@1.2.0" (instance
               (export "token" (type (sub resource))))))"#,
    );
    let store_keys = |world: &World| {
        let store = members(world, "example:shop/store@1.2.0");
        (item(store, "cart").clone(), item(store, "token").clone())
    };
    let (cart, token) = store_keys(&world);
    assert_eq!(store_keys(&component), (token, cart), "numbered otherwise");
    world.check_imports(&component).unwrap();
    // A top-level function of another type; one of the same type.
    let message = refusal(
        &world,
        r#"(component (import "log" (func (param "message" string))))"#,
    );
    assert_eq!(
        message,
        "import `log`: expected func(msg: string, level: option<u8>), found func(message: string)"
    );
    let message = refusal(&world, r#"(component (import "log" (instance)))"#);
    assert_eq!(
        message,
        "import `log`: expected a function, found an interface"
    );
}

#[test]
fn a_component_world_provides_its_own_imports() {
    let bytes = wat::parse_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/host_resources.wat"
    ))
    .unwrap();
    let component = Component::new(&Engine::default(), &bytes).unwrap();
    component.world().check_imports(component.world()).unwrap();
}

/// An excerpt of WASI 0.2.8's `wasi:cli` (`wit/environment.wit` and
/// `wit/exit.wit` of WebAssembly/wasi-cli), nested in a package of our own
/// whose world imports it.
const WASI_CLI: &str = r#"
package test:app;

world app {
  import wasi:cli/environment@0.2.8;
  import wasi:cli/exit@0.2.8;
}

package wasi:cli@0.2.8 {
  @since(version = 0.2.0)
  interface environment {
    /// Get the POSIX-style environment variables.
    @since(version = 0.2.0)
    get-environment: func() -> list<tuple<string, string>>;

    /// Get the POSIX-style arguments to the program.
    @since(version = 0.2.0)
    get-arguments: func() -> list<string>;

    /// Return a path that programs should use as their initial current working
    /// directory, interpreting `.` as shorthand for this.
    @since(version = 0.2.0)
    initial-cwd: func() -> option<string>;
  }

  @since(version = 0.2.0)
  interface exit {
    /// Exit the current instance and any linked instances.
    @since(version = 0.2.0)
    exit: func(status: result);

    /// Exit the current instance and any linked instances, reporting the
    /// specified status code to the host.
    @unstable(feature = cli-exit-with-code)
    exit-with-code: func(status-code: u8);
  }
}
"#;

fn wasi_user(get_arguments: &str, exit_extra: &str) -> String {
    format!(
        r#"(component
  (import "wasi:cli/environment@0.2.6" (instance
    (export "get-environment" (func (result (list (tuple string string)))))
    (export "get-arguments" (func (result {get_arguments})))
  ))
  (import "wasi:cli/exit@0.2.6" (instance
    (export "exit" (func (param "status" (result))))
    {exit_extra}
  ))
)"#
    )
}

#[test]
fn a_wasi_cli_component_at_0_2_6_is_provided_by_wasi_0_2_8() {
    let world = parse_world(WASI_CLI, None).unwrap();
    let names: Vec<&str> = world.imports.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["wasi:cli/environment@0.2.8", "wasi:cli/exit@0.2.8"]);
    world
        .check_imports(&world_of(&wasi_user("(list string)", "")))
        .unwrap();
    assert_eq!(
        refusal(&world, &wasi_user("string", "")),
        "import `wasi:cli/environment@0.2.6`: function `get-arguments`: \
         expected func() -> list<string>, found func() -> string"
    );
    // The unstable function is not in the world without its feature.
    let extra = r#"(export "exit-with-code" (func (param "status-code" u8)))"#;
    assert_eq!(
        refusal(&world, &wasi_user("(list string)", extra)),
        "import `wasi:cli/exit@0.2.6`: function `exit-with-code`: not in the interface"
    );
}

#[test]
fn an_interface_imported_and_exported_has_two_resources() {
    let world = parse_world(
        "package a:b;
         interface files { resource file { size: func() -> u64; } }
         world w { import files; export files; }",
        None,
    )
    .unwrap();
    let key = |items: &[(String, ItemType)]| match &items[0] {
        (_, ItemType::Instance(members)) => item(members, "file").clone(),
        other => panic!("{other:?}"),
    };
    assert_ne!(key(&world.imports), key(&world.exports));
}
