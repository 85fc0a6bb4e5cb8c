//! Which segments the index writer merges: tantivy's log-sized levels, but no segment grows
//! past [`SEGMENT_CAP`] documents.
//!
//! A search walks each segment on its own, and a lone search spreads the segments over the
//! cores (see `segment_groups` in the index). Left to itself, the log merge policy gathers a
//! million documents into one segment of three quarters of them, which one core then walks
//! alone however many are idle. Segments of at most a quarter of a million keep a large
//! index in pieces the cores can share; an index under that size is still one segment.

use std::collections::HashMap;

use tantivy::SegmentMeta;
use tantivy::index::SegmentId;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents a merge makes one segment of.
pub(crate) const SEGMENT_CAP: u32 = 250_000;

/// Tantivy's log merge policy over the segments with room left, with each merge it proposes
/// cut into merges of at most [`SEGMENT_CAP`] documents.
#[derive(Debug)]
pub(crate) struct CappedMerges {
    levels: LogMergePolicy,
    cap: u32,
}

impl CappedMerges {
    pub(crate) fn new(cap: u32) -> CappedMerges {
        CappedMerges { levels: LogMergePolicy::default(), cap }
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        // A segment past half the cap would make, with any other of its level, one past it.
        // Counted by live documents: one whose updates and deletions bring it back under
        // half is merged again, and gives the space of its dead documents back.
        let open: Vec<SegmentMeta> =
            segments.iter().filter(|segment| segment.num_docs() <= self.cap / 2).cloned().collect();
        let documents: HashMap<SegmentId, u32> =
            open.iter().map(|segment| (segment.id(), segment.num_docs())).collect();
        let mut merges = Vec::new();
        for MergeCandidate(mut ids) in self.levels.compute_merge_candidates(&open) {
            ids.sort_by_key(|id| std::cmp::Reverse(documents.get(id).copied().unwrap_or(0)));
            let mut merge: Vec<SegmentId> = Vec::new();
            let mut size = 0u32;
            for id in ids {
                let docs = documents.get(&id).copied().unwrap_or(0);
                if !merge.is_empty() && size.saturating_add(docs) > self.cap {
                    if merge.len() > 1 {
                        merges.push(MergeCandidate(std::mem::take(&mut merge)));
                    }
                    merge.clear();
                    size = 0;
                }
                merge.push(id);
                size = size.saturating_add(docs);
            }
            if merge.len() > 1 {
                merges.push(MergeCandidate(merge));
            }
        }
        merges
    }
}

#[cfg(test)]
mod tests {
    use tantivy::Index;
    use tantivy::schema::Schema;

    use super::*;

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        sizes.iter().map(|size| index.new_segment_meta(SegmentId::generate_random(), *size)).collect()
    }

    fn merged_sizes(policy: &CappedMerges, segments: &[SegmentMeta]) -> Vec<Vec<u32>> {
        let size: HashMap<SegmentId, u32> = segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut merges: Vec<Vec<u32>> = policy
            .compute_merge_candidates(segments)
            .into_iter()
            .map(|MergeCandidate(ids)| ids.iter().map(|id| size[id]).collect())
            .collect();
        merges.sort();
        merges
    }

    #[test]
    fn small_segments_merge_as_the_log_policy_merges_them() {
        let policy = CappedMerges::new(SEGMENT_CAP);
        let sizes = [20_000; 8];
        assert_eq!(merged_sizes(&policy, &segments(&sizes)), vec![sizes.to_vec()]);
    }

    #[test]
    fn no_merge_makes_a_segment_past_the_cap() {
        let policy = CappedMerges::new(SEGMENT_CAP);
        // Eight of one level: the log policy would make one segment of 960 000 of them.
        let merges = merged_sizes(&policy, &segments(&[120_000; 8]));
        assert_eq!(merges, vec![vec![120_000, 120_000]; 4]);
        for merge in &merges {
            assert!(merge.iter().sum::<u32>() <= SEGMENT_CAP, "{merge:?}");
        }
    }

    #[test]
    fn a_segment_past_half_the_cap_is_left_alone() {
        let policy = CappedMerges::new(SEGMENT_CAP);
        let mut sizes = vec![200_000; 8];
        sizes.extend([1_000; 8]);
        assert_eq!(merged_sizes(&policy, &segments(&sizes)), vec![vec![1_000; 8]]);
    }
}
