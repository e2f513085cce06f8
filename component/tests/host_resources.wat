(component
  (type $host-t (instance
    (export "file" (type (sub resource)))
    (export "open" (func (param "n" u32) (result (own 0))))
    (export "[method]file.size" (func (param "self" (borrow 0)) (result u32)))
  ))
  (import "host" (instance $host (type $host-t)))
  (alias export $host "file" (type $file))
  (alias export $host "open" (func $open))
  (alias export $host "[method]file.size" (func $size))
  (core func $open (canon lower (func $open)))
  (core func $size (canon lower (func $size)))
  (core func $drop-file (canon resource.drop $file))
  (core module $m
    (import "h" "open" (func $open (param i32) (result i32)))
    (import "h" "size" (func $size (param i32) (result i32)))
    (import "h" "drop" (func $drop (param i32)))
    ;; open a host file, ask its size through a borrow, drop it
    (func (export "run") (param i32) (result i32)
      (local $h i32) (local $s i32)
      (local.set $h (call $open (local.get 0)))
      (local.set $s (call $size (local.get $h)))
      (call $drop (local.get $h))
      (local.get $s))
    ;; open and keep it: the handle stays in the table
    (func (export "leak") (param i32) (result i32)
      (call $open (local.get 0)))
  )
  (core instance $i (instantiate $m (with "h" (instance
    (export "open" (func $open)) (export "size" (func $size)) (export "drop" (func $drop-file))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $i "run")))
  (func (export "leak") (param "n" u32) (result u32) (canon lift (core func $i "leak")))

  (core module $g
    (global $dropped (mut i32) (i32.const 0))
    (func (export "dtor") (param i32) (global.set $dropped (i32.add (global.get $dropped) (local.get 0))))
    (func (export "dropped") (result i32) (global.get $dropped)))
  (core instance $g (instantiate $g))
  (type $thing (resource (rep i32) (dtor (core func $g "dtor"))))
  (core func $new (canon resource.new $thing))
  (core module $mk
    (import "r" "new" (func $new (param i32) (result i32)))
    (func (export "make") (param i32) (result i32) (call $new (local.get 0))))
  (core instance $mk (instantiate $mk (with "r" (instance (export "new" (func $new))))))
  (export $thing-e "thing" (type $thing))
  (func (export "make") (param "rep" u32) (result (own $thing-e)) (canon lift (core func $mk "make")))
  (func (export "dropped") (result u32) (canon lift (core func $g "dropped")))
)
