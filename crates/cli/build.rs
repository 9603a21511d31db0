//! Links the `apiroutes` binary as a non-PIE executable on Linux.
//!
//! A PIE binary of this size carries about 30,000 dynamic relocations that the loader
//! applies at every start, touching every page of relocated read-only data: measured as
//! about a tenth of start-up time and megabytes of resident memory. Rust emits
//! position-independent code either way; only the final link changes.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
