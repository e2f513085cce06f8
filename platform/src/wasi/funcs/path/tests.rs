//! `path_open` against a real directory: which rights a directory can be
//! opened with.

extern crate std;

use super::path_open;
use crate::wasi::memory::GuestMemory;
use crate::wasi::types::{oflags, rights};
use crate::wasi::{Capabilities, Errno, WasiCtx, WasiCtxBuilder};
use std::string::ToString;

/// A preopen (descriptor 3) holding a directory `d` and a file `f`.
fn fixture(tag: &str) -> WasiCtx {
    let dir =
        std::env::temp_dir().join(std::format!("wisp-path-open-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("d")).unwrap();
    std::fs::write(dir.join("f"), "f").unwrap();
    WasiCtxBuilder::new()
        .capabilities(Capabilities::ALL)
        .preopened_dir(&dir.display().to_string(), ".")
        .unwrap()
        .build()
}

/// `path_open(3, path, oflags, base)`; the new descriptor on success.
fn open(ctx: &mut WasiCtx, path: &str, open_flags: u16, base: u64) -> Result<u32, Errno> {
    let mut bytes = [0u8; 64];
    bytes[..path.len()].copy_from_slice(path.as_bytes());
    let mut mem = GuestMemory::new(&mut bytes);
    let (path_ptr, out) = (0, 32);
    path_open(
        ctx,
        &mut mem,
        3,
        0,
        path_ptr,
        path.len() as u32,
        u32::from(open_flags),
        base,
        0,
        0,
        out,
    )?;
    mem.read_u32(out)
}

#[test]
fn a_directory_with_write_rights_is_isdir() {
    let mut ctx = fixture("isdir");
    let dir = oflags::DIRECTORY;
    for path in [".", "d", "d/"] {
        for base in [
            rights::FD_READ | rights::FD_WRITE,
            rights::FD_WRITE,
            rights::FD_ALLOCATE,
            rights::FD_FILESTAT_SET_SIZE,
        ] {
            assert_eq!(
                open(&mut ctx, path, dir, base),
                Err(Errno::IsDir),
                "{path} {base:#x}"
            );
        }
        // Read-only and empty rights still open the directory.
        for base in [0, rights::FD_READ, rights::FD_READ | rights::FD_READDIR] {
            assert!(open(&mut ctx, path, dir, base).is_ok(), "{path} {base:#x}");
        }
    }
    // Without OFLAGS_DIRECTORY, opening a directory for writing is ISDIR too.
    assert_eq!(open(&mut ctx, "d", 0, rights::FD_WRITE), Err(Errno::IsDir));
    // A file with OFLAGS_DIRECTORY is NOTDIR, whatever the rights.
    assert_eq!(
        open(&mut ctx, "f", dir, rights::FD_WRITE),
        Err(Errno::NotDir)
    );
    assert_eq!(
        open(&mut ctx, "f", dir, rights::FD_READ),
        Err(Errno::NotDir)
    );
}
