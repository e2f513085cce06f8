//! The smallest WASI 0.2 program: one line on stdout, for start-up
//! measurements.

fn main() {
    println!("hello from wasip2");
}
