;; WASI calls for the escape suite (tests/tests/escape.rs): thin wrappers
;; that pass their parameters to WASI preview 1 and return its errno. The
;; test writes path strings into this memory and passes (pointer, length).
;; Scratch: iovec at 256, result words at 512, buffers from 2048.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_remove_directory"
    (func $path_remove_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file"
    (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename"
    (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink"
    (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link"
    (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink"
    (func $path_readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close"
    (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get"
    (func $fd_prestat_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)

  ;; path_open(dirfd, lookupflags, path, oflags, rights): the new fd at 512.
  (func (export "open") (param $fd i32) (param $follow i32) (param $p i32) (param $len i32)
      (param $oflags i32) (param $rights i64) (result i32)
    (call $path_open (local.get $fd) (local.get $follow) (local.get $p) (local.get $len)
      (local.get $oflags) (local.get $rights) (local.get $rights) (i32.const 0) (i32.const 512)))
  (func (export "stat") (param $fd i32) (param $follow i32) (param $p i32) (param $len i32) (result i32)
    (call $path_filestat_get (local.get $fd) (local.get $follow) (local.get $p) (local.get $len)
      (i32.const 1024)))
  (func (export "mkdir") (param i32 i32 i32) (result i32)
    (call $path_create_directory (local.get 0) (local.get 1) (local.get 2)))
  (func (export "rmdir") (param i32 i32 i32) (result i32)
    (call $path_remove_directory (local.get 0) (local.get 1) (local.get 2)))
  (func (export "unlink") (param i32 i32 i32) (result i32)
    (call $path_unlink_file (local.get 0) (local.get 1) (local.get 2)))
  ;; rename(fd, old, old_len, new_fd, new, new_len)
  (func (export "rename") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $path_rename (local.get 0) (local.get 1) (local.get 2)
      (local.get 3) (local.get 4) (local.get 5)))
  ;; symlink(target, target_len, fd, link, link_len)
  (func (export "symlink") (param i32 i32 i32 i32 i32) (result i32)
    (call $path_symlink (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  ;; link(old_fd, follow, old, old_len, new_fd, new, new_len)
  (func (export "link") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    (call $path_link (local.get 0) (local.get 1) (local.get 2) (local.get 3)
      (local.get 4) (local.get 5) (local.get 6)))
  ;; readlink(fd, path, len) into 2048.., 64 bytes; the length used at 512.
  (func (export "readlink") (param i32 i32 i32) (result i32)
    (call $path_readlink (local.get 0) (local.get 1) (local.get 2)
      (i32.const 2048) (i32.const 64) (i32.const 512)))
  ;; read(fd): up to 64 bytes into 2048..; the count at 512.
  (func (export "read") (param $fd i32) (result i32)
    (i32.store (i32.const 256) (i32.const 2048))
    (i32.store (i32.const 260) (i32.const 64))
    (call $fd_read (local.get $fd) (i32.const 256) (i32.const 1) (i32.const 512)))
  ;; write(fd): the 4 bytes at 2048; the count at 512.
  (func (export "write") (param $fd i32) (result i32)
    (i32.store (i32.const 256) (i32.const 2048))
    (i32.store (i32.const 260) (i32.const 4))
    (call $fd_write (local.get $fd) (i32.const 256) (i32.const 1) (i32.const 512)))
  (func (export "close") (param i32) (result i32)
    (call $fd_close (local.get 0)))
  (func (export "prestat") (param i32) (result i32)
    (call $fd_prestat_get (local.get 0) (i32.const 512))))
