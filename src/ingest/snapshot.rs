//! Stage 6: the newest snapshot of each record wins. Rows arrive in application
//! order (older snapshot first, then path, then line), so the last occurrence of a
//! key is the one kept; every earlier one is superseded.

use std::collections::HashMap;
use std::hash::BuildHasher;

use arrow::array::{Array, StringArray, StringBuilder};
use arrow::buffer::{BooleanBuffer, MutableBuffer};

use crate::error::{Error, Result};

/// Keys one pass of the merge holds at most (about 50 bytes each with the table), so
/// the merge's memory is bounded whatever the size of a commune (it still holds one
/// bit per row for the keep masks).
pub const KEYS_PER_PASS: usize = 1 << 20;

/// Seed of the bucket hash: fixed, so a run's passes are reproducible.
const BUCKET_SEED: u64 = 0x636f_6d6d_756e_6573;

/// [`newest_wins`] over the key columns of a group of files (rows per file in
/// `lens`, in application order), in passes: pass `p` takes only the keys whose hash
/// falls in bucket `p`, so a key and all its repeats meet in one pass. `read(file,
/// f)` streams one file's key arrays to `f`, and is called once per pass.
pub fn newest_wins_in_passes(
    lens: &[usize],
    per_pass: usize,
    threads: usize,
    read: impl Fn(usize, &mut dyn FnMut(&StringArray)) -> Result<()> + Sync,
) -> Result<Vec<BooleanBuffer>> {
    let total: usize = lens.iter().sum();
    let passes = total.div_ceil(per_pass.max(1)).max(1) as u64;
    let mut keep: Vec<MutableBuffer> = lens
        .iter()
        .map(|&n| MutableBuffer::new_null(n).with_bitset(n.div_ceil(8), true))
        .collect();
    let buckets = foldhash::fast::FixedState::with_seed(BUCKET_SEED);
    // Passes are independent (each holds its bucket's keys only): they run on up to
    // `threads` cores, and each returns the rows its bucket supersedes.
    let pass_ids: Vec<u64> = (0..passes).collect();
    let losers = crate::parallel::map(threads, &pass_ids, |&pass| {
        let mut keys = StringBuilder::new();
        let mut at: Vec<(usize, usize)> = Vec::new();
        for (file, &len) in lens.iter().enumerate() {
            let mut row = 0usize;
            read(file, &mut |array| {
                for key in array.iter() {
                    let key = key.unwrap_or_default();
                    if passes == 1 || buckets.hash_one(key) % passes == pass {
                        keys.append_value(key);
                        at.push((file, row));
                    }
                    row += 1;
                }
            })?;
            if row != len {
                return Err(Error::Invariant(format!(
                    "snapshot merge: file {file} of its group has {row} keys, {len} expected"
                )));
            }
        }
        let keys = keys.finish();
        let wins = newest_wins(keys.iter().map(Option::unwrap_or_default), keys.len());
        Ok(at
            .into_iter()
            .zip(wins)
            .filter_map(|(at, won)| (!won).then_some(at))
            .collect::<Vec<_>>())
    })?;
    for (file, row) in losers.into_iter().flatten() {
        arrow::util::bit_util::unset_bit(keep[file].as_slice_mut(), row);
    }
    Ok(keep
        .into_iter()
        .zip(lens)
        .map(|(bits, &n)| BooleanBuffer::new(bits.into(), 0, n))
        .collect())
}

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
    fn passes_over_buckets_agree_with_one_pass() {
        // Three files of keys with repeats across and within files.
        let files: Vec<Vec<String>> = (0..3)
            .map(|f| {
                (0..200)
                    .map(|i| format!("HS-{}", (i * 7 + f * 31) % 150))
                    .collect()
            })
            .collect();
        let whole = newest_wins(files.iter().flatten().map(String::as_str), 600);
        let lens = [200, 200, 200];
        for per_pass in [1, 7, 100, 600, 10_000] {
            let masks = newest_wins_in_passes(&lens, per_pass, 2, |file, f| {
                // Two batches per file, as a Parquet reader would give them.
                for half in files[file].chunks(120) {
                    f(&StringArray::from_iter_values(half));
                }
                Ok(())
            })
            .expect("merge");
            let got: Vec<bool> = masks.iter().flat_map(|m| m.iter()).collect();
            assert_eq!(got, whole, "{per_pass} keys per pass");
        }
    }

    #[test]
    fn a_file_shorter_than_recorded_is_an_invariant_error() {
        let err = newest_wins_in_passes(&[3], 10, 2, |_, f| {
            f(&StringArray::from_iter_values(["a", "b"]));
            Ok(())
        })
        .expect_err("short");
        assert!(err.to_string().contains("2 keys, 3 expected"), "{err}");
    }

    #[test]
    fn last_occurrence_wins() {
        let keep = newest_wins(["a", "b", "a", "c", "b", "a"].into_iter(), 6);
        assert_eq!(keep, vec![false, false, false, true, true, true]);
    }
}
