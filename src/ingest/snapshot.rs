//! Stage 6: the newest snapshot of each record wins. Rows arrive in application
//! order (older snapshot first, then path, then line), so the last occurrence of a
//! key is the one kept; every earlier one is superseded.

use std::collections::HashMap;

/// `keep[i]` is true when row `i` is the last occurrence of its key; `rows` is how
/// many keys there are (sizing the table once instead of growing it).
pub fn newest_wins<'a>(keys: impl Iterator<Item = &'a str>, rows: usize) -> Vec<bool> {
    // Keys are the communes' own ids, hashed millions of times per run: a fast
    // non-cryptographic hasher (seeded per process) rather than SipHash.
    let mut last: HashMap<&'a str, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(rows, Default::default());
    let mut keep = Vec::with_capacity(rows);
    for (i, key) in keys.enumerate() {
        if let Some(prev) = last.insert(key, i) {
            keep[prev] = false;
        }
        keep.push(true);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_occurrence_wins() {
        let keep = newest_wins(["a", "b", "a", "c", "b", "a"].into_iter(), 6);
        assert_eq!(keep, vec![false, false, false, true, true, true]);
    }
}
