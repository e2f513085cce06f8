//! Timing and the printed table.

use std::fmt;
use std::time::Instant;

/// Runs `f` `rounds` times and returns the shortest time in seconds.
pub fn best_of<E>(rounds: usize, mut f: impl FnMut() -> Result<(), E>) -> Result<f64, E> {
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let start = Instant::now();
        f()?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

/// Rows of `what | figure | detail`, printed as a markdown table.
#[derive(Default)]
pub struct Table {
    rows: Vec<[String; 3]>,
}

impl Table {
    /// Adds a row.
    pub fn row(&mut self, what: String, figure: String, detail: String) {
        self.rows.push([what, figure, detail]);
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| benchmark | figure | detail |")?;
        writeln!(f, "|---|--:|---|")?;
        for [what, figure, detail] in &self.rows {
            writeln!(f, "| {what} | {figure} | {detail} |")?;
        }
        Ok(())
    }
}
